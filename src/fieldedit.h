/*
 * fieldedit.h - editing one field's text: the text, the caret, undo/redo,
 * paste sanitizing and the character counter.  Pure: no curses.  The UI
 * turns keys into these calls and draws from fieldedit_layout() and
 * fieldedit_caret_pos().
 *
 * Owns: the text (a strbuf), the caret (a byte offset, always on a cluster
 * boundary of the current text), the layout of the text for the field's
 * width (recomputed after every change), and the history.
 *
 * Rules:
 * - Text is stored exactly as typed or pasted (after the paste policy
 *   below); nothing is normalized.  Text given to fieldedit_init() or
 *   fieldedit_set_text() (from a file) is stored as it is, even with
 *   invalid bytes or control characters: the layout shows those escaped.
 * - After an edit the caret is snapped forward to a cluster boundary (typing
 *   か before a lone U+3099 leaves the caret after the joined が).
 * - Undo steps.  Typed text (fieldedit_type) joins the previous step while
 *   the caret has not moved and stayed at its end, no other kind of edit,
 *   undo or redo came between, less than FIELDEDIT_GROUP_PAUSE_MS passed,
 *   and the previous chunk did not contain a newline.  Consecutive
 *   Backspaces group the same way, and so do consecutive Deletes.  A paste
 *   is always one step of its own.  Undo/redo restore the text and the
 *   caret exactly; a new edit after undo drops the redo steps.
 * - History bound: at most FIELDEDIT_HISTORY_STEPS undo steps, and the
 *   bytes held by all undo and redo steps are kept under
 *   FIELDEDIT_HISTORY_BYTES by dropping the oldest undo steps; the newest
 *   step is always kept, whatever its size.
 * - Paste policy (fieldedit_sanitize): CRLF and CR become LF; U+2028 and
 *   U+2029 become LF too; terminal escape sequences (ESC [ ... final, ESC ]
 *   ... BEL/ST, ESC P/X/^/_ ... ST, two-byte ESC x, and the C1 forms
 *   U+009B / U+009D / U+0090 ...) are dropped whole when complete, else just
 *   their introducer; every other C0 control except TAB and LF, DEL, C1
 *   controls and bidi controls are dropped; each invalid byte becomes U+FFFD.
 *   In a single-line field each newline becomes one space.  Typed text goes
 *   through the same filter.
 * - The counter counts code points (an invalid byte counts as one).  Going
 *   over the maximum is allowed; the counter only reports it.
 *
 * - Selection (fieldedit_select.c): the text between the anchor and the
 *   caret, in bytes on cluster boundaries.  Shift+moves (fieldedit_extend)
 *   start one at the caret and extend it; a plain move drops it.  The mark
 *   key (fieldedit_mark) starts one that plain moves extend, for terminals
 *   without Shift+arrows, until the mark is cleared.  Typing or pasting
 *   replaces a non-empty selection and Backspace / Delete remove it, each
 *   as an undo step of its own; any edit ends the selection, and undoing
 *   that edit selects the text again.
 *
 * Movement functions return true when the caret moved (false at an edge,
 * so the UI may move to another field); editing functions return true
 * when the text changed.
 */
#ifndef TORIKUMI_FIELDEDIT_H
#define TORIKUMI_FIELDEDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "textlayout.h"
#include "util.h"

#define FIELDEDIT_GROUP_PAUSE_MS 1000
#define FIELDEDIT_HISTORY_STEPS 1000
#define FIELDEDIT_HISTORY_BYTES (4u * 1024 * 1024)

enum fieldedit_kind {
    FIELDEDIT_TYPE,
    FIELDEDIT_PASTE,
    FIELDEDIT_BACKSPACE,
    FIELDEDIT_DELETE,
};

/* One undo step: at pos, bytes del were replaced by bytes ins. */
struct fieldedit_step {
    size_t pos;
    struct strbuf del;
    struct strbuf ins;
    size_t caret_before;
    size_t caret_after;
    enum fieldedit_kind kind;
    bool selected_before;       /* a selection from anchor_before to caret_before */
    size_t anchor_before;
};

struct fieldedit_stack {
    struct fieldedit_step *steps;
    size_t n;
    size_t cap;
};

/* How a selection is held: none, by Shift+moves, or by the mark key. */
enum fieldedit_sel { FIELDEDIT_SEL_NONE, FIELDEDIT_SEL_SHIFT, FIELDEDIT_SEL_MARK };

/* Treat the members as private; use the functions. */
struct fieldedit {
    struct strbuf text;
    size_t caret;
    bool caret_at_end;          /* shown at the end of the soft row it ends (textlayout.h) */
    int goal_col;               /* column kept by Up/Down, -1 when none */
    bool single_line;
    size_t max_chars;           /* 0: no maximum */
    struct layout layout;
    struct fieldedit_stack undo;
    struct fieldedit_stack redo;
    size_t history_bytes;
    bool group_open;            /* the newest undo step may still grow */
    long long group_ms;         /* when it last grew */
    size_t count;               /* cached code point count */
    bool count_valid;
    enum fieldedit_sel sel;
    size_t anchor;              /* the selection's other end, when sel is not NONE */
    bool extending;             /* a move under fieldedit_extend: keep the selection */
    /* Milliseconds from a monotonic clock; tests replace it. */
    long long (*clock_ms)(void);
};

