/*
 * test_editor_items.c - managing items in the editor (no terminal): delete,
 * duplicate, move, renumber and new, each undone and redone to the byte;
 * and the sheet model underneath.
 */
#include "unit.h"

#include <locale.h>
#include <stdlib.h>

#include "editor.h"

#define SAMPLE "sample-data/taisho-h29.rec"

struct fixture {
    struct sheet *s;
    struct editor ed;
    struct strbuf original;
};

static void open_sample(struct fixture *fx)
{
    struct error e;
    fx->s = sheet_load(SAMPLE, NULL, &e);
    if (!fx->s)
        fail_msg("%s", e.msg);
    editor_init(&fx->ed, &fx->s, 1, 60);
    fx->original = (struct strbuf)STRBUF_INIT;
    sheet_write(fx->s, &fx->original);
}

static void close_sample(struct fixture *fx)
{
    editor_free(&fx->ed);
    sheet_free(fx->s);
    strbuf_release(&fx->original);
}

/* The sheet as it would be saved, compared with the file as loaded. */
static bool same_as_loaded(const struct fixture *fx)
{
    struct strbuf now = STRBUF_INIT;
    sheet_write(fx->s, &now);
    bool same = now.len == fx->original.len && memcmp(now.buf, fx->original.buf, now.len) == 0;
    strbuf_release(&now);
    return same;
}

static char *numbers(const struct sheet *s)
{
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < s->n_items && i < 6; i++)
        strbuf_addf(&sb, "%s%ld", i ? " " : "", item_number(s, &s->items[i]));
    return strbuf_detach(&sb, NULL);
}

static void expect_numbers(const struct sheet *s, const char *want)
{
    char *got = numbers(s);
    assert_string_equal(got, want);
    free(got);
}

static void test_delete_undo_redo(void **state)
{
    (void)state;
    struct fixture fx;
    open_sample(&fx);
    editor_goto_item(&fx.ed, 1);
    assert_true(editor_delete_item(&fx.ed));
    assert_int_equal(fx.s->n_items, 22);
    expect_numbers(fx.s, "1 3 4 5 6 7");
    assert_int_equal(fx.ed.cur, 1);
    assert_true(fx.ed.modified);
    assert_true(editor_undo(&fx.ed));
    assert_int_equal(fx.s->n_items, 23);
    assert_true(same_as_loaded(&fx));
    assert_false(fx.ed.modified);              /* deleted and brought back: nothing to save */
    assert_true(editor_redo(&fx.ed));
    expect_numbers(fx.s, "1 3 4 5 6 7");
    close_sample(&fx);                         /* the redo stack is empty, the undo holds it */
}

static void test_move_and_renumber(void **state)
{
    (void)state;
    struct fixture fx;
    open_sample(&fx);
    editor_goto_item(&fx.ed, 1);
    assert_true(editor_move_item(&fx.ed, 1));
    expect_numbers(fx.s, "1 3 2 4 5 6");
    assert_int_equal(fx.ed.cur, 2);            /* the moved item keeps the focus */
    editor_goto_item(&fx.ed, 0);
    assert_false(editor_move_item(&fx.ed, -1)); /* already first */
    assert_true(editor_renumber_items(&fx.ed));
    expect_numbers(fx.s, "1 2 3 4 5 6");
    assert_false(editor_renumber_items(&fx.ed)); /* nothing left to renumber */
    assert_true(editor_undo(&fx.ed));            /* both numbers at once */
    expect_numbers(fx.s, "1 3 2 4 5 6");
    assert_true(editor_undo(&fx.ed));
    assert_true(same_as_loaded(&fx));
    assert_false(fx.ed.modified);
    close_sample(&fx);
}

static void test_duplicate_and_new(void **state)
{
    (void)state;
    struct fixture fx;
    open_sample(&fx);
    editor_goto_item(&fx.ed, 0);
    int tf = fx.s->form->title_field, sf = fx.s->form->stamp_field;
    item_set(fx.s, &fx.s->items[0], sf, "2019-04-30T09:00:00+09:00 tanaka", 32);
    assert_true(editor_duplicate_item(&fx.ed));
    expect_numbers(fx.s, "1 24 2 3 4 5");
    assert_string_equal(item_get(fx.s, &fx.s->items[1], tf), item_get(fx.s, &fx.s->items[0], tf));
    assert_null(item_get(fx.s, &fx.s->items[1], sf));      /* a copy has not been saved yet */
    editor_new_item(&fx.ed);
    assert_int_equal(fx.s->n_items, 25);
    assert_int_equal(item_number(fx.s, &fx.s->items[24]), 25);
    assert_int_equal(fx.ed.cur, 24);
    assert_true(editor_undo(&fx.ed));                       /* Ctrl-N is undoable */
    assert_int_equal(fx.s->n_items, 24);
    assert_true(editor_undo(&fx.ed));
    assert_int_equal(fx.s->n_items, 23);
    item_set(fx.s, &fx.s->items[0], sf, "", 0);
    assert_true(same_as_loaded(&fx));
    assert_true(editor_redo(&fx.ed));                       /* the copy comes back */
    assert_int_equal(fx.s->n_items, 24);
    close_sample(&fx);
}

static void test_empty_sheet_refuses(void **state)
{
    (void)state;
    struct sheet *s = sheet_new(form_builtin(), "区", 2018, NULL);
    s->owns_form = true;
    struct editor ed;
    editor_init(&ed, &s, 1, 60);
    assert_false(editor_delete_item(&ed));
    assert_non_null(strstr(ed.message, "Ctrl-N"));
    assert_false(editor_duplicate_item(&ed));
    editor_new_item(&ed);
    assert_int_equal(s->n_items, 1);
    assert_true(editor_delete_item(&ed));
    assert_int_equal(s->n_items, 0);
    editor_free(&ed);
    sheet_free(s);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_delete_undo_redo),
        cmocka_unit_test(test_move_and_renumber),
        cmocka_unit_test(test_duplicate_and_new),
        cmocka_unit_test(test_empty_sheet_refuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
