/*
 * test_lock.c - one editor per sheet: the lock file says who; a second
 * acquire is refused with the holder; a stale lock (dead pid, or an
 * earlier boot, on this host) is taken over; another host's lock never
 * is; a half-written lock is held until it is old; release removes only
 * our own lock.  (50 processes racing: tests/cli/42-lock-race.sh.)
 */
#include "unit.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <limits.h>
#include <unistd.h>

#include "lock.h"
#include "sidefile.h"

static char dir[256];
static char sheet[600];
static char lockfile[700];

static int setup(void **state)
{
    (void)state;
    if (unit_tmpdir(dir, sizeof dir, "lock") < 0)
        return -1;
    snprintf(sheet, sizeof(sheet), "%s/sheet.rec", dir);
    snprintf(lockfile, sizeof(lockfile), "%s/.sheet.rec.torikumi-lock", dir);
    unit_write_file(sheet, "No: 1\n");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return unit_rm_tree(dir);
}

static void write_lock(const char *host, const char *boot, long pid, time_t mtime)
{
    FILE *f = fopen(lockfile, "w");
    assert_non_null(f);
    fprintf(f, "torikumi-lock 1\nuser someone\nhost %s\nboot %s\npid %ld\nsince 2017-04-03T09:15:00+09:00\n",
            host, boot, pid);
    fclose(f);
    if (mtime) {
        struct timespec ts[2] = { { mtime, 0 }, { mtime, 0 } };
        utimensat(AT_FDCWD, lockfile, ts, 0);
    }
}

static void test_acquire_describe_release(void **state)
{
    (void)state;
    struct sheet_lock *l;
    struct error e;
    bool took;
    assert_int_equal(lock_acquire(sheet, &l, NULL, &took, &e), LOCK_ACQUIRED);
    assert_false(took);
    assert_true(lock_still_held(l));
    /* The file says who. */
    char *data;
    size_t len;
    assert_int_equal(read_file(lockfile, &data, &len, &e), 0);
    char host[256], want[300];
    sidefile_host(host, sizeof(host));
    snprintf(want, sizeof(want), "\nhost %s\n", host);
    assert_non_null(strstr(data, "torikumi-lock 1\nuser "));
    assert_non_null(strstr(data, want));
    snprintf(want, sizeof(want), "\npid %ld\n", (long)getpid());
    assert_non_null(strstr(data, want));
    assert_non_null(strstr(data, "\nsince 20"));
    free(data);
    /* A second acquire (the same sheet through a symlink) is refused with the holder. */
    char link[700];
    snprintf(link, sizeof(link), "%s/link.rec", dir);
    assert_int_equal(symlink("sheet.rec", link), 0);
    struct sheet_lock *l2;
    struct lock_owner who;
    assert_int_equal(lock_acquire(link, &l2, &who, NULL, &e), LOCK_HELD);
    assert_null(l2);
    assert_int_equal(who.pid, (long)getpid());
    assert_string_equal(who.host, host);
    assert_int_equal(strlen(who.since), 25);          /* 2017-04-03T09:15:00+09:00 */
    assert_int_equal(who.since[10], 'T');
    struct strbuf d = STRBUF_INIT;
    lock_describe(&who, &d);
    assert_non_null(strstr(d.buf, host));
    assert_non_null(strstr(d.buf, "since"));
    strbuf_release(&d);
    assert_int_equal(lock_inspect(sheet, &who, &e), 1);
    assert_int_equal(lock_release(l, &e), 0);
    assert_int_equal(access(lockfile, F_OK), -1);
    assert_int_equal(lock_inspect(sheet, &who, &e), 0);
}

static void test_stale_lock_is_taken_over(void **state)
{
    (void)state;
    char host[256], boot[64];
    sidefile_host(host, sizeof(host));
    sidefile_boot_id(boot, sizeof(boot));
    write_lock(host, boot, unit_dead_pid(), 0);
    struct sheet_lock *l;
    struct error e;
    bool took;
    assert_int_equal(lock_acquire(sheet, &l, NULL, &took, &e), LOCK_ACQUIRED);
    assert_true(took);
    struct lock_owner who;
    assert_int_equal(lock_inspect(sheet, &who, &e), 1);
    assert_int_equal(who.pid, (long)getpid());
    lock_release(l, &e);

    /* A live pid of this host from an earlier boot: the host rebooted, so it is stale. */
    if (*boot) {
        write_lock(host, "00000000-0000-0000-0000-000000000000", (long)getppid(), 0);
        assert_int_equal(lock_acquire(sheet, &l, NULL, &took, &e), LOCK_ACQUIRED);
        assert_true(took);
        lock_release(l, &e);
    }
    /* A live pid of this host and this boot: held. */
    write_lock(host, boot, (long)getppid(), 0);
    assert_int_equal(lock_acquire(sheet, &l, &who, &took, &e), LOCK_HELD);
    assert_int_equal(who.pid, (long)getppid());
    unlink(lockfile);
}

