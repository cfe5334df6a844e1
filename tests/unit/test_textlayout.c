/*
 * test_textlayout.c - layout(text, width): properties over many texts and
 * widths (rows cover the text, fit the width, never split a cluster, keep
 * a free cell for every caret position, offset <-> (row, col) round trips),
 * then the specific rules (wide char at the edge, kinsoku, words, tabs,
 * escapes, width < 2) and the cost on a 4,000-character field and on
 * hostile 10 MB texts.
 */
#include "unit.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "hostile.h"
#include "textlayout.h"
#include "utf8.h"
#include "util.h"

/* ---- helpers ------------------------------------------------------------ */

/* Every cluster boundary of the text, walking forward from 0. */
static size_t *boundaries(const char *s, size_t n, size_t *count)
{
    size_t *b = xmalloc((n + 1) * sizeof(*b));
    size_t k = 0;
    for (size_t p = 0; p < n; p = utf8_cluster_end(s, n, p))
        b[k++] = p;
    b[k++] = n;
    *count = k;
    return b;
}

static bool is_boundary(const size_t *b, size_t nb, size_t off)
{
    size_t lo = 0, hi = nb;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (b[mid] < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < nb && b[lo] == off;
}

/* Walk one row's clusters; checks they add up to row.width. */
static void check_row(const struct layout *lay, size_t r, const size_t *b, size_t nb)
{
    const struct layout_row *row = &lay->rows[r];
    size_t end = row->hard ? row->end - 1 : row->end;
    size_t pos = row->start, clusters = 0;
    int x = 0, widest = 0;
    struct layout_cell c;

    assert_true(is_boundary(b, nb, row->start));
    if (row->hard)
        assert_int_equal(lay->text[row->end - 1], '\n');
    while (pos < end) {
        layout_cell(lay, pos, x, &c);
        assert_int_not_equal(c.kind, LAYOUT_CELL_NEWLINE);
        assert_true(c.end > pos && c.end <= end);
        assert_true(is_boundary(b, nb, c.end));
        /* Every caret position has a free cell: column < width. */
        assert_true(x < lay->width);
        if (c.width > widest)
            widest = c.width;
        x += c.width;
        pos = c.end;
        clusters++;
    }
    assert_int_equal(x, row->width);
    if (row->width > lay->width) {      /* only a lone cluster too wide by itself */
        assert_int_equal(clusters, 1);
        assert_true(widest > lay->width);
    }
    /* The caret after a full row stands in the cell beside it: no empty row
     * (or row of only a '\n') ever follows a full one. */
    bool blank = row->end == row->start || (row->hard && row->end - row->start == 1);
    if (r > 0 && blank)     /* only after a line break, or a lone cluster wider than the row */
        assert_true(lay->rows[r - 1].hard || lay->rows[r - 1].width > lay->width);
    if (r + 1 < lay->nrows)
        assert_true(row->end > row->start);     /* only the last row may be empty */
}

/* Offsets <-> positions for every boundary (and, with bytes, every byte in
 * between). */
static void check_mapping(const struct layout *lay, const size_t *b, size_t nb, bool bytes)
{
    for (size_t i = 0; i < nb; i++) {
        size_t off = b[i];
        struct layout_pos p = layout_caret(lay, off);
        assert_int_equal(p.row, layout_row_of(lay, off));
        assert_true(p.col <= lay->width);
        size_t back = layout_offset_at(lay, p.row, p.col);
        struct layout_pos q = layout_caret(lay, back);
        assert_int_equal(q.row, p.row);
        assert_int_equal(q.col, p.col);
        /* Exact unless a zero-width cluster shares the position. */
        if (i + 1 < nb) {
            struct layout_pos n = layout_caret(lay, b[i + 1]);
            if (n.row != p.row || n.col != p.col)
                assert_int_equal(back, off);
        } else {
            assert_int_equal(back, off);
        }
        assert_int_equal(layout_snap(lay, off), off);
        if (i + 1 < nb) {
            assert_int_equal(layout_next_boundary(lay, off), b[i + 1]);
            assert_int_equal(layout_prev_boundary(lay, b[i + 1]), off);
            for (size_t mid = off + 1; bytes && mid < b[i + 1]; mid++) {
                assert_int_equal(layout_snap(lay, mid), b[i + 1]);
                assert_int_equal(layout_prev_boundary(lay, mid), off);
                assert_int_equal(layout_next_boundary(lay, mid), b[i + 1]);
                struct layout_pos m = layout_caret(lay, mid);
                assert_int_equal(m.row, p.row);
                assert_int_equal(m.col, p.col);
            }
        }
    }
    for (size_t r = 0; r < lay->nrows; r++) {
        bool at_end, at_end2;
        size_t last = layout_row_last_caret(lay, r, &at_end);
        assert_true(is_boundary(b, nb, last));
        /* A soft row's end shows on that row, after its last character. */
        struct layout_pos p = layout_caret_at(lay, last, at_end);
        assert_int_equal(p.row, r);
        assert_int_equal(p.col, lay->rows[r].width);
        assert_int_equal(at_end, !lay->rows[r].hard && r + 1 < lay->nrows);
        if (!at_end) {
            assert_int_equal(layout_row_of(lay, last), r);
            assert_int_equal(layout_offset_at(lay, r, 1 << 20), last);
        }
        assert_int_equal(layout_offset_at_end(lay, r, 1 << 20, &at_end2), last);
        assert_int_equal(at_end2, at_end);
        assert_int_equal(layout_offset_at(lay, r, -5), lay->rows[r].start);
    }
}

/* All the properties for one text at one width. */
static void check_layout_ex(const char *s, size_t n, int width, bool bytes)
{
    struct layout lay = LAYOUT_INIT;
    size_t nb;
    size_t *b = boundaries(s, n, &nb);

    layout_text(&lay, s, n, width);
    assert_true(lay.nrows >= 1);
    assert_int_equal(lay.rows[0].start, 0);
    assert_int_equal(lay.rows[lay.nrows - 1].end, n);
    assert_false(lay.rows[lay.nrows - 1].hard);
    for (size_t r = 0; r < lay.nrows; r++) {
        if (r + 1 < lay.nrows)
            assert_int_equal(lay.rows[r].end, lay.rows[r + 1].start);
        check_row(&lay, r, b, nb);
        /* A '\n' ends a row, so it appears nowhere else. */
        size_t body_end = lay.rows[r].hard ? lay.rows[r].end - 1 : lay.rows[r].end;
        assert_null(memchr(s + lay.rows[r].start, '\n', body_end - lay.rows[r].start));
    }
    check_mapping(&lay, b, nb, bytes);
    layout_free(&lay);
    free(b);
}

static void check_layout(const char *s, size_t n, int width)
{
    check_layout_ex(s, n, width, true);
}

/* Rows as "text|text|" for readable expectations ('\n' shown as "\\n"). */
static char *rows_str(const char *s, int width)
{
    struct layout lay = LAYOUT_INIT;
    struct strbuf out = STRBUF_INIT;
    layout_text(&lay, s, strlen(s), width);
    for (size_t r = 0; r < lay.nrows; r++) {
        const struct layout_row *row = &lay.rows[r];
        size_t end = row->hard ? row->end - 1 : row->end;
        strbuf_add(&out, s + row->start, end - row->start);
        strbuf_addstr(&out, row->hard ? "\\n|" : "|");
    }
    layout_free(&lay);
    return strbuf_detach(&out, NULL);
}

#define assert_rows(text, width, expected) do { \
        char *got_ = rows_str(text, width); \
        assert_string_equal(got_, expected); \
        free(got_); \
    } while (0)

