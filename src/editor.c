/*
 * editor.c - the editing session (see editor.h).
 */
#include "editor.h"
#include "editor_impl.h"

#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "descriptor.h"
#include "i18n.h"
#include "save.h"
#include "search.h"
#include "stamp.h"
#include "utf8.h"

#define TYPING_JOIN_MS 1000
#define MAX_UNDO_STEPS 2000

static long long monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void editor_message(struct editor *ed, bool is_error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ed->message, sizeof(ed->message), fmt, ap);
    va_end(ap);
    ed->message_is_error = is_error;
}

static bool refuse_if_read_only(struct editor *ed)
{
    if (!ed->read_only)
        return false;
    editor_message(ed, true, "%s", _("read-only: this sheet cannot be changed here"));
    return true;
}

static const struct form_field *field_def(const struct editor *ed, int f)
{
    return &editor_sheet(ed)->form->fields[f];
}

static bool is_text_kind(enum field_kind k)
{
    return k == FIELD_LINE || k == FIELD_TEXT || k == FIELD_INTEGER;
}

/* ---- the rules' verdict ---------------------------------------------------- */

static struct open_sheet *current(struct editor *ed)
{
    return &ed->open[ed->cur_sheet];
}

static void refresh_current_problems(struct editor *ed)
{
    problems_clear(&ed->cur_problems);
    if (ed->cur >= editor_sheet(ed)->n_items)
        return;
    rules_check_item(editor_sheet(ed), ed->cur, &ed->cur_problems);
    const struct problem_list *sl = &current(ed)->sheet_level;
    for (size_t i = 0; i < sl->n; i++)
        if (sl->v[i].item == (long)ed->cur) {
            xgrow((void **)&ed->cur_problems.v, &ed->cur_problems.cap, ed->cur_problems.n + 1,
                  sizeof(struct problem));
            ed->cur_problems.v[ed->cur_problems.n++] = sl->v[i];
        }
}

static void recheck_sheet_level(struct editor *ed, struct open_sheet *os)
{
    os->errors -= os->sheet_errors;
    ed->total_errors -= os->sheet_errors;
    problems_clear(&os->sheet_level);
    rules_check_sheet_level(editor_impl_sheet_of(ed, os), &os->sheet_level);
    os->sheet_errors = problems_count(&os->sheet_level, SEV_ERROR);
    os->errors += os->sheet_errors;
    ed->total_errors += os->sheet_errors;
}

static void recheck_item(struct editor *ed, struct open_sheet *os, size_t idx)
{
    struct problem_list pl = { NULL, 0, 0 };
    rules_check_item(editor_impl_sheet_of(ed, os), idx, &pl);
    size_t n = problems_count(&pl, SEV_ERROR);
    os->errors = os->errors - os->item_errors[idx] + n;
    ed->total_errors = ed->total_errors - os->item_errors[idx] + n;
    os->item_errors[idx] = n;
    problems_free(&pl);
}

/* ---- what is unsaved ------------------------------------------------------------ */


/* FNV-1a over the item's fields, the stamp (Updated) left out. */
static uint64_t item_hash(const struct sheet *s, size_t idx)
{
    const struct rec_record *r = s->items[idx].rec;
    const char *stamp = s->form->stamp_field >= 0 ? s->form->fields[s->form->stamp_field].key : NULL;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < r->n_entries; i++) {
        const struct rec_entry *en = &r->entries[i];
        if (!en->name || (stamp && strcmp(en->name, stamp) == 0))
            continue;
        for (const char *p = en->name; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211ull;
        h = (h ^ 0xff) * 1099511628211ull;
        for (size_t k = 0; k < en->value_len; k++)
            h = (h ^ (unsigned char)en->value[k]) * 1099511628211ull;
        h = (h ^ 0xfe) * 1099511628211ull;
    }
    return h;
}

static void reset_unsaved(struct open_sheet *os)
{
    free(os->saved_hash);
    free(os->item_state);
    size_t n = editor_impl_sheet_of(ed, os)->n_items + 1;
    os->saved_hash = xcalloc(n, sizeof(*os->saved_hash));
    os->item_state = xcalloc(n, 1);
    os->n_dirty = 0;
    os->structure = 0;
}

/* Call before item idx of the current sheet changes. */
static void before_item_change(struct editor *ed, size_t idx)
{
    struct open_sheet *os = current(ed);
    if (!(os->item_state[idx] & HASH_TAKEN)) {
        os->saved_hash[idx] = item_hash(editor_impl_sheet_of(ed, os), idx);
        os->item_state[idx] |= HASH_TAKEN;
    }
}

