/*
 * cmd_view.c - `torikumi view FILE...` (also `torikumi --read-only FILE`):
 * page through one or several sheets without being able to change a
 * byte.  The files are only ever opened for reading; no lock, temporary,
 * backup or recovery file is made.  Sheets that cannot be read are named
 * (on stderr, and on screen at the start) and left out; the exit status
 * is then 1.
 */
#include <getopt.h> /* optind */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "filestamp.h"
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
    /* A broken sheet is named and skipped: the others can still be read. */
    struct cmd_loaded l;
    size_t n = (size_t)(argc - optind);
    struct filestamp *stamps = xcalloc(n + 1, sizeof(*stamps));     /* to see changes later */
    struct sheet **sheets = cmd_load_readable(argv + optind, n, form, stamps, &l);
    struct strbuf why = STRBUF_INIT;
    if (l.skipped)
        strbuf_addf(&why, _("read-only; %zu sheets could not be read and are left out: %s"),
                    l.skipped, l.errors.buf);
    else
        strbuf_addstr(&why, _("read-only: viewing; nothing can be changed"));
    struct ui_start start = { true, why.buf, NULL, stamps, NULL };
    int rc = l.n ? ui_run(sheets, l.n, &start) : EXIT_TROUBLE;
    if (rc == EXIT_OK && l.skipped)
        rc = EXIT_PROBLEMS;
    strbuf_release(&why);
    free(stamps);
    cmd_loaded_free(sheets, &l);
    form_free(form);
    return rc;
}
