/*
 * descriptor.h - a sheet's %rec descriptors against the ones its form
 * generates (form_descriptor, form_sheet_descriptor).  They carry the
 * rules `recfix --check` enforces, so an edited descriptor means recfix
 * checks other rules than torikumi: `check` reports it (rules_file.c) and
 * a save writes the form's back.
 *
 * Compared as recutils reads them: the set of entries (name and value),
 * in any order; %doc and comments do not count.
 */
#ifndef TORIKUMI_DESCRIPTOR_H
#define TORIKUMI_DESCRIPTOR_H

#include <stdbool.h>

#include "sheet.h"

struct descriptor_diff {
    bool differs;
    bool extra;          /* true: the file has entry `what` the form does not; false: lacks it */
    long line;           /* the entry's line (extra), else the descriptor's */
    char what[256];      /* "%key: Title" */
};

/* Compare descriptor record r (of the items when items, else of the header) with the form's. */
void descriptor_compare(const struct sheet *s, const struct rec_record *r, bool items,
                        struct descriptor_diff *d);
/*
 * Before a save: give the first descriptor of the items and of the header
 * the form's entries when they differ (comments in it are kept).  The
 * records of the sheet are untouched.  Returns how many it rewrote.
 */
int descriptor_regenerate(struct sheet *s);

#endif
