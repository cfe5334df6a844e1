/*
 * rules.h - what is wrong with a sheet, by the rules of its form.
 *
 * Rules come from the form: mandatory fields, kinds (choice values,
 * integers, yes/no), max lengths, RequiredWhen conditions, and each
 * stage's Requires list that must be filled before the stage is marked
 * done.  On top of those, every text: no control characters but newline
 * and tab, no line break in single-line fields; half-width katakana is
 * a warning, and so are half-width letters and digits in a field whose
 * form says FullWidth.  Both name the line (in a value of several lines)
 * and the column within the field.  A field gets at most one error (the first that applies).
 *
 * Problems are plain data; problem_message() turns one into text in the
 * user's language (gettext).  The editor re-checks one item per edit,
 * so rules_check_item() costs O(size of that item), never of the sheet.
 */
#ifndef TORIKUMI_RULES_H
#define TORIKUMI_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "sheet.h"

enum problem_code {
    PROB_MISSING,          /* mandatory field empty */
    PROB_REQUIRED_WHEN,    /* empty while a condition makes it required */
    PROB_DONE_INCOMPLETE,  /* stage marked done, field empty */
    PROB_BAD_CHOICE,
    PROB_BAD_BOOL,
    PROB_BAD_INTEGER,
    PROB_DUPLICATE_KEY,    /* same number as another item */
    PROB_DUPLICATE_FIELD,  /* a field appears more than once in the record */
    PROB_CONTROL_CHAR,
    PROB_LINE_BREAK,       /* newline in a single-line field */
    PROB_TOO_LONG,
    PROB_HALFWIDTH_KANA,   /* warning */
    PROB_NO_HEADER,        /* sheet: no header record */
    PROB_HEADER_FIELD,     /* sheet: header field missing or invalid */
    PROB_FORM_MISMATCH,    /* sheet: header names another form than the one in use */
    /* The file's structure, as recutils reads it (rules_file.c): */
    PROB_EMPTY_VALUE,      /* a choice or yes/no field present but empty (recutils refuses it) */
    PROB_PADDED_VALUE,     /* warning: blanks around a choice or yes/no value */
    PROB_UNKNOWN_SET,      /* records of a record set the form does not have (name: the set) */
    PROB_NO_ITEM_SET,      /* no %rec descriptor for the items: none would be read */
    PROB_DUPLICATE_SET,    /* a second descriptor of the same record set (num: first line) */
    PROB_EXTRA_HEADER,     /* a second header record (num: the first's line) */
    PROB_DESCRIPTOR,       /* a descriptor other than the form generates (detail: the entry) */
    PROB_MERGE_CONFLICT,   /* a merge left both sides of a field (merge.h); name = the field */
    PROB_STAGE_ORDER,      /* stage marked done before the plan stage is (on its done field) */
    PROB_HALFWIDTH_ALNUM,  /* warning: half-width letters or digits where the form wants full width */
};

enum severity { SEV_ERROR, SEV_WARNING };

struct problem {
    enum problem_code code;
    enum severity severity;
    long item;          /* index into sheet->items, or -1 for the sheet itself */
    int field;          /* form field index, or -1 */
    const char *name;   /* field name when field is -1 (header fields, duplicates) */
    long line;
    long num;           /* a count, a column, another line... per code */
    long num2;
    int cond;           /* PROB_REQUIRED_WHEN: index into the field's required_when */
    int stage;          /* PROB_DONE_INCOMPLETE: the stage */
    long other_item;    /* PROB_DUPLICATE_KEY: index of the other item with that number */
    char detail[64];    /* offending text, escaped and cut */
};

struct problem_list {
    struct problem *v;
    size_t n, cap;
};

void problems_clear(struct problem_list *pl);
void problems_free(struct problem_list *pl);
size_t problems_count(const struct problem_list *pl, enum severity sev);
/* Sort by line (stable), as `torikumi check` prints them. */
void problems_sort(struct problem_list *pl);

/* Problems of item idx alone (duplicate numbers need the whole sheet). */
void rules_check_item(const struct sheet *s, size_t idx, struct problem_list *out);
/* Problems of the header and of item numbers used twice. */
void rules_check_sheet_level(const struct sheet *s, struct problem_list *out);
/* Everything: the sheet level and every item, appended to out and sorted by line. */
void rules_check_all(const struct sheet *s, struct problem_list *out);
/*
 * The file's structure as recutils reads it (rules_file.c), for `check`
 * and F6: the items' record set declared once, no records of other sets,
 * one header record, descriptors as the form generates them (%doc aside).
 * Appended to out, sorted by line.
 */
void rules_check_file(const struct sheet *s, struct problem_list *out);

/*
 * What keeps stage st of item idx from being marked done: its fields'
 * errors, its Requires fields that are empty, an empty title (an item
 * without a title completes no stage) and, for a stage after the plan
 * stage (form_plan_stage), the plan not marked done.  Empty list = may be
 * marked done.
 */
void rules_stage_blockers(const struct sheet *s, size_t idx, int st, struct problem_list *out);

enum stage_state {
    STAGE_EMPTY,              /* nothing of it filled in */
    STAGE_IN_PROGRESS,        /* something filled in, not marked complete */
    STAGE_COMPLETE,           /* marked complete, no errors */
    STAGE_COMPLETE_PROBLEMS,  /* marked complete, but with errors */
};

/*
 * The state of stage st of item idx; item_problems are that item's
 * problems (from rules_check_item).
 */
enum stage_state rules_stage_state(const struct sheet *s, size_t idx, int st,
                                   const struct problem_list *item_problems);
/* "empty", "in progress"... in the user's language. */
const char *rules_stage_state_name(enum stage_state state);

/* True when value counts as filled in (not only white space). */
bool rules_filled(const char *value);
/*
 * A number field's value as recutils' int type takes it here: ASCII
 * digits only, no sign, no leading zero, at most 9 digits, at least MIN.
 * True with the number in *OUT (may be NULL).  The one definition: check,
 * the editor and import all use it.
 */
bool rules_whole_number(const char *v, size_t n, long min, long *out);
/*
 * The rules' fast path for a text value: true when it cannot give a
 * character problem (no control character, no half-width katakana, nothing
 * but plain UTF-8); *CHARS gets its length in characters.  False means
 * "look closer" (the rules then scan it character by character).
 */
bool rules_text_is_plain(const char *v, size_t n, bool multiline, size_t *chars);

/* The message for p, in the user's language, without file/line/item prefix. */
void problem_message(const struct sheet *s, const struct problem *p, struct strbuf *out);
/* The name used for the FIELD column: the field's key (or header name). */
const char *problem_field_name(const struct sheet *s, const struct problem *p);

#endif