static void update_modified(struct editor *ed)
{
    size_t dirty = 0;
    for (size_t k = 0; k < ed->n_open; k++)
        dirty += ed->open[k].n_dirty + (ed->open[k].structure != 0);
    ed->modified = dirty > 0;
}

static void after_item_change(struct editor *ed, size_t idx)
{
    struct open_sheet *os = current(ed);
    bool dirty = item_hash(editor_impl_sheet_of(ed, os), idx) != os->saved_hash[idx];
    bool was = os->item_state[idx] & ITEM_DIRTY;
    if (dirty != was) {
        os->item_state[idx] ^= ITEM_DIRTY;
        os->n_dirty = dirty ? os->n_dirty + 1 : os->n_dirty - 1;
    }
    update_modified(ed);
}

void editor_mark_all_unsaved(struct editor *ed)
{
    struct open_sheet *os = current(ed);
    for (size_t i = 0; i < editor_impl_sheet_of(ed, os)->n_items; i++) {
        os->saved_hash[i] = item_hash(editor_impl_sheet_of(ed, os), i) + 1;   /* never equal: unsaved until saved */
        if (!(os->item_state[i] & ITEM_DIRTY))
            os->n_dirty++;
        os->item_state[i] = HASH_TAKEN | ITEM_DIRTY;
        editor_impl_sheet_of(ed, os)->items[i].changed = true;
    }
    update_modified(ed);
}

void editor_mark_unsaved_against(struct editor *ed, const struct sheet *before)
{
    struct open_sheet *os = current(ed);
    for (size_t i = 0; i < editor_impl_sheet_of(ed, os)->n_items; i++) {
        uint64_t now = item_hash(editor_impl_sheet_of(ed, os), i);
        uint64_t was = i < before->n_items ? item_hash(before, i) : now + 1;
        if (now == was)
            continue;
        os->saved_hash[i] = was;
        if (!(os->item_state[i] & ITEM_DIRTY))
            os->n_dirty++;
        os->item_state[i] = HASH_TAKEN | ITEM_DIRTY;
        editor_impl_sheet_of(ed, os)->items[i].changed = true;
    }
    update_modified(ed);
}

/* After field f of item idx of the current sheet changed. */
static void value_changed(struct editor *ed, size_t idx, int f)
{
    after_item_change(ed, idx);
    ed->changes++;
    recheck_item(ed, current(ed), idx);
    if (f == editor_sheet(ed)->form->key_field)
        recheck_sheet_level(ed, current(ed));
    if (idx == ed->cur)
        refresh_current_problems(ed);
}

/* ---- set-up ------------------------------------------------------------------ */

void editor_init(struct editor *ed, struct sheet **sheets, size_t n, int width)
{
    memset(ed, 0, sizeof(*ed));
    ed->sheets = xcalloc(n ? n : 1, sizeof(*ed->sheets));
    if (n)
        memcpy(ed->sheets, sheets, n * sizeof(*sheets));
    ed->open = xcalloc(n ? n : 1, sizeof(*ed->open));
    ed->n_open = n;
    ed->width = width > 0 ? width : 1;
    ed->field = -1;
    ed->clock_ms = monotonic_ms;
    for (size_t k = 0; k < n; k++) {
        struct open_sheet *os = &ed->open[k];
        os->item_errors = xcalloc(sheets[k]->n_items + 1, sizeof(size_t));
        reset_unsaved(os);
        for (size_t i = 0; i < sheets[k]->n_items; i++)
            recheck_item(ed, os, i);
        recheck_sheet_level(ed, os);
    }
    editor_goto(ed, 0, 0);
}

static void free_step(struct edit_step *st)
{
    free(st->before);
    free(st->after);
    if (st->held)
        rec_record_free(st->held);
}

void editor_free(struct editor *ed)
{
    if (ed->fe_active)
        fieldedit_free(&ed->fe);
    for (size_t i = 0; i < ed->n_undo; i++)
        free_step(&ed->undo[i]);
    for (size_t i = 0; i < ed->n_redo; i++)
        free_step(&ed->redo[i]);
    free(ed->undo);
    free(ed->redo);
    free(ed->sheets);
    for (size_t k = 0; k < ed->n_open; k++) {
        free(ed->open[k].item_errors);
        free(ed->open[k].saved_hash);
        free(ed->open[k].item_state);
        problems_free(&ed->open[k].sheet_level);
    }
    free(ed->open);
    problems_free(&ed->cur_problems);
    free(ed->find_query);
}

