/*
 * test_overview.c - the table of initiatives across sheets: rows on the
 * sample sheet, filters, both sorts and the counts on two synthetic
 * wards, refreshing a row after an edit, sheets of different forms.
 */
#include "unit.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "overview.h"

static struct sheet *parse(const char *ward, const char *items)
{
    return unit_ward_sheet(ward, items);
}

/* "WARD:NO" of the selected rows, space separated. */
static char *selection(const struct overview *ov, const struct overview_filter *f,
                       enum overview_sort sort)
{
    size_t *rows;
    size_t n = overview_select(ov, f, sort, &rows);
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        const struct overview_row *r = overview_row(ov, rows[i]);
        strbuf_addf(&sb, "%s%s:%ld", i ? " " : "", r->ward, r->number);
    }
    free(rows);
    return strbuf_detach(&sb, NULL);
}

#define SELECTS(ov, f, sort, want) do {                         \
        char *got_ = selection(ov, f, sort);                    \
        assert_string_equal(got_, want);                        \
        free(got_);                                             \
    } while (0)

static void test_sample(void **state)
{
    (void)state;
    struct error e;
    struct sheet *s = sheet_load_readonly("sample-data/taisho-h29.rec", NULL, &e);
    assert_non_null(s);
    struct overview *ov = overview_build(&s, 1, &e);
    assert_non_null(ov);
    assert_int_equal(overview_n_rows(ov), 23);
    /* Stages with a complete mark: 計画, 中間振り返り, 年度評価 (not the header). */
    assert_int_equal(overview_n_stages(ov), 3);
    assert_string_equal(overview_form(ov)->stages[overview_stage(ov, 0)].label, "計画");
    assert_string_equal(overview_form(ov)->stages[overview_stage(ov, 2)].label, "年度評価");

    const struct overview_row *r = overview_row(ov, 0);
    assert_string_equal(r->ward, "大正区");
    assert_int_equal(r->number, 1);
    assert_true(strncmp(r->title, "歳入の確保(介護保険料", strlen("歳入の確保(介護保険料")) == 0);
    assert_string_equal(overview_result_label(ov, r), "目標未達成");
    assert_int_equal(r->errors, 0);
    assert_int_equal(r->states[0], STAGE_COMPLETE);
    assert_int_equal(r->states[1], STAGE_EMPTY);
    assert_int_equal(r->states[2], STAGE_COMPLETE);

    struct overview_filter all = OVERVIEW_FILTER_ALL;
    size_t *rows;
    size_t n = overview_select(ov, &all, OVERVIEW_SORT_NUMBER, &rows);
    struct overview_counts c;
    overview_count(ov, rows, n, &c);
    assert_int_equal(c.rows, 23);
    assert_int_equal(c.n_results, 2);
    assert_int_equal(c.per_result[0], 16);      /* 目標達成 */
    assert_int_equal(c.per_result[1], 7);       /* 目標未達成 */
    assert_int_equal(c.per_result[2], 0);       /* not chosen */
    assert_int_equal(c.complete[0], 23);
    assert_int_equal(c.complete[1], 0);
    assert_int_equal(c.complete[2], 23);
    assert_int_equal(c.complete_problems[0], 0);
    assert_int_equal(c.with_errors, 0);
    overview_counts_free(&c);
    free(rows);

    struct overview_filter f = OVERVIEW_FILTER_ALL;
    f.result = overview_result_choice(ov, "not_achieved");
    assert_int_equal(f.result, 1);
    assert_int_equal(overview_result_choice(ov, "目標未達成"), 1);   /* by label too */
    assert_int_equal(overview_result_choice(ov, "maybe"), -1);
    SELECTS(ov, &f, OVERVIEW_SORT_NUMBER,
            "大正区:1 大正区:8 大正区:9 大正区:12 大正区:13 大正区:14 大正区:20");
    f = (struct overview_filter)OVERVIEW_FILTER_ALL;
    f.incomplete_stage = overview_stage_by_name(ov, "end");
    assert_int_equal(f.incomplete_stage, overview_stage_by_name(ov, "年度評価"));
    SELECTS(ov, &f, OVERVIEW_SORT_NUMBER, "");
    f.incomplete_stage = overview_stage_by_name(ov, "mid");
    n = overview_select(ov, &f, OVERVIEW_SORT_NUMBER, &rows);
    assert_int_equal(n, 23);
    free(rows);
    assert_int_equal(overview_stage_by_name(ov, "header"), -1);   /* no complete mark */
    assert_int_equal(overview_stage_by_name(ov, "nosuch"), -1);
    f = (struct overview_filter)OVERVIEW_FILTER_ALL;
    f.problems_only = true;
    SELECTS(ov, &f, OVERVIEW_SORT_NUMBER, "");
    overview_free(ov);
    sheet_free(s);
}

/*
 * Two wards, 港区 in two sheets (two years).  Item by item:
 *   港区 3   plan complete, clean; result not_achieved with End_Issues
 *   港区 1   only a title: everything empty
 *   港区 2   plan marked complete without Plan_Goal: complete [!], an error
 *   北区 2   plan in progress, result achieved
 *   北区 1   plan and mid complete (a stage completes only after the plan)
 *   港区 5   (second sheet) number 5, end in progress
 *   港区 4   (second sheet) number used twice in that sheet
 *   港区 4
 */
