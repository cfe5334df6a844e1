/*
 * lock.c - one editor per sheet: an O_EXCL lock file next to it, with
 * safe takeover of stale locks (see lock.h; format in docs/reliability.md).
 */
#include "lock.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "sidefile.h"

#define MAGIC "torikumi-lock 1"
/* A lock file that stays empty or unreadable this long was left by a crash during creation. */
#define HALF_WRITTEN_SECONDS 30
#define MAX_ATTEMPTS 20

struct sheet_lock {
    char *path;
    dev_t dev;
    ino_t ino;
    struct lock_owner me;
};

static void who_am_i(struct lock_owner *o)
{
    memset(o, 0, sizeof(*o));
    sidefile_user(o->user, sizeof(o->user));
    sidefile_host(o->host, sizeof(o->host));
    sidefile_boot_id(o->boot_id, sizeof(o->boot_id));
    o->pid = (long)getpid();
    sidefile_iso8601(time(NULL), o->since, sizeof(o->since));
}

static void format_owner(const struct lock_owner *o, struct strbuf *sb)
{
    strbuf_addf(sb, "%s\nuser %s\nhost %s\nboot %s\npid %ld\nsince %s\n", MAGIC, o->user,
                o->host, o->boot_id, o->pid, o->since);
}

static void copy_value(char *dst, size_t size, const char *v, size_t n)
{
    if (n >= size)
        n = size - 1;
    memcpy(dst, v, n);
    dst[n] = '\0';
}

/* Parse lock file text; returns false (owner pid 0) when it is not a complete lock file. */
static bool parse_owner(const char *text, size_t len, struct lock_owner *o)
{
    memset(o, 0, sizeof(*o));
    size_t ml = strlen(MAGIC);
    if (len < ml + 1 || memcmp(text, MAGIC, ml) != 0 || text[ml] != '\n')
        return false;
    bool have_pid = false, have_host = false;
    const char *p = text + ml + 1, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return false;   /* half written */
        const char *sp = memchr(p, ' ', (size_t)(nl - p));
        if (sp) {
            size_t kl = (size_t)(sp - p), vl = (size_t)(nl - sp - 1);
            const char *v = sp + 1;
            if (kl == 4 && !memcmp(p, "user", 4))
                copy_value(o->user, sizeof(o->user), v, vl);
            else if (kl == 4 && !memcmp(p, "host", 4)) {
                copy_value(o->host, sizeof(o->host), v, vl);
                have_host = vl > 0;
            } else if (kl == 4 && !memcmp(p, "boot", 4))
                copy_value(o->boot_id, sizeof(o->boot_id), v, vl);
            else if (kl == 5 && !memcmp(p, "since", 5))
                copy_value(o->since, sizeof(o->since), v, vl);
            else if (kl == 3 && !memcmp(p, "pid", 3)) {
                char num[24];
                copy_value(num, sizeof(num), v, vl);
                char *e;
                long pid = strtol(num, &e, 10);
                have_pid = *num && !*e && pid > 0;
                o->pid = have_pid ? pid : 0;
            }
        }
        p = nl + 1;
    }
    if (!have_pid || !have_host) {
        o->pid = 0;
        return false;
    }
    return true;
}

/* Read the whole (small) lock file from fd. */
static int read_fd(int fd, struct strbuf *sb)
{
    strbuf_reset(sb);
    off_t off = 0;
    for (;;) {
        strbuf_grow(sb, 4096);
        ssize_t n = pread(fd, sb->buf + sb->len, sb->cap - sb->len - 1, off);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0 || sb->len > 65536)
            break;
        sb->len += (size_t)n;
        off += n;
        sb->buf[sb->len] = '\0';
    }
    return 0;
}

static bool pid_alive(long pid)
{
    if (pid <= 0)
        return false;
    return kill((pid_t)pid, 0) == 0 || errno != ESRCH;
}

bool lock_owner_stale(const struct lock_owner *owner)
{
    char host[256], boot[64];
    sidefile_host(host, sizeof(host));
    if (owner->pid <= 0 || strcmp(owner->host, host) != 0)
        return false;
    sidefile_boot_id(boot, sizeof(boot));
    if (*boot && *owner->boot_id && strcmp(boot, owner->boot_id) != 0)
        return true;   /* this host rebooted since: the pid is another process now, if any */
    return !pid_alive(owner->pid);
}

/* Stale, judged from the contents and, for a half-written file, its age. */
static bool file_stale(const struct lock_owner *o, bool complete, const struct stat *st)
{
    if (!complete)
        return time(NULL) - st->st_mtime >= HALF_WRITTEN_SECONDS;
    return lock_owner_stale(o);
}

