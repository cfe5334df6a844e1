/*
 * import_sheet_fill.c - the thin step between the sheet importer and the
 * model: the importer's vocabulary read from a form, and parsed items
 * copied into a struct sheet (see import_sheet.h).  The parser itself
 * knows nothing of forms or sheets.
 */
#include "import_sheet.h"

#include <stdio.h>

#include "form.h"
#include "i18n.h"
#include "sheet.h"

static const char *const stage_ids[IMPORT_N_STAGES] = { "plan", "mid", "end" };
static const enum import_sheet_field choice_fields[IMPORT_N_CHOICES] = {
    IMPORT_MID_PROGRESS, IMPORT_MID_OUTLOOK, IMPORT_END_RESULT,
};

static int form_stage_index(const struct form *f, const char *id)
{
    for (size_t i = 0; i < f->n_stages; i++)
        if (str_eq(f->stages[i].id, id))
            return (int)i;
    return -1;
}

static int need_field(const struct form *f, enum import_sheet_field which, struct error *e)
{
    int i = form_field_index(f, import_sheet_field_key(which));
    if (i < 0)
        error_set(e, NULL, 0, 0, _("form %s has no field %s, which the sheet layout fills"),
                  f->id, import_sheet_field_key(which));
    return i;
}

int import_sheet_vocab_from_form(struct import_sheet_vocab *v, const struct form *f,
                                 struct error *e)
{
    for (int st = 0; st < IMPORT_N_STAGES; st++) {
        int i = form_stage_index(f, stage_ids[st]);
        if (i < 0)
            return error_set(e, NULL, 0, 0, _("form %s has no stage %s"), f->id, stage_ids[st]);
        const struct form_stage *fs = &f->stages[i];
        v->stages[st] = (struct import_sheet_names){
            fs->label, (const char *const *)fs->aliases, fs->n_aliases };
    }
    for (int k = 0; k < IMPORT_N_PLAN; k++) {
        int i = need_field(f, (enum import_sheet_field)(IMPORT_PLAN_PURPOSE + k), e);
        if (i < 0)
            return -1;
        const struct form_field *fld = &f->fields[i];
        v->plan[k] = (struct import_sheet_names){
            fld->label, (const char *const *)fld->aliases, fld->n_aliases };
    }
    for (int c = 0; c < IMPORT_N_CHOICES; c++) {
        int i = need_field(f, choice_fields[c], e);
        if (i < 0)
            return -1;
        const struct form_field *fld = &f->fields[i];
        if (fld->kind != FIELD_CHOICE || fld->n_choices != 2)
            return error_set(e, NULL, 0, 0, _("form %s: field %s must be a choice of two, "
                               "as the sheet layout has two boxes"), f->id, fld->key);
        for (int k = 0; k < 2; k++) {
            v->choices[c].key[k] = fld->choices[k].key;
            v->choices[c].label[k] = fld->choices[k].label;
        }
    }
    return 0;
}

/* A stage printed 完了 gets "yes" in its done field (a form without one: nothing). */
static void set_done_marks(const struct import_item *ii, struct sheet *s, struct item *it)
{
    for (int st = 0; st < IMPORT_N_STAGES; st++) {
        int fs = ii->done[st] ? form_stage_index(s->form, stage_ids[st]) : -1;
        int done = fs >= 0 ? s->form->stages[fs].done_field : -1;
        if (done >= 0)
            item_set(s, it, done, "yes", 3);
    }
}

int import_sheet_fill(const struct import_sheet *in, struct sheet *s, struct error *e)
{
    const struct form *f = s->form;
    int index[IMPORT_N_FIELDS];
    for (int k = 0; k < IMPORT_N_FIELDS; k++)
        if ((index[k] = form_field_index(f, import_sheet_field_key(k))) < 0)
            return error_set(e, NULL, 0, 0, _("form %s has no field %s, which the sheet layout "
                               "fills"), f->id, import_sheet_field_key(k));
    for (size_t i = 0; i < in->n_items; i++) {
        const struct import_item *ii = &in->items[i];
        if (sheet_find_item(s, ii->no) >= 0)
            return error_set(e, NULL, ii->line, 0, _("the sheet already has %s %ld"),
                             f->item_label, ii->no);
        struct item *it = sheet_add_item(s);
        char no[32];
        int n = snprintf(no, sizeof no, "%ld", ii->no);
        item_set(s, it, f->key_field, no, (size_t)n);
        for (int k = 0; k < IMPORT_N_FIELDS; k++)
            if (ii->values[k].text)
                item_set(s, it, index[k], ii->values[k].text, ii->values[k].len);
        set_done_marks(ii, s, it);
    }
    return 0;
}
