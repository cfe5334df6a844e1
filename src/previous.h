/*
 * previous.h - last year's sheet beside this year's: where it is and
 * what it said.  No curses.
 *
 * `torikumi new --from LAST.rec` records LAST in the new sheet's header as
 * `Previous: LAST.rec`, relative to the new sheet's directory (so the pair
 * can move together); `torikumi edit --previous LAST.rec` names it for one
 * session.  An item of this year is last year's item of the same number
 * (carryover keeps the numbers; a sheet has no other identity that lasts
 * a year), and a field is found by its key, so last year's form may differ.
 *
 * Ownership: previous_open fills a struct previous freed with
 * previous_close; strings returned by previous_link and previous_path are
 * the caller's to free.
 */
#ifndef TORIKUMI_PREVIOUS_H
#define TORIKUMI_PREVIOUS_H

#include <stdbool.h>

#include "sheet.h"

#define PREVIOUS_FIELD "Previous"

struct previous {
    struct sheet *last;                 /* read-only */
    struct sheet_numbered *by_number;   /* its items by number */
    size_t n_numbered;
};

/*
 * What the Previous field of a sheet written at sheet_path holds for
 * last_path: last_path relative to the sheet's directory (absolute when
 * the directories cannot be resolved).  NULL when it would not be one line
 * without control characters.
 */
char *previous_link(const char *sheet_path, const char *last_path);
/* Set (or replace) the header's Previous field. */
void previous_record(struct sheet *s, const char *link);
/* The file s's Previous field names, resolved against s's directory; NULL when none. */
char *previous_path(const struct sheet *s);

/* Read last year's sheet (read-only).  Returns 0, or -1 with e set. */
int previous_open(struct previous *p, const char *path, struct error *e);
void previous_close(struct previous *p);

/* Last year's item of the same number as item it of cur, or NULL. */
const struct item *previous_item(const struct previous *p, const struct sheet *cur,
                                 const struct item *it);
/* Its value of field f of cur's form (by key), or NULL when empty or absent. */
const char *previous_value(const struct item *last_item, const struct form *form, int f);

#endif
