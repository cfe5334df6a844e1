/*
 * test_filestamp.c - outside changes: a file rewritten with the same size
 * and the same mtime (utimensat) is still seen as changed (hash); a file
 * replaced by identical bytes is "touched", not changed; gone and
 * appeared are changes; a stamp taken after our own save matches.
 */
#include "unit.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "filestamp.h"

static char dir[256], path[600];

static int setup(void **state)
{
    (void)state;
    if (unit_tmpdir(dir, sizeof dir, "stamp") < 0)
        return -1;
    snprintf(path, sizeof(path), "%s/sheet.rec", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return unit_rm_tree(dir);
}

/* Overwrite in place (same inode), as another program writing without a rename would. */
static void overwrite(const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
}

static void load(struct filestamp *st)
{
    char *data;
    size_t len;
    struct error e;
    assert_int_equal(filestamp_read(path, &data, &len, st, &e), 0);
    free(data);
}

static int check(const struct filestamp *was, unsigned *what)
{
    struct error e;
    int v = filestamp_check(path, was, what, NULL, &e);
    assert_true(v >= 0);
    return v;
}

static void test_unchanged(void **state)
{
    (void)state;
    overwrite("No: 1\nTitle: a\n");
    struct filestamp st;
    load(&st);
    assert_true(st.exists);
    assert_int_equal(st.size, 15);
    assert_true(st.hash == filestamp_hash("No: 1\nTitle: a\n", 15));
    unsigned what = 99;
    assert_int_equal(check(&st, &what), FILESTAMP_UNCHANGED);
    assert_int_equal(what, 0);
}

static void test_same_size_same_mtime_differs_by_hash(void **state)
{
    (void)state;
    overwrite("No: 1\nTitle: a\n");
    struct filestamp st;
    load(&st);
    struct stat before;
    stat(path, &before);
    overwrite("No: 1\nTitle: b\n");           /* same size, same inode */
    struct timespec times[2] = { before.st_atim, before.st_mtim };
    assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
    struct stat after;
    stat(path, &after);
    assert_int_equal(after.st_size, before.st_size);
    assert_int_equal(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
    assert_int_equal(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
    assert_int_equal(after.st_ino, before.st_ino);
    unsigned what;
    assert_int_equal(check(&st, &what), FILESTAMP_CHANGED);
    assert_int_equal(what, FILESTAMP_CONTENT);
    struct strbuf d = STRBUF_INIT;
    filestamp_describe(what, &d);
    assert_string_equal(d.buf, "content");
    strbuf_release(&d);
}

static void test_touched_or_copied_back_is_not_a_change(void **state)
{
    (void)state;
    overwrite("same bytes\n");
    struct filestamp st;
    load(&st);
    struct timespec later[2] = { { 1500000000, 0 }, { 1500000000, 123 } };
    assert_int_equal(utimensat(AT_FDCWD, path, later, 0), 0);
    unsigned what;
    assert_int_equal(check(&st, &what), FILESTAMP_TOUCHED);
    assert_int_equal(what, FILESTAMP_MTIME);
    /* Replaced by a copy with the same bytes (new inode). */
    char copy[700];
    snprintf(copy, sizeof(copy), "%s/copy", dir);
    int fd = open(copy, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_int_equal(write(fd, "same bytes\n", 11), 11);
    close(fd);
    assert_int_equal(rename(copy, path), 0);
    assert_int_equal(check(&st, &what), FILESTAMP_TOUCHED);
    assert_true(what & FILESTAMP_INODE);
    assert_false(what & FILESTAMP_CONTENT);
}

static void test_replaced_gone_appeared(void **state)
{
    (void)state;
    overwrite("one\n");
    struct filestamp st;
    load(&st);
    overwrite("three\n");
    unsigned what;
    assert_int_equal(check(&st, &what), FILESTAMP_CHANGED);
    assert_true(what & FILESTAMP_SIZE);
    assert_true(what & FILESTAMP_CONTENT);
    unlink(path);
    assert_int_equal(check(&st, &what), FILESTAMP_CHANGED);
    assert_int_equal(what, FILESTAMP_GONE);
    struct filestamp none;
    struct error e;
    assert_int_equal(filestamp_of_bytes(path, "", 0, &none, &e), 0);
    assert_false(none.exists);
    overwrite("new\n");
    assert_int_equal(check(&none, &what), FILESTAMP_CHANGED);
    assert_int_equal(what, FILESTAMP_APPEARED);
}

static void test_stamp_after_our_save(void **state)
{
    (void)state;
    overwrite("saved by us\n");
    struct filestamp st;
    struct error e;
    assert_int_equal(filestamp_of_bytes(path, "saved by us\n", 12, &st, &e), 0);
    struct filestamp now;
    unsigned what;
    assert_int_equal(filestamp_check(path, &st, &what, &now, &e), FILESTAMP_UNCHANGED);
    assert_true(now.hash == st.hash);
    /* Unreadable (a directory in its place): an error, not a verdict. */
    unlink(path);
    assert_int_equal(mkdir(path, 0755), 0);
    assert_int_equal(filestamp_check(path, &st, &what, NULL, &e), -1);
    assert_true(e.msg[0] != '\0');
    rmdir(path);
}

/* A symlink put in place of the sheet (to the same bytes) is a change: saving would write through it. */
static void test_symlink_swapped_in_is_a_change(void **state)
{
    (void)state;
    overwrite("same bytes\n");
    struct filestamp st;
    load(&st);
    assert_false(st.is_link);
    char other[700];
    snprintf(other, sizeof(other), "%s/elsewhere", dir);
    int fd = open(other, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_int_equal(write(fd, "same bytes\n", 11), 11);
    close(fd);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(symlink("elsewhere", path), 0);
    unsigned what;
    assert_int_equal(check(&st, &what), FILESTAMP_CHANGED);
    assert_true(what & FILESTAMP_LINK);
    assert_false(what & FILESTAMP_CONTENT);
    struct strbuf d = STRBUF_INIT;
    filestamp_describe(what, &d);
    assert_non_null(strstr(d.buf, "symlink"));
    strbuf_release(&d);
    /* Loaded through the link: the link staying is no change. */
    load(&st);
    assert_true(st.is_link);
    assert_int_equal(check(&st, &what), FILESTAMP_UNCHANGED);
    unlink(other);
}

static void test_hash_is_fnv1a(void **state)
{
    (void)state;
    /* Published FNV-1a 64 test vectors. */
    assert_true(filestamp_hash("", 0) == 0xcbf29ce484222325ULL);
    assert_true(filestamp_hash("a", 1) == 0xaf63dc4c8601ec8cULL);
    assert_true(filestamp_hash("foobar", 6) == 0x85944171f73967e8ULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_unchanged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_same_size_same_mtime_differs_by_hash, setup, teardown),
        cmocka_unit_test_setup_teardown(test_touched_or_copied_back_is_not_a_change, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_replaced_gone_appeared, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stamp_after_our_save, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symlink_swapped_in_is_a_change, setup, teardown),
        cmocka_unit_test(test_hash_is_fnv1a),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
