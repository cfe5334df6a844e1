/*
 * test_journal_net.c - the recovery list shows the net change per field.
 */
#include "unit.h"

#include <locale.h>
#include <stdlib.h>

#include "journal_net.h"

static struct journal_change set(size_t item, const char *key, const char *value)
{
    return (struct journal_change){ value ? JOURNAL_SET : JOURNAL_REMOVE, item, -1, (char *)key,
                                    (char *)value, value ? strlen(value) : 0, 0 };
}

static void test_net_change(void **state)
{
    (void)state;
    struct error e;
    struct sheet *s = sheet_load("sample-data/taisho-h29.rec", NULL, &e);
    assert_non_null(s);
    const char *title0 = item_get_key(&s->items[0], "Title");
    struct journal_change changes[] = {
        set(0, "Title", "消す"),            /* 0: overwritten by 1 */
        set(0, "Title", title0),            /* 1: back to the sheet's value: no change */
        set(1, "Subtitle", "a"),            /* 2: overwritten by 3 */
        set(1, "Subtitle", "ab"),           /* 3: shown */
        set(2, "Subtitle", NULL),           /* 4: removing what is absent: no change */
        { JOURNAL_SWAP_ITEMS, 0, -1, NULL, NULL, 0, 0 },   /* 5: always shown */
        set(0, "Title", title0),            /* 6: after a move the indices differ: shown */
    };
    struct journal_log log = { .changes = changes, .n_changes = ARRAY_LEN(changes) };
    bool shown[ARRAY_LEN(changes)];
    assert_int_equal(journal_net_changes(s, &log, shown), 3);
    bool want[] = { false, false, false, true, false, true, true };
    for (size_t i = 0; i < ARRAY_LEN(changes); i++)
        assert_int_equal(shown[i], want[i]);
    sheet_free(s);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_net_change),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
