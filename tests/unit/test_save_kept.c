/*
 * test_save_kept.c - what an atomic save keeps (save.c): the mode even
 * where the umask would strip it, the owner and group (as root: a file
 * of another uid stays theirs), symlinks (chains, relative and absolute,
 * into another directory, dangling) stay links with their target
 * replaced and the temporary file made next to the target.  Also pinned
 * down: a hard link's other name keeps the old bytes (a replace makes a
 * new inode), and extended attributes are not carried over (a known gap,
 * docs/reliability.md).
 */
#include "unit.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <limits.h>
#include <unistd.h>

#include "save.h"

static char dir[256], other[300];

static int setup(void **state)
{
    (void)state;
    if (unit_tmpdir(dir, sizeof dir, "kept") < 0)
        return -1;
    snprintf(other, sizeof(other), "%s/other", dir);
    return mkdir(other, 0755);
}

/* Some tests leave read-only directories behind: open them up first. */
static int teardown(void **state)
{
    (void)state;
    chmod(other, 0755);
    chmod(dir, 0755);
    return unit_rm_tree(dir);
}

static char *at(const char *name)
{
    return unit_path(dir, name);
}

static void put(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    assert_int_equal(chmod(path, mode), 0);
}

static void assert_content(const char *path, const char *want)
{
    char *data;
    size_t len;
    struct error e;
    if (read_file(path, &data, &len, &e) < 0)
        fail_msg("%s: %s", path, e.msg);
    assert_int_equal(len, strlen(want));
    assert_memory_equal(data, want, len);
    free(data);
}

static int count_temps(const char *d)
{
    int n = 0;
    DIR *dd = opendir(d);
    struct dirent *de;
    while ((de = readdir(dd)))
        n += strstr(de->d_name, ".tmp") != NULL;
    closedir(dd);
    return n;
}

static void test_mode_kept_despite_umask(void **state)
{
    (void)state;
    static const mode_t modes[] = { 0600, 0640, 0644, 0660, 0664, 0666, 0444, 0400 };
    mode_t old_umask = umask(077);
    for (size_t i = 0; i < ARRAY_LEN(modes); i++) {
        char *p = at("m.rec");
        unlink(p);
        put(p, "old", modes[i]);
        struct error e;
        assert_int_equal(save_atomic(p, "new", 3, &e), SAVE_OK);
        struct stat st;
        assert_int_equal(stat(p, &st), 0);
        if ((st.st_mode & 07777) != modes[i])
            fail_msg("mode %o became %o", (unsigned)modes[i], (unsigned)(st.st_mode & 07777));
        assert_content(p, "new");
    }
    umask(old_umask);
}

static void test_owner_kept_as_root(void **state)
{
    (void)state;
    if (geteuid() != 0)
        skip();   /* only root may give a file away; an editor's save then keeps it */
    char *p = at("o.rec");
    put(p, "old", 0640);
    assert_int_equal(chown(p, 12345, 23456), 0);
    struct error e;
    assert_int_equal(save_atomic(p, "new", 3, &e), SAVE_OK);
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_uid, 12345);
    assert_int_equal(st.st_gid, 23456);
    assert_int_equal(st.st_mode & 07777, 0640);
    /* Group only (a shared ward group). */
    assert_int_equal(chown(p, 0, 4321), 0);
    assert_int_equal(save_atomic(p, "newer", 5, &e), SAVE_OK);
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_uid, 0);
    assert_int_equal(st.st_gid, 4321);
    assert_content(p, "newer");
}

static void test_symlink_chain_and_other_directory(void **state)
{
    (void)state;
    char target[700];
    snprintf(target, sizeof(target), "%s/real.rec", other);
    put(target, "old", 0640);
    /* a.rec -> b.rec (relative) -> /abs/other/real.rec (absolute) */
    assert_int_equal(symlink(target, at("b.rec")), 0);
    assert_int_equal(symlink("b.rec", at("a.rec")), 0);
    struct error e;
    assert_int_equal(save_atomic(at("a.rec"), "new", 3, &e), SAVE_OK);
    struct stat st;
    assert_int_equal(lstat(at("a.rec"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(lstat(at("b.rec"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    char buf[700];
    ssize_t n = readlink(at("a.rec"), buf, sizeof(buf) - 1);
    assert_true(n > 0);
    buf[n] = '\0';
    assert_string_equal(buf, "b.rec");
    assert_content(target, "new");
    assert_int_equal(stat(target, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
    assert_int_equal(count_temps(dir), 0);
    assert_int_equal(count_temps(other), 0);
    /* A relative link into a subdirectory. */
    assert_int_equal(symlink("other/real.rec", at("c.rec")), 0);
    assert_int_equal(save_atomic(at("c.rec"), "newest", 6, &e), SAVE_OK);
    assert_int_equal(lstat(at("c.rec"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_content(target, "newest");
}

static void test_dangling_symlink_creates_its_target(void **state)
{
    (void)state;
    assert_int_equal(symlink("other/fresh.rec", at("d.rec")), 0);
    struct error e;
    assert_int_equal(save_atomic(at("d.rec"), "x", 1, &e), SAVE_OK);
    struct stat st;
    assert_int_equal(lstat(at("d.rec"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    char t[700];
    snprintf(t, sizeof(t), "%s/fresh.rec", other);
    assert_content(t, "x");
}

static void test_hard_link_keeps_old_bytes(void **state)
{
    (void)state;
    put(at("h.rec"), "old", 0644);
    assert_int_equal(link(at("h.rec"), at("h2.rec")), 0);
    struct error e;
    assert_int_equal(save_atomic(at("h.rec"), "new", 3, &e), SAVE_OK);
    assert_content(at("h.rec"), "new");
    assert_content(at("h2.rec"), "old");   /* documented: the other name is not updated */
}

static void test_xattrs_not_kept(void **state)
{
    (void)state;
    char *p = at("x.rec");
    put(p, "old", 0644);
    if (setxattr(p, "user.torikumi.test", "1", 1, 0) < 0)
        skip();   /* file system without user xattrs */
    struct error e;
    assert_int_equal(save_atomic(p, "new", 3, &e), SAVE_OK);
    char v[8];
    /* Known gap (docs/reliability.md): the replace does not copy xattrs or ACLs. */
    assert_int_equal(getxattr(p, "user.torikumi.test", v, sizeof(v)), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_mode_kept_despite_umask, setup, teardown),
        cmocka_unit_test_setup_teardown(test_owner_kept_as_root, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symlink_chain_and_other_directory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dangling_symlink_creates_its_target, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hard_link_keeps_old_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_xattrs_not_kept, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
