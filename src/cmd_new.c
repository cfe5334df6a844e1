/*
 * cmd_new.c - `torikumi new --ward W --year Y [--title T] [--items N] FILE`:
 * an empty sheet with its header and descriptors, saved atomically.
 * Refuses to overwrite an existing file.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "save.h"
#include "sheet.h"
#include "utf8.h"

static void new_usage(FILE *to)
{
    fprintf(to, _("usage: torikumi new --ward WARD --year YEAR [--title TITLE] [--items N] "
                  "[--form FORMFILE] FILE\n"
                  "Create an empty sheet (with N numbered items) for a ward and fiscal year "
                  "(Western year, e.g. 2017 for 平成29年度).\n"));
}

/* Any control character (C0, DEL, C1, U+2028/9), as the header's %type regexp refuses. */
static bool has_control(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (utf8_is_control(cp))
            return true;
        i += k ? k : 1;
    }
    return false;
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
    struct strbuf sb = STRBUF_INIT;
    sheet_write(s, &sb);
    struct error e;
    enum save_result rc = save_atomic(path, sb.buf, sb.len, &e);
    strbuf_release(&sb);
    sheet_free(s);
    if (rc != SAVE_OK)
        cmd_print_error(&e);
    return rc == SAVE_FAILED ? EXIT_TROUBLE : EXIT_OK;
}

int cmd_new(int argc, char **argv)
{
    static const struct option opts[] = {
        { "ward", required_argument, NULL, 'w' },
        { "year", required_argument, NULL, 'y' },
        { "title", required_argument, NULL, 't' },
        { "items", required_argument, NULL, 'n' },
        { "form", required_argument, NULL, 'f' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *ward = NULL, *title = NULL, *form_path = NULL;
    long year = -1, items = 0;
    int c;
    while ((c = getopt_long(argc, argv, "w:y:t:n:f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'w': ward = optarg; break;
        case 'y': year = parse_number(optarg, "--year", 999999L); break;
        case 't': title = optarg; break;
        case 'n': items = parse_number(optarg, "--items", NEW_MAX_ITEMS); break;
        case 'f': form_path = optarg; break;
        case 'h': new_usage(stdout); return EXIT_OK;
        default: new_usage(stderr); return EXIT_TROUBLE;
        }
    }
    if (optind != argc - 1 || !ward || year < 0) {
        new_usage(stderr);
        return EXIT_TROUBLE;
    }
    if (year < 1989 || year > 2200) {
        fprintf(stderr, _("torikumi: --year is the Western fiscal year, 1989 to 2200, not %ld\n"),
                year);
        return EXIT_TROUBLE;
    }
    if (utf8_is_blank(ward, strlen(ward))) {
        fprintf(stderr, "%s", _("torikumi: --ward needs a ward name (check refuses an empty "
                                "Ward)\n"));
        return EXIT_TROUBLE;
    }
    if (has_control(ward) || (title && has_control(title))) {
        fprintf(stderr, "%s", _("torikumi: --ward and --title must be one line without control "
                                "characters\n"));
        return EXIT_TROUBLE;
    }
    const char *path = argv[optind];
    if (access(path, F_OK) == 0) {
        char *msg = xasprintf(_("torikumi: %s already exists; not overwriting it"), path);
        cmd_print_sanitized(stderr, msg);
        free(msg);
        return EXIT_TROUBLE;
    }
    struct form *form = form_path ? cmd_load_form_option(form_path) : form_builtin();
    int rc = write_new_sheet(path, form, ward, year, title, items);
    form_free(form);
    return rc;
}
