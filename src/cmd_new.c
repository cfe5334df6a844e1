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

static void new_usage(FILE *to)
{
    fprintf(to, _("usage: torikumi new --ward WARD --year YEAR [--title TITLE] [--items N] "
                  "[--form FORMFILE] FILE\n"
                  "Create an empty sheet (with N numbered items) for a ward and fiscal year "
                  "(Western year, e.g. 2017 for 平成29年度).\n"));
}

static bool has_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return true;
    return false;
}

static long parse_number(const char *s, const char *what)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 0) {
        fprintf(stderr, _("torikumi: %s needs a number, not '%s'\n"), what, s);
        exit(EXIT_TROUBLE);
    }
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
        case 'y': year = parse_number(optarg, "--year"); break;
        case 't': title = optarg; break;
        case 'n': items = parse_number(optarg, "--items"); break;
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
    if (has_control(ward) || (title && has_control(title))) {
        fprintf(stderr, "%s", _("torikumi: --ward and --title must be one line without control "
                                "characters\n"));
        return EXIT_TROUBLE;
    }
    const char *path = argv[optind];
    if (access(path, F_OK) == 0) {
        fprintf(stderr, _("torikumi: %s already exists; not overwriting it\n"), path);
        return EXIT_TROUBLE;
    }
    struct form *form = form_path ? cmd_load_form_option(form_path) : form_builtin();
    int rc = write_new_sheet(path, form, ward, year, title, items);
    form_free(form);
    return rc;
}
