/*
 * textlayout.c - break a field's text into display rows (see textlayout.h
 * for the rules).  Owns: cluster measuring for display, row breaking with
 * kinsoku and whole Latin words, and the offset <-> (row, column) maps.
 *
 * One pass over the text, cluster by cluster.  Moving a break backwards
 * (for a word or for kinsoku) only looks at clusters remembered in a small
 * ring or scans forward at most `width` columns, so the whole layout is
 * linear in the text length whatever the text holds.
 */
#include "textlayout.h"

#include <limits.h>
#include <stdlib.h>

#include "utf8.h"
#include "util.h"

/* Clusters of the current row remembered for moving the break back
 * (kinsoku needs LAYOUT_KINSOKU_MAX + 1; a word start is found here when
 * the word is shorter than this). */
#define RING 32

struct recent {
    size_t start;
    int x;
    int width;
    uint32_t base;
};

struct rowscan {
    size_t count;               /* clusters placed on the row so far */
    struct recent ring[RING];   /* the last RING of them, by index % RING */
    bool in_word;               /* the last placed cluster is a word cluster */
    size_t word_k;              /* index of the first cluster of that word */
    size_t word_start;
    int word_x;
    uint32_t word_base;         /* its first character */
    uint32_t word_prev;         /* the base of the cluster before it */
};

/* Closing punctuation, small kana, prolonged sound marks: not at a row start. */
static bool no_start(uint32_t c)
{
    switch (c) {
    case ')': case ']': case '}': case ',': case '.': case ':': case ';':
    case '!': case '?': case 0xB0: case 0x2010: case 0x2013: case 0x2019:
    case 0x201D: case 0x2025: case 0x2026: case 0x2030: case 0x2032:
    case 0x2033: case 0x203C: case 0x2047: case 0x2048: case 0x2049:
    case 0x2103: case 0x3001: case 0x3002: case 0x3005: case 0x3009:
    case 0x300B: case 0x300D: case 0x300F: case 0x3011: case 0x3015:
    case 0x3017: case 0x3019: case 0x301B: case 0x301C: case 0x301E:
    case 0x301F: case 0x303B: case 0x3041: case 0x3043: case 0x3045:
    case 0x3047: case 0x3049: case 0x3063: case 0x3083: case 0x3085:
    case 0x3087: case 0x308E: case 0x3095: case 0x3096: case 0x309B:
    case 0x309C: case 0x309D: case 0x309E: case 0x30A0: case 0x30A1:
    case 0x30A3: case 0x30A5: case 0x30A7: case 0x30A9: case 0x30C3:
    case 0x30E3: case 0x30E5: case 0x30E7: case 0x30EE: case 0x30F5:
    case 0x30F6: case 0x30FB: case 0x30FC: case 0x30FD: case 0x30FE:
    case 0xFF01: case 0xFF05: case 0xFF09: case 0xFF0C: case 0xFF0E:
    case 0xFF1A: case 0xFF1B: case 0xFF1F: case 0xFF3D: case 0xFF5D:
    case 0xFF5E: case 0xFF60: case 0xFF61: case 0xFF63: case 0xFF64:
    case 0xFF65: case 0xFF70: case 0xFF9E: case 0xFF9F:
        return true;
    default:
        return (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF67 && c <= 0xFF6F);
    }
}

/* Opening brackets and quotes: not at a row end. */
static bool no_end(uint32_t c)
{
    switch (c) {
    case '(': case '[': case '{': case 0x2018: case 0x201C: case 0x3008:
    case 0x300A: case 0x300C: case 0x300E: case 0x3010: case 0x3014:
    case 0x3016: case 0x3018: case 0x301A: case 0x301D: case 0xFF08:
    case 0xFF3B: case 0xFF5B: case 0xFF5F: case 0xFF62:
        return true;
    default:
        return false;
    }
}

/* Characters of Latin-like words, kept whole when they fit on one row. */
static bool is_word_char(uint32_t c)
{
    return (c >= 0x21 && c <= 0x7E) || (c >= 0xA1 && c <= 0x24F) ||
           (c >= 0x370 && c <= 0x3FF) || (c >= 0x400 && c <= 0x52F);
}

