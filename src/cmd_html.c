/*
 * cmd_html.c - the HTML side of `torikumi export --format html` and
 * `torikumi summary --format html`: load, render (export_html.c,
 * summary_html.c), write to standard output or atomically to OUT.
 * cmd_export.c and cmd_summary.c only parse their options and call here.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "export_html.h"
#include "i18n.h"
#include "rules.h"
#include "outfile.h"
#include "sheet.h"
#include "summary_html.h"

#define FLUSH_AT (1 << 16)

/* Write what is in buf when it is big (or always, with force); -1 with e on failure. */
static int flush(struct outfile *out, struct strbuf *buf, bool force, struct error *e)
{
    if (buf->len == 0 || (!force && buf->len < FLUSH_AT))
        return 0;
    int r = outfile_write(out, buf->buf, buf->len, e);
    strbuf_reset(buf);
    return r;
}

/* Commit (or abort after a write error); prints what went wrong; the exit status. */
static int finish(struct outfile *out, int write_rc, struct error *e)
{
    if (write_rc < 0) {
        cmd_print_error(e);
        outfile_abort(out);
        return EXIT_TROUBLE;
    }
    enum save_result sr = outfile_commit(out, e);
    if (sr != SAVE_OK)
        cmd_print_error(e);
    return sr == SAVE_FAILED ? EXIT_TROUBLE : EXIT_OK;
}

static void free_sheets(struct sheet **sheets, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sheet_free(sheets[i]);
    free(sheets);
}

/* Every file, or NULL after printing why one could not be read (nothing written then). */
static struct sheet **load_all(char **files, size_t n, struct form *form)
{
    struct sheet **sheets = xcalloc(n ? n : 1, sizeof *sheets);
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        struct error e;
        sheets[i] = rules_whole_sheet(sheet_load_readonly(files[i], form, &e), &e);
        if (!sheets[i]) {
            cmd_print_error(&e);
            ok = false;
        }
    }
    if (!ok) {
        free_sheets(sheets, n);
        return NULL;
    }
    return sheets;
}

int cmd_export_html(char **files, size_t n, struct form *form, const char *out_path)
{
    struct sheet **sheets = load_all(files, n, form);
    if (!sheets)
        return EXIT_TROUBLE;
    struct outfile *out = outfile_new(out_path);
    struct strbuf buf = STRBUF_INIT;
    struct error e;
    int rc = 0;
    size_t items = 0;
    export_html_begin(sheets[0], n, &buf);
    for (size_t i = 0; i < n && rc == 0; i++)
        for (size_t k = 0; k < sheets[i]->n_items && rc == 0; k++, items++) {
            export_html_item(sheets[i], k, &buf);
            rc = flush(out, &buf, false, &e);
        }
    if (rc == 0) {
        export_html_end(&buf);
        rc = flush(out, &buf, true, &e);
    }
    bool to_stdout = outfile_is_stdout(out);
    int status = finish(out, rc, &e);
    if (status == EXIT_OK && !to_stdout)
        cmd_printf_sanitized(stderr, _("torikumi: %zu items of %zu sheets written to %s (HTML)\n"), items, n,
                             out_path);
    strbuf_release(&buf);
    free_sheets(sheets, n);
    return status;
}

int cmd_summary_html(char **files, size_t n, struct form *form, const char *out_path)
{
    /* As the text summary: a sheet that cannot be read is named and left out. */
    struct cmd_loaded l;
    struct sheet **sheets = cmd_load_readable(files, n, form, NULL, &l);
    if (l.n == 0) {
        cmd_loaded_free(sheets, &l);
        return EXIT_TROUBLE;
    }
    struct strbuf buf = STRBUF_INIT;
    struct error e;
    int status = EXIT_TROUBLE;
    if (summary_html(sheets, l.n, &buf, &e) < 0) {
        cmd_print_error(&e);
    } else {
        struct outfile *out = outfile_new(out_path);
        bool to_stdout = outfile_is_stdout(out);
        status = finish(out, flush(out, &buf, true, &e), &e);
        if (status == EXIT_OK && !to_stdout)
            cmd_printf_sanitized(stderr, _("torikumi: report on %zu sheets written to %s (HTML)\n"), l.n,
                                 out_path);
        if (status == EXIT_OK && l.skipped)
            status = EXIT_PROBLEMS;
    }
    strbuf_release(&buf);
    cmd_loaded_free(sheets, &l);
    return status;
}
