/*
 * merge.h - three-way merge of sheets (base, ours, theirs), and the
 * conflicts it leaves in a sheet.  No curses: the editor's merge on save,
 * `torikumi merge` (git's merge driver) and `torikumi check` share it.
 *
 * Items are matched by their number (the form's key field); an item
 * renumbered on one side without any other change there is recognised
 * by its content and follows the new number.  Records merge field by
 * field (all occurrences of a name are one value; absent = empty): a
 * field changed on one side only takes that side; the same change on
 * both sides is no conflict; the stamp field (Updated) takes the later
 * stamp.  Items added on one side are added (after the item before them
 * on that side); deleted on one side and unchanged on the other are
 * deleted.  The header record merges like an item.  Comments, unknown
 * fields and descriptors survive: the merged file is built on ours, or
 * on theirs when only theirs changed the text between records.
 *
 * A conflict stays in the sheet as valid recutils, so nothing is lost
 * and recfix --check still passes: the field keeps the base value and
 * two fields after it hold the sides:
 *     Plan_Goal: <base>
 *     Merge_Ours_Plan_Goal: <ours>
 *     Merge_Theirs_Plan_Goal: <theirs>
 * (an empty value: that side removed it).  An item changed on one side
 * and deleted on the other is kept as changed with "Merge_Deleted: ours"
 * or "Merge_Deleted: theirs" naming the side that deleted it.
 *
 * Ownership: merge_texts returns a new sheet (sheet_free); conflict
 * lists are freed with merge_conflicts_free.
 */
#ifndef TORIKUMI_MERGE_H
#define TORIKUMI_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include "sheet.h"

#define MERGE_OURS_PREFIX "Merge_Ours_"
#define MERGE_THEIRS_PREFIX "Merge_Theirs_"
#define MERGE_DELETED_FIELD "Merge_Deleted"

enum merge_side { MERGE_SIDE_OURS = 0, MERGE_SIDE_THEIRS = 1 };

/* What each side brought in (indexed by enum merge_side). */
struct merge_stats {
    size_t fields[2];         /* fields changed on that side only */
    size_t added[2];          /* items added on that side only */
    size_t deleted[2];        /* items deleted on that side, unchanged on the other */
    size_t conflicts;         /* fields and items left in conflict */
};

/*
 * Merge three sheet texts.  names[0..2] name base, ours and theirs in
 * errors.  form NULL: the one ours' header names.  Returns the merged
 * sheet (its path is names[1]), or NULL with e set when a text does not
 * parse.  st (may be NULL) counts what was merged.
 */
struct sheet *merge_texts(const char *base, size_t base_len, const char *ours, size_t ours_len,
                          const char *theirs, size_t theirs_len, const char *const names[3],
                          struct form *form, struct merge_stats *st, struct error *e);

/*
 * The same, appending the merged text to out without parsing it again (a
 * side that is the result is copied unparsed).  Returns 0, or -1 with e set.
 */
int merge_texts_to(const char *base, size_t base_len, const char *ours, size_t ours_len,
                   const char *theirs, size_t theirs_len, const char *const names[3],
                   struct form *form, struct merge_stats *st, struct strbuf *out,
                   struct error *e);

enum merge_conflict_kind {
    MERGE_CONFLICT_FIELD,     /* both sides changed field differently */
    MERGE_CONFLICT_DELETED,   /* one side deleted the item, the other changed it */
};

struct merge_conflict {
    enum merge_conflict_kind kind;
    long item;                /* index into sheet->items, -1 for the header */
    const char *field;        /* the field's key (FIELD); NULL for DELETED */
    const char *ours;         /* ours' value ("" = removed); NULL when ours deleted the item */
    const char *theirs;       /* likewise */
    long line;                /* line of the conflict's first Merge_ field (0 when new) */
};

/* The conflicts recorded in s, in file order; pointers into s stay valid until it changes. */
size_t merge_conflicts(const struct sheet *s, struct merge_conflict **out);
void merge_conflicts_free(struct merge_conflict *v);
/* The conflicts recorded in one record (an item's or the header's). */
size_t merge_record_conflicts(const struct rec_record *r, long item, struct merge_conflict **out,
                              size_t n, size_t *cap);

/* "unresolved merge conflict: ours "…", theirs "…"" (sanitized for a terminal), translated. */
void merge_conflict_describe(const struct merge_conflict *c, struct strbuf *out);

enum merge_choice { MERGE_TAKE_OURS, MERGE_TAKE_THEIRS, MERGE_TAKE_VALUE };

/*
 * Resolve conflict c of s: the field gets ours, theirs or value (a
 * DELETED conflict: theirs/ours deletes the item when that side deleted
 * it, else keeps it); the Merge_ fields go.  c is invalid afterwards.
 */
void merge_resolve(struct sheet *s, const struct merge_conflict *c, enum merge_choice choice,
                   const char *value);

#endif
