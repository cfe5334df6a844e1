/*
 * editor_impl.h - what editor.c lends editor_items.c (managing items):
 * the current open sheet, undo steps, re-checking.  Not for other modules.
 */
#ifndef TORIKUMI_EDITOR_IMPL_H
#define TORIKUMI_EDITOR_IMPL_H

#include "editor.h"

enum { HASH_TAKEN = 1, ITEM_DIRTY = 2 };    /* open_sheet.item_state bits */

struct open_sheet *editor_impl_current(struct editor *ed);
/* The sheet os is about (os is one of ed->open). */
struct sheet *editor_impl_sheet_of(const struct editor *ed, const struct open_sheet *os);
bool editor_impl_refuse_if_read_only(struct editor *ed);
void editor_impl_seal_typing(struct editor *ed);
/* Push a step already applied (clears redo). */
void editor_impl_push_step(struct editor *ed, struct edit_step st);
/* Set a field as one undo step, journalled and re-checked. */
void editor_impl_set_value(struct editor *ed, size_t idx, int f, const char *v, size_t n);
/* The item's content hash (its fields but the stamp). */
uint64_t editor_impl_item_hash(const struct sheet *s, size_t idx);
/* After item idx changed (none: -1): its problems, the sheet's numbers, what is unsaved. */
void editor_impl_recheck(struct editor *ed, size_t idx);

/* Apply an item step forward (do) or backward (undo); editor.c's undo calls it. */
void editor_items_apply(struct editor *ed, struct edit_step *st, bool forward);

#endif
