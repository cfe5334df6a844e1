/*
 * test_search.c - folding, the matcher, and finding, counting and ranking
 * hits across sheets, checked against a naive reference on random text.
 */
#include "unit.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "form.h"
#include "search.h"
#include "search_impl.h"
#include "utf8.h"

/* ---- helpers ------------------------------------------------------------------------- */

static char *fold(const char *s)
{
    struct strbuf sb = STRBUF_INIT;
    search_fold(s, strlen(s), &sb);
    return strbuf_detach(&sb, NULL);
}

#define FOLDS_TO(in, out) do {                                  \
        char *got_ = fold(in);                                  \
        assert_string_equal(got_, out);                         \
        free(got_);                                             \
    } while (0)

static struct sheet *parse(const char *ward, const char *items)
{
    return unit_ward_sheet(ward, items);
}

/* "SHEET:ITEM:FIELD:OFFSET+LEN" */
static char *describe(struct sheet *const *sheets, const struct search_hit *h)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "%zu:%zu:%s:%zu+%zu", h->pos.sheet, h->pos.item,
                sheets[h->pos.sheet]->form->fields[h->pos.field].key, h->pos.offset, h->len);
    return strbuf_detach(&sb, NULL);
}

static const struct search_pos START = { 0, 0, -1, 0 };

/* Every hit, following search_next from the start: "a b c". */
static char *walk_forward(struct search *se, struct sheet *const *sheets, size_t max)
{
    struct strbuf sb = STRBUF_INIT;
    struct search_hit h, first;
    if (!search_next(se, &START, true, &h))
        return strbuf_detach(&sb, NULL);
    first = h;
    for (size_t i = 0; i < max; i++) {
        char *d = describe(sheets, &h);
        strbuf_addf(&sb, "%s%s", i ? " " : "", d);
        free(d);
        assert_true(search_next(se, &h.pos, false, &h));
        if (h.pos.sheet == first.pos.sheet && h.pos.item == first.pos.item &&
            h.pos.field == first.pos.field && h.pos.offset == first.pos.offset)
            break;
    }
    return strbuf_detach(&sb, NULL);
}

static void count_all(struct search *se)
{
    while (!search_count_step(se, 0))
        ;
}

/* ---- folding --------------------------------------------------------------------------- */

static void test_fold_latin(void **state)
{
    (void)state;
    FOLDS_TO("ABC xyz", "abc xyz");
    FOLDS_TO("ＡＢＣ", "abc");
    FOLDS_TO("ａｂｃ", "abc");
    FOLDS_TO("０１２３４５６７８９", "0123456789");
    FOLDS_TO("（ＰＤＣＡ）！", "(pdca)!");
    FOLDS_TO("～", "~");                      /* U+FF5E, the last one folded */
    FOLDS_TO("｟", "｟");                      /* U+FF5F is not ASCII */
    FOLDS_TO("ÀΩЖ", "ÀΩЖ");                   /* only ASCII letters change case */
    FOLDS_TO("１２月", "12月");
}

static void test_fold_spaces_and_invalid(void **state)
{
    (void)state;
    FOLDS_TO("区民　の", "区民 の");
    FOLDS_TO("\t\n", "\t\n");
    FOLDS_TO("a\xff" "b", "a\xef\xbf\xbd" "b");          /* invalid byte: U+FFFD */
    FOLDS_TO("\xe6\x97", "\xef\xbf\xbd\xef\xbf\xbd");    /* truncated: one each */
}