/*
 * Mutual exclusion among processes taking over the same stale file: an
 * fcntl write lock on it (needs a writable fd), else flock().  Waits up
 * to 5 s; the holder only re-checks and unlinks.
 */
static int take_mutex(int fd, bool writable)
{
    for (int i = 0; i < 500; i++) {
        int rc;
        if (writable) {
            struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
            rc = fcntl(fd, F_SETLK, &fl);
        } else
            rc = flock(fd, LOCK_EX | LOCK_NB);
        if (rc == 0)
            return 0;
        if (errno != EAGAIN && errno != EACCES && errno != EWOULDBLOCK && errno != EINTR)
            return -1;
        usleep(10000);
    }
    errno = ETIMEDOUT;
    return -1;
}

static bool same_owner(const struct lock_owner *a, const struct lock_owner *b)
{
    return a->pid == b->pid && !strcmp(a->host, b->host) && !strcmp(a->user, b->user) &&
           !strcmp(a->since, b->since) && !strcmp(a->boot_id, b->boot_id);
}

/*
 * The lock file at path exists: open it, read who holds it.  Returns 1
 * when it exists (fd left open in *fdp, stat in *st), 0 when it vanished
 * meanwhile, -1 on error.
 */
static int open_existing(const char *path, int *fdp, bool *writable, struct lock_owner *o,
                         bool *complete, struct stat *st, struct error *e)
{
    *writable = true;
    int fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0 && (errno == EACCES || errno == EPERM || errno == EROFS)) {
        *writable = false;
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    }
    if (fd < 0) {
        if (errno == ENOENT)
            return 0;
        return error_set(e, path, 0, 0, _("cannot read the lock file: %s"), strerror(errno));
    }
    struct strbuf sb = STRBUF_INIT;
    if (fstat(fd, st) < 0 || read_fd(fd, &sb) < 0) {
        int err = errno;
        strbuf_release(&sb);
        close(fd);
        return error_set(e, path, 0, 0, _("cannot read the lock file: %s"), strerror(err));
    }
    *complete = parse_owner(strbuf_cstr(&sb), sb.len, o);
    strbuf_release(&sb);
    *fdp = fd;
    return 1;
}

/*
 * Under the mutex on fd (the file we judged stale as o): if path still
 * names that very file with the same contents, remove it.  Returns 1 when
 * removed, 0 when it changed meanwhile, -1 on error.
 */
static int remove_if_unchanged(const char *path, int fd, bool writable,
                               const struct lock_owner *o, bool complete, struct error *e)
{
    if (take_mutex(fd, writable) < 0)
        return error_set(e, path, 0, 0, _("cannot lock the lock file: %s"), strerror(errno));
    struct stat now, mine;
    if (stat(path, &now) < 0 || fstat(fd, &mine) < 0 || now.st_ino != mine.st_ino ||
        now.st_dev != mine.st_dev)
        return 0;   /* someone removed or replaced it first */
    struct strbuf sb = STRBUF_INIT;
    struct lock_owner again;
    bool again_complete = read_fd(fd, &sb) == 0 && parse_owner(strbuf_cstr(&sb), sb.len, &again);
    strbuf_release(&sb);
    if (again_complete != complete || (complete && !same_owner(&again, o)))
        return 0;   /* it was being written; look again */
    if (unlink(path) < 0 && errno != ENOENT)
        return error_set(e, path, 0, 0, _("cannot remove the stale lock: %s"), strerror(errno));
    return 1;
}

static int create_lock(const char *path, const struct lock_owner *me, struct stat *st,
                       struct error *e)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0)
        return errno == EEXIST ? 0 : error_set(e, path, 0, 0, _("cannot create the lock file: %s"),
                                                   strerror(errno));
    struct strbuf sb = STRBUF_INIT;
    format_owner(me, &sb);
    ssize_t n = write(fd, sb.buf, sb.len);
    int err = errno;
    bool ok = n == (ssize_t)sb.len && fstat(fd, st) == 0;
    if (!ok && n >= 0)
        err = ENOSPC;
    strbuf_release(&sb);
    close(fd);
    if (!ok) {
        unlink(path);
        return error_set(e, path, 0, 0, _("cannot write the lock file: %s"), strerror(err));
    }
    return 1;
}

