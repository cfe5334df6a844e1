/*
 * rules_file.c - what is wrong with a sheet file's structure, read as
 * recutils reads it, so that `torikumi check` and `recfix --check` give
 * the same verdict (docs/format.md 1, "Where torikumi and recfix differ"):
 *
 *  - record sets: the items' set must be declared (a misspelled or missing
 *    `%rec: Initiative` would silently read no items), at most once
 *    (recutils refuses a second one), and no records of other sets;
 *  - one header record;
 *  - descriptors: each must be the one the form generates (%doc aside,
 *    descriptor.h): they carry the rules recfix enforces, so an edited one
 *    means the two tools check different rules;
 *  - the header's Ward and Title: one line, no control characters (their
 *    %type regexp), each header field of the descriptor's %unique once;
 *  - FiscalYear as recutils' range type reads it, and the year every
 *    command takes from it.
 *
 * The record-set problems also decide, for every command but check,
 * whether a sheet may be used at all (rules_refuse_unread_records).
 */
#include "rules_impl.h"

#include <stdlib.h>
#include <string.h>

#include "descriptor.h"
#include "era.h"
#include "i18n.h"
#include "recfile.h"
#include "utf8.h"

static bool type_is(const struct rec_record *r, const char *type)
{
    return r->type && type && str_eq(r->type, type);
}

/* ---- descriptors ---------------------------------------------------------- */

static void check_descriptor(const struct sheet *s, size_t b, bool items, struct problem_list *out)
{
    const struct rec_record *r = s->doc->blocks[b].record;
    struct descriptor_diff d;
    descriptor_compare(s, r, items, &d);
    if (!d.differs)
        return;
    struct problem *p = rules_add(out, PROB_DESCRIPTOR, -1, -1, d.line);
    p->name = r->type;
    p->num = d.extra;
    rules_set_detail(p, d.what, strlen(d.what));
}

/* ---- record sets ---------------------------------------------------------- */

struct set_scan {
    long item_desc, sheet_desc;     /* line of the first descriptor of each, 0 none */
    const char *reported;           /* the unknown set last reported */
    long unknown;                   /* ... index of its problem in out (counting its records), -1 */
};

static void scan_descriptor(const struct sheet *s, size_t b, struct set_scan *sc,
                            struct problem_list *out)
{
    const struct rec_record *r = s->doc->blocks[b].record;
    bool items = type_is(r, s->form->record_type);
    long *first = items ? &sc->item_desc : type_is(r, s->form->sheet_type) ? &sc->sheet_desc : NULL;
    if (!first)
        return;     /* an unknown set: its records are reported */
    if (*first) {
        struct problem *p = rules_add(out, PROB_DUPLICATE_SET, -1, -1, r->line);
        p->name = r->type;
        p->num = *first;
        return;
    }
    *first = r->line;
    check_descriptor(s, b, items, out);
}

static void scan_record(const struct sheet *s, const struct rec_record *r, struct set_scan *sc,
                        struct problem_list *out)
{
    if (type_is(r, s->form->record_type))
        return;
    if (type_is(r, s->form->sheet_type)) {
        if (r != s->header)
            rules_add(out, PROB_EXTRA_HEADER, -1, -1, r->line)->num =
                s->header ? s->header->line : 0;
        return;
    }
    /* A set runs from its descriptor to the next: count its records in one problem. */
    if (sc->unknown >= 0 && (r->type == sc->reported ||
                             (r->type && sc->reported && str_eq(r->type, sc->reported)))) {
        out->v[sc->unknown].num++;
        return;
    }
    sc->reported = r->type;
    sc->unknown = (long)out->n;
    struct problem *p = rules_add(out, PROB_UNKNOWN_SET, -1, -1, r->line);
    p->name = r->type;
    p->num = 1;
}

static void check_record_sets(const struct sheet *s, struct problem_list *out)
{
    struct set_scan sc = { 0, 0, NULL, -1 };
    for (size_t b = 0; b < s->doc->n_blocks; b++) {
        const struct rec_block *blk = &s->doc->blocks[b];
        if (blk->kind != REC_BLOCK_RECORD)
            continue;
        if (blk->record->is_descriptor)
            scan_descriptor(s, b, &sc, out);
        else
            scan_record(s, blk->record, &sc, out);
    }
    if (!sc.item_desc)
        rules_add(out, PROB_NO_ITEM_SET, -1, -1, 1);
}

