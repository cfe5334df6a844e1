/*
 * test_recfile.c - the rec format: values as recutils reads them,
 * byte-identical round trips, edits that touch only what changed,
 * and syntax errors with line and column.
 */
#include "unit.h"

#include <stdlib.h>

#include "recfile.h"

static struct rec_doc *parse_ok(const char *text)
{
    struct error e;
    struct rec_doc *doc = rec_parse(text, strlen(text), "t.rec", &e);
    if (!doc)
        fail_msg("parse failed: %ld:%ld: %s", e.line, e.column, e.msg);
    return doc;
}

static struct rec_record *nth_record(struct rec_doc *doc, size_t n)
{
    for (size_t b = 0; b < doc->n_blocks; b++)
        if (doc->blocks[b].kind == REC_BLOCK_RECORD && n-- == 0)
            return doc->blocks[b].record;
    fail_msg("no record %zu", n);
    return NULL;
}

static char *written(struct rec_doc *doc)
{
    struct strbuf sb = STRBUF_INIT;
    rec_write(doc, &sb);
    return strbuf_detach(&sb, NULL);
}

static void assert_roundtrip(const char *text)
{
    struct rec_doc *doc = parse_ok(text);
    char *out = written(doc);
    assert_string_equal(out, text);
    free(out);
    rec_doc_free(doc);
}

static void test_values_as_recutils_reads_them(void **state)
{
    (void)state;
    /* Each expectation was checked against recsel 1.9 -P. */
    struct rec_doc *doc = parse_ok("A:  x\nB:x\nC:\tx\nD: a\n+ b\n+  c\n+\n+d\n+\te\n"
                                   "E: long \\\nline\nF: tail  \nG:\n");
    struct rec_record *r = nth_record(doc, 0);
    assert_string_equal(rec_find(r, "A")->value, " x");
    assert_string_equal(rec_find(r, "B")->value, "x");
    assert_string_equal(rec_find(r, "C")->value, "x");
    assert_string_equal(rec_find(r, "D")->value, "a\nb\n c\n\nd\n\te");
    assert_string_equal(rec_find(r, "E")->value, "long line");
    assert_string_equal(rec_find(r, "F")->value, "tail  ");
    assert_string_equal(rec_find(r, "G")->value, "");
    assert_int_equal(rec_find(r, "E")->line, 10);
    assert_int_equal(rec_find(r, "F")->line, 12);
    rec_doc_free(doc);
}

static void test_records_descriptors_and_comments(void **state)
{
    (void)state;
    const char *text = "# top comment\n\n%rec: Sheet\n\nForm: x\n\n\n%rec: Initiative\n"
                       "%key: No\n\n# about 1\nNo: 1\n# inside\nTitle: a\n \nNo: 2\n";
    struct rec_doc *doc = parse_ok(text);
    struct rec_record *sheet_desc = nth_record(doc, 0);
    assert_true(sheet_desc->is_descriptor);
    struct rec_record *hdr = nth_record(doc, 1);
    assert_false(hdr->is_descriptor);
    assert_string_equal(hdr->type, "Sheet");
    struct rec_record *one = nth_record(doc, 3);
    assert_string_equal(one->type, "Initiative");
    assert_int_equal(one->line, 12);
    assert_int_equal(one->n_entries, 3);        /* No, comment, Title */
    assert_null(one->entries[1].name);
    assert_string_equal(one->entries[1].value, "# inside");
    struct rec_record *two = nth_record(doc, 4);  /* a line of blanks separates records */
    assert_string_equal(rec_find(two, "No")->value, "2");
    char *out = written(doc);
    assert_string_equal(out, text);
    free(out);
    rec_doc_free(doc);
}

static void test_roundtrip_odd_files(void **state)
{
    (void)state;
    assert_roundtrip("");
    assert_roundtrip("\n\n\n");
    assert_roundtrip("A: 1");                        /* no newline at the end */
    assert_roundtrip("A: 1\n+ 2");
    assert_roundtrip("# only a comment");
    assert_roundtrip("A: 1\r\nB: 2\r\n");            /* CR stays in the value */
    assert_roundtrip("A: x\\\n\n+ y\n\n\n\n# trailing\n\n");
    assert_roundtrip("A:\tspaced\t \n+ \n+   \n");
}

static void check_format_roundtrip(const char *value)
{
    struct strbuf sb = STRBUF_INIT;
    rec_format_field(&sb, "V", value, strlen(value));
    struct rec_doc *doc = parse_ok(sb.buf);
    struct rec_record *r = nth_record(doc, 0);
    assert_int_equal(r->n_entries, 1);
    assert_string_equal(rec_find(r, "V")->value, value);
    rec_doc_free(doc);
    strbuf_release(&sb);
}

static void test_format_field_reads_back_exactly(void **state)
{
    (void)state;
    const char *values[] = {
        "", "x", " leading", "\tleading tab", "trailing ", "a\nb", "\nfirst empty",
        "last empty\n", "\n\n", "+ plus", "a\n+ not a continuation", "# not a comment",
        "back\\", "back\\\nslash\\", "a\\\\", "\\", "two\\\n\\", "日本語\n　全角スペース",
        "a\n\n\nb", "line\\\n\n", "%rec: x",
    };
    for (size_t i = 0; i < ARRAY_LEN(values); i++)
        check_format_roundtrip(values[i]);
}

