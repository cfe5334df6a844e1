/*
 * test_import_csv.c - CSV to sheet: header matching, values, numbering,
 * the header record, errors with row and column, warnings, the same
 * output whatever the read size, and the byte scan that spares the
 * rules' per-character pass agreeing with that pass.
 */
#include "unit.h"
#include "csvfeed.h"

#include <stdio.h>
#include <stdlib.h>

#include "form.h"
#include "import_csv.h"
#include "sheet.h"
#include "util.h"

struct result {
    int rc;
    enum import_csv_failure failure;
    struct strbuf out;
    struct strbuf warnings;      /* "LINE:COL: MSG\n" */
    char err[1200];              /* formatted error */
    size_t items;
};

static void run_step(const char *csv, size_t n, size_t step, const char *ward, long year,
                     bool full, struct result *r)
{
    memset(r, 0, sizeof(*r));
    struct import_csv_options o = { unit_form, "t.csv", ward, year, csvfeed_collect, &r->out,
                                    csvfeed_collect_warning, &r->warnings, full };
    struct import_csv *ic = import_csv_new(&o);
    struct error e;
    int rc = csvfeed_import(ic, csv, n, step, &e);
    r->rc = rc;
    if (rc < 0) {
        struct strbuf sb = STRBUF_INIT;
        error_format(&e, &sb);
        snprintf(r->err, sizeof(r->err), "%s", sb.buf);
        strbuf_release(&sb);
        r->failure = import_csv_failure(ic);
    }
    r->items = import_csv_stats(ic)->items;
    import_csv_free(ic);
}

static void result_free(struct result *r)
{
    strbuf_release(&r->out);
    strbuf_release(&r->warnings);
}

/* Import with read sizes 1, 2, 3 and 65536 (and the full rules pass); all must agree. */
static void run(const char *csv, const char *ward, long year, struct result *r)
{
    static const size_t steps[] = { 65536, 1, 2, 3 };
    size_t n = strlen(csv);
    run_step(csv, n, steps[0], ward, year, false, r);
    for (size_t k = 0; k < ARRAY_LEN(steps) + 1; k++) {
        struct result o;
        run_step(csv, n, k < ARRAY_LEN(steps) ? steps[k] : 65536, ward, year,
                 k == ARRAY_LEN(steps), &o);
        assert_int_equal(o.rc, r->rc);
        assert_string_equal(o.err, r->err);
        assert_string_equal(strbuf_cstr(&o.out), strbuf_cstr(&r->out));
        assert_string_equal(strbuf_cstr(&o.warnings), strbuf_cstr(&r->warnings));
        result_free(&o);
    }
}

/* The records part of the output: everything after the item descriptor. */
static const char *records(const struct result *r)
{
    const char *s = strbuf_cstr(&r->out);
    const char *d = strstr(s, "%rec: Initiative");
    assert_non_null(d);
    const char *blank = strstr(d, "\n\n");
    return blank ? blank + 1 : "";
}

static struct sheet *parse_out(const struct result *r)
{
    struct error e;
    struct sheet *s = sheet_parse(r->out.buf, r->out.len, "out.rec", unit_form, &e);
    if (!s)
        fail_msg("output does not parse: %s", e.msg);
    return s;
}

static void expect_records(const char *csv, const char *want)
{
    struct result r;
    run(csv, "大正区", 2017, &r);
    if (r.rc != 0)
        fail_msg("import failed: %s", r.err);
    assert_string_equal(records(&r), want);
    result_free(&r);
}

static void expect_error(const char *csv, enum import_csv_failure kind, const char *want)
{
    struct result r;
    run(csv, "大正区", 2017, &r);
    assert_int_equal(r.rc, -1);
    assert_string_equal(r.err, want);
    assert_int_equal(r.failure, kind);
    result_free(&r);
}

/* ---- headers ---- */

