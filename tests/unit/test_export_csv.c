/*
 * test_export_csv.c - sheet to CSV: the header, cells, encodings, the
 * CP932 failure naming item, field and character, and export -> import
 * giving back the same sheet (every value, extra fields included).
 */
#include "unit.h"
#include "csvfeed.h"

#include <stdio.h>
#include <stdlib.h>

#include "encoding.h"
#include "export_csv.h"
#include "form.h"
#include "import_csv.h"
#include "sheet.h"
#include "util.h"

/* A sheet with every kind of value. */
static const char synthetic_items[] =
    "\nNo: 1\n"
    "Title: 歳入の確保, \"引用\" とカンマ\n"
    "Subtitle:   前後に空白  \n"
    "Updated: 2026-11-25T21:07:13+09:00 tanaka\n"
    "Plan_Purpose: 一行目\n+ 二行目, \"quoted\"\n+\n+ 空行の後\n"
    "Plan_Overview: ｶﾀｶﾅ と　全角空白　\n"
    "Plan_Goal: a\\\\\n\n"
    "Plan_Done: yes\n"
    "Mid_Progress: off_track\n"
    "Mid_Outlook: likely\n"
    "Mid_Issues: 見直す\n"
    "End_Results: 97.19%\n"
    "End_Result: not_achieved\n"
    "End_Issues: 連携を強化する\n"
    "End_Done: true\n"
    "LocalNote: メモ1\n"
    "LocalNote: メモ2\n"
    "\nNo: 2\n"
    "Title: 二つ目\n"
    "End_Result: achieved\n"
    "Other_Field: x,y\n"
    "\nNo: 7\n"
    "Title: 空の項目\n";

static struct sheet *synthetic(const char *ward, int year, const char *title)
{
    struct sheet *base = sheet_new(unit_form, ward, year, title);
    struct strbuf sb = STRBUF_INIT;
    sheet_write(base, &sb);
    sheet_free(base);
    strbuf_addstr(&sb, synthetic_items);
    struct error e;
    struct sheet *s = sheet_parse(sb.buf, sb.len, "syn.rec", unit_form, &e);
    if (!s)
        fail_msg("synthetic sheet: %s", e.msg);
    strbuf_release(&sb);
    return s;
}

static enum export_csv_status export(const struct sheet *s, enum export_encoding enc,
                                     struct strbuf *out, struct strbuf *warnings, struct error *e)
{
    struct export_csv_options o = { enc, "syn.rec", csvfeed_collect, out, csvfeed_collect_warning,
                                    warnings };
    return export_csv(s, &o, e);
}

/* Import csv (UTF-8) and parse the result. */
static struct sheet *import(const char *csv, size_t n, const char *ward, long year)
{
    struct strbuf out = STRBUF_INIT, warnings = STRBUF_INIT;
    struct import_csv_options o = { unit_form, "x.csv", ward, year, csvfeed_collect, &out,
                                    csvfeed_collect_warning, &warnings, false };
    struct import_csv *ic = import_csv_new(&o);
    struct error e;
    if (import_csv_feed(ic, csv, n, &e) < 0 || import_csv_finish(ic, &e) < 0)
        fail_msg("import: %s", e.msg);
    import_csv_free(ic);
    struct sheet *s = sheet_parse(out.buf, out.len, "back.rec", unit_form, &e);
    if (!s)
        fail_msg("imported sheet: %s", e.msg);
    strbuf_release(&out);
    strbuf_release(&warnings);
    return s;
}

/* Every field of every record, as "name=value" lines sorted per record. */
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *fields_of(const struct rec_record *r)
{
    char **v = xcalloc(r->n_entries + 1, sizeof(char *));
    size_t n = 0;
    for (size_t i = 0; i < r->n_entries; i++)
        if (r->entries[i].name)
            v[n++] = xasprintf("%s=%s", r->entries[i].name, r->entries[i].value);
    qsort(v, n, sizeof(char *), cmp_str);
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        strbuf_addf(&sb, "%s\n", v[i]);
        free(v[i]);
    }
    free(v);
    return strbuf_detach(&sb, NULL);
}

