/*
 * save.h - replace a file atomically and durably; every writer uses this.
 *
 * The new bytes go to a temporary file in the same directory (created
 * with O_EXCL), which is written in full, fsynced, given the old file's
 * mode (and owner, where permitted), closed, and renamed over the
 * target; then the directory is fsynced.  A reader sees the old file or
 * the new one, never a mix; on any failure the old file is untouched
 * and the temporary file is removed.  A symlink stays a symlink: its
 * target is replaced.
 *
 * The calls that change the disk (open of the temporary file, write,
 * fsync, close, rename, unlink) go through struct save_io, so tests can
 * make the k-th one fail (or kill the process there).  Reading the old
 * file's metadata (stat), giving the temporary file its mode and owner,
 * and opening the directory to fsync it are direct calls; the fsync of
 * the directory itself goes through save_io.
 */
#ifndef TORIKUMI_SAVE_H
#define TORIKUMI_SAVE_H

#include <stddef.h>
#include <sys/types.h>

#include "util.h"

enum save_result {
    SAVE_FAILED = -1,       /* nothing changed on disk; e says why */
    SAVE_OK = 0,
    SAVE_UNCONFIRMED = 1,   /* renamed, but the directory fsync failed: new file, maybe not durable */
};

/* Write data to path atomically.  New files get mode 0666 & ~umask. */
enum save_result save_atomic(const char *path, const char *data, size_t len, struct error *e);

/*
 * The same, written piece by piece (an import of 50 MB need not be held
 * in memory): open, write any number of times, then commit (or abort,
 * which removes the temporary file).  After a failed write the stream
 * must still be aborted.  "-" is not a path here; callers handle stdout.
 */
struct save_stream;
struct save_stream *save_stream_open(const char *path, struct error *e);
int save_stream_write(struct save_stream *st, const void *data, size_t len, struct error *e);
enum save_result save_stream_commit(struct save_stream *st, struct error *e);
void save_stream_abort(struct save_stream *st);

/* The system calls a save makes; replaceable for tests. */
struct save_io {
    int (*open)(const char *path, int flags, mode_t mode);
    ssize_t (*write)(int fd, const void *buf, size_t n);
    int (*fsync)(int fd);
    int (*close)(int fd);
    int (*rename)(const char *from, const char *to);
    int (*unlink)(const char *path);
};

/*
 * Write all len bytes through via->write, retrying EINTR and short writes.
 * Returns 0, or -1 with errno set (a write of 0 bytes reports ENOSPC).
 */
int save_io_write_all(const struct save_io *via, int fd, const void *buf, size_t len);

/* fsync the directory dir through via->fsync (so a rename in it is durable). */
int save_io_fsync_dir(const struct save_io *via, const char *dir);

/* Install io (NULL restores the real calls). */
void save_set_io(const struct save_io *io);
/* The real calls, for tests that wrap them. */
extern const struct save_io save_real_io;

#endif
