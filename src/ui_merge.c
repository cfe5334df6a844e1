/*
 * ui_merge.c - saving when the sheet changed on disk since it was loaded:
 * mine (this session) and theirs (the file now) are merged by item and
 * field (merge.h) with the file as loaded or last saved as the base, and
 * the result is saved.  Only a field both changed asks: both versions
 * side by side, keep mine, take theirs, or edit (both go into the field,
 * to be cut down and saved again).  "Overwrite with mine" stays as an
 * explicit choice that lists what it drops.
 *
 * The base is kept in memory (struct ui's merge_base) from the moment
 * the sheet is loaded and after each save, and only trusted while its
 * hash is the stamp's: the journal and recovery see a merge as a reload
 * of the merged sheet followed by a save.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "merge.h"
#include "textlayout.h"
#include "ui.h"
#include "utf8.h"

void ui_merge_remember_base(struct ui *ui)
{
    struct editor *ed = &ui->ed;
    if (!ed->have_stamp || ed->read_only)
        return;
    struct strbuf now = STRBUF_INIT;
    sheet_write(editor_sheet(ed), &now);
    /* Unsaved changes (a cancelled save): the base we have is still the one on record. */
    if (filestamp_hash(now.buf, now.len) == ed->stamp.hash) {
        strbuf_release(&ui->merge_base);
        ui->merge_base = now;
    } else
        strbuf_release(&now);
}

/* ---- describing a conflict ---------------------------------------------------------- */

/* A value as shown: a choice by its label, an empty one as (empty); sanitized. */
static void shown_value(const struct form *f, const char *key, const char *v, struct strbuf *out)
{
    if (!v) {
        strbuf_addstr(out, _("(deleted the item)"));
        return;
    }
    if (!*v) {
        strbuf_addstr(out, key ? _("(empty)") : _("(kept the item, changed)"));
        return;
    }
    int fi = key ? form_field_index(f, key) : -1;
    int ci = fi >= 0 && f->fields[fi].kind == FIELD_CHOICE
                 ? form_choice_index(&f->fields[fi], v, strlen(v), false) : -1;
    if (ci >= 0)
        v = f->fields[fi].choices[ci].label;
    utf8_sanitize(v, strlen(v), true, out);
}

static void pad_to(struct strbuf *out, int used, int width)
{
    for (int i = used; i < width; i++)
        strbuf_addch(out, ' ');
}

/* Two texts in two columns of width w each, " | " between them. */
static void side_by_side(const char *left, const char *right, int w, struct strbuf *out)
{
    struct layout a = LAYOUT_INIT, b = LAYOUT_INIT;
    layout_text(&a, left, strlen(left), w);
    layout_text(&b, right, strlen(right), w);
    for (size_t r = 0; r < a.nrows || r < b.nrows; r++) {
        int used = 0;
        if (r < a.nrows) {
            const struct layout_row *lr = &a.rows[r];
            size_t end = lr->hard && lr->end > lr->start ? lr->end - 1 : lr->end;
            strbuf_add(out, left + lr->start, end - lr->start);
            used = lr->width;
        }
        pad_to(out, used, w);
        strbuf_addstr(out, " | ");
        if (r < b.nrows) {
            const struct layout_row *lr = &b.rows[r];
            size_t end = lr->hard && lr->end > lr->start ? lr->end - 1 : lr->end;
            strbuf_add(out, right + lr->start, end - lr->start);
        }
        strbuf_addch(out, '\n');
    }
    layout_free(&a);
    layout_free(&b);
}

