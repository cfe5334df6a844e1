/*
 * test_sheet.c - the sheet over its rec document: header and items,
 * setting fields in form order, new sheets and items, byte-identical
 * load/save on the sample and on 10,000 generated records.
 */
#include "unit.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "sheet.h"

static char *write_sheet(const struct sheet *s)
{
    struct strbuf sb = STRBUF_INIT;
    sheet_write(s, &sb);
    return strbuf_detach(&sb, NULL);
}

static void test_sample_roundtrip_and_binding(void **state)
{
    (void)state;
    size_t len;
    char *text = unit_slurp(TEST_SAMPLE, &len);
    struct sheet *s = unit_parse_sheet(text);
    assert_string_equal(s->form->id, "kaikaku-2.0");
    assert_string_equal(sheet_header_get(s, "Ward"), "大正区");
    assert_string_equal(sheet_header_get(s, "FiscalYear"), "2017");
    assert_int_equal(s->n_items, 23);
    for (size_t i = 0; i < s->n_items; i++)
        assert_int_equal(item_number(s, &s->items[i]), (long)i + 1);
    assert_true(s->descriptor_line > 0);
    struct strbuf out = STRBUF_INIT;
    sheet_write(s, &out);
    assert_int_equal(out.len, len);
    assert_memory_equal(out.buf, text, len);
    strbuf_release(&out);
    sheet_free(s);
    free(text);
}

static void test_set_keeps_form_order_and_unknowns(void **state)
{
    (void)state;
    const char *text = "%rec: Sheet\n\nForm: kaikaku-2.0\nWard: w\nFiscalYear: 2017\n\n"
                       "%rec: Initiative\n\nNo: 1\nLocalNote: 区独自のメモ\n# comment\n"
                       "End_Result: achieved\nExtra: x\n";
    struct error e;
    struct sheet *s = sheet_parse(text, strlen(text), "t", NULL, &e);
    assert_non_null(s);
    struct item *it = &s->items[0];
    const struct form *f = s->form;
    item_set(s, it, form_field_index(f, "Title"), "題", strlen("題"));
    item_set(s, it, form_field_index(f, "End_Issues"), "課題\n改善", strlen("課題\n改善"));
    item_set(s, it, form_field_index(f, "Plan_Goal"), "目標", strlen("目標"));
    item_set(s, it, form_field_index(f, "End_Result"), "", 0);      /* cleared = removed */
    assert_true(it->changed);
    char *out = write_sheet(s);
    assert_string_equal(out, "%rec: Sheet\n\nForm: kaikaku-2.0\nWard: w\nFiscalYear: 2017\n\n"
                             "%rec: Initiative\n\nNo: 1\nTitle: 題\nPlan_Goal: 目標\n"
                             "LocalNote: 区独自のメモ\n# comment\nEnd_Issues: 課題\n+ 改善\n"
                             "Extra: x\n");
    free(out);
    assert_null(item_get(s, it, form_field_index(f, "End_Result")));
    assert_string_equal(item_get_key(it, "LocalNote"), "区独自のメモ");
    sheet_free(s);
}

static void test_setting_same_value_changes_nothing(void **state)
{
    (void)state;
    const char *text = "%rec: Initiative\n\nNo:  1\nTitle: a\n";
    struct error e;
    struct form *f = form_builtin();
    struct sheet *s = sheet_parse(text, strlen(text), "t", f, &e);
    item_set(s, &s->items[0], form_field_index(f, "Title"), "a", 1);
    assert_false(s->items[0].changed);
    char *out = write_sheet(s);
    assert_string_equal(out, text);
    free(out);
    sheet_free(s);
    form_free(f);
}

static void test_new_sheet_and_items(void **state)
{
    (void)state;
    struct form *f = form_builtin();
    struct sheet *s = sheet_new(f, "港区", 2019, NULL);
    assert_string_equal(sheet_header_get(s, "Ward"), "港区");
    for (int i = 1; i <= 3; i++) {
        struct item *it = sheet_add_item(s);
        char no[8];
        snprintf(no, sizeof(no), "%d", i);
        item_set(s, it, f->key_field, no, strlen(no));
        item_set(s, it, f->title_field, "題名", strlen("題名"));
    }
    char *out = write_sheet(s);
    struct error e;
    struct sheet *back = sheet_parse(out, strlen(out), "n", NULL, &e);
    assert_non_null(back);
    assert_int_equal(back->n_items, 3);
    assert_int_equal(item_number(back, &back->items[2]), 3);
    assert_int_equal(sheet_find_item(back, 2), 1);
    assert_int_equal(sheet_find_item(back, 9), -1);
    assert_non_null(strstr(out, "# 「市政改革プラン2.0」に基づく取組等 港区 令和元年度\n"));
    assert_non_null(strstr(out, "\n\nNo: 3\nTitle: 題名\n"));
    free(out);
    sheet_free(back);
    sheet_free(s);
    form_free(f);
}

