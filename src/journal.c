/*
 * journal.c - the recovery journal's writer: buffered, checksummed,
 * fsynced change log next to a sheet (see journal.h; format in
 * docs/reliability.md).  Reading and replaying: journal_read.c.
 */
#include "journal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "journal_impl.h"
#include "sidefile.h"

static const struct save_io *io = &save_real_io;

void journal_set_io(const struct save_io *new_io)
{
    io = new_io ? new_io : &save_real_io;
}

/* ---- CRC-32 (IEEE 802.3, as zlib) -------------------------------------------------- */

static uint32_t crc_table[256];

static void crc_init(void)
{
    if (crc_table[1])
        return;
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

uint32_t journal_crc32(const char *p, size_t n)
{
    crc_init();
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++)
        c = crc_table[(c ^ (unsigned char)p[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

/* ---- writing entries ------------------------------------------------------------- */

static void add_str(struct strbuf *sb, const char *s, size_t n)
{
    strbuf_addf(sb, " %zu:", n);
    strbuf_add(sb, s, n);
}

/* Close the entry that starts at sb->buf + start: " crc\n". */
static void finish_entry(struct strbuf *sb, size_t start)
{
    uint32_t c = journal_crc32(sb->buf + start, sb->len - start);
    strbuf_addf(sb, " %08x\n", (unsigned)c);
}

void journal_format_header(struct strbuf *sb, const struct journal_header *h)
{
    size_t start = sb->len;
    strbuf_addstr(sb, JOURNAL_MAGIC);
    add_str(sb, h->sheet_path, strlen(h->sheet_path));
    strbuf_addf(sb, " %lld %lld.%09ld %016llx", h->loaded.size, h->loaded.mtime_sec,
                h->loaded.mtime_nsec, (unsigned long long)h->loaded.hash);
    add_str(sb, h->user, strlen(h->user));
    add_str(sb, h->host, strlen(h->host));
    strbuf_addf(sb, " %ld", h->pid);
    add_str(sb, h->started, strlen(h->started));
    finish_entry(sb, start);
}

void journal_format_change(struct strbuf *sb, unsigned long long seq, const struct journal_change *c)
{
    size_t start = sb->len;
    switch (c->op) {
    case JOURNAL_SET:
        strbuf_addf(sb, "set %llu %zu %ld", seq, c->item, c->number);
        add_str(sb, c->key, strlen(c->key));
        add_str(sb, c->value, c->value_len);
        break;
    case JOURNAL_REMOVE:
        strbuf_addf(sb, "del %llu %zu %ld", seq, c->item, c->number);
        add_str(sb, c->key, strlen(c->key));
        break;
    case JOURNAL_ADD_ITEM:
        strbuf_addf(sb, "add %llu %zu", seq, c->item);
        break;
    case JOURNAL_INSERT_ITEM:
    case JOURNAL_REMOVE_ITEM:
    case JOURNAL_SWAP_ITEMS:
        strbuf_addf(sb, "%s %llu %zu", journal_item_op_word(c->op), seq, c->item);
        break;
    }
    finish_entry(sb, start);
}

/* ---- the writer ------------------------------------------------------------------ */

struct journal {
    char *path;
    char *sheet_target;
    struct journal_header header;
    mode_t mode;
    bool replace;
    int fd;                         /* -1 until the file exists */
    long long synced_len;
    unsigned long long seq;         /* of the last entry on disk */
    struct journal_change *pending;
    size_t n_pending, cap_pending;
    long long first_pending_ms;     /* when maybe_sync first saw a buffered change, -1 none */
    long long retry_after_ms;       /* after a failed sync, 0 none */
    long long sync_ms;
    size_t sync_changes;
};

const char *journal_path(const struct journal *j)
{
    return j->path;
}

void journal_set_policy(struct journal *j, long long ms, size_t changes)
{
    j->sync_ms = ms > 0 ? ms : JOURNAL_SYNC_MS;
    j->sync_changes = changes > 0 ? changes : JOURNAL_SYNC_CHANGES;
}

void journal_header_free(struct journal_header *h)
{
    free(h->sheet_path);
    free(h->user);
    free(h->host);
    free(h->started);
    memset(h, 0, sizeof(*h));
}

static void set_header(struct journal *j, const struct filestamp *loaded)
{
    journal_header_free(&j->header);
    char user[128], host[256], when[40];
    sidefile_user(user, sizeof(user));
    sidefile_host(host, sizeof(host));
    sidefile_iso8601(time(NULL), when, sizeof(when));
    char *real = realpath(j->sheet_target, NULL);
    j->header.sheet_path = real ? real : xstrdup(j->sheet_target);
    j->header.loaded = *loaded;
    j->header.user = xstrdup(user);
    j->header.host = xstrdup(host);
    j->header.pid = (long)getpid();
    j->header.started = xstrdup(when);
}

struct journal *journal_create(const char *sheet_path, const struct filestamp *loaded,
                               unsigned flags, struct error *e)
{
    error_clear(e);
    char *path = (flags & JOURNAL_OWN_NAME) ? sidefile_own_journal(sheet_path)
                                             : sidefile_path(sheet_path, SIDEFILE_JOURNAL);
    struct stat st;
    if (!(flags & JOURNAL_REPLACE) && lstat(path, &st) == 0) {
        error_set(e, path, 0, 0, _("a recovery journal already exists (recover or discard it first)"));
        free(path);
        return NULL;
    }
    struct journal *j = xcalloc(1, sizeof(*j));
    j->path = path;
    j->sheet_target = sidefile_target(sheet_path);
    j->mode = stat(j->sheet_target, &st) == 0 ? (st.st_mode & 0666) : 0600;
    j->replace = (flags & JOURNAL_REPLACE) != 0;
    j->fd = -1;
    j->first_pending_ms = -1;
    journal_set_policy(j, 0, 0);
    set_header(j, loaded);
    return j;
}

void journal_change_free(struct journal_change *c)
{
    free(c->key);
    free(c->value);
}

static void clear_pending(struct journal *j)
{
    for (size_t i = 0; i < j->n_pending; i++)
        journal_change_free(&j->pending[i]);
    j->n_pending = 0;
    j->first_pending_ms = -1;
}

static void push_pending(struct journal *j, struct journal_change c)
{
    if (j->n_pending > 0 && !journal_op_is_item(c.op)) {
        /* Typing into one field: only its latest value matters. */
        struct journal_change *last = &j->pending[j->n_pending - 1];
        if (!journal_op_is_item(last->op) && last->item == c.item && str_eq(last->key, c.key)) {
            journal_change_free(last);
            *last = c;
            return;
        }
    }
    xgrow((void **)&j->pending, &j->cap_pending, j->n_pending + 1, sizeof(*j->pending));
    j->pending[j->n_pending++] = c;
}


void journal_append(struct journal *j, size_t idx, long number, const char *key,
                    const char *value, size_t len)
{
    struct journal_change c = { value ? JOURNAL_SET : JOURNAL_REMOVE, idx, number,
                                xstrdup(key), NULL, 0, -1 };
    if (value) {
        c.value = xmalloc(len + 1);
        memcpy(c.value, value, len);
        c.value[len] = '\0';
        c.value_len = len;
    }
    push_pending(j, c);
}

void journal_append_add_item(struct journal *j, size_t idx)
{
    struct journal_change c = { JOURNAL_ADD_ITEM, idx, -1, NULL, NULL, 0, -1 };
    push_pending(j, c);
}

bool journal_op_is_item(enum journal_op op)
{
    return op == JOURNAL_ADD_ITEM || op == JOURNAL_INSERT_ITEM || op == JOURNAL_REMOVE_ITEM ||
           op == JOURNAL_SWAP_ITEMS;
}

const char *journal_item_op_word(enum journal_op op)
{
    return op == JOURNAL_INSERT_ITEM ? "ins" : op == JOURNAL_REMOVE_ITEM ? "rmi"
         : op == JOURNAL_SWAP_ITEMS  ? "swp" : "add";
}

void journal_append_item_op(struct journal *j, enum journal_op op, size_t idx)
{
    struct journal_change c = { op, idx, -1, NULL, NULL, 0, -1 };
    push_pending(j, c);
}

void journal_carry_over(struct journal *j, const struct journal_log *log)
{
    for (size_t i = 0; i < log->n_changes; i++) {
        const struct journal_change *c = &log->changes[i];
        if (journal_op_is_item(c->op))
            journal_append_item_op(j, c->op, c->item);
        else
            journal_append(j, c->item, c->number, c->key,
                           c->op == JOURNAL_SET ? c->value : NULL, c->value_len);
    }
}

size_t journal_pending(const struct journal *j)
{
    return j->n_pending;
}

static int fsync_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = !slash ? xstrdup(".") : slash == path ? xstrdup("/")
                                                      : xstrndup(path, (size_t)(slash - path));
    int rc = save_io_fsync_dir(io, dir);
    int err = errno;
    free(dir);
    errno = err;
    return rc;
}

/* First sync: header and entries to a temporary file, fsynced, renamed into place. */
static int create_file(struct journal *j, const struct strbuf *entries, struct error *e)
{
    struct strbuf all = STRBUF_INIT;
    journal_format_header(&all, &j->header);
    strbuf_add(&all, strbuf_cstr(entries), entries->len);
    char *tmp = NULL;
    int fd = -1;
    unsigned long seed = (unsigned long)getpid() * 2654435761UL ^ (unsigned long)time(NULL);
    for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        free(tmp);
        tmp = xasprintf("%s.tmp%06lx", j->path, (seed >> 20) & 0xffffff);
        fd = io->open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, j->mode);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    const char *what = NULL;
    int err = 0;
    if (fd < 0) {
        what = _("create");
        err = errno;
    } else if (save_io_write_all(io, fd, all.buf, all.len) < 0) {
        what = _("write");
        err = errno;
    } else if (io->fsync(fd) < 0) {
        what = _("fsync");
        err = errno;
    } else if (!j->replace && access(j->path, F_OK) == 0) {
        what = _("create");
        err = EEXIST;
    } else if (io->rename(tmp, j->path) < 0) {
        what = _("rename");
        err = errno;
    }
    if (what) {
        if (fd >= 0) {
            io->close(fd);
            io->unlink(tmp);
        }
        error_set(e, j->path, 0, 0, _("%s of %s failed: %s"), what, j->path, strerror(err));
        free(tmp);
        strbuf_release(&all);
        return -1;
    }
    free(tmp);
    /* The directory entry matters for recovery too; a failure here is not fatal to the data. */
    fsync_dir_of(j->path);
    j->fd = fd;
    j->synced_len = (long long)all.len;
    strbuf_release(&all);
    return 0;
}

int journal_sync(struct journal *j, struct error *e)
{
    error_clear(e);
    if (j->n_pending == 0)
        return 0;
    struct strbuf sb = STRBUF_INIT;
    unsigned long long seq = j->seq;
    for (size_t i = 0; i < j->n_pending; i++)
        journal_format_change(&sb, ++seq, &j->pending[i]);
    int rc;
    if (j->fd < 0)
        rc = create_file(j, &sb, e);
    else {
        const char *what = NULL;
        int err = 0;
        if (lseek(j->fd, (off_t)j->synced_len, SEEK_SET) < 0 || save_io_write_all(io, j->fd, sb.buf, sb.len) < 0)
            what = _("write");
        else if (io->fsync(j->fd) < 0)
            what = _("fsync");
        if (what) {
            err = errno;
            /* Never leave a half entry in the middle: cut back to the last good length. */
            if (ftruncate(j->fd, (off_t)j->synced_len) < 0) {
                /* A later entry would follow garbage; the reader reports its offset. */
            }
            rc = error_set(e, j->path, 0, 0, _("%s of %s failed: %s"), what, j->path,
                           strerror(err));
        } else {
            j->synced_len += (long long)sb.len;
            rc = 0;
        }
    }
    strbuf_release(&sb);
    if (rc < 0)
        return -1;
    j->seq = seq;
    clear_pending(j);
    return 0;
}

int journal_maybe_sync(struct journal *j, long long now_ms, struct error *e)
{
    error_clear(e);
    if (j->n_pending == 0)
        return 0;
    /* The clock is the caller's: a change counts from the first call that sees it. */
    if (j->first_pending_ms < 0)
        j->first_pending_ms = now_ms;
    if (j->retry_after_ms && now_ms < j->retry_after_ms)
        return 0;
    bool due = j->n_pending >= j->sync_changes || now_ms - j->first_pending_ms >= j->sync_ms;
    if (!due)
        return 0;
    if (journal_sync(j, e) < 0) {
        j->retry_after_ms = now_ms + j->sync_ms;
        return -1;
    }
    j->retry_after_ms = 0;
    return 1;
}

static int remove_file(struct journal *j, struct error *e)
{
    if (j->fd >= 0) {
        io->close(j->fd);
        j->fd = -1;
    }
    if (io->unlink(j->path) < 0 && errno != ENOENT)
        return error_set(e, j->path, 0, 0, _("cannot remove the recovery journal: %s"),
                         strerror(errno));
    return 0;
}

int journal_saved(struct journal *j, const struct filestamp *saved, struct error *e)
{
    error_clear(e);
    clear_pending(j);
    int rc = remove_file(j, e);
    j->seq = 0;
    j->synced_len = 0;
    j->retry_after_ms = 0;
    /* The old journal is gone (or, if not, no longer matches the sheet): replace it freely. */
    j->replace = true;
    set_header(j, saved);
    return rc;
}

void journal_close(struct journal *j)
{
    if (!j)
        return;
    if (j->fd >= 0)
        io->close(j->fd);
    clear_pending(j);
    free(j->pending);
    journal_header_free(&j->header);
    free(j->sheet_target);
    free(j->path);
    free(j);
}

int journal_discard(struct journal *j, struct error *e)
{
    error_clear(e);
    int rc = remove_file(j, e);
    journal_close(j);
    return rc;
}

void journal_format(const struct journal_log *log, struct strbuf *out)
{
    journal_format_header(out, &log->header);
    for (size_t i = 0; i < log->n_changes; i++)
        journal_format_change(out, (unsigned long long)i + 1, &log->changes[i]);
}