static void assert_same_sheet(const struct sheet *a, const struct sheet *b)
{
    static const char *const hdr[] = { "Form", "Ward", "FiscalYear", "Title" };
    for (size_t i = 0; i < ARRAY_LEN(hdr); i++)
        assert_string_equal(sheet_header_get(a, hdr[i]), sheet_header_get(b, hdr[i]));
    assert_int_equal(a->n_items, b->n_items);
    for (size_t i = 0; i < a->n_items; i++) {
        char *fa = fields_of(a->items[i].rec), *fb = fields_of(b->items[i].rec);
        assert_string_equal(fa, fb);
        free(fa);
        free(fb);
    }
}

static void test_header_and_cells(void **state)
{
    (void)state;
    struct sheet *s = synthetic("大正区", 2017, NULL);
    struct strbuf out = STRBUF_INIT, w = STRBUF_INIT;
    struct error e;
    assert_int_equal(export(s, EXPORT_UTF8, &out, &w, &e), EXPORT_CSV_OK);
    const char *want_header =
        "番号,取組項目名,副題,更新,趣旨・目的,取組の概要,目標,取組の内容,当年度の目標,計画 完了,"
        "取組内容の実施見込み,目標の達成見込み,中間振り返り/課題と改善策,中間振り返り 完了,"
        "当年度の取組実績及び目標の達成状況,目標の達成,年度評価/課題と改善策,年度評価 完了,区,年度,"
        "LocalNote,LocalNote,Other_Field\r\n";
    assert_memory_equal(out.buf, want_header, strlen(want_header));
    const char *row1 = out.buf + strlen(want_header);
    const char *want_row1 =
        "1,\"歳入の確保, \"\"引用\"\" とカンマ\",\"  前後に空白  \",2026-11-25T21:07:13+09:00 tanaka,"
        "\"一行目\n二行目, \"\"quoted\"\"\n\n空行の後\",ｶﾀｶﾅ と　全角空白　,a\\,,,yes,実施できない見込み,"
        "達成見込み,見直す,,97.19%,目標未達成,連携を強化する,true,大正区,2017,メモ1,メモ2,\r\n";
    assert_memory_equal(row1, want_row1, strlen(want_row1));
    assert_string_equal(row1 + strlen(want_row1),
                        "2,二つ目,,,,,,,,,,,,,,目標達成,,,大正区,2017,,,\"x,y\"\r\n"
                        "7,空の項目,,,,,,,,,,,,,,,,,大正区,2017,,,\r\n");
    assert_string_equal(strbuf_cstr(&w), "");
    strbuf_reset(&out);
    assert_int_equal(export(s, EXPORT_UTF8_BOM, &out, &w, &e), EXPORT_CSV_OK);
    assert_memory_equal(out.buf, "\xEF\xBB\xBF番号,", 3 + strlen("番号,"));
    strbuf_release(&out);
    strbuf_release(&w);
    sheet_free(s);
}

static void test_sheet_title_column(void **state)
{
    (void)state;
    struct sheet *s = synthetic("西区", 2019, "独自の表題");
    struct strbuf out = STRBUF_INIT;
    struct error e;
    assert_int_equal(export(s, EXPORT_UTF8, &out, NULL, &e), EXPORT_CSV_OK);
    assert_non_null(strstr(out.buf, ",区,年度,シート名,LocalNote"));
    assert_non_null(strstr(out.buf, ",西区,2019,独自の表題,"));
    strbuf_release(&out);
    sheet_free(s);
}

static void test_round_trip(void **state)
{
    (void)state;
    static const char *const titles[] = { NULL, "独自の表題" };
    for (size_t t = 0; t < ARRAY_LEN(titles); t++) {
        struct sheet *s = synthetic("大正区", 2017, titles[t]);
        struct strbuf out = STRBUF_INIT;
        struct error e;
        assert_int_equal(export(s, EXPORT_UTF8, &out, NULL, &e), EXPORT_CSV_OK);
        struct sheet *back = import(out.buf, out.len, NULL, 0);
        assert_same_sheet(s, back);
        sheet_free(back);
        /* Through CP932 too. */
        strbuf_reset(&out);
        assert_int_equal(export(s, EXPORT_CP932, &out, NULL, &e), EXPORT_CSV_OK);
        struct encoding_options eo;
        memset(&eo, 0, sizeof(eo));
        eo.encoding = ENCODING_CP932;
        struct strbuf utf8 = STRBUF_INIT;
        assert_int_equal(encoding_decode(out.buf, out.len, &eo, &utf8, NULL, &e), 0);
        back = import(utf8.buf, utf8.len, NULL, 0);
        assert_same_sheet(s, back);
        sheet_free(back);
        strbuf_release(&utf8);
        strbuf_release(&out);
        sheet_free(s);
    }
}

