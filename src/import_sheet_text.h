/*
 * import_sheet_text.h - the text-level work of the sheet importer:
 * tidying a table cell into paragraphs (markup and blank runs out, every
 * byte's input column kept), finding a choice's pair of boxes
 * ("()実施見込み ()実施できない見込み", ":目標達成 目標未達成") and
 * whether one of them is ticked, and small line tests.
 *
 * Pure functions; struct tidy owns its buffers (text_tidy_release).
 */
#ifndef TORIKUMI_IMPORT_SHEET_TEXT_H
#define TORIKUMI_IMPORT_SHEET_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* One tidied paragraph: text[0..len) (no NUL inside), col[i] = input column of byte i. */
struct para {
    const char *text;
    size_t len;
    const long *col;
};

struct tidy {
    struct strbuf buf;
    long *col;
    size_t cap_col;
    struct para *paras;
    size_t n_paras, cap_paras;
    size_t *starts;            /* paragraph k is buf[starts[2k] .. starts[2k+1]) */
    size_t cap_starts;
    bool open;                 /* a paragraph is being written, from pstart */
    size_t pstart;
};

/*
 * Tidy s[0..n), whose first character is at input column col0, into
 * t->paras: <p ...>, </p> and <br> end a paragraph, <input ...> goes
 * (a checked one becomes ☑, which the box finder reads as a tick), runs
 * of ASCII blanks become one space, paragraphs are trimmed and empty
 * ones dropped.  Other text, markup-looking or not, is kept as it is.
 */
void text_tidy(struct tidy *t, const char *s, size_t n, long col0);
void text_tidy_release(struct tidy *t);

/* A pair of boxes: s[start..end) covers both labels and their marks. */
struct boxes {
    size_t start, end;
    bool ticked[2];
};

/*
 * Find, from byte from, label0 followed (blanks and a mark between) by
 * label1, each with an optional mark before it: an empty one (":", "：",
 * "()", "□"...) or a tick ("☑", "✓", "■", "(レ)"...).  Empty boxes left
 * just before the pair ("() ()実施見込み") are taken in too.
 */
bool text_find_boxes(const char *s, size_t n, size_t from, const char *label0,
                     const char *label1, struct boxes *g);
/* Only marks, colons and brackets: what is left of empty boxes. */
bool text_is_box_debris(const char *s, size_t n);

/* Blank: ASCII blanks (space, tab, CR, FF, VT) and U+3000 only. */
bool text_is_blank(const char *s, size_t n);
/* A table rule: only - = | + : and blanks, with at least two - or =. */
bool text_is_rule(const char *s, size_t n);
/* Narrow s[*a..*b) to drop blanks (as text_is_blank) at both ends. */
void text_trim_line(const char *s, size_t *a, size_t *b);
/* Advance *i over blanks before end. */
void text_skip_blanks(const char *s, size_t *i, size_t end);
/* Value of an ASCII or full-width digit at s, or -1. */
int text_digit(const char *s, size_t n);
/* ASCII letter or digit. */
bool text_is_alnum(char c);
/* Offset of the last needle in s[a..b), or b. */
size_t text_find_last(const char *s, size_t a, size_t b, const char *needle);

#endif
