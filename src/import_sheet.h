/*
 * import_sheet.h - read the "sheet" text layout: the text pulled out of
 * the published 取組シート PDFs, one 取組項目 after another.
 *
 * An item is "取組項目 N", its 【title】 (one or more lines), an optional
 * subtitle line, then the stages 計画 / 中間振り返り / 年度評価 as table
 * rows whose cells are separated by tabs.  The layout varies from item
 * to item (stage name in its own cell or missing, <p> markup or none,
 * columns in different orders, stage headings 自己評価 / 評価 / 直前評価
 * ...); the parser places text by what it says - the form's column
 * headings, the (趣旨・目的)-style sub-headings and the choice boxes - and
 * uses the tab columns only to resolve what the text leaves open.
 *
 * What the parser owns: turning bytes into items of (field key, value,
 * line, column) and warnings.  It is pure (no I/O, no globals), linear
 * in the input, and never guesses: a choice whose tick did not survive
 * is left empty and reported.  The words it reads (stage names, the
 * 計画 sub-headings, the choices' labels) come from the form through a
 * struct import_sheet_vocab; import_sheet_fill() is the thin step that
 * copies the items into a struct sheet, each value into the field the
 * form's structure gives it (import_sheet_layout).
 *
 * Text tidying (values are otherwise the input's characters, unchanged):
 *   - <p>, <p attr...>, </p> and <br> end a paragraph; paragraphs of one
 *     value (and the cells or rows a value continues into) are joined
 *     with a single "\n";
 *   - <input type="checkbox"/> is removed (a checked one counts as a tick);
 *   - runs of ASCII blanks (space, tab, CR, FF, VT) become one space and
 *     are trimmed at both ends of a paragraph; U+3000 is prose and kept;
 *   - a title (or subtitle) over several lines is joined with nothing
 *     between the lines (a blank only between two ASCII letters/digits);
 *   - the form's own text (column headings, 課題と改善策 左記が「」の場合は
 *     必須, the choice labels and their boxes, table rules) is dropped.
 *
 * What torikumi's own printed sheet adds (export_html.h), read as
 * `pdftotext -raw` gives it (content order: a cell's lines in a row):
 *   - the page heading (the lines before the first item: the sheet's
 *     title, then ward and year) printed again on every page: a line equal
 *     to one of them is dropped wherever it appears later;
 *   - 完了 alone on the line after a stage's name: the stage is marked
 *     complete (done[]); import_sheet_fill() sets its done field;
 *   - 目標の達成 before the result's boxes: the choice's label, dropped;
 *   - the heading's second line "WARD　平成29年度（2017年度）" (ward, a
 *     U+3000, the Japanese fiscal year, the Western one in full-width
 *     brackets): ward and year, so the import needs no --ward / --year;
 *   - a line starting with IMPORT_SHEET_LITERAL (¶): a value's line that
 *     would read as layout (see import_sheet_line_needs_mark), text as it is.
 *
 * Limits, so that any input ends quickly: a title spans at most 4 lines,
 * a document holds at most 100000 items (more is an error), and at most
 * 10000 warnings are kept (then one saying the rest were dropped).
 *
 * Ownership: import_sheet_parse() fills a struct import_sheet that owns
 * every string in it; free it with import_sheet_free().
 */
#ifndef TORIKUMI_IMPORT_SHEET_H
#define TORIKUMI_IMPORT_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* The values the layout carries, in form order. */
enum import_sheet_field {
    IMPORT_TITLE,
    IMPORT_SUBTITLE,
    IMPORT_PLAN_PURPOSE,
    IMPORT_PLAN_OVERVIEW,
    IMPORT_PLAN_GOAL,
    IMPORT_PLAN_ACTIONS,
    IMPORT_PLAN_YEARGOAL,
    IMPORT_MID_PROGRESS,    /* choice key, only when a box was ticked */
    IMPORT_MID_OUTLOOK,     /* choice key, only when a box was ticked */
    IMPORT_MID_ISSUES,
    IMPORT_END_RESULTS,
    IMPORT_END_RESULT,      /* choice key, only when a box was ticked */
    IMPORT_END_ISSUES,
    IMPORT_N_FIELDS
};

enum import_sheet_stage { IMPORT_PLAN, IMPORT_MID, IMPORT_END, IMPORT_N_STAGES };
enum import_sheet_choice { IMPORT_CHOICE_PROGRESS, IMPORT_CHOICE_OUTLOOK,
                           IMPORT_CHOICE_RESULT, IMPORT_N_CHOICES };

struct import_value {
    char *text;       /* NUL-terminated; NULL when the layout had nothing */
    size_t len;
    long line;        /* where the value starts in the input (1-based) */
    long column;      /* in characters, 1-based */
};

struct import_item {
    long no;          /* N of 取組項目 N */
    long line;        /* line of 取組項目 N */
    struct import_value values[IMPORT_N_FIELDS];
    bool done[IMPORT_N_STAGES];   /* 完了 printed under the stage's name */
};

struct import_warning {
    long item;        /* item number, 0 when outside any item */
    long line;        /* 1-based; 0 when unknown */
    long column;      /* 1-based characters; 0 when not meaningful */
    char *msg;
};