/* ---- text corpus -------------------------------------------------------- */

static const char *const fragments[] = {
    "a", "b", "Z", " ", "  ", "word", "97.53%", "(", ")", ",", ".",
    "あ", "い", "う", "漢", "字", "取組", "、", "。", "」", "「", "『", "』", "（", "）",
    "ー", "っ", "ャ", "…", "・", "？", "！", "ｱ", "ｰ", "Ａ",
    "\xe3\x81\x8b\xe3\x82\x99",             /* か + U+3099 */
    "\xe8\x91\x9b\xf3\xa0\x84\x80",         /* 葛 + U+E0100 */
    "e\xcc\x81",                            /* e + U+0301 */
    "\xcc\x81",                             /* a lone combining mark */
    "\xe2\x9d\xa4\xef\xb8\x8f",             /* heart + VS16 */
    "\xf0\x9f\x91\x8d",                     /* thumbs up */
    "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",     /* thumbs up + skin tone */
    "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7", /* family */
    "\xe2\x80\x8d",                         /* a lone ZWJ */
    "\xe2\x80\x8b",                         /* ZERO WIDTH SPACE */
    "\t", "\n", "\n\n", "\r", "\x01", "\x1b", "\x7f",
    "\xc2\x9b",                             /* C1 CSI */
    "\xe2\x80\xae",                         /* RLO */
    "\xe2\x80\xa8",                         /* LINE SEPARATOR */
    "\xff", "\x80", "\xe3\x81",             /* invalid, stray, truncated */
};