static void test_edit_touches_only_changed_field(void **state)
{
    (void)state;
    const char *text = "%rec: I\n\n# keep me\nNo: 1\nUnknown: stays\n+ exactly  \n"
                       "Title: old\n# and me\nX: \\\nz\n\nNo: 2\nTitle: b\n";
    struct rec_doc *doc = parse_ok(text);
    struct rec_record *r = nth_record(doc, 1);
    rec_entry_set(r, rec_find(r, "Title"), "new\nvalue", 9);
    char *out = written(doc);
    assert_string_equal(out, "%rec: I\n\n# keep me\nNo: 1\nUnknown: stays\n+ exactly  \n"
                             "Title: new\n+ value\n# and me\nX: \\\nz\n\nNo: 2\nTitle: b\n");
    free(out);
    rec_insert(r, 1, "Added", "a", 1);
    rec_remove(r, rec_find_index(r, "Unknown"));
    out = written(doc);
    assert_string_equal(out, "%rec: I\n\n# keep me\nNo: 1\nAdded: a\n"
                             "Title: new\n+ value\n# and me\nX: \\\nz\n\nNo: 2\nTitle: b\n");
    free(out);
    rec_doc_free(doc);
}

static void test_append_after_missing_final_newline(void **state)
{
    (void)state;
    struct rec_doc *doc = parse_ok("%rec: I\n\nNo: 1");
    struct rec_record *r = nth_record(doc, 1);
    rec_insert(r, 1, "Title", "t", 1);
    struct rec_record *n = rec_record_new();
    rec_insert(n, 0, "No", "2", 1);
    rec_doc_insert_record_after(doc, doc->n_blocks - 1, n);
    char *out = written(doc);
    assert_string_equal(out, "%rec: I\n\nNo: 1\nTitle: t\n\nNo: 2\n");
    free(out);
    rec_doc_free(doc);
}

/* A last line ending in a backslash joined the end of the file: what is added after it
 * must not be swallowed into that value (found by fuzz_sheet). */
static void test_backslash_at_end_of_file(void **state)
{
    (void)state;
    const char *texts[] = { "No: 1\nTitle: a\\\n", "No: 1\nTitle: a\\" };
    for (size_t t = 0; t < 2; t++) {
        struct rec_doc *doc = parse_ok(texts[t]);
        char *same = written(doc);
        assert_string_equal(same, texts[t]);          /* untouched: the same bytes */
        free(same);
        struct rec_record *r = nth_record(doc, 0);
        rec_insert(r, r->n_entries, "Added", "x", 1);
        struct rec_record *n = rec_record_new();
        rec_insert(n, 0, "No", "2", 1);
        rec_doc_insert_record_after(doc, doc->n_blocks - 1, n);
        char *out = written(doc);
        struct rec_doc *back = parse_ok(out);
        struct rec_record *b0 = nth_record(back, 0);
        /* With a newline the backslash joined the end; without one it is the value's. */
        assert_string_equal(rec_find(b0, "Title")->value, t == 0 ? "a" : "a\\");
        assert_string_equal(rec_find(b0, "Title")->value, rec_find(r, "Title")->value);
        assert_string_equal(rec_find(b0, "Added")->value, "x");
        assert_string_equal(rec_find(nth_record(back, 1), "No")->value, "2");
        free(out);
        rec_doc_free(back);
        rec_doc_free(doc);
    }
}

static void expect_error_n(const char *text, size_t len, long line, long col, const char *words)
{
    struct error e;
    struct rec_doc *doc = rec_parse(text, len, "bad.rec", &e);
    assert_null(doc);
    assert_string_equal(e.file, "bad.rec");
    assert_int_equal(e.line, line);
    assert_int_equal(e.column, col);
    if (!strstr(e.msg, words))
        fail_msg("message \"%s\" lacks \"%s\"", e.msg, words);
}

static void expect_error(const char *text, long line, long col, const char *words)
{
    expect_error_n(text, strlen(text), line, col, words);
}

static void test_syntax_errors_name_line_and_column(void **state)
{
    (void)state;
    expect_error("A: 1\nB 2\n", 2, 2, "expected a field name");
    expect_error("A: 1\n\n+ orphan\n", 3, 1, "'+'");
    expect_error("A: 1\n\n9x: 1\n", 3, 1, "field name");
    expect_error("A: 1\nName-x: 2\n", 2, 5, "field name");
    expect_error("A: 1\n  B: 2\n", 2, 1, "field name");
    expect_error("A: ok\nB: \xe6\x97\xa5\xff\n", 2, 5, "invalid UTF-8 byte FF at byte 12");
    expect_error_n("A: a\0b\n", 7, 1, 5, "NUL byte at byte 4");
    expect_error("Ä: 1\n", 1, 1, "field name");
}

static void test_valid_names(void **state)
{
    (void)state;
    assert_true(rec_valid_name("No", 2));
    assert_true(rec_valid_name("%rec", 4));
    assert_true(rec_valid_name("Plan_Done2", 10));
    assert_false(rec_valid_name("", 0));
    assert_false(rec_valid_name("2x", 2));
    assert_false(rec_valid_name("a%", 2));
    assert_false(rec_valid_name("a-b", 3));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_as_recutils_reads_them),
        cmocka_unit_test(test_records_descriptors_and_comments),
        cmocka_unit_test(test_roundtrip_odd_files),
        cmocka_unit_test(test_format_field_reads_back_exactly),
        cmocka_unit_test(test_edit_touches_only_changed_field),
        cmocka_unit_test(test_append_after_missing_final_newline),
        cmocka_unit_test(test_backslash_at_end_of_file),
        cmocka_unit_test(test_syntax_errors_name_line_and_column),
        cmocka_unit_test(test_valid_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