static void test_header_by_key_label_alias(void **state)
{
    (void)state;
    expect_records("No,取組項目名,戦略,達成状況,自己評価/課題と改善策,中間振り返り／課題と改善策,"
                   " Plan_Goal ,mid/取組内容の実施見込み\r\n"
                   "3,歳入,目的,目標未達成,改善,中間,目標,off_track\r\n",
                   "\nNo: 3\nTitle: 歳入\nPlan_Purpose: 目的\nPlan_Goal: 目標\n"
                   "Mid_Progress: off_track\nMid_Issues: 中間\nEnd_Result: not_achieved\n"
                   "End_Issues: 改善\n");
}

static void test_header_ambiguous(void **state)
{
    (void)state;
    expect_error("番号,課題と改善策\r\n1,x\r\n", IMPORT_CSV_INPUT,
                 "t.csv:1:2: row 1, column B (課題と改善策): 2 fields have this label; name one: "
                 "中間振り返り/課題と改善策 (Mid_Issues), 年度評価/課題と改善策 (End_Issues)");
}

static void test_header_duplicate(void **state)
{
    (void)state;
    expect_error("番号,Title,項目名\r\n", IMPORT_CSV_INPUT,
                 "t.csv:1:3: row 1, column C (項目名): column B (Title) already feeds this "
                 "field; remove one of them");
}

static void test_unknown_columns_kept(void **state)
{
    (void)state;
    struct result r;
    run("No,Title,LocalNote,メモ,No.,LocalNote\r\n1,a,n1,m,x,n2\r\n2,b,,,,\r\n", "大正区",
        2017, &r);
    assert_int_equal(r.rc, 0);
    assert_string_equal(records(&r),
                        "\nNo: 1\nTitle: a\nLocalNote: n1\nX__E3_83_A1_E3_83_A2: m\nX_No_2E: x\n"
                        "LocalNote: n2\n\nNo: 2\nTitle: b\n");
    assert_string_equal(r.warnings.buf,
                        "1:3: column C (LocalNote) is not a field of form kaikaku-2.0: its "
                        "values are kept as field LocalNote\n"
                        "1:4: column D (メモ) is not a field of form kaikaku-2.0: its values are "
                        "kept as field X__E3_83_A1_E3_83_A2\n"
                        "1:5: column E (No.) is not a field of form kaikaku-2.0: its values are "
                        "kept as field X_No_2E\n"
                        "1:6: column F (LocalNote) is not a field of form kaikaku-2.0: its "
                        "values are kept as field LocalNote\n");
    result_free(&r);
}

static void test_field_names(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        { "LocalNote", "LocalNote" }, { "a_b", "a_b" }, { "a b", "X_a_20b" },
        { "_x", "X___x" }, { "%rec", "X__25rec" }, { "1st", "X_1st" }, { "", "X_" },
        { "区", "X__E5_8C_BA" },
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct strbuf sb = STRBUF_INIT;
        import_csv_field_name(cases[i][0], strlen(cases[i][0]), &sb);
        assert_string_equal(strbuf_cstr(&sb), cases[i][1]);
        strbuf_release(&sb);
    }
}

/* ---- rows and values ---- */

static void test_values_verbatim(void **state)
{
    (void)state;
    expect_records("Title,Plan_Purpose,Plan_Goal,End_Results\r\n"
                   "\"  spaced  \",\"say \"\"hi\"\", a,b\",\"line 1\nline 2\n\",ｶﾀｶﾅ　\r\n",
                   "\nNo: 1\nTitle:   spaced  \nPlan_Purpose: say \"hi\", a,b\n"
                   "Plan_Goal: line 1\n+ line 2\n+\nEnd_Results: ｶﾀｶﾅ　\n");
}

static void test_numbering_and_empty_rows(void **state)
{
    (void)state;
    /* No column: 1..n in order; empty rows (any number of commas) are skipped. */
    expect_records("Title,Plan_Goal,,\r\n,,,\r\na,,,\r\n\r\nb,g,,\r\n,,\r\n",
                   "\nNo: 1\nTitle: a\n\nNo: 2\nTitle: b\nPlan_Goal: g\n");
}

