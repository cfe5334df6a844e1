/*
 * cmd_new.c - `torikumi new --ward W --year Y [--title T] [--items N] FILE`:
 * an empty sheet with its header and descriptors, saved atomically;
 * `torikumi new --from LAST.rec [--year Y] [--ward W] FILE`: the next
 * fiscal year's sheet from last year's (carryover.h), which names last
 * year's file in its header (Previous, previous.h).
 * Refuses to overwrite an existing file.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "carryover.h"
#include "cmd.h"
#include "era.h"
#include "i18n.h"
#include "previous.h"
#include "rules.h"
#include "save.h"
#include "sheet.h"
#include "utf8.h"

static void new_usage(FILE *to)
{
    fprintf(to, _("usage: torikumi new --ward WARD --year YEAR [--title TITLE] [--items N] "
                  "[--form FORMFILE] FILE\n"
                  "Create an empty sheet (with N numbered items) for a ward and fiscal year "
                  "(Western year, e.g. 2017 for 平成29年度).\n"));
    fprintf(to, "%s", _("   or: torikumi new --from LAST.rec [--year YEAR] [--ward WARD] FILE\n"
                        "Start the next fiscal year from last year's sheet: every item keeps its "
                        "number,\ntitle and plan; the later stages, done marks and stamps start "
                        "empty.\nA year is 西暦 or 和暦: 2018, ２０１８, 平成30, H30, 令和元, R2.\n"));
}

/* More items than any ward's sheet has (23); enough for the 100,000-item tests. */
#define NEW_MAX_ITEMS 100000L

static long parse_number(const char *s, const char *what, long max)
{
    long v;
    if (cmd_parse_count(s, what, max, &v) < 0)
        exit(EXIT_TROUBLE);
    return v;
}

static int save_sheet(const char *path, struct sheet *s)
{
    struct strbuf sb = STRBUF_INIT;
    sheet_write(s, &sb);
    struct error e;
    enum save_result rc = save_atomic(path, sb.buf, sb.len, &e);
    strbuf_release(&sb);
    if (rc != SAVE_OK)
        cmd_print_error(&e);
    return rc == SAVE_FAILED ? EXIT_TROUBLE : EXIT_OK;
}

static int write_new_sheet(const char *path, struct form *form, const char *ward, long year,
                           const char *title, long items)
{
    struct sheet *s = sheet_new(form, ward, (int)year, title);
    for (long i = 1; i <= items; i++) {
        struct item *it = sheet_add_item(s);
        char no[24];
        int n = snprintf(no, sizeof(no), "%ld", i);
        item_set(s, it, form->key_field, no, (size_t)n);
    }
    int rc = save_sheet(path, s);
    sheet_free(s);
    return rc;
}

/* Last year's fiscal year, or -1 after saying why it cannot be read. */
static long last_fiscal_year(const struct sheet *last, const char *from)
{
    const char *v = sheet_header_get(last, "FiscalYear");
    long y;
    if (!rules_fiscal_year(v, &y)) {
        cmd_printf_sanitized(stderr, _("torikumi: %s has no valid FiscalYear; give --year YEAR\n"), from);
        return -1;
    }
    return y;
}

/* The new sheet names last year's, so the editor can show it beside (Ctrl-P). */
static void link_previous(struct sheet *next, const char *path, const char *from)
{
    char *link = previous_link(path, from);
    if (link)
        previous_record(next, link);
    else
        fprintf(stderr, "%s", _("torikumi: last year's file name is not one line of UTF-8 "
                                "text; not recorded as Previous (edit --previous names it)\n"));
    free(link);
}

static int write_from_last(const char *path, const char *from, struct form *form,
                           const char *ward, long year)
{
    struct error e;
    struct sheet *last = rules_whole_sheet(sheet_load(from, form, &e), &e);
    if (!last) {
        cmd_print_error(&e);
        return EXIT_TROUBLE;
    }
    if (year < 0) {                   /* the year after last year's */
        year = last_fiscal_year(last, from);
        if (year > 0 && ++year > ERA_FISCAL_YEAR_MAX) {
            cmd_printf_sanitized(stderr, _("torikumi: the year after %s is past %d; give --year YEAR\n"), from,
                                 ERA_FISCAL_YEAR_MAX);
            year = -1;
        }
    }
    int rc = EXIT_TROUBLE;
    if (year > 0) {
        struct sheet *next = carryover_sheet(last, ward, year);
        link_previous(next, path, from);
        rc = save_sheet(path, next);
        sheet_free(next);
    }
    sheet_free(last);
    return rc;
}

struct new_options {
    const char *ward, *title, *form_path, *from, *path;
    long year, items;
};

/* Returns -1 to go on, or the status to exit with. */
static int parse_new_options(int argc, char **argv, struct new_options *o)
{
    static const struct option opts[] = {
        { "ward", required_argument, NULL, 'w' },
        { "year", required_argument, NULL, 'y' },
        { "title", required_argument, NULL, 't' },
        { "items", required_argument, NULL, 'n' },
        { "form", required_argument, NULL, 'f' },
        { "from", required_argument, NULL, 'F' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, "w:y:t:n:f:F:h", opts, NULL)) != -1) {
        switch (c) {
        case 'w': o->ward = optarg; break;
        case 'y':
            if (cmd_parse_year_option("--year", optarg, &o->year) < 0)
                return EXIT_TROUBLE;
            break;
        case 't': o->title = optarg; break;
        case 'n': o->items = parse_number(optarg, "--items", NEW_MAX_ITEMS); break;
        case 'f': o->form_path = optarg; break;
        case 'F': o->from = optarg; break;
        case 'h': new_usage(stdout); return EXIT_OK;
        default: new_usage(stderr); return EXIT_TROUBLE;
        }
    }
    bool complete = o->from ? !o->title && o->items == 0 : o->ward && o->year > 0;
    if (optind != argc - 1 || !complete) {
        new_usage(stderr);
        return EXIT_TROUBLE;
    }
    o->path = argv[optind];
    return -1;
}

int cmd_new(int argc, char **argv)
{
    struct new_options o = { .year = -1 };
    int rc = parse_new_options(argc, argv, &o);
    if (rc >= 0)
        return rc;
    if (o.ward && utf8_is_blank(o.ward, strlen(o.ward))) {
        fprintf(stderr, "%s", _("torikumi: --ward needs a ward name (check refuses an empty "
                                "Ward)\n"));
        return EXIT_TROUBLE;
    }
    if ((o.ward && utf8_has_control(o.ward, strlen(o.ward))) ||
        (o.title && utf8_has_control(o.title, strlen(o.title)))) {
        fprintf(stderr, "%s", _("torikumi: --ward and --title must be one line without control "
                                "characters\n"));
        return EXIT_TROUBLE;
    }
    if (access(o.path, F_OK) == 0) {
        char *msg = xasprintf(_("torikumi: %s already exists; not overwriting it"), o.path);
        cmd_print_sanitized(stderr, msg);
        free(msg);
        return EXIT_TROUBLE;
    }
    struct form *form = o.form_path ? cmd_load_form_option(o.form_path)
                        : o.from    ? NULL : form_builtin();
    if (o.from)
        rc = write_from_last(o.path, o.from, form, o.ward, o.year);
    else
        rc = write_new_sheet(o.path, form, o.ward, o.year, o.title, o.items);
    form_free(form);
    return rc;
}