static const char *MINATO_A =
    "No: 3\nTitle: 三\nPlan_Purpose: p\nPlan_Overview: o\nPlan_Goal: g\nPlan_Actions: a\n"
    "Plan_YearGoal: y\nPlan_Done: yes\nEnd_Result: not_achieved\nEnd_Issues: 課題\n\n"
    "No: 1\nTitle: 一\n\n"
    "No: 2\nTitle: 二\nPlan_Purpose: p\nPlan_Done: yes\n\n";
static const char *KITA =
    "No: 2\nTitle: 北二\nPlan_Purpose: p\nEnd_Result: achieved\n\n"
    "No: 1\nTitle: 北一\nPlan_Purpose: p\nPlan_Overview: o\nPlan_Goal: g\nPlan_Actions: a\n"
    "Plan_YearGoal: y\nPlan_Done: yes\nMid_Progress: on_track\nMid_Outlook: likely\nMid_Done: yes\n\n";
static const char *MINATO_B =
    "No: 5\nTitle: 五\nEnd_Results: 実績\n\n"
    "No: 4\nTitle: 四a\n\n"
    "No: 4\nTitle: 四b\n\n";

struct wards {
    struct sheet *s[3];
    struct overview *ov;
};

static struct wards wards_open(void)
{
    struct wards w = { { parse("港区", MINATO_A), parse("北区", KITA), parse("港区", MINATO_B) },
                       NULL };
    struct error e;
    w.ov = overview_build(w.s, 3, &e);
    assert_non_null(w.ov);
    return w;
}

static void wards_close(struct wards *w)
{
    overview_free(w->ov);
    for (int i = 0; i < 3; i++)
        sheet_free(w->s[i]);
}

static void test_two_wards_rows_and_sorts(void **state)
{
    (void)state;
    struct wards w = wards_open();
    struct overview *ov = w.ov;
    assert_int_equal(overview_n_rows(ov), 8);
    const struct overview_row *r = overview_row(ov, 2);     /* 港区 2 */
    assert_int_equal(r->number, 2);
    assert_int_equal(r->states[0], STAGE_COMPLETE_PROBLEMS);
    assert_true(r->errors > 0);
    assert_string_equal(overview_result_label(ov, r), "not chosen");
    r = overview_row(ov, 1);                                  /* 港区 1 */
    assert_int_equal(r->states[0], STAGE_EMPTY);
    assert_int_equal(r->errors, 0);
    r = overview_row(ov, 3);                                  /* 北区 2 */
    assert_int_equal(r->states[0], STAGE_IN_PROGRESS);
    assert_int_equal(r->states[2], STAGE_IN_PROGRESS);
    r = overview_row(ov, 4);                                  /* 北区 1 */
    assert_int_equal(r->states[1], STAGE_COMPLETE);
    /* A number used twice is an error of both items. */
    assert_true(overview_row(ov, 6)->errors > 0);
    assert_true(overview_row(ov, 7)->errors > 0);
    assert_int_equal(overview_row(ov, 5)->errors, 0);

    /* Wards in the order their first sheet came; numbers; ties in file order. */
    SELECTS(ov, NULL, OVERVIEW_SORT_NUMBER,
            "港区:1 港区:2 港区:3 港区:4 港区:4 港区:5 北区:1 北区:2");
    size_t *rows;
    size_t n = overview_select(ov, NULL, OVERVIEW_SORT_NUMBER, &rows);
    assert_string_equal(overview_row(ov, rows[3])->title, "四a");
    assert_string_equal(overview_row(ov, rows[4])->title, "四b");
    free(rows);
    (void)n;
    /*
     * By state: errors first (港区 4, 4 with no stage complete before 港区 2
     * with one), then fewer stages complete first, and among those the
     * first stage not complete empty before in progress: 港区 1 and 5
     * (計画 empty), 北区 2 (計画 in progress); then 港区 3 and 北区 1.
     */
    SELECTS(ov, NULL, OVERVIEW_SORT_STATE,
            "港区:4 港区:4 港区:2 港区:1 港区:5 北区:2 港区:3 北区:1");
    wards_close(&w);
}