static bool is_word_cell(const struct layout_cell *c)
{
    return c->kind == LAYOUT_CELL_TEXT && c->width > 0 && is_word_char(c->base);
}

static int tab_width(int col, int width)
{
    int w = LAYOUT_TAB_STOP - col % LAYOUT_TAB_STOP;
    if (col < width && w > width - col)
        w = width - col;
    return w;
}

void layout_cell(const struct layout *lay, size_t pos, int col, struct layout_cell *cell)
{
    const char *s = lay->text;
    size_t n = lay->len;
    uint32_t cp;
    size_t k = utf8_decode(s + pos, n - pos, &cp);

    cell->start = pos;
    cell->end = utf8_cluster_end(s, n, pos);
    cell->base = cp;
    if (cp == '\n') {
        cell->kind = LAYOUT_CELL_NEWLINE;
        cell->width = 0;
        return;
    }
    if (cp == '\t') {
        cell->kind = LAYOUT_CELL_TAB;
        cell->width = tab_width(col < 0 ? 0 : col, lay->width);
        return;
    }
    cell->kind = utf8_is_unsafe(cp) ? LAYOUT_CELL_ESCAPED : LAYOUT_CELL_TEXT;
    int w = utf8_width(cp);
    for (size_t i = pos + k; i < cell->end; i += k) {
        k = utf8_decode(s + i, n - i, &cp);
        if (w < INT_MAX / 4)          /* a hostile cluster may be megabytes long */
            w += utf8_width(cp);
    }
    cell->width = w;
}

static void push_row(struct layout *lay, size_t start, size_t end, int width, bool hard)
{
    xgrow((void **)&lay->rows, &lay->cap, lay->nrows + 1, sizeof(*lay->rows));
    struct layout_row *r = &lay->rows[lay->nrows++];
    r->start = start;
    r->end = end;
    r->width = width;
    r->hard = hard;
}

static void note_cluster(struct rowscan *rs, const struct layout_cell *c, int x)
{
    struct recent *r = &rs->ring[rs->count % RING];
    r->start = c->start;
    r->x = x;
    r->width = c->width;
    r->base = c->base;
    if (is_word_cell(c)) {
        if (!rs->in_word) {
            rs->in_word = true;
            rs->word_base = c->base;
            rs->word_prev = rs->count ? rs->ring[(rs->count - 1) % RING].base : 0;
            rs->word_k = rs->count;
            rs->word_start = c->start;
            rs->word_x = x;
        }
    } else {
        rs->in_word = false;
    }
    rs->count++;
}

static const struct recent *recent_at(const struct rowscan *rs, size_t k)
{
    if (k >= rs->count || rs->count - k > RING)
        return NULL;
    return &rs->ring[k % RING];
}

/*
 * The overflowing cluster c (at column x) is a word character: if its
 * word fits on one row, start the next row at the word.  Returns the
 * index of the cluster to break before (rs->count when no change).
 */
static size_t word_break(const struct layout *lay, const struct rowscan *rs,
                         const struct layout_cell *c, int x)
{
    if (!is_word_cell(c) || !rs->in_word || rs->word_k == 0)
        return rs->count;
    int w = x - rs->word_x;
    struct layout_cell next = *c;
    while (w <= lay->width) {
        w += next.width;
        if (next.end >= lay->len)
            break;
        layout_cell(lay, next.end, 0, &next);
        if (!is_word_cell(&next))
            break;
    }
    return w <= lay->width ? rs->word_k : rs->count;
}

/*
 * Kinsoku: move the break from before cluster k back while the cluster
 * after it may not start a row or the one before it may not end one.
 * right is the column where cluster k ends (what must fit on the next
 * row).  Returns false when no allowed move gives a good break.
 */
