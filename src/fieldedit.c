/*
 * fieldedit.c - one field's text, caret and undo history (see fieldedit.h
 * for the rules).  Owns: the paste filter, the edit primitive that every
 * change goes through (so every change is recorded and re-laid out), undo
 * grouping and its memory bound, and caret movement on the layout.
 *
 * Cluster boundaries come from the layout (layout_prev_boundary() and
 * friends), which walk forward from the start of a display row: the
 * caret and the rows can never disagree on what a cluster is, and a
 * Backspace costs one row, not a walk back over a hostile text.
 */
#include "fieldedit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "utf8.h"
#include "wordmove.h"

#define ESC 0x1B
#define BEL 0x07

/* ---- paste filter ------------------------------------------------------ */

/* Position of the first string terminator (BEL, ESC \, U+009C) at or after
 * from; SIZE_MAX when there is none.  *cache remembers the last answer so
 * that many unterminated introducers cost one scan in all. */
static size_t find_st(const char *s, size_t n, size_t from, size_t *cache)
{
    if (*cache != 0 && (*cache == SIZE_MAX || *cache >= from))
        return *cache;
    for (size_t i = from; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == BEL || (c == ESC && i + 1 < n && s[i + 1] == '\\') ||
            (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0x9C))
            return *cache = i;
    }
    return *cache = SIZE_MAX;
}

/* Length of a terminator at s[i] (found by find_st). */
static size_t st_len(const char *s, size_t i)
{
    return s[i] == BEL ? 1 : 2;
}

/* End of a CSI body starting at i (parameters, intermediates, final), or
 * 0 when it is malformed or cut off. */
static size_t csi_end(const char *s, size_t n, size_t i)
{
    while (i < n && s[i] >= 0x30 && s[i] <= 0x3F)
        i++;
    while (i < n && s[i] >= 0x20 && s[i] <= 0x2F)
        i++;
    if (i < n && s[i] >= 0x40 && s[i] <= 0x7E)
        return i + 1;
    return 0;
}

enum esc_type { ESC_NONE, ESC_CSI, ESC_STRING, ESC_SHORT };

/* Classify the introducer at s[i] (k bytes, code point cp); *body is where
 * the sequence's body starts. */
static enum esc_type esc_intro(const char *s, size_t n, size_t i, uint32_t cp, size_t k,
                               size_t *body)
{
    *body = i + k;
    if (cp == 0x9B)
        return ESC_CSI;
    if (cp == 0x9D || cp == 0x90 || cp == 0x98 || cp == 0x9E || cp == 0x9F)
        return ESC_STRING;
    if (cp != ESC || i + 1 >= n)
        return ESC_NONE;
    char c = s[i + 1];
    *body = i + 2;
    if (c == '[')
        return ESC_CSI;
    if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_')
        return ESC_STRING;
    if (c >= 0x20 && c <= 0x7E) {
        *body = i + 1;          /* intermediates, then the final byte */
        return ESC_SHORT;
    }
    return ESC_NONE;
}

/* Bytes taken by the escape sequence introduced at s[i]: the whole
 * sequence when complete, else just the introducer. */
static size_t escape_skip(const char *s, size_t n, size_t i, uint32_t cp, size_t k,
                          size_t *st_cache)
{
    size_t body, end = 0;
    switch (esc_intro(s, n, i, cp, k, &body)) {
    case ESC_CSI:
        end = csi_end(s, n, body);
        break;
    case ESC_STRING: {
        size_t st = find_st(s, n, body, st_cache);
        if (st != SIZE_MAX)
            end = st + st_len(s, st);
        break;
    }
    case ESC_SHORT:
        end = body;
        while (end < n && s[end] >= 0x20 && s[end] <= 0x2F)
            end++;
        end = end < n && s[end] >= 0x30 && s[end] <= 0x7E ? end + 1 : 0;
        break;
    case ESC_NONE:
        break;
    }
    return end ? end - i : k;
}

