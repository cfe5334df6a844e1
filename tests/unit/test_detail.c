/*
 * test_detail.c - which fields the list's detail pane shows: the result's
 * stage by default, with the text a rule requires under the filtered
 * result (課題と改善策 under 目標未達成) right after the result itself; the
 * filtered stage's fields when a stage is filtered on; never done marks.
 */
#include "unit.h"

#include <stdlib.h>

#include "detail.h"

static char *keys(const struct form *form, int result, int stage)
{
    int f[32];
    size_t n = detail_fields(form, result, stage, f, 32);
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n; i++)
        strbuf_addf(&sb, "%s%s", i ? " " : "", form->fields[f[i]].key);
    return strbuf_detach(&sb, NULL);
}

static int choice(const struct form *form, const char *key)
{
    const struct form_field *rf = &form->fields[form->result_field];
    return form_choice_index(rf, key, strlen(key), false);
}

static void test_not_achieved_puts_issues_first(void **state)
{
    (void)state;
    struct form *form = form_builtin();
    char *s = keys(form, choice(form, "not_achieved"), -1);
    assert_string_equal(s, "End_Result End_Issues End_Results");
    free(s);
    s = keys(form, choice(form, "achieved"), -1);
    assert_string_equal(s, "End_Result End_Results End_Issues");
    free(s);
    s = keys(form, -1, -1);
    assert_string_equal(s, "End_Result End_Results End_Issues");
    free(s);
    form_free(form);
}

static void test_stage_filter_shows_that_stage(void **state)
{
    (void)state;
    struct form *form = form_builtin();
    int mid = -1;
    for (size_t i = 0; i < form->n_stages; i++)
        if (str_eq(form->stages[i].id, "mid"))
            mid = (int)i;
    assert_true(mid >= 0);
    char *s = keys(form, -1, mid);
    assert_string_equal(s, "Mid_Progress Mid_Outlook Mid_Issues");
    free(s);
    form_free(form);
}

static void test_cap_is_kept(void **state)
{
    (void)state;
    struct form *form = form_builtin();
    int f[2] = { -1, -1 };
    assert_int_equal(detail_fields(form, -1, -1, f, 1), 1);
    assert_int_equal(f[1], -1);
    form_free(form);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_not_achieved_puts_issues_first),
        cmocka_unit_test(test_stage_filter_shows_that_stage),
        cmocka_unit_test(test_cap_is_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
