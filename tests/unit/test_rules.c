/*
 * test_rules.c - every rule of a form, on the built-in form and on a
 * second form file (tests/forms/kenshu-1.0.form) that C knows nothing of.
 */
#include "unit.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "rules.h"


static struct sheet *load(const char *items)
{
    return unit_ward_sheet("大正区", items);
}

/* "LINE:FIELD:CODE" for each problem, space separated. */
/* FMT with every %d standing for PROB_STAGE_ORDER (its number moves as codes are added). */
static const char *stage_order_want(const char *fmt)
{
    static char want[256];
    snprintf(want, sizeof want, fmt, PROB_STAGE_ORDER, PROB_STAGE_ORDER, PROB_STAGE_ORDER);
    return want;
}

static char *summary(const struct sheet *s, const struct problem_list *pl)
{
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < pl->n; i++)
        strbuf_addf(&sb, "%s%ld:%s:%d", i ? " " : "", pl->v[i].line,
                    problem_field_name(s->form, &pl->v[i]), (int)pl->v[i].code);
    return strbuf_detach(&sb, NULL);
}

static void expect_problems(const char *items, const char *want)
{
    struct sheet *s = load(items);
    struct problem_list pl = { NULL, 0, 0 };
    rules_check_all(s, &pl);
    char *got = summary(s, &pl);
    assert_string_equal(got, want);
    free(got);
    problems_free(&pl);
    sheet_free(s);
}

#define P(code) #code

static void test_clean_item_has_no_problems(void **state)
{
    (void)state;
    expect_problems("No: 1\nTitle: 歳入の確保\nEnd_Result: achieved\n", "");
}

/* Codes, to keep expectations short. */
enum {
    MISSING = PROB_MISSING, REQ_WHEN = PROB_REQUIRED_WHEN, DONE = PROB_DONE_INCOMPLETE,
    CHOICE = PROB_BAD_CHOICE, BOOL = PROB_BAD_BOOL, INT = PROB_BAD_INTEGER,
    DUPKEY = PROB_DUPLICATE_KEY, DUPFIELD = PROB_DUPLICATE_FIELD, CTRL = PROB_CONTROL_CHAR,
    BREAK = PROB_LINE_BREAK, LONG = PROB_TOO_LONG, KANA = PROB_HALFWIDTH_KANA,
    ORDER = PROB_STAGE_ORDER,
};

static char *codes(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct strbuf sb = STRBUF_INIT;
    strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    return strbuf_detach(&sb, NULL);
}

static void expect(const char *items, char *want)
{
    expect_problems(items, want);
    free(want);
}

static void test_required_when(void **state)
{
    (void)state;
    /* Lines: the first item record starts on line 9. */
    /* An absent field is reported on its record's first line. */
    expect("No: 6\nTitle: t\nEnd_Result: not_achieved\n",
           codes("9:End_Issues:%d", REQ_WHEN));
    expect("No: 6\nTitle: t\nEnd_Result: not_achieved\nEnd_Issues: 　 \n",
           codes("12:End_Issues:%d", REQ_WHEN));             /* white space is not filled */
    expect("No: 6\nTitle: t\nEnd_Result: not_achieved\nEnd_Issues: 改善する\n", codes(""));
    expect("No: 6\nTitle: t\nMid_Outlook: unlikely\n", codes("9:Mid_Issues:%d", REQ_WHEN));
    expect("No: 6\nTitle: t\nMid_Progress: off_track\n", codes("9:Mid_Issues:%d", REQ_WHEN));
    expect("No: 6\nTitle: t\nMid_Progress: on_track\nMid_Outlook: likely\n", codes(""));
}

