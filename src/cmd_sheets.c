/*
 * cmd_sheets.c - loading the sheets of a read-only command (view, summary)
 * when some of them may be broken: a shared folder of 24 wards' sheets
 * should not become unreadable because one is.  Each sheet that cannot be
 * read or parsed is named with its error on stderr and left out; the
 * caller shows the others and says in its exit status that some were
 * skipped.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "filestamp.h"
#include "i18n.h"
#include "rules.h"
#include "sheet.h"

/*
 * The file as it is before loading it: a change between the two shows as a
 * change later (a reload of what is shown), never as nothing.
 */
static bool stamp_before(const char *path, struct filestamp *st, struct error *e)
{
    char *data;
    size_t len;
    if (filestamp_read(path, &data, &len, st, e) < 0)
        return false;
    free(data);
    return true;
}

struct sheet **cmd_load_readable(char *const *paths, size_t n, struct form *form,
                                 struct filestamp *stamps, struct cmd_loaded *out)
{
    struct sheet **sheets = xcalloc(n + 1, sizeof(*sheets));
    out->n = out->skipped = 0;
    out->errors = (struct strbuf)STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        struct error e;
        struct sheet *s = NULL;
        if (!stamps || stamp_before(paths[i], &stamps[out->n], &e))
            s = rules_whole_sheet(sheet_load_readonly(paths[i], form, &e), &e);
        if (s) {
            sheets[out->n++] = s;
            continue;
        }
        cmd_print_error(&e);
        if (out->skipped++ == 0)
            error_format(&e, &out->errors);
    }
    if (out->skipped)
        fprintf(stderr, _("torikumi: sheets that could not be read, skipped: %zu\n"),
                out->skipped);
    return sheets;
}

void cmd_loaded_free(struct sheet **sheets, struct cmd_loaded *l)
{
    for (size_t i = 0; i < l->n; i++)
        sheet_free(sheets[i]);
    free(sheets);
    strbuf_release(&l->errors);
}