static void test_other_host_never_stale(void **state)
{
    (void)state;
    write_lock("another-ward-pc", "x", unit_dead_pid(), 1);   /* a dead pid here, an old file */
    struct sheet_lock *l;
    struct lock_owner who;
    struct error e;
    assert_int_equal(lock_acquire(sheet, &l, &who, NULL, &e), LOCK_HELD);
    assert_string_equal(who.host, "another-ward-pc");
    assert_string_equal(who.user, "someone");
    assert_string_equal(who.since, "2017-04-03T09:15:00+09:00");
    assert_false(lock_owner_stale(&who));
    /* Only a person may break it, and only the lock they saw. */
    struct lock_owner other = who;
    other.pid++;
    assert_int_equal(lock_break(sheet, &other, &e), -1);
    assert_int_equal(access(lockfile, F_OK), 0);
    assert_int_equal(lock_break(sheet, &who, &e), 0);
    assert_int_equal(access(lockfile, F_OK), -1);
    assert_int_equal(lock_acquire(sheet, &l, &who, NULL, &e), LOCK_ACQUIRED);
    lock_release(l, &e);
}

static void test_half_written_lock(void **state)
{
    (void)state;
    /* Empty: its creator may be writing it right now. */
    close(open(lockfile, O_WRONLY | O_CREAT, 0644));
    struct sheet_lock *l;
    struct lock_owner who;
    struct error e;
    assert_int_equal(lock_acquire(sheet, &l, &who, NULL, &e), LOCK_HELD);
    assert_int_equal(who.pid, 0);
    struct strbuf d = STRBUF_INIT;
    lock_describe(&who, &d);
    assert_non_null(strstr(d.buf, "being written"));
    strbuf_release(&d);
    /* Empty for a minute: its creator died; taken over. */
    struct timespec old[2] = { { time(NULL) - 60, 0 }, { time(NULL) - 60, 0 } };
    utimensat(AT_FDCWD, lockfile, old, 0);
    bool took;
    assert_int_equal(lock_acquire(sheet, &l, &who, &took, &e), LOCK_ACQUIRED);
    assert_true(took);
    lock_release(l, &e);
}

static void test_release_removes_only_our_lock(void **state)
{
    (void)state;
    struct sheet_lock *l;
    struct error e;
    assert_int_equal(lock_acquire(sheet, &l, NULL, NULL, &e), LOCK_ACQUIRED);
    /* Someone removed our lock by hand and another editor (another host) took the sheet. */
    unlink(lockfile);
    write_lock("another-ward-pc", "x", 4242, 0);
    assert_false(lock_still_held(l));
    assert_int_equal(lock_release(l, &e), 0);
    assert_int_equal(access(lockfile, F_OK), 0);      /* theirs is still there */
    struct lock_owner who;
    assert_int_equal(lock_inspect(sheet, &who, &e), 1);
    assert_int_equal(who.pid, 4242);
    /* The same contents in another file (a copy put in its place): not ours either. */
    unlink(lockfile);
    assert_int_equal(lock_acquire(sheet, &l, NULL, NULL, &e), LOCK_ACQUIRED);
    char *data;
    size_t len;
    read_file(lockfile, &data, &len, &e);
    char copy[800];
    snprintf(copy, sizeof(copy), "%s.copy", lockfile);
    FILE *f = fopen(copy, "w");
    fwrite(data, 1, len, f);
    fclose(f);
    free(data);
    assert_int_equal(rename(copy, lockfile), 0);
    assert_false(lock_still_held(l));
    lock_release(l, &e);
    assert_int_equal(access(lockfile, F_OK), 0);
    unlink(lockfile);
}

static void test_read_only_directory(void **state)
{
    (void)state;
    if (geteuid() == 0)
        skip();   /* root writes anywhere */
    chmod(dir, 0555);
    struct sheet_lock *l;
    struct error e;
    assert_int_equal(lock_acquire(sheet, &l, NULL, NULL, &e), LOCK_ERROR);
    assert_non_null(strstr(e.msg, "cannot create the lock file"));
    chmod(dir, 0755);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_acquire_describe_release, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_lock_is_taken_over, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_host_never_stale, setup, teardown),
        cmocka_unit_test_setup_teardown(test_half_written_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_release_removes_only_our_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_directory, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
