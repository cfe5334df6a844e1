/*
 * search.c - the folded text of every sheet, its signatures, and finding,
 * counting and ranking hits in it (search.h says what and why).
 *
 * Each sheet has a corpus: the folded values of its text fields, item by
 * item and field by field in display order, each followed by a NUL, so
 * corpus order is hit order.  seg[item * n_fields + k] is where field k
 * of item starts (seg[n_items * n_fields] is the end).  Items come in
 * groups of 64; a group has NBUCKETS 64-bit words, bit i of word b set
 * when item i of the group holds a character bigram (or a character)
 * hashing to bucket b.  A query's bigrams give, per group, a word of the
 * items that may hold it; only those are scanned.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "search.h"
#include "search_impl.h"
#include "utf8.h"

#define GROUP 64
#define BUCKET_BITS 13
#define NBUCKETS (1u << BUCKET_BITS)     /* bits of signature per item: 1 KB */
#define MAX_GRAMS 32
#define UNIGRAM 0x110000u                /* "no previous character" in a gram */
#define SAMPLE_EVERY 16                  /* items sampled for byte frequencies */
#define BUILD_SLICE 8                    /* items folded between looks at the clock */

struct corpus {
    struct sheet *sheet;
    int *fields;            /* searched fields, display order */
    size_t n_fields;
    int *rank;              /* display rank of every form field */
    size_t n_form_fields;
    bool built;
    size_t n_items;         /* items when the build started */
    bool started;           /* sizing started: n_items fixed */
    size_t sized_items;     /* items whose values' length is summed in size */
    size_t size;
    size_t built_items;     /* items folded so far */
    char *text;             /* folded values, each followed by NUL */
    size_t len, cap;
    size_t *seg;            /* n_items * n_fields + 1 starts */
    uint64_t *sig;          /* n_groups * NBUCKETS */
    size_t n_groups;
    size_t *gcount;         /* hits per group, for groups counted */
    size_t *gbefore;        /* hits in everything before the group */
    size_t counted;         /* groups of this sheet counted */
};

struct search {
    struct corpus *c;
    size_t n;
    uint64_t freq[256];     /* byte frequencies (sampled) of the folded text */
    bool use_sig;
    char *q;                /* folded query, NULL when none */
    size_t qlen;
    uint32_t buckets[MAX_GRAMS];
    size_t n_buckets;
    struct search_matcher m;
    size_t count_sheet;     /* sheets before it are counted */
    size_t count;
    bool count_done;
};

static long long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static inline uint32_t bucket_of(uint32_t prev, uint32_t cp)
{
    uint32_t h = (prev * 0x9E3779B1u) ^ (cp * 0x85EBCA77u);
    h ^= h >> 15;
    h *= 0xC2B2AE3Du;
    return h >> (32 - BUCKET_BITS);
}

/* ---- building a sheet's corpus ------------------------------------------------ */

static void corpus_setup(struct corpus *c, struct sheet *s)
{
    memset(c, 0, sizeof(*c));
    c->sheet = s;
    const struct form *form = s->form;
    c->n_form_fields = form->n_fields;
    int *order = xcalloc(form->n_fields + 1, sizeof(int));
    size_t n = form_display_order(form, order);
    c->rank = xmalloc((form->n_fields + 1) * sizeof(int));
    for (size_t f = 0; f < form->n_fields; f++)
        c->rank[f] = -1;
    c->fields = xcalloc(n + 1, sizeof(int));
    for (size_t i = 0; i < n; i++) {
        const struct form_field *fld = &form->fields[order[i]];
        c->rank[order[i]] = (int)i;
        if ((fld->kind == FIELD_LINE || fld->kind == FIELD_TEXT) && !fld->hidden)
            c->fields[c->n_fields++] = order[i];
    }
    free(order);
}

static void corpus_clear(struct corpus *c)
{
    free(c->text);
    free(c->seg);
    free(c->sig);
    free(c->gcount);
    free(c->gbefore);
    c->text = NULL;
    c->seg = NULL;
    c->sig = NULL;
    c->gcount = c->gbefore = NULL;
    c->len = c->cap = 0;
    c->built = false;
    c->started = false;
    c->sized_items = c->size = 0;
    c->built_items = 0;
    c->counted = 0;
}

