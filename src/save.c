/*
 * save.c - atomic, durable file replacement (see save.h).
 */
#include "save.h"

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
#include "tempguard.h"

static int real_open(const char *path, int flags, mode_t mode)
{
    return open(path, flags, mode);
}

const struct save_io save_real_io = {
    real_open, write, fsync, close, rename, unlink,
};

static const struct save_io *io = &save_real_io;

void save_set_io(const struct save_io *new_io)
{
    io = new_io ? new_io : &save_real_io;
}

static int open_temp(const char *target, char **tmp_path, mode_t mode)
{
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    int dirlen = slash ? (int)(slash - target + 1) : 0;
    unsigned long seed = (unsigned long)getpid() ^ (unsigned long)time(NULL);
    for (int attempt = 0; attempt < 100; attempt++) {
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        char *p = xasprintf("%.*s.%s.tmp%06lx", dirlen, target, base, (seed >> 20) & 0xffffff);
        int fd = io->open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd >= 0) {
            *tmp_path = p;
            return fd;
        }
        int err = errno;
        free(p);
        if (err != EEXIST) {
            errno = err;
            return -1;
        }
    }
    errno = EEXIST;
    return -1;
}

int save_io_write_all(const struct save_io *via, int fd, const void *buf, size_t len)
{
    const char *data = buf;
    while (len > 0) {
        ssize_t n = via->write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0) {
            /* A write that makes no progress would loop forever; treat it as a full disk. */
            errno = ENOSPC;
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Give the new file the old one's owner (where permitted) and mode; the owner first,
 * because changing it may clear set-id bits that the mode then puts back. */
static void copy_attributes(int fd, const struct stat *old)
{
    if (fchown(fd, old->st_uid, old->st_gid) < 0) {
        /* Not permitted for other owners: the file is then ours, as with any editor. */
    }
    fchmod(fd, old->st_mode & 07777);
}

static enum save_result fail(struct error *e, const char *path, const char *what, int err)
{
    error_set(e, path, 0, 0, "%s: %s", what, strerror(err));
    return SAVE_FAILED;
}

int save_io_fsync_dir(const struct save_io *via, const char *dir)
{
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return -1;
    int rc = via->fsync(dfd);
    int err = errno;
    close(dfd);
    errno = err;
    return rc;
}

struct save_stream {
    char *path;             /* as given, for messages */
    char *target;           /* symlinks resolved */
    char *tmp;
    int fd;
    bool exists;
    struct stat old;
};

struct save_stream *save_stream_open(const char *path, struct error *e)
{
    error_clear(e);
    struct save_stream *st = xcalloc(1, sizeof(*st));
    st->path = xstrdup(path);
    st->target = path_follow_symlinks(path);
    st->exists = stat(st->target, &st->old) == 0;
    if (st->exists && !S_ISREG(st->old.st_mode)) {
        /* Renaming over a device or a FIFO would replace it with a plain file. */
        error_set(e, path, 0, 0, _("not a regular file; not replacing it"));
        free(st->target);
        free(st->path);
        free(st);
        return NULL;
    }
    mode_t mode = st->exists ? (st->old.st_mode & 07777) : 0666;
    st->fd = open_temp(st->target, &st->tmp, mode);
    if (st->fd >= 0)
        tempguard_arm(st->tmp);     /* Ctrl-C or a kill during a long write leaves no temp */
    if (st->fd < 0) {
        int err = errno;
        char *dir = path_dir(st->target);
        error_set(e, path, 0, 0, _("cannot create a temporary file in %s: %s"), dir, strerror(err));
        free(dir);
        free(st->target);
        free(st->path);
        free(st);
        return NULL;
    }
    return st;
}

int save_stream_write(struct save_stream *st, const void *data, size_t len, struct error *e)
{
    if (save_io_write_all(io, st->fd, data, len) < 0) {
        fail(e, st->path, _("write"), errno);
        return -1;
    }
    return 0;
}

static void stream_free(struct save_stream *st)
{
    tempguard_disarm();
    free(st->tmp);
    free(st->target);
    free(st->path);
    free(st);
}

void save_stream_abort(struct save_stream *st)
{
    if (!st)
        return;
    if (st->fd >= 0)
        io->close(st->fd);
    io->unlink(st->tmp);
    stream_free(st);
}

enum save_result save_stream_commit(struct save_stream *st, struct error *e)
{
    const char *what = NULL;
    int err = 0;
    /* Mode and owner first, so the fsync makes them durable with the bytes. */
    if (st->exists)
        copy_attributes(st->fd, &st->old);
    if (io->fsync(st->fd) < 0) {
        what = _("fsync");
        err = errno;
    }
    if (io->close(st->fd) < 0 && !what) {
        what = _("close");
        err = errno;
    }
    st->fd = -1;
    if (!what && io->rename(st->tmp, st->target) < 0) {
        what = _("rename");
        err = errno;
    }
    if (what) {
        io->unlink(st->tmp);
        fail(e, st->path, what, err);
        stream_free(st);
        return SAVE_FAILED;
    }
    char *dir = path_dir(st->target);
    enum save_result rc = SAVE_OK;
    if (save_io_fsync_dir(io, dir) < 0) {
        error_set(e, st->path, 0, 0, _("saved, but not confirmed on disk (fsync of %s: %s)"), dir,
                  strerror(errno));
        rc = SAVE_UNCONFIRMED;
    }
    free(dir);
    stream_free(st);
    return rc;
}

enum save_result save_atomic(const char *path, const char *data, size_t len, struct error *e)
{
    struct save_stream *st = save_stream_open(path, e);
    if (!st)
        return SAVE_FAILED;
    if (save_stream_write(st, data, len, e) < 0) {
        save_stream_abort(st);
        return SAVE_FAILED;
    }
    return save_stream_commit(st, e);
}