static void test_done_needs_complete_stage(void **state)
{
    (void)state;
    expect("No: 1\nTitle: t\nPlan_Purpose: p\nPlan_Done: yes\n",
           codes("9:Plan_Overview:%d 9:Plan_Goal:%d 9:Plan_Actions:%d 9:Plan_YearGoal:%d",
                 DONE, DONE, DONE, DONE));
    expect("No: 1\nTitle: t\nPlan_Done: no\n", codes(""));
    /* A later stage marked done before the plan is: on its done mark. */
    expect("No: 1\nTitle: t\nMid_Progress: on_track\nMid_Done: true\n",
           codes("9:Mid_Outlook:%d 12:Mid_Done:%d", DONE, ORDER));
    /* One problem per field: the conditional requirement, not also "done". */
    expect("No: 1\nTitle: t\nEnd_Results: r\nEnd_Result: not_achieved\nEnd_Done: 1\n",
           codes("9:End_Issues:%d 13:End_Done:%d", REQ_WHEN, ORDER));
}

static void test_value_validity(void **state)
{
    (void)state;
    expect("No: 1\nTitle: t\nEnd_Result: maybe\n", codes("11:End_Result:%d", CHOICE));
    expect("No: 1\nTitle: t\nPlan_Done: Yes\n", codes("11:Plan_Done:%d", BOOL));
    expect("No: 0\nTitle: t\n", codes("9:No:%d", INT));
    expect("No: x1\nTitle: t\n", codes("9:No:%d", INT));
    expect("No: 01\nTitle: t\n", codes("9:No:%d", INT));
    expect("Title: t\n", codes("9:No:%d", MISSING));
    expect("No: 1\n", codes("9:Title:%d", MISSING));
    expect("No: 1\nTitle: t\n+ u\n", codes("10:Title:%d", BREAK));
    expect("No: 1\nTitle: a\x1b[31mb\n", codes("10:Title:%d", CTRL));
    expect("No: 1\nTitle: t\nPlan_Goal: ok\ttab\n+ and \xc2\x9b here\n",
           codes("12:Plan_Goal:%d", CTRL));                   /* line of the bad character */
    expect("No: 1\nTitle: ｱｲｳ\n", codes("10:Title:%d", KANA)); /* a warning */
    expect("No: 1\nTitle: t\nTitle: u\n", codes("11:Title:%d", DUPFIELD));
    expect("No: 1\nTitle: t\nExtra: a\nExtra: b\n", codes(""));  /* unknown fields may repeat */
}

static void test_max_length_counts_characters(void **state)
{
    (void)state;
    struct strbuf t = STRBUF_INIT;
    strbuf_addstr(&t, "No: 1\nTitle: ");
    for (int i = 0; i < 200; i++)
        strbuf_addstr(&t, "あ");
    strbuf_addch(&t, '\n');
    expect(t.buf, codes(""));
    strbuf_reset(&t);
    strbuf_addstr(&t, "No: 1\nTitle: ");
    for (int i = 0; i < 201; i++)
        strbuf_addstr(&t, "あ");
    strbuf_addch(&t, '\n');
    expect(t.buf, codes("10:Title:%d", LONG));
    /* A base letter with its combining mark is one character, as the counter says. */
    strbuf_reset(&t);
    strbuf_addstr(&t, "No: 1\nTitle: ");
    for (int i = 0; i < 200; i++)
        strbuf_addstr(&t, "か\xe3\x82\x99");          /* か + U+3099: 400 code points */
    strbuf_addch(&t, '\n');
    expect(t.buf, codes(""));
    strbuf_release(&t);
}

static void test_duplicate_numbers(void **state)
{
    (void)state;
    expect("No: 3\nTitle: a\n\nNo: 3\nTitle: b\n\nNo: 4\nTitle: c\n",
           codes("9:No:%d 12:No:%d", DUPKEY, DUPKEY));
    /* The message names the other item, by its place and title, not only a file line. */
    struct sheet *sh = load("No: 3\nTitle: a\n\nNo: 3\nTitle: b\x1b\n");
    struct problem_list pl = { NULL, 0, 0 };
    rules_check_all(sh, &pl);
    assert_int_equal(pl.n, 3);          /* both numbers, and b's control character */
    struct strbuf m = STRBUF_INIT;
    problem_message(sh, &pl.v[0], &m);
    assert_string_equal(m.buf, "number 3 is also used by 取組項目 #2 in sheet order (line 12) 【b^[】");
    problems_free(&pl);
    strbuf_release(&m);
    sheet_free(sh);
}

