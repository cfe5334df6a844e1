/*
 * editor_items.c - managing items in the editor: new, delete, duplicate,
 * move up/down and renumber, each one undo step (editor.h) and written to
 * the recovery journal (ins/rmi/swp entries, docs/reliability.md).
 *
 * An item step keeps the record that is out of the sheet (held): a delete
 * holds it until undone, a new item holds it after being undone.  The
 * per-item bookkeeping of the open sheet (errors, what is unsaved) moves
 * with the items.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "editor_impl.h"
#include "i18n.h"

/* ---- the bookkeeping follows the items ------------------------------------------- */

/* Room for item idx; unsaved as it was when taken out (state 0: a new item, unsaved). */
static void arrays_make_room(struct open_sheet *os, size_t idx, uint64_t hash, unsigned char state)
{
    size_t n = editor_impl_sheet_of(ed, os)->n_items;      /* after the insertion */
    os->item_errors = xrealloc(os->item_errors, (n + 1) * sizeof(*os->item_errors));
    os->saved_hash = xrealloc(os->saved_hash, (n + 1) * sizeof(*os->saved_hash));
    os->item_state = xrealloc(os->item_state, n + 1);
    memmove(&os->item_errors[idx + 1], &os->item_errors[idx], (n - 1 - idx) * sizeof(size_t));
    memmove(&os->saved_hash[idx + 1], &os->saved_hash[idx], (n - 1 - idx) * sizeof(uint64_t));
    memmove(&os->item_state[idx + 1], &os->item_state[idx], n - 1 - idx);
    os->item_errors[idx] = 0;
    if (!state) {
        /* A new item is unsaved until saved, whatever it holds. */
        hash = editor_impl_item_hash(editor_impl_sheet_of(ed, os), idx) + 1;
        state = HASH_TAKEN | ITEM_DIRTY;
    }
    os->saved_hash[idx] = hash;
    os->item_state[idx] = state;
    if (state & ITEM_DIRTY)
        os->n_dirty++;
}

static void arrays_close_gap(struct editor *ed, struct open_sheet *os, size_t idx)
{
    size_t n = editor_impl_sheet_of(ed, os)->n_items;      /* after the removal */
    os->errors -= os->item_errors[idx];
    ed->total_errors -= os->item_errors[idx];
    if (os->item_state[idx] & ITEM_DIRTY)
        os->n_dirty--;
    memmove(&os->item_errors[idx], &os->item_errors[idx + 1], (n - idx) * sizeof(size_t));
    memmove(&os->saved_hash[idx], &os->saved_hash[idx + 1], (n - idx) * sizeof(uint64_t));
    memmove(&os->item_state[idx], &os->item_state[idx + 1], n - idx);
}

static void arrays_swap(struct open_sheet *os, size_t idx)
{
    size_t e = os->item_errors[idx];
    os->item_errors[idx] = os->item_errors[idx + 1];
    os->item_errors[idx + 1] = e;
    uint64_t h = os->saved_hash[idx];
    os->saved_hash[idx] = os->saved_hash[idx + 1];
    os->saved_hash[idx + 1] = h;
    unsigned char st = os->item_state[idx];
    os->item_state[idx] = os->item_state[idx + 1];
    os->item_state[idx + 1] = st;
}

/* ---- the three changes, journalled ---------------------------------------------- */

static void put_in(struct editor *ed, size_t idx, struct edit_step *st)
{
    struct open_sheet *os = editor_impl_current(ed);
    struct rec_record *r = st->held;
    st->held = NULL;
    sheet_insert_item(editor_impl_sheet_of(ed, os), idx, r);
    arrays_make_room(os, idx, st->held_hash, st->held_state);
    if (ed->journal) {
        journal_append_item_op(ed->journal, JOURNAL_INSERT_ITEM, idx);
        long no = item_number(editor_impl_sheet_of(ed, os), &editor_impl_sheet_of(ed, os)->items[idx]);
        for (size_t i = 0; i < r->n_entries; i++)
            if (r->entries[i].name)
                journal_append(ed->journal, idx, no, r->entries[i].name, r->entries[i].value,
                               r->entries[i].value_len);
    }
    editor_impl_recheck(ed, idx);
}

