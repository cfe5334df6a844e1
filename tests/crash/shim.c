/*
 * shim.c - an LD_PRELOAD crash and failure injector for saves.
 *
 *   cc -shared -fPIC -o shim.so shim.c -ldl
 *   CRASH_DIR=/abs/dir CRASH_OP=write CRASH_K=3 CRASH_ACTION=kill \
 *   CRASH_LOG=/abs/log LD_PRELOAD=./shim.so torikumi new ...
 *
 * It watches the calls a save makes on files in CRASH_DIR: open for
 * writing, write, fsync (of a file, or of the directory: "dirfsync"),
 * close, rename, unlink, fchmod, fchown.  Every watched call is counted,
 * per kind and over all kinds ("any"); at the CRASH_K-th call of kind
 * CRASH_OP, before the call is made, it does CRASH_ACTION:
 *   kill    SIGKILL the process (the call never happens)
 *   enospc  fail the call with ENOSPC (close: the descriptor is closed first)
 *   eio     fail the call with EIO
 *   short   (write) write half the bytes and return that count
 * CRASH_CHUNK=N makes every watched write write at most N bytes (a short
 * write), so a save makes many writes.  CRASH_LOG gets one line per
 * watched call, in order, plus "report" for writes to stdout/stderr and
 * "exit" at exit: the order proves what was durable before success was
 * reported.  Unset CRASH_OP: only logging.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

enum kind { K_OPEN, K_WRITE, K_FSYNC, K_DIRFSYNC, K_CLOSE, K_RENAME, K_UNLINK, K_FCHMOD, K_FCHOWN,
            K_ANY, N_KINDS };
static const char *const kind_names[N_KINDS] = { "open", "write", "fsync", "dirfsync", "close",
                                                 "rename", "unlink", "fchmod", "fchown", "any" };

#define MAX_FD 1024
static char watched[MAX_FD];      /* 0 no, 'f' file, 'd' directory */
static char fd_path[MAX_FD][64];  /* basename, for the log */
static char dir[PATH_MAX];
static size_t dir_len;
static int target_kind = -1;
static long target_k;
static char action[16];
static size_t chunk;
static int log_fd = -1;
static long counts[N_KINDS];

static int (*real_open)(const char *, int, ...);
static int (*real_openat)(int, const char *, int, ...);
static ssize_t (*real_write)(int, const void *, size_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_close)(int);
static int (*real_rename)(const char *, const char *);
static int (*real_unlink)(const char *);
static int (*real_fchmod)(int, mode_t);
static int (*real_fchown)(int, uid_t, gid_t);

static void resolve(void)
{
    if (real_open)
        return;
    real_open = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
    real_openat = (int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, "openat");
    real_write = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    real_fsync = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    real_fdatasync = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    real_close = (int (*)(int))dlsym(RTLD_NEXT, "close");
    real_rename = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    real_unlink = (int (*)(const char *))dlsym(RTLD_NEXT, "unlink");
    real_fchmod = (int (*)(int, mode_t))dlsym(RTLD_NEXT, "fchmod");
    real_fchown = (int (*)(int, uid_t, gid_t))dlsym(RTLD_NEXT, "fchown");
}

static void logf_(const char *fmt, ...)
{
    if (log_fd < 0)
        return;
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (n > (int)sizeof(line) - 2)
        n = (int)sizeof(line) - 2;
    line[n++] = '\n';
    real_write(log_fd, line, (size_t)n);
}

static void at_exit_log(void)
{
    logf_("exit");
}

__attribute__((constructor)) static void shim_init(void)
{
    resolve();
    const char *d = getenv("CRASH_DIR");
    if (d && *d) {
        snprintf(dir, sizeof(dir), "%s", d);
        dir_len = strlen(dir);
        while (dir_len > 1 && dir[dir_len - 1] == '/')
            dir[--dir_len] = '\0';
    }
    const char *op = getenv("CRASH_OP");
    for (int i = 0; op && i < N_KINDS; i++)
        if (!strcmp(op, kind_names[i]))
            target_kind = i;
    target_k = getenv("CRASH_K") ? atol(getenv("CRASH_K")) : 0;
    snprintf(action, sizeof(action), "%s", getenv("CRASH_ACTION") ? getenv("CRASH_ACTION") : "kill");
    chunk = getenv("CRASH_CHUNK") ? (size_t)atol(getenv("CRASH_CHUNK")) : 0;
    const char *lg = getenv("CRASH_LOG");
    if (lg && *lg) {
        log_fd = real_open(lg, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (log_fd >= 0 && log_fd < MAX_FD)
            watched[log_fd] = 0;
        atexit(at_exit_log);
    }
}

static bool in_dir(const char *path)
{
    if (!dir_len || !path)
        return false;
    return strncmp(path, dir, dir_len) == 0 && (path[dir_len] == '/' || path[dir_len] == '\0');
}

static const char *base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s && s[1] ? s + 1 : p;
}

/* Count a watched call of kind k; returns the action to take ("" none). */
static const char *hit(enum kind k)
{
    counts[k]++;
    counts[K_ANY]++;
    if (target_kind < 0)
        return "";
    long n = target_kind == K_ANY ? counts[K_ANY] : target_kind == (int)k ? counts[k] : -1;
    if (n != target_k)
        return "";
    logf_("inject %s at %s #%ld", action, kind_names[target_kind], target_k);
    if (!strcmp(action, "kill")) {
        kill(getpid(), SIGKILL);
        for (;;)
            pause();
    }
    return action;
}