/* A number too large says so, not "not a whole number". */
static void test_integer_too_large(void **state)
{
    (void)state;
    struct sheet *sh = load("No: 12345678901\nTitle: a\n");
    struct problem_list pl = { NULL, 0, 0 };
    rules_check_all(sh, &pl);
    assert_int_equal(pl.n, 1);
    struct strbuf m = STRBUF_INIT;
    problem_message(sh, &pl.v[0], &m);
    assert_string_equal(m.buf, "\"12345678901\" is too large (at most 999999999)");
    problems_free(&pl);
    strbuf_release(&m);
    sheet_free(sh);
}

static void test_header_problems(void **state)
{
    (void)state;
    struct error e;
    const char *text = "%rec: Sheet\n\nForm: kaikaku-2.0\nFiscalYear: 17\n";
    struct sheet *s = sheet_parse(text, strlen(text), "h.rec", NULL, &e);
    assert_non_null(s);
    struct problem_list pl = { NULL, 0, 0 };
    rules_check_all(s, &pl);
    char *got = summary(s, &pl);
    assert_string_equal(got, "3:Ward:13 4:FiscalYear:13");
    free(got);
    problems_free(&pl);
    sheet_free(s);
}

static void test_messages_name_labels(void **state)
{
    (void)state;
    struct sheet *s = load("No: 6\nTitle: t\nEnd_Result: not_achieved\n");
    struct problem_list pl = { NULL, 0, 0 };
    rules_check_all(s, &pl);
    assert_int_equal(pl.n, 1);
    struct strbuf m = STRBUF_INIT;
    problem_message(s, &pl.v[0], &m);
    assert_string_equal(m.buf, "課題と改善策 is required when 目標の達成 is 目標未達成");
    problems_free(&pl);
    strbuf_release(&m);
    sheet_free(s);
}

static void test_stage_blockers(void **state)
{
    (void)state;
    struct sheet *s = load("No: 1\nTitle: t\nEnd_Results: r\nEnd_Result: not_achieved\n");
    struct problem_list pl = { NULL, 0, 0 };
    int end = 3;
    assert_string_equal(s->form->stages[end].id, "end");
    rules_stage_blockers(s, 0, end, &pl);
    char *got = summary(s, &pl);
    assert_string_equal(got, stage_order_want("9:End_Issues:1 9:End_Done:%d"));    /* and the plan is not done */
    free(got);
    problems_clear(&pl);
    rules_stage_blockers(s, 0, 2, &pl);      /* mid: both choices missing */
    got = summary(s, &pl);
    assert_string_equal(got, stage_order_want("9:Mid_Progress:2 9:Mid_Outlook:2 9:Mid_Done:%d"));
    free(got);
    problems_free(&pl);
    sheet_free(s);
}

#define PLAN_DONE "Plan_Purpose: p\nPlan_Overview: o\nPlan_Goal: g\nPlan_Actions: a\n" \
                  "Plan_YearGoal: y\nPlan_Done: yes\n"

/* Stages in order: the year-end needs the plan complete and a title, not the mid-year. */
static void test_stages_in_order(void **state)
{
    (void)state;
    const int mid = 2, end = 3;
    struct sheet *s = load("No: 1\nTitle: t\n" PLAN_DONE "End_Results: r\nEnd_Result: achieved\n"
                           "\nNo: 2\nEnd_Results: r\nEnd_Result: achieved\n");
    struct problem_list pl = { NULL, 0, 0 };
    rules_stage_blockers(s, 0, end, &pl);
    assert_int_equal(pl.n, 0);               /* the mid-year review may stay open */
    rules_stage_blockers(s, 0, mid, &pl);
    char *got = summary(s, &pl);
    assert_string_equal(got, "9:Mid_Progress:2 9:Mid_Outlook:2");
    free(got);
    problems_clear(&pl);
    rules_stage_blockers(s, 1, end, &pl);    /* no title, empty plan: not complete */
    got = summary(s, &pl);
    assert_string_equal(got, stage_order_want("20:Title:2 20:End_Done:%d"));
    struct strbuf m = STRBUF_INIT;
    problem_message(s, &pl.v[0], &m);
    assert_string_equal(m.buf, "取組項目名 must be filled in before 年度評価 can be marked complete");
    strbuf_reset(&m);
    problem_message(s, &pl.v[1], &m);
    assert_string_equal(m.buf, "年度評価 can be marked complete only after 計画 is marked complete");
    strbuf_release(&m);
    free(got);
    problems_free(&pl);
    sheet_free(s);
    /* The whole check agrees: the plan done, mid open, end done is clean. */
    expect_problems("No: 1\nTitle: t\n" PLAN_DONE "End_Results: r\nEnd_Result: achieved\n"
                    "End_Done: yes\n", "");
}

