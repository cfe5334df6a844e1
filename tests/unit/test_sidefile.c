/*
 * test_sidefile.c - names of the files next to a sheet (symlinks
 * resolved), ISO 8601 times with the offset, and the cleanup of save
 * temps left by a killed save: only .NAME.tmp + 6 hex digits, only
 * regular files, only old enough.
 */
#include "unit.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sidefile.h"

static char dir[256];

static char *at(const char *name)
{
    return unit_path(dir, name);
}

static void touch_aged(const char *name, long age)
{
    close(open(at(name), O_WRONLY | O_CREAT, 0644));
    time_t t = time(NULL) - age;
    struct timespec ts[2] = { { t, 0 }, { t, 0 } };
    utimensat(AT_FDCWD, at(name), ts, 0);
}

static void test_paths(void **state)
{
    (void)state;
    char *p = sidefile_path("/a/b/sheet.rec", SIDEFILE_LOCK);
    assert_string_equal(p, "/a/b/.sheet.rec.torikumi-lock");
    free(p);
    p = sidefile_path("sheet.rec", SIDEFILE_JOURNAL);
    assert_string_equal(p, ".sheet.rec.torikumi-journal");
    free(p);
    p = sidefile_path("/sheet.rec", SIDEFILE_JOURNAL);
    assert_string_equal(p, "/.sheet.rec.torikumi-journal");
    free(p);
}

static void test_iso8601(void **state)
{
    (void)state;
    setenv("TZ", "JST-9", 1);   /* POSIX form: needs no tzdata */
    tzset();
    char out[40];
    sidefile_iso8601(1491178500, out, sizeof(out));   /* 2017-04-03 00:15:00 UTC */
    assert_string_equal(out, "2017-04-03T09:15:00+09:00");
    setenv("TZ", "UTC0", 1);
    tzset();
    sidefile_iso8601(0, out, sizeof(out));
    assert_string_equal(out, "1970-01-01T00:00:00+00:00");
    unsetenv("TZ");
    tzset();
    char user[64], host[64];
    sidefile_user(user, sizeof(user));
    sidefile_host(host, sizeof(host));
    assert_true(user[0] && host[0]);
    assert_null(strpbrk(user, " \n\t"));
    assert_null(strpbrk(host, " \n\t"));
}

static void test_clean_temps(void **state)
{
    (void)state;
    assert_int_equal(unit_tmpdir(dir, sizeof dir, "side"), 0);
    touch_aged("s.rec", 0);
    touch_aged(".s.rec.tmpa1b2c3", 3600);   /* old: removed */
    touch_aged(".s.rec.tmp00ff00", 10);     /* recent: maybe a save in progress */
    touch_aged(".s.rec.tmpzzzzzz", 3600);   /* not our pattern */
    touch_aged(".s.rec.tmpa1b2c", 3600);    /* too short */
    touch_aged(".t.rec.tmpa1b2c3", 3600);   /* another sheet's */
    touch_aged(".s.rec.torikumi-journal", 3600);
    mkdir(at(".s.rec.tmpdddddd"), 0755);    /* not a regular file */
    assert_int_equal(sidefile_clean_temps(at("s.rec"), 600), 1);
    assert_int_equal(access(at(".s.rec.tmpa1b2c3"), F_OK), -1);
    assert_int_equal(access(at(".s.rec.tmp00ff00"), F_OK), 0);
    assert_int_equal(sidefile_clean_temps(at("s.rec"), 0), 1);
    assert_int_equal(access(at(".s.rec.tmp00ff00"), F_OK), -1);
    assert_int_equal(access(at(".s.rec.tmpzzzzzz"), F_OK), 0);
    assert_int_equal(access(at(".s.rec.tmpa1b2c"), F_OK), 0);
    assert_int_equal(access(at(".t.rec.tmpa1b2c3"), F_OK), 0);
    assert_int_equal(access(at(".s.rec.torikumi-journal"), F_OK), 0);
    /* Through a symlink: the temps next to the target. */
    touch_aged(".s.rec.tmp123456", 3600);
    assert_int_equal(symlink("s.rec", at("link.rec")), 0);
    assert_int_equal(sidefile_clean_temps(at("link.rec"), 600), 1);
    rmdir(at(".s.rec.tmpdddddd"));
    const char *rest[] = { "s.rec", ".s.rec.tmpzzzzzz", ".s.rec.tmpa1b2c", ".t.rec.tmpa1b2c3",
                           ".s.rec.torikumi-journal", "link.rec" };
    for (size_t i = 0; i < ARRAY_LEN(rest); i++)
        unlink(at(rest[i]));
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_iso8601),
        cmocka_unit_test(test_clean_temps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
