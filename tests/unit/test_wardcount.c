/*
 * test_wardcount.c - the per-ward count table: groups in list order, one
 * per (ward, year); not complete counted as the list's filter counts it
 * (complete with problems is not complete); results and totals; the
 * default stage column; the ward filter of the overview.
 */
#include "unit.h"

#include <locale.h>
#include <stdlib.h>

#include "wardcount.h"

#define DONE_PLAN "Plan_Purpose: p\nPlan_Overview: o\nPlan_Goal: g\nPlan_Actions: a\n" \
                  "Plan_YearGoal: y\nPlan_Done: yes\n"
#define DONE_MID "Mid_Progress: on_track\nMid_Outlook: likely\nMid_Done: yes\n"

static void test_counts_per_ward_and_year(void **state)
{
    (void)state;
    struct sheet *s[3];
    s[0] = unit_ward_year_sheet("北区", 2017,
                                "No: 1\nTitle: a\n" DONE_PLAN DONE_MID "End_Result: achieved\n\n"
                                "No: 2\nTitle: b\n" DONE_PLAN "End_Result: not_achieved\n\n");
    /* Item 1: mid marked done without its answers, so complete with problems. */
    s[1] = unit_ward_year_sheet("港区", 2017, "No: 1\nTitle: c\n" DONE_PLAN "Mid_Done: yes\n\n");
    s[2] = unit_ward_year_sheet("北区", 2018, "No: 1\nTitle: d\n" DONE_PLAN DONE_MID "\n");
    struct error e;
    struct overview *ov = overview_build(s, 3, &e);
    assert_non_null(ov);
    size_t *rows;
    size_t n = overview_select(ov, NULL, OVERVIEW_SORT_NUMBER, &rows);
    assert_int_equal(n, 4);
    size_t col = ward_table_default_col(ov, rows, n, -1);
    assert_int_equal(overview_stage(ov, col), 2);       /* 計画 all done: 中間振り返り */
    struct ward_table t;
    ward_table_build(ov, rows, n, col, &t);
    assert_int_equal(t.n, 3);
    assert_true(t.years_differ);
    assert_string_equal(t.v[0].ward, "北区");
    assert_int_equal(t.v[0].year, 2017);
    assert_int_equal(t.v[0].items, 2);
    assert_int_equal(t.v[0].incomplete, 1);
    assert_int_equal(t.v[0].complete, 1);
    assert_int_equal(t.v[0].per_result[0], 1);
    assert_int_equal(t.v[0].per_result[1], 1);
    /* The same ward's sheets of other years sort with it (ward, then number). */
    assert_string_equal(t.v[1].ward, "北区");
    assert_int_equal(t.v[1].year, 2018);
    assert_int_equal(t.v[1].complete, 1);
    assert_string_equal(t.v[2].ward, "港区");
    assert_int_equal(t.v[2].incomplete, 1);             /* complete with problems */
    assert_int_equal(t.v[2].with_errors, 1);
    assert_int_equal(t.v[2].per_result[t.n_results], 1); /* not chosen */
    assert_int_equal(t.total.items, 4);
    assert_int_equal(t.total.incomplete, 2);
    assert_int_equal(t.total.complete, 2);
    ward_table_free(&t);
    free(rows);

    /* The ward filter: a ward, then a ward and a year. */
    struct overview_filter f = OVERVIEW_FILTER_ALL;
    f.ward = "北区";
    assert_int_equal(overview_select(ov, &f, OVERVIEW_SORT_NUMBER, &rows), 3);
    free(rows);
    f.year = 2018;
    assert_int_equal(overview_select(ov, &f, OVERVIEW_SORT_NUMBER, &rows), 1);
    assert_int_equal(overview_row(ov, rows[0])->year, 2018);
    free(rows);
    f = (struct overview_filter)OVERVIEW_FILTER_ALL;
    f.incomplete_stage = 2;
    n = overview_select(ov, &f, OVERVIEW_SORT_NUMBER, &rows);
    ward_table_build(ov, rows, n, ward_table_default_col(ov, rows, n, 2), &t);
    assert_int_equal(t.total.items, t.total.incomplete);   /* the table counts what the list shows */
    ward_table_free(&t);
    free(rows);
    overview_free(ov);
    for (int i = 0; i < 3; i++)
        sheet_free(s[i]);
}

static void test_empty_selection(void **state)
{
    (void)state;
    struct sheet *s = unit_ward_year_sheet("北区", 2017, "No: 1\nTitle: a\n\n");
    struct error e;
    struct overview *ov = overview_build(&s, 1, &e);
    struct ward_table t;
    ward_table_build(ov, NULL, 0, 0, &t);
    assert_int_equal(t.n, 0);
    assert_false(t.years_differ);
    assert_int_equal(t.total.items, 0);
    ward_table_free(&t);
    overview_free(ov);
    sheet_free(s);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_per_ward_and_year),
        cmocka_unit_test(test_empty_selection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
