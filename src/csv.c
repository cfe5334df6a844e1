/*
 * csv.c - the CSV reader (a byte-driven state machine that survives any
 * cut between feeds) and the cell writer.
 *
 * The hot paths work on spans, not bytes: an unquoted cell is scanned
 * with a table for ',', CR and LF; a quoted one with memchr() for the
 * next '"' (and for LF, to count lines).  The cells of a row go into one
 * buffer that is reused for every row, so reading allocates only while
 * rows get longer than any before.
 */
#include "csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"


enum state {
    S_START,     /* at the start of a cell (or of a row, when !in_row) */
    S_PLAIN,     /* inside an unquoted cell */
    S_QUOTED,    /* inside quotes */
    S_QUOTE,     /* saw '"' inside quotes: the closing one, or the first of "" */
    S_CR,        /* a CR ended a row; an LF right after it belongs to it */
};

struct cellpos {
    size_t off, len;
    long line;
    bool quoted;
};

struct csv_reader {
    const char *file;
    csv_row_fn fn;
    void *ctx;
    enum state st;
    bool in_row;             /* some byte of the current row was seen */
    long line;               /* current physical line */
    long row;                /* number of the current row */
    long row_line;
    size_t cell_off;         /* where the current cell starts in buf */
    long cell_line;
    bool cell_quoted;
    struct strbuf buf;       /* the row's cells, each NUL-terminated */
    struct cellpos *cells;
    size_t n_cells, cap_cells;
    struct csv_cell *view;   /* what the callback sees */
    size_t cap_view;
    bool failed;
    struct error err;
};

/* Bytes that end an unquoted span. */
static const unsigned char plain_stop[256] = { [','] = 1, ['\n'] = 1, ['\r'] = 1 };

struct csv_reader *csv_reader_new(const char *file, csv_row_fn fn, void *ctx)
{
    struct csv_reader *r = xcalloc(1, sizeof(*r));
    r->file = file;
    r->fn = fn;
    r->ctx = ctx;
    r->st = S_START;
    r->line = 1;
    r->row = 1;
    error_clear(&r->err);
    return r;
}

void csv_reader_free(struct csv_reader *r)
{
    if (!r)
        return;
    strbuf_release(&r->buf);
    free(r->cells);
    free(r->view);
    free(r);
}

void csv_column_name(size_t col, char *out)
{
    char tmp[16];
    size_t n = 0;
    if (col == 0) {
        strcpy(out, "?");
        return;
    }
    while (col > 0 && n < sizeof(tmp) - 1) {
        col--;
        tmp[n++] = (char)('A' + col % 26);
        col /= 26;
    }
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

static int fail(struct csv_reader *r, struct error *e, long line, const char *what)
{
    char col[16];
    csv_column_name(r->n_cells + 1, col);
    error_set(&r->err, r->file, line, (long)r->n_cells + 1, _("row %ld, column %s: %s"), r->row,
              col, what);
    r->failed = true;
    if (e)
        *e = r->err;
    return -1;
}

static void begin_cell(struct csv_reader *r, bool quoted)
{
    if (!r->in_row) {
        r->in_row = true;
        r->row_line = r->line;
    }
    r->cell_off = r->buf.len;
    r->cell_line = r->line;
    r->cell_quoted = quoted;
}

static void end_cell(struct csv_reader *r)
{
    xgrow((void **)&r->cells, &r->cap_cells, r->n_cells + 1, sizeof(*r->cells));
    r->cells[r->n_cells++] = (struct cellpos){ r->cell_off, r->buf.len - r->cell_off,
                                               r->cell_line, r->cell_quoted };
    strbuf_addch(&r->buf, '\0');
}

static int end_row(struct csv_reader *r, struct error *e)
{
    xgrow((void **)&r->view, &r->cap_view, r->n_cells, sizeof(*r->view));
    for (size_t i = 0; i < r->n_cells; i++)
        r->view[i] = (struct csv_cell){ r->buf.buf + r->cells[i].off, r->cells[i].len,
                                        r->cells[i].line, r->cells[i].quoted };
    struct csv_row row = { r->view, r->n_cells, r->row, r->row_line };
    int rc = r->fn ? r->fn(r->ctx, &row, &r->err) : 0;
    strbuf_reset(&r->buf);
    r->n_cells = 0;
    r->in_row = false;
    r->row++;
    if (rc < 0) {
        r->failed = true;
        if (e)
            *e = r->err;
        return -1;
    }
    return 0;
}

/*
 * Describe byte b for a message: 'x', or byte E7 (not the whole character:
 * its other bytes may not have been fed yet, and the message must not
 * depend on how the input was cut).
 */
static void describe_byte(unsigned char b, char *out, size_t size)
{
    if (b >= 0x20 && b < 0x7F)
        snprintf(out, size, "'%c'", b);
    else
        snprintf(out, size, _("byte %02X"), b);
}

static size_t count_lf(const char *p, size_t n)
{
    size_t c = 0;
    const char *end = p + n;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        c++;
        p++;
    }
    return c;
}