void fieldedit_sanitize(const char *s, size_t n, bool single_line, struct strbuf *out)
{
    const char *newline = single_line ? " " : "\n";
    size_t st_cache = 0;
    strbuf_grow(out, n);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (cp == UTF8_INVALID) {
            strbuf_add(out, "\xEF\xBF\xBD", 3);
        } else if (cp == '\r' || cp == '\n' || cp == 0x2028 || cp == 0x2029) {
            if (cp == '\r' && i + 1 < n && s[i + 1] == '\n')
                k++;
            strbuf_addstr(out, newline);
        } else if (cp == ESC || (cp >= 0x80 && cp <= 0x9F)) {
            k = escape_skip(s, n, i, cp, k, &st_cache);
        } else if (cp == '\t' || (!utf8_is_control(cp) && !utf8_is_bidi_control(cp))) {
            strbuf_add(out, s + i, k);
        }
        i += k;
    }
}

/* ---- the text and its layout ---------------------------------------- */

static long long monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void relayout(struct fieldedit *fe)
{
    layout_text(&fe->layout, fe->text.buf, fe->text.len, fe->layout.width);
    fe->count_valid = false;
}

/* Replace text[pos, pos + del) by ins[0..n). */
static void replace_bytes(struct strbuf *sb, size_t pos, size_t del, const char *ins, size_t n)
{
    if (n > del)
        strbuf_grow(sb, n - del);
    memmove(sb->buf + pos + n, sb->buf + pos + del, sb->len - pos - del);
    if (n)
        memcpy(sb->buf + pos, ins, n);
    sb->len = sb->len - del + n;
    sb->buf[sb->len] = '\0';
}

/* ---- history ------------------------------------------------------------ */

static size_t step_bytes(const struct fieldedit_step *st)
{
    return st->del.len + st->ins.len;
}

static void step_release(struct fieldedit_step *st)
{
    strbuf_release(&st->del);
    strbuf_release(&st->ins);
}

static void stack_clear(struct fieldedit *fe, struct fieldedit_stack *stk)
{
    for (size_t i = 0; i < stk->n; i++) {
        fe->history_bytes -= step_bytes(&stk->steps[i]);
        step_release(&stk->steps[i]);
    }
    stk->n = 0;
}

static void stack_push(struct fieldedit_stack *stk, const struct fieldedit_step *st)
{
    xgrow((void **)&stk->steps, &stk->cap, stk->n + 1, sizeof(*stk->steps));
    stk->steps[stk->n++] = *st;
}

/* Drop the oldest undo steps until the history is within its bounds. */
static void trim_history(struct fieldedit *fe)
{
    struct fieldedit_stack *u = &fe->undo;
    size_t drop = 0;
    while (u->n - drop > FIELDEDIT_HISTORY_STEPS ||
           (fe->history_bytes > FIELDEDIT_HISTORY_BYTES && u->n - drop > 1)) {
        fe->history_bytes -= step_bytes(&u->steps[drop]);
        step_release(&u->steps[drop]);
        drop++;
    }
    if (drop) {
        memmove(u->steps, u->steps + drop, (u->n - drop) * sizeof(*u->steps));
        u->n -= drop;
    }
}

/* The newest undo step, when the next edit of this kind may join it. */
static struct fieldedit_step *open_step(struct fieldedit *fe, enum fieldedit_kind kind,
                                        long long now)
{
    if (!fe->group_open || fe->undo.n == 0 || now - fe->group_ms >= FIELDEDIT_GROUP_PAUSE_MS)
        return NULL;
    struct fieldedit_step *st = &fe->undo.steps[fe->undo.n - 1];
    if (st->kind != kind || st->caret_after != fe->caret)
        return NULL;
    return st;
}

/* Try to fold this edit into the open step; false when it must be new. */
static bool merge_step(struct fieldedit_step *st, size_t pos, const char *del, size_t del_len,
                       const char *ins, size_t n)
{
    switch (st->kind) {
    case FIELDEDIT_TYPE:
        if (del_len != 0 || pos != st->pos + st->ins.len)
            return false;
        strbuf_add(&st->ins, ins, n);
        return true;
    case FIELDEDIT_BACKSPACE: {
        if (n != 0 || pos + del_len != st->pos)
            return false;
        struct strbuf joined = STRBUF_INIT;
        strbuf_add(&joined, del, del_len);
        strbuf_add(&joined, strbuf_cstr(&st->del), st->del.len);
        strbuf_release(&st->del);
        st->del = joined;
        st->pos = pos;
        return true;
    }
    case FIELDEDIT_DELETE:
        if (n != 0 || pos != st->pos)
            return false;
        strbuf_add(&st->del, del, del_len);
        return true;
    case FIELDEDIT_PASTE:
        break;
    }
    return false;
}

