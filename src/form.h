/*
 * form.h - form definitions: what a sheet's records contain.
 *
 * A form (forms/NAME.form, itself a recfile) names the record type of
 * the items, its stages (計画, 中間振り返り, 年度評価...), and each field:
 * key, stage, Japanese label, kind, choices, max length, help text and
 * rules (RequiredWhen; a stage's Requires list that must be filled before
 * it may be marked done).  Nothing in C knows the fields of kaikaku-2.0;
 * the default form is compiled in only so that a lone binary works.
 *
 * Ownership: a form owns all its strings; forms returned by form_load*
 * and form_builtin are freed with form_free.
 */
#ifndef TORIKUMI_FORM_H
#define TORIKUMI_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

enum field_kind {
    FIELD_LINE,       /* single-line text */
    FIELD_TEXT,       /* multi-line text */
    FIELD_CHOICE,     /* one of a list of keys */
    FIELD_INTEGER,    /* decimal integer >= Min */
    FIELD_BOOL,       /* yes / no (a stage's done mark) */
    FIELD_STAMP,      /* written by torikumi (Updated), shown read-only */
};

struct form_choice {
    char *key;        /* stored value, ASCII (e.g. not_achieved) */
    char *label;      /* shown (e.g. 目標未達成) */
};

/* "Field is required when Other = value". */
struct form_condition {
    int field;        /* index of the other field */
    int choice;       /* index of the choice in that field */
};

struct form_field {
    char *key;
    char *label;
    char *group;                 /* sub-heading the field sits under, or NULL */
    char *help;                  /* may be NULL */
    char **aliases;              /* other labels accepted on import */
    size_t n_aliases;
    enum field_kind kind;
    int stage;                   /* index into form.stages */
    struct form_choice *choices;
    size_t n_choices;
    long max_length;             /* in characters; 0 = none */
    long min_value;              /* FIELD_INTEGER */
    bool mandatory;              /* must be present and filled in every record */
    bool hidden;                 /* not shown as an editable field (done marks, stamps) */
    bool fullwidth;              /* FullWidth: letters and digits written full width (全角英数) */
    struct form_condition *required_when;  /* OR of conditions */
    size_t n_required_when;
};

struct form_stage {
    char *id;                    /* e.g. plan */
    char *label;                 /* e.g. 計画 */
    char *short_label;           /* where a column is narrow (中間 for 中間振り返り), or NULL */
    char **aliases;              /* other headings found in old sheets (自己評価...) */
    size_t n_aliases;
    int done_field;              /* index of its bool done field, or -1 */
    int *requires;               /* fields that must be filled before done */
    size_t n_requires;
    char *help;
};

struct form {
    char *id;                    /* e.g. kaikaku-2.0 */
    char *title;
    char *record_type;           /* %rec name of the items, e.g. Initiative */
    char *sheet_type;            /* %rec name of the sheet header record, e.g. Sheet */
    char *item_label;            /* e.g. 取組項目 */
    int key_field;               /* the integer field numbering items (No) */
    int title_field;             /* the item's title, or -1 */
    int stamp_field;             /* the Updated stamp, or -1 */
    int result_field;            /* the choice that says how the item ended, or -1 */
    struct form_stage *stages;
    size_t n_stages;
    struct form_field *fields;
    size_t n_fields;
};

/* Parse a form from its text.  file names it in errors. */
struct form *form_parse(const char *text, size_t len, const char *file, struct error *e);
struct form *form_load_file(const char *path, struct error *e);
/* The compiled-in default form (kaikaku-2.0). */
struct form *form_builtin(void);
/*
 * Find the form with this id: $TORIKUMI_FORM_PATH (colon-separated
 * directories), the installed FORMDIR, then the built-in form.
 */
struct form *form_find(const char *id, struct error *e);
void form_free(struct form *f);

/*
 * The stage every later stage builds on: the first with a done mark (計画
 * in kaikaku-2.0), or -1.  A later stage is marked complete only when it
 * is (rules.h), and it is what a new year carries over (carryover.h).
 */
int form_plan_stage(const struct form *f);
/* Index of the field with this key, or -1. */
int form_field_index(const struct form *f, const char *key);
/*
 * The field indexes in display order (stage by stage, form order within a
 * stage) into ORDER, which has room for f->n_fields; returns the count.
 */
size_t form_display_order(const struct form *f, int *order);
/*
 * True when value (of c's field; NULL when absent) makes the RequiredWhen
 * condition c hold: exactly its choice's key, as recutils' = compares (a
 * padded value does not).
 */
bool form_condition_holds(const struct form *f, const struct form_condition *c,
                          const char *value);
/* True when one of fld's RequiredWhen conditions is field `field` holding its choice `choice`. */
bool form_required_by_choice(const struct form_field *fld, int field, int choice);
/*
 * The first choice of the result field that makes another field required
 * (目標未達成, which asks for 課題と改善策), or -1: the result that asks for
 * more, which `summary --not-achieved` selects.
 */
int form_result_needing_more(const struct form *f);
/* Index of the choice with this key (or label when by_label), or -1. */
int form_choice_index(const struct form_field *fld, const char *s, size_t len, bool by_label);
/* True when a bool value means yes (yes, true, 1). */
bool form_bool_true(const char *v);
/* True when v is a valid bool (yes no true false 1 0). */
bool form_bool_valid(const char *v);

/*
 * The recutils descriptor lines (%rec, %key, %type, %constraint...) for
 * the item record set, so that recfix --check enforces the form's rules.
 */
void form_descriptor(const struct form *f, struct strbuf *out);
/* The descriptor for the sheet header record set. */
void form_sheet_descriptor(const struct form *f, struct strbuf *out);

#endif