static bool kinsoku_break(const struct rowscan *rs, size_t *k, uint32_t base, int right, int width)
{
    for (int steps = 0;; steps++) {
        const struct recent *before = recent_at(rs, *k - 1);
        if (!before)
            return false;
        if (!no_start(base) && !no_end(before->base))
            return true;
        /* Keep the row non-empty; a tab pulled down would change width. */
        if (steps == LAYOUT_KINSOKU_MAX || *k - 1 == 0 || before->base == '\t' ||
            right - before->x > width)
            return false;
        (*k)--;
        base = before->base;
    }
}

/* Break before cluster k of the row: its offset and column. */
static size_t break_at(const struct rowscan *rs, size_t k, const struct layout_cell *c,
                       int x, int *bx)
{
    const struct recent *r = recent_at(rs, k);
    if (!r) {
        *bx = x;
        return c->start;
    }
    *bx = r->x;
    return r->start;
}

/*
 * Where a full row breaks; c (at column x) is the cluster that does not
 * fit.  First choice: before the word c belongs to, if kinsoku allows;
 * then before c, moved back for kinsoku; else before c regardless.
 */
static size_t choose_break(const struct layout *lay, const struct rowscan *rs,
                           const struct layout_cell *c, int x, int *bx)
{
    size_t k = word_break(lay, rs, c, x);
    if (k < rs->count) {
        const struct recent *r = recent_at(rs, k);
        if (!r) {                       /* a long word: its start left the ring */
            if (!no_start(rs->word_base) && !no_end(rs->word_prev)) {
                *bx = rs->word_x;
                return rs->word_start;
            }
        } else if (kinsoku_break(rs, &k, r->base, r->x + r->width, lay->width)) {
            return break_at(rs, k, c, x, bx);
        }
    }
    k = rs->count;
    if (!kinsoku_break(rs, &k, c->base, x + c->width, lay->width))
        k = rs->count;
    return break_at(rs, k, c, x, bx);
}

/* Lay out the row starting at start; returns the next row's start, or
 * SIZE_MAX after the last row. */
static size_t lay_row(struct layout *lay, size_t start)
{
    struct rowscan rs;              /* the ring is filled before it is read */
    rs.count = 0;
    rs.in_word = false;
    int width = lay->width;
    int x = 0;
    size_t pos = start;
    struct layout_cell c;

    for (;;) {
        /* The caret after the row's last cluster stands at column x: in the
         * cell beside the row (x == width) at most.  Only a lone cluster wider
         * than the row goes further; the caret after it gets a row of its own. */
        bool too_wide = x > width;
        if (pos == lay->len) {
            push_row(lay, start, pos, x, false);
            if (too_wide)
                push_row(lay, pos, pos, 0, false);
            return SIZE_MAX;
        }
        layout_cell(lay, pos, x, &c);
        if (c.kind == LAYOUT_CELL_NEWLINE) {
            if (too_wide) {
                push_row(lay, start, pos, x, false);
                return pos;
            }
            push_row(lay, start, c.end, x, true);
            return c.end;
        }
        int need = c.width > 0 ? c.width : 1;
        if (pos > start && x + need > width) {
            int bx;
            size_t b = choose_break(lay, &rs, &c, x, &bx);
            push_row(lay, start, b, bx, false);
            return b;
        }
        note_cluster(&rs, &c, x);
        x += c.width;
        pos = c.end;
    }
}

void layout_text(struct layout *lay, const char *text, size_t len, int width)
{
    lay->text = text ? text : "";
    lay->len = text ? len : 0;
    lay->width = width < 1 ? 1 : width;
    lay->nrows = 0;
    size_t pos = 0;
    while (pos != SIZE_MAX)
        pos = lay_row(lay, pos);
}

void layout_free(struct layout *lay)
{
    free(lay->rows);
    lay->rows = NULL;
    lay->nrows = 0;
    lay->cap = 0;
}