/* Add NAME: VALUE to R as if read on line LINE. */
static void add_read(struct rec_record *r, const char *name, const char *value, long line)
{
    rec_insert(r, r->n_entries, name, value, strlen(value))->line = line;
}

/*
 * A record that belongs to no sheet (what import checks as it writes each
 * row): its problems carry the index given and the lines of its entries,
 * and their messages come from the form and that record alone.
 */
static void test_record_without_sheet(void **state)
{
    (void)state;
    struct form *f = form_builtin();
    struct rec_record *r = rec_record_new();
    r->line = 20;
    add_read(r, "No", "5", 20);
    add_read(r, "Title", "一行目\n二行目", 21);
    add_read(r, "End_Result", "not_achieved", 23);
    add_read(r, "Merge_Ours_Plan_Goal", "ours", 24);
    add_read(r, "Merge_Theirs_Plan_Goal", "theirs", 25);
    struct problem_list pl = { NULL, 0, 0 };
    rules_check_record(f, r, 41, &pl);
    struct strbuf got = STRBUF_INIT;
    for (size_t i = 0; i < pl.n; i++) {
        assert_int_equal(pl.v[i].item, 41);
        strbuf_addf(&got, "%ld:%s: ", pl.v[i].line, problem_field_name(f, &pl.v[i]));
        problem_record_message(f, r, &pl.v[i], &got);
        strbuf_addch(&got, '\n');
    }
    assert_string_equal(got.buf,
                        "20:End_Issues: 課題と改善策 is required when 目標の達成 is 目標未達成\n"
                        "21:Title: 取組項目名 must be a single line\n"
                        "24:Plan_Goal: unresolved merge conflict: ours \"ours\", theirs \"theirs\"\n");
    strbuf_release(&got);
    problems_free(&pl);
    rec_record_free(r);
    form_free(f);
}

static void test_second_form_is_data(void **state)
{
    (void)state;
    struct error e;
    struct form *f = form_load_file("tests/forms/kenshu-1.0.form", &e);
    if (!f)
        fail_msg("%s:%ld: %s", e.file, e.line, e.msg);
    const char *text = "%rec: Sheet\n\nForm: kenshu-1.0\nWard: 港区\nFiscalYear: 2020\n\n"
                       "%rec: Course\n\nId: 99\nName: 接遇研修\n\n"
                       "Id: 100\nName: とても長い名前の研修であって二十文字を超えている\n"
                       "Report_Rating: fair\nApply_Done: yes\n";
    struct sheet *s = sheet_parse(text, strlen(text), "k.rec", f, &e);
    assert_non_null(s);
    assert_int_equal(s->n_items, 2);
    struct problem_list pl = { NULL, 0, 0 };
    rules_check_all(s, &pl);
    char *got = summary(s, &pl);
    assert_string_equal(got, "9:Id:5 12:Report_Why:1 12:Apply_Reason:2 13:Name:10");
    free(got);
    problems_free(&pl);
    sheet_free(s);
    form_free(f);
}