struct import_sheet {
    char *title;      /* the sheet's title: the first line before any item, or NULL */
    long title_line;
    /* the line after the title as torikumi prints it, "WARD　ERA年度（YYYY年度）": */
    char *ward;       /* WARD, or NULL (no such line, or no ward before the year) */
    long year;        /* YYYY, or 0 */
    long year_line;
    struct import_item *items;
    size_t n_items, cap_items;
    struct import_warning *warnings;
    size_t n_warnings, cap_warnings;
};

/*
 * The words the parser takes from a form: the key of the field each value
 * fills (its warnings name it), each stage's heading and its aliases
 * (年度評価: 自己評価, 評価, 直前評価...), each 計画 value's sub-heading
 * and aliases (趣旨・目的: 戦略...), and each choice's two keys and labels
 * in form order.  Pointers are borrowed; lists need not be
 * NULL-terminated.  The column headings of the printed form (取組の方針・
 * 目標内容, 課題と改善策 ...) are the layout's own and built in.
 */
struct import_sheet_names {
    const char *label;
    const char *const *aliases;
    size_t n_aliases;
};

struct import_sheet_choice_labels {
    const char *key[2];
    const char *label[2];
};

#define IMPORT_N_PLAN (IMPORT_PLAN_YEARGOAL - IMPORT_PLAN_PURPOSE + 1)

struct import_sheet_vocab {
    const char *keys[IMPORT_N_FIELDS];   /* the field each value fills, as warnings name it */
    struct import_sheet_names stages[IMPORT_N_STAGES];
    /* by field - IMPORT_PLAN_PURPOSE; the goal's names in the right-hand
       column (当年度の取組内容) mean the year goal */
    struct import_sheet_names plan[IMPORT_N_PLAN];
    struct import_sheet_choice_labels choices[IMPORT_N_CHOICES];
};

/*
 * Parse text[0..len) (UTF-8; a leading BOM and CRLF line ends are fine).
 * file names the input in errors; vocab is the form's words
 * (import_sheet_vocab_from_form, import_sheet_default_vocab).
 * Returns 0 with out filled, or -1 with e set to the line, column and
 * what was expected (out is then empty).  Invalid UTF-8, NUL and control
 * characters other than tab, CR, FF and VT are errors.
 */
int import_sheet_parse(const char *text, size_t len, const char *file,
                       const struct import_sheet_vocab *vocab,
                       struct import_sheet *out, struct error *e);
void import_sheet_free(struct import_sheet *s);

struct form;
struct sheet;

/*
 * Where form f puts what the layout carries, read from the form's
 * structure as export_html.h prints it, never from field names: the
 * stage of the key field is the item's heading (its TitleField in 【】,
 * the one other shown text field of that stage under it); the other
 * stages, in form order, are 計画, 中間振り返り and 年度評価, and each
 * one's shown text and choice fields, in form order, are that stage's
 * values in the order of enum import_sheet_field (計画: five texts;
 * 中間振り返り: two choices of two, a text; 年度評価: a text, a choice
 * of two, a text).  Returns 0, or -1 with e naming where f differs.
 */
struct import_sheet_layout {
    int field[IMPORT_N_FIELDS];      /* form field of each value */
    int stage[IMPORT_N_STAGES];      /* form stage of each stage of the layout */
};
int import_sheet_layout(const struct form *f, struct import_sheet_layout *out, struct error *e);

/*
 * The vocabulary of form f (laid out as import_sheet_layout says): its
 * fields' keys, its stages' labels and aliases, the labels and aliases
 * of the 計画 fields, the keys and labels of the three choices.  v borrows
 * f's strings.  Returns 0, or -1 with e naming what the form lacks.
 */
int import_sheet_vocab_from_form(struct import_sheet_vocab *v, const struct form *f,
                                 struct error *e);
/* The vocabulary of the built-in form (kaikaku-2.0), made once. */
const struct import_sheet_vocab *import_sheet_default_vocab(void);

/*
 * Append the items of in to sheet s (new or loaded), in order: No, then
 * every value the layout carried, and "yes" in the done field of a stage
 * printed 完了.  Nothing else is set: no other done marks, no choice the
 * layout did not tick.  Returns 0, or -1 with e (a field
 * the form lacks, a number s already has); s may then hold part of them.
 */
int import_sheet_fill(const struct import_sheet *in, struct sheet *s, struct error *e);

/*
 * A value's line that the reader would take for the layout (取組項目 N, a
 * stage's name, a column heading at its start, (趣旨・目的)-style
 * sub-headings, both labels of a choice, 完了, a table rule, markup the
 * tidying reads, a line starting with the mark) is printed after
 * IMPORT_SHEET_LITERAL; a line starting with the mark is read as text of
 * the value being read, the mark dropped, nothing in it taken for layout.
 * Lines equal to the page heading the printer knows itself.
 */
#define IMPORT_SHEET_LITERAL "¶"
bool import_sheet_line_needs_mark(const struct import_sheet_vocab *v, const char *s, size_t n);

/* Append "FILE:LINE:COL: item N: MSG" (omitting what is unknown). */
void import_warning_format(const struct import_warning *w, const char *file,
                           struct strbuf *out);

#endif