static int fail_with(const char *act)
{
    errno = !strcmp(act, "eio") ? EIO : ENOSPC;
    return -1;
}

static void watch(int fd, const char *path, int flags)
{
    if (fd < 0 || fd >= MAX_FD || !in_dir(path))
        return;
    bool is_dir = (flags & O_DIRECTORY) != 0;
    if (!is_dir && !(flags & (O_WRONLY | O_RDWR)))
        return;
    watched[fd] = is_dir ? 'd' : 'f';
    snprintf(fd_path[fd], sizeof(fd_path[fd]), "%s", is_dir ? "<dir>" : base(path));
}

static int do_open(int dirfd, bool at, const char *path, int flags, mode_t mode)
{
    resolve();
    bool watch_it = in_dir(path) && ((flags & (O_WRONLY | O_RDWR)) || (flags & O_DIRECTORY));
    if (watch_it) {
        const char *a = hit(K_OPEN);
        logf_("open %s%s", (flags & O_DIRECTORY) ? "<dir> " : "", base(path));
        if (*a && strcmp(a, "short"))
            return fail_with(a);
    }
    int fd = at ? real_openat(dirfd, path, flags, mode) : real_open(path, flags, mode);
    if (fd >= 0 && fd < MAX_FD)
        watched[fd] = 0;
    if (watch_it)
        watch(fd, path, flags);
    return fd;
}

/*
 * open, open64 and openat: the mode argument is there only when the call
 * may create a file, so it is read only then.
 */
#define OPEN_LIKE(name, params, dir, at)                        \
    int name params                                             \
    {                                                           \
        mode_t mode = 0;                                        \
        if (flags & (O_CREAT | O_TMPFILE)) {                    \
            va_list ap;                                         \
            va_start(ap, flags);                                \
            mode = (mode_t)va_arg(ap, int);                     \
            va_end(ap);                                         \
        }                                                       \
        return do_open(dir, at, path, flags, mode);             \
    }

OPEN_LIKE(open, (const char *path, int flags, ...), AT_FDCWD, false)
OPEN_LIKE(open64, (const char *path, int flags, ...), AT_FDCWD, false)
OPEN_LIKE(openat, (int dirfd, const char *path, int flags, ...), dirfd, true)

static bool is_watched(int fd)
{
    return fd >= 0 && fd < MAX_FD && watched[fd];
}

ssize_t write(int fd, const void *buf, size_t n)
{
    resolve();
    if (!is_watched(fd)) {
        if ((fd == 1 || fd == 2) && n > 0) {
            const char *nl = memchr(buf, '\n', n);
            size_t show = nl ? (size_t)(nl - (const char *)buf) : n;
            logf_("report fd%d %.*s", fd, (int)(show > 80 ? 80 : show), (const char *)buf);
        }
        return real_write(fd, buf, n);
    }
    const char *a = hit(K_WRITE);
    size_t len = chunk && n > chunk ? chunk : n;
    if (!strcmp(a, "short"))
        len = n > 1 ? n / 2 : n;
    else if (*a)
        return fail_with(a);
    logf_("write %s %zu", fd_path[fd], len);
    return real_write(fd, buf, len);
}

static int do_fsync(int fd, int (*real)(int))
{
    resolve();
    if (!is_watched(fd))
        return real(fd);
    bool d = watched[fd] == 'd';
    const char *a = hit(d ? K_DIRFSYNC : K_FSYNC);
    logf_("%s %s", d ? "dirfsync" : "fsync", fd_path[fd]);
    if (*a && strcmp(a, "short"))
        return fail_with(a);
    return real(fd);
}

int fsync(int fd)
{
    resolve();
    return do_fsync(fd, real_fsync);
}

int fdatasync(int fd)
{
    resolve();
    return do_fsync(fd, real_fdatasync);
}

int close(int fd)
{
    resolve();
    if (!is_watched(fd))
        return real_close(fd);
    const char *a = hit(K_CLOSE);
    logf_("close %s", fd_path[fd]);
    watched[fd] = 0;
    int rc = real_close(fd);
    if (*a && strcmp(a, "short"))
        return fail_with(a);
    return rc;
}

int rename(const char *from, const char *to)
{
    resolve();
    if (!in_dir(from) && !in_dir(to))
        return real_rename(from, to);
    const char *a = hit(K_RENAME);
    logf_("rename %s %s", base(from), base(to));
    if (*a && strcmp(a, "short"))
        return fail_with(a);
    return real_rename(from, to);
}

int unlink(const char *path)
{
    resolve();
    if (!in_dir(path))
        return real_unlink(path);
    hit(K_UNLINK);
    logf_("unlink %s", base(path));
    return real_unlink(path);
}

int fchmod(int fd, mode_t mode)
{
    resolve();
    if (is_watched(fd)) {
        hit(K_FCHMOD);
        logf_("fchmod %s %o", fd_path[fd], (unsigned)mode);
    }
    return real_fchmod(fd, mode);
}

int fchown(int fd, uid_t uid, gid_t gid)
{
    resolve();
    if (is_watched(fd)) {
        hit(K_FCHOWN);
        logf_("fchown %s %ld:%ld", fd_path[fd], (long)uid, (long)gid);
    }
    return real_fchown(fd, uid, gid);
}
