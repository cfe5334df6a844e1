/*
 * test_csv.c - the CSV reader and writer: Excel's habits, positions,
 * errors, and the same rows whatever the read size (1, 2, 3, 65536).
 */
#include "unit.h"
#include "csvfeed.h"

#include <stdio.h>
#include <stdlib.h>

#include "csv.h"
#include "util.h"

/* Rows as text: "ROW@LINE:[cell|cell]\n", a cell as LINE<bytes>, quoted ones with q. */
static int collect(void *ctx, const struct csv_row *row, struct error *e)
{
    struct strbuf *sb = ctx;
    strbuf_addf(sb, "%ld@%ld:[", row->number, row->line);
    for (size_t i = 0; i < row->n_cells; i++) {
        const struct csv_cell *c = &row->cells[i];
        assert_int_equal(c->data[c->len], '\0');
        strbuf_addf(sb, "%s%ld%s<", i ? "|" : "", c->line, c->quoted ? "q" : "");
        strbuf_add(sb, c->data, c->len);
        strbuf_addch(sb, '>');
    }
    strbuf_addstr(sb, "]\n");
    return 0;
}

/* Parse in pieces of step bytes; returns rows, or "ERROR: formatted" on failure. */
static char *parse_step(const char *in, size_t n, size_t step)
{
    struct strbuf sb = STRBUF_INIT;
    struct error e;
    struct csv_reader *r = csv_reader_new("t.csv", collect, &sb);
    if (csvfeed_reader(r, in, n, step, &e) < 0) {
        strbuf_reset(&sb);
        strbuf_addstr(&sb, "ERROR: ");
        error_format(&e, &sb);
        /* The reader repeats its error. */
        struct error again;
        assert_int_equal(csv_reader_feed(r, "x", 1, &again), -1);
        assert_string_equal(again.msg, e.msg);
    }
    csv_reader_free(r);
    return strbuf_detach(&sb, NULL);
}

/* Parse with every read size of the brief; all must agree.  Returns the result. */
static char *parse_n(const char *in, size_t n)
{
    static const size_t steps[] = { 1, 2, 3, 5, 7, 65536 };
    char *first = parse_step(in, n, steps[0]);
    for (size_t k = 1; k < ARRAY_LEN(steps); k++) {
        char *other = parse_step(in, n, steps[k]);
        if (strcmp(first, other) != 0)
            fail_msg("read size %zu gives\n%s\nread size 1 gives\n%s", steps[k], other, first);
        free(other);
    }
    return first;
}

static void expect(const char *in, const char *want)
{
    char *got = parse_n(in, strlen(in));
    assert_string_equal(got, want);
    free(got);
}

static void test_plain(void **state)
{
    (void)state;
    expect("a,b,c\r\n1,2,3\r\n",
           "1@1:[1<a>|1<b>|1<c>]\n2@2:[2<1>|2<2>|2<3>]\n");
    expect("", "");
    expect("x", "1@1:[1<x>]\n");
    expect("a,b", "1@1:[1<a>|1<b>]\n");       /* no line break at the end */
}

static void test_line_ends(void **state)
{
    (void)state;
    expect("a\nb\rc\r\nd", "1@1:[1<a>]\n2@2:[2<b>]\n3@3:[3<c>]\n4@4:[4<d>]\n");
    /* CR CR LF: the first CR ends a row, CR LF ends an empty one. */
    expect("a\r\r\nb", "1@1:[1<a>]\n2@2:[2<>]\n3@3:[3<b>]\n");
}

static void test_empty_cells_and_rows(void **state)
{
    (void)state;
    expect(",\r\n", "1@1:[1<>|1<>]\n");
    expect("a,,\r\n", "1@1:[1<a>|1<>|1<>]\n");    /* trailing empty columns */
    expect("a,", "1@1:[1<a>|1<>]\n");
    expect("\r\n\r\n", "1@1:[1<>]\n2@2:[2<>]\n"); /* empty lines are rows */
    expect("a\r\n\r\nb\r\n", "1@1:[1<a>]\n2@2:[2<>]\n3@3:[3<b>]\n");
}

static void test_quotes(void **state)
{
    (void)state;
    expect("\"a,b\",c", "1@1:[1q<a,b>|1<c>]\n");
    expect("\"say \"\"hi\"\"\"", "1@1:[1q<say \"hi\">]\n");
    expect("\"\"", "1@1:[1q<>]\n");
    expect("\"\"\"\"", "1@1:[1q<\">]\n");
    expect("\"\",\"\"\r\n", "1@1:[1q<>|1q<>]\n");
    /* A quote that does not start a cell is an ordinary byte. */
    expect("5\" floppy,a\"b\"", "1@1:[1<5\" floppy>|1<a\"b\">]\n");
    /* Leading blanks: the cell is unquoted, quotes kept. */
    expect(" \"x\"", "1@1:[1< \"x\">]\n");
}

static void test_alt_enter(void **state)
{
    (void)state;
    /* Excel: rows end CRLF, a line break inside a cell is a bare LF. */
    expect("No,Text\r\n1,\"line 1\nline 2\"\r\n2,x\r\n",
           "1@1:[1<No>|1<Text>]\n2@2:[2<1>|2q<line 1\nline 2>]\n3@4:[4<2>|4<x>]\n");
    /* CRLF and CR inside quotes are kept as they are. */
    expect("\"a\r\nb\rc\",d\r\ne", "1@1:[1q<a\r\nb\rc>|2<d>]\n2@3:[3<e>]\n");
    expect("\"\n\n\",x\n\"y\"", "1@1:[1q<\n\n>|3<x>]\n2@4:[4q<y>]\n");
}

