/*
 * textlayout.h - turn a field's UTF-8 text into display rows for a width,
 * and map between byte offsets and (row, column).  Pure: no curses, no
 * locale changes (widths come from utf8_width(), i.e. wcwidth(3), so the
 * caller needs a UTF-8 LC_CTYPE).
 *
 * Rules (the tests in tests/unit/test_textlayout.c pin each one down):
 *
 * - A cluster (base + combining marks / variation selectors / ZWJ
 *   sequences, as utf8_cluster_end() sees them) is never split.  Its width
 *   is the sum of utf8_width() over its code points (wide = 2).  It goes on
 *   the current row only if it fits whole: x + w <= width.
 * - The caret may stand in the cell just right of a row (column == width):
 *   the screen keeps that cell free beside every field.  So a line that
 *   fills the row exactly is followed by nothing: the caret before its
 *   '\n', or at the end of the text, shows after its last character, as
 *   word processors show it and where an IME opens its preedit.  (Until
 *   issue 14 an empty row followed such a line, where Backspace deleted
 *   the character above.)  A zero-width cluster still needs one free
 *   column (x < width) to go on a row.  Every caret position has column
 *   <= width: after a lone cluster wider than the width (below), a '\n' or
 *   the end of the text goes on a row of its own.
 * - A row ends after a '\n' (a "hard" row; the '\n' is the last byte of the
 *   row and takes no columns in row.width).  Text ending in '\n' ends with
 *   an empty row where the caret can sit.
 * - Wrapping may happen at any cluster boundary (Japanese has no spaces),
 *   with two refinements, both applied only when they keep every row
 *   within the width and leave no row empty:
 *   . a run of Latin "word" characters (ASCII graphic, so ASCII brackets
 *     and punctuation too, Latin-1..Latin Extended-B, Greek, Cyrillic)
 *     that would be cut and is not longer than the width moves whole to
 *     the next row (so "97.53%" and English words stay whole); a space
 *     before it stays at the end of the previous row;
 *   . kinsoku: closing brackets and punctuation (、。，．」』）〕］｝〉》】・ー…
 *     small kana ？！ ASCII ,.:;!?)]} and friends) do not start a row and
 *     opening brackets (「『（［｛〈《【 ([{ and friends) do not end one: up to
 *     LAYOUT_KINSOKU_MAX clusters are pushed down to the next row
 *     (oidashi).  If that is impossible the plain break is kept.
 * - Tab: advances to the next multiple of LAYOUT_TAB_STOP columns counted
 *   from the start of the row, cut short by the right edge; it never forces
 *   a break unless the row is already full.  Width 1..LAYOUT_TAB_STOP.
 * - Unsafe characters (controls, bidi controls, invalid bytes) take the
 *   width of their utf8_escape() form ("^A", "<U+202E>", "<FF>") and are
 *   never split.  The renderer must draw exactly that form.
 * - A width below 1 is treated as 1.  A row always takes at least one
 *   cluster, so a cluster wider than the width (a wide character at width
 *   1, "<U+202E>" in a 5-column field) sits alone on a row that is wider
 *   than the width; that is the only way row.width can exceed the width,
 *   and the renderer must clip it.  Layout never loops: every row consumes
 *   at least one cluster, and the time is linear in the text length.
 *
 * Caret positions.  Rows cover the text exactly, in order: rows[0].start
 * is 0, rows[i].end == rows[i + 1].start, the last row ends at len.  An
 * offset belongs to the row with the greatest start <= offset.  So the
 * offset at a soft break is the start (column 0) of the next row; the
 * offset just before a '\n' is the end of its hard row; the end of text is
 * on the last row.  The caret positions of a row are its cluster starts,
 * plus its end when it is hard (just before the '\n') or the last row.
 *
 * The end of a soft row.  The offset where a soft row ends is also where
 * the next row starts; the caret there shows at the start of the next row,
 * unless it was put there as the end of this row (End, Up/Down or a click
 * past the row's end), when it shows after the row's last character
 * (at_end).  Typing or Backspace there acts on the same offset either way.
 *
 * Cost: one pass, linear in the text (a 4,000-character field takes
 * well under a millisecond); 24 bytes per row (a hostile text of only
 * newlines needs 24 bytes per byte).  The mapping functions below each
 * walk one row.
 *
 * Known limit: an emoji ZWJ sequence counts as the sum of its parts (👨‍👩‍👧
 * is 6 columns), as wcswidth(3) does; terminals that draw it as one glyph
 * will show it narrower than laid out.
 *
 * Ownership: struct layout owns its rows array (free with layout_free()).
 * It borrows the text: the text must stay valid and unchanged while the
 * layout is used; after any change call layout_text() again.
 */
