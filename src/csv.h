/*
 * csv.h - CSV as Excel reads and writes it: a streaming reader and the
 * cell writer.  Pure: no I/O, no locale, bytes in and bytes out.
 *
 * Reading (RFC 4180 plus Excel's habits):
 *   - cells are separated by ',', rows end with CRLF, LF or a lone CR;
 *   - a cell whose first byte is '"' is quoted: it runs to the next '"'
 *     that is not doubled ("" is one quote), and may hold ',', CR and LF
 *     (a line break typed with Alt+Enter is a bare LF inside quotes);
 *     bytes inside quotes are kept as they are;
 *   - after the closing quote only ',' or the end of the row may follow:
 *     anything else is an error (Excel would glue it on; we refuse to
 *     guess);
 *   - a '"' anywhere but at the start of a cell is an ordinary byte
 *     (5" floppy), as Excel reads it;
 *   - a quote still open at the end of the input is an error that names
 *     the line where it opened;
 *   - an empty line is a row of one empty cell; the input's last row need
 *     not end with a line break; nothing is trimmed.
 * The row length is not checked here: short and long rows are the
 * caller's business.
 *
 * Positions: rows are numbered from 1 (the header is row 1), as Excel
 * shows them; a row that holds line breaks inside quotes spans several
 * lines, so each row and cell also carries the 1-based physical line it
 * starts on (LF, CRLF and, outside quotes, a lone CR end a line).
 * Errors set e->line to that physical line and e->column to the 1-based
 * cell number, and say "row R, column C" (Excel's column letters).
 *
 * The output of a row does not depend on how the input was cut into
 * feeds: a CRLF, a doubled quote or a cell may be split anywhere.
 *
 * Ownership: the reader owns the row it passes to the callback; cells
 * point into a buffer reused for the next row, valid only during the
 * call.  Each cell's data is NUL-terminated (it may hold NULs itself;
 * len counts the bytes).
 */
#ifndef TORIKUMI_CSV_H
#define TORIKUMI_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct csv_cell {
    const char *data;
    size_t len;
    long line;          /* physical line the cell starts on */
    bool quoted;
};

struct csv_row {
    const struct csv_cell *cells;
    size_t n_cells;     /* at least 1 */
    long number;        /* 1-based row number */
    long line;          /* physical line the row starts on */
};

/* Called once per row; returning -1 (with e set) stops the reader with that error. */
typedef int (*csv_row_fn)(void *ctx, const struct csv_row *row, struct error *e);

/* file names the input in errors (borrowed, may be NULL). */
struct csv_reader *csv_reader_new(const char *file, csv_row_fn fn, void *ctx);
/*
 * Parse n more bytes, calling fn for every row they complete.  Returns 0,
 * or -1 with e set; after that the reader repeats the error.
 */
int csv_reader_feed(struct csv_reader *r, const char *data, size_t n, struct error *e);
/* End of input: the last row (if any) goes to fn; an open quote is an error. */
int csv_reader_finish(struct csv_reader *r, struct error *e);
void csv_reader_free(struct csv_reader *r);

/* Excel's name of 1-based column col: A, B, ..., Z, AA, AB...; out needs 16 bytes. */
void csv_column_name(size_t col, char *out);

/*
 * Writing.  csv_add_cell appends one cell (a ',' first unless first),
 * quoted when it holds ',', '"', CR or LF or begins or ends with a space
 * or tab (so that no reader trims it); quotes are doubled and line
 * breaks are written as they are (a bare LF stays a bare LF, as Excel's
 * Alt+Enter).  csv_end_row appends CRLF, Excel's row end.  Works on any
 * ASCII-compatible encoding whose multi-byte characters never contain
 * the bytes ',', '"', CR or LF (UTF-8, CP932).
 */
void csv_add_cell(struct strbuf *out, const char *s, size_t n, bool first);
void csv_end_row(struct strbuf *out);
/*
 * A value from a sheet, for a spreadsheet: the one place where formula
 * injection is neutralised (export and summary use it).  A value that
 * starts with = + - @, a tab or a CR (Excel would run =HYPERLINK(...),
 * +cmd|..., @SUM(...)) is written quoted with a leading ', and so is one
 * that starts with ' itself, so that the guard can be taken off exactly:
 * csv_value_guard() gives the bytes to skip (0 or 1) when reading such a
 * cell back (import).  Other values as csv_add_cell.
 */
void csv_add_value(struct strbuf *out, const char *s, size_t n, bool first);
size_t csv_value_guard(const char *s, size_t n);

#endif