static void take_out(struct editor *ed, size_t idx, struct edit_step *st)
{
    struct open_sheet *os = editor_impl_current(ed);
    if (ed->journal)
        journal_append_item_op(ed->journal, JOURNAL_REMOVE_ITEM, idx);
    st->held_hash = os->saved_hash[idx];
    /* Not taken yet: clean, as saved (its hash now is its saved one). */
    st->held_state = os->item_state[idx] ? os->item_state[idx] : HASH_TAKEN;
    if (!os->item_state[idx])
        st->held_hash = editor_impl_item_hash(editor_impl_sheet_of(ed, os), idx);
    st->held = sheet_remove_item(editor_impl_sheet_of(ed, os), idx);
    arrays_close_gap(ed, os, idx);
    editor_impl_recheck(ed, (size_t)-1);
}

static void swap(struct editor *ed, size_t idx)
{
    struct open_sheet *os = editor_impl_current(ed);
    sheet_swap_items(editor_impl_sheet_of(ed, os), idx);
    arrays_swap(os, idx);
    if (ed->journal)
        journal_append_item_op(ed->journal, JOURNAL_SWAP_ITEMS, idx);
    editor_impl_recheck(ed, (size_t)-1);
}

/* ---- undo steps ------------------------------------------------------------------ */

/* Show item idx from its top, even when it is the index already shown. */
static void show_item(struct editor *ed, size_t idx)
{
    ed->field = -1;
    editor_goto_item(ed, idx);
}

void editor_items_apply(struct editor *ed, struct edit_step *st, bool forward)
{
    if (st->sheet != ed->cur_sheet)
        editor_goto(ed, st->sheet, 0);
    editor_impl_current(ed)->structure += forward ? 1 : -1;
    bool insert = (st->kind == EDIT_ITEM_INSERT) == forward;
    if (st->kind == EDIT_ITEM_SWAP)
        swap(ed, st->item);
    else if (insert)
        put_in(ed, st->item, st);
    else
        take_out(ed, st->item, st);
    /* Where the focus goes: caret_after when done, caret_before when undone. */
    show_item(ed, forward ? st->caret_after : st->caret_before);
}

static void do_step(struct editor *ed, struct edit_step st)
{
    st.sheet = ed->cur_sheet;
    st.field = -1;
    st.when_ms = ed->clock_ms();
    editor_impl_seal_typing(ed);
    editor_items_apply(ed, &st, true);
    editor_impl_push_step(ed, st);
}

static long highest_number(const struct sheet *s)
{
    long max = 0;
    for (size_t i = 0; i < s->n_items; i++) {
        long no = item_number(s, &s->items[i]);
        if (no > max)
            max = no;
    }
    return max;
}

static void set_number(const struct sheet *s, struct rec_record *r, long no)
{
    char buf[24];
    int n = snprintf(buf, sizeof(buf), "%ld", no);
    rec_insert(r, 0, s->form->fields[s->form->key_field].key, buf, (size_t)n);
}

/* ---- what the clerk asks for ------------------------------------------------------ */

void editor_new_item(struct editor *ed)
{
    if (editor_impl_refuse_if_read_only(ed))
        return;
    struct sheet *s = editor_sheet(ed);
    long no = highest_number(s) + 1;
    struct rec_record *r = rec_record_new();
    r->type = xstrdup(s->form->record_type);
    set_number(s, r, no);
    size_t at = s->n_items;
    do_step(ed, (struct edit_step){ .kind = EDIT_ITEM_INSERT, .item = at, .held = r,
                                    .caret_before = at ? at - 1 : 0, .caret_after = at });
    if (s->form->title_field >= 0)
        editor_focus(ed, s->form->title_field);
    editor_message(ed, false, _("new %s %ld added"), s->form->item_label, no);
}