static void test_round_trip_seed_sample(void **state)
{
    (void)state;
    /* The shipped sample, when this tree has it. */
    struct error e;
    struct sheet *s = sheet_load("sample-data/taisho-h29.rec", unit_form, &e);
    if (!s) {
        skip();
        return;
    }
    struct strbuf out = STRBUF_INIT;
    assert_int_equal(export(s, EXPORT_UTF8_BOM, &out, NULL, &e), EXPORT_CSV_OK);
    struct sheet *back = import(out.buf + 3, out.len - 3, NULL, 0);
    assert_same_sheet(s, back);
    sheet_free(back);
    strbuf_release(&out);
    sheet_free(s);
}

static void test_cp932_failure(void **state)
{
    (void)state;
    struct sheet *s = synthetic("大正区", 2017, NULL);
    item_set(s, &s->items[1], form_field_index(unit_form, "End_Issues"), "来年度\n改善〜する", 
             strlen("来年度\n改善〜する"));
    struct strbuf out = STRBUF_INIT;
    struct error e;
    assert_int_equal(export(s, EXPORT_CP932, &out, NULL, &e), EXPORT_CSV_UNENCODABLE);
    assert_string_equal(e.msg, "取組項目 2: End_Issues (課題と改善策): character U+301C 〜 has no "
                               "CP932 form (it would read back as U+FF5E ～) (line 2, column 3 of "
                               "the value)");
    /* An extra field, a header value. */
    item_set_key(s, &s->items[2], "Other_Field", "😀", strlen("😀"));
    item_set(s, &s->items[1], form_field_index(unit_form, "End_Issues"), "ok", 2);
    strbuf_reset(&out);
    assert_int_equal(export(s, EXPORT_CP932, &out, NULL, &e), EXPORT_CSV_UNENCODABLE);
    assert_non_null(strstr(e.msg, "取組項目 7: Other_Field: character U+1F600"));
    strbuf_release(&out);
    sheet_free(s);
}

static void test_warnings(void **state)
{
    (void)state;
    struct sheet *s = synthetic("大正区", 2017, NULL);
    rec_insert(s->items[1].rec, s->items[1].rec->n_entries, "Title", "again", 5);
    item_set(s, &s->items[2], form_field_index(unit_form, "End_Result"), "maybe", 5);
    struct strbuf out = STRBUF_INIT, w = STRBUF_INIT;
    struct error e;
    assert_int_equal(export(s, EXPORT_UTF8, &out, &w, &e), EXPORT_CSV_OK);
    assert_non_null(strstr(w.buf, "取組項目 2: Title (取組項目名): appears more than once; only "
                                  "the first value is exported"));
    assert_non_null(strstr(w.buf, "取組項目 7: End_Result (目標の達成): \"maybe\" is not a "
                                  "choice; exported as it is (an import will refuse it)"));
    assert_non_null(strstr(out.buf, ",maybe,"));
    strbuf_release(&out);
    strbuf_release(&w);
    sheet_free(s);
}

static void test_encoding_names(void **state)
{
    (void)state;
    enum export_encoding enc;
    struct error e;
    assert_int_equal(export_encoding_parse("utf-8-bom", &enc, &e), 0);
    assert_int_equal(enc, EXPORT_UTF8_BOM);
    assert_int_equal(export_encoding_parse("UTF8", &enc, &e), 0);
    assert_int_equal(enc, EXPORT_UTF8);
    assert_int_equal(export_encoding_parse("Shift-JIS", &enc, &e), 0);
    assert_int_equal(enc, EXPORT_CP932);
    assert_int_equal(export_encoding_parse("auto", &enc, &e), -1);
    assert_string_equal(e.msg, "unknown encoding 'auto' (expected utf-8-bom, utf-8 or cp932)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_and_cells),
        cmocka_unit_test(test_sheet_title_column),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_round_trip_seed_sample),
        cmocka_unit_test(test_cp932_failure),
        cmocka_unit_test(test_warnings),
        cmocka_unit_test(test_encoding_names),
    };
    return cmocka_run_group_tests(tests, unit_builtin_form_setup, unit_form_teardown);
}
