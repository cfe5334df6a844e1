/*
 * overview.h - the table of initiatives across several sheets, as a
 * supervisor pages through the sheets of all wards: one row per (sheet,
 * item) with its ward, number, title, the state of each stage that has a
 * complete mark, the result and its problems; filters, two sort orders,
 * and the counts of a selection.
 *
 * Rows are computed once, in overview_build() (one rules_check_item()
 * per item plus one sheet-level check per sheet: numbers used twice
 * count as errors of their items, as in the editor); filtering, sorting
 * and counting only read the rows.  After an item is edited,
 * overview_refresh_item() recomputes its row.
 *
 * Cost: 240,000 rows (24 sheets of 10,000 items) build in 1.4-1.6 s of
 * CPU; selecting and sorting them all takes 70-190 ms, filtering and
 * counting a few ms (docs/performance.md, "Search").  A one-sheet list
 * (F5) can build an overview of that sheet alone.
 *
 * All sheets must use the same form (by id, with the same stages and
 * fields): it gives the columns.
 *
 * Ownership: the overview borrows the sheets (they must outlive it; the
 * array of pointers is copied) and
 * rows borrow their ward and title strings from them.  overview_select()
 * returns an array the caller frees; overview_counts_free() frees counts.
 */
#ifndef TORIKUMI_OVERVIEW_H
#define TORIKUMI_OVERVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "rules.h"
#include "sheet.h"
#include "util.h"

struct overview_row {
    size_t sheet;           /* index into the sheets given */
    size_t item;            /* index into that sheet's items */
    long number;            /* the item's number, -1 when missing or bad */
    const char *ward;       /* the sheet header's Ward ("" when none), borrowed */
    long year;              /* the sheet header's FiscalYear, -1 when missing or bad */
    const char *title;      /* the title field (NULL when empty or no title field), borrowed */
    int result;             /* choice index of the result field, -1 not chosen (or invalid) */
    size_t errors;          /* its errors (rules_check_item + numbers used twice) */
    size_t warnings;
    unsigned char *states;  /* enum stage_state per stage column */
};

struct overview;

/* Build the rows.  Returns NULL with e set when the sheets use different forms. */
struct overview *overview_build(struct sheet *const *sheets, size_t n_sheets, struct error *e);
void overview_free(struct overview *ov);

/* The form that gives the columns (the first sheet's); NULL when there are no sheets. */
const struct form *overview_form(const struct overview *ov);
/* Stage columns: stages that have a complete mark, in form order. */
size_t overview_n_stages(const struct overview *ov);
/* Form stage index of stage column col. */
int overview_stage(const struct overview *ov, size_t col);

size_t overview_n_rows(const struct overview *ov);
const struct overview_row *overview_row(const struct overview *ov, size_t row);
/* The result as shown: the choice label, or "not chosen" (translated). */
const char *overview_result_label(const struct overview *ov, const struct overview_row *r);

/* Recompute the row of item (after an edit). */
void overview_refresh_item(struct overview *ov, size_t sheet, size_t item);

/* Filters; every condition set must hold. */
struct overview_filter {
    bool problems_only;     /* rows with errors */
    int result;             /* choice index of the result; -1 any; -2 not chosen */
    int incomplete_stage;   /* form stage index whose state is not STAGE_COMPLETE; -1 any */
    const char *ward;       /* rows of this ward only; NULL any */
    long year;              /* with ward: of this fiscal year only; 0 any */
};
#define OVERVIEW_FILTER_ALL { false, -1, -1, NULL, 0 }

enum overview_sort {
    /*
     * Ward, then number: wards in the order their first sheet was given,
     * items by number (missing numbers last), ties in file order.
     */
    OVERVIEW_SORT_NUMBER,
    /*
     * Those that need attention first: rows with errors, then fewer stages
     * marked complete, then the first stage not complete empty before in
     * progress; ties by ward and number.
     */
    OVERVIEW_SORT_STATE,
};

/* Rows that pass filter, sorted: *rows (caller frees) gets their indices.  Returns the count. */
size_t overview_select(const struct overview *ov, const struct overview_filter *filter,
                       enum overview_sort sort, size_t **rows);

/* Resolve a --result argument: choice key or label of the result field; -1 when none. */
int overview_result_choice(const struct overview *ov, const char *key_or_label);
/* Resolve a stage by id or label; -1 when none (or it has no complete mark). */
int overview_stage_by_name(const struct overview *ov, const char *id_or_label);

struct overview_counts {
    size_t rows;                    /* initiatives in the selection */
    size_t n_results;               /* choices of the result field (0 when none) */
    size_t *per_result;             /* per choice, then one more: not chosen */
    size_t *complete;               /* per stage column: STAGE_COMPLETE */
    size_t *complete_problems;      /* per stage column: STAGE_COMPLETE_PROBLEMS */
    size_t with_errors;             /* rows with errors */
};

void overview_count(const struct overview *ov, const size_t *rows, size_t n,
                    struct overview_counts *out);
void overview_counts_free(struct overview_counts *c);

#endif