enum lock_result lock_acquire(const char *sheet_path, struct sheet_lock **lock,
                              struct lock_owner *holder, bool *took_over, struct error *e)
{
    error_clear(e);
    *lock = NULL;
    if (took_over)
        *took_over = false;
    char *path = sidefile_path(sheet_path, SIDEFILE_LOCK);
    struct lock_owner me;
    who_am_i(&me);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        struct stat st;
        int rc = create_lock(path, &me, &st, e);
        if (rc < 0)
            break;
        if (rc == 1) {
            struct sheet_lock *l = xcalloc(1, sizeof(*l));
            l->path = path;
            l->dev = st.st_dev;
            l->ino = st.st_ino;
            l->me = me;
            *lock = l;
            return LOCK_ACQUIRED;
        }
        int fd;
        bool writable, complete = false;
        struct lock_owner o;
        rc = open_existing(path, &fd, &writable, &o, &complete, &st, e);
        if (rc < 0)
            break;
        if (rc == 0)
            continue;   /* released meanwhile: try again */
        if (!file_stale(&o, complete, &st)) {
            close(fd);
            if (holder)
                *holder = o;
            free(path);
            return LOCK_HELD;
        }
        rc = remove_if_unchanged(path, fd, writable, &o, complete, e);
        close(fd);   /* drops the mutex */
        if (rc < 0)
            break;
        if (rc == 1 && took_over)
            *took_over = true;
    }
    if (!e->msg[0])
        error_set(e, path, 0, 0, _("could not take the lock (too many processes at once)"));
    free(path);
    return LOCK_ERROR;
}

static bool still_ours(const struct sheet_lock *l)
{
    int fd = open(l->path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return false;
    struct stat st;
    struct strbuf sb = STRBUF_INIT;
    struct lock_owner o;
    bool ours = fstat(fd, &st) == 0 && st.st_ino == l->ino && st.st_dev == l->dev &&
                read_fd(fd, &sb) == 0 && parse_owner(strbuf_cstr(&sb), sb.len, &o) &&
                same_owner(&o, &l->me);
    strbuf_release(&sb);
    close(fd);
    return ours;
}

bool lock_still_held(const struct sheet_lock *lock)
{
    return lock && still_ours(lock);
}

int lock_release(struct sheet_lock *lock, struct error *e)
{
    error_clear(e);
    if (!lock)
        return 0;
    int rc = 0;
    /* Nobody else removes a live lock of this host, so it cannot change between check and unlink. */
    if (still_ours(lock) && unlink(lock->path) < 0 && errno != ENOENT)
        rc = error_set(e, lock->path, 0, 0, _("cannot remove the lock file: %s"), strerror(errno));
    free(lock->path);
    free(lock);
    return rc;
}

/* The sheet's lock file as found, open (fd) when there is one. */
struct found_lock {
    char *path;
    int fd;
    bool writable, complete;
    struct stat st;
    struct lock_owner owner;
};

/* 1 with f filled (close with found_close), 0 when there is no lock, -1 with e set. */
static int find_lock(const char *sheet_path, struct found_lock *f, struct error *e)
{
    error_clear(e);
    f->path = sidefile_path(sheet_path, SIDEFILE_LOCK);
    f->complete = false;
    int rc = open_existing(f->path, &f->fd, &f->writable, &f->owner, &f->complete, &f->st, e);
    if (rc != 1) {
        free(f->path);
        f->path = NULL;
    }
    return rc;
}

static void found_close(struct found_lock *f)
{
    close(f->fd);
    free(f->path);
}

int lock_inspect(const char *sheet_path, struct lock_owner *holder, struct error *e)
{
    struct found_lock f;
    int rc = find_lock(sheet_path, &f, e);
    if (rc == 1) {
        if (holder)
            *holder = f.owner;
        found_close(&f);
    }
    return rc;
}

int lock_break(const char *sheet_path, const struct lock_owner *expected, struct error *e)
{
    struct found_lock f;
    int rc = find_lock(sheet_path, &f, e);
    if (rc != 1)
        return rc < 0 ? -1 : 0;
    bool as_seen = !expected || (f.complete && same_owner(&f.owner, expected));
    rc = as_seen ? remove_if_unchanged(f.path, f.fd, f.writable, &f.owner, f.complete, e) : 0;
    if (rc == 0)
        rc = error_set(e, f.path, 0, 0, _("the lock changed meanwhile; not removed"));
    found_close(&f);
    return rc < 0 ? -1 : 0;
}

void lock_describe(const struct lock_owner *o, struct strbuf *out)
{
    if (o->pid <= 0) {
        strbuf_addstr(out, _("someone (the lock file is being written or is unreadable)"));
        return;
    }
    strbuf_addf(out, _("%s on %s (pid %ld) since %s"), o->user, o->host, o->pid, o->since);
}
