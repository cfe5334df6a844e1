/*
 * import_sheet_fill.c - the thin step between the sheet importer and the
 * model: which field of a form each value of the layout fills (read from
 * the form's structure, never from field names), the importer's
 * vocabulary read from the form, and parsed items copied into a struct
 * sheet (see import_sheet.h).  The parser itself knows nothing of forms
 * or sheets.
 */
#include "import_sheet.h"

#include <stdio.h>
#include <stdlib.h>

#include "form.h"
#include "i18n.h"
#include "sheet.h"

/* The values of each stage of the layout, in the order its row prints them. */
static const enum import_sheet_field plan_values[] = {
    IMPORT_PLAN_PURPOSE, IMPORT_PLAN_OVERVIEW, IMPORT_PLAN_GOAL, IMPORT_PLAN_ACTIONS,
    IMPORT_PLAN_YEARGOAL,
};
static const enum import_sheet_field mid_values[] = {
    IMPORT_MID_PROGRESS, IMPORT_MID_OUTLOOK, IMPORT_MID_ISSUES,
};
static const enum import_sheet_field end_values[] = {
    IMPORT_END_RESULTS, IMPORT_END_RESULT, IMPORT_END_ISSUES,
};
static const struct {
    const enum import_sheet_field *v;
    size_t n;
} stage_values[IMPORT_N_STAGES] = {
    { plan_values, ARRAY_LEN(plan_values) },
    { mid_values, ARRAY_LEN(mid_values) },
    { end_values, ARRAY_LEN(end_values) },
};
static const enum import_sheet_field choice_fields[IMPORT_N_CHOICES] = {
    IMPORT_MID_PROGRESS, IMPORT_MID_OUTLOOK, IMPORT_END_RESULT,
};

static bool is_choice_value(enum import_sheet_field v)
{
    for (int c = 0; c < IMPORT_N_CHOICES; c++)
        if (choice_fields[c] == v)
            return true;
    return false;
}

/* A field the layout prints as a value: shown text or a choice (not marks, stamps, numbers). */
static bool carried(const struct form_field *fld)
{
    return !fld->hidden && (fld->kind == FIELD_LINE || fld->kind == FIELD_TEXT
                            || fld->kind == FIELD_CHOICE);
}

/* The item's heading (the key field's stage): its title, and one more line printed under it. */
static int heading_fields(const struct form *f, int *index, struct error *e)
{
    if (f->title_field < 0)
        return error_set(e, NULL, 0, 0, _("form %s has no TitleField, which the sheet layout "
                                          "prints in 【】"), f->id);
    index[IMPORT_TITLE] = f->title_field;
    index[IMPORT_SUBTITLE] = -1;
    int hs = f->fields[f->key_field].stage;
    for (size_t i = 0; i < f->n_fields; i++) {
        const struct form_field *fld = &f->fields[i];
        if (fld->stage != hs || (int)i == f->title_field || !carried(fld))
            continue;
        if (index[IMPORT_SUBTITLE] >= 0 || fld->kind == FIELD_CHOICE)
            return error_set(e, NULL, 0, 0, _("form %s: the sheet layout prints one line under "
                                              "the title, not field %s"), f->id, fld->key);
        index[IMPORT_SUBTITLE] = (int)i;
    }
    if (index[IMPORT_SUBTITLE] < 0)
        return error_set(e, NULL, 0, 0, _("form %s has no field beside its title for the line "
                                          "the sheet layout prints under it"), f->id);
    return 0;
}

/* Stage st of the form against stage k of the layout: its carried fields, kind by kind. */
static int stage_fields(const struct form *f, int st, int k, int *index, struct error *e)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n_fields; i++) {
        const struct form_field *fld = &f->fields[i];
        if (fld->stage != st || !carried(fld))
            continue;
        if (n == stage_values[k].n)
            return error_set(e, NULL, 0, 0, _("form %s: stage %s has more fields than the %zu "
                                              "the sheet layout prints in it (%s)"),
                             f->id, f->stages[st].id, stage_values[k].n, fld->key);
        enum import_sheet_field v = stage_values[k].v[n++];
        bool choice = fld->kind == FIELD_CHOICE;
        if (choice != is_choice_value(v) || (choice && fld->n_choices != 2))
            return error_set(e, NULL, 0, 0,
                             is_choice_value(v)
                                 ? _("form %s: field %s is where the sheet layout prints a "
                                     "choice of two boxes")
                                 : _("form %s: field %s is where the sheet layout prints text"),
                             f->id, fld->key);
        index[v] = (int)i;
    }
    if (n < stage_values[k].n)
        return error_set(e, NULL, 0, 0, _("form %s: stage %s has %zu fields; the sheet layout "
                                          "prints %zu in it"),
                         f->id, f->stages[st].id, n, stage_values[k].n);
    return 0;
}