struct fieldedit_counter {
    size_t chars;               /* code points in the text */
    size_t max;                 /* 0: no maximum */
    bool exceeded;              /* max > 0 && chars > max */
};

/* Start editing a copy of text[0..len) in a field width columns wide.
 * The caret starts at the end of the text.  Free with fieldedit_free(). */
void fieldedit_init(struct fieldedit *fe, const char *text, size_t len, int width,
                    bool single_line);
void fieldedit_free(struct fieldedit *fe);
/* Replace the whole text (e.g. reloaded); clears the history. */
void fieldedit_set_text(struct fieldedit *fe, const char *text, size_t len);
/* Re-lay out for a new width (after a resize); the caret stays. */
void fieldedit_set_width(struct fieldedit *fe, int width);
void fieldedit_set_max(struct fieldedit *fe, size_t max_chars);

/* The text (NUL-terminated, but may hold NULs from a file); borrowed. */
const char *fieldedit_text(const struct fieldedit *fe, size_t *len);
size_t fieldedit_caret(const struct fieldedit *fe);
const struct layout *fieldedit_layout(const struct fieldedit *fe);
struct layout_pos fieldedit_caret_pos(const struct fieldedit *fe);
struct fieldedit_counter fieldedit_count(struct fieldedit *fe);

/* Insert at the caret, as typed (grouped) or pasted (one step). */
bool fieldedit_type(struct fieldedit *fe, const char *s, size_t n);
bool fieldedit_paste(struct fieldedit *fe, const char *s, size_t n);
/* Remove the whole cluster before / after the caret. */
bool fieldedit_backspace(struct fieldedit *fe);
bool fieldedit_delete(struct fieldedit *fe);

bool fieldedit_left(struct fieldedit *fe);
bool fieldedit_right(struct fieldedit *fe);
bool fieldedit_home(struct fieldedit *fe);          /* start of the display row */
/* After the last character of the display row (layout_row_last_caret()): on a
 * wrapped row the caret shows there, at the row's end, not on the next row. */
bool fieldedit_end(struct fieldedit *fe);
bool fieldedit_text_home(struct fieldedit *fe);     /* Ctrl-Home */
bool fieldedit_text_end(struct fieldedit *fe);      /* Ctrl-End */
/* By word (wordmove.h): Ctrl-Left/Right, Alt-b/f; Ctrl-W deletes the word before the caret. */
bool fieldedit_word_left(struct fieldedit *fe);
bool fieldedit_word_right(struct fieldedit *fe);
bool fieldedit_delete_word_back(struct fieldedit *fe);
/* Replace the whole text with s (one undo step; e.g. Ctrl-K's full-width kana). */
bool fieldedit_replace_all(struct fieldedit *fe, const char *s, size_t n);
/* Empty the field (one undo step). */
bool fieldedit_clear(struct fieldedit *fe);
/* One display row up or down at the goal column; onto a shorter wrapped row,
 * the caret goes after its last character. */
bool fieldedit_up(struct fieldedit *fe);
bool fieldedit_down(struct fieldedit *fe);
/* Caret to a display position (mouse click); clamps. */
bool fieldedit_click(struct fieldedit *fe, size_t row, int col);
/* Caret to offset, snapped forward to a cluster boundary and clamped (undo, search). */
bool fieldedit_set_caret(struct fieldedit *fe, size_t offset);

bool fieldedit_undo(struct fieldedit *fe);
bool fieldedit_redo(struct fieldedit *fe);
/* End the current undo group (the UI may call it on focus change). */
void fieldedit_seal(struct fieldedit *fe);

/* ---- selection (fieldedit_select.c) ---- */
/* Run a move (fieldedit_left, ...) extending the selection from the caret (Shift+move). */
bool fieldedit_extend(struct fieldedit *fe, bool (*move)(struct fieldedit *));
/* The mark key: start a selection at the caret that moves extend; again, clear it. */
void fieldedit_mark(struct fieldedit *fe);
void fieldedit_unselect(struct fieldedit *fe);
/* Select [anchor, caret) (either order), snapped to clusters and clamped (undo). */
void fieldedit_select(struct fieldedit *fe, size_t anchor, size_t caret);
/* The selected bytes [*start, *end); false when nothing is selected. */
bool fieldedit_selection(const struct fieldedit *fe, size_t *start, size_t *end);
/* Is a selection (maybe empty: a mark just set) being held? */
bool fieldedit_selecting(const struct fieldedit *fe);
/* Was it started by the mark key (so that plain moves extend it)? */
bool fieldedit_mark_set(const struct fieldedit *fe);
/* Remove the selection (one undo step); false when nothing is selected. */
bool fieldedit_delete_selection(struct fieldedit *fe);

/* Append the paste-policy form of s[0..n) to out. */
void fieldedit_sanitize(const char *s, size_t n, bool single_line, struct strbuf *out);

#endif
