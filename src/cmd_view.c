/*
 * cmd_view.c - `torikumi view FILE...` (also `torikumi --read-only FILE`):
 * page through one or several sheets without being able to change a
 * byte.  The files are only ever opened for reading; no lock, temporary,
 * backup or recovery file is made.
 */
#include <getopt.h> /* optind */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "i18n.h"
#include "sheet.h"
#include "ui.h"

static void view_usage(FILE *to)
{
    fprintf(to, _("usage: torikumi view [--form FORMFILE] FILE...\n"
                  "Page through sheets read-only (several together: e.g. every ward's sheet "
                  "of a year).\n"));
}

int cmd_view(int argc, char **argv)
{
    struct form *form;
    int early = cmd_parse_sheet_options(argc, argv, view_usage, 1, 0, &form);
    if (early >= 0)
        return early;
    size_t n = (size_t)(argc - optind);
    struct sheet **sheets = xcalloc(n, sizeof(*sheets));
    int rc = EXIT_OK;
    for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
        struct error e;
        sheets[i] = sheet_load_readonly(argv[optind + (int)i], form, &e);
        if (!sheets[i]) {
            cmd_print_error(&e);
            rc = EXIT_TROUBLE;
        }
    }
    struct ui_start start = { true, _("read-only: viewing; nothing can be changed"), NULL };
    if (rc == EXIT_OK)
        rc = ui_run(sheets, n, &start);
    for (size_t i = 0; i < n; i++)
        sheet_free(sheets[i]);
    free(sheets);
    form_free(form);
    return rc;
}