/* ---- focus and navigation ------------------------------------------------------ */

bool editor_focusable(const struct editor *ed, int f)
{
    const struct form_field *fld = field_def(ed, f);
    return !fld->hidden && fld->kind != FIELD_STAMP;
}

const char *editor_value(const struct editor *ed, int f)
{
    if (ed->cur >= editor_sheet(ed)->n_items)
        return NULL;
    return item_get(editor_sheet(ed), &editor_sheet(ed)->items[ed->cur], f);
}

static void close_field_editor(struct editor *ed)
{
    if (ed->fe_active)
        fieldedit_free(&ed->fe);
    ed->fe_active = false;
}

static void open_field_editor(struct editor *ed)
{
    close_field_editor(ed);
    if (ed->field < 0 || ed->cur >= editor_sheet(ed)->n_items)
        return;
    const struct form_field *fld = field_def(ed, ed->field);
    if (fld->kind == FIELD_CHOICE) {
        const char *v = editor_value(ed, ed->field);
        int c = v ? form_choice_index(fld, v, strlen(v), false) : -1;
        ed->choice_cursor = c >= 0 ? c : 0;
        return;
    }
    if (!is_text_kind(fld->kind))
        return;
    const char *v = editor_value(ed, ed->field);
    fieldedit_init(&ed->fe, v ? v : "", v ? strlen(v) : 0, ed->width, fld->kind != FIELD_TEXT);
    if (fld->max_length > 0)
        fieldedit_set_max(&ed->fe, (size_t)fld->max_length);
    ed->fe_active = true;
}

static void seal_typing(struct editor *ed)
{
    if (ed->n_undo)
        ed->undo[ed->n_undo - 1].typing = false;
}

void editor_focus(struct editor *ed, int f)
{
    seal_typing(ed);
    ed->field = f;
    open_field_editor(ed);
}

static int first_focusable(const struct editor *ed)
{
    int *order = xmalloc(editor_sheet(ed)->form->n_fields * sizeof(int));
    size_t n = form_display_order(editor_sheet(ed)->form, order);
    int f = -1;
    for (size_t i = 0; i < n && f < 0; i++)
        if (editor_focusable(ed, order[i]))
            f = order[i];
    free(order);
    return f;
}

struct sheet *editor_sheet(const struct editor *ed)
{
    return ed->sheets[ed->cur_sheet];
}

void editor_goto_item(struct editor *ed, size_t idx)
{
    editor_goto(ed, ed->cur_sheet, idx);
}

void editor_goto(struct editor *ed, size_t sh, size_t idx)
{
    if (sh >= ed->n_open)
        return;
    bool same_sheet = sh == ed->cur_sheet;
    ed->cur_sheet = sh;
    if (editor_sheet(ed)->n_items == 0) {
        close_field_editor(ed);
        ed->cur = 0;
        ed->field = -1;
        problems_clear(&ed->cur_problems);
        return;
    }
    if (idx >= editor_sheet(ed)->n_items)
        idx = editor_sheet(ed)->n_items - 1;
    bool same = same_sheet && idx == ed->cur && ed->field >= 0;
    ed->cur = idx;
    refresh_current_problems(ed);
    if (!same)
        editor_focus(ed, first_focusable(ed));
}

void editor_focus_first(struct editor *ed)
{
    editor_focus(ed, first_focusable(ed));
}

bool editor_step_item(struct editor *ed, int delta)
{
    size_t sh = ed->cur_sheet, idx = ed->cur;
    if (delta > 0) {
        if (idx + 1 < ed->sheets[sh]->n_items)
            idx++;
        else {
            do {
                if (++sh >= ed->n_open)
                    return false;
            } while (ed->sheets[sh]->n_items == 0);
            idx = 0;
        }
    } else {
        if (idx > 0 && ed->sheets[sh]->n_items > 0)
            idx--;
        else {
            do {
                if (sh-- == 0)
                    return false;
            } while (ed->sheets[sh]->n_items == 0);
            idx = ed->sheets[sh]->n_items - 1;
        }
    }
    editor_goto(ed, sh, idx);
    return true;
}