static uint32_t rng_state = 12345;

static uint32_t rng(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return (rng_state >> 16) & 0x7FFF;
}

static char *random_text(size_t pieces, size_t *len)
{
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < pieces; i++)
        strbuf_addstr(&sb, fragments[rng() % ARRAY_LEN(fragments)]);
    return strbuf_detach(&sb, len);
}

static char *read_seed(size_t *len)
{
    char *data;
    struct error e;
    assert_int_equal(read_file(TEST_SEED, &data, len, &e), 0);
    return data;
}

/* ---- properties --------------------------------------------------------- */

static void test_properties_fixed_texts(void **state)
{
    static const char *const texts[] = {
        "", "a", "\n", "\n\n", "abc\n", "あいう", "あいう。", "あい\nうえ\n",
        "「市政改革プラン2.0」に基づく取組等", "a\tb\tc\td\te",
        "\x01\x02\x1b[31mred\xe2\x80\xae\xff\xfe",
        "\xcc\x81\xcc\x81\n\xcc\x81x",
        "\xe2\x80\x8b\xe2\x80\x8b\xe2\x80\x8b\xe2\x80\x8b",
        "\xe2\x80\x8d\n\xe2\x80\x8d\n",
    };
    (void)state;
    for (size_t t = 0; t < ARRAY_LEN(texts); t++)
        for (int w = -1; w <= 40; w++)
            check_layout(texts[t], strlen(texts[t]), w);
}

static void test_properties_seed_lines(void **state)
{
    size_t len;
    char *seed = read_seed(&len);
    (void)state;
    /* Every width 1..40 for every line under check-long; under check each
     * line gets every step-th width, from a start that moves line by line,
     * so all widths are still tried. */
    const int step = (int)(10 / unit_rounds(10));
    size_t lineno = 0;
    for (size_t i = 0; i < len; lineno++) {
        char *nl = memchr(seed + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - seed) : len;
        for (int w = 1 + (int)(lineno % (size_t)step); w <= 40; w += step)
            check_layout_ex(seed + i, end - i, w, false);   /* the seed is big: boundaries only */
        i = end + 1;
    }
    /* And the whole file as one field, newlines included. */
    static const int widths[] = { 1, 7, 40 };
    for (size_t k = 0; k < ARRAY_LEN(widths); k++)
        check_layout_ex(seed, len, widths[k], false);
    free(seed);
}

static void test_properties_random_texts(void **state)
{
    (void)state;
    for (long t = 0; t < unit_rounds(300); t++) {
        size_t len;
        char *s = random_text(1 + rng() % 60, &len);
        for (int w = 1; w <= 40; w++)
            check_layout(s, len, w);
        free(s);
    }
}

/* Random bytes: anything a bad file can hold. */
static void test_properties_random_bytes(void **state)
{
    (void)state;
    for (long t = 0; t < unit_rounds(200); t++) {
        size_t len = rng() % 64;
        char *s = xmalloc(len + 1);
        for (size_t i = 0; i < len; i++)
            s[i] = (char)(rng() & 0xFF);
        for (int w = 1; w <= 24; w++)
            check_layout(s, len, w);
        free(s);
    }
}

/* ---- specific rules ----------------------------------------------------- */