#ifndef TORIKUMI_TEXTLAYOUT_H
#define TORIKUMI_TEXTLAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LAYOUT_TAB_STOP 4
#define LAYOUT_KINSOKU_MAX 3

struct layout_row {
    size_t start;       /* first byte of the row */
    size_t end;         /* one past its last byte (the '\n' included when hard) */
    int width;          /* columns used, the '\n' not counted */
    bool hard;          /* the row ends with '\n' */
};

struct layout {
    struct layout_row *rows;
    size_t nrows;       /* always >= 1 after layout_text() */
    size_t cap;
    int width;          /* the width laid out for, >= 1 */
    const char *text;   /* borrowed */
    size_t len;
};

enum layout_cell_kind {
    LAYOUT_CELL_TEXT,       /* draw the bytes (escaping any unsafe code point in it) */
    LAYOUT_CELL_TAB,        /* draw width blanks */
    LAYOUT_CELL_NEWLINE,    /* draw nothing */
    LAYOUT_CELL_ESCAPED,    /* unsafe base: draw utf8_escape() of each code point */
};

/* One cluster as laid out: bytes [start, end), columns, what to draw. */
struct layout_cell {
    size_t start;
    size_t end;
    int width;
    uint32_t base;      /* first code point (UTF8_INVALID for an invalid byte) */
    enum layout_cell_kind kind;
};

struct layout_pos {
    size_t row;
    int col;
};

#define LAYOUT_INIT { NULL, 0, 0, 1, "", 0 }

/* Lay text[0..len) out in rows of width columns, reusing lay's memory. */
void layout_text(struct layout *lay, const char *text, size_t len, int width);
void layout_free(struct layout *lay);

/*
 * The cluster starting at pos (pos < len), drawn at column col of a row.
 * Renderers walk a row with this: col starts at 0 and grows by cell.width.
 */
void layout_cell(const struct layout *lay, size_t pos, int col, struct layout_cell *cell);

/* The functions below need a layout made by layout_text(). */

/* Row holding offset (offsets beyond the text are clamped to len). */
size_t layout_row_of(const struct layout *lay, size_t offset);
/* Where the caret at offset is drawn.  An offset inside a cluster is drawn
 * at the start of that cluster. */
struct layout_pos layout_caret(const struct layout *lay, size_t offset);
/*
 * The caret position on row (clamped to the rows) whose column is the
 * greatest one <= col (the last of several at that column, which happens
 * only around zero-width clusters): a click on the right half of a wide
 * character lands before it; a column past the row's end gives the row's
 * last caret position, a negative one the row's start.  Always a cluster
 * boundary.
 */
size_t layout_offset_at(const struct layout *lay, size_t row, int col);
/* Last caret position of a row: before its '\n', at the end of text, or
 * (soft row) its end, with *at_end set.  Used for End. */
size_t layout_row_last_caret(const struct layout *lay, size_t row, bool *at_end);
/* layout_offset_at(), except that a column at or past the end of a soft
 * row gives the row's end with *at_end set (Up/Down onto a shorter row,
 * a click right of a row). */
size_t layout_offset_at_end(const struct layout *lay, size_t row, int col, bool *at_end);
/* Where the caret at offset shows: layout_caret(), or with at_end, after
 * the last character of the soft row that offset ends (if it ends one). */
struct layout_pos layout_caret_at(const struct layout *lay, size_t offset, bool at_end);

/* Cluster boundaries.  prev: the greatest boundary < offset (0 at 0);
 * next: the smallest boundary > offset (len at len); snap: offset itself
 * when it is a boundary, else the end of the cluster holding it.  Each
 * costs one row's length, however the text before looks. */
size_t layout_prev_boundary(const struct layout *lay, size_t offset);
size_t layout_next_boundary(const struct layout *lay, size_t offset);
size_t layout_snap(const struct layout *lay, size_t offset);

#endif
