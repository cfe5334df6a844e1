/*
 * cmd_util.c - what several commands share: error printing, --form and
 * the option parsing of the sheet-only commands.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include <string.h>

#include "cmd.h"
#include "era.h"
#include "form.h"
#include "i18n.h"
#include "utf8.h"
#include "util.h"

void cmd_print_error(const struct error *e)
{
    struct strbuf sb = STRBUF_INIT;
    error_format(e, &sb);
    fprintf(stderr, "torikumi: %s\n", sb.buf);
    strbuf_release(&sb);
}

struct form *cmd_load_form_option(const char *path)
{
    struct error e;
    struct form *f = form_load_file(path, &e);
    if (!f) {
        cmd_print_error(&e);
        exit(EXIT_TROUBLE);
    }
    return f;
}

int cmd_parse_sheet_options(int argc, char **argv, void (*usage)(FILE *to),
                            int min_files, int max_files, struct form **form)
{
    static const struct option opts[] = {
        { "form", required_argument, NULL, 'f' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    *form = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
        if (c == 'f') {
            form_free(*form);
            *form = cmd_load_form_option(optarg);
            continue;
        }
        usage(c == 'h' ? stdout : stderr);
        form_free(*form);
        *form = NULL;
        return c == 'h' ? EXIT_OK : EXIT_TROUBLE;
    }
    int files = argc - optind;
    if (files < min_files || (max_files > 0 && files > max_files)) {
        usage(stderr);
        form_free(*form);
        *form = NULL;
        return EXIT_TROUBLE;
    }
    return -1;
}

int cmd_parse_year_option(const char *option, const char *arg, long *year)
{
    struct error e;
    if (era_parse_fiscal_year(arg, strlen(arg), year, &e) == 0)
        return 0;
    struct strbuf shown = STRBUF_INIT;
    utf8_sanitize(arg, strlen(arg), false, &shown);
    fprintf(stderr, _("torikumi: %s %s: character %ld: %s\n"), option, shown.buf, e.column, e.msg);
    strbuf_release(&shown);
    return -1;
}
