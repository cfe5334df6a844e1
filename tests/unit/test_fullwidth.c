/*
 * test_fullwidth.c - fields the form wants full width (FullWidth: yes):
 * the attribute read and checked, the warning on half-width letters and
 * digits naming line and column within the field (and the half-width
 * katakana warning naming the line too in a value of several lines), and
 * Ctrl-K (editor_fullwidth_kana) making both full width as one undo step.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "editor.h"
#include "form.h"
#include "rules.h"
#include "sheet.h"
#include "utf8.h"

#define FORM_FILE "forms/kaikaku-2.0.form"

static const char *HEADER =
    "%rec: Sheet\n\nForm: kaikaku-2.0\nWard: 大正区\nFiscalYear: 2017\n\n%rec: Initiative\n\n";

/* The shipped form with "FullWidth: yes" after each "Key: K" line of keys (NULL-ended). */
static struct form *form_with_fullwidth(const char *const *keys)
{
    char *text = unit_slurp(FORM_FILE, NULL);
    struct strbuf sb = STRBUF_INIT;
    strbuf_addstr(&sb, text);
    for (size_t i = 0; keys[i]; i++) {
        char line[64];
        snprintf(line, sizeof(line), "\nKey: %s\n", keys[i]);
        char *at = strstr(sb.buf, line);
        assert_non_null(at);
        size_t off = (size_t)(at - sb.buf) + strlen(line);
        struct strbuf out = STRBUF_INIT;
        strbuf_add(&out, sb.buf, off);
        strbuf_addstr(&out, "FullWidth: yes\n");
        strbuf_addstr(&out, sb.buf + off);
        strbuf_release(&sb);
        sb = out;
    }
    free(text);
    struct error e;
    struct form *f = form_parse(sb.buf, sb.len, "fw.form", &e);
    if (!f)
        fail_msg("%s", e.msg);
    strbuf_release(&sb);
    return f;
}

static struct sheet *sheet_with(struct form *f, const char *items)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_addstr(&sb, HEADER);
    strbuf_addstr(&sb, items);
    struct error e;
    struct sheet *s = sheet_parse(sb.buf, sb.len, "fw.rec", f, &e);
    if (!s)
        fail_msg("%s", e.msg);
    strbuf_release(&sb);
    return s;
}

/* The message of the first problem of code in item 0, or "" when there is none. */
static void first_message(const struct sheet *s, enum problem_code code, struct strbuf *out,
                          struct problem *got)
{
    struct problem_list pl = { NULL, 0, 0 };
    rules_check_item(s, 0, &pl);
    for (size_t i = 0; i < pl.n; i++)
        if (pl.v[i].code == code) {
            problem_message(s, &pl.v[i], out);
            if (got)
                *got = pl.v[i];
            break;
        }
    problems_free(&pl);
}

static void test_alnum_to_fullwidth(void **state)
{
    (void)state;
    struct strbuf out = STRBUF_INIT;
    assert_true(utf8_alnum_to_fullwidth("A1-z 9%", 7, &out));
    assert_string_equal(strbuf_cstr(&out), "Ａ１-ｚ ９%");
    strbuf_reset(&out);
    assert_false(utf8_alnum_to_fullwidth("あ-%", strlen("あ-%"), &out));
    assert_string_equal(strbuf_cstr(&out), "あ-%");
    strbuf_release(&out);
}

static void test_form_attribute(void **state)
{
    (void)state;
    const char *const keys[] = { "Subtitle", NULL };
    struct form *f = form_with_fullwidth(keys);
    assert_true(f->fields[form_field_index(f, "Subtitle")].fullwidth);
    assert_false(f->fields[form_field_index(f, "Title")].fullwidth);
    form_free(f);

    /* Only on text: a choice field with FullWidth is an error naming the file and line. */
    char *text = unit_slurp(FORM_FILE, NULL);
    struct strbuf sb = STRBUF_INIT;
    strbuf_addstr(&sb, text);
    strbuf_addstr(&sb, "\nKey: Extra\nStage: end\nLabel: x\nKind: choice\nChoice: a A\n"
                       "FullWidth: yes\n");
    struct error e;
    assert_null(form_parse(sb.buf, sb.len, "fw.form", &e));
    assert_string_equal(e.file, "fw.form");
    assert_true(e.line > 178);                               /* the Extra record */
    assert_string_equal(e.msg, "field Extra has FullWidth but is not Kind: line or text");
    strbuf_reset(&sb);
    strbuf_addstr(&sb, text);
    strbuf_addstr(&sb, "\nKey: Extra\nStage: end\nLabel: x\nKind: line\nFullWidth: maybe\n");
    assert_null(form_parse(sb.buf, sb.len, "fw.form", &e));
    assert_non_null(strstr(e.msg, "FullWidth must be yes or no, not maybe"));
    strbuf_release(&sb);
    free(text);
}