static void test_fold_kana(void **state)
{
    (void)state;
    FOLDS_TO("ｶﾀｶﾅ", "カタカナ");
    FOLDS_TO("ｱｲｳｴｵｧｨｩｪｫｬｭｮｯｰ", "アイウエオァィゥェォャュョッー");
    FOLDS_TO("｡｢｣､･ｦﾝ", "。「」、・ヲン");
    FOLDS_TO("ｶﾞｷﾞｸﾞｹﾞｺﾞ", "ガギグゲゴ");
    FOLDS_TO("ｻﾞｼﾞｽﾞｾﾞｿﾞﾀﾞﾁﾞﾂﾞﾃﾞﾄﾞ", "ザジズゼゾダヂヅデド");
    FOLDS_TO("ﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞ", "バビブベボ");
    FOLDS_TO("ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ", "パピプペポ");
    FOLDS_TO("ｳﾞﾜﾞｦﾞ", "ヴヷヺ");
    FOLDS_TO("ﾃﾞｰﾀﾍﾞｰｽ", "データベース");
    FOLDS_TO("ｱﾞ", "ア゛");                  /* nothing to compose with */
    FOLDS_TO("ｶﾟ", "カ゜");
    FOLDS_TO("ﾞﾟ", "゛゜");
    FOLDS_TO("ｶ", "カ");                     /* at the very end */
    FOLDS_TO("カﾞ", "ガ");                    /* full-width base, half-width mark */
    FOLDS_TO("カ\u3099ハ\u309A", "ガパ");     /* combining marks: NFC */
    FOLDS_TO("か\u3099は\u309Aう\u3099ゝ\u3099", "がぱゔゞ");
    FOLDS_TO("わ\u3099", "わ゛");             /* no precomposed hiragana ヷ */
    FOLDS_TO("漢\u3099", "漢゛");
    FOLDS_TO("ひらがな", "ひらがな");          /* hiragana stays hiragana */
    FOLDS_TO("カ゛", "カ゛");                  /* a spacing mark does not compose */

    uint32_t cp;
    assert_int_equal(search_fold_char("ｶﾞx", 7, &cp), 6);
    assert_int_equal(cp, 0x30AC);
    assert_int_equal(search_fold_char("ｶﾞx", 3, &cp), 3);      /* mark not in range */
    assert_int_equal(cp, 0x30AB);
    assert_int_equal(search_fold_char("Ａ", 3, &cp), 3);
    assert_int_equal(cp, 'a');
}

/* Folding is idempotent, and folded text never holds what folding changes. */
static void test_fold_idempotent(void **state)
{
    (void)state;
    static const uint32_t marks[] = { 0xFF9E, 0xFF9F, 0x3099, 0x309A, 'x' };
    for (uint32_t cp = 1; cp < 0x10000; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        for (size_t m = 0; m < ARRAY_LEN(marks); m++) {
            char in[16];
            size_t n = utf8_encode(cp, in);
            n += utf8_encode(marks[m], in + n);
            in[n] = '\0';
            char *once = fold(in);
            char *twice = fold(once);
            if (strcmp(once, twice) != 0)
                fail_msg("U+%04X + U+%04X: fold not idempotent", (unsigned)cp, (unsigned)marks[m]);
            free(once);
            free(twice);
            if (cp > 0x3100 && cp < 0xFF00)
                break;      /* nothing composes there: one mark is enough */
        }
    }
}

/* ---- the matcher ---------------------------------------------------------------------------- */

static size_t naive_find(const char *buf, size_t buflen, const char *nd, size_t nl, size_t from,
                         size_t to)
{
    for (size_t p = from; p < to && p + nl <= buflen; p++)
        if (memcmp(buf + p, nd, nl) == 0)
            return p;
    return SEARCH_NONE;
}

static void test_matcher_levels(void **state)
{
    (void)state;
    static const char alphabet[] = "ab\xe3\x81\x82\n";
    srand(7);
    uint64_t freq[256];
    for (int b = 0; b < 256; b++)
        freq[b] = (uint64_t)(b * 7 % 13);
    char buf[300];
    for (int round = 0; round < 3000; round++) {
        size_t buflen = (size_t)rand() % sizeof(buf);
        for (size_t i = 0; i < buflen; i++)
            buf[i] = alphabet[rand() % (int)(sizeof(alphabet) - 1)];
        char nd[8];
        size_t nl = 1 + (size_t)rand() % sizeof(nd);
        for (size_t i = 0; i < nl; i++)
            nd[i] = alphabet[rand() % (int)(sizeof(alphabet) - 1)];
        size_t from = buflen ? (size_t)rand() % (buflen + 1) : 0;
        size_t to = from + (size_t)rand() % (buflen + 2 - from);
        size_t want = naive_find(buf, buflen, nd, nl, from, to);
        struct search_matcher m;
        search_matcher_init(&m, nd, nl, freq);
        int top = m.simd;
        for (int level = 0; level <= top; level++) {
            m.simd = level;
            size_t got = search_matcher_find(&m, buf, buflen, from, to);
            if (got != want)
                fail_msg("round %d level %d: got %zu want %zu", round, level, got, want);
        }
    }
}

