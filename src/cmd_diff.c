/*
 * cmd_diff.c - `torikumi diff [--form FORMFILE] OLD NEW`: what changed
 * between two versions of a sheet, per initiative and field, with the
 * form's labels instead of raw lines.  Also git's external diff driver
 * (`git config diff.torikumi.command "torikumi diff"`): called with the
 * seven arguments PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE.
 * Exit 0 when equal, 1 when they differ (always 0 for git, which takes
 * any other status as a failure), 2 when a file cannot be read or parsed.
 * Everything from the files is sanitized: a sheet cannot send escape
 * sequences to the terminal.
 */
#include <getopt.h> /* optind */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "sheet.h"
#include "utf8.h"

static void diff_usage(FILE *to)
{
    fprintf(to, _("usage: torikumi diff [--form FORMFILE] OLD NEW\n"
                  "Show what changed between two versions of a sheet, per initiative and field.\n"
                  "Exit 0 when they are the same, 1 when they differ, 2 on errors.\n"));
}

/* Every value of name in r (all occurrences, one per line), or "" when absent. */
static void values_of(const struct rec_record *r, const char *name, struct strbuf *out)
{
    strbuf_reset(out);
    bool first = true;
    for (size_t i = 0; r && i < r->n_entries; i++)
        if (r->entries[i].name && str_eq(r->entries[i].name, name)) {
            if (!first)
                strbuf_addch(out, '\n');
            strbuf_add(out, r->entries[i].value, r->entries[i].value_len);
            first = false;
        }
}

/* "計画 / 目標" for a form field, the key for anything else. */
static void field_label(const struct form *f, const char *name, struct strbuf *out)
{
    int fi = form_field_index(f, name);
    const char *label = name;
    if (fi >= 0) {
        const struct form_field *fld = &f->fields[fi];
        utf8_sanitize(f->stages[fld->stage].label, strlen(f->stages[fld->stage].label), false, out);
        strbuf_addstr(out, " / ");
        label = fld->label;
    }
    utf8_sanitize(label, strlen(label), false, out);
}

static void lines(struct strbuf *out, char mark, const char *v, size_t n)
{
    if (n == 0)
        return;
    const char *p = v, *end = v + n;
    for (;;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        strbuf_addf(out, "    %c ", mark);
        utf8_sanitize(p, len, false, out);
        strbuf_addch(out, '\n');
        if (!nl)
            break;
        p = nl + 1;
    }
}

struct diff {
    const struct form *form;
    struct strbuf out, a, b;
    const char **names;
    size_t n_names, cap_names;
    size_t changes;
};

static void add_names(struct diff *d, const struct rec_record *r)
{
    for (size_t i = 0; r && i < r->n_entries; i++) {
        const char *name = r->entries[i].name;
        if (!name)
            continue;
        bool seen = false;
        for (size_t k = 0; k < d->n_names && !seen; k++)
            seen = str_eq(d->names[k], name);
        if (!seen) {
            xgrow((void **)&d->names, &d->cap_names, d->n_names + 1, sizeof(*d->names));
            d->names[d->n_names++] = name;
        }
    }
}

/* Fields of the form first, in form order; the rest as met. */
static void collect_names(struct diff *d, const struct rec_record *ra, const struct rec_record *rb)
{
    d->n_names = 0;
    for (size_t f = 0; f < d->form->n_fields; f++)
        if ((ra && rec_find(ra, d->form->fields[f].key)) || (rb && rec_find(rb, d->form->fields[f].key))) {
            xgrow((void **)&d->names, &d->cap_names, d->n_names + 1, sizeof(*d->names));
            d->names[d->n_names++] = d->form->fields[f].key;
        }
    add_names(d, rb);
    add_names(d, ra);
}

static void record_heading(struct diff *d, const char *what, const struct sheet *s,
                           const struct item *it, const char *tag)
{
    strbuf_addstr(&d->out, what);
    if (it) {
        long no = item_number(s, it);
        strbuf_addf(&d->out, " %ld", no);
        const char *title = s->form->title_field >= 0 ? item_get(s, it, s->form->title_field) : NULL;
        if (title) {
            strbuf_addch(&d->out, ' ');
            utf8_sanitize(title, strlen(title), false, &d->out);
        }
    }
    if (tag)
        strbuf_addf(&d->out, " %s", tag);
    strbuf_addch(&d->out, '\n');
}

