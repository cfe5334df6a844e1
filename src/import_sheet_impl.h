/*
 * import_sheet_impl.h - the inside of the sheet importer, shared by its
 * three files and by nothing else:
 *   import_sheet.c       lines, items, titles; the public entry points;
 *   import_sheet_body.c  an item's body rows: stages and their values;
 *   import_sheet_text.c  tidying a table cell into paragraphs (markup and
 *                        blank runs out, every byte's input column kept),
 *                        finding a choice's pair of boxes and whether one
 *                        is ticked, small line tests.
 * (import_sheet_fill.c, the side that knows forms and sheets, needs none
 * of this.)  The text functions are pure; struct tidy owns its buffers.
 */
#ifndef TORIKUMI_IMPORT_SHEET_IMPL_H
#define TORIKUMI_IMPORT_SHEET_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "import_sheet.h"
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

/* ---- the parser ---- */

#define MAX_COLS 32            /* tab columns whose last value is remembered */
#define NO_STAGE (-1)
#define NO_FIELD (-1)

enum state { S_BEFORE, S_EXPECT_TITLE, S_TITLE, S_AFTER_TITLE, S_BODY };
enum side { LEFT, RIGHT };
enum end_ctx { CTX_RESULTS, CTX_ISSUES };

/* A value being collected: its paragraphs joined by "\n". */
struct acc {
    struct strbuf sb;
    long line, column;
};

struct choice_state {
    bool found, conflict;
    int tick;                  /* -1 none, else 0 or 1 */
    long line, column;         /* the first pair of boxes */
};

#define MAX_HEADING_LINES 4     /* lines before the first item remembered as the page heading */

struct parser {
    const struct import_sheet_vocab *v;
    const char *file;
    struct error *e;
    struct import_sheet *out;
    long line;
    enum state state;
    struct tidy tidy;
    /* the item being read */
    struct import_item *item;
    long title_line;
    int title_lines;
    struct acc acc[IMPORT_N_FIELDS];
    int stage;
    bool seen[IMPORT_N_STAGES];
    long stage_line[IMPORT_N_STAGES];
    /* 計画 */
    int plan_field;
    enum side side;
    int col_field[MAX_COLS];
    bool after_stage_name;     /* the last body row was a stage name alone */
    /* the lines before the first item: a page heading printed again on every page */
    struct strbuf heading[MAX_HEADING_LINES];
    size_t n_heading;
    /* boxes, and 年度評価 text before / after its boxes */
    struct choice_state choice[IMPORT_N_CHOICES];
    bool end_boxes;
    enum end_ctx end_ctx;
    struct acc end_before, end_after, end_by_ctx[2];
};

/* import_sheet.c */
void import_warn(struct parser *p, long line, long column, const char *fmt, ...)
    PRINTF_LIKE(4, 5);
void import_acc_add(struct acc *a, const char *s, size_t n, long line, long column);

/* import_sheet_body.c */
void import_body_start(struct parser *p);
/* A body row: -1 with p->e set on a structure error. */
int import_body_line(struct parser *p, const char *s, size_t n);
/* Could this line be a body row rather than the item's subtitle? */
bool import_is_body_line(struct parser *p, const char *s, size_t n);
/* s[0..n): text of the value being read, as it is (a line after the literal mark). */
int import_body_literal(struct parser *p, const char *s, size_t n);
/* Close the last stage, report what the item lacks, store its choices. */
void import_body_finish(struct parser *p);

#endif
