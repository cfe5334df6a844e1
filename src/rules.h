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
 * so rules_check_item() costs O(size of that item), never of the sheet;
 * rules_check_record() checks a record that belongs to no sheet (import).
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
    PROB_YEAR_WRITTEN_OTHERWISE, /* FiscalYear recutils reads as a year, not as 4 digits (num: it) */
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

/*
 * Problems of record r alone against form f, as item idx (the index the
 * problems carry): every item rule but numbers used twice, which need the
 * whole sheet.  No sheet needed: import checks each record as it writes it.
 */
void rules_check_record(const struct form *f, const struct rec_record *r, long idx,
                        struct problem_list *out);
/* Problems of item idx alone: rules_check_record() on its record. */
void rules_check_item(const struct sheet *s, size_t idx, struct problem_list *out);
/*
 * Typing in one field must not cost the size of the item's other fields
 * (a 7-million-character field next door made every key take 0.46 s).  A
 * memo remembers each field's own checks (kind, characters, length: what
 * depends on that value alone) for one item; the checks between fields
 * (mandatory, required-when, stages) run every time, and they only ask
 * whether a value is filled in.  The caller gives a version per form field
 * and promises it changes whenever that field's value may have changed;
 * besides, an answer is reused only for the same record and the same value
 * pointer and length.  Zero-initialise; free with rules_memo_free().
 */
struct rules_memo_field {
    bool valid;
    bool has_error;
    unsigned long version;
    const char *value;
    size_t len;
    size_t n;
    struct problem p[2];    /* an error and a warning at most; lines relative to the field's */
};

struct rules_memo {
    const struct rec_record *rec;   /* the item remembered */
    const struct form *form;
    struct rules_memo_field *fields;  /* per form field */
};

/* rules_check_item(), reusing memo's answers for fields whose version is unchanged. */
void rules_check_item_memo(const struct sheet *s, size_t idx, struct rules_memo *memo,
                           const unsigned long *versions, struct problem_list *out);
/* rules_check_record(), the same way. */
void rules_check_record_memo(const struct form *form, const struct rec_record *r, long idx,
                             struct rules_memo *memo, const unsigned long *versions,
                             struct problem_list *out);
void rules_memo_free(struct rules_memo *m);

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
 * A sheet whose records are not all read as its header and items (no or a
 * second items' set, records of an unknown set or outside any set, a second
 * header): showing, exporting, counting or editing it would leave them out
 * without a word (0 items for a misspelled `%rec: Initiative`).  Every
 * command but check refuses it with this.  Returns 0, or -1 with e set to
 * the first such problem of rules_check_file() (FILE:LINE: message) and how
 * many more there are.
 */
int rules_refuse_unread_records(const struct sheet *s, struct error *e);
/* The same around a load: s, or NULL (s freed, e set) when it refuses; NULL gives NULL. */
struct sheet *rules_whole_sheet(struct sheet *s, struct error *e);

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

/*
 * FiscalYear as recutils' range type reads it (rules_file.c): blanks
 * skipped, then the longest run of hex digits, 'x' and a leading '-' taken
 * by strtol with base 0 (0x7E1 and 03741 are 2017), cast to int; what
 * follows the run is ignored ("2017.0", "2017年").  True when recutils
 * takes it as a number, with it in *year.
 */
bool rules_recutils_range_value(const char *v, long *year);
/*
 * The year a sheet's FiscalYear value means for torikumi: 4 digits from
 * 1989 to 2200, blanks around them allowed (recutils reads them the same).
 * True with it in *year.  Every command reads the year through this.
 */
bool rules_fiscal_year(const char *v, long *year);
/* The header's FiscalYear: missing, not a year, or a year written otherwise. */
void rules_check_fiscal_year(const struct sheet *s, struct problem_list *out);

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
/* The same for a problem rules_check_record() found in record r. */
void problem_record_message(const struct form *f, const struct rec_record *r,
                            const struct problem *p, struct strbuf *out);
/* The name used for the FIELD column: the field's key (or header name). */
const char *problem_field_name(const struct form *f, const struct problem *p);

#endif