int import_sheet_layout(const struct form *f, struct import_sheet_layout *out, struct error *e)
{
    if (heading_fields(f, out->field, e) < 0)
        return -1;
    int hs = f->fields[f->key_field].stage, k = 0;
    for (size_t st = 0; st < f->n_stages; st++) {
        if ((int)st == hs)
            continue;
        if (k == IMPORT_N_STAGES)
            return error_set(e, NULL, 0, 0, _("form %s has more than the %d stages the sheet "
                                              "layout prints (%s)"),
                             f->id, IMPORT_N_STAGES, f->stages[st].id);
        if (stage_fields(f, (int)st, k, out->field, e) < 0)
            return -1;
        out->stage[k++] = (int)st;
    }
    if (k < IMPORT_N_STAGES)
        return error_set(e, NULL, 0, 0, _("form %s has %d stages besides its heading; the sheet "
                                          "layout prints %d"), f->id, k, IMPORT_N_STAGES);
    return 0;
}

static struct import_sheet_names names_of(const char *label, char **aliases, size_t n)
{
    return (struct import_sheet_names){ label, (const char *const *)aliases, n };
}

int import_sheet_vocab_from_form(struct import_sheet_vocab *v, const struct form *f,
                                 struct error *e)
{
    struct import_sheet_layout lay;
    if (import_sheet_layout(f, &lay, e) < 0)
        return -1;
    for (int k = 0; k < IMPORT_N_FIELDS; k++)
        v->keys[k] = f->fields[lay.field[k]].key;
    for (int st = 0; st < IMPORT_N_STAGES; st++) {
        const struct form_stage *fs = &f->stages[lay.stage[st]];
        v->stages[st] = names_of(fs->label, fs->aliases, fs->n_aliases);
    }
    for (int k = 0; k < IMPORT_N_PLAN; k++) {
        const struct form_field *fld = &f->fields[lay.field[IMPORT_PLAN_PURPOSE + k]];
        v->plan[k] = names_of(fld->label, fld->aliases, fld->n_aliases);
    }
    for (int c = 0; c < IMPORT_N_CHOICES; c++) {
        const struct form_field *fld = &f->fields[lay.field[choice_fields[c]]];
        for (int k = 0; k < 2; k++) {
            v->choices[c].key[k] = fld->choices[k].key;
            v->choices[c].label[k] = fld->choices[k].label;
        }
    }
    return 0;
}

const struct import_sheet_vocab *import_sheet_default_vocab(void)
{
    /* Made once and kept: the vocabulary borrows the form's strings. */
    static struct form *form;
    static struct import_sheet_vocab vocab;
    if (!form) {
        struct error e;
        form = form_builtin();
        if (import_sheet_vocab_from_form(&vocab, form, &e) < 0)
            die(2, _("the built-in form does not fit the sheet layout: %s"), e.msg);
    }
    return &vocab;
}

/* A stage printed 完了 gets "yes" in its done field (a stage without one: nothing). */
static void set_done_marks(const struct import_item *ii, const struct import_sheet_layout *lay,
                           struct sheet *s, struct item *it)
{
    for (int st = 0; st < IMPORT_N_STAGES; st++) {
        int done = ii->done[st] ? s->form->stages[lay->stage[st]].done_field : -1;
        if (done >= 0)
            item_set(s, it, done, "yes", 3);
    }
}

int import_sheet_fill(const struct import_sheet *in, struct sheet *s, struct error *e)
{
    const struct form *f = s->form;
    struct import_sheet_layout lay;
    if (import_sheet_layout(f, &lay, e) < 0)
        return -1;
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
                item_set(s, it, lay.field[k], ii->values[k].text, ii->values[k].len);
        set_done_marks(ii, &lay, s, it);
    }
    return 0;
}
