/*
 * lock.h - one editor per sheet.
 *
 * Opening a sheet for editing creates /dir/.NAME.torikumi-lock (see
 * sidefile.h) with O_CREAT|O_EXCL, holding who has it: user, host, pid,
 * boot id and since when (ISO 8601).  Whoever finds the file learns who
 * edits the sheet and can offer read-only.
 *
 * A lock is stale when it was taken on this host and its process is gone
 * (no such pid, or the host has rebooted since: another boot id).  A
 * stale lock is taken over; several processes doing so at once are
 * serialized by an fcntl() lock on the stale file itself, and each
 * re-checks under it that the file is still the same stale one before
 * removing it, so exactly one of them (or a plain newcomer) ends up with
 * a new lock.  A lock taken on another host is never stale: only a
 * person can tell that the other PC is off (lock_break).
 *
 * Releasing removes the file only while it is still ours (same inode,
 * our pid and host in it).
 */
#ifndef TORIKUMI_LOCK_H
#define TORIKUMI_LOCK_H

#include <stdbool.h>
#include <time.h>

#include "util.h"

struct lock_owner {
    char user[128];
    char host[256];
    char boot_id[64];      /* empty when unknown */
    long pid;              /* 0 when unknown (a lock file being written, or not ours to read) */
    char since[40];        /* ISO 8601, as written */
};

enum lock_result {
    LOCK_ERROR = -1,       /* e says why (e.g. the directory is read-only) */
    LOCK_ACQUIRED = 0,
    LOCK_HELD = 1,         /* someone else edits the sheet: *holder says who */
};

struct sheet_lock;

/*
 * Lock the sheet at sheet_path.  On LOCK_ACQUIRED *lock is set (free it
 * with lock_release); on LOCK_HELD *holder (may be NULL) says who holds
 * it; stale locks are taken over (*took_over, may be NULL, says so).
 */
enum lock_result lock_acquire(const char *sheet_path, struct sheet_lock **lock,
                              struct lock_owner *holder, bool *took_over, struct error *e);

/* Remove our lock file (only if it is still ours) and free lock.  Returns 0 or -1 with e set. */
int lock_release(struct sheet_lock *lock, struct error *e);

/* Is the lock file still ours?  (Someone may have removed it by hand.) */
bool lock_still_held(const struct sheet_lock *lock);

/*
 * Who holds the sheet's lock, without taking it.  Returns 1 when there is
 * a lock (*holder filled; an unreadable or half-written file gives pid 0),
 * 0 when there is none, -1 with e set on error.
 */
int lock_inspect(const char *sheet_path, struct lock_owner *holder, struct error *e);

/* Is this owner's lock stale, judged from here? */
bool lock_owner_stale(const struct lock_owner *owner);

/*
 * Remove the sheet's lock whoever holds it - only when a person said the
 * holder is gone (e.g. the other PC is switched off).  expected (may be
 * NULL) must match the lock found, so a lock taken meanwhile survives.
 */
int lock_break(const char *sheet_path, const struct lock_owner *expected, struct error *e);

/* "tanaka on ward-pc-12 (pid 4711) since 2017-04-03T09:15:00+09:00" */
void lock_describe(const struct lock_owner *owner, struct strbuf *out);

#endif