static void test_short_rows_padded(void **state)
{
    (void)state;
    expect_records("No,Title,Plan_Goal,End_Result\r\n5,a\r\n6\r\n",
                   "\nNo: 5\nTitle: a\n\nNo: 6\n");
}

static void test_choices_and_bools(void **state)
{
    (void)state;
    expect_records("Title,目標の達成,Plan_Done,Mid_Done,End_Done,取組内容の実施見込み\r\n"
                   "a, achieved ,完了,TRUE,No,実施できない見込み\r\n"
                   "b,目標達成,未完了,1,yes,\r\n",
                   "\nNo: 1\nTitle: a\nPlan_Done: yes\nMid_Progress: off_track\nMid_Done: true\n"
                   "End_Result: achieved\nEnd_Done: no\n"
                   "\nNo: 2\nTitle: b\nPlan_Done: no\nMid_Done: 1\nEnd_Result: achieved\n"
                   "End_Done: yes\n");
}

static void test_bad_values(void **state)
{
    (void)state;
    expect_error("No,Title,目標の達成\r\n1,a,達成\r\n", IMPORT_CSV_INPUT,
                 "t.csv:2:3: row 2, column C (目標の達成): \"達成\" is not a choice of 目標の達成 "
                 "(expected one of: achieved, not_achieved, 目標達成, 目標未達成)");
    expect_error("Title,計画 完了\r\na,done\r\n", IMPORT_CSV_INPUT,
                 "t.csv:2:2: row 2, column B (計画 完了): \"done\" is not yes or no (expected "
                 "yes, no, true, false, 1, 0, 完了 or 未完了)");
    expect_error("No,Title\r\n01,a\r\n", IMPORT_CSV_INPUT,
                 "t.csv:2:1: row 2, column A (No): \"01\" is not a whole number of at least 1");
    expect_error("No,Title\r\n1,a\r\n2,\"b\nc\"\r\n1,d\r\n", IMPORT_CSV_INPUT,
                 "t.csv:5:1: row 4, column A (No): number 1 is also used on row 2");
    expect_error("No,Title\r\n1,a\r\n ,b\r\n", IMPORT_CSV_INPUT,
                 "t.csv:3:1: row 3, column A (No): empty: every row needs a number when there "
                 "is a 番号 column");
}

static void test_nul(void **state)
{
    (void)state;
    static const char csv[] = "Title,Plan_Goal\r\na,x\0y\r\n";
    struct result r;
    run_step(csv, sizeof(csv) - 1, 65536, "大正区", 2017, false, &r);
    assert_int_equal(r.rc, -1);
    assert_string_equal(r.err, "t.csv:2:2: row 2, column B (Plan_Goal): a NUL byte, which a "
                               "sheet cannot hold");
    result_free(&r);
}

static void test_stray_cells(void **state)
{
    (void)state;
    /* Trailing empty cells past the header are fine; a value there is not. */
    expect_records("No,Title\r\n1,a,,\r\n", "\nNo: 1\nTitle: a\n");
    expect_error("No,Title\r\n1,a,b\r\n", IMPORT_CSV_INPUT,
                 "t.csv:2:3: row 2, column C: a value past the last column of the header (2 "
                 "columns): give the column a header, or check the quotes of this row");
    expect_error("No,,Title\r\n1,x,a\r\n", IMPORT_CSV_INPUT,
                 "t.csv:2:2: row 2, column B: a value in a column without a header: give the "
                 "column a header (an unknown one is kept as an extra field)");
}

