/*
 * test_hitlist.c - the items a search hits: one entry per item with its
 * hit count and fields, in sheet and item order; chosen options' labels
 * count; an item hit in text and by its choice is one entry whose first
 * hit is the text one; no hits, no entries.
 */
#include "unit.h"

#include <locale.h>
#include <stdlib.h>

#include "hitlist.h"

struct fixture {
    struct sheet *s[2];
    struct search *se;
    struct hit_list hl;
};

static void collect(struct fixture *f, const char *q)
{
    hitlist_free(&f->hl);
    search_set_query(f->se, q, strlen(q));
    hitlist_collect(f->se, f->s, 2, q, &f->hl);
}

static void test_hits_per_item(void **state)
{
    (void)state;
    struct fixture f = { { NULL, NULL }, NULL, { NULL, 0, 0, false } };
    f.s[0] = unit_ward_sheet("北区", "No: 1\nTitle: 防災訓練\nPlan_Actions: 防災と防災\n\n"
                                     "No: 2\nTitle: 広報\nEnd_Result: not_achieved\nEnd_Issues: 課題\n\n");
    f.s[1] = unit_ward_sheet("港区", "No: 1\nTitle: 地域\nPlan_Goal: ｺﾝﾋﾟｭｰﾀ防災\n"
                                     "End_Result: not_achieved\nEnd_Issues: 目標未達成の理由\n\n");
    f.se = search_new(f.s, 2);
    int title = form_field_index(f.s[0]->form, "Title");
    int actions = form_field_index(f.s[0]->form, "Plan_Actions");
    int result = form_field_index(f.s[0]->form, "End_Result");
    int issues = form_field_index(f.s[0]->form, "End_Issues");

    collect(&f, "防災");
    assert_int_equal(f.hl.n, 2);
    assert_int_equal(f.hl.total, 4);
    assert_int_equal(f.hl.v[0].sheet, 0);
    assert_int_equal(f.hl.v[0].item, 0);
    assert_int_equal(f.hl.v[0].hits, 3);
    assert_int_equal(f.hl.v[0].n_fields, 2);
    assert_int_equal(f.hl.v[0].fields[0], title);
    assert_int_equal(f.hl.v[0].fields[1], actions);
    assert_int_equal(f.hl.v[0].first.pos.field, title);
    assert_int_equal(f.hl.v[1].sheet, 1);
    assert_int_equal(f.hl.v[1].hits, 1);

    /* A chosen option's label: its own entry, or merged with the item's text hits. */
    collect(&f, "目標未達成");
    assert_int_equal(f.hl.n, 2);
    assert_int_equal(f.hl.total, 3);
    assert_int_equal(f.hl.v[0].sheet, 0);
    assert_int_equal(f.hl.v[0].item, 1);
    assert_int_equal(f.hl.v[0].hits, 1);
    assert_int_equal(f.hl.v[0].fields[0], result);
    assert_int_equal(f.hl.v[0].first.len, 0);
    assert_int_equal(f.hl.v[1].sheet, 1);
    assert_int_equal(f.hl.v[1].hits, 2);
    assert_int_equal(f.hl.v[1].first.pos.field, issues);    /* the text hit first */
    assert_true(f.hl.v[1].first.len > 0);

    collect(&f, "存在しない");
    assert_int_equal(f.hl.n, 0);
    assert_int_equal(f.hl.total, 0);
    hitlist_free(&f.hl);
    search_free(f.se);
    sheet_free(f.s[0]);
    sheet_free(f.s[1]);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hits_per_item),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
