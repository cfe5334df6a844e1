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

/* Follow symlinks so the link stays a link and its target is replaced. */
static char *resolve_target(const char *path)
{
    char *target = xstrdup(path);
    for (int hops = 0; hops < 40; hops++) {
        struct stat st;
        if (lstat(target, &st) < 0 || !S_ISLNK(st.st_mode))
            return target;
        char buf[PATH_MAX];
        ssize_t n = readlink(target, buf, sizeof(buf) - 1);
        if (n < 0)
            return target;
        buf[n] = '\0';
        char *next;
        const char *slash = strrchr(target, '/');
        if (buf[0] == '/' || !slash)
            next = xstrdup(buf);
        else
            next = xasprintf("%.*s/%s", (int)(slash - target), target, buf);
        free(target);
        target = next;
    }
    return target;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
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

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = io->write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0) {
            errno = ENOSPC;
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Give the new file the old one's mode and (where permitted) owner. */
static void copy_attributes(int fd, const struct stat *old)
{
    fchmod(fd, old->st_mode & 07777);
    if (fchown(fd, old->st_uid, old->st_gid) < 0) {
        /* Not permitted for other owners: the file is then ours, as with any editor. */
    }
}

static enum save_result fail(struct error *e, const char *path, const char *what, int err)
{
    error_set(e, path, 0, 0, "%s: %s", what, strerror(err));
    return SAVE_FAILED;
}

static int fsync_dir(const char *dir)
{
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return -1;
    int rc = io->fsync(dfd);
    int err = errno;
    close(dfd);
    errno = err;
    return rc;
}

enum save_result save_atomic(const char *path, const char *data, size_t len, struct error *e)
{
    error_clear(e);
    char *target = resolve_target(path);
    struct stat old;
    bool exists = stat(target, &old) == 0;
    mode_t mode = exists ? (old.st_mode & 07777) : 0666;
    char *tmp = NULL;
    int fd = open_temp(target, &tmp, mode);
    if (fd < 0) {
        int err = errno;
        char *dir = dir_of(target);
        error_set(e, path, 0, 0, "cannot create a temporary file in %s: %s", dir, strerror(err));
        free(dir);
        free(target);
        return SAVE_FAILED;
    }
    const char *what = NULL;
    if (write_all(fd, data, len) < 0)
        what = "write";
    else if (io->fsync(fd) < 0)
        what = "fsync";
    if (!what && exists)
        copy_attributes(fd, &old);
    int err = errno;
    if (io->close(fd) < 0 && !what) {
        what = "close";
        err = errno;
    }
    if (!what && io->rename(tmp, target) < 0) {
        what = "rename";
        err = errno;
    }
    if (what) {
        io->unlink(tmp);
        free(tmp);
        free(target);
        return fail(e, path, what, err);
    }
    free(tmp);
    char *dir = dir_of(target);
    enum save_result rc = SAVE_OK;
    if (fsync_dir(dir) < 0) {
        error_set(e, path, 0, 0, "saved, but not confirmed on disk (fsync of %s: %s)", dir,
                  strerror(errno));
        rc = SAVE_UNCONFIRMED;
    }
    free(dir);
    free(target);
    return rc;
}