/* "取組項目 3 計画 / 目標" (or the header's field). */
static void conflict_place(const struct sheet *s, const struct merge_conflict *c,
                           struct strbuf *out)
{
    if (c->item >= 0)
        strbuf_addf(out, "%s %ld", s->form->item_label, item_number(s, &s->items[c->item]));
    else
        strbuf_addstr(out, s->form->sheet_type);
    if (!c->field)
        return;
    int fi = form_field_index(s->form, c->field);
    strbuf_addch(out, ' ');
    if (fi >= 0) {
        const struct form_field *fld = &s->form->fields[fi];
        strbuf_addf(out, "%s / %s", s->form->stages[fld->stage].label, fld->label);
    } else
        utf8_sanitize(c->field, strlen(c->field), false, out);
}

/* ---- asking --------------------------------------------------------------------------- */

struct answer {
    long no;          /* item number, -1 for the header */
    char *field;      /* NULL: the item was deleted on one side */
    int choice;       /* 'm' 't' 'e' */
};

/* A merge whose conflicts are being asked about, one question each, until saved or given up. */
struct asking {
    struct sheet *m;                /* the merged sheet, conflicts recorded in it */
    struct merge_conflict *v;       /* its conflicts */
    size_t n, i;                    /* how many; the one asked now */
    struct answer *a;               /* the answers so far (i of them) */
    struct strbuf drops;            /* what overwriting would drop; empty: recorded */
    bool recorded;                  /* a merge (git) left them in the file */
    struct merge_stats st;          /* not recorded: what the merge took from each side */
    struct filestamp now;           /* not recorded: the file on disk merged with */
};

static void conflict_answered(struct ui *ui, int key, void *ctx);

static void ask_conflict(struct ui *ui, struct asking *q)
{
    const struct sheet *m = q->m;
    const struct merge_conflict *c = &q->v[q->i];
    bool recorded = q->recorded;
    const struct strbuf *drops = recorded ? NULL : &q->drops;
    struct strbuf body = STRBUF_INIT, place = STRBUF_INIT, mine = STRBUF_INIT,
                  theirs = STRBUF_INIT;
    conflict_place(m, c, &place);
    if (recorded)
        strbuf_addf(&body, _("%s: a merge (git) left both versions of this in the file.\n\n"),
                    place.buf);
    else
        strbuf_addf(&body, _("%s: you and someone else both changed this since you opened the "
                             "sheet.\n\n"), place.buf);
    shown_value(m->form, c->field, c->ours, &mine);
    shown_value(m->form, c->field, c->theirs, &theirs);
    int w = (ui->cols - 4 - 3) / 2;
    if (w < 8)
        w = 8;
    side_by_side(recorded ? _("mine (ours)") : _("mine (here)"),
                 recorded ? _("theirs (merged in)") : _("theirs (on disk)"), w, &body);
    for (int k = 0; k < 2 * w + 3; k++)
        strbuf_addch(&body, '-');
    strbuf_addch(&body, '\n');
    side_by_side(mine.buf, theirs.buf, w, &body);
    if (drops)
        strbuf_addf(&body, _("\nOverwrite with mine drops every change made on disk:\n%s"),
                    drops->buf);
    static const char *const fields[] = {
        "m", N_("keep mine"), "t", N_("take theirs"), "e", N_("edit both"),
        "o", N_("overwrite with mine"), "c", N_("cancel"),
    };
    static const char *const items[] = {
        "m", N_("keep mine"), "t", N_("take theirs"), "o", N_("overwrite with mine"),
        "c", N_("cancel"),
    };
    static const char *const recorded_fields[] = {
        "m", N_("keep mine"), "t", N_("take theirs"), "e", N_("edit both"), "c", N_("cancel"),
    };
    static const char *const recorded_items[] = {
        "m", N_("keep mine"), "t", N_("take theirs"), "c", N_("cancel"),
    };
    char title[160];
    snprintf(title, sizeof(title), _("Both changed the same field (%zu of %zu)"), q->i + 1, q->n);
    bool editable = c->field && form_field_index(m->form, c->field) >= 0 &&
                    m->form->fields[form_field_index(m->form, c->field)].kind <= FIELD_TEXT;
    if (recorded && editable)
        ui_ask(ui, title, &body, recorded_fields, 4, conflict_answered, q);
    else if (recorded)
        ui_ask(ui, title, &body, recorded_items, 3, conflict_answered, q);
    else if (editable)
        ui_ask(ui, title, &body, fields, 5, conflict_answered, q);
    else
        ui_ask(ui, title, &body, items, 4, conflict_answered, q);
    strbuf_release(&body);
    strbuf_release(&place);
    strbuf_release(&mine);
    strbuf_release(&theirs);
}