static void corpus_reserve(struct corpus *c, size_t extra)
{
    if (c->len + extra <= c->cap)
        return;
    size_t cap = c->cap * 2;            /* exact the first time, then doubling */
    if (cap < c->len + extra)
        cap = c->len + extra;
    c->text = xrealloc(c->text, cap);
    c->cap = cap;
}

static inline size_t encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp >= 0x800 && cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    return utf8_encode(cp, out);
}

/*
 * Fold one value into the corpus and mark its grams in the item's
 * signature bit.  The corpus has room for n + 1 more bytes, enough unless
 * an invalid byte grows.  Most characters fold to themselves: ASCII other than
 * capitals, and every 3-byte character from U+4000 to U+CFFF and U+E000
 * to U+EFFF (kanji, mostly) are copied without calling the folder.
 */
static void add_value(struct corpus *c, const char *v, uint64_t *sig, uint64_t bit)
{
    size_t n = v ? strlen(v) : 0;
    corpus_reserve(c, n + 1);
    const unsigned char *u = (const unsigned char *)v;
    char *out = c->text + c->len;
    uint32_t prev = UNIGRAM;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        unsigned char b = u[i];
        if (b < 0x80 && !(b >= 'A' && b <= 'Z')) {
            cp = b;
            *out++ = (char)b;
            i++;
        } else if (b >= 0xE4 && b <= 0xEE && b != 0xED && i + 2 < n &&
                   (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
            cp = ((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(u[i + 1] & 0x3F) << 6) |
                 (u[i + 2] & 0x3F);
            memcpy(out, u + i, 3);
            out += 3;
            i += 3;
        } else {
            /* Only here can the text grow: an invalid byte becomes U+FFFD (3 bytes). */
            size_t used = (size_t)(out - c->text);
            if (c->cap - used < n - i + 1 + 8) {
                c->len = used;
                corpus_reserve(c, n - i + 1 + 8);
                out = c->text + used;
            }
            i += search_fold_char(v + i, n - i, &cp);
            out += encode(cp, out);
        }
        sig[bucket_of(UNIGRAM, cp)] |= bit;
        if (prev != UNIGRAM)
            sig[bucket_of(prev, cp)] |= bit;
        prev = cp;
    }
    *out++ = '\0';
    c->len = (size_t)(out - c->text);
}

/*
 * Sum the length of the values (in slices too: 10-30 ms for a big sheet),
 * so that the corpus is allocated once, at its size: growing it by
 * doubling copied up to 32 MB at a time (glibc keeps such blocks on the
 * heap) and made slices of 200 ms.  Folding never makes valid UTF-8
 * longer; an invalid byte growing to U+FFFD is handled in add_value().
 */
static bool corpus_size_step(struct corpus *c, long long deadline)
{
    if (!c->started) {
        c->started = true;
        c->n_items = c->sheet->n_items;
        c->n_groups = (c->n_items + GROUP - 1) / GROUP;
    }
    while (c->sized_items < c->n_items) {
        const struct item *it = &c->sheet->items[c->sized_items++];
        for (size_t k = 0; k < c->n_fields; k++) {
            const char *v = item_get(c->sheet, it, c->fields[k]);
            c->size += (v ? strlen(v) : 0) + 1;
        }
        if (c->sized_items % 256 == 0 && now_us() >= deadline)
            return c->sized_items == c->n_items;
    }
    return true;
}

/* Fold items until the deadline (at least one slice).  Returns true when built. */
static bool corpus_build_step(struct search *se, struct corpus *c, long long deadline)
{
    if (c->built)
        return true;
    if (!c->seg) {
        if (!corpus_size_step(c, deadline))
            return false;
        c->seg = xmalloc((c->n_items * c->n_fields + 1) * sizeof(size_t));
        c->sig = xcalloc(c->n_groups * NBUCKETS + 1, sizeof(uint64_t));
        c->gcount = xcalloc(c->n_groups + 1, sizeof(size_t));
        c->gbefore = xcalloc(c->n_groups + 1, sizeof(size_t));
        c->len = 0;
        corpus_reserve(c, c->size + 1);
        if (now_us() >= deadline)
            return false;
    }
    while (c->built_items < c->n_items) {
        size_t it = c->built_items;
        uint64_t *sig = c->sig + (it / GROUP) * NBUCKETS;
        uint64_t bit = 1ull << (it % GROUP);
        size_t start = c->len;
        for (size_t k = 0; k < c->n_fields; k++) {
            c->seg[it * c->n_fields + k] = c->len;
            add_value(c, item_get(c->sheet, &c->sheet->items[it], c->fields[k]), sig, bit);
        }
        if (it % SAMPLE_EVERY == 0)
            for (size_t i = start; i < c->len; i++)
                se->freq[(unsigned char)c->text[i]]++;
        c->built_items++;
        if (c->built_items % BUILD_SLICE == 0 && now_us() >= deadline)
            break;
    }
    if (c->built_items < c->n_items)
        return false;
    c->seg[c->n_items * c->n_fields] = c->len;
    c->text = xrealloc(c->text, c->len + 1);
    c->cap = c->len + 1;
    c->built = true;
    /* Byte frequencies changed: pick the matcher's bytes again. */
    if (se->q)
        search_matcher_init(&se->m, se->q, se->qlen, se->freq);
    return true;
}

static struct corpus *built(struct search *se, size_t s)
{
    struct corpus *c = &se->c[s];
    while (!corpus_build_step(se, c, LLONG_MAX))
        ;
    return c;
}

/* ---- set-up ------------------------------------------------------------------------- */

struct search *search_new(struct sheet *const *sheets, size_t n_sheets)
{
    struct search *se = xcalloc(1, sizeof(*se));
    se->n = n_sheets;
    se->c = xcalloc(n_sheets + 1, sizeof(*se->c));
    for (size_t i = 0; i < n_sheets; i++)
        corpus_setup(&se->c[i], sheets[i]);
    for (size_t b = 0; b < 256; b++)
        se->freq[b] = 1;
    se->use_sig = true;
    return se;
}

void search_free(struct search *se)
{
    if (!se)
        return;
    for (size_t i = 0; i < se->n; i++) {
        corpus_clear(&se->c[i]);
        free(se->c[i].fields);
        free(se->c[i].rank);
    }
    free(se->c);
    free(se->q);
    free(se);
}

bool search_prepare(struct search *se, long budget_us)
{
    long long deadline = now_us() + budget_us;
    for (size_t i = 0; i < se->n; i++) {
        if (se->c[i].built)
            continue;
        if (!corpus_build_step(se, &se->c[i], deadline) || now_us() >= deadline) {
            for (; i < se->n; i++)
                if (!se->c[i].built)
                    return false;
            return true;
        }
    }
    return true;
}

static void count_reset(struct search *se)
{
    se->count = 0;
    se->count_sheet = 0;
    se->count_done = false;
    for (size_t i = 0; i < se->n; i++)
        se->c[i].counted = 0;
}

void search_sheet_changed(struct search *se, size_t sheet)
{
    if (sheet >= se->n)
        return;
    corpus_clear(&se->c[sheet]);
    count_reset(se);
}

size_t search_memory(const struct search *se)
{
    size_t n = sizeof(*se) + se->qlen;
    for (size_t i = 0; i < se->n; i++) {
        const struct corpus *c = &se->c[i];
        n += sizeof(*c) + c->cap + (c->n_fields + c->n_form_fields) * sizeof(int);
        if (c->seg)
            n += (c->n_items * c->n_fields + 1) * sizeof(size_t) +
                 c->n_groups * (NBUCKETS * sizeof(uint64_t) + 2 * sizeof(size_t));
    }
    return n;
}

void search_use_signatures(struct search *se, bool use)
{
    se->use_sig = use;
}

bool search_set_query(struct search *se, const char *query, size_t len)
{
    free(se->q);
    se->q = NULL;
    se->qlen = 0;
    se->n_buckets = 0;
    count_reset(se);
    struct strbuf sb = STRBUF_INIT;
    search_fold(query, len, &sb);
    if (sb.len == 0 || memchr(sb.buf, '\0', sb.len)) {
        strbuf_release(&sb);
        return false;
    }
    se->q = strbuf_detach(&sb, &se->qlen);
    /* The query's bigrams (its character, when it has one), deduplicated. */
    uint32_t prev = UNIGRAM;
    size_t chars = 0;
    for (size_t i = 0; i < se->qlen; chars++) {
        uint32_t cp;
        i += utf8_decode(se->q + i, se->qlen - i, &cp);
        if (chars == 0 && i == se->qlen)
            se->buckets[se->n_buckets++] = bucket_of(UNIGRAM, cp);
        if (prev != UNIGRAM && se->n_buckets < MAX_GRAMS) {
            uint32_t b = bucket_of(prev, cp);
            bool seen = false;
            for (size_t k = 0; k < se->n_buckets; k++)
                seen = seen || se->buckets[k] == b;
            if (!seen)
                se->buckets[se->n_buckets++] = b;
        }
        prev = cp;
    }
    search_matcher_init(&se->m, se->q, se->qlen, se->freq);
    return true;
}

/* ---- scanning ------------------------------------------------------------------------- */

static inline size_t item_start(const struct corpus *c, size_t item)
{
    return c->seg[item * c->n_fields];
}

/* The item holding corpus offset off (< len). */
static size_t item_of(const struct corpus *c, size_t off)
{
    size_t lo = 0, hi = c->n_items;     /* item_start(lo) <= off < item_start(hi) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (item_start(c, mid) <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static bool group_counted(const struct search *se, size_t s, size_t g)
{
    return se->count_done || s < se->count_sheet ||
           (s == se->count_sheet && g < se->c[s].counted);
}

/* Items of group g, within [ia, ib], that may hold the query. */
static uint64_t candidates(const struct search *se, size_t s, size_t g, size_t ia, size_t ib)
{
    const struct corpus *c = &se->c[s];
    if (group_counted(se, s, g) && c->gcount[g] == 0)
        return 0;
    size_t first = g * GROUP;
    size_t lo = ia > first ? ia - first : 0;
    size_t hi = ib < first + GROUP - 1 ? ib - first : GROUP - 1;
    uint64_t m = (hi == 63 ? ~0ull : (1ull << (hi + 1)) - 1) & ~((1ull << lo) - 1);
    if (se->use_sig) {
        const uint64_t *sig = c->sig + g * NBUCKETS;
        for (size_t k = 0; k < se->n_buckets && m; k++)
            m &= sig[se->buckets[k]];
    }
    return m;
}

/* Corpus range of the items from bit lo to bit hi of group g, cut to [a, b). */
static void run_range(const struct corpus *c, size_t g, unsigned lo, unsigned hi, size_t a,
                      size_t b, size_t *from, size_t *to)
{
    size_t s0 = item_start(c, g * GROUP + lo), s1 = item_start(c, g * GROUP + hi + 1);
    *from = a > s0 ? a : s0;
    *to = b < s1 ? b : s1;
}

/* First hit starting in [a, b) of sheet s, or SEARCH_NONE. */
static size_t find_forward(struct search *se, size_t s, size_t a, size_t b)
{
    struct corpus *c = built(se, s);
    if (a >= b || c->n_items == 0)
        return SEARCH_NONE;
    size_t ia = item_of(c, a), ib = item_of(c, b - 1);
    for (size_t g = ia / GROUP; g <= ib / GROUP; g++) {
        uint64_t m = candidates(se, s, g, ia, ib);
        while (m) {
            unsigned lo = (unsigned)__builtin_ctzll(m);
            uint64_t run = m + (1ull << lo);       /* clears the run of ones at lo */
            unsigned hi = run ? (unsigned)__builtin_ctzll(run) - 1 : 63;
            m &= run;
            size_t from, to;
            run_range(c, g, lo, hi, a, b, &from, &to);
            size_t hit = search_matcher_find(&se->m, c->text, c->len, from, to);
            if (hit != SEARCH_NONE)
                return hit;
        }
    }
    return SEARCH_NONE;
}

/* Last hit starting in [a, b) of sheet s, or SEARCH_NONE. */
static size_t find_backward(struct search *se, size_t s, size_t a, size_t b)
{
    struct corpus *c = built(se, s);
    if (a >= b || c->n_items == 0)
        return SEARCH_NONE;
    size_t ia = item_of(c, a), ib = item_of(c, b - 1);
    for (size_t g = ib / GROUP + 1; g-- > ia / GROUP;) {
        uint64_t m = candidates(se, s, g, ia, ib);
        while (m) {
            unsigned hi = 63 - (unsigned)__builtin_clzll(m);
            uint64_t zeros = ~m & (hi ? (1ull << hi) - 1 : 0);    /* below the run */
            unsigned lo = zeros ? 64 - (unsigned)__builtin_clzll(zeros) : 0;
            m &= lo ? (1ull << lo) - 1 : 0;
            size_t from, to, last = SEARCH_NONE;
            run_range(c, g, lo, hi, a, b, &from, &to);
            for (size_t p = from;; p++) {
                p = search_matcher_find(&se->m, c->text, c->len, p, to);
                if (p == SEARCH_NONE)
                    break;
                last = p;
            }
            if (last != SEARCH_NONE)
                return last;
        }
    }
    return SEARCH_NONE;
}

/* Hits starting in [a, b) of group g of sheet s. */
static size_t count_in_group(struct search *se, size_t s, size_t g, size_t a, size_t b)
{
    struct corpus *c = &se->c[s];
    size_t n = 0;
    uint64_t m = candidates(se, s, g, g * GROUP, c->n_items - 1);
    while (m) {
        unsigned lo = (unsigned)__builtin_ctzll(m);
        uint64_t run = m + (1ull << lo);
        unsigned hi = run ? (unsigned)__builtin_ctzll(run) - 1 : 63;
        m &= run;
        size_t from, to;
        run_range(c, g, lo, hi, a, b, &from, &to);
        for (size_t p = from;; p++) {
            p = search_matcher_find(&se->m, c->text, c->len, p, to);
            if (p == SEARCH_NONE)
                break;
            n++;
        }
    }
    return n;
}

/* ---- positions ------------------------------------------------------------------------- */

/* Folded offset of the first character of v that starts at orig (after it when strict). */
static size_t folded_offset(const char *v, size_t orig, bool strict)
{
    size_t n = v ? strlen(v) : 0, f = 0;
    for (size_t o = 0; o < n;) {
        if (strict ? o > orig : o >= orig)
            return f;
        uint32_t cp;
        o += search_fold_char(v + o, n - o, &cp);
        char tmp[4];
        f += utf8_encode(cp, tmp);
    }
    return f;
}

/* Where pos is in the corpus: sheet *s, offset *off. */
static void pos_to_offset(struct search *se, const struct search_pos *pos, bool strict,
                          size_t *s, size_t *off)
{
    if (pos->sheet >= se->n) {
        *s = 0;
        *off = 0;
        return;
    }
    *s = pos->sheet;
    struct corpus *c = built(se, *s);
    if (pos->item >= c->n_items) {
        *off = c->len;
        return;
    }
    int r = pos->field >= 0 && (size_t)pos->field < c->n_form_fields ? c->rank[pos->field] : -1;
    size_t k = 0;
    while (k < c->n_fields && c->rank[c->fields[k]] < r)
        k++;
    size_t idx = pos->item * c->n_fields + k;
    *off = c->seg[idx];
    if (k < c->n_fields && c->fields[k] == pos->field) {
        const char *v = item_get(c->sheet, &c->sheet->items[pos->item], pos->field);
        size_t f = folded_offset(v, pos->offset, strict);
        size_t seglen = c->seg[idx + 1] - c->seg[idx] - 1;
        *off += f < seglen ? f : seglen;
    }
}

static void offset_to_hit(struct search *se, size_t s, size_t off, struct search_hit *hit)
{
    const struct corpus *c = &se->c[s];
    size_t lo = 0, hi = c->n_items * c->n_fields;     /* seg[lo] <= off < seg[hi] */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->seg[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    size_t item = lo / c->n_fields;
    int field = c->fields[lo % c->n_fields];
    size_t fstart = off - c->seg[lo], fend = fstart + se->qlen;
    const char *v = item < c->sheet->n_items ? item_get(c->sheet, &c->sheet->items[item], field)
                                              : NULL;
    size_t n = v ? strlen(v) : 0, f = 0, o = 0, ostart = SEARCH_NONE;
    while (o < n && f < fend) {
        if (ostart == SEARCH_NONE && f >= fstart)
            ostart = o;
        uint32_t cp;
        o += search_fold_char(v + o, n - o, &cp);
        char tmp[4];
        f += utf8_encode(cp, tmp);
    }
    if (ostart == SEARCH_NONE)
        ostart = o;
    hit->pos.sheet = s;
    hit->pos.item = item;
    hit->pos.field = field;
    hit->pos.offset = ostart;
    hit->len = o - ostart;
}

/* ---- the API ------------------------------------------------------------------------------ */

bool search_next(struct search *se, const struct search_pos *from, bool inclusive,
                 struct search_hit *hit)
{
    if (!se->q || se->n == 0)
        return false;
    size_t s, off, p;
    pos_to_offset(se, from, !inclusive, &s, &off);
    if ((p = find_forward(se, s, off, se->c[s].len)) != SEARCH_NONE)
        goto found;
    for (size_t k = 1; k < se->n; k++) {
        size_t t = (s + k) % se->n;
        if ((p = find_forward(se, t, 0, built(se, t)->len)) != SEARCH_NONE) {
            s = t;
            goto found;
        }
    }
    if ((p = find_forward(se, s, 0, off)) != SEARCH_NONE)
        goto found;
    return false;
found:
    offset_to_hit(se, s, p, hit);
    return true;
}

bool search_prev(struct search *se, const struct search_pos *from, struct search_hit *hit)
{
    if (!se->q || se->n == 0)
        return false;
    size_t s, off, p;
    pos_to_offset(se, from, false, &s, &off);
    if ((p = find_backward(se, s, 0, off)) != SEARCH_NONE)
        goto found;
    for (size_t k = 1; k < se->n; k++) {
        size_t t = (s + se->n - k) % se->n;
        if ((p = find_backward(se, t, 0, built(se, t)->len)) != SEARCH_NONE) {
            s = t;
            goto found;
        }
    }
    if ((p = find_backward(se, s, off, se->c[s].len)) != SEARCH_NONE)
        goto found;
    return false;
found:
    offset_to_hit(se, s, p, hit);
    return true;
}

bool search_count_step(struct search *se, long budget_us)
{
    if (!se->q)
        se->count_done = true;
    if (se->count_done)
        return true;
    long long deadline = now_us() + budget_us;
    while (se->count_sheet < se->n) {
        struct corpus *c = &se->c[se->count_sheet];
        if (!corpus_build_step(se, c, deadline))
            return false;
        if (c->counted < c->n_groups) {
            size_t g = c->counted;
            c->gbefore[g] = se->count;
            c->gcount[g] = count_in_group(se, se->count_sheet, g, 0, c->len);
            se->count += c->gcount[g];
            c->counted++;
        }
        if (c->counted == c->n_groups)
            se->count_sheet++;
        if (now_us() >= deadline)
            break;
    }
    se->count_done = se->count_sheet >= se->n;
    return se->count_done;
}

size_t search_count(const struct search *se)
{
    return se->count;
}

bool search_count_done(const struct search *se)
{
    return se->count_done;
}

size_t search_rank(struct search *se, const struct search_hit *hit)
{
    if (!se->q || hit->pos.sheet >= se->n)
        return 0;
    size_t s, off;
    pos_to_offset(se, &hit->pos, false, &s, &off);
    struct corpus *c = &se->c[s];
    if (off >= c->len)
        return 0;
    size_t g = item_of(c, off) / GROUP;
    if (!group_counted(se, s, g))
        return 0;
    return c->gbefore[g] + count_in_group(se, s, g, item_start(c, g * GROUP), off + 1);
}