static bool refuse_without_items(struct editor *ed)
{
    if (editor_impl_refuse_if_read_only(ed))
        return true;
    if (editor_sheet(ed)->n_items > 0)
        return false;
    editor_message(ed, true, _("there is no %s here (Ctrl-N adds one)"), editor_sheet(ed)->form->item_label);
    return true;
}

bool editor_delete_item(struct editor *ed)
{
    if (refuse_without_items(ed))
        return false;
    size_t at = ed->cur;
    long no = item_number(editor_sheet(ed), &editor_sheet(ed)->items[at]);
    size_t after = at + 1 < editor_sheet(ed)->n_items ? at : (at ? at - 1 : 0);
    do_step(ed, (struct edit_step){ .kind = EDIT_ITEM_REMOVE, .item = at, .caret_before = at,
                                    .caret_after = after });
    editor_message(ed, false, _("%s %ld deleted (Ctrl-Z brings it back)"),
                   editor_sheet(ed)->form->item_label, no);
    return true;
}

bool editor_duplicate_item(struct editor *ed)
{
    if (refuse_without_items(ed))
        return false;
    struct sheet *s = editor_sheet(ed);
    size_t at = ed->cur;
    long from = item_number(s, &s->items[at]), no = highest_number(s) + 1;
    struct rec_record *r = sheet_copy_item(s, at);
    set_number(s, r, no);
    do_step(ed, (struct edit_step){ .kind = EDIT_ITEM_INSERT, .item = at + 1, .held = r,
                                    .caret_before = at, .caret_after = at + 1 });
    editor_message(ed, false, _("%s %ld is a copy of %ld"), s->form->item_label, no, from);
    return true;
}

bool editor_move_item(struct editor *ed, int delta)
{
    if (refuse_without_items(ed))
        return false;
    size_t at = ed->cur;
    if ((delta < 0 && at == 0) || (delta > 0 && at + 1 >= editor_sheet(ed)->n_items)) {
        editor_message(ed, true, "%s", delta < 0 ? _("this is already the first one")
                                                 : _("this is already the last one"));
        return false;
    }
    size_t to = delta < 0 ? at - 1 : at + 1;
    do_step(ed, (struct edit_step){ .kind = EDIT_ITEM_SWAP, .item = delta < 0 ? to : at,
                                    .caret_before = at, .caret_after = to });
    editor_message(ed, false, _("moved to place %zu of %zu; numbers stay (renumber: R in the "
                                "item menu)"), to + 1, editor_sheet(ed)->n_items);
    return true;
}

bool editor_renumber_items(struct editor *ed)
{
    if (refuse_without_items(ed))
        return false;
    static unsigned next_group;
    unsigned group = ++next_group ? next_group : ++next_group;
    struct sheet *s = editor_sheet(ed);
    size_t cur = ed->cur, changed = 0;
    editor_impl_seal_typing(ed);
    for (size_t i = 0; i < s->n_items; i++) {
        if (item_number(s, &s->items[i]) == (long)i + 1)
            continue;
        char buf[24];
        int n = snprintf(buf, sizeof(buf), "%zu", i + 1);
        /* The number differs, so this is one more undo step: tie it to the others. */
        editor_impl_set_value(ed, i, s->form->key_field, buf, (size_t)n);
        ed->undo[ed->n_undo - 1].group = group;
        changed++;
    }
    show_item(ed, cur);
    if (!changed)
        editor_message(ed, false, _("already numbered 1 to %zu"), s->n_items);
    else
        editor_message(ed, false, _("numbered 1 to %zu in sheet order: %zu numbers changed "
                                    "(Ctrl-Z undoes it)"), s->n_items, changed);
    return changed > 0;
}
