/*
 * import_csv.h - CSV (as Excel writes it) to a sheet file, streamed.
 *
 * The caller feeds decoded UTF-8 text in pieces of any size; sheet text
 * (header record and descriptors from the form, then one record per
 * row) comes out through a write callback in pieces of about 64 KiB.
 * No struct sheet is built: a 50 MB CSV goes through in constant memory
 * (one row at a time).
 *
 * The header row names the columns.  A header cell (blanks and U+3000
 * around it ignored) is, in this order:
 *   1. a field key of the form (End_Result);
 *   2. Ward, FiscalYear or SheetTitle: the sheet's header record;
 *   3. STAGE/LABEL ('/' or '／'): a field of that stage by label, alias or
 *      key, where STAGE is a stage's label, id or alias (年度評価/課題と改善策,
 *      自己評価/課題と改善策, end/課題と改善策);
 *   4. a field's label or alias (目標の達成, 達成状況) - an error when two
 *      fields share it (課題と改善策): the message names the qualified forms;
 *   5. 区, 年度 or シート名 (Ward, FiscalYear, SheetTitle), unless a field
 *      of the form has that label;
 *   6. anything else is a column the form does not know: its values are
 *      kept as an extra field of every record (a warning says so), named by
 *      import_csv_field_name().
 * Two columns for the same field are an error; unknown columns may
 * repeat (each value becomes one more field of that name).  A column
 * with an empty header must have no values.
 *
 * Rows: an entirely empty row is skipped; a short row is padded with
 * empty cells; cells past the header's columns must be empty.  Values
 * are written as they are (no trimming), in form order, then the extra
 * fields in column order; an empty cell writes no field.  Only these
 * are converted: a choice given by its label becomes its key (目標未達成
 * -> not_achieved); a bool is yes/no/true/false/1/0 in any case (written
 * in lower case), 完了 (yes) or 未完了 (no); for choices, bools and
 * numbers blanks around the value are ignored.  Anything else in a
 * choice, bool or number cell is an error, as is a NUL byte anywhere.
 *
 * Numbering: with a key column (番号/No) every row needs a distinct
 * number; without one, rows are numbered 1, 2, 3... in order.
 *
 * The header record: Ward and FiscalYear come from the options, else
 * from the Ward/FiscalYear columns of the first data row; a column's
 * value in later rows must be the same or empty (or the same as the
 * option).  SheetTitle likewise (default: the form's title).  Without
 * a ward or year the import fails asking for --ward / --year.
 *
 * The rules of the form (required fields, lengths, half-width kana...)
 * are checked on every record and reported as warnings: the data is
 * what it is.
 *
 * Positions: FILE:LINE:COLUMN, LINE the physical line the cell starts
 * on, COLUMN the 1-based cell number; messages say "row R, column C
 * (HEADER)" with R as Excel numbers rows (the header is row 1).
 */
#ifndef TORIKUMI_IMPORT_CSV_H
#define TORIKUMI_IMPORT_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "form.h"
#include "util.h"

struct import_csv_options {
    struct form *form;          /* borrowed */
    const char *file;           /* names the input in messages; borrowed */
    const char *ward;           /* --ward, or NULL */
    long year;                  /* --year, or 0 */
    /* Receives the sheet text; returns 0, or -1 with e set (an I/O error). */
    int (*write)(void *ctx, const char *data, size_t n, struct error *e);
    void *write_ctx;
    /* Called once per warning (w->msg has no "warning:" prefix); valid during the call. */
    void (*warn)(void *ctx, const struct error *w);
    void *warn_ctx;
    /* Tests: run the rules' full character scan on every text (slower, same warnings). */
    bool full_rules;
};

/* What went wrong, for the exit status. */
enum import_csv_failure {
    IMPORT_CSV_INPUT = 1,       /* the input has errors */
    IMPORT_CSV_USAGE = 2,       /* no ward or year: options needed */
    IMPORT_CSV_IO = 3,          /* the write callback failed */
};

struct import_csv_stats {
    size_t rows;                /* data rows read (empty ones included) */
    size_t items;               /* records written */
    size_t warnings;
};

struct import_csv *import_csv_new(const struct import_csv_options *opt);
/*
 * Feed n more bytes of UTF-8 text.  Returns 0, or -1 with e set; then
 * import_csv_failure() says what kind of failure it was, and the reader
 * only repeats it.  Text already written through the callback stays
 * written: the caller discards it (save_stream_abort).
 */
int import_csv_feed(struct import_csv *ic, const char *text, size_t n, struct error *e);
/* End of input: the last row, then the rest of the text.  Returns 0 or -1 as feed. */
int import_csv_finish(struct import_csv *ic, struct error *e);
enum import_csv_failure import_csv_failure(const struct import_csv *ic);
const struct import_csv_stats *import_csv_stats(const struct import_csv *ic);
void import_csv_free(struct import_csv *ic);

/*
 * The field name an unknown column header becomes (appended to out):
 * the header itself when it is a valid recutils field name not starting
 * with '%' ([A-Za-z][A-Za-z0-9_]*), else "X_" followed by the header with
 * ASCII letters and digits kept, '_' doubled and every other byte written
 * as _XX (upper-case hex): メモ -> X__E3_83_A1_E3_83_A2, "No." -> X_No_2E.
 * Deterministic and reversible.  An empty header gives "X_".
 */
void import_csv_field_name(const char *header, size_t n, struct strbuf *out);

#endif