/*
 * The one way the text changes: replace [pos, pos + del_len) by ins,
 * record it for undo (joining the open group when allowed), re-lay out
 * and put the caret after the inserted text.
 */
static void edit(struct fieldedit *fe, enum fieldedit_kind kind, size_t pos, size_t del_len,
                 const char *ins, size_t n)
{
    long long now = fe->clock_ms();
    struct fieldedit_step *open = open_step(fe, kind, now);
    const char *del = fe->text.buf + pos;
    size_t before = fe->caret;

    stack_clear(fe, &fe->redo);
    if (open && merge_step(open, pos, del, del_len, ins, n)) {
        fe->history_bytes += del_len + n;
    } else {
        struct fieldedit_step st = { pos, STRBUF_INIT, STRBUF_INIT, before, before, kind,
                                     fieldedit_selection(fe, NULL, NULL), fe->anchor };
        strbuf_add(&st.del, del, del_len);
        strbuf_add(&st.ins, ins, n);
        stack_push(&fe->undo, &st);
        fe->history_bytes += del_len + n;
        open = &fe->undo.steps[fe->undo.n - 1];
    }
    replace_bytes(&fe->text, pos, del_len, ins, n);
    relayout(fe);
    fe->caret = layout_snap(&fe->layout, pos + n);
    fe->caret_at_end = false;
    fe->goal_col = -1;
    fe->sel = FIELDEDIT_SEL_NONE;
    open->caret_after = fe->caret;
    fe->group_open = kind != FIELDEDIT_PASTE && memchr(ins, '\n', n) == NULL;
    fe->group_ms = now;
    trim_history(fe);
}

/* Insert at the caret, or in place of the selection. */
static bool insert(struct fieldedit *fe, enum fieldedit_kind kind, const char *s, size_t n)
{
    struct strbuf clean = STRBUF_INIT;
    fieldedit_sanitize(s, n, fe->single_line, &clean);
    bool changed = clean.len > 0;
    size_t start = fe->caret, end = fe->caret;
    fieldedit_selection(fe, &start, &end);
    if (changed)
        edit(fe, kind, start, end - start, clean.buf, clean.len);
    strbuf_release(&clean);
    return changed;
}

/* Replay one step: forward (redo) or backward (undo). */
static void replay(struct fieldedit *fe, const struct fieldedit_step *st, bool forward)
{
    const struct strbuf *out = forward ? &st->del : &st->ins;
    const struct strbuf *in = forward ? &st->ins : &st->del;
    replace_bytes(&fe->text, st->pos, out->len, strbuf_cstr(in), in->len);
    relayout(fe);
    fe->caret = forward ? st->caret_after : st->caret_before;
    fe->caret_at_end = false;
    fe->goal_col = -1;
    fe->group_open = false;
    /* Undoing an edit of a selection selects that text again. */
    fe->sel = !forward && st->selected_before ? FIELDEDIT_SEL_SHIFT : FIELDEDIT_SEL_NONE;
    fe->anchor = st->anchor_before;
}

/* ---- public: setup ------------------------------------------------------ */

void fieldedit_init(struct fieldedit *fe, const char *text, size_t len, int width,
                    bool single_line)
{
    memset(fe, 0, sizeof(*fe));
    strbuf_grow(&fe->text, len);
    fe->layout.width = width;
    fe->single_line = single_line;
    fe->clock_ms = monotonic_ms;
    fieldedit_set_text(fe, text, len);
}

void fieldedit_free(struct fieldedit *fe)
{
    stack_clear(fe, &fe->undo);
    stack_clear(fe, &fe->redo);
    free(fe->undo.steps);
    free(fe->redo.steps);
    layout_free(&fe->layout);
    strbuf_release(&fe->text);
    memset(fe, 0, sizeof(*fe));
}