static void test_wide_char_at_edge(void **state)
{
    (void)state;
    assert_rows("あいう", 5, "あい|う|");
    assert_rows("aあい", 4, "aあ|い|");
    assert_rows("abcあ", 4, "abc|あ|");
    assert_rows("あいう", 6, "あいう|");        /* full last row: the caret shows after it */
    assert_rows("あいう\nえ", 6, "あいう\\n|え|");  /* a full line: no empty row after it */
    assert_rows("あいう", 7, "あいう|");
}

static void test_clusters_never_split(void **state)
{
    (void)state;
    /* か+U+3099 is 2 columns; at width 3 after "a" it does not fit: 1+2 <= 3 does. */
    assert_rows("ab\xe3\x81\x8b\xe3\x82\x99", 3, "ab|\xe3\x81\x8b\xe3\x82\x99|");
    assert_rows("a\xe8\x91\x9b\xf3\xa0\x84\x80" "b", 3, "a\xe8\x91\x9b\xf3\xa0\x84\x80|b|");
    assert_rows("xe\xcc\x81y", 2, "xe\xcc\x81|y|");
}

static void test_kinsoku(void **state)
{
    (void)state;
    assert_rows("あいう。", 6, "あい|う。|");      /* 。 pulls う down */
    assert_rows("あいう、え", 6, "あい|う、え|");
    assert_rows("あいう」", 6, "あい|う」|");
    assert_rows("あいうっ", 6, "あい|うっ|");
    assert_rows("あいうー", 6, "あい|うー|");
    assert_rows("あい「う", 6, "あい|「う|");      /* 「 does not end a row */
    assert_rows("いあ。」ああ", 6, "い|あ。」|ああ|");  /* two in a row */
    /* Unavoidable: pulling would leave a row empty, or not fit. */
    assert_rows("あ。", 2, "あ|。|");
    assert_rows("aあ。", 3, "aあ|。|");
    assert_rows("あ。。。。。", 4, "あ。|。。|。。|");
    /* At most LAYOUT_KINSOKU_MAX (3) clusters move; beyond that, the plain break. */
    assert_rows("ああい。。。", 10, "ああ|い。。。|");
    assert_rows("あい。。。。", 10, "あい。。。|。|");
}

/* In the seed's prose, from width 6 up, 、。」 never start a wrapped row. */
static void test_kinsoku_seed(void **state)
{
    size_t len;
    char *seed = read_seed(&len);
    struct layout lay = LAYOUT_INIT;
    size_t wrapped = 0;
    (void)state;
    for (int w = 6; w <= 40; w++) {
        layout_text(&lay, seed, len, w);
        for (size_t r = 1; r < lay.nrows; r++) {
            if (lay.rows[r - 1].hard)
                continue;
            const char *p = seed + lay.rows[r].start;
            wrapped++;
            assert_false(strncmp(p, "、", 3) == 0 || strncmp(p, "。", 3) == 0 ||
                         strncmp(p, "」", 3) == 0);
        }
    }
    assert_true(wrapped > 10000);
    layout_free(&lay);
    free(seed);
}