/* ---- finding across sheets -------------------------------------------------------------------- */

static const char *WARD_A =
    "No: 1\nTitle: 目標の設定\nPlan_Purpose: 区民の目標\nMid_Progress: on_track\n"
    "Mid_Issues: 課題\nEnd_Results: 目標どおり\n\n"
    "No: 2\nTitle: その他\nPlan_Overview: 一行目\n+ 二行目に目標\n\n";
static const char *WARD_B =
    "No: 7\nEnd_Issues: 最後の目標\nTitle: 北区の目標\n\n";

static void test_order_wrap_backwards(void **state)
{
    (void)state;
    struct sheet *sheets[2] = { parse("大正区", WARD_A), parse("北区", WARD_B) };
    struct search *se = search_new(sheets, 2);
    assert_true(search_set_query(se, "目標", strlen("目標")));
    /* Sheets as given, items in file order, fields in display order (not file order). */
    const char *want =
        "0:0:Title:0+6 0:0:Plan_Purpose:9+6 0:0:End_Results:0+6 "
        "0:1:Plan_Overview:22+6 1:0:Title:9+6 1:0:End_Issues:9+6";
    char *got = walk_forward(se, sheets, 20);
    assert_string_equal(got, want);
    free(got);

    /* Backwards: the same hits in reverse, wrapping from the first to the last. */
    struct search_hit h;
    struct strbuf sb = STRBUF_INIT;
    assert_true(search_prev(se, &START, &h));
    for (int i = 0; i < 6; i++) {
        char *d = describe(sheets, &h);
        strbuf_addf(&sb, "%s%s", i ? " " : "", d);
        free(d);
        assert_true(search_prev(se, &h.pos, &h));
    }
    assert_string_equal(sb.buf, "1:0:End_Issues:9+6 1:0:Title:9+6 0:1:Plan_Overview:22+6 "
                                "0:0:End_Results:0+6 0:0:Plan_Purpose:9+6 0:0:Title:0+6");
    strbuf_release(&sb);
    /* After the last hit, next wraps to the first. */
    struct search_pos last = { 1, 0, sheets[1]->form->stages[3].done_field, 0 };
    assert_true(search_next(se, &last, false, &h));
    got = describe(sheets, &h);
    assert_string_equal(got, "0:0:Title:0+6");
    free(got);

    /* From a choice field (not searched): the next text field on. */
    struct search_pos mid = { 0, 0, form_field_index(sheets[0]->form, "Mid_Progress"), 0 };
    assert_true(search_next(se, &mid, false, &h));
    got = describe(sheets, &h);
    assert_string_equal(got, "0:0:End_Results:0+6");
    free(got);
    assert_true(search_prev(se, &mid, &h));
    got = describe(sheets, &h);
    assert_string_equal(got, "0:0:Plan_Purpose:9+6");
    free(got);

    /* Inclusive finds the hit at the caret, strict the one after it. */
    struct search_pos at = { 0, 0, form_field_index(sheets[0]->form, "Plan_Purpose"), 9 };
    assert_true(search_next(se, &at, true, &h));
    assert_int_equal(h.pos.offset, 9);
    assert_true(search_next(se, &at, false, &h));
    assert_int_equal(h.pos.field, form_field_index(sheets[0]->form, "End_Results"));

    /* A position past the items of a sheet goes on with the next sheet. */
    struct search_pos past = { 0, 99, -1, 0 };
    assert_true(search_next(se, &past, true, &h));
    assert_int_equal(h.pos.sheet, 1);
    search_free(se);
    sheet_free(sheets[0]);
    sheet_free(sheets[1]);
}

