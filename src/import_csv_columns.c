/*
 * import_csv_columns.c - what a CSV header cell names: a field of the
 * form (by key, stage-qualified label, label or alias), the sheet's
 * header record, or an unknown column, and the field name an unknown
 * column gets.  Pure: reads the form only.
 */
#include "import_csv.h"
#include "import_csv_impl.h"

#include <string.h>

#include "recfile.h"

static const char *const hdr_keys[3] = { "Ward", "FiscalYear", "SheetTitle" };
static const char *const hdr_labels[3] = { "区", "年度", "シート名" };

static bool is_blank_at(const char *s, size_t n, size_t *k)
{
    if (n >= 1 && (s[0] == ' ' || s[0] == '\t')) {
        *k = 1;
        return true;
    }
    if (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0) {
        *k = 3;
        return true;
    }
    return false;
}

const char *import_csv_trim(const char *s, size_t *n)
{
    size_t k;
    while (*n > 0 && is_blank_at(s, *n, &k)) {
        s += k;
        *n -= k;
    }
    for (;;) {
        if (*n >= 1 && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
            *n -= 1;
        else if (*n >= 3 && memcmp(s + *n - 3, "\xE3\x80\x80", 3) == 0)
            *n -= 3;
        else
            break;
    }
    return s;
}

bool import_csv_eq(const char *a, const char *s, size_t n)
{
    return a && mem_eq(a, strlen(a), s, n);
}

void import_csv_field_name(const char *h, size_t n, struct strbuf *out)
{
    if (n > 0 && h[0] != '%' && rec_valid_name(h, n)) {
        strbuf_add(out, h, n);
        return;
    }
    strbuf_addstr(out, "X_");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)h[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            strbuf_addch(out, (char)c);
        else if (c == '_')
            strbuf_addstr(out, "__");
        else
            strbuf_addf(out, "_%02X", c);
    }
}

static int stage_by_name(const struct form *f, const char *s, size_t n)
{
    for (size_t i = 0; i < f->n_stages; i++) {
        const struct form_stage *st = &f->stages[i];
        if (import_csv_eq(st->label, s, n) || import_csv_eq(st->id, s, n))
            return (int)i;
        for (size_t a = 0; a < st->n_aliases; a++)
            if (import_csv_eq(st->aliases[a], s, n))
                return (int)i;
    }
    return -1;
}

static bool field_has_label(const struct form_field *fld, const char *s, size_t n)
{
    if (import_csv_eq(fld->label, s, n))
        return true;
    for (size_t a = 0; a < fld->n_aliases; a++)
        if (import_csv_eq(fld->aliases[a], s, n))
            return true;
    return false;
}

/* Split "STAGE/LABEL" (ASCII or full-width slash); false when there is no slash. */
static bool split_qualified(const char *h, size_t n, const char **st, size_t *stn,
                            const char **lb, size_t *lbn)
{
    for (size_t i = 0; i < n; i++) {
        size_t w = h[i] == '/' ? 1 : (n - i >= 3 && memcmp(h + i, "／", 3) == 0) ? 3 : 0;
        if (!w)
            continue;
        *stn = i;
        *st = import_csv_trim(h, stn);
        *lbn = n - i - w;
        *lb = import_csv_trim(h + i + w, lbn);
        return true;
    }
    return false;
}

/* The field a qualified header names, or -1. */
static int qualified_field(const struct form *f, const char *h, size_t n)
{
    const char *st, *lb;
    size_t stn, lbn;
    if (!split_qualified(h, n, &st, &stn, &lb, &lbn))
        return -1;
    int stage = stage_by_name(f, st, stn);
    if (stage < 0)
        return -1;
    for (size_t i = 0; i < f->n_fields; i++)
        if (f->fields[i].stage == stage &&
            (field_has_label(&f->fields[i], lb, lbn) || import_csv_eq(f->fields[i].key, lb, lbn)))
            return (int)i;
    return -1;
}

enum col_kind import_csv_classify(const struct form *f, const char *h, size_t n, int *field,
                                  size_t *matches, struct strbuf *alt)
{
    *field = -1;
    *matches = 0;
    for (size_t i = 0; i < f->n_fields; i++)
        if (import_csv_eq(f->fields[i].key, h, n)) {
            *field = (int)i;
            return COL_FIELD;
        }
    for (int k = 0; k < 3; k++)
        if (import_csv_eq(hdr_keys[k], h, n))
            return COL_WARD + k;
    if ((*field = qualified_field(f, h, n)) >= 0)
        return COL_FIELD;
    for (size_t i = 0; i < f->n_fields; i++)
        if (field_has_label(&f->fields[i], h, n)) {
            if ((*matches)++ == 0)
                *field = (int)i;
            strbuf_addf(alt, "%s%s/%.*s (%s)", alt->len ? ", " : "",
                        f->stages[f->fields[i].stage].label, (int)n, h, f->fields[i].key);
        }
    if (*matches == 1) {
        *matches = 0;
        strbuf_reset(alt);
        return COL_FIELD;
    }
    if (*matches > 1)
        return COL_EXTRA;
    for (int k = 0; k < 3; k++)
        if (import_csv_eq(hdr_labels[k], h, n))
            return COL_WARD + k;
    return n == 0 ? COL_UNNAMED : COL_EXTRA;
}
