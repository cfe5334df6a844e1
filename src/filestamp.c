/*
 * filestamp.c - remember a file as read, tell later whether it changed
 * (see filestamp.h).
 */
#include "filestamp.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

uint64_t filestamp_hash(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static void stamp_stat(struct filestamp *fs, const struct stat *st)
{
    fs->exists = true;
    fs->dev = st->st_dev;
    fs->ino = st->st_ino;
    fs->size = (long long)st->st_size;
    fs->mtime_sec = (long long)st->st_mtim.tv_sec;
    fs->mtime_nsec = (long)st->st_mtim.tv_nsec;
}

static bool path_is_link(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

static bool same_stat(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Read all of fd into sb. */
static int read_all(int fd, struct strbuf *sb)
{
    for (;;) {
        strbuf_grow(sb, 65536);
        ssize_t n = read(fd, sb->buf + sb->len, sb->cap - sb->len - 1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0)
            break;
        sb->len += (size_t)n;
        sb->buf[sb->len] = '\0';
    }
    return 0;
}

/* Open and read path; st_before/st_after are fstat before and after the read. */
static int read_once(const char *path, struct strbuf *sb, struct stat *before, struct stat *after,
                     struct error *e)
{
    int fd = open_for_reading(path, before, e);
    if (fd < 0)
        return -1;
    if (!S_ISREG(before->st_mode)) {
        /* A FIFO swapped in over the sheet must not hang the editor (Ctrl-S checks it). */
        close(fd);
        return error_set(e, path, 0, 0, _("not a regular file (a FIFO, a device or a socket): "
                                          "a sheet is edited only as a regular file"));
    }
    strbuf_reset(sb);
    if (S_ISREG(before->st_mode) && before->st_size > 0)
        strbuf_grow(sb, (size_t)before->st_size);
    if (read_all(fd, sb) < 0 || fstat(fd, after) < 0) {
        int err = errno;
        close(fd);
        return error_set(e, path, 0, 0, "%s", strerror(err));
    }
    close(fd);
    return 0;
}

int filestamp_read(const char *path, char **data, size_t *len, struct filestamp *fs,
                   struct error *e)
{
    error_clear(e);
    struct strbuf sb = STRBUF_INIT;
    for (int attempt = 0; attempt < 5; attempt++) {
        struct stat before, after;
        if (read_once(path, &sb, &before, &after, e) < 0) {
            strbuf_release(&sb);
            return -1;
        }
        if (same_stat(&before, &after) && (long long)sb.len == (long long)after.st_size) {
            memset(fs, 0, sizeof(*fs));
            stamp_stat(fs, &after);
            fs->hash = filestamp_hash(sb.buf, sb.len);
            fs->is_link = path_is_link(path);
            *data = strbuf_detach(&sb, len);
            return 0;
        }
        usleep(20000);
    }
    strbuf_release(&sb);
    return error_set(e, path, 0, 0, _("the file keeps changing while it is read"));
}

int filestamp_of_bytes(const char *path, const char *data, size_t len, struct filestamp *fs,
                       struct error *e)
{
    error_clear(e);
    memset(fs, 0, sizeof(*fs));
    fs->hash = filestamp_hash(data, len);
    struct stat st;
    if (stat(path, &st) < 0) {
        if (errno == ENOENT)
            return 0;
        return error_set(e, path, 0, 0, "%s", strerror(errno));
    }
    stamp_stat(fs, &st);
    fs->is_link = path_is_link(path);
    return 0;
}

int filestamp_check(const char *path, const struct filestamp *was, unsigned *what,
                    struct filestamp *now, struct error *e)
{
    error_clear(e);
    unsigned bits = 0;
    struct filestamp cur;
    memset(&cur, 0, sizeof(cur));
    char *data = NULL;
    size_t len = 0;
    if (filestamp_read(path, &data, &len, &cur, e) < 0) {
        struct stat st;
        if (stat(path, &st) < 0 && errno == ENOENT) {
            error_clear(e);
            memset(&cur, 0, sizeof(cur));
        } else
            return -1;
    }
    free(data);
    if (!cur.exists || !was->exists) {
        if (cur.exists != was->exists)
            bits |= was->exists ? FILESTAMP_GONE : FILESTAMP_APPEARED;
    } else {
        if (cur.dev != was->dev || cur.ino != was->ino)
            bits |= FILESTAMP_INODE;
        if (cur.size != was->size)
            bits |= FILESTAMP_SIZE;
        if (cur.mtime_sec != was->mtime_sec || cur.mtime_nsec != was->mtime_nsec)
            bits |= FILESTAMP_MTIME;
        if (cur.size != was->size || cur.hash != was->hash)
            bits |= FILESTAMP_CONTENT;
        /* A symlink swapped in (even to the same bytes) would be written through: ask first. */
        if (cur.is_link != was->is_link)
            bits |= FILESTAMP_LINK;
    }
    if (what)
        *what = bits;
    if (now)
        *now = cur;
    if (bits & (FILESTAMP_GONE | FILESTAMP_APPEARED | FILESTAMP_CONTENT | FILESTAMP_LINK))
        return FILESTAMP_CHANGED;
    return bits ? FILESTAMP_TOUCHED : FILESTAMP_UNCHANGED;
}

void filestamp_describe(unsigned what, struct strbuf *out)
{
    static const char *const names[] = { N_("gone"), N_("appeared"), N_("inode"), N_("size"),
                                         N_("mtime"), N_("content"), N_("symlink") };
    bool first = true;
    for (size_t i = 0; i < ARRAY_LEN(names); i++)
        if (what & (1u << i)) {
            strbuf_addstr(out, first ? "" : ", ");
            strbuf_addstr(out, _(names[i]));
            first = false;
        }
    if (first)
        strbuf_addstr(out, _("nothing"));
}