static void test_spaces_and_bytes_kept(void **state)
{
    (void)state;
    expect("  a  , b\t,\"  c  \"", "1@1:[1<  a  >|1< b\t>|1q<  c  >]\n");
    /* Half-width kana, a full-width space, NUL: bytes are bytes. */
    expect("ｶﾀｶﾅ,\xE3\x80\x80", "1@1:[1<ｶﾀｶﾅ>|1<\xE3\x80\x80>]\n");
    char *got = parse_n("a\0b,c", 5);
    assert_memory_equal(got, "1@1:[1<a\0b>|1<c>]\n", 19);
    free(got);
}

static void test_error_unterminated(void **state)
{
    (void)state;
    expect("a,b\r\n1,\"open\nstill\n",
           "ERROR: t.csv:2:2: row 2, column B: unterminated quoted cell: expected a closing "
           "'\"' before the end of the input (the quote opened on line 2)");
    expect("\"", "ERROR: t.csv:1:1: row 1, column A: unterminated quoted cell: expected a "
                 "closing '\"' before the end of the input (the quote opened on line 1)");
}

static void test_error_after_quote(void **state)
{
    (void)state;
    expect("x\r\n\"ab\"c,d",
           "ERROR: t.csv:2:1: row 2, column A: expected ',' or the end of the row after the "
           "closing quote, not 'c' (a quote inside a quoted cell is written \"\")");
    expect("a,b,\"\xE5\xB1\xB1\"\xE7\x94\xB0",
           "ERROR: t.csv:1:3: row 1, column C: expected ',' or the end of the row after the "
           "closing quote, not byte E7 (a quote inside a quoted cell is written \"\")");
    /* The line is where the bad byte is, in a cell that spans lines. */
    expect("\"a\nb\" x",
           "ERROR: t.csv:2:1: row 1, column A: expected ',' or the end of the row after the "
           "closing quote, not ' ' (a quote inside a quoted cell is written \"\")");
}

static int stop_at_2(void *ctx, const struct csv_row *row, struct error *e)
{
    int *calls = ctx;
    (*calls)++;
    if (row->number == 2)
        return error_set(e, "t.csv", row->line, 1, "stop");
    return 0;
}

static void test_callback_stops(void **state)
{
    (void)state;
    int calls = 0;
    struct error e;
    struct csv_reader *r = csv_reader_new("t.csv", stop_at_2, &calls);
    assert_int_equal(csv_reader_feed(r, "a\nb\nc\n", 6, &e), -1);
    assert_string_equal(e.msg, "stop");
    assert_int_equal(calls, 2);
    assert_int_equal(csv_reader_finish(r, &e), -1);
    assert_int_equal(calls, 2);
    csv_reader_free(r);
}

static void test_long_rows_reuse(void **state)
{
    (void)state;
    /* Rows longer than a read, many cells, then short ones: buffers are reused. */
    struct strbuf in = STRBUF_INIT, want = STRBUF_INIT;
    for (int r = 1; r <= 3; r++) {
        strbuf_addf(&want, "%d@%d:[", r, r);
        for (int c = 0; c < 2000 / r; c++) {
            strbuf_addf(&in, "%s\"c%d,%d\"", c ? "," : "", r, c);
            strbuf_addf(&want, "%s%dq<c%d,%d>", c ? "|" : "", r, r, c);
        }
        strbuf_addstr(&in, "\r\n");
        strbuf_addstr(&want, "]\n");
    }
    char *got = parse_n(in.buf, in.len);
    assert_string_equal(got, want.buf);
    free(got);
    strbuf_release(&in);
    strbuf_release(&want);
}

static void test_column_names(void **state)
{
    (void)state;
    char s[16];
    csv_column_name(1, s);
    assert_string_equal(s, "A");
    csv_column_name(26, s);
    assert_string_equal(s, "Z");
    csv_column_name(27, s);
    assert_string_equal(s, "AA");
    csv_column_name(52, s);
    assert_string_equal(s, "AZ");
    csv_column_name(703, s);
    assert_string_equal(s, "AAA");
    csv_column_name(16384, s);
    assert_string_equal(s, "XFD");     /* Excel's last column */
}

static void test_writer(void **state)
{
    (void)state;
    struct strbuf sb = STRBUF_INIT;
    static const char *cells[] = { "plain", "a,b", "say \"hi\"", "two\nlines", "", " lead",
                                   "trail\t", "ｶﾅ", "cr\rx", "表" };
    for (size_t i = 0; i < ARRAY_LEN(cells); i++)
        csv_add_cell(&sb, cells[i], strlen(cells[i]), i == 0);
    csv_end_row(&sb);
    assert_string_equal(sb.buf, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\" lead\","
                                "\"trail\t\",ｶﾅ,\"cr\rx\",表\r\n");
    /* Read back: the same cells. */
    char *got = parse_n(sb.buf, sb.len);
    assert_string_equal(got, "1@1:[1<plain>|1q<a,b>|1q<say \"hi\">|1q<two\nlines>|2<>"
                             "|2q< lead>|2q<trail\t>|2<ｶﾅ>|2q<cr\rx>|2<表>]\n");
    free(got);
    strbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain),
        cmocka_unit_test(test_line_ends),
        cmocka_unit_test(test_empty_cells_and_rows),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_alt_enter),
        cmocka_unit_test(test_spaces_and_bytes_kept),
        cmocka_unit_test(test_error_unterminated),
        cmocka_unit_test(test_error_after_quote),
        cmocka_unit_test(test_callback_stops),
        cmocka_unit_test(test_long_rows_reuse),
        cmocka_unit_test(test_column_names),
        cmocka_unit_test(test_writer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