/* The changed fields of two versions of one record; a heading first when any. */
static void diff_records(struct diff *d, const struct rec_record *ra, const struct rec_record *rb,
                         const char *what, const struct sheet *s, const struct item *it,
                         const char *tag)
{
    collect_names(d, ra, rb);
    bool headed = false;
    for (size_t i = 0; i < d->n_names; i++) {
        values_of(ra, d->names[i], &d->a);
        values_of(rb, d->names[i], &d->b);
        if (mem_eq(d->a.buf, d->a.len, d->b.buf, d->b.len))
            continue;
        if (!headed)
            record_heading(d, what, s, it, tag);
        headed = true;
        strbuf_addstr(&d->out, "  ");
        field_label(d->form, d->names[i], &d->out);
        strbuf_addch(&d->out, '\n');
        lines(&d->out, '-', d->a.buf, d->a.len);
        lines(&d->out, '+', d->b.buf, d->b.len);
        d->changes++;
    }
}

static void diff_sheets(struct diff *d, const struct sheet *a, const struct sheet *b)
{
    const char *label = b->form->item_label;
    size_t na, nb;
    struct sheet_numbered *ia = sheet_index_by_number(a, &na), *ib = sheet_index_by_number(b, &nb);
    diff_records(d, a->header, b->header, b->form->sheet_type, b, NULL, NULL);
    for (size_t i = 0; i < b->n_items; i++) {
        const struct item *it = &b->items[i];
        long k = sheet_number_lookup(ia, na, item_number(b, it));
        diff_records(d, k >= 0 ? a->items[k].rec : NULL, it->rec, label, b, it,
                     k >= 0 ? NULL : _("(added)"));
    }
    for (size_t i = 0; i < a->n_items; i++) {
        if (sheet_number_lookup(ib, nb, item_number(a, &a->items[i])) < 0)
            diff_records(d, a->items[i].rec, NULL, label, a, &a->items[i], _("(deleted)"));
    }
    free(ia);
    free(ib);
}

static int diff_files(const char *old_path, const char *new_path, const char *git_path,
                      struct form *form)
{
    struct error e;
    struct sheet *b = sheet_load_readonly(new_path, form, &e);
    struct sheet *a = b ? sheet_load_readonly(old_path, b->form, &e) : NULL;
    if (!a) {
        cmd_print_error(&e);
        sheet_free(b);
        return EXIT_TROUBLE;
    }
    struct diff d = { b->form, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, NULL, 0, 0, 0 };
    diff_sheets(&d, a, b);
    if (git_path && d.changes) {
        struct strbuf head = STRBUF_INIT;
        utf8_sanitize(git_path, strlen(git_path), false, &head);
        printf("diff --torikumi a/%s b/%s\n", head.buf, head.buf);
        strbuf_release(&head);
    }
    fwrite(d.out.buf, 1, d.out.len, stdout);
    int rc = d.changes ? EXIT_PROBLEMS : EXIT_OK;
    strbuf_release(&d.out);
    strbuf_release(&d.a);
    strbuf_release(&d.b);
    free(d.names);
    sheet_free(a);
    sheet_free(b);
    return rc;
}

int cmd_diff(int argc, char **argv)
{
    struct form *form;
    int early = cmd_parse_sheet_options(argc, argv, diff_usage, 2, 7, &form);
    if (early >= 0)
        return early;
    int files = argc - optind;
    int rc;
    if (files == 7) {   /* git: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE */
        rc = diff_files(argv[optind + 1], argv[optind + 4], argv[optind], form);
        rc = rc == EXIT_TROUBLE ? rc : EXIT_OK;
    } else if (files == 2)
        rc = diff_files(argv[optind], argv[optind + 1], NULL, form);
    else {
        diff_usage(stderr);
        rc = EXIT_TROUBLE;
    }
    form_free(form);
    return rc;
}