static void test_words(void **state)
{
    (void)state;
    assert_rows("ab cdefgh", 6, "ab |cdefgh|");
    assert_rows("abcdefghij", 4, "abcd|efgh|ij|");     /* longer than a row: cut */
    assert_rows("収納率97.53%です", 10, "収納率|97.53%です|");
    assert_rows("収納率97.53%です", 11, "収納率|97.53%です|");
    /* ASCII brackets belong to the word; （ does not, and a long word never
     * leaves it at a row end. */
    assert_rows("あい(abc)", 8, "あい|(abc)|");
    char *t = xasprintf("あ（%s%s", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbb");
    char *want = xasprintf("あ（%s|bbb|", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    assert_rows(t, 40, want);
    free(t);
    free(want);
    t = xasprintf("あい%s%s", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbb");
    want = xasprintf("あい|%sbbb|", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    assert_rows(t, 40, want);
    free(t);
    free(want);
    /* The word rule gives way to kinsoku rather than start a row with ')'. */
    assert_rows("の(趣旨)97.53%です", 7, "の(趣|旨)97.5|3%です|");
}

static void test_newlines(void **state)
{
    (void)state;
    assert_rows("", 5, "|");
    assert_rows("\n", 5, "\\n||");
    assert_rows("ab\n", 5, "ab\\n||");
    assert_rows("ab\n\ncd", 5, "ab\\n|\\n|cd|");
    /* A line that fills the row keeps its '\n' (the caret before it shows
     * beside the row): no empty row after it. */
    assert_rows("あい\nう", 4, "あい\\n|う|");
    assert_rows("abc\nd", 4, "abc\\n|d|");
    assert_rows("abcd\nd", 4, "abcd\\n|d|");
}

static void test_tabs(void **state)
{
    struct layout lay = LAYOUT_INIT;
    (void)state;
    assert_rows("a\tb\tc\td", 10, "a\tb\tc\t|d|");
    layout_text(&lay, "a\tb\tc\td", 7, 10);
    assert_int_equal(lay.rows[0].width, 10);         /* 1+3, 1+3, 1+1 (cut at the edge) */
    assert_int_equal(layout_caret(&lay, 2).col, 4);
    assert_int_equal(layout_caret(&lay, 4).col, 8);
    assert_int_equal(layout_caret(&lay, 5).col, 9);
    layout_text(&lay, "\t\t\t", 3, 3);              /* width 3: each tab cut to 3 */
    assert_int_equal(lay.nrows, 3);
    assert_int_equal(lay.rows[0].width, 3);
    layout_free(&lay);
}

static void test_escapes(void **state)
{
    struct layout lay = LAYOUT_INIT;
    struct layout_cell c;
    (void)state;
    layout_text(&lay, "\x01" "a", 2, 10);           /* ^A */
    assert_int_equal(lay.rows[0].width, 3);
    layout_cell(&lay, 0, 0, &c);
    assert_int_equal(c.kind, LAYOUT_CELL_ESCAPED);
    assert_int_equal(c.width, 2);
    layout_text(&lay, "\xff", 1, 10);               /* <FF> */
    assert_int_equal(lay.rows[0].width, 4);
    layout_text(&lay, "x\xe2\x80\xae", 4, 10);      /* x<U+202E> */
    assert_int_equal(lay.rows[0].width, 9);
    /* Wider than the field: alone on its row, never split. */
    assert_rows("x\xe2\x80\xaey", 5, "x|\xe2\x80\xae|y|");
    layout_text(&lay, "x\xe2\x80\xaey", 5, 5);
    assert_int_equal(lay.rows[1].width, 8);
    layout_free(&lay);
}

static void test_narrow_widths(void **state)
{
    (void)state;
    assert_rows("あいa", 1, "あ|い|a|");
    assert_rows("あいa", 0, "あ|い|a|");             /* below 1 counts as 1 */
    assert_rows("あいa", -7, "あ|い|a|");
    assert_rows("ab", 1, "a|b|");
    assert_rows("a\nb", 1, "a\\n|b|");
    assert_rows("あいう", 2, "あ|い|う|");
    /* A zero-width cluster needs a free cell (x < width) to go on a row. */
    assert_rows("a\xe2\x80\x8b" "b", 1, "a|\xe2\x80\x8b" "b|");
    assert_rows("ab\xe2\x80\x8b", 2, "ab|\xe2\x80\x8b|");
}

static void test_caret_rules(void **state)
{
    struct layout lay = LAYOUT_INIT;
    const char *s = "あいう\nえ";               /* width 5: あい|う\n|え */
    (void)state;
    layout_text(&lay, s, strlen(s), 5);
    assert_int_equal(lay.nrows, 3);
    struct layout_pos p = layout_caret(&lay, 6);  /* soft break: start of next row */
    assert_int_equal(p.row, 1);
    assert_int_equal(p.col, 0);
    p = layout_caret(&lay, 9);                    /* before '\n': end of its row */
    assert_int_equal(p.row, 1);
    assert_int_equal(p.col, 2);
    p = layout_caret(&lay, strlen(s));             /* end of text */
    assert_int_equal(p.row, 2);
    assert_int_equal(p.col, 2);
    bool at_end;
    assert_int_equal(layout_row_last_caret(&lay, 0, &at_end), 6);   /* soft: after い */
    assert_true(at_end);
    p = layout_caret_at(&lay, 6, at_end);         /* shown at its row's end */
    assert_int_equal(p.row, 0);
    assert_int_equal(p.col, 4);
    p = layout_caret_at(&lay, 6, false);
    assert_int_equal(p.row, 1);
    assert_int_equal(p.col, 0);
    assert_int_equal(layout_row_last_caret(&lay, 1, &at_end), 9);   /* hard: before '\n' */
    assert_false(at_end);
    assert_int_equal(layout_caret_at(&lay, 9, true).col, 2);     /* not a soft end: as is */
    /* Past the end of a soft row: its end; of a hard row: before its '\n'. */
    assert_int_equal(layout_offset_at_end(&lay, 0, 4, &at_end), 6);
    assert_true(at_end);
    assert_int_equal(layout_offset_at_end(&lay, 0, 3, &at_end), 3);
    assert_false(at_end);
    assert_int_equal(layout_offset_at_end(&lay, 1, 99, &at_end), 9);
    assert_false(at_end);
    /* A click on either half of a wide character lands before it. */
    assert_int_equal(layout_offset_at(&lay, 0, 2), 3);
    assert_int_equal(layout_offset_at(&lay, 0, 3), 3);
    assert_int_equal(layout_offset_at(&lay, 0, 99), 3);
    assert_int_equal(layout_offset_at(&lay, 99, 99), strlen(s));
    layout_free(&lay);
}

/* ---- big and hostile texts ------------------------------------------------
 * Correctness only: how long these take is measured by bench/layout_cost.c
 * (make bench), never asserted here. */

static void lay_out_and_reach_the_end(const char *s, size_t n, int width)
{
    struct layout lay = LAYOUT_INIT;
    layout_text(&lay, s, n, width);
    layout_text(&lay, s, n, width);         /* again, over memory already grown */
    struct layout_pos p = layout_caret(&lay, n);
    assert_int_equal(p.row, lay.nrows - 1);
    assert_int_equal(layout_offset_at(&lay, lay.nrows - 1, 9999), n);
    layout_free(&lay);
}

static void test_4000_chars_of_prose(void **state)
{
    size_t len;
    char *seed = read_seed(&len);
    struct strbuf sb = STRBUF_INIT;
    (void)state;
    /* 4,000 characters of seed prose, newlines and all. */
    for (size_t i = 0; utf8_count(sb.buf ? sb.buf : "", sb.len) < 4000; ) {
        uint32_t cp;
        size_t k = utf8_decode(seed + i, len - i, &cp);
        strbuf_add(&sb, seed + i, k);
        i = (i + k) % len;
    }
    lay_out_and_reach_the_end(sb.buf, sb.len, 60);
    strbuf_release(&sb);
    free(seed);
}

static void test_hostile_texts(void **state)
{
    size_t size = (size_t)unit_rounds(10) << 17;
    (void)state;
    for (int kind = 0; kind < LAYOUT_HOSTILE_KINDS; kind++) {
        size_t n;
        char *text = layout_hostile_text(kind, size, &n);
        lay_out_and_reach_the_end(text, n, 40);
        free(text);
    }
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    if (getenv("TEST_FILTER"))                  /* e.g. TEST_FILTER='test_kinsoku*' */
        cmocka_set_test_filter(getenv("TEST_FILTER"));
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_properties_fixed_texts),
        cmocka_unit_test(test_properties_seed_lines),
        cmocka_unit_test(test_properties_random_texts),
        cmocka_unit_test(test_properties_random_bytes),
        cmocka_unit_test(test_wide_char_at_edge),
        cmocka_unit_test(test_clusters_never_split),
        cmocka_unit_test(test_kinsoku),
        cmocka_unit_test(test_kinsoku_seed),
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_newlines),
        cmocka_unit_test(test_tabs),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_narrow_widths),
        cmocka_unit_test(test_caret_rules),
        cmocka_unit_test(test_4000_chars_of_prose),
        cmocka_unit_test(test_hostile_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