/* The row ends at a line break (CR when cr); the byte is consumed by the caller. */
static int line_break(struct csv_reader *r, bool cr, struct error *e)
{
    end_cell(r);
    r->line++;
    r->st = cr ? S_CR : S_START;
    return end_row(r, e);
}

int csv_reader_feed(struct csv_reader *r, const char *data, size_t n, struct error *e)
{
    if (r->failed) {
        if (e)
            *e = r->err;
        return -1;
    }
    size_t i = 0;
    while (i < n) {
        unsigned char b = (unsigned char)data[i];
        switch (r->st) {
        case S_CR:
            r->st = S_START;
            if (b == '\n')
                i++;
            break;
        case S_START:
            if (b == '"') {
                begin_cell(r, true);
                r->st = S_QUOTED;
                i++;
            } else {
                begin_cell(r, false);
                r->st = S_PLAIN;
            }
            break;
        case S_PLAIN: {
            size_t j = i;
            while (j < n && !plain_stop[(unsigned char)data[j]])
                j++;
            strbuf_add(&r->buf, data + i, j - i);
            i = j;
            if (i == n)
                break;
            b = (unsigned char)data[i++];
            if (b == ',') {
                end_cell(r);
                r->st = S_START;
            } else if (line_break(r, b == '\r', e) < 0)
                return -1;
            break;
        }
        case S_QUOTED: {
            const char *q = memchr(data + i, '"', n - i);
            size_t j = q ? (size_t)(q - data) : n;
            strbuf_add(&r->buf, data + i, j - i);
            r->line += (long)count_lf(data + i, j - i);
            i = j;
            if (q) {
                i++;
                r->st = S_QUOTE;
            }
            break;
        }
        case S_QUOTE:
            if (b == '"') {
                strbuf_addch(&r->buf, '"');
                r->st = S_QUOTED;
                i++;
            } else if (b == ',') {
                end_cell(r);
                r->st = S_START;
                i++;
            } else if (b == '\n' || b == '\r') {
                i++;
                if (line_break(r, b == '\r', e) < 0)
                    return -1;
            } else {
                char got[32], what[160];
                describe_byte(b, got, sizeof(got));
                snprintf(what, sizeof(what),
                         _("expected ',' or the end of the row after the closing quote, not %s "
                           "(a quote inside a quoted cell is written \"\")"), got);
                return fail(r, e, r->line, what);
            }
            break;
        }
    }
    return 0;
}

int csv_reader_finish(struct csv_reader *r, struct error *e)
{
    if (r->failed) {
        if (e)
            *e = r->err;
        return -1;
    }
    switch (r->st) {
    case S_START:
        if (!r->in_row)
            return 0;
        begin_cell(r, false);
        break;
    case S_QUOTED: {
        char what[160];
        snprintf(what, sizeof(what), _("unterminated quoted cell: expected a closing '\"' "
                                       "before the end of the input (the quote opened on line "
                                       "%ld)"), r->cell_line);
        return fail(r, e, r->cell_line, what);
    }
    case S_CR:
        return 0;
    case S_PLAIN:
    case S_QUOTE:
        break;
    }
    end_cell(r);
    r->st = S_START;
    return end_row(r, e);
}

/* ---- writing ------------------------------------------------------------- */

static bool needs_quotes(const char *s, size_t n)
{
    if (n == 0)
        return false;
    if (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
        return true;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
            return true;
    return false;
}

void csv_add_cell(struct strbuf *out, const char *s, size_t n, bool first)
{
    if (!first)
        strbuf_addch(out, ',');
    if (!needs_quotes(s, n)) {
        strbuf_add(out, s, n);
        return;
    }
    strbuf_addch(out, '"');
    const char *end = s + n;
    const char *q;
    while ((q = memchr(s, '"', (size_t)(end - s))) != NULL) {
        strbuf_add(out, s, (size_t)(q - s) + 1);
        strbuf_addch(out, '"');
        s = q + 1;
    }
    strbuf_add(out, s, (size_t)(end - s));
    strbuf_addch(out, '"');
}

/* What a spreadsheet takes for the start of a formula (= + - @, tab, CR), and the guard itself. */
static bool starts_formula(const char *s, size_t n)
{
    return n > 0 && memchr("=+-@\t\r'", s[0], 7) != NULL;
}

void csv_add_value(struct strbuf *out, const char *s, size_t n, bool first)
{
    if (!starts_formula(s, n)) {
        csv_add_cell(out, s, n, first);
        return;
    }
    if (!first)
        strbuf_addch(out, ',');
    strbuf_add(out, "\"'", 2);
    for (const char *end = s + n; s < end; s++) {
        if (*s == '"')
            strbuf_addch(out, '"');
        strbuf_addch(out, *s);
    }
    strbuf_addch(out, '"');
}

size_t csv_value_guard(const char *s, size_t n)
{
    return n > 1 && s[0] == '\'' && starts_formula(s + 1, n - 1);
}

void csv_end_row(struct strbuf *out)
{
    strbuf_add(out, "\r\n", 2);
}