static void test_warning_names_line_and_column(void **state)
{
    (void)state;
    const char *const keys[] = { "Subtitle", "Plan_Goal", NULL };
    struct form *f = form_with_fullwidth(keys);
    struct sheet *s = sheet_with(f, "No: 1\nTitle: ABC\nSubtitle: 改善A12策\n"
                                    "Plan_Goal: 一行目\n+ 二行目x9\n");
    struct strbuf m = STRBUF_INIT;
    struct problem p;
    first_message(s, PROB_HALFWIDTH_ALNUM, &m, &p);
    assert_string_equal(strbuf_cstr(&m), "half-width letters or digits \"A12\" at column 3 "
                                         "(this field is written full width)");
    assert_int_equal(p.severity, SEV_WARNING);
    assert_int_equal(p.field, form_field_index(f, "Subtitle"));    /* not Title: not wanted */
    sheet_free(s);

    s = sheet_with(f, "No: 1\nTitle: t\nPlan_Goal: 一行目\n+ 二行目x9\n");
    strbuf_reset(&m);
    first_message(s, PROB_HALFWIDTH_ALNUM, &m, &p);
    assert_string_equal(strbuf_cstr(&m), "half-width letters or digits \"x9\" at line 2, column 4 "
                                         "(this field is written full width)");
    assert_int_equal(p.line, 12);                     /* the file's line of "+ 二行目x9" */
    sheet_free(s);

    /* Half-width katakana: the line within the field too, once there are several. */
    s = sheet_with(f, "No: 1\nTitle: t\nPlan_Purpose: あ\n+ いｶﾅ\n");
    strbuf_reset(&m);
    first_message(s, PROB_HALFWIDTH_KANA, &m, NULL);
    assert_string_equal(strbuf_cstr(&m), "half-width katakana \"ｶﾅ\" at line 2, column 2");
    sheet_free(s);
    s = sheet_with(f, "No: 1\nTitle: tｶﾅ\n");
    strbuf_reset(&m);
    first_message(s, PROB_HALFWIDTH_KANA, &m, NULL);
    assert_string_equal(strbuf_cstr(&m), "half-width katakana \"ｶﾅ\" at column 2");
    sheet_free(s);
    strbuf_release(&m);
    form_free(f);
}

static void test_ctrl_k_makes_both_full_width(void **state)
{
    (void)state;
    const char *const keys[] = { "Subtitle", NULL };
    struct form *f = form_with_fullwidth(keys);
    struct sheet *s = sheet_with(f, "No: 1\nTitle: ｶﾞｲﾄﾞ A1\nSubtitle: ｶﾞｲﾄﾞ A1 版\n");
    struct editor ed;
    editor_init(&ed, &s, 1, 40);
    editor_focus(&ed, form_field_index(f, "Subtitle"));
    assert_true(editor_fullwidth_kana(&ed));
    int sub = form_field_index(f, "Subtitle");
    assert_string_equal(item_get(s, &s->items[0], sub), "ガイド Ａ１ 版");
    assert_non_null(strstr(ed.message, "letters and digits"));
    assert_false(editor_fullwidth_kana(&ed));               /* nothing left: says so */
    assert_string_equal(ed.message, "nothing half-width in this field");
    assert_true(editor_undo(&ed));                           /* one step */
    assert_string_equal(item_get(s, &s->items[0], sub), "ｶﾞｲﾄﾞ A1 版");
    editor_focus(&ed, form_field_index(f, "Title"));         /* not wanted full width */
    assert_true(editor_fullwidth_kana(&ed));
    assert_string_equal(item_get(s, &s->items[0], form_field_index(f, "Title")), "ガイド A1");
    editor_free(&ed);
    sheet_free(s);
    form_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alnum_to_fullwidth),
        cmocka_unit_test(test_form_attribute),
        cmocka_unit_test(test_warning_names_line_and_column),
        cmocka_unit_test(test_ctrl_k_makes_both_full_width),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