static void test_multiline_and_highlight(void **state)
{
    (void)state;
    struct sheet *s = parse("区",
        "No: 1\nTitle: ﾃﾞｰﾀＡ分析\nPlan_Purpose: 一行目\n+ ｶﾞｲﾄﾞ　ﾗｲﾝ\n+ 三行目\n"
        "Plan_Goal: ガイド ライン\n");
    struct search *se = search_new(&s, 1);
    struct search_hit h;

    assert_true(search_set_query(se, "データa", strlen("データa")));
    assert_true(search_next(se, &START, true, &h));
    assert_int_equal(h.pos.field, s->form->title_field);
    assert_int_equal(h.pos.offset, 0);
    assert_int_equal(h.len, strlen("ﾃﾞｰﾀＡ"));      /* 15 bytes for a 10-byte query */

    /* Folding changes lengths before the hit: the offset is in the original. */
    assert_true(search_set_query(se, "分析", strlen("分析")));
    assert_true(search_next(se, &START, true, &h));
    assert_int_equal(h.pos.offset, strlen("ﾃﾞｰﾀＡ"));
    assert_int_equal(h.len, 6);

    /* In the second line of a multi-line value, across a full-width space. */
    assert_true(search_set_query(se, "ガイド ライン", strlen("ガイド ライン")));
    assert_true(search_next(se, &START, true, &h));
    assert_int_equal(h.pos.field, form_field_index(s->form, "Plan_Purpose"));
    assert_int_equal(h.pos.offset, strlen("一行目\n"));
    assert_int_equal(h.len, strlen("ｶﾞｲﾄﾞ　ﾗｲﾝ"));
    assert_true(search_next(se, &h.pos, false, &h));
    assert_int_equal(h.pos.field, form_field_index(s->form, "Plan_Goal"));
    assert_int_equal(h.len, strlen("ガイド ライン"));

    /* A query across the line break. */
    assert_true(search_set_query(se, "目\nｶﾞ", strlen("目\nｶﾞ")));
    assert_true(search_next(se, &START, true, &h));
    assert_int_equal(h.pos.offset, strlen("一行"));
    assert_int_equal(h.len, strlen("目\nｶﾞ"));

    /* A caret inside a composed character: ｶ|ﾞ is inside ガ. */
    assert_true(search_set_query(se, "ガ", strlen("ガ")));
    struct search_pos inside = { 0, 0, form_field_index(s->form, "Plan_Purpose"),
                                 strlen("一行目\nｶ") };
    assert_true(search_next(se, &inside, true, &h));
    assert_int_equal(h.pos.field, form_field_index(s->form, "Plan_Goal"));
    assert_true(search_prev(se, &inside, &h));
    assert_int_equal(h.pos.field, form_field_index(s->form, "Plan_Purpose"));
    assert_int_equal(h.pos.offset, strlen("一行目\n"));

    /* No hit; an empty query. */
    assert_true(search_set_query(se, "存在しない", strlen("存在しない")));
    assert_false(search_next(se, &START, true, &h));
    assert_false(search_prev(se, &START, &h));
    assert_false(search_set_query(se, "", 0));
    assert_false(search_next(se, &START, true, &h));
    assert_true(search_count_step(se, 0));
    assert_int_equal(search_count(se), 0);
    search_free(se);
    sheet_free(s);
}

/* 200 items: three groups of 64 and a partial one. */
static struct sheet *many_items(const char *ward, size_t n, const size_t *with, size_t n_with)
{
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        bool hit = false;
        for (size_t k = 0; k < n_with; k++)
            hit = hit || with[k] == i;
        strbuf_addf(&sb, "No: %zu\nTitle: 取組%zu\nPlan_Goal: 区民の%s満足度\n\n", i + 1, i,
                    hit ? "ＰＤＣＡ" : "");
    }
    struct sheet *s = parse(ward, sb.buf);
    strbuf_release(&sb);
    return s;
}

