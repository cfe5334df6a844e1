/*
 * overview.c - rows of (sheet, item) computed once; filters, sorts and
 * counts that only read them (overview.h).
 */
#include "overview.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

struct overview {
    struct sheet **sheets;      /* a copy of the array given */
    size_t n_sheets;
    const struct form *form;
    int *stages;                /* stage columns: form stage indices */
    size_t n_stages;
    int *col_of_stage;          /* form stage -> column, -1 */
    struct overview_row *rows;
    size_t n_rows;
    unsigned char *states;      /* n_rows * n_stages */
    size_t *first_row;          /* per sheet: its first row */
    size_t *ward_rank;          /* per sheet: order of its ward's first appearance */
    struct problem_list *sheet_level;   /* per sheet */
};

static bool same_form(const struct form *a, const struct form *b)
{
    if (a == b)
        return true;
    if (!str_eq(a->id, b->id) || a->n_stages != b->n_stages || a->n_fields != b->n_fields ||
        a->result_field != b->result_field || a->title_field != b->title_field)
        return false;
    for (size_t st = 0; st < a->n_stages; st++)
        if (a->stages[st].done_field != b->stages[st].done_field)
            return false;
    return a->result_field < 0 ||
           a->fields[a->result_field].n_choices == b->fields[b->result_field].n_choices;
}

static long sheet_year(const struct sheet *s)
{
    long v;
    return rules_fiscal_year(sheet_header_get(s, "FiscalYear"), &v) ? v : -1;
}

static void compute_row(struct overview *ov, size_t row)
{
    struct overview_row *r = &ov->rows[row];
    const struct sheet *s = ov->sheets[r->sheet];
    const struct item *it = &s->items[r->item];
    const struct form *form = s->form;
    struct problem_list pl = { NULL, 0, 0 };
    rules_check_item(s, r->item, &pl);
    const struct problem_list *sl = &ov->sheet_level[r->sheet];
    for (size_t i = 0; i < sl->n; i++)
        if (sl->v[i].item == (long)r->item) {
            xgrow((void **)&pl.v, &pl.cap, pl.n + 1, sizeof(*pl.v));
            pl.v[pl.n++] = sl->v[i];
        }
    r->number = item_number(s, it);
    const char *ward = sheet_header_get(s, "Ward");
    r->ward = ward ? ward : "";
    r->year = sheet_year(s);
    r->title = form->title_field >= 0 ? item_get(s, it, form->title_field) : NULL;
    if (r->title && !rules_filled(r->title))
        r->title = NULL;
    r->result = -1;
    if (form->result_field >= 0) {
        const char *v = item_get(s, it, form->result_field);
        if (v)
            r->result = form_choice_index(&form->fields[form->result_field], v, strlen(v), false);
    }
    r->errors = problems_count(&pl, SEV_ERROR);
    r->warnings = problems_count(&pl, SEV_WARNING);
    for (size_t c = 0; c < ov->n_stages; c++)
        r->states[c] = (unsigned char)rules_stage_state(s, r->item, ov->stages[c], &pl);
    problems_free(&pl);
}

