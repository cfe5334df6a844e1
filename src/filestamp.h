/*
 * filestamp.h - what a file on disk was when we read it, so that a later
 * look can tell whether someone else changed it (another clerk, a copy
 * from a USB stick, a restore from backup) before we overwrite it.
 *
 * A stamp holds device, inode, size, mtime in nanoseconds and a 64-bit
 * hash of the bytes.  The hash decides: a file rewritten with the same
 * size within the same mtime tick (coarse timestamps on SMB/FAT, or
 * utimensat) still differs by hash, and a file replaced by identical
 * bytes (same hash, new inode or mtime) is "touched", not changed.
 *
 * The hash is FNV-1a 64: it detects accidental change, not an attacker.
 */
#ifndef TORIKUMI_FILESTAMP_H
#define TORIKUMI_FILESTAMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "util.h"

struct filestamp {
    bool exists;
    dev_t dev;
    ino_t ino;
    long long size;
    long long mtime_sec;
    long mtime_nsec;
    uint64_t hash;           /* of the bytes read */
    bool is_link;            /* the path itself is a symlink (lstat) */
};

/* FNV-1a 64 of data[0..len). */
uint64_t filestamp_hash(const void *data, size_t len);

/*
 * Read the whole file and stamp what was read, consistently: if the file
 * changes while it is read (size or mtime move between the fstat before
 * and after), it is read again (a few times, then an error).  *data is
 * NUL-terminated and freed by the caller.  Returns 0, or -1 with e set.
 * Use this instead of read_file when loading a sheet for editing.
 */
int filestamp_read(const char *path, char **data, size_t *len, struct filestamp *st,
                   struct error *e);

/*
 * Stamp path as holding data[0..len) (e.g. right after saving those
 * bytes): stat of the path now, hash of data.  A missing file gives
 * exists = false.  Returns 0, or -1 with e set on another stat error.
 */
int filestamp_of_bytes(const char *path, const char *data, size_t len, struct filestamp *st,
                       struct error *e);

/* What differs between a stamp and the file now (bits). */
enum {
    FILESTAMP_GONE = 1 << 0,       /* no file there now */
    FILESTAMP_APPEARED = 1 << 1,   /* there was none; now there is */
    FILESTAMP_INODE = 1 << 2,      /* another file (device or inode) took its place */
    FILESTAMP_SIZE = 1 << 3,
    FILESTAMP_MTIME = 1 << 4,
    FILESTAMP_CONTENT = 1 << 5,    /* the bytes differ (hash) */
    FILESTAMP_LINK = 1 << 6,       /* a symlink was put in its place, or a symlink replaced */
};

enum filestamp_verdict {
    FILESTAMP_UNCHANGED = 0,       /* same file, same bytes, same times */
    FILESTAMP_TOUCHED = 1,         /* same bytes; inode or mtime differ (copied back, touched, saved unchanged) */
    FILESTAMP_CHANGED = 2,         /* different bytes, or gone, or appeared */
};

/*
 * Look at path now and compare it with was.  The bytes are always read
 * and hashed (same size and mtime prove nothing on coarse clocks).  *what
 * (may be NULL) gets the FILESTAMP_* bits; *now (may be NULL) the stamp
 * of the file now.  Returns the verdict, or -1 with e set when the file
 * cannot be read (other than not existing).
 */
int filestamp_check(const char *path, const struct filestamp *was, unsigned *what,
                    struct filestamp *now, struct error *e);

/* Describe the bits of what in English ("inode, size, content"); for messages and tests. */
void filestamp_describe(unsigned what, struct strbuf *out);

#endif
