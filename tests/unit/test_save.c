/*
 * test_save.c - atomic saves: mode kept, symlinks kept, and for every
 * system call of a save failing (ENOSPC, EIO, a short write), the file
 * is byte for byte the old one and no temporary file is left behind.
 */
#include "unit.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "save.h"

static char dir[256];

static int setup(void **state)
{
    (void)state;
    return unit_tmpdir(dir, sizeof dir, "save");
}

/* Real I/O again even when a test failed while faulty I/O was installed. */
static int teardown(void **state)
{
    (void)state;
    save_set_io(NULL);
    return unit_rm_tree(dir);
}

static char *path_in(const char *name)
{
    static char p[600];
    snprintf(p, sizeof(p), "%s/%s", dir, name);
    return p;
}

static void put(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    chmod(path, mode);
}

static void assert_content(const char *path, const char *want)
{
    char *data;
    size_t len;
    struct error e;
    if (read_file(path, &data, &len, &e) < 0)
        fail_msg("%s", e.msg);
    assert_int_equal(len, strlen(want));
    assert_memory_equal(data, want, len);
    free(data);
}

static int entries_in_dir(void)
{
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *de;
    while ((de = readdir(d)))
        n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
    closedir(d);
    return n;
}

static void test_replaces_and_keeps_mode(void **state)
{
    (void)state;
    char *p = path_in("sheet.rec");
    put(p, "old\n", 0640);
    struct error e;
    assert_int_equal(save_atomic(p, "new\n", 4, &e), SAVE_OK);
    assert_content(p, "new\n");
    struct stat st;
    stat(p, &st);
    assert_int_equal(st.st_mode & 07777, 0640);
    assert_int_equal(entries_in_dir(), 1);
}

static void test_new_file(void **state)
{
    (void)state;
    char *p = path_in("fresh.rec");
    struct error e;
    assert_int_equal(save_atomic(p, "x", 1, &e), SAVE_OK);
    assert_content(p, "x");
    assert_int_equal(entries_in_dir(), 1);
}

static void test_symlink_stays_a_link(void **state)
{
    (void)state;
    char target[600];
    snprintf(target, sizeof(target), "%s", path_in("real.rec"));
    put(target, "old", 0600);
    char *link = path_in("link.rec");
    assert_int_equal(symlink("real.rec", link), 0);
    struct error e;
    assert_int_equal(save_atomic(link, "new", 3, &e), SAVE_OK);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_content(target, "new");
    stat(target, &st);
    assert_int_equal(st.st_mode & 07777, 0600);
    assert_int_equal(entries_in_dir(), 2);
}

static void test_never_replaces_a_device(void **state)
{
    (void)state;
    char *p = path_in("fifo");
    assert_int_equal(mkfifo(p, 0600), 0);
    struct error e;
    assert_int_equal(save_atomic(p, "x", 1, &e), SAVE_FAILED);
    assert_non_null(strstr(e.msg, "not a regular file"));
    struct stat st;
    assert_int_equal(lstat(p, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_int_equal(entries_in_dir(), 1);
}

/* ---- failure injection ---------------------------------------------------- */

enum op { OP_OPEN, OP_WRITE, OP_FSYNC, OP_CLOSE, OP_RENAME, N_OPS };
static int calls[N_OPS];
static int fail_op = -1, fail_at, fail_errno;
static bool short_write;

static bool should_fail(enum op op)
{
    return (int)op == fail_op && ++calls[op] == fail_at;
}

static int f_open(const char *p, int fl, mode_t m)
{
    if (should_fail(OP_OPEN)) {
        errno = fail_errno;
        return -1;
    }
    return save_real_io.open(p, fl, m);
}

static ssize_t f_write(int fd, const void *b, size_t n)
{
    if (should_fail(OP_WRITE)) {
        if (short_write && n > 1)
            return save_real_io.write(fd, b, n / 2);
        errno = fail_errno;
        return -1;
    }
    /* Write in small pieces so a save makes many write calls. */
    return save_real_io.write(fd, b, n > 7 ? 7 : n);
}

static int f_fsync(int fd)
{
    if (should_fail(OP_FSYNC)) {
        errno = fail_errno;
        return -1;
    }
    return save_real_io.fsync(fd);
}

static int f_close(int fd)
{
    if (should_fail(OP_CLOSE)) {
        save_real_io.close(fd);
        errno = fail_errno;
        return -1;
    }
    return save_real_io.close(fd);
}

static int f_rename(const char *a, const char *b)
{
    if (should_fail(OP_RENAME)) {
        errno = fail_errno;
        return -1;
    }
    return save_real_io.rename(a, b);
}

static const struct save_io faulty = { f_open, f_write, f_fsync, f_close, f_rename, unlink };

static void test_every_failure_leaves_old_file(void **state)
{
    (void)state;
    const char *old = "No: 1\nTitle: 古い内容\n";
    const char *neu = "No: 1\nTitle: 新しい内容、もっと長い値です\n";
    char *p = path_in("f.rec");
    const int errs[] = { ENOSPC, EIO };
    int failures_seen = 0;
    save_set_io(&faulty);
    for (int op = 0; op < N_OPS; op++)
        for (size_t ei = 0; ei < ARRAY_LEN(errs); ei++)
            for (int k = 1; k <= 12; k++) {
                put(p, old, 0644);
                memset(calls, 0, sizeof(calls));
                fail_op = op;
                fail_at = k;
                fail_errno = errs[ei];
                short_write = false;
                struct error e;
                enum save_result rc = save_atomic(p, neu, strlen(neu), &e);
                bool failed_here = calls[op] >= k;
                if (rc == SAVE_FAILED) {
                    assert_true(failed_here);
                    assert_content(p, old);
                    assert_non_null(strstr(e.msg, strerror(errs[ei])));
                    failures_seen++;
                } else if (rc == SAVE_UNCONFIRMED) {
                    /* Only the directory fsync after the rename: the file is the new one. */
                    assert_int_equal(op, OP_FSYNC);
                    assert_true(failed_here);
                    assert_content(p, neu);
                } else {
                    /* The k-th call never happened: the save went through. */
                    assert_false(failed_here);
                    assert_content(p, neu);
                }
                assert_int_equal(entries_in_dir(), 1);
            }
    save_set_io(NULL);
    /* open, one of the ~7 writes, fsync, close, rename: each failed at least once. */
    assert_true(failures_seen >= 2 * (1 + 5 + 1 + 1 + 1));
}

static void test_short_writes_are_completed(void **state)
{
    (void)state;
    char *p = path_in("s.rec");
    put(p, "old", 0644);
    save_set_io(&faulty);
    memset(calls, 0, sizeof(calls));
    fail_op = OP_WRITE;
    fail_at = 2;
    short_write = true;
    struct error e;
    const char *neu = "a longer new content that needs several writes\n";
    assert_int_equal(save_atomic(p, neu, strlen(neu), &e), SAVE_OK);
    save_set_io(NULL);
    assert_content(p, neu);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_replaces_and_keeps_mode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symlink_stays_a_link, setup, teardown),
        cmocka_unit_test_setup_teardown(test_never_replaces_a_device, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_failure_leaves_old_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_short_writes_are_completed, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