static void test_count_and_rank(void **state)
{
    (void)state;
    static const size_t a_hits[] = { 0, 63, 64, 127, 128, 199 };
    static const size_t b_hits[] = { 5 };
    struct sheet *sheets[3] = {
        many_items("北区", 200, a_hits, ARRAY_LEN(a_hits)),
        many_items("港区", 70, NULL, 0),
        many_items("西区", 10, b_hits, ARRAY_LEN(b_hits)),
    };
    struct search *se = search_new(sheets, 3);
    assert_true(search_set_query(se, "pdca", 4));
    struct search_hit h;
    assert_true(search_next(se, &START, true, &h));
    struct search_hit first = h;
    /* The rank is unknown until the count has passed the hit. */
    assert_int_equal(search_rank(se, &first), 0);
    assert_false(search_count_done(se));
    assert_false(search_count_step(se, 0));         /* one group per call with no budget */
    assert_int_equal(search_count(se), 2);          /* items 0 and 63 */
    assert_int_equal(search_rank(se, &first), 1);
    struct search_pos p199 = { 0, 199, -1, 0 };
    assert_true(search_next(se, &p199, true, &h));
    assert_int_equal(search_rank(se, &h), 0);
    count_all(se);
    assert_true(search_count_done(se));
    assert_int_equal(search_count(se), 7);
    assert_int_equal(search_rank(se, &h), 6);
    /* Every hit's rank follows search_next. */
    h = first;
    for (size_t r = 1; r <= 7; r++) {
        assert_int_equal(search_rank(se, &h), r);
        assert_true(search_next(se, &h.pos, false, &h));
    }
    assert_int_equal(h.pos.item, first.pos.item);   /* wrapped */
    assert_int_equal(search_count(se), 7);

    /* A new query restarts the count; an edit makes the sheet's text new. */
    assert_true(search_set_query(se, "満足度", strlen("満足度")));
    assert_int_equal(search_count(se), 0);
    count_all(se);
    assert_int_equal(search_count(se), 280);
    int goal = form_field_index(sheets[1]->form, "Plan_Goal");
    item_set(sheets[1], &sheets[1]->items[3], goal, "ＰＤＣＡ", strlen("ＰＤＣＡ"));
    search_sheet_changed(se, 1);
    assert_true(search_set_query(se, "PDCA", 4));
    count_all(se);
    assert_int_equal(search_count(se), 8);
    struct search_pos in_b = { 1, 0, -1, 0 };
    assert_true(search_next(se, &in_b, true, &h));
    assert_int_equal(h.pos.sheet, 1);
    assert_int_equal(h.pos.item, 3);
    assert_int_equal(search_rank(se, &h), 7);
    search_free(se);
    for (int i = 0; i < 3; i++)
        sheet_free(sheets[i]);
}

static void test_prepare_in_slices(void **state)
{
    (void)state;
    static const size_t hits[] = { 150 };
    struct sheet *sheets[2] = { many_items("北区", 300, hits, 1), many_items("港区", 5, NULL, 0) };
    struct search *se = search_new(sheets, 2);
    size_t calls = 1;
    while (!search_prepare(se, 0))
        calls++;
    assert_true(calls >= 300 / 8);                  /* slices of 8 items */
    assert_true(search_prepare(se, 0));
    assert_true(search_set_query(se, "ＰＤＣＡ", strlen("ＰＤＣＡ")));
    struct search_hit h;
    assert_true(search_next(se, &START, true, &h));
    assert_int_equal(h.pos.item, 150);
    search_free(se);
    sheet_free(sheets[0]);
    sheet_free(sheets[1]);
}

/* ---- random text against a naive reference ---------------------------------------------------------- */

static const char *const PIECES[] = {
    "a", "A", "ａ", "Ａ", "b", "１", "1", "ｶ", "ﾞ", "カ", "ガ", "\u3099", "ﾊ", "ﾟ", "パ",
    "\u3000", " ", "\n", "漢", "字", "の", "\xff",
};

static void random_text(struct strbuf *sb, size_t n)
{
    for (size_t i = 0; i < n; i++)
        strbuf_addstr(sb, PIECES[(size_t)rand() % ARRAY_LEN(PIECES)]);
}

struct ref_hit {
    size_t sheet, item, offset, len;
    int field;
};

/* Every hit, by folding each value separately and comparing at every character. */
static size_t reference(struct sheet *const *sheets, size_t n, const char *q, struct ref_hit *out,
                        size_t max)
{
    char *fq = fold(q);
    size_t fql = strlen(fq), count = 0;
    for (size_t s = 0; s < n; s++) {
        int order[64];
        size_t nf = form_display_order(sheets[s]->form, order);
        for (size_t it = 0; it < sheets[s]->n_items; it++)
            for (size_t k = 0; k < nf; k++) {
                const struct form_field *fld = &sheets[s]->form->fields[order[k]];
                if ((fld->kind != FIELD_LINE && fld->kind != FIELD_TEXT) || fld->hidden)
                    continue;
                const char *v = item_get(sheets[s], &sheets[s]->items[it], order[k]);
                size_t vl = v ? strlen(v) : 0;
                for (size_t o = 0; o < vl;) {
                    /* Fold from o on; a match must cover whole original characters. */
                    size_t fo = 0, oo = o;
                    char buf[4];
                    struct strbuf f = STRBUF_INIT;
                    size_t end = SEARCH_NONE;
                    while (oo < vl && f.len < fql) {
                        uint32_t cp;
                        oo += search_fold_char(v + oo, vl - oo, &cp);
                        strbuf_add(&f, buf, utf8_encode(cp, buf));
                        fo = f.len;
                    }
                    if (fo >= fql && memcmp(f.buf, fq, fql) == 0 && f.len == fql)
                        end = oo;
                    strbuf_release(&f);
                    if (end != SEARCH_NONE && count < max)
                        out[count++] = (struct ref_hit){ s, it, o, end - o, order[k] };
                    uint32_t cp;
                    o += search_fold_char(v + o, vl - o, &cp);
                }
            }
    }
    free(fq);
    return count;
}

