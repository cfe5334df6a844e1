/*
 * test_form.c - form files: the built-in form, errors in form files
 * (with their line), and the recutils descriptor made from a form.
 */
#include "unit.h"

#include <stdlib.h>

#include "form.h"

static void test_builtin_form(void **state)
{
    (void)state;
    struct form *f = form_builtin();
    assert_string_equal(f->id, "kaikaku-2.0");
    assert_string_equal(f->record_type, "Initiative");
    assert_string_equal(f->item_label, "取組項目");
    assert_int_equal(f->n_stages, 4);
    assert_string_equal(f->stages[3].label, "年度評価");
    assert_int_equal(f->stages[3].n_aliases, 3);
    int er = form_field_index(f, "End_Result");
    assert_true(er >= 0);
    assert_int_equal(f->fields[er].kind, FIELD_CHOICE);
    assert_string_equal(f->fields[er].choices[1].key, "not_achieved");
    assert_string_equal(f->fields[er].choices[1].label, "目標未達成");
    assert_int_equal(form_choice_index(&f->fields[er], "目標達成", strlen("目標達成"), true), 0);
    int ei = form_field_index(f, "End_Issues");
    assert_int_equal(f->fields[ei].n_required_when, 1);
    assert_int_equal(f->fields[ei].required_when[0].field, er);
    int mi = form_field_index(f, "Mid_Issues");
    assert_int_equal(f->fields[mi].n_required_when, 2);
    assert_int_equal(f->key_field, form_field_index(f, "No"));
    assert_int_equal(f->stages[1].n_requires, 6);
    assert_true(f->fields[form_field_index(f, "Plan_Done")].hidden);
    /* A narrow column (the F5 list) shows 中間 for 中間振り返り; the others have no short label. */
    assert_string_equal(f->stages[2].short_label, "中間");
    assert_null(f->stages[1].short_label);
    form_free(f);
}

static void expect_form_error(const char *text, long line, const char *words)
{
    struct error e;
    struct form *f = form_parse(text, strlen(text), "x.form", &e);
    assert_null(f);
    assert_int_equal(e.line, line);
    if (!strstr(e.msg, words))
        fail_msg("message \"%s\" lacks \"%s\"", e.msg, words);
}

#define HEAD "%rec: Form\n\nId: t\nSheetRecord: S\nItemRecord: I\nKeyField: No\n\n" \
             "%rec: Stage\n\nId: a\n\n%rec: Field\n\nKey: No\nStage: a\nKind: integer\n\n"

static void test_form_errors_name_the_line(void **state)
{
    (void)state;
    expect_form_error(HEAD "Key: X\nStage: a\nKind: texty\n", 20, "unknown Kind texty");
    expect_form_error(HEAD "Key: X\nStage: b\n", 19, "unknown stage b");
    expect_form_error(HEAD "Key: X\nStage: a\nColour: red\n", 20, "unknown attribute Colour");
    expect_form_error(HEAD "Key: X\nStage: a\nKind: text\nRequiredWhen: Y on\n", 21,
                      "unknown field Y");
    expect_form_error(HEAD "Key: C\nStage: a\nKind: choice\nChoice: on 入\n\n"
                           "Key: X\nStage: a\nRequiredWhen: C off\n", 25, "does not have");
    expect_form_error(HEAD "Key: No\nStage: a\n", 18, "defined twice");
    expect_form_error(HEAD "Key: C\nStage: a\nKind: choice\n", 18, "needs Choice lines");
    expect_form_error(HEAD "Key: C\nStage: a\nKind: choice\nChoice: 入 x\n", 21, "ASCII KEY");
    expect_form_error("%rec: Form\n\nId: t\nSheetRecord: S\nItemRecord: I\nKeyField: No\n\n"
                      "%rec: Stage\n\nId: a\nShortLabel: a\x01b\n\n%rec: Field\n\nKey: No\n"
                      "Stage: a\nKind: integer\n", 1, "a Stage's ShortLabel holds");
    expect_form_error("%rec: Stage\n\nId: a\n", 1, "no Form record");
    expect_form_error("Id: x\n", 1, "unexpected record");
}

