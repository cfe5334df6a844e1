/*
 * carryover.c - a new year's sheet from last year's (see carryover.h).
 */
#include "carryover.h"

#include <string.h>

bool carryover_field(const struct form *form, int f)
{
    const struct form_field *fld = &form->fields[f];
    if (fld->kind == FIELD_BOOL || fld->kind == FIELD_STAMP)
        return false;
    const struct form_stage *st = &form->stages[fld->stage];
    return st->done_field < 0 || fld->stage == form_plan_stage(form);
}

static void carry_item(struct sheet *next, const struct sheet *last, const struct item *from)
{
    struct item *to = sheet_add_item(next);
    for (size_t f = 0; f < last->form->n_fields; f++) {
        if (!carryover_field(last->form, (int)f))
            continue;
        const char *v = item_get(last, from, (int)f);
        if (v && *v)
            item_set(next, to, (int)f, v, strlen(v));
    }
}

struct sheet *carryover_sheet(const struct sheet *last, const char *ward, long year)
{
    if (!ward)
        ward = sheet_header_get(last, "Ward");
    struct sheet *next = sheet_new(last->form, ward, (int)year, sheet_header_get(last, "Title"));
    for (size_t i = 0; i < last->n_items; i++)
        carry_item(next, last, &last->items[i]);
    return next;
}