/* The memo answers as the full check does, and only while a field's version holds. */
static void expect_same(const struct sheet *s, struct rules_memo *m, const unsigned long *ver)
{
    struct problem_list full = { NULL, 0, 0 }, memo = { NULL, 0, 0 };
    rules_check_item(s, 0, &full);
    rules_check_item_memo(s, 0, m, ver, &memo);
    char *a = summary(s, &full), *b = summary(s, &memo);
    assert_string_equal(b, a);
    for (size_t i = 0; i < full.n; i++) {
        assert_int_equal(memo.v[i].num, full.v[i].num);
        assert_string_equal(memo.v[i].detail, full.v[i].detail);
    }
    free(a);
    free(b);
    problems_free(&full);
    problems_free(&memo);
}

static void test_memo_answers_as_the_full_check(void **state)
{
    (void)state;
    struct sheet *s = load("No: 1\nTitle: t\nPlan_Goal: ｱｲ\nEnd_Result: bad\n");
    const struct form *form = s->form;
    int goal = form_field_index(form, "Plan_Goal"), res = form_field_index(form, "End_Result");
    unsigned long *ver = xcalloc(form->n_fields, sizeof(*ver));
    struct rules_memo m = { 0 };
    expect_same(s, &m, ver);
    assert_true(m.fields[goal].valid);
    assert_true(m.fields[res].valid && m.fields[res].has_error);
    /* A changed value with a new version: checked again. */
    item_set(s, &s->items[0], goal, "目標", strlen("目標"));
    ver[goal]++;
    expect_same(s, &m, ver);
    /* A changed value under an old version but at another address: checked again too. */
    item_set(s, &s->items[0], res, "achieved", strlen("achieved"));
    expect_same(s, &m, ver);
    assert_false(m.fields[res].has_error);
    /* Another record: everything forgotten. */
    struct sheet *t = load("No: 1\nTitle: t\nPlan_Goal: a\x01b\n");
    expect_same(t, &m, ver);
    rules_memo_free(&m);
    free(ver);
    sheet_free(t);
    sheet_free(s);
}

/* FiscalYear as recutils' range type reads it (rules_file.c), and the year torikumi takes. */
static void test_fiscal_year_as_recutils_reads_it(void **state)
{
    (void)state;
    static const struct { const char *v; bool recutils; long as; bool torikumi; } cases[] = {
        { "2017", true, 2017, true },        { "2017 ", true, 2017, true },
        { " \t2017\n", true, 2017, true },   { "0x7E1", true, 2017, false },
        { "0X7e1", true, 2017, false },      { "03741", true, 2017, false },
        { "4294969313", true, 2017, false }, { "2017.0", true, 2017, false },
        { "2017年", true, 2017, false },     { "2017\nx", true, 2017, false },
        { "-2017", true, -2017, false },     { "02017", true, 1039, false },
        { "+2017", false, 0, false },        { "2017x", false, 0, false },
        { "0x", false, 0, false },           { "", false, 0, false },
        { "１２３４", false, 0, false },     { "1988", true, 1988, false },
        { "99999999999999999999999999999999999", false, 0, false },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        long y = 0;
        bool got = rules_recutils_range_value(cases[i].v, &y);
        if (got != cases[i].recutils || (got && y != cases[i].as))
            fail_msg("recutils reading of \"%s\": %d %ld", cases[i].v, got, y);
        if (rules_fiscal_year(cases[i].v, &y) != cases[i].torikumi)
            fail_msg("torikumi reading of \"%s\"", cases[i].v);
    }
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_item_has_no_problems),
        cmocka_unit_test(test_memo_answers_as_the_full_check),
        cmocka_unit_test(test_required_when),
        cmocka_unit_test(test_done_needs_complete_stage),
        cmocka_unit_test(test_value_validity),
        cmocka_unit_test(test_max_length_counts_characters),
        cmocka_unit_test(test_duplicate_numbers),
        cmocka_unit_test(test_integer_too_large),
        cmocka_unit_test(test_header_problems),
        cmocka_unit_test(test_messages_name_labels),
        cmocka_unit_test(test_stage_blockers),
        cmocka_unit_test(test_stages_in_order),
        cmocka_unit_test(test_second_form_is_data),
        cmocka_unit_test(test_record_without_sheet),
        cmocka_unit_test(test_fiscal_year_as_recutils_reads_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