static void test_descriptor_from_rules(void **state)
{
    (void)state;
    struct form *f = form_builtin();
    struct strbuf sb = STRBUF_INIT;
    form_descriptor(f, &sb);
    const char *must[] = {
        "%rec: Initiative\n",
        "%key: No\n",
        "%mandatory: Title\n",
        "%type: No int\n",
        "%type: End_Result enum achieved not_achieved\n",
        "%type: Plan_Done bool\n",
        "%type: Title regexp /^([^[:cntrl:]]|[[:blank:]])*$/\n",
        "%type: End_Issues regexp /^([^[:cntrl:]]|[[:blank:]]|\n+ )*$/\n",
        "%constraint: No >= 1\n",
        "%constraint: End_Result = 'not_achieved' => End_Issues ~ '[^[:space:]]'\n",
        "%constraint: (Mid_Progress = 'off_track' || Mid_Outlook = 'unlikely') => "
        "Mid_Issues ~ '[^[:space:]]'\n",
        "%constraint: Mid_Done ~ '^(yes|true|1)$' => (Mid_Progress ~ '[^[:space:]]' && "
        "Mid_Outlook ~ '[^[:space:]]')\n",
    };
    for (size_t i = 0; i < ARRAY_LEN(must); i++)
        if (!strstr(sb.buf, must[i]))
            fail_msg("descriptor lacks: %s\n---\n%s", must[i], sb.buf);
    strbuf_release(&sb);
    form_free(f);
}

static void test_find_by_path_then_builtin(void **state)
{
    (void)state;
    struct error e;
    setenv("TORIKUMI_FORM_PATH", "/nonexistent:tests/forms", 1);
    struct form *f = form_find("kenshu-1.0", &e);
    assert_non_null(f);
    assert_string_equal(f->record_type, "Course");
    form_free(f);
    f = form_find("kaikaku-2.0", &e);      /* not in the path: the built-in one */
    assert_non_null(f);
    form_free(f);
    f = form_find("nosuch-9", &e);
    assert_null(f);
    assert_non_null(strstr(e.msg, "unknown form \"nosuch-9\""));
    f = form_find("../etc/passwd", &e);
    assert_null(f);
    unsetenv("TORIKUMI_FORM_PATH");
}

static void test_bools(void **state)
{
    (void)state;
    assert_true(form_bool_true("yes"));
    assert_true(form_bool_true("true"));
    assert_true(form_bool_true("1"));
    assert_false(form_bool_true("no"));
    assert_false(form_bool_true("Yes"));
    assert_true(form_bool_valid("false"));
    assert_false(form_bool_valid("on"));
    assert_false(form_bool_valid(" yes"));
}

/* Which result asks for more: read from RequiredWhen, whatever the keys are called. */
static void test_result_needing_more(void **state)
{
    (void)state;
    struct form *f = form_builtin();
    int er = form_field_index(f, "End_Result"), mp = form_field_index(f, "Mid_Progress");
    assert_int_equal(form_result_needing_more(f), 1);
    const struct form_field *ei = &f->fields[form_field_index(f, "End_Issues")];
    assert_true(form_required_by_choice(ei, er, 1));
    assert_false(form_required_by_choice(ei, er, 0));
    assert_false(form_required_by_choice(ei, mp, 1));
    assert_true(form_required_by_choice(&f->fields[form_field_index(f, "Mid_Issues")], mp, 1));
    const struct form_condition *when = &ei->required_when[0];
    assert_true(form_condition_holds(f, when, "not_achieved"));
    assert_false(form_condition_holds(f, when, "not_achieved "));   /* as recutils' = */
    assert_false(form_condition_holds(f, when, "achieved"));
    assert_false(form_condition_holds(f, when, NULL));
    form_free(f);

    struct error e;
    f = form_load_file("tests/forms/kaikaku-renamed.form", &e);
    assert_non_null(f);
    assert_int_equal(form_result_needing_more(f), form_choice_index(
        &f->fields[form_field_index(f, "Verdict")], "not_achieved", 12, false));
    form_free(f);
    f = form_load_file("tests/forms/kenshu-1.0.form", &e);    /* no ResultField */
    assert_non_null(f);
    assert_int_equal(form_result_needing_more(f), -1);
    form_free(f);

    /* a result no field depends on asks for nothing more */
    char *text = unit_slurp("forms/kaikaku-2.0.form", NULL);
    char *rule = strstr(text, "RequiredWhen: End_Result not_achieved\n");
    assert_non_null(rule);
    memset(rule, '#', 1);
    f = form_parse(text, strlen(text), "edited.form", &e);
    assert_non_null(f);
    assert_int_equal(form_result_needing_more(f), -1);
    form_free(f);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_form),
        cmocka_unit_test(test_form_errors_name_the_line),
        cmocka_unit_test(test_descriptor_from_rules),
        cmocka_unit_test(test_find_by_path_then_builtin),
        cmocka_unit_test(test_bools),
        cmocka_unit_test(test_result_needing_more),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
