/*
 * wardcount.c - the per-ward count table (see wardcount.h).
 */
#include "wardcount.h"

#include <stdlib.h>
#include <string.h>

static struct ward_count *group_of(struct ward_table *t, const struct overview_row *r)
{
    for (size_t i = t->n; i-- > 0;)     /* rows come grouped: the last group is the likely one */
        if (t->v[i].year == r->year && str_eq(t->v[i].ward, r->ward))
            return &t->v[i];
    t->v = xrealloc(t->v, (t->n + 1) * sizeof(*t->v));
    struct ward_count *g = &t->v[t->n++];
    memset(g, 0, sizeof(*g));
    g->ward = r->ward;
    g->year = r->year;
    g->per_result = xcalloc(t->n_results + 1, sizeof(size_t));
    return g;
}

static void add_row(struct ward_count *g, const struct overview_row *r, size_t col,
                    size_t n_stages, size_t n_results)
{
    g->items++;
    if (col < n_stages && r->states[col] == STAGE_COMPLETE)
        g->complete++;
    else if (col < n_stages)
        g->incomplete++;
    if (r->errors)
        g->with_errors++;
    g->per_result[r->result >= 0 && (size_t)r->result < n_results ? (size_t)r->result
                                                                   : n_results]++;
}

void ward_table_build(const struct overview *ov, const size_t *rows, size_t n, size_t col,
                      struct ward_table *out)
{
    memset(out, 0, sizeof(*out));
    const struct form *form = overview_form(ov);
    if (form && form->result_field >= 0)
        out->n_results = form->fields[form->result_field].n_choices;
    out->total.per_result = xcalloc(out->n_results + 1, sizeof(size_t));
    size_t n_stages = overview_n_stages(ov);
    for (size_t i = 0; i < n; i++) {
        const struct overview_row *r = overview_row(ov, rows[i]);
        add_row(group_of(out, r), r, col, n_stages, out->n_results);
        add_row(&out->total, r, col, n_stages, out->n_results);
        if (out->v[0].year != r->year)
            out->years_differ = true;
    }
}

void ward_table_free(struct ward_table *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].per_result);
    free(t->v);
    free(t->total.per_result);
    memset(t, 0, sizeof(*t));
}

size_t ward_table_default_col(const struct overview *ov, const size_t *rows, size_t n, int stage)
{
    size_t n_stages = overview_n_stages(ov);
    for (size_t c = 0; c < n_stages; c++)
        if (overview_stage(ov, c) == stage)
            return c;
    for (size_t c = 0; c < n_stages; c++)
        for (size_t i = 0; i < n; i++)
            if (overview_row(ov, rows[i])->states[c] != STAGE_COMPLETE)
                return c;
    return n_stages ? n_stages - 1 : 0;
}
