/*
 * locker.c - race for a sheet's lock (tests/cli/42-lock-race.sh).
 *
 *   locker SHEET READY_DIR HOLD_MS
 *
 * Announces itself by creating READY_DIR/<pid>, waits until READY_DIR/go
 * exists, then calls lock_acquire once and prints one line:
 *   "acquired", "held PID" or "error MESSAGE", followed by " took-over" when
 * it removed a stale lock on the way.  A winner holds the lock until
 * READY_DIR/done exists (the script creates it once every process has
 * answered, so every loser saw it held however slowly it ran), or at most
 * HOLD_MS milliseconds, then releases it.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "lock.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: locker SHEET READY_DIR HOLD_MS\n");
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof(path), "%s/%ld", argv[2], (long)getpid());
    close(open(path, O_WRONLY | O_CREAT, 0644));
    snprintf(path, sizeof(path), "%s/go", argv[2]);
    for (int i = 0; access(path, F_OK) != 0; i++) {
        if (i > 30000)
            return 3;
        struct timespec ms = { 0, 1000000 };
        nanosleep(&ms, NULL);
    }
    struct sheet_lock *lock;
    struct lock_owner who;
    struct error e;
    bool took_over;
    enum lock_result r = lock_acquire(argv[1], &lock, &who, &took_over, &e);
    if (r == LOCK_ACQUIRED)
        printf("acquired");
    else if (r == LOCK_HELD)
        printf("held %ld", who.pid);
    else
        printf("error %s", e.msg);
    printf("%s\n", took_over ? " took-over" : "");
    fflush(stdout);
    if (r == LOCK_ACQUIRED) {
        long ms = atol(argv[3]);
        snprintf(path, sizeof(path), "%s/done", argv[2]);
        for (long waited = 0; waited < ms && access(path, F_OK) != 0; waited++) {
            struct timespec one = { 0, 1000000 };
            nanosleep(&one, NULL);
        }
        if (lock_release(lock, &e) < 0) {
            printf("release failed: %s\n", e.msg);
            return 1;
        }
    }
    return 0;
}