static void test_csv_errors_pass_through(void **state)
{
    (void)state;
    expect_error("No,Title\r\n1,\"open\r\n", IMPORT_CSV_INPUT,
                 "t.csv:2:2: row 2, column B: unterminated quoted cell: expected a closing '\"' "
                 "before the end of the input (the quote opened on line 2)");
    expect_error("", IMPORT_CSV_INPUT, "t.csv: no header row: the first row must name the "
                                       "columns");
}

/* ---- the header record ---- */

static void test_header_record_from_columns(void **state)
{
    (void)state;
    struct result r;
    run("No,Title,区,年度,シート名\r\n1,a,西区,2019,表題\r\n2,b,,,\r\n3,c,西区,2019,表題\r\n",
        NULL, 0, &r);
    assert_int_equal(r.rc, 0);
    struct sheet *s = parse_out(&r);
    assert_string_equal(sheet_header_get(s, "Ward"), "西区");
    assert_string_equal(sheet_header_get(s, "FiscalYear"), "2019");
    assert_string_equal(sheet_header_get(s, "Title"), "表題");
    assert_int_equal(s->n_items, 3);
    assert_null(item_get_key(&s->items[0], "Ward"));
    sheet_free(s);
    result_free(&r);
}

static void test_header_record_conflicts(void **state)
{
    (void)state;
    expect_error("No,Title,Ward\r\n1,a,西区\r\n", IMPORT_CSV_INPUT,
                 "t.csv:2:3: row 2, column C (Ward): \"西区\" differs from \"大正区\" (the option): "
                 "a sheet holds one ward");
    struct result r;
    run("No,Title,区,年度\r\n1,a,西区,2019\r\n2,b,東区,2019\r\n", NULL, 0, &r);
    assert_string_equal(r.err, "t.csv:3:3: row 3, column C (区): \"東区\" differs from \"西区\" "
                               "(an earlier row): a sheet holds one ward");
    result_free(&r);
    run("No,Title,区,年度\r\n1,a,西区,19\r\n", NULL, 0, &r);
    assert_string_equal(r.err, "t.csv:2:4: row 2, column D (年度): \"19\" is not a fiscal year: "
                               "a Western year has four digits (2018); or write the era (平成30, "
                               "H30)");
    result_free(&r);
    /* 和暦 in the 年度 column is the same year as the Western one. */
    run("No,Title,区,年度\r\n1,a,西区,平成29\r\n2,b,西区,2017\r\n", NULL, 0, &r);
    assert_string_equal(r.err, "");
    assert_non_null(strstr(strbuf_cstr(&r.out), "FiscalYear: 2017\n"));
    result_free(&r);
    run("No,Title,区,年度\r\n1,a,,2019\r\n", NULL, 0, &r);
    assert_string_equal(r.err, "t.csv:2:3: row 2, column C (区): empty in the first row: it "
                               "gives the sheet's ward (or give --ward)");
    result_free(&r);
}

static void test_header_record_missing(void **state)
{
    (void)state;
    struct result r;
    run("No,Title\r\n1,a\r\n", NULL, 0, &r);
    assert_int_equal(r.failure, IMPORT_CSV_USAGE);
    assert_string_equal(r.err, "t.csv: the sheet needs a ward and a fiscal year: give --ward "
                               "WARD --year YEAR (or 区 and 年度 columns)");
    assert_string_equal(strbuf_cstr(&r.out), "");
    result_free(&r);
    run("No,Title\r\n1,a\r\n", "大正区", 0, &r);
    assert_string_equal(r.err, "t.csv: the sheet needs a fiscal year: give --year YEAR (or a "
                               "年度 column)");
    result_free(&r);
    /* No rows: the options make the header. */
    run("No,Title\r\n", "大正区", 2018, &r);
    assert_int_equal(r.rc, 0);
    struct sheet *s = parse_out(&r);
    assert_int_equal(s->n_items, 0);
    assert_string_equal(sheet_header_get(s, "FiscalYear"), "2018");
    sheet_free(s);
    result_free(&r);
}

/* ---- warnings ---- */