size_t layout_row_of(const struct layout *lay, size_t offset)
{
    if (offset > lay->len)
        offset = lay->len;
    size_t lo = 0, hi = lay->nrows - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        if (lay->rows[mid].start <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

/* Where the clusters of a row end (its '\n' excluded). */
static size_t row_text_end(const struct layout *lay, size_t row)
{
    const struct layout_row *r = &lay->rows[row];
    return r->hard ? r->end - 1 : r->end;
}

/* The row may hold the caret at its end (hard rows and the last row). */
static bool row_end_is_caret(const struct layout *lay, size_t row)
{
    return lay->rows[row].hard || row == lay->nrows - 1;
}

struct layout_pos layout_caret(const struct layout *lay, size_t offset)
{
    struct layout_pos p = { layout_row_of(lay, offset), 0 };
    size_t end = row_text_end(lay, p.row);
    size_t pos = lay->rows[p.row].start;
    struct layout_cell c;
    while (pos < offset && pos < end) {
        layout_cell(lay, pos, p.col, &c);
        if (c.end > offset)
            break;
        p.col += c.width;
        pos = c.end;
    }
    return p;
}

size_t layout_offset_at(const struct layout *lay, size_t row, int col)
{
    if (row >= lay->nrows)
        row = lay->nrows - 1;
    size_t end = row_text_end(lay, row);
    size_t pos = lay->rows[row].start;
    size_t best = pos;
    int x = 0;
    struct layout_cell c;
    while (pos < end) {
        if (x > col)
            return best;
        best = pos;
        layout_cell(lay, pos, x, &c);
        x += c.width;
        pos = c.end;
    }
    if (row_end_is_caret(lay, row) && x <= col)
        best = pos;
    return best;
}

/* The row ends where the next one starts, without a '\n': the caret may show at its end. */
static bool row_is_soft(const struct layout *lay, size_t row)
{
    return !lay->rows[row].hard && row + 1 < lay->nrows;
}

size_t layout_row_last_caret(const struct layout *lay, size_t row, bool *at_end)
{
    if (row >= lay->nrows)
        row = lay->nrows - 1;
    *at_end = row_is_soft(lay, row);
    return *at_end ? lay->rows[row].end : row_text_end(lay, row);
}

size_t layout_offset_at_end(const struct layout *lay, size_t row, int col, bool *at_end)
{
    if (row >= lay->nrows)
        row = lay->nrows - 1;
    *at_end = row_is_soft(lay, row) && col >= lay->rows[row].width;
    return *at_end ? lay->rows[row].end : layout_offset_at(lay, row, col);
}

struct layout_pos layout_caret_at(const struct layout *lay, size_t offset, bool at_end)
{
    size_t row = layout_row_of(lay, offset);
    if (at_end && row > 0 && lay->rows[row].start == offset && row_is_soft(lay, row - 1)) {
        struct layout_pos p = { row - 1, lay->rows[row - 1].width };
        return p;
    }
    return layout_caret(lay, offset);
}

size_t layout_prev_boundary(const struct layout *lay, size_t offset)
{
    if (offset > lay->len)
        offset = lay->len;
    if (offset == 0)
        return 0;
    size_t row = layout_row_of(lay, offset);
    if (lay->rows[row].start == offset)
        row--;                          /* offset > 0, so row > 0 here */
    size_t pos = lay->rows[row].start, prev = pos;
    while (pos < offset) {
        prev = pos;
        pos = utf8_cluster_end(lay->text, lay->len, pos);
    }
    return prev;
}

/*
 * The first cluster boundary at or after offset (after it, when past), found
 * from the start of offset's row: rows start on boundaries, the text does not.
 */
static size_t boundary_from(const struct layout *lay, size_t offset, bool past)
{
    if (offset >= lay->len)
        return lay->len;
    size_t pos = lay->rows[layout_row_of(lay, offset)].start;
    while (pos < offset || (past && pos == offset))
        pos = utf8_cluster_end(lay->text, lay->len, pos);
    return pos;
}

size_t layout_next_boundary(const struct layout *lay, size_t offset)
{
    return boundary_from(lay, offset, true);
}

size_t layout_snap(const struct layout *lay, size_t offset)
{
    return boundary_from(lay, offset, false);
}