/* Move focus by delta focusable fields in display order. */
static bool step_field(struct editor *ed, int delta)
{
    const struct form *form = editor_sheet(ed)->form;
    int *order = xmalloc(form->n_fields * sizeof(int));
    size_t n = form_display_order(editor_sheet(ed)->form, order);
    long pos = -1;
    for (size_t i = 0; i < n; i++)
        if (order[i] == ed->field)
            pos = (long)i;
    int target = -1;
    for (long i = pos + delta; i >= 0 && i < (long)n; i += delta)
        if (editor_focusable(ed, order[i])) {
            target = order[i];
            break;
        }
    free(order);
    if (target < 0)
        return false;
    editor_focus(ed, target);
    return true;
}

bool editor_next_field(struct editor *ed)
{
    return step_field(ed, 1);
}

bool editor_prev_field(struct editor *ed)
{
    return step_field(ed, -1);
}

void editor_focus_stage(struct editor *ed, int stage)
{
    const struct form *form = editor_sheet(ed)->form;
    int *order = xmalloc(form->n_fields * sizeof(int));
    size_t n = form_display_order(editor_sheet(ed)->form, order);
    for (size_t i = 0; i < n; i++)
        if (form->fields[order[i]].stage == stage && editor_focusable(ed, order[i])) {
            editor_focus(ed, order[i]);
            break;
        }
    free(order);
}

void editor_set_width(struct editor *ed, int width)
{
    ed->width = width > 0 ? width : 1;
    if (ed->fe_active)
        fieldedit_set_width(&ed->fe, ed->width);
}

/* ---- history ----------------------------------------------------------------- */

/*
 * Every change also goes to the recovery journal, which writes it out every
 * few seconds.  number is the item's number before the change: recovery
 * finds the item by it, even if the sheet on disk changed meanwhile.
 */