/* ---- the header's values -------------------------------------------------- */

static void check_header_text(const struct sheet *s, const char *name, struct problem_list *out)
{
    const struct rec_entry *en = rec_find(s->header, name);
    if (!en)
        return;
    long col;
    uint32_t cp;
    if (memchr(en->value, '\n', en->value_len)) {
        rules_add(out, PROB_LINE_BREAK, -1, -1, en->line)->name = name;
    } else if (rules_find_control(en->value, en->value_len, &col, &cp)) {
        struct problem *p = rules_add(out, PROB_CONTROL_CHAR, -1, -1, en->line);
        p->name = name;
        p->num = col;
        char esc[16];
        rules_set_detail(p, esc, utf8_escape(cp, 0, esc));
    }
}

static void check_header_once(const struct sheet *s, const char *name, struct problem_list *out)
{
    const struct rec_record *r = s->header;
    long first = 0;
    for (size_t i = 0; i < r->n_entries; i++) {
        const struct rec_entry *en = &r->entries[i];
        if (!en->name || !str_eq(en->name, name))
            continue;
        if (!first) {
            first = en->line;
            continue;
        }
        struct problem *p = rules_add(out, PROB_DUPLICATE_FIELD, -1, -1, en->line);
        p->name = name;
        p->num = first;
        return;
    }
}

void rules_check_file(const struct sheet *s, struct problem_list *out)
{
    size_t first = out->n;
    check_record_sets(s, out);
    if (out->n > first) {
        struct problem_list mine = { out->v + first, out->n - first, 0 };
        problems_sort(&mine);
    }
}

/* Record-set problems: every problem of check_record_sets but the descriptors' contents. */
static bool loses_records(enum problem_code code)
{
    return code == PROB_NO_ITEM_SET || code == PROB_DUPLICATE_SET || code == PROB_UNKNOWN_SET ||
           code == PROB_EXTRA_HEADER;
}

int rules_refuse_unread_records(const struct sheet *s, struct error *e)
{
    struct problem_list pl = { NULL, 0, 0 };
    rules_check_file(s, &pl);
    const struct problem *first = NULL;
    size_t n = 0;
    for (size_t i = 0; i < pl.n; i++) {
        if (!loses_records(pl.v[i].code))
            continue;
        /* "no %rec: Initiative" is on line 1; the records it left out say where they are. */
        if (!first || first->code == PROB_NO_ITEM_SET)
            first = &pl.v[i];
        n++;
    }
    int rc = 0;
    if (first) {
        struct strbuf msg = STRBUF_INIT;
        rules_file_message(s->form, first, &msg);
        if (n > 1)
            strbuf_addf(&msg, _(" (%zu problems of the file's record sets in all: `torikumi "
                                "check` lists them)"), n);
        rc = error_set(e, s->path, first->line, 0, "%s", strbuf_cstr(&msg));
        strbuf_release(&msg);
    }
    problems_free(&pl);
    return rc;
}

struct sheet *rules_whole_sheet(struct sheet *s, struct error *e)
{
    if (s && rules_refuse_unread_records(s, e) < 0) {
        sheet_free(s);
        return NULL;
    }
    return s;
}

void rules_check_header_values(const struct sheet *s, struct problem_list *out)
{
    if (!s->header)
        return;
    /* What the generated %rec: Sheet descriptor types and makes unique. */
    static const char *const texts[] = { "Ward", "Title" };
    static const char *const unique[] = { "Form", "Ward", "FiscalYear", "Title" };
    for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++)
        check_header_text(s, texts[i], out);
    for (size_t i = 0; i < sizeof(unique) / sizeof(*unique); i++)
        check_header_once(s, unique[i], out);
}

/* ---- FiscalYear, read as recutils reads it ---------------------------------- */

static bool range_run_char(char c, bool first)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
           c == 'x' || c == 'X' || (first && c == '-');
}

bool rules_recutils_range_value(const char *v, long *year)
{
    v += strspn(v, " \t\n");
    char run[32];
    size_t n = 0;
    while (range_run_char(v[n], n == 0)) {
        if (n + 1 >= sizeof(run))
            return false;   /* recutils' own buffer holds 29; none of it is a year anyway */
        run[n] = v[n];
        n++;
    }
    run[n] = '\0';
    char *end;
    long li = strtol(run, &end, 0);
    if (n == 0 || *end)
        return false;
    *year = (int32_t)(uint32_t)(unsigned long)li;     /* recutils' (int) cast */
    return true;
}