struct overview *overview_build(struct sheet *const *sheets, size_t n_sheets, struct error *e)
{
    for (size_t i = 1; i < n_sheets; i++)
        if (!same_form(sheets[0]->form, sheets[i]->form)) {
            error_set(e, sheets[i]->path, 0, 0, _("uses form \"%s\", the other sheets \"%s\""),
                      sheets[i]->form->id, sheets[0]->form->id);
            return NULL;
        }
    struct overview *ov = xcalloc(1, sizeof(*ov));
    ov->sheets = xcalloc(n_sheets + 1, sizeof(*ov->sheets));
    for (size_t i = 0; i < n_sheets; i++)
        ov->sheets[i] = sheets[i];
    ov->n_sheets = n_sheets;
    ov->form = n_sheets ? sheets[0]->form : NULL;
    size_t n_form_stages = ov->form ? ov->form->n_stages : 0;
    ov->stages = xcalloc(n_form_stages + 1, sizeof(int));
    ov->col_of_stage = xcalloc(n_form_stages + 1, sizeof(int));
    for (size_t st = 0; st < n_form_stages; st++) {
        ov->col_of_stage[st] = -1;
        if (ov->form->stages[st].done_field >= 0) {
            ov->col_of_stage[st] = (int)ov->n_stages;
            ov->stages[ov->n_stages++] = (int)st;
        }
    }
    ov->first_row = xcalloc(n_sheets + 1, sizeof(size_t));
    ov->ward_rank = xcalloc(n_sheets + 1, sizeof(size_t));
    ov->sheet_level = xcalloc(n_sheets + 1, sizeof(struct problem_list));
    for (size_t i = 0; i < n_sheets; i++) {
        ov->first_row[i] = ov->n_rows;
        ov->n_rows += sheets[i]->n_items;
        const char *w = sheet_header_get(sheets[i], "Ward");
        ov->ward_rank[i] = i;
        for (size_t j = 0; j < i; j++) {
            const char *wj = sheet_header_get(sheets[j], "Ward");
            if (str_eq(w ? w : "", wj ? wj : "")) {
                ov->ward_rank[i] = ov->ward_rank[j];
                break;
            }
        }
        rules_check_sheet_level(sheets[i], &ov->sheet_level[i]);
    }
    ov->first_row[n_sheets] = ov->n_rows;
    ov->rows = xcalloc(ov->n_rows + 1, sizeof(*ov->rows));
    ov->states = xcalloc(ov->n_rows * ov->n_stages + 1, 1);
    size_t row = 0;
    for (size_t i = 0; i < n_sheets; i++)
        for (size_t it = 0; it < sheets[i]->n_items; it++, row++) {
            ov->rows[row].sheet = i;
            ov->rows[row].item = it;
            ov->rows[row].states = ov->states + row * ov->n_stages;
            compute_row(ov, row);
        }
    return ov;
}

void overview_free(struct overview *ov)
{
    if (!ov)
        return;
    for (size_t i = 0; i < ov->n_sheets; i++)
        problems_free(&ov->sheet_level[i]);
    free(ov->sheet_level);
    free(ov->sheets);
    free(ov->stages);
    free(ov->col_of_stage);
    free(ov->rows);
    free(ov->states);
    free(ov->first_row);
    free(ov->ward_rank);
    free(ov);
}

const struct form *overview_form(const struct overview *ov)
{
    return ov->form;
}

size_t overview_n_stages(const struct overview *ov)
{
    return ov->n_stages;
}

int overview_stage(const struct overview *ov, size_t col)
{
    return ov->stages[col];
}

size_t overview_n_rows(const struct overview *ov)
{
    return ov->n_rows;
}

const struct overview_row *overview_row(const struct overview *ov, size_t row)
{
    return &ov->rows[row];
}

const char *overview_result_label(const struct overview *ov, const struct overview_row *r)
{
    if (!ov->form || ov->form->result_field < 0)
        return "";
    if (r->result < 0)
        return _("not chosen");
    return ov->form->fields[ov->form->result_field].choices[r->result].label;
}

void overview_refresh_item(struct overview *ov, size_t sheet, size_t item)
{
    if (sheet >= ov->n_sheets || item >= ov->first_row[sheet + 1] - ov->first_row[sheet])
        return;
    /*
     * A changed number may make or break a number used twice: check the
     * sheet level again and recompute the rows it named before and now.
     */
    struct problem_list old = ov->sheet_level[sheet];
    memset(&ov->sheet_level[sheet], 0, sizeof(old));
    rules_check_sheet_level(ov->sheets[sheet], &ov->sheet_level[sheet]);
    size_t base = ov->first_row[sheet], n = ov->first_row[sheet + 1] - base;
    compute_row(ov, base + item);
    const struct problem_list *lists[2] = { &old, &ov->sheet_level[sheet] };
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < lists[l]->n; i++) {
            long it = lists[l]->v[i].item;
            if (it >= 0 && (size_t)it < n && (size_t)it != item)
                compute_row(ov, base + (size_t)it);
        }
    problems_free(&old);
}

/* ---- selection ------------------------------------------------------------------- */

static bool passes(const struct overview *ov, const struct overview_row *r,
                   const struct overview_filter *f)
{
    if (f->problems_only && r->errors == 0)
        return false;
    if (f->ward && (!str_eq(r->ward, f->ward) || (f->year && r->year != f->year)))
        return false;
    if (f->result == -2 ? r->result >= 0 : f->result >= 0 && r->result != f->result)
        return false;
    if (f->incomplete_stage >= 0 && ov->form && (size_t)f->incomplete_stage < ov->form->n_stages) {
        int col = ov->col_of_stage[f->incomplete_stage];
        if (col >= 0 && r->states[col] == STAGE_COMPLETE)
            return false;
    }
    return true;
}

