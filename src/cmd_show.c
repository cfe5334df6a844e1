/*
 * cmd_show.c - `torikumi show [--item N] FILE`: the sheet as plain text,
 * stage by stage, labels from the form.  Everything from the file is
 * sanitized first: a sheet cannot send escape sequences to a terminal.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "rules.h"
#include "sheet.h"
#include "utf8.h"

static void add_clean(struct strbuf *out, const char *s, bool keep_layout)
{
    utf8_sanitize(s, strlen(s), keep_layout, out);
}

static void show_text(struct strbuf *out, const char *v)
{
    const char *line = v;
    for (;;) {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        strbuf_addstr(out, "    ");
        utf8_sanitize(line, n, true, out);
        strbuf_addch(out, '\n');
        if (!nl)
            break;
        line = nl + 1;
    }
}

static void show_choice(struct strbuf *out, const struct form_field *fld, const char *v)
{
    strbuf_addstr(out, "   ");
    for (size_t c = 0; c < fld->n_choices; c++) {
        bool on = v && str_eq(v, fld->choices[c].key);
        strbuf_addf(out, " %s ", on ? "(*)" : "( )");
        add_clean(out, fld->choices[c].label, false);
    }
    if (v && form_choice_index(fld, v, strlen(v), false) < 0) {
        strbuf_addstr(out, "  ?? ");
        add_clean(out, v, false);
    }
    strbuf_addch(out, '\n');
}

static void show_field(struct strbuf *out, const struct sheet *s, const struct item *it, int f)
{
    const struct form_field *fld = &s->form->fields[f];
    const char *v = item_get(s, it, f);
    strbuf_addstr(out, "  ");
    add_clean(out, fld->label, false);
    strbuf_addstr(out, ":\n");
    if (fld->kind == FIELD_CHOICE)
        show_choice(out, fld, v);
    else if (rules_filled(v))
        show_text(out, v);
    else
        strbuf_addf(out, "    %s\n", _("(empty)"));
}

static void show_stage(struct strbuf *out, const struct sheet *s, const struct item *it, size_t st)
{
    const struct form_stage *stage = &s->form->stages[st];
    strbuf_addstr(out, "\n[");
    add_clean(out, stage->label, false);
    strbuf_addch(out, ']');
    if (stage->done_field >= 0 && form_bool_true(item_get(s, it, stage->done_field)))
        strbuf_addf(out, " %s", _("[complete]"));
    strbuf_addch(out, '\n');
    const char *group = NULL;
    for (size_t f = 0; f < s->form->n_fields; f++) {
        const struct form_field *fld = &s->form->fields[f];
        if (fld->stage != (int)st || fld->hidden || (int)f == s->form->key_field ||
            (int)f == s->form->title_field)
            continue;
        if (fld->group && (!group || !str_eq(group, fld->group))) {
            strbuf_addstr(out, " <");
            add_clean(out, fld->group, false);
            strbuf_addstr(out, ">\n");
        }
        group = fld->group;
        show_field(out, s, it, (int)f);
    }
}

static void show_item(struct strbuf *out, const struct sheet *s, const struct item *it)
{
    long no = item_number(s, it);
    strbuf_addstr(out, "\n========================================\n");
    add_clean(out, s->form->item_label, false);
    if (no >= 0)
        strbuf_addf(out, " %ld", no);
    strbuf_addch(out, '\n');
    const char *title = s->form->title_field >= 0 ? item_get(s, it, s->form->title_field) : NULL;
    if (title) {
        strbuf_addstr(out, "【");
        add_clean(out, title, false);
        strbuf_addstr(out, "】\n");
    }
    for (size_t st = 0; st < s->form->n_stages; st++)
        show_stage(out, s, it, st);
}

static void show_header(struct strbuf *out, const struct sheet *s)
{
    const char *ward = sheet_header_get(s, "Ward");
    const char *year = sheet_header_get(s, "FiscalYear");
    const char *title = sheet_header_get(s, "Title");
    if (ward) {
        add_clean(out, ward, false);
        strbuf_addch(out, ' ');
    }
    if (year) {
        char era[32];
        fiscal_year_label(atol(year), era, sizeof(era));
        strbuf_addf(out, "%s (%s) ", era, year);
    }
    add_clean(out, title ? title : s->form->title, false);
    strbuf_addf(out, "\n%s: %s, %zu ", _("form"), s->form->id, s->n_items);
    add_clean(out, s->form->item_label, false);
    strbuf_addch(out, '\n');
}

static void show_usage(FILE *to)
{
    fprintf(to, _("usage: torikumi show [--item N] [--form FORMFILE] FILE\n"
                  "Print a sheet (or one item of it) as text.\n"));
}

int cmd_show(int argc, char **argv)
{
    static const struct option opts[] = {
        { "item", required_argument, NULL, 'i' },
        { "form", required_argument, NULL, 'f' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct form *form = NULL;
    long only = -1;
    int c;
    while ((c = getopt_long(argc, argv, "i:f:h", opts, NULL)) != -1) {
        if (c == 'i') {
            /* Item numbers have at most 9 digits (rules.c). */
            if (cmd_parse_count(optarg, "--item", 999999999L, &only) < 0) {
                form_free(form);
                return EXIT_TROUBLE;
            }
        } else if (c == 'f') {
            form_free(form);
            form = cmd_load_form_option(optarg);
        } else {
            show_usage(c == 'h' ? stdout : stderr);
            form_free(form);
            return c == 'h' ? EXIT_OK : EXIT_TROUBLE;
        }
    }
    if (optind != argc - 1) {
        show_usage(stderr);
        form_free(form);
        return EXIT_TROUBLE;
    }
    struct error e;
    struct sheet *s = rules_whole_sheet(sheet_load_readonly(argv[optind], form, &e), &e);
    if (!s) {
        cmd_print_error(&e);
        form_free(form);
        return EXIT_TROUBLE;
    }
    struct strbuf out = STRBUF_INIT;
    show_header(&out, s);
    int rc = EXIT_OK;
    if (only >= 0) {
        long idx = sheet_find_item(s, only);
        if (idx < 0) {
            cmd_printf_sanitized(stderr, _("torikumi: %s: no %s %ld\n"), argv[optind], s->form->item_label, only);
            rc = EXIT_TROUBLE;
        } else
            show_item(&out, s, &s->items[idx]);
    } else
        for (size_t i = 0; i < s->n_items; i++)
            show_item(&out, s, &s->items[i]);
    fwrite(out.buf, 1, out.len, stdout);
    strbuf_release(&out);
    sheet_free(s);
    form_free(form);
    return rc;
}
