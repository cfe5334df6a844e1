/*
 * fuzz_import_csv.c - libFuzzer target for CSV import (import_csv.h).
 *
 * Input: the first byte picks a read size (1..256), the rest is the CSV
 * (as UTF-8; other input is skipped: the decoder never passes it on).
 * Checks, besides ASan/UBSan: the same output, warnings and error read
 * whole or in pieces, with the byte scan or the rules' full pass; and a
 * successful import is a sheet (sheet_parse reads it, same item count).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvfeed.h"
#include "form.h"
#include "import_csv.h"
#include "sheet.h"
#include "utf8.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct outcome {
    struct strbuf out, log;
    int rc;
    size_t items;
};

static void run(struct form *form, const char *in, size_t n, size_t step, bool full,
                const char *ward, long year, struct outcome *o)
{
    memset(o, 0, sizeof(*o));
    struct import_csv_options opt = { form, "fuzz.csv", ward, year, csvfeed_collect, &o->out,
                                      csvfeed_collect_warning, &o->log, full };
    struct import_csv *ic = import_csv_new(&opt);
    struct error e;
    int rc = csvfeed_import(ic, in, n, step, &e);
    if (rc < 0)
        strbuf_addf(&o->log, "error %d %ld:%ld: %s\n", (int)import_csv_failure(ic), e.line,
                    e.column, e.msg);
    o->rc = rc;
    o->items = import_csv_stats(ic)->items;
    import_csv_free(ic);
}

static bool same(const struct outcome *a, const struct outcome *b)
{
    return a->rc == b->rc &&
           mem_eq(strbuf_cstr(&a->out), a->out.len, strbuf_cstr(&b->out), b->out.len) &&
           mem_eq(strbuf_cstr(&a->log), a->log.len, strbuf_cstr(&b->log), b->log.len);
}

static void release(struct outcome *o)
{
    strbuf_release(&o->out);
    strbuf_release(&o->log);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct form *form;
    if (!form)
        form = form_builtin();
    if (size < 1)
        return 0;
    size_t step = (size_t)data[0] + 1;
    const char *in = (const char *)data + 1;
    size_t n = size - 1;
    if (utf8_invalid_offset(in, n) != n)
        return 0;
    /* Odd first bytes: no options (ward and year must come from columns). */
    const char *ward = data[0] & 1 ? NULL : "大正区";
    long year = data[0] & 1 ? 0 : 2017;
    struct outcome whole, cut, full;
    run(form, in, n, n ? n : 1, false, ward, year, &whole);
    run(form, in, n, step, false, ward, year, &cut);
    run(form, in, n, n ? n : 1, true, ward, year, &full);
    if (!same(&whole, &cut) || !same(&whole, &full))
        abort();
    if (whole.rc == 0) {
        struct error e;
        struct sheet *s = sheet_parse(whole.out.buf, whole.out.len, "out.rec", form, &e);
        if (!s || s->n_items != whole.items || !s->header)
            abort();
        sheet_free(s);
    }
    release(&whole);
    release(&cut);
    release(&full);
    return 0;
}