void fieldedit_set_text(struct fieldedit *fe, const char *text, size_t len)
{
    stack_clear(fe, &fe->undo);
    stack_clear(fe, &fe->redo);
    strbuf_reset(&fe->text);
    strbuf_add(&fe->text, text ? text : "", text ? len : 0);
    relayout(fe);
    fe->caret = fe->text.len;
    fe->caret_at_end = false;
    fe->goal_col = -1;
    fe->group_open = false;
    fe->sel = FIELDEDIT_SEL_NONE;
}

void fieldedit_set_width(struct fieldedit *fe, int width)
{
    fe->layout.width = width;
    relayout(fe);
    fe->goal_col = -1;
}

void fieldedit_set_max(struct fieldedit *fe, size_t max_chars)
{
    fe->max_chars = max_chars;
}

const char *fieldedit_text(const struct fieldedit *fe, size_t *len)
{
    if (len)
        *len = fe->text.len;
    return strbuf_cstr(&fe->text);
}

size_t fieldedit_caret(const struct fieldedit *fe)
{
    return fe->caret;
}

const struct layout *fieldedit_layout(const struct fieldedit *fe)
{
    return &fe->layout;
}

struct layout_pos fieldedit_caret_pos(const struct fieldedit *fe)
{
    return layout_caret_at(&fe->layout, fe->caret, fe->caret_at_end);
}

/* utf8_count() skips stray continuation bytes; count as utf8_decode does. */
/* As the rules count them (utf8_count_clusters), so the counter and the limit agree. */
static size_t count_chars(const char *s, size_t n)
{
    return utf8_count_clusters(s, n);
}

struct fieldedit_counter fieldedit_count(struct fieldedit *fe)
{
    if (!fe->count_valid) {
        fe->count = count_chars(fe->text.buf, fe->text.len);
        fe->count_valid = true;
    }
    struct fieldedit_counter c = { fe->count, fe->max_chars,
                                   fe->max_chars > 0 && fe->count > fe->max_chars };
    return c;
}

/* ---- public: editing ---------------------------------------------------- */

bool fieldedit_type(struct fieldedit *fe, const char *s, size_t n)
{
    return insert(fe, FIELDEDIT_TYPE, s, n);
}

bool fieldedit_paste(struct fieldedit *fe, const char *s, size_t n)
{
    return insert(fe, FIELDEDIT_PASTE, s, n);
}

bool fieldedit_delete_selection(struct fieldedit *fe)
{
    size_t start, end;
    if (!fieldedit_selection(fe, &start, &end))
        return false;
    /* A step of its own (a paste never joins), so Ctrl-Z brings back just the selection. */
    edit(fe, FIELDEDIT_PASTE, start, end - start, "", 0);
    return true;
}

bool fieldedit_backspace(struct fieldedit *fe)
{
    if (fieldedit_delete_selection(fe))
        return true;
    if (fe->caret == 0)
        return false;
    size_t start = layout_prev_boundary(&fe->layout, fe->caret);
    edit(fe, FIELDEDIT_BACKSPACE, start, fe->caret - start, "", 0);
    return true;
}

bool fieldedit_delete(struct fieldedit *fe)
{
    if (fieldedit_delete_selection(fe))
        return true;
    if (fe->caret >= fe->text.len)
        return false;
    size_t end = layout_next_boundary(&fe->layout, fe->caret);
    edit(fe, FIELDEDIT_DELETE, fe->caret, end - fe->caret, "", 0);
    return true;
}

bool fieldedit_undo(struct fieldedit *fe)
{
    if (fe->undo.n == 0)
        return false;
    struct fieldedit_step st = fe->undo.steps[--fe->undo.n];
    replay(fe, &st, false);
    stack_push(&fe->redo, &st);
    return true;
}

bool fieldedit_redo(struct fieldedit *fe)
{
    if (fe->redo.n == 0)
        return false;
    struct fieldedit_step st = fe->redo.steps[--fe->redo.n];
    replay(fe, &st, true);
    stack_push(&fe->undo, &st);
    return true;
}

void fieldedit_seal(struct fieldedit *fe)
{
    fe->group_open = false;
}

/* ---- public: movement --------------------------------------------------- */

/* Put the caret at offset (a boundary), shown at the end of the row it ends
 * when at_end; ends the undo group.  True when the caret moved on screen. */
