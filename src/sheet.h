/*
 * sheet.h - a sheet: one header record (ward, fiscal year, form) and its
 * items (取組項目), bound to the form that describes them.
 *
 * The sheet sits on top of a rec_doc and never copies values out of it:
 * reading a field reads the record; setting a field changes only that
 * entry, so what torikumi does not know survives a load/save untouched.
 * A field set to the empty string is removed from its record (recutils
 * types such as enum and bool reject an empty value).
 *
 * Ownership: sheet_load/sheet_new return a sheet freed with sheet_free;
 * the sheet owns its doc and, unless told otherwise, its form.
 */
#ifndef TORIKUMI_SHEET_H
#define TORIKUMI_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "form.h"
#include "recfile.h"

struct item {
    struct rec_record *rec;
    bool changed;            /* edited since load or last save */
};

struct sheet {
    char *path;              /* as given; NULL for a new sheet */
    struct rec_doc *doc;
    struct form *form;
    bool owns_form;
    struct rec_record *header;   /* the Sheet record, or NULL */
    struct item *items;
    size_t n_items, cap_items;
    long descriptor_line;        /* line of the item descriptor, 0 when none */
};

/*
 * Parse text as a sheet.  The form is the one given, or (form == NULL) the
 * one the header's Form field names (form_find).  Returns NULL with e set
 * on a syntax error or an unknown form.
 */
struct sheet *sheet_parse(const char *text, size_t len, const char *file,
                          struct form *form, struct error *e);
struct sheet *sheet_load(const char *path, struct form *form, struct error *e);
/*
 * For reading only (check, show, view): about half the time and memory of
 * sheet_load on a big sheet, but writing it would regenerate every record
 * instead of giving back the file's bytes; never save such a sheet.
 */
struct sheet *sheet_load_readonly(const char *path, struct form *form, struct error *e);
/* A new, empty sheet with its header and descriptors. */
struct sheet *sheet_new(struct form *form, const char *ward, int fiscal_year, const char *title);
void sheet_free(struct sheet *s);

/* Header value (Ward, FiscalYear, Title, Form) or NULL. */
const char *sheet_header_get(const struct sheet *s, const char *name);

/* The value of form field f in item it, or NULL when absent. */
const char *item_get(const struct sheet *s, const struct item *it, int f);
/* Same, by key (any field, known to the form or not). */
const char *item_get_key(const struct item *it, const char *key);
/* Line of field f in the file, or of the record when absent. */
long item_line(const struct sheet *s, const struct item *it, int f);
/* The item's number (its key field), or -1 when missing or not a number. */
long item_number(const struct sheet *s, const struct item *it);
/*
 * The numbered items of s sorted by number (the first of equal numbers
 * first), so that finding each of 10,000 items is not a walk of 10,000;
 * *n gets the count.  Free the array.  sheet_number_lookup gives an item's
 * index, or -1.
 */
struct sheet_numbered {
    long no;
    size_t idx;
};
struct sheet_numbered *sheet_index_by_number(const struct sheet *s, size_t *n);
long sheet_number_lookup(const struct sheet_numbered *v, size_t n, long no);
/*
 * Set form field f; an empty value removes the field.  A field added
 * goes after the nearest field before it in the form's order.
 */
void item_set(struct sheet *s, struct item *it, int f, const char *value, size_t len);
/* Set any field by key (e.g. an unknown column kept on import). */
void item_set_key(struct sheet *s, struct item *it, const char *key, const char *value, size_t len);

/* Append a new empty item; returns it (pointer valid until the next add). */
struct item *sheet_add_item(struct sheet *s);
/*
 * Managing items (the editor's delete, duplicate and move; undoable, so
 * nothing is freed here).  sheet_remove_item takes item idx out of the
 * sheet with the blank line before it and hands its record to the caller;
 * sheet_insert_item puts a record in as item idx (0..n_items), after the
 * item before it; sheet_swap_items swaps items idx and idx + 1 in the file
 * too.  sheet_copy_item is a new record with the same fields as item idx
 * but its number and stamp (the caller numbers it).
 */
struct rec_record *sheet_remove_item(struct sheet *s, size_t idx);
void sheet_insert_item(struct sheet *s, size_t idx, struct rec_record *r);
void sheet_swap_items(struct sheet *s, size_t idx);
struct rec_record *sheet_copy_item(const struct sheet *s, size_t idx);

/* Index of the item numbered no, or -1. */
long sheet_find_item(const struct sheet *s, long no);

/* The whole file as it would be saved. */
void sheet_write(const struct sheet *s, struct strbuf *out);
/* Forget which items changed (after a successful save). */
void sheet_mark_saved(struct sheet *s);

/* 2017 -> "平成29年度", 2019 -> "令和元年度"; out needs 32 bytes. */
void fiscal_year_label(long year, char *out, size_t size);

#endif