/* Item numbered no, looked for at index i first: versions of a sheet mostly keep the order. */
static long same_or_find(const struct sheet *s, size_t i, long no)
{
    if (i < s->n_items && item_number(s, &s->items[i]) == no)
        return (long)i;
    return sheet_find_item(s, no);
}

/* Every field that differs between disk and mine where disk is not the base: theirs' work. */
static void list_drops(const struct sheet *base, const struct sheet *disk, const struct sheet *mine,
                       struct strbuf *out)
{
    const struct form *f = disk->form;
    size_t shown = 0;
    for (size_t i = 0; i < disk->n_items; i++) {
        long no = item_number(disk, &disk->items[i]);
        long bi = same_or_find(base, i, no), mi = same_or_find(mine, i, no);
        for (size_t k = 0; k < f->n_fields; k++) {
            if ((int)k == f->stamp_field)
                continue;
            const char *vd = item_get(disk, &disk->items[i], (int)k);
            const char *vb = bi >= 0 ? item_get(base, &base->items[bi], (int)k) : NULL;
            const char *vm = mi >= 0 ? item_get(mine, &mine->items[mi], (int)k) : NULL;
            if (str_eq(vd ? vd : "", vb ? vb : "") || str_eq(vd ? vd : "", vm ? vm : ""))
                continue;
            if (shown++ < 20)
                strbuf_addf(out, "  %s %ld %s / %s\n", f->item_label, no,
                            f->stages[f->fields[k].stage].label, f->fields[k].label);
        }
    }
    if (shown > 20)
        strbuf_addf(out, _("  ... and %zu more\n"), shown - 20);
}

static void drops_of(const char *base, size_t blen, const char *disk, size_t dlen,
                     const struct sheet *mine, struct strbuf *out)
{
    struct error e;
    struct sheet *b = sheet_parse(base, blen, NULL, mine->form, &e);
    struct sheet *d = b ? sheet_parse(disk, dlen, NULL, mine->form, &e) : NULL;
    if (d)
        list_drops(b, d, mine, out);
    sheet_free(b);
    sheet_free(d);
}

/* ---- resolving and saving -------------------------------------------------------------- */

static const struct answer *answer_for(const struct sheet *m, const struct merge_conflict *c,
                                       const struct answer *a, size_t n)
{
    long no = c->item >= 0 ? item_number(m, &m->items[c->item]) : -1;
    for (size_t i = 0; i < n; i++)
        if (a[i].no == no && ((!a[i].field && !c->field) ||
                              (a[i].field && c->field && str_eq(a[i].field, c->field))))
            return &a[i];
    return NULL;
}

/* "mine" then a separator then "theirs": what an edit starts from. */
static char *both_versions(const struct merge_conflict *c)
{
    return xasprintf("%s\n%s\n%s", c->ours, _("----- theirs (on disk) -----"), c->theirs);
}

struct edit {
    long no;
    char *field;
    char *text;
};

/* Apply the answers to m; edits are remembered to go into the editor after saving. */
static void resolve_all(struct sheet *m, const struct answer *a, size_t n, struct edit *edits,
                        size_t *n_edits)
{
    struct merge_conflict *v;
    while (merge_conflicts(m, &v) > 0) {
        const struct answer *ans = answer_for(m, &v[0], a, n);
        int choice = ans ? ans->choice : 'm';
        if (choice == 'e') {
            long no = item_number(m, &m->items[v[0].item]);
            edits[*n_edits] = (struct edit){ no, xstrdup(v[0].field), both_versions(&v[0]) };
            (*n_edits)++;
        }
        merge_resolve(m, &v[0], choice == 't' ? MERGE_TAKE_THEIRS : MERGE_TAKE_OURS, NULL);
        merge_conflicts_free(v);
    }
    merge_conflicts_free(v);
}

