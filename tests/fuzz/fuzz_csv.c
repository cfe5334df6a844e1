/*
 * fuzz_csv.c - libFuzzer target for the CSV reader and writer (csv.h).
 *
 * Input: the first byte picks a read size (1..256), the rest is CSV.
 * Checks, besides ASan/UBSan: the rows (or the error) are the same read
 * whole and read in pieces; every cell is NUL-terminated; a row written
 * back with csv_add_cell/csv_end_row reads back as the same cells.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "csvfeed.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct digest {
    struct strbuf rows;     /* every row: cells with lengths, so NULs and commas are exact */
    struct strbuf rewritten;
    bool rewrite;
    bool failed;
};

static int on_row(void *ctx, const struct csv_row *row, struct error *e)
{
    (void)e;
    struct digest *d = ctx;
    if (row->n_cells == 0 || row->number < 1 || row->line < 1)
        abort();
    strbuf_addf(&d->rows, "row %ld@%ld %zu\n", row->number, row->line, row->n_cells);
    for (size_t i = 0; i < row->n_cells; i++) {
        const struct csv_cell *c = &row->cells[i];
        if (c->data[c->len] != '\0' || c->line < row->line)
            abort();
        strbuf_addf(&d->rows, "%zu:%ld:%d:", c->len, c->line, c->quoted);
        strbuf_add(&d->rows, c->data, c->len);
        strbuf_addch(&d->rows, '\n');
        if (d->rewrite)
            csv_add_cell(&d->rewritten, c->data, c->len, i == 0);
    }
    if (d->rewrite)
        csv_end_row(&d->rewritten);
    return 0;
}

/* Parse in pieces of step bytes; the digest gets the rows, then the error if any. */
static void parse(const char *in, size_t n, size_t step, struct digest *d)
{
    struct csv_reader *r = csv_reader_new("fuzz.csv", on_row, d);
    struct error e;
    if (csvfeed_reader(r, in, n, step, &e) < 0) {
        strbuf_addf(&d->rows, "error %ld:%ld: %s\n", e.line, e.column, e.msg);
        d->failed = true;
    }
    csv_reader_free(r);
}

/* Cell values only ("len:bytes"), for comparing a rewrite with the original. */
static void values_of(const struct strbuf *rows, struct strbuf *out)
{
    const char *p = strbuf_cstr(rows), *end = p + rows->len;
    while (p < end) {
        if (strncmp(p, "row ", 4) == 0) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            strbuf_addstr(out, "|row\n");
            p = nl ? nl + 1 : end;
            continue;
        }
        size_t len = strtoul(p, NULL, 10);
        const char *c = p;
        for (int k = 0; k < 3; k++)
            c = memchr(c, ':', (size_t)(end - c)) + 1;
        strbuf_addf(out, "%zu:", len);
        strbuf_add(out, c, len);
        strbuf_addch(out, '\n');
        p = c + len + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t step = (size_t)data[0] + 1;
    const char *in = (const char *)data + 1;
    size_t n = size - 1;
    struct digest whole = { STRBUF_INIT, STRBUF_INIT, true, false };
    struct digest cut = { STRBUF_INIT, STRBUF_INIT, false, false };
    parse(in, n, n ? n : 1, &whole);
    parse(in, n, step, &cut);
    if (!mem_eq(strbuf_cstr(&whole.rows), whole.rows.len, strbuf_cstr(&cut.rows), cut.rows.len))
        abort();
    /* Written back, the rows read as the same cells (when the input had no error). */
    if (!whole.failed) {
        struct digest again = { STRBUF_INIT, STRBUF_INIT, false, false };
        parse(strbuf_cstr(&whole.rewritten), whole.rewritten.len,
              whole.rewritten.len ? whole.rewritten.len : 1, &again);
        struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
        values_of(&whole.rows, &a);
        values_of(&again.rows, &b);
        if (!mem_eq(strbuf_cstr(&a), a.len, strbuf_cstr(&b), b.len))
            abort();
        strbuf_release(&a);
        strbuf_release(&b);
        strbuf_release(&again.rows);
        strbuf_release(&again.rewritten);
    }
    strbuf_release(&whole.rows);
    strbuf_release(&whole.rewritten);
    strbuf_release(&cut.rows);
    strbuf_release(&cut.rewritten);
    return 0;
}
