/*
 * test_era.c - years typed as 西暦 or 和暦, dates shown as 和暦.
 */
#include "unit.h"

#include <locale.h>
#include <stdlib.h>

#include "era.h"

static long year_of(const char *s)
{
    long y = -1;
    struct error e;
    assert_int_equal(era_parse_year(s, strlen(s), &y, &e), 0);
    return y;
}

/* Parse s expecting an error; returns it for the caller to look at. */
static struct error error_of(const char *s)
{
    long y = -7;
    struct error e;
    assert_int_equal(era_parse_year(s, strlen(s), &y, &e), -1);
    assert_int_equal(y, -7);          /* untouched on error */
    assert_true(e.msg[0] != '\0');
    return e;
}

static void test_western(void **state)
{
    (void)state;
    assert_int_equal(year_of("2018"), 2018);
    assert_int_equal(year_of("２０１８"), 2018);
    assert_int_equal(year_of(" 2018 "), 2018);
    assert_int_equal(year_of("2018年度"), 2018);
    assert_int_equal(year_of("２０１８年"), 2018);
}

static void test_eras(void **state)
{
    (void)state;
    assert_int_equal(year_of("平成30"), 2018);
    assert_int_equal(year_of("H30"), 2018);
    assert_int_equal(year_of("h30"), 2018);
    assert_int_equal(year_of("Ｈ３０"), 2018);
    assert_int_equal(year_of("H.30"), 2018);
    assert_int_equal(year_of("平成30年度"), 2018);
    assert_int_equal(year_of("令和2"), 2020);
    assert_int_equal(year_of("R2"), 2020);
    assert_int_equal(year_of("令和元"), 2019);
    assert_int_equal(year_of("令和元年度"), 2019);
    assert_int_equal(year_of("平成元"), 1989);
    assert_int_equal(year_of("平成31"), 2019);
    assert_int_equal(year_of("昭和64"), 1989);
    assert_int_equal(year_of("　R8　"), 2026);
}

static void test_errors(void **state)
{
    (void)state;
    struct error e = error_of("X30");
    assert_non_null(strstr(e.msg, "unknown era \"X\""));
    assert_int_equal(e.column, 1);
    e = error_of("明治30");
    assert_non_null(strstr(e.msg, "unknown era \"明治\""));
    e = error_of("平成32");
    assert_non_null(strstr(e.msg, "31"));
    assert_int_equal(e.column, 3);
    e = error_of("平成0");
    assert_non_null(strstr(e.msg, "not 0"));
    e = error_of("30");
    assert_non_null(strstr(e.msg, "four digits"));
    e = error_of("2018x");
    assert_int_equal(e.column, 5);
    e = error_of("令和");
    assert_non_null(strstr(e.msg, "令和"));
    e = error_of("");
    e = error_of("年度");
    e = error_of("H3O");
    assert_int_equal(e.column, 2);
}

static void test_fiscal_range(void **state)
{
    (void)state;
    long y = 0;
    struct error e;
    assert_int_equal(era_parse_fiscal_year("平成元", strlen("平成元"), &y, &e), 0);
    assert_int_equal(y, 1989);
    assert_int_equal(era_parse_fiscal_year("昭和63", strlen("昭和63"), &y, &e), -1);
    assert_non_null(strstr(e.msg, "1989"));
    assert_int_equal(era_parse_fiscal_year("2201", 4, &y, &e), -1);
}

static void test_date_label(void **state)
{
    (void)state;
    char buf[64];
    era_date_label(2026, 11, 25, buf, sizeof(buf));
    assert_string_equal(buf, "令和8年11月25日");
    era_date_label(2019, 4, 30, buf, sizeof(buf));
    assert_string_equal(buf, "平成31年4月30日");
    era_date_label(2019, 5, 1, buf, sizeof(buf));
    assert_string_equal(buf, "令和元年5月1日");
    era_date_label(1989, 1, 7, buf, sizeof(buf));
    assert_string_equal(buf, "1989年1月7日");
    era_date_label(1989, 1, 8, buf, sizeof(buf));
    assert_string_equal(buf, "平成元年1月8日");
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_western),
        cmocka_unit_test(test_eras),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_fiscal_range),
        cmocka_unit_test(test_date_label),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