static void apply_edits(struct editor *ed, struct edit *edits, size_t n)
{
    for (size_t i = n; i-- > 0;) {
        long idx = sheet_find_item(editor_sheet(ed), edits[i].no);
        int f = form_field_index(editor_sheet(ed)->form, edits[i].field);
        if (idx >= 0 && f >= 0 && editor_focusable(ed, f)) {
            editor_goto(ed, ed->cur_sheet, (size_t)idx);
            editor_focus(ed, f);
            editor_replace_value(ed, edits[i].text, strlen(edits[i].text));
        }
        free(edits[i].field);
        free(edits[i].text);
    }
}

static void free_answers(struct answer *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(a[i].field);
    free(a);
}

/* Save m in place of the sheet; st NULL: the conflicts were recorded in the file (git). */
static void save_merged(struct ui *ui, struct sheet *m, const struct filestamp *now,
                        const struct merge_stats *st, struct edit *edits, size_t n_edits)
{
    struct editor *ed = &ui->ed;
    /* Stay where the clerk was: same item (by number), same field. */
    long no = ed->cur < editor_sheet(ed)->n_items ? item_number(editor_sheet(ed), &editor_sheet(ed)->items[ed->cur]) : -1;
    int field = ed->field;
    ui_session_reload(ui, m, now);
    long idx = no >= 0 ? sheet_find_item(editor_sheet(ed), no) : -1;
    if (idx >= 0) {
        editor_goto(ed, ed->cur_sheet, (size_t)idx);
        if (field >= 0 && editor_focusable(ed, field))
            editor_focus(ed, field);
    }
    enum editor_save_result r = ui_save_or_ask(ui, false);
    ui_merge_remember_base(ui);
    apply_edits(ed, edits, n_edits);
    if (r != EDITOR_SAVED) {
        if (r == EDITOR_SAVE_CONFLICT)
            editor_message(ed, true, "%s", _("NOT saved: the file changed on disk again while "
                                             "merging; save again"));
        return;
    }
    if (!st) {
        editor_message(ed, false, n_edits ? _("conflicts resolved and saved; now edit this field "
                                              "(both versions are in it) and save again")
                                          : _("conflicts resolved and saved %s"), editor_sheet(ed)->path);
        return;
    }
    size_t theirs = st->fields[MERGE_SIDE_THEIRS] + st->added[MERGE_SIDE_THEIRS] +
                    st->deleted[MERGE_SIDE_THEIRS];
    if (n_edits)
        editor_message(ed, false, _("saved with the changes made on disk (%zu); now edit this "
                                    "field (both versions are in it) and save again"), theirs);
    else
        editor_message(ed, false, _("saved %s with the changes made on disk meanwhile (%zu)"),
                       editor_sheet(ed)->path, theirs);
}

static void asking_free(struct asking *q)
{
    free_answers(q->a, q->i);
    merge_conflicts_free(q->v);
    strbuf_release(&q->drops);
    sheet_free(q->m);
    free(q);
}

/* Every conflict answered: resolve them as the clerk said and save the merged sheet. */
static void save_answered(struct ui *ui, struct asking *q)
{
    struct edit *edits = xcalloc(q->n + 1, sizeof(*edits));
    size_t n_edits = 0;
    resolve_all(q->m, q->a, q->n, edits, &n_edits);
    struct filestamp now = q->recorded ? ui->ed.stamp : q->now;
    save_merged(ui, q->m, &now, q->recorded ? NULL : &q->st, edits, n_edits);
    q->m = NULL;    /* the editor's sheet now */
    free(edits);
}

