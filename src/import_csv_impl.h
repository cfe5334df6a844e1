/*
 * import_csv_impl.h - what import_csv.c and import_csv_columns.c share:
 * what a header cell names.  Not for other modules.
 */
#ifndef TORIKUMI_IMPORT_CSV_IMPL_H
#define TORIKUMI_IMPORT_CSV_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "form.h"
#include "util.h"

enum col_kind {
    COL_FIELD,      /* a field of the form */
    COL_WARD,       /* the header record's Ward, FiscalYear, Title (in this order) */
    COL_YEAR,
    COL_TITLE,
    COL_EXTRA,      /* unknown: kept as a field of its own */
    COL_UNNAMED,    /* empty header: must stay empty */
};

/* Blanks (space, tab, U+3000) around s[0..*n) removed; returns the new start. */
const char *import_csv_trim(const char *s, size_t *n);
/* a (NUL-terminated, may be NULL) equals s[0..n). */
bool import_csv_eq(const char *a, const char *s, size_t n);

/*
 * What header cell h[0..n) (trimmed) names in form f (import_csv.h lists
 * the order of trial).  *field is the field for COL_FIELD, else -1.  When
 * a label is shared, *matches is their number (> 1), alt gets the
 * qualified headers to use instead, and the kind returned is meaningless.
 */
enum col_kind import_csv_classify(const struct form *f, const char *h, size_t n, int *field,
                                  size_t *matches, struct strbuf *alt);

#endif