static void test_two_wards_filters_and_counts(void **state)
{
    (void)state;
    struct wards w = wards_open();
    struct overview *ov = w.ov;
    struct overview_filter f = OVERVIEW_FILTER_ALL;
    f.problems_only = true;
    SELECTS(ov, &f, OVERVIEW_SORT_NUMBER, "港区:2 港区:4 港区:4");
    f = (struct overview_filter)OVERVIEW_FILTER_ALL;
    f.result = overview_result_choice(ov, "achieved");
    SELECTS(ov, &f, OVERVIEW_SORT_NUMBER, "北区:2");
    f.result = -2;                                              /* not chosen */
    SELECTS(ov, &f, OVERVIEW_SORT_NUMBER, "港区:1 港区:2 港区:4 港区:4 港区:5 北区:1");
    /* 計画 not complete: complete [!] counts as not complete. */
    f = (struct overview_filter)OVERVIEW_FILTER_ALL;
    f.incomplete_stage = overview_stage_by_name(ov, "計画");
    SELECTS(ov, &f, OVERVIEW_SORT_NUMBER, "港区:1 港区:2 港区:4 港区:4 港区:5 北区:2");
    /* Conditions combine. */
    f.problems_only = true;
    f.result = -2;
    SELECTS(ov, &f, OVERVIEW_SORT_NUMBER, "港区:2 港区:4 港区:4");

    size_t *rows;
    size_t n = overview_select(ov, NULL, OVERVIEW_SORT_NUMBER, &rows);
    struct overview_counts c;
    overview_count(ov, rows, n, &c);
    assert_int_equal(c.rows, 8);
    assert_int_equal(c.per_result[0], 1);
    assert_int_equal(c.per_result[1], 1);
    assert_int_equal(c.per_result[2], 6);
    assert_int_equal(c.complete[0], 2);                     /* 港区 3, 北区 1 */
    assert_int_equal(c.complete_problems[0], 1);
    assert_int_equal(c.complete[1], 1);
    assert_int_equal(c.complete[2], 0);
    assert_int_equal(c.with_errors, 3);
    overview_counts_free(&c);
    free(rows);
    /* Counts of an empty selection. */
    overview_count(ov, NULL, 0, &c);
    assert_int_equal(c.rows, 0);
    assert_int_equal(c.per_result[2], 0);
    overview_counts_free(&c);
    wards_close(&w);
}

static void test_refresh_after_edit(void **state)
{
    (void)state;
    struct wards w = wards_open();
    struct overview *ov = w.ov;
    /* Fill 港区 2's Plan_Goal and the rest: its plan becomes complete. */
    struct sheet *s = w.s[0];
    static const char *const keys[] = { "Plan_Overview", "Plan_Goal", "Plan_Actions",
                                        "Plan_YearGoal" };
    for (size_t k = 0; k < ARRAY_LEN(keys); k++)
        item_set(s, &s->items[2], form_field_index(s->form, keys[k]), "x", 1);
    overview_refresh_item(ov, 0, 2);
    assert_int_equal(overview_row(ov, 2)->errors, 0);
    assert_int_equal(overview_row(ov, 2)->states[0], STAGE_COMPLETE);
    /* Renumbering one 4 to 6 clears the error of the other 4 too. */
    s = w.s[2];
    item_set(s, &s->items[2], s->form->key_field, "6", 1);
    overview_refresh_item(ov, 2, 2);
    assert_int_equal(overview_row(ov, 6)->errors, 0);
    assert_int_equal(overview_row(ov, 7)->errors, 0);
    assert_int_equal(overview_row(ov, 7)->number, 6);
    /* And back: both are wrong again. */
    item_set(s, &s->items[2], s->form->key_field, "4", 1);
    overview_refresh_item(ov, 2, 2);
    assert_true(overview_row(ov, 6)->errors > 0);
    assert_true(overview_row(ov, 7)->errors > 0);
    overview_refresh_item(ov, 9, 0);            /* out of range: ignored */
    overview_refresh_item(ov, 0, 99);
    wards_close(&w);
}

static void test_other_form_and_nothing(void **state)
{
    (void)state;
    struct error e;
    struct form *kenshu = form_load_file("tests/forms/kenshu-1.0.form", &e);
    assert_non_null(kenshu);
    static const char *text =
        "%rec: Sheet\n\nForm: kenshu-1.0\nWard: 港区\nFiscalYear: 2020\n\n%rec: Course\n\n"
        "Id: 100\nName: 接遇研修\n";
    struct sheet *sheets[2] = { parse("北区", "No: 1\nTitle: t\n"),
                                sheet_parse(text, strlen(text), "k.rec", kenshu, &e) };
    assert_non_null(sheets[1]);
    assert_null(overview_build(sheets, 2, &e));
    assert_string_equal(e.file, "k.rec");
    assert_non_null(strstr(e.msg, "kenshu-1.0"));
    /* A kenshu sheet alone works: its form gives the columns. */
    struct overview *ov = overview_build(sheets + 1, 1, &e);
    assert_non_null(ov);
    assert_int_equal(overview_n_rows(ov), 1);
    assert_int_equal(overview_row(ov, 0)->number, 100);
    overview_free(ov);
    /* No sheets at all. */
    ov = overview_build(NULL, 0, &e);
    assert_non_null(ov);
    assert_int_equal(overview_n_rows(ov), 0);
    assert_int_equal(overview_n_stages(ov), 0);
    size_t *rows;
    assert_int_equal(overview_select(ov, NULL, OVERVIEW_SORT_STATE, &rows), 0);
    free(rows);
    overview_free(ov);
    sheet_free(sheets[0]);
    sheet_free(sheets[1]);
    form_free(kenshu);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample),
        cmocka_unit_test(test_two_wards_rows_and_sorts),
        cmocka_unit_test(test_two_wards_filters_and_counts),
        cmocka_unit_test(test_refresh_after_edit),
        cmocka_unit_test(test_other_form_and_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
