/*
 * test_stamp.c - the Updated stamp: local time with zone, the clerk's name, shown as 和暦.
 */
#include "unit.h"

#include <locale.h>
#include <stdlib.h>

#include "stamp.h"

static void test_make_has_local_time_and_zone(void **state)
{
    (void)state;
    setenv("TZ", "Asia/Tokyo", 1);
    tzset();
    struct strbuf sb = STRBUF_INIT;
    stamp_make(1795608433, "田中 花子", &sb);     /* 2026-11-25T12:07:13Z */
    assert_string_equal(sb.buf, "2026-11-25T21:07:13+09:00 田中 花子");
    strbuf_release(&sb);
}

static void test_name_from_setting(void **state)
{
    (void)state;
    struct strbuf sb = STRBUF_INIT;
    setenv("TORIKUMI_NAME", "山田\n太郎\x1b", 1);
    stamp_clerk_name(&sb);
    assert_string_equal(sb.buf, "山田 太郎");    /* one line, no control characters */
    strbuf_reset(&sb);
    setenv("TORIKUMI_NAME", " \t", 1);           /* blank: not a name, fall back */
    stamp_clerk_name(&sb);
    assert_true(sb.len > 0);
    assert_null(strchr(sb.buf, '\t'));
    unsetenv("TORIKUMI_NAME");
    strbuf_release(&sb);
}

static void test_display_as_wareki(void **state)
{
    (void)state;
    struct strbuf sb = STRBUF_INIT;
    assert_true(stamp_display("2026-11-25T21:07:13+09:00 田中 花子", &sb));
    assert_string_equal(sb.buf, "令和8年11月25日 21:07 (+09:00) 田中 花子");
    strbuf_reset(&sb);
    assert_true(stamp_display("2019-04-30T09:00:00+09:00 tanaka", &sb));
    assert_string_equal(sb.buf, "平成31年4月30日 09:00 (+09:00) tanaka");
    strbuf_reset(&sb);
    assert_false(stamp_display("昨日 田中", &sb));
    assert_false(stamp_display("2026-13-25T21:07:13+09:00 x", &sb));
    assert_int_equal(sb.len, 0);
    strbuf_release(&sb);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_make_has_local_time_and_zone),
        cmocka_unit_test(test_name_from_setting),
        cmocka_unit_test(test_display_as_wareki),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
