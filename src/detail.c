/*
 * detail.c - the fields of the detail pane (see detail.h).
 */
#include "detail.h"

#include <stdbool.h>

static int detail_stage(const struct form *form, int stage)
{
    if (stage >= 0 && (size_t)stage < form->n_stages)
        return stage;
    if (form->result_field >= 0)
        return form->fields[form->result_field].stage;
    return form->n_stages ? (int)form->n_stages - 1 : -1;
}

static bool shown(const struct form_field *fld, int stage)
{
    return fld->stage == stage && !fld->hidden && fld->kind != FIELD_STAMP &&
           fld->kind != FIELD_BOOL;
}

/* Rank of a field in the pane: choices, then what the result requires, then the rest. */
static int rank(const struct form *form, const struct form_field *fld, int result)
{
    if (fld->kind == FIELD_CHOICE || fld->kind == FIELD_INTEGER)
        return 0;
    if (result >= 0 && form_required_by_choice(fld, form->result_field, result))
        return 1;
    return 2;
}

size_t detail_fields(const struct form *form, int result, int stage, int *out, size_t cap)
{
    int st = detail_stage(form, stage);
    size_t n = 0;
    for (int r = 0; r <= 2; r++)
        for (size_t f = 0; f < form->n_fields && n < cap; f++) {
            const struct form_field *fld = &form->fields[f];
            if (shown(fld, st) && rank(form, fld, result) == r)
                out[n++] = (int)f;
        }
    return n;
}