/* 'o' overwrites with mine; 'c' (or 0: the program ends) saves nothing. */
static void gave_up(struct ui *ui, int key)
{
    if (key == 'o')
        ui_save_or_ask(ui, true);
    else
        editor_message(&ui->ed, false, "%s", _("not saved"));
    ui_merge_remember_base(ui);
}

static void ask_next(struct ui *ui, struct asking *q)
{
    if (q->i < q->n) {
        ask_conflict(ui, q);
        return;
    }
    save_answered(ui, q);
    asking_free(q);
}

static void conflict_answered(struct ui *ui, int key, void *ctx)
{
    struct asking *q = ctx;
    if (key != 'm' && key != 't' && key != 'e') {
        gave_up(ui, key);
        asking_free(q);
        return;
    }
    const struct merge_conflict *c = &q->v[q->i];
    struct answer *a = &q->a[q->i++];
    a->no = c->item >= 0 ? item_number(q->m, &q->m->items[c->item]) : -1;
    a->field = c->field ? xstrdup(c->field) : NULL;
    a->choice = key;
    ask_next(ui, q);
}

static struct asking *asking_new(struct sheet *m, bool recorded)
{
    struct asking *q = xcalloc(1, sizeof(*q));
    q->m = m;
    q->recorded = recorded;
    q->n = merge_conflicts(m, &q->v);
    q->a = xcalloc(q->n + 1, sizeof(*q->a));
    return q;
}

static bool merge_with(struct ui *ui, const char *disk, size_t dlen, const struct filestamp *now)
{
    struct editor *ed = &ui->ed;
    editor_stamp_changed(ed);
    struct strbuf mine = STRBUF_INIT;
    sheet_write(editor_sheet(ed), &mine);
    const char *const names[3] = { editor_sheet(ed)->path, editor_sheet(ed)->path, editor_sheet(ed)->path };
    struct merge_stats st;
    struct error e;
    struct sheet *m = merge_texts(ui->merge_base.buf, ui->merge_base.len, mine.buf, mine.len, disk,
                                  dlen, names, editor_sheet(ed)->form, &st, &e);
    strbuf_release(&mine);
    if (!m)
        return false;   /* the file on disk does not parse: the old question says so */
    struct asking *q = asking_new(m, false);
    q->st = st;
    q->now = *now;
    if (st.conflicts)
        drops_of(ui->merge_base.buf, ui->merge_base.len, disk, dlen, editor_sheet(ed), &q->drops);
    ask_next(ui, q);
    return true;
}

bool ui_merge_on_save(struct ui *ui)
{
    struct editor *ed = &ui->ed;
    if (!ui->merge_base.buf || !ed->have_stamp ||
        filestamp_hash(ui->merge_base.buf, ui->merge_base.len) != ed->stamp.hash)
        return false;
    char *text;
    size_t len;
    struct filestamp now;
    struct error e;
    if (filestamp_read(editor_sheet(ed)->path, &text, &len, &now, &e) < 0)
        return false;
    bool done = merge_with(ui, text, len, &now);
    free(text);
    return done;
}

bool ui_merge_resolve_recorded(struct ui *ui)
{
    struct editor *ed = &ui->ed;
    struct merge_conflict *v;
    size_t n = ed->read_only ? 0 : merge_conflicts(editor_sheet(ed), &v);
    if (!ed->read_only)
        merge_conflicts_free(v);
    if (n == 0)
        return false;
    editor_stamp_changed(ed);
    struct strbuf text = STRBUF_INIT;
    sheet_write(editor_sheet(ed), &text);
    struct error e;
    struct sheet *m = sheet_parse(strbuf_cstr(&text), text.len, editor_sheet(ed)->path, editor_sheet(ed)->form, &e);
    strbuf_release(&text);
    if (!m)
        return false;
    ask_next(ui, asking_new(m, true));
    return true;
}