static void journal_change(struct editor *ed, size_t idx, long number, int f, const char *v,
                           size_t n)
{
    if (!ed->journal)
        return;
    journal_append(ed->journal, idx, number, editor_sheet(ed)->form->fields[f].key, n ? v : NULL, n);
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static void clear_redo(struct editor *ed)
{
    for (size_t i = 0; i < ed->n_redo; i++)
        free_step(&ed->redo[i]);
    ed->n_redo = 0;
}

static void push_step(struct editor *ed, struct edit_step st)
{
    clear_redo(ed);
    if (ed->n_undo > 0) {
        struct edit_step *last = &ed->undo[ed->n_undo - 1];
        if (st.typing && last->typing && last->sheet == st.sheet && last->item == st.item &&
            last->field == st.field &&
            last->caret_after == st.caret_before && st.when_ms - last->when_ms < TYPING_JOIN_MS) {
            free(last->after);
            last->after = st.after;
            last->caret_after = st.caret_after;
            last->when_ms = st.when_ms;
            free(st.before);
            return;
        }
    }
    if (ed->n_undo == MAX_UNDO_STEPS) {
        free_step(&ed->undo[0]);
        memmove(ed->undo, ed->undo + 1, (ed->n_undo - 1) * sizeof(*ed->undo));
        ed->n_undo--;
    }
    xgrow((void **)&ed->undo, &ed->cap_undo, ed->n_undo + 1, sizeof(*ed->undo));
    ed->undo[ed->n_undo++] = st;
}

/* Set field f of item idx, record the step, re-check. */
static void set_value(struct editor *ed, size_t idx, int f, const char *v, size_t n,
                      size_t caret_before, size_t caret_after, bool typing)
{
    struct item *it = &editor_sheet(ed)->items[idx];
    const char *old = item_get(editor_sheet(ed), it, f);
    if (old ? mem_eq(old, strlen(old), v, n) : n == 0)
        return;
    struct edit_step st = { ed->cur_sheet, idx, f, dup_or_null(old), n ? xstrndup(v, n) : NULL,
                            caret_before, caret_after, typing, ed->clock_ms(), EDIT_FIELD, 0,
                            NULL, 0, 0 };
    before_item_change(ed, idx);
    long number = item_number(editor_sheet(ed), it);
    item_set(editor_sheet(ed), it, f, v, n);
    journal_change(ed, idx, number, f, v, n);
    push_step(ed, st);
    value_changed(ed, idx, f);
}

/* Run a fieldedit operation on the focused text field and record what it did. */
static bool text_op(struct editor *ed, bool (*op)(struct fieldedit *, const char *, size_t),
                    bool (*op0)(struct fieldedit *), const char *s, size_t n, bool typing)
{
    if (!ed->fe_active || refuse_if_read_only(ed))
        return false;
    size_t caret_before = fieldedit_caret(&ed->fe);
    bool changed = op ? op(&ed->fe, s, n) : op0(&ed->fe);
    if (!changed)
        return false;
    size_t len;
    const char *text = fieldedit_text(&ed->fe, &len);
    set_value(ed, ed->cur, ed->field, text, len, caret_before, fieldedit_caret(&ed->fe), typing);
    return true;
}

/*
 * A Japanese IME types full-width digits (５) by default; a number field
 * takes them as the digits they are, since recutils' int type needs ASCII.
 */
static const char *digits_for_field(struct editor *ed, const char *s, size_t *n,
                                    struct strbuf *tmp)
{
    if (!ed->fe_active || ed->field < 0 || field_def(ed, ed->field)->kind != FIELD_INTEGER)
        return s;
    utf8_fold_fullwidth_digits(s, *n, tmp);
    *n = tmp->len;
    return tmp->buf ? tmp->buf : "";
}

bool editor_type(struct editor *ed, const char *s, size_t n)
{
    struct strbuf tmp = STRBUF_INIT;
    s = digits_for_field(ed, s, &n, &tmp);
    bool changed = text_op(ed, fieldedit_type, NULL, s, n, true);
    strbuf_release(&tmp);
    return changed;
}

bool editor_paste(struct editor *ed, const char *s, size_t n)
{
    struct strbuf tmp = STRBUF_INIT;
    s = digits_for_field(ed, s, &n, &tmp);
    bool changed = text_op(ed, fieldedit_paste, NULL, s, n, false);
    strbuf_release(&tmp);
    seal_typing(ed);
    return changed;
}

bool editor_backspace(struct editor *ed)
{
    return text_op(ed, NULL, fieldedit_backspace, NULL, 0, false);
}

bool editor_delete_word_back(struct editor *ed)
{
    return text_op(ed, NULL, fieldedit_delete_word_back, NULL, 0, false);
}

bool editor_clear_field(struct editor *ed)
{
    return text_op(ed, NULL, fieldedit_clear, NULL, 0, false);
}

bool editor_fullwidth_kana(struct editor *ed)
{
    if (!ed->fe_active)
        return false;
    size_t n;
    const char *t = fieldedit_text(&ed->fe, &n);
    struct strbuf full = STRBUF_INIT;
    bool changed = kana_to_fullwidth(t, n, &full) &&
                   text_op(ed, fieldedit_replace_all, NULL, full.buf, full.len, false);
    strbuf_release(&full);
    editor_message(ed, false, "%s", changed ? _("half-width katakana made full width (Ctrl-Z "
                                                "undoes it)")
                                            : _("no half-width katakana in this field"));
    return changed;
}

bool editor_delete(struct editor *ed)
{
    return text_op(ed, NULL, fieldedit_delete, NULL, 0, false);
}

bool editor_replace_value(struct editor *ed, const char *s, size_t n)
{
    if (!ed->fe_active || refuse_if_read_only(ed))
        return false;
    /*
     * An editor usually adds a final newline the clerk did not type.  Drop
     * it before a one-line field turns it into a trailing space.
     */
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    size_t caret_before = fieldedit_caret(&ed->fe);
    struct strbuf clean = STRBUF_INIT;
    fieldedit_sanitize(s, n, field_def(ed, ed->field)->kind != FIELD_TEXT, &clean);
    size_t old_len;
    const char *old = fieldedit_text(&ed->fe, &old_len);
    bool changed = !mem_eq(old, old_len, clean.buf ? clean.buf : "", clean.len);
    if (changed) {
        fieldedit_set_text(&ed->fe, clean.buf ? clean.buf : "", clean.len);
        seal_typing(ed);
        set_value(ed, ed->cur, ed->field, clean.buf ? clean.buf : "", clean.len, caret_before,
                  fieldedit_caret(&ed->fe), false);
    }
    strbuf_release(&clean);
    return changed;
}

/* ---- choices ----------------------------------------------------------------- */

bool editor_choice_pick(struct editor *ed, int choice)
{
    if (ed->field < 0 || field_def(ed, ed->field)->kind != FIELD_CHOICE ||
        refuse_if_read_only(ed))
        return false;
    const struct form_field *fld = field_def(ed, ed->field);
    if (choice >= (int)fld->n_choices)
        return false;
    seal_typing(ed);
    const char *key = choice >= 0 ? fld->choices[choice].key : "";
    const char *old = editor_value(ed, ed->field);
    if (choice >= 0)
        ed->choice_cursor = choice;
    if (old ? str_eq(old, key) : !*key)
        return false;
    set_value(ed, ed->cur, ed->field, key, strlen(key), 0, 0, false);
    return true;
}

bool editor_choice_step(struct editor *ed, int delta)
{
    if (ed->field < 0 || field_def(ed, ed->field)->kind != FIELD_CHOICE)
        return false;
    const struct form_field *fld = field_def(ed, ed->field);
    const char *v = editor_value(ed, ed->field);
    int cur = v ? form_choice_index(fld, v, strlen(v), false) : -1;
    int n = (int)fld->n_choices;
    int next = cur < 0 ? (delta > 0 ? 0 : n - 1) : ((cur + delta) % n + n) % n;
    return editor_choice_pick(ed, next);
}

/* ---- stages ------------------------------------------------------------------ */

bool editor_stage_done(const struct editor *ed, size_t item, int st)
{
    int df = editor_sheet(ed)->form->stages[st].done_field;
    return df >= 0 && item < editor_sheet(ed)->n_items &&
           form_bool_true(item_get(editor_sheet(ed), &editor_sheet(ed)->items[item], df));
}

bool editor_toggle_done(struct editor *ed, int st, struct problem_list *why)
{
    const struct form_stage *stage = &editor_sheet(ed)->form->stages[st];
    if (stage->done_field < 0 || ed->cur >= editor_sheet(ed)->n_items || refuse_if_read_only(ed))
        return false;
    seal_typing(ed);
    if (editor_stage_done(ed, ed->cur, st)) {
        set_value(ed, ed->cur, stage->done_field, "", 0, 0, 0, false);
        return true;
    }
    struct problem_list blockers = { NULL, 0, 0 };
    rules_stage_blockers(editor_sheet(ed), ed->cur, st, &blockers);
    bool ok = blockers.n == 0;
    if (why) {
        for (size_t i = 0; i < blockers.n; i++) {
            xgrow((void **)&why->v, &why->cap, why->n + 1, sizeof(*why->v));
            why->v[why->n++] = blockers.v[i];
        }
    }
    problems_free(&blockers);
    if (ok)
        set_value(ed, ed->cur, stage->done_field, "yes", 3, 0, 0, false);
    return ok;
}

/* ---- undo -------------------------------------------------------------------- */

static void apply_step(struct editor *ed, struct edit_step *st, bool forward)
{
    if (st->kind != EDIT_FIELD) {
        editor_items_apply(ed, st, forward);
        return;
    }
    const char *v = forward ? st->after : st->before;
    size_t caret = forward ? st->caret_after : st->caret_before;
    if (st->sheet != ed->cur_sheet || st->item != ed->cur)
        editor_goto(ed, st->sheet, st->item);
    before_item_change(ed, st->item);
    long number = item_number(editor_sheet(ed), &editor_sheet(ed)->items[st->item]);
    item_set(editor_sheet(ed), &editor_sheet(ed)->items[st->item], st->field, v ? v : "", v ? strlen(v) : 0);
    journal_change(ed, st->item, number, st->field, v, v ? strlen(v) : 0);
    value_changed(ed, st->item, st->field);
    if (ed->field != st->field || !ed->fe_active)
        editor_focus(ed, st->field);
    else
        open_field_editor(ed);
    if (ed->fe_active)
        fieldedit_set_caret(&ed->fe, caret);
}

static bool move_step(struct editor *ed, bool forward)
{
    if (refuse_if_read_only(ed))
        return false;
    struct edit_step **from = forward ? &ed->redo : &ed->undo;
    struct edit_step **to = forward ? &ed->undo : &ed->redo;
    size_t *nfrom = forward ? &ed->n_redo : &ed->n_undo;
    size_t *nto = forward ? &ed->n_undo : &ed->n_redo;
    size_t *capto = forward ? &ed->cap_undo : &ed->cap_redo;
    if (*nfrom == 0) {
        editor_message(ed, false, "%s", forward ? _("nothing to redo") : _("nothing to undo"));
        return false;
    }
    unsigned group;
    do {
        struct edit_step st = (*from)[--*nfrom];
        st.typing = false;
        apply_step(ed, &st, forward);
        xgrow((void **)to, capto, *nto + 1, sizeof(**to));
        (*to)[(*nto)++] = st;
        group = st.group;
    } while (group && *nfrom > 0 && (*from)[*nfrom - 1].group == group);
    /* Typing after an undo is a step of its own, never joined to the one
     * the undo left on top (fieldedit.h promises the same within a field). */
    seal_typing(ed);
    return true;
}

bool editor_undo(struct editor *ed)
{
    return move_step(ed, false);
}

bool editor_redo(struct editor *ed)
{
    return move_step(ed, true);
}

/* ---- saving ---------------------------------------------------------------------- */

static void stamp_changed_items(struct editor *ed)
{
    struct sheet *s = editor_sheet(ed);
    int sf = s->form->stamp_field;
    if (sf < 0)
        return;
    struct strbuf name = STRBUF_INIT, stamp = STRBUF_INIT;
    stamp_clerk_name(&name);
    stamp_make(time(NULL), name.buf, &stamp);
    const struct open_sheet *os = current(ed);
    /* Changed and not changed back: an edit that was undone is no update. */
    for (size_t i = 0; i < s->n_items; i++)
        if (s->items[i].changed && (os->item_state[i] & ITEM_DIRTY))
            item_set(s, &s->items[i], sf, stamp.buf, stamp.len);
    strbuf_release(&name);
    strbuf_release(&stamp);
}

void editor_stamp_changed(struct editor *ed)
{
    stamp_changed_items(ed);
}

/*
 * Is the file on disk still what we loaded or last saved?  0 yes (maybe
 * touched, same bytes), 1 changed, -1 cannot tell; a message says which.
 */
static int disk_changed(struct editor *ed)
{
    if (!ed->have_stamp)
        return 0;
    unsigned what = 0;
    struct error e;
    int v = filestamp_check(editor_sheet(ed)->path, &ed->stamp, &what, NULL, &e);
    if (v == FILESTAMP_CHANGED) {
        struct strbuf why = STRBUF_INIT;
        filestamp_describe(what, &why);
        editor_message(ed, true, _("NOT saved: the file changed on disk since it was loaded (%s)"),
                       why.buf);
        strbuf_release(&why);
        return 1;
    }
    if (v < 0) {
        editor_message(ed, true, _("NOT saved: cannot check the file on disk: %s"), e.msg);
        return -1;
    }
    return 0;
}

/* After the bytes are on disk: remember them, and start the journal afresh. */
static void saved_as(struct editor *ed, const struct strbuf *out, bool confirmed)
{
    struct error e;
    if (filestamp_of_bytes(editor_sheet(ed)->path, out->buf, out->len, &ed->stamp, &e) == 0)
        ed->have_stamp = true;
    /* Unconfirmed (the directory fsync failed): keep the journal; if the rename is
     * lost, the old file and the journal still match. */
    if (confirmed && ed->journal && journal_saved(ed->journal, &ed->stamp, &e) < 0)
        editor_message(ed, true, _("saved, but the old recovery journal could not be removed: %s"),
                       e.msg);
}

enum editor_save_result editor_save(struct editor *ed, bool force)
{
    if (refuse_if_read_only(ed))
        return EDITOR_SAVE_FAILED;
    if (!editor_sheet(ed)->path) {
        editor_message(ed, true, "%s", _("this sheet has no file name"));
        return EDITOR_SAVE_FAILED;
    }
    int changed = force ? 0 : disk_changed(ed);
    if (changed)
        return changed > 0 ? EDITOR_SAVE_CONFLICT : EDITOR_SAVE_FAILED;
    stamp_changed_items(ed);
    descriptor_regenerate(editor_sheet(ed));   /* an edited descriptor: the form's rules back */
    struct strbuf out = STRBUF_INIT;
    sheet_write(editor_sheet(ed), &out);
    struct error e;
    enum save_result rc = save_atomic(editor_sheet(ed)->path, out.buf, out.len, &e);
    if (rc == SAVE_FAILED) {
        strbuf_release(&out);
        editor_message(ed, true, _("NOT saved: %s (your changes are still here)"), e.msg);
        return EDITOR_SAVE_FAILED;
    }
    sheet_mark_saved(editor_sheet(ed));
    reset_unsaved(current(ed));
    update_modified(ed);
    if (rc == SAVE_UNCONFIRMED)
        editor_message(ed, true, "%s", e.msg);
    else
        editor_message(ed, false, _("saved %s"), editor_sheet(ed)->path);
    saved_as(ed, &out, rc == SAVE_OK);
    strbuf_release(&out);
    return EDITOR_SAVED;
}

void editor_replace_sheet(struct editor *ed, struct sheet *s, const struct filestamp *stamp)
{
    struct open_sheet *os = current(ed);
    close_field_editor(ed);
    for (size_t i = 0; i < ed->n_undo; i++)
        free_step(&ed->undo[i]);
    for (size_t i = 0; i < ed->n_redo; i++)
        free_step(&ed->redo[i]);
    ed->n_undo = ed->n_redo = 0;
    ed->total_errors -= os->errors;
    os->errors = os->sheet_errors = 0;
    free(os->item_errors);
    problems_clear(&os->sheet_level);
    ed->sheets[ed->cur_sheet] = s;
    os->item_errors = xcalloc(s->n_items + 1, sizeof(size_t));
    reset_unsaved(os);
    for (size_t i = 0; i < s->n_items; i++)
        recheck_item(ed, os, i);
    recheck_sheet_level(ed, os);
    update_modified(ed);
    ed->changes++;
    if (stamp) {
        ed->stamp = *stamp;
        ed->have_stamp = true;
    }
    size_t cur = ed->cur < s->n_items ? ed->cur : 0;
    ed->field = -1;
    ed->cur = (size_t)-1;
    editor_goto(ed, ed->cur_sheet, cur);
}

/* ---- what the screen shows about fields ------------------------------------------- */

const struct problem *editor_field_problem(const struct editor *ed, int f)
{
    const struct problem *warning = NULL;
    for (size_t i = 0; i < ed->cur_problems.n; i++) {
        const struct problem *p = &ed->cur_problems.v[i];
        if (p->field != f)
            continue;
        if (p->severity == SEV_ERROR)
            return p;
        if (!warning)
            warning = p;
    }
    return warning;
}

bool editor_field_required(const struct editor *ed, int f)
{
    if (ed->cur >= editor_sheet(ed)->n_items)
        return false;
    const struct form_field *fld = field_def(ed, f);
    if (fld->mandatory)
        return true;
    const struct item *it = &editor_sheet(ed)->items[ed->cur];
    for (size_t k = 0; k < fld->n_required_when; k++) {
        const struct form_condition *c = &fld->required_when[k];
        const char *v = item_get(editor_sheet(ed), it, c->field);
        if (v && str_eq(v, field_def(ed, c->field)->choices[c->choice].key))
            return true;
    }
    return false;
}

size_t editor_stage_errors(const struct editor *ed, size_t idx, int st)
{
    struct problem_list tmp = { NULL, 0, 0 };
    const struct problem_list *pl = &ed->cur_problems;
    if (idx != ed->cur) {
        rules_check_item(editor_sheet(ed), idx, &tmp);
        pl = &tmp;
    }
    size_t n = 0;
    for (size_t i = 0; i < pl->n; i++)
        if (pl->v[i].severity == SEV_ERROR && pl->v[i].field >= 0 &&
            editor_sheet(ed)->form->fields[pl->v[i].field].stage == st)
            n++;
    problems_free(&tmp);
    return n;
}

int editor_save_copy(struct editor *ed, const char *path)
{
    struct stat st;
    if (!*path || lstat(path, &st) == 0) {
        editor_message(ed, true, *path ? _("NOT saved: that file exists already (%s); give a "
                                           "new file name")
                                       : _("NOT saved: no file name"), path);
        return -1;
    }
    struct strbuf out = STRBUF_INIT;
    sheet_write(editor_sheet(ed), &out);
    struct error e;
    enum save_result rc = save_atomic(path, out.buf, out.len, &e);
    strbuf_release(&out);
    if (rc == SAVE_FAILED) {
        editor_message(ed, true, _("NOT saved: %s"), e.msg);
        return -1;
    }
    editor_message(ed, rc != SAVE_OK, _("saved a copy to %s; %s itself is still unsaved"), path,
                   editor_sheet(ed)->path);
    return 0;
}

/* ---- for editor_items.c (editor_impl.h) ------------------------------------------ */

struct open_sheet *editor_impl_current(struct editor *ed)
{
    return current(ed);
}

bool editor_impl_refuse_if_read_only(struct editor *ed)
{
    return refuse_if_read_only(ed);
}

void editor_impl_seal_typing(struct editor *ed)
{
    seal_typing(ed);
}

void editor_impl_push_step(struct editor *ed, struct edit_step st)
{
    push_step(ed, st);
}

void editor_impl_set_value(struct editor *ed, size_t idx, int f, const char *v, size_t n)
{
    set_value(ed, idx, f, v, n, 0, 0, false);
}

uint64_t editor_impl_item_hash(const struct sheet *s, size_t idx)
{
    return item_hash(s, idx);
}

void editor_impl_recheck(struct editor *ed, size_t idx)
{
    if (idx < editor_sheet(ed)->n_items)
        recheck_item(ed, current(ed), idx);
    recheck_sheet_level(ed, current(ed));
    update_modified(ed);
    ed->changes++;
}