static void test_unknown_form_is_an_error_with_line(void **state)
{
    (void)state;
    const char *text = "# c\n%rec: Sheet\n\nForm: nosuch-1.0\n";
    struct error e;
    struct sheet *s = sheet_parse(text, strlen(text), "u.rec", NULL, &e);
    assert_null(s);
    assert_string_equal(e.file, "u.rec");
    assert_int_equal(e.line, 4);
    assert_int_equal(e.column, 7);
    assert_non_null(strstr(e.msg, "unknown form \"nosuch-1.0\""));
}

static void test_fiscal_year_labels(void **state)
{
    (void)state;
    char b[32];
    fiscal_year_label(2017, b, sizeof(b));
    assert_string_equal(b, "平成29年度");
    fiscal_year_label(1989, b, sizeof(b));
    assert_string_equal(b, "平成元年度");
    fiscal_year_label(2019, b, sizeof(b));
    assert_string_equal(b, "令和元年度");
    fiscal_year_label(2024, b, sizeof(b));
    assert_string_equal(b, "令和6年度");
}

/* 10,000 records made from the sample's items: load + save gives the same bytes. */
static void test_roundtrip_ten_thousand(void **state)
{
    (void)state;
    size_t len;
    char *text = unit_slurp(TEST_SAMPLE, &len);
    struct sheet *sample = unit_parse_sheet(text);
    struct error e;
    struct strbuf big = STRBUF_INIT;
    strbuf_add(&big, text, len);
    for (int n = 24; n <= 10000; n++) {
        const struct rec_record *r = sample->items[n % 23].rec;
        strbuf_addf(&big, "\nNo: %d\n", n);
        const char *after_no = strchr(r->raw, '\n') + 1;
        strbuf_add(&big, after_no, r->raw_len - (size_t)(after_no - r->raw));
    }
    struct sheet *s = sheet_parse(big.buf, big.len, "big", NULL, &e);
    if (!s)
        fail_msg("%ld: %s", e.line, e.msg);
    assert_int_equal(s->n_items, 10000);
    struct strbuf out = STRBUF_INIT;
    sheet_write(s, &out);
    assert_int_equal(out.len, big.len);
    assert_memory_equal(out.buf, big.buf, big.len);
    strbuf_release(&out);
    strbuf_release(&big);
    sheet_free(s);
    sheet_free(sample);
    free(text);
}

/* The read-only load (values decoded in place) reads exactly what the lossless one does. */
static void test_readonly_load_reads_the_same(void **state)
{
    (void)state;
    struct error e;
    char dir[PATH_MAX], path[PATH_MAX + 32];
    assert_int_equal(unit_tmpdir(dir, sizeof dir, "sheet"), 0);
    snprintf(path, sizeof path, "%s/readonly.rec", dir);
    size_t len;
    char *text = unit_slurp(TEST_SAMPLE, &len);
    struct strbuf odd = STRBUF_INIT;
    strbuf_add(&odd, text, len);
    strbuf_addstr(&odd, "\nNo: 99\nTitle: a\\\n\n+ b\\\nc\n# note\nExtra:  x\n+\n+  y\n");
    unit_write_file(path, odd.buf);
    struct sheet *a = sheet_load(path, NULL, &e);
    struct sheet *b = sheet_load_readonly(path, NULL, &e);
    unit_rm_tree(dir);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(a->n_items, b->n_items);
    for (size_t i = 0; i < a->n_items; i++) {
        const struct rec_record *ra = a->items[i].rec, *rb = b->items[i].rec;
        assert_int_equal(ra->n_entries, rb->n_entries);
        assert_int_equal(ra->line, rb->line);
        for (size_t k = 0; k < ra->n_entries; k++) {
            if (ra->entries[k].name)
                assert_string_equal(ra->entries[k].name, rb->entries[k].name);
            assert_int_equal(ra->entries[k].value_len, rb->entries[k].value_len);
            assert_memory_equal(ra->entries[k].value, rb->entries[k].value,
                                ra->entries[k].value_len);
            assert_int_equal(ra->entries[k].line, rb->entries[k].line);
        }
    }
    assert_string_equal(item_get_key(&b->items[23], "Title"), "a\nbc");   /* joins */
    assert_string_equal(item_get_key(&b->items[23], "Extra"), " x\n\n y");
    sheet_free(a);
    sheet_free(b);
    strbuf_release(&odd);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_roundtrip_and_binding),
        cmocka_unit_test(test_set_keeps_form_order_and_unknowns),
        cmocka_unit_test(test_setting_same_value_changes_nothing),
        cmocka_unit_test(test_new_sheet_and_items),
        cmocka_unit_test(test_unknown_form_is_an_error_with_line),
        cmocka_unit_test(test_fiscal_year_labels),
        cmocka_unit_test(test_roundtrip_ten_thousand),
        cmocka_unit_test(test_readonly_load_reads_the_same),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