static void test_rule_warnings(void **state)
{
    (void)state;
    struct result r;
    run("No,Title,目標の達成,年度評価/課題と改善策,Plan_Goal\r\n"
        "1,a,目標未達成,,ｶﾅ\r\n2,,achieved,,\r\n", "大正区", 2017, &r);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.warnings.buf,
                        "2:5: 取組項目 1: Plan_Goal: half-width katakana \"ｶﾅ\" at column 1\n"
                        "2:4: 取組項目 1: End_Issues: 課題と改善策 is required when 目標の達成 is "
                        "目標未達成\n"
                        "3:2: 取組項目 2: Title: 取組項目名 is required\n");
    result_free(&r);
}

/* The byte scan and the rules' pass agree on every kind of character (run() compares them). */
static void test_fast_scan_agrees(void **state)
{
    (void)state;
    static const char *const values[] = {
        "plain", "tab\there", "ctrl\x01x", "del\x7Fx", "c1\xC2\x85x", "c1 edge \xC2\x9F",
        "not c1 \xC2\xA0", "ls\xE2\x80\xA8x", "ps\xE2\x80\xA9x", "dash\xE2\x80\x94",
        "kana first \xEF\xBD\xA1", "kana last \xEF\xBE\x9F", "fullwidth \xEF\xBD\xA0",
        "after kana \xEF\xBE\xA0", "\xEF\xBC\xA1", "cr\rx", "esc\x1B[31m", "emoji \xF0\x9F\x98\x80",
    };
    struct strbuf csv = STRBUF_INIT;
    strbuf_addstr(&csv, "Title,Plan_Purpose,Plan_Goal\r\n");
    for (size_t i = 0; i < ARRAY_LEN(values); i++) {
        strbuf_addf(&csv, "t%zu,\"", i);
        strbuf_addstr(&csv, values[i]);
        strbuf_addstr(&csv, "\",\"multi\n");
        strbuf_addstr(&csv, values[i]);
        strbuf_addstr(&csv, "\"\r\n");
    }
    /* Lengths around MaxLength (4000 characters), in 1- and 3-byte characters. */
    for (int k = 3999; k <= 4001; k++) {
        strbuf_addf(&csv, "len%d,", k);
        for (int i = 0; i < k; i++)
            strbuf_addstr(&csv, "字");
        strbuf_addch(&csv, ',');
        for (int i = 0; i < k; i++)
            strbuf_addch(&csv, 'a');
        strbuf_addstr(&csv, "\r\n");
    }
    struct result r;
    run(csv.buf, "大正区", 2017, &r);
    assert_int_equal(r.rc, 0);
    assert_non_null(strstr(r.warnings.buf, "too long: 4001 characters"));
    assert_non_null(strstr(r.warnings.buf, "control character"));
    assert_non_null(strstr(r.warnings.buf, "half-width katakana"));
    result_free(&r);
    strbuf_release(&csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_by_key_label_alias),
        cmocka_unit_test(test_header_ambiguous),
        cmocka_unit_test(test_header_duplicate),
        cmocka_unit_test(test_unknown_columns_kept),
        cmocka_unit_test(test_field_names),
        cmocka_unit_test(test_values_verbatim),
        cmocka_unit_test(test_numbering_and_empty_rows),
        cmocka_unit_test(test_short_rows_padded),
        cmocka_unit_test(test_choices_and_bools),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_nul),
        cmocka_unit_test(test_stray_cells),
        cmocka_unit_test(test_csv_errors_pass_through),
        cmocka_unit_test(test_header_record_from_columns),
        cmocka_unit_test(test_header_record_conflicts),
        cmocka_unit_test(test_header_record_missing),
        cmocka_unit_test(test_rule_warnings),
        cmocka_unit_test(test_fast_scan_agrees),
    };
    return cmocka_run_group_tests(tests, unit_builtin_form_setup, unit_form_teardown);
}