/* A row's sort key, compared field by field. */
struct sort_key {
    size_t k[6];
};

static int cmp_key(const void *pa, const void *pb)
{
    const struct sort_key *a = pa, *b = pb;
    for (size_t i = 0; i < ARRAY_LEN(a->k); i++)
        if (a->k[i] != b->k[i])
            return a->k[i] < b->k[i] ? -1 : 1;
    return 0;
}

/*
 * By number: (ward, number, row).  By state: (errors first, stages
 * marked complete, state of the first stage not complete, ward, number,
 * row).  The row index last makes both stable.
 */
static void make_key(const struct overview *ov, size_t row, enum overview_sort sort,
                     struct sort_key *key)
{
    const struct overview_row *r = &ov->rows[row];
    size_t no = r->number < 0 ? (size_t)-1 : (size_t)r->number;     /* missing: last */
    size_t i = 0;
    if (sort == OVERVIEW_SORT_STATE) {
        size_t done = 0, first = 2;
        for (size_t c = 0; c < ov->n_stages; c++) {
            if (r->states[c] == STAGE_COMPLETE || r->states[c] == STAGE_COMPLETE_PROBLEMS)
                done++;
            else if (first == 2)
                first = r->states[c] == STAGE_EMPTY ? 0 : 1;
        }
        key->k[i++] = r->errors ? 0 : 1;
        key->k[i++] = done;
        key->k[i++] = first;
    }
    key->k[i++] = ov->ward_rank[r->sheet];
    key->k[i++] = no;
    key->k[i++] = row;
    while (i < ARRAY_LEN(key->k))
        key->k[i++] = 0;
}

size_t overview_select(const struct overview *ov, const struct overview_filter *filter,
                       enum overview_sort sort, size_t **rows)
{
    struct sort_key *keys = xmalloc((ov->n_rows + 1) * sizeof(*keys));
    size_t n = 0;
    for (size_t i = 0; i < ov->n_rows; i++)
        if (!filter || passes(ov, &ov->rows[i], filter))
            make_key(ov, i, sort, &keys[n++]);
    qsort(keys, n, sizeof(*keys), cmp_key);
    size_t *sel = xmalloc((n + 1) * sizeof(size_t));
    for (size_t i = 0; i < n; i++)
        sel[i] = keys[i].k[sort == OVERVIEW_SORT_STATE ? 5 : 2];
    free(keys);
    *rows = sel;
    return n;
}

int overview_result_choice(const struct overview *ov, const char *s)
{
    if (!ov->form || ov->form->result_field < 0)
        return -1;
    const struct form_field *fld = &ov->form->fields[ov->form->result_field];
    int c = form_choice_index(fld, s, strlen(s), false);
    return c >= 0 ? c : form_choice_index(fld, s, strlen(s), true);
}

int overview_stage_by_name(const struct overview *ov, const char *s)
{
    for (size_t c = 0; c < ov->n_stages; c++) {
        const struct form_stage *st = &ov->form->stages[ov->stages[c]];
        if (str_eq(st->id, s) || str_eq(st->label, s))
            return ov->stages[c];
    }
    return -1;
}

void overview_count(const struct overview *ov, const size_t *rows, size_t n,
                    struct overview_counts *out)
{
    memset(out, 0, sizeof(*out));
    out->rows = n;
    if (ov->form && ov->form->result_field >= 0)
        out->n_results = ov->form->fields[ov->form->result_field].n_choices;
    out->per_result = xcalloc(out->n_results + 1, sizeof(size_t));
    out->complete = xcalloc(ov->n_stages + 1, sizeof(size_t));
    out->complete_problems = xcalloc(ov->n_stages + 1, sizeof(size_t));
    for (size_t i = 0; i < n; i++) {
        const struct overview_row *r = &ov->rows[rows[i]];
        out->per_result[r->result >= 0 ? (size_t)r->result : out->n_results]++;
        for (size_t c = 0; c < ov->n_stages; c++) {
            if (r->states[c] == STAGE_COMPLETE)
                out->complete[c]++;
            else if (r->states[c] == STAGE_COMPLETE_PROBLEMS)
                out->complete_problems[c]++;
        }
        if (r->errors)
            out->with_errors++;
    }
}

void overview_counts_free(struct overview_counts *c)
{
    free(c->per_result);
    free(c->complete);
    free(c->complete_problems);
    memset(c, 0, sizeof(*c));
}
