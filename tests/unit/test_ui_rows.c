/*
 * test_ui_rows.c - moving the selection in the screens that list rows
 * (ui_rows.c): the list, the hits list and the per-ward counts share it.
 * No terminal: only curses' key codes.
 */
#include "unit.h"

#include <curses.h>

#include "ui.h"

static struct key func(int code)
{
    struct key k = { .kind = KEY_KIND_FUNC, .code = code };
    return k;
}

static struct key chr(wint_t ch)
{
    struct key k = { .kind = KEY_KIND_CHAR, .ch = ch };
    return k;
}

/* Where key k moves the selection from sel in n rows, 5 to a page. */
static size_t moved(size_t sel, size_t n, struct key k)
{
    assert_true(ui_rows_move(&sel, n, 5, &k));
    return sel;
}

static void test_line_by_line(void **state)
{
    (void)state;
    assert_int_equal(moved(3, 10, func(KEY_DOWN)), 4);
    assert_int_equal(moved(3, 10, chr('j')), 4);
    assert_int_equal(moved(3, 10, func(KEY_UP)), 2);
    assert_int_equal(moved(3, 10, chr('k')), 2);
    /* Not past either end. */
    assert_int_equal(moved(9, 10, func(KEY_DOWN)), 9);
    assert_int_equal(moved(9, 10, chr('j')), 9);
    assert_int_equal(moved(0, 10, func(KEY_UP)), 0);
    assert_int_equal(moved(0, 10, chr('k')), 0);
}

static void test_by_page_and_to_the_ends(void **state)
{
    (void)state;
    assert_int_equal(moved(3, 10, func(KEY_NPAGE)), 8);
    assert_int_equal(moved(4, 10, func(KEY_NPAGE)), 9);     /* exactly the last */
    assert_int_equal(moved(7, 10, func(KEY_NPAGE)), 9);     /* not past it */
    assert_int_equal(moved(8, 10, func(KEY_PPAGE)), 3);
    assert_int_equal(moved(5, 10, func(KEY_PPAGE)), 0);
    assert_int_equal(moved(2, 10, func(KEY_PPAGE)), 0);
    assert_int_equal(moved(4, 10, func(KEY_HOME)), 0);
    assert_int_equal(moved(4, 10, func(KEY_END)), 9);
}

static void test_no_rows(void **state)
{
    (void)state;
    static const int codes[] = { KEY_UP, KEY_DOWN, KEY_NPAGE, KEY_PPAGE, KEY_HOME, KEY_END };
    for (size_t i = 0; i < ARRAY_LEN(codes); i++)
        assert_int_equal(moved(0, 0, func(codes[i])), 0);
    assert_int_equal(moved(0, 0, chr('j')), 0);
}

static void test_other_keys_are_left_to_the_screen(void **state)
{
    (void)state;
    size_t sel = 3;
    struct key keys[] = { chr('\r'), chr('q'), chr('w'), func(KEY_ENTER), func(KEY_F(5)),
                          func(KEY_LEFT) };
    for (size_t i = 0; i < ARRAY_LEN(keys); i++)
        assert_false(ui_rows_move(&sel, 10, 5, &keys[i]));
    assert_int_equal(sel, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_by_line),
        cmocka_unit_test(test_by_page_and_to_the_ends),
        cmocka_unit_test(test_no_rows),
        cmocka_unit_test(test_other_keys_are_left_to_the_screen),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
