/*
 * csvfeed.c - the CSV tests' shared sinks and feeding (see csvfeed.h).
 */
#include "csvfeed.h"

int csvfeed_collect(void *sb, const char *data, size_t n, struct error *e)
{
    (void)e;
    strbuf_add(sb, data, n);
    return 0;
}

void csvfeed_collect_warning(void *sb, const struct error *w)
{
    strbuf_addf(sb, "%ld:%ld: %s\n", w->line, w->column, w->msg);
}

static size_t piece(size_t n, size_t i, size_t step)
{
    return n - i < step ? n - i : step;
}

int csvfeed_reader(struct csv_reader *r, const char *in, size_t n, size_t step, struct error *e)
{
    for (size_t i = 0; i < n; i += step)
        if (csv_reader_feed(r, in + i, piece(n, i, step), e) < 0)
            return -1;
    return csv_reader_finish(r, e);
}

int csvfeed_import(struct import_csv *ic, const char *in, size_t n, size_t step,
                   struct error *e)
{
    for (size_t i = 0; i < n; i += step)
        if (import_csv_feed(ic, in + i, piece(n, i, step), e) < 0)
            return -1;
    return import_csv_finish(ic, e);
}
