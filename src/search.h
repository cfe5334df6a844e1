/*
 * search.h - finding text in every text field of a set of open sheets,
 * "as typed" in Japanese, fast enough to answer between two keys.
 *
 * Matching folds both the query and the text with search_fold_char():
 *   - full-width ASCII (U+FF01..U+FF5E: Ａ, １, （...) is its ASCII
 *     counterpart, and ASCII letters match whatever their case;
 *   - half-width katakana is full-width katakana, a following voiced or
 *     semi-voiced mark composing with it (ｶﾞ = ガ, ﾊﾟ = パ, ｳﾞ = ヴ);
 *     a combining mark (U+3099, U+309A) composes the same way (NFC), and
 *     a mark that composes with nothing is the spacing mark ゛ or ゜;
 *   - the ideographic space U+3000 is a space;
 *   - an invalid byte is U+FFFD.
 * Nothing else is folded: hiragana and katakana stay distinct.
 *
 * Hits are every place the folded query occurs in the folded text of a
 * field (overlapping ones too), ordered by sheet (as given), item (file
 * order), field (form_display_order, text fields only: FIELD_LINE and
 * FIELD_TEXT, not hidden), then byte offset.  A hit is reported in the
 * field's stored value, not in the folded text: offset and length cover
 * exactly the original characters (ｶﾞ is 6 bytes where the query ガ is 3),
 * so the UI can highlight them and put the caret there.
 *
 * How it is fast (docs/performance.md, "Search", has the numbers):
 *   - each sheet's text fields are folded once into one contiguous buffer,
 *     values separated by NUL bytes (a hit never spans two fields);
 *   - for every 64 items, a signature says which character bigrams (and
 *     single characters) occur in which item, so a search skips items that
 *     cannot hold the query;
 *   - the remaining text is scanned with SIMD (AVX2 where the CPU has it)
 *     on the query's two rarest bytes;
 *   - counting is incremental: search_count_step() does a slice of work
 *     within a time budget, so a UI can show "3/..." at once and "3/17"
 *     a moment later while keys stay answered; per-64-item counts are kept,
 *     so later searches skip the groups known to hold no hit.
 *
 * Folding a sheet of 10,000 items (46 MB) and building its signatures
 * takes 0.3-0.4 s of CPU and 52 MB (24 such sheets: 7-9.5 s, 1.2 GB).
 * It happens when a search first reaches a sheet, or ahead of time, in
 * slices, through search_prepare().
 *
 * Typical use in a UI.  search_prepare() and search_count_step() return
 * within their budget plus one slice (8 items folded, or 64 counted);
 * search_next() and search_prev() block: well under 50 ms once the sheets
 * they pass are folded, but a sheet not folded yet is folded first.
 *   se = search_new(sheets, n);                 when the sheets are open
 *   search_prepare(se, 5000);                   between keys, until true
 *   search_set_query(se, q, len);               on Enter in the find prompt
 *   search_next(se, &caret, true, &hit);        the first hit at or after the caret
 *   search_next(se, &hit.pos, false, &hit);     next; search_prev() for previous
 *   search_count_step(se, 5000);                between keys, until true
 *   rank = search_rank(se, &hit);               "rank/count", "?/count..." while 0
 *
 * Ownership: a search borrows the sheets (the array of pointers is
 * copied); they must outlive it.  After a sheet changes, call
 * search_sheet_changed(): until then its hits come from the text as it
 * was (offsets are clamped to the current values).
 */
#ifndef TORIKUMI_SEARCH_H
#define TORIKUMI_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sheet.h"
#include "util.h"

/* ---- folding ---------------------------------------------------------------- */

/*
 * Fold the character at s[0..n) (n > 0): returns how many bytes of s it
 * takes (a kana and the mark that composes with it count as one
 * character) and sets *cp to the folded code point.
 */
size_t search_fold_char(const char *s, size_t n, uint32_t *cp);
/*
 * Half-width katakana to full width, as a person means it (ｶﾞ -> ガ,
 * ｰ -> ー, ｡ -> 。), everything else as it is; the editor's Ctrl-K.  Shares
 * the table and the composing of search's folding.  Returns true when
 * something changed.
 */
bool kana_to_fullwidth(const char *s, size_t n, struct strbuf *out);
/* Append the folded form of s[0..n) to out (UTF-8). */
void search_fold(const char *s, size_t n, struct strbuf *out);

/* ---- positions and hits -------------------------------------------------------- */

struct search_pos {
    size_t sheet;       /* index into the sheets given to search_new() */
    size_t item;        /* index into that sheet's items */
    int field;          /* form field; any field (a caret on a choice is fine) */
    size_t offset;      /* byte offset into the field's stored value */
};

struct search_hit {
    struct search_pos pos;  /* where the match starts (a text field) */
    size_t len;             /* bytes of the stored value it covers */
};

/* ---- the search ------------------------------------------------------------------- */

struct search;

struct search *search_new(struct sheet *const *sheets, size_t n_sheets);
void search_free(struct search *se);

/*
 * Build the folded text of sheets not built yet, for about budget_us
 * microseconds (at least one slice of 8 items).  Returns true when every
 * sheet is built.  Optional: searching builds what it needs.
 */
bool search_prepare(struct search *se, long budget_us);
/* Sheet number sheet changed (edited, items added): rebuild it when next needed. */
void search_sheet_changed(struct search *se, size_t sheet);

/*
 * Set the query (folded here).  Returns false when it folds to nothing:
 * then nothing matches.  Restarts the count.
 */
bool search_set_query(struct search *se, const char *query, size_t len);

/*
 * The first hit after from (at or after it when inclusive), wrapping
 * around after the last sheet; false when there is no hit at all.
 */
bool search_next(struct search *se, const struct search_pos *from, bool inclusive,
                 struct search_hit *hit);
/* The last hit before from, wrapping around before the first sheet. */
bool search_prev(struct search *se, const struct search_pos *from, struct search_hit *hit);

/*
 * Count hits for about budget_us microseconds (at least one slice of 64
 * items).  Returns true when the count is complete.  Cheap to call again
 * once complete.
 */
bool search_count_step(struct search *se, long budget_us);
/* Hits counted so far (the total once search_count_step() returned true). */
size_t search_count(const struct search *se);
bool search_count_done(const struct search *se);
/*
 * 1-based rank of hit among all hits, or 0 while the count has not yet
 * passed it.  hit must come from search_next()/search_prev() with the
 * current query.
 */
size_t search_rank(struct search *se, const struct search_hit *hit);

/* Bytes the search holds (folded text, signatures, offsets). */
size_t search_memory(const struct search *se);
/* For the benchmark: false makes every item a candidate (no signatures). */
void search_use_signatures(struct search *se, bool use);

#endif