static bool place(struct fieldedit *fe, size_t offset, bool at_end, bool keep_goal)
{
    fe->group_open = false;
    if (fe->sel == FIELDEDIT_SEL_SHIFT && !fe->extending)
        fe->sel = FIELDEDIT_SEL_NONE;   /* a plain move after Shift+moves ends the selection */
    if (!keep_goal)
        fe->goal_col = -1;
    if (offset == fe->caret && at_end == fe->caret_at_end)
        return false;
    fe->caret = offset;
    fe->caret_at_end = at_end;
    return true;
}

static bool move_to(struct fieldedit *fe, size_t offset, bool keep_goal)
{
    return place(fe, offset, false, keep_goal);
}

bool fieldedit_left(struct fieldedit *fe)
{
    return move_to(fe, layout_prev_boundary(&fe->layout, fe->caret), false);
}

bool fieldedit_right(struct fieldedit *fe)
{
    return move_to(fe, layout_next_boundary(&fe->layout, fe->caret), false);
}

bool fieldedit_home(struct fieldedit *fe)
{
    size_t row = fieldedit_caret_pos(fe).row;
    return move_to(fe, fe->layout.rows[row].start, false);
}

bool fieldedit_end(struct fieldedit *fe)
{
    bool at_end;
    size_t offset = layout_row_last_caret(&fe->layout, fieldedit_caret_pos(fe).row, &at_end);
    return place(fe, offset, at_end, false);
}

bool fieldedit_text_home(struct fieldedit *fe)
{
    return move_to(fe, 0, false);
}

bool fieldedit_text_end(struct fieldedit *fe)
{
    return move_to(fe, fe->text.len, false);
}

bool fieldedit_word_left(struct fieldedit *fe)
{
    return move_to(fe, word_prev(fe->text.buf ? fe->text.buf : "", fe->text.len, fe->caret),
                   false);
}

bool fieldedit_word_right(struct fieldedit *fe)
{
    return move_to(fe, word_next(fe->text.buf ? fe->text.buf : "", fe->text.len, fe->caret),
                   false);
}

bool fieldedit_delete_word_back(struct fieldedit *fe)
{
    size_t start = word_prev(fe->text.buf ? fe->text.buf : "", fe->text.len, fe->caret);
    if (start == fe->caret)
        return false;
    edit(fe, FIELDEDIT_BACKSPACE, start, fe->caret - start, "", 0);
    return true;
}

bool fieldedit_replace_all(struct fieldedit *fe, const char *s, size_t n)
{
    if (n == fe->text.len && (n == 0 || memcmp(s, fe->text.buf, n) == 0))
        return false;
    size_t caret = fe->caret;
    edit(fe, FIELDEDIT_PASTE, 0, fe->text.len, s, n);
    fe->caret = layout_snap(&fe->layout, caret < n ? caret : n);
    return true;
}

bool fieldedit_clear(struct fieldedit *fe)
{
    if (fe->text.len == 0)
        return false;
    edit(fe, FIELDEDIT_PASTE, 0, fe->text.len, "", 0);
    return true;
}

/* Up (dir -1) or Down (+1) one display row, keeping the goal column. */
static bool vertical(struct fieldedit *fe, int dir)
{
    struct layout_pos p = fieldedit_caret_pos(fe);
    if (fe->goal_col < 0)
        fe->goal_col = p.col;
    if ((dir < 0 && p.row == 0) || (dir > 0 && p.row + 1 >= fe->layout.nrows)) {
        fe->group_open = false;
        return false;
    }
    size_t row = dir < 0 ? p.row - 1 : p.row + 1;
    bool at_end;
    size_t offset = layout_offset_at_end(&fe->layout, row, fe->goal_col, &at_end);
    place(fe, offset, at_end, true);
    return true;
}

bool fieldedit_up(struct fieldedit *fe)
{
    return vertical(fe, -1);
}

bool fieldedit_down(struct fieldedit *fe)
{
    return vertical(fe, 1);
}

bool fieldedit_click(struct fieldedit *fe, size_t row, int col)
{
    bool at_end;
    size_t offset = layout_offset_at_end(&fe->layout, row, col, &at_end);
    return place(fe, offset, at_end, false);
}

bool fieldedit_set_caret(struct fieldedit *fe, size_t offset)
{
    if (offset > fe->text.len)
        offset = fe->text.len;
    return move_to(fe, layout_snap(&fe->layout, offset), false);
}