static void test_random_against_reference(void **state)
{
    (void)state;
    srand(12345);
    static const char *const fields[] = { "Title", "Plan_Purpose", "Mid_Issues", "End_Issues" };
    for (int round = 0; round < 60; round++) {
        struct sheet *sheets[2];
        for (int s = 0; s < 2; s++) {
            sheets[s] = parse(s ? "北区" : "港区", "");
            size_t items = 1 + (size_t)rand() % 90;
            for (size_t i = 0; i < items; i++) {
                struct item *it = sheet_add_item(sheets[s]);
                for (size_t f = 0; f < ARRAY_LEN(fields); f++) {
                    struct strbuf sb = STRBUF_INIT;
                    random_text(&sb, (size_t)rand() % 12);
                    int fi = form_field_index(sheets[s]->form, fields[f]);
                    item_set(sheets[s], it, fi, sb.buf ? sb.buf : "", sb.len);
                    strbuf_release(&sb);
                }
            }
        }
        struct strbuf q = STRBUF_INIT;
        random_text(&q, 1 + (size_t)rand() % 3);
        size_t max = 16384;
        struct ref_hit *want = xcalloc(max, sizeof(*want));
        size_t n_want = reference(sheets, 2, q.buf, want, max);
        assert_true(n_want < max);
        for (int sig = 0; sig < 2; sig++) {
            struct search *se = search_new(sheets, 2);
            search_use_signatures(se, sig == 1);
            if (!search_set_query(se, q.buf, q.len))
                fail_msg("query folds to nothing");
            count_all(se);
            if (search_count(se) != n_want)
                fail_msg("round %d query \"%s\": count %zu, reference %zu", round, q.buf,
                         search_count(se), n_want);
            struct search_hit h;
            struct search_pos from = START;
            for (size_t k = 0; k < n_want; k++) {
                assert_true(search_next(se, &from, k == 0, &h));
                if (h.pos.sheet != want[k].sheet || h.pos.item != want[k].item ||
                    h.pos.field != want[k].field || h.pos.offset != want[k].offset ||
                    h.len != want[k].len)
                    fail_msg("round %d hit %zu: %zu:%zu:%d:%zu+%zu, reference %zu:%zu:%d:%zu+%zu",
                             round, k, h.pos.sheet, h.pos.item, h.pos.field, h.pos.offset, h.len,
                             want[k].sheet, want[k].item, want[k].field, want[k].offset,
                             want[k].len);
                assert_int_equal(search_rank(se, &h), k + 1);
                struct search_hit back;
                if (k > 0) {
                    assert_true(search_prev(se, &h.pos, &back));
                    assert_int_equal(back.pos.offset, want[k - 1].offset);
                    assert_int_equal(back.pos.item, want[k - 1].item);
                }
                from = h.pos;
            }
            if (n_want == 0)
                assert_false(search_next(se, &START, true, &h));
            search_free(se);
        }
        free(want);
        strbuf_release(&q);
        sheet_free(sheets[0]);
        sheet_free(sheets[1]);
    }
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_latin),
        cmocka_unit_test(test_fold_spaces_and_invalid),
        cmocka_unit_test(test_fold_kana),
        cmocka_unit_test(test_fold_idempotent),
        cmocka_unit_test(test_matcher_levels),
        cmocka_unit_test(test_order_wrap_backwards),
        cmocka_unit_test(test_multiline_and_highlight),
        cmocka_unit_test(test_count_and_rank),
        cmocka_unit_test(test_prepare_in_slices),
        cmocka_unit_test(test_random_against_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
