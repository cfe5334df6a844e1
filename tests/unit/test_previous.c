/*
 * test_previous.c - last year's sheet: the Previous link relative to the
 * new sheet's directory and resolved back against it; last year's value
 * of a field found by the item's number (whatever this year's order) and
 * the field's key; what is missing is NULL; a missing file is an error
 * naming it.
 */
#include "unit.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "carryover.h"
#include "previous.h"

static char dir[PATH_MAX];

static int setup(void **state)
{
    (void)state;
    return unit_tmpdir(dir, sizeof(dir), "previous");
}

static int teardown(void **state)
{
    (void)state;
    return unit_rm_tree(dir);
}

static char *in_dir(const char *rel)
{
    return xasprintf("%s/%s", dir, rel);
}

static void make_dir(const char *rel)
{
    char *p = in_dir(rel);
    assert_int_equal(mkdir(p, 0700), 0);
    free(p);
}

static void check_link(const char *sheet_rel, const char *last_rel, const char *want)
{
    char *sheet = in_dir(sheet_rel), *last = in_dir(last_rel);
    char *link = previous_link(sheet, last);
    assert_non_null(link);
    assert_string_equal(link, want);
    free(link);
    free(sheet);
    free(last);
}

static void test_link_is_relative_to_the_sheet(void **state)
{
    (void)state;
    make_dir("h29");
    make_dir("h30");
    make_dir("h30/sub");
    char *last = in_dir("h29/last.rec");
    unit_write_file(last, "x\n");
    check_link("h30/next.rec", "h29/last.rec", "../h29/last.rec");
    check_link("h29/next.rec", "h29/last.rec", "last.rec");
    check_link("next.rec", "h29/last.rec", "h29/last.rec");
    check_link("h30/sub/next.rec", "h29/last.rec", "../../h29/last.rec");
    /* A name that only starts like the directory is not inside it. */
    make_dir("h2");
    check_link("h2/next.rec", "h29/last.rec", "../h29/last.rec");
    /* A name the header cannot hold (a line break) is not recorded. */
    char *odd = in_dir("h29/a\nb.rec"), *next = in_dir("h30/next.rec");
    unit_write_file(odd, "x\n");
    assert_null(previous_link(next, odd));
    free(odd);
    free(next);
    free(last);
}

static void test_path_resolves_against_the_sheet(void **state)
{
    (void)state;
    struct sheet *s = unit_ward_sheet("大正区", "No: 1\nTitle: a\n");
    previous_record(s, "../h29/last.rec");
    free(s->path);
    s->path = xstrdup("wards/h30/next.rec");
    char *p = previous_path(s);
    assert_string_equal(p, "wards/h30/../h29/last.rec");
    free(p);
    previous_record(s, "/srv/h29/last.rec");       /* replaced, not added */
    p = previous_path(s);
    assert_string_equal(p, "/srv/h29/last.rec");
    free(p);
    struct strbuf out = STRBUF_INIT;
    sheet_write(s, &out);
    assert_non_null(strstr(out.buf, "\nPrevious: /srv/h29/last.rec\n"));
    assert_null(strstr(out.buf, "h29/last.rec\nPrevious"));
    strbuf_release(&out);
    sheet_free(s);
    s = unit_ward_sheet("大正区", "No: 1\nTitle: a\n");
    assert_null(previous_path(s));                    /* none recorded */
    sheet_free(s);
}

/* Next year's sheet from the sample, written beside it, its Previous read back. */
static void test_values_by_number_and_key(void **state)
{
    (void)state;
    struct error e;
    struct sheet *last = sheet_load(TEST_SAMPLE, NULL, &e);
    assert_non_null(last);
    char *last_path = in_dir("last.rec");
    struct strbuf text = STRBUF_INIT;
    sheet_write(last, &text);
    unit_write_file(last_path, text.buf);
    struct sheet *next = carryover_sheet(last, NULL, 2018);
    char *next_path = in_dir("next.rec");
    char *link = previous_link(next_path, last_path);
    previous_record(next, link);
    sheet_swap_items(next, 0);                 /* this year's order differs: 2, 1, 3... */
    next->path = xstrdup(next_path);
    char *path = previous_path(next);
    struct previous p;
    assert_int_equal(previous_open(&p, path, &e), 0);
    const struct form *form = next->form;
    int purpose = form_field_index(form, "Plan_Purpose");
    int issues = form_field_index(form, "End_Issues");
    int mid = form_field_index(form, "Mid_Issues");
    const struct item *it = previous_item(&p, next, &next->items[0]);
    assert_non_null(it);
    assert_int_equal(item_number(p.last, it), 2);
    assert_string_equal(previous_value(it, form, purpose),
                        item_get(last, &last->items[1], purpose));
    /* Item 1's year-end issues: last year's, though this year's field is empty. */
    it = previous_item(&p, next, &next->items[1]);
    assert_int_equal(item_number(p.last, it), 1);
    assert_null(item_get(next, &next->items[1], issues));
    assert_non_null(previous_value(it, form, issues));
    assert_string_equal(previous_value(it, form, issues), item_get(last, &last->items[0], issues));
    assert_null(previous_value(it, form, mid));     /* empty last year too */
    /* A new item this year had no last year. */
    struct item *added = sheet_add_item(next);
    item_set(next, added, form->key_field, "99", 2);
    assert_null(previous_item(&p, next, added));
    previous_close(&p);
    free(path);
    free(link);
    free(next_path);
    free(last_path);
    strbuf_release(&text);
    sheet_free(next);
    sheet_free(last);
}

static void test_missing_file_is_named(void **state)
{
    (void)state;
    struct previous p;
    struct error e;
    char *missing = in_dir("gone.rec");
    assert_int_equal(previous_open(&p, missing, &e), -1);
    assert_non_null(strstr(e.file, "gone.rec"));
    assert_null(p.last);
    free(missing);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_link_is_relative_to_the_sheet, setup, teardown),
        cmocka_unit_test(test_path_resolves_against_the_sheet),
        cmocka_unit_test_setup_teardown(test_values_by_number_and_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_file_is_named, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