/* Plain digits, blanks around them allowed: 1 when there are blanks, 0 when not, -1 not digits. */
static int digits_padded(const char *v, long *year)
{
    size_t n = strlen(v), a = strspn(v, " \t\n"), b = n;
    while (b > a && strchr(" \t\n", v[b - 1]))
        b--;
    if (!rules_whole_number(v + a, b - a, 0, year))
        return -1;
    return a > 0 || b < n;
}

bool rules_fiscal_year(const char *v, long *year)
{
    return v && digits_padded(v, year) >= 0 && *year >= ERA_FISCAL_YEAR_MIN &&
           *year <= ERA_FISCAL_YEAR_MAX;
}

void rules_check_fiscal_year(const struct sheet *s, struct problem_list *out)
{
    const struct rec_entry *en = s->header ? rec_find(s->header, "FiscalYear") : NULL;
    long line = en ? en->line : s->header ? s->header->line : 1;
    const char *v = en ? en->value : NULL;
    long year, as_recutils;
    struct problem *p;
    if (rules_fiscal_year(v, &year)) {
        if (digits_padded(v, &year) == 0)
            return;
        p = rules_add(out, PROB_PADDED_VALUE, -1, -1, line);
    } else if (v && rules_recutils_range_value(v, &as_recutils) &&
               as_recutils >= ERA_FISCAL_YEAR_MIN && as_recutils <= ERA_FISCAL_YEAR_MAX) {
        p = rules_add(out, PROB_YEAR_WRITTEN_OTHERWISE, -1, -1, line);
        p->num = as_recutils;
    } else
        p = rules_add(out, PROB_HEADER_FIELD, -1, -1, line);
    p->name = "FiscalYear";
    if (v)
        rules_set_detail(p, v, strlen(v));
}

/* ---- messages ------------------------------------------------------------- */

void rules_file_message(const struct form *f, const struct problem *p, struct strbuf *out)
{
    const char *label = p->field >= 0 ? f->fields[p->field].label : p->name ? p->name : "";
    switch (p->code) {
    case PROB_EMPTY_VALUE:
        strbuf_addf(out, _("%s is present but empty (recutils refuses an empty value: choose "
                           "one, or clear the field)"), label);
        break;
    case PROB_PADDED_VALUE:
        if (p->field < 0) {     /* FiscalYear: no rule compares it */
            strbuf_addf(out, _("blanks around \"%s\" (recutils reads the year all the same: "
                               "remove them)"), p->detail);
            break;
        }
        strbuf_addf(out, _("blanks around \"%s\" (recutils accepts them, but its rules that "
                           "compare this value do not match it: remove them)"), p->detail);
        break;
    case PROB_UNKNOWN_SET:
        if (p->name)
            strbuf_addf(out, _("record set %s (%ld records) is not one of form %s (its items "
                               "are %%rec: %s): nothing in it is read"), p->name, p->num, f->id,
                        f->record_type);
        else
            strbuf_addf(out, _("records outside any record set (%ld, before the first %%rec): "
                               "nothing in them is read"), p->num);
        break;
    case PROB_NO_ITEM_SET:
        strbuf_addf(out, _("no %%rec: %s line: none of the records would be read as %s"),
                    f->record_type, f->item_label);
        break;
    case PROB_DUPLICATE_SET:
        strbuf_addf(out, _("a second %%rec: %s record set (the first is on line %ld); recutils "
                           "refuses the file"), p->name, p->num);
        break;
    case PROB_EXTRA_HEADER:
        strbuf_addf(out, _("a second %s record (the header is on line %ld): is a %%rec line "
                           "missing?"), f->sheet_type, p->num);
        break;
    case PROB_DESCRIPTOR:
        strbuf_addf(out, p->num ? _("the %%rec: %s descriptor is not the one form %s "
                                    "generates: it has \"%s\"")
                                : _("the %%rec: %s descriptor is not the one form %s "
                                    "generates: it lacks \"%s\""),
                    p->name, f->id, p->detail);
        break;
    case PROB_YEAR_WRITTEN_OTHERWISE:
        strbuf_addf(out, _("\"%s\": recutils reads the year %ld from it, torikumi and "
                           "spreadsheets only plain digits: write it as %ld"), p->detail, p->num,
                    p->num);
        break;
    default:
        break;
    }
}
