/*
 * wardcount.h - the per-ward count table a supervisor opens from the F5
 * list: for each (ward, fiscal year) among the rows shown, how many items,
 * how many have one stage not complete / complete, how many have
 * problems, and how many ended with each result.  No curses (ui_wards.c
 * draws it); counting only reads the overview's rows.
 *
 * "Not complete" is what the list's incomplete-stage filter keeps: any
 * state but STAGE_COMPLETE (a stage marked complete with problems counts
 * as not complete), so a ward's count is the number of rows `i` shows.
 *
 * Groups come in the order of their first row in the selection (the list's
 * order: ward, then number); wards of different years are apart.
 *
 * Ownership: groups borrow their ward strings from the overview's sheets;
 * free the table with ward_table_free().
 */
#ifndef TORIKUMI_WARDCOUNT_H
#define TORIKUMI_WARDCOUNT_H

#include <stdbool.h>
#include <stddef.h>

#include "overview.h"

struct ward_count {
    const char *ward;       /* borrowed */
    long year;              /* -1 when missing */
    size_t items;
    size_t incomplete;      /* the stage column's state is not STAGE_COMPLETE */
    size_t complete;
    size_t with_errors;
    size_t *per_result;     /* per choice of the result field, then not chosen */
};

struct ward_table {
    struct ward_count *v;
    size_t n;
    size_t n_results;       /* choices of the result field (0 when none) */
    bool years_differ;      /* the groups are not all of one fiscal year */
    struct ward_count total;
};

/* Count the selected rows (overview_select() order) for stage column col. */
void ward_table_build(const struct overview *ov, const size_t *rows, size_t n, size_t col,
                      struct ward_table *out);
void ward_table_free(struct ward_table *t);
/*
 * The stage column the table starts on: the form stage given (the list's
 * filter) when it has a column, else the first column with rows not
 * complete, else the last column.  0 when there are no stage columns.
 */
size_t ward_table_default_col(const struct overview *ov, const size_t *rows, size_t n, int stage);

#endif
