/*
 * cmd_export.c - `torikumi export [--encoding utf-8-bom|utf-8|cp932]
 * [-o OUT] [--form FORMFILE] FILE...`: the sheet as CSV for Excel, to
 * standard output or atomically to OUT; several sheets as one table.  Exit 0 on success, 1 when the
 * sheet holds a character the encoding cannot (OUT untouched), 2 on
 * usage, parse or I/O errors.  --format html (cmd_html.c, export_html.h)
 * writes sheets as the city prints them.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "export_csv.h"
#include "i18n.h"
#include "rules.h"
#include "outfile.h"
#include "sheet.h"

static void export_usage(FILE *to)
{
    fprintf(to, _("usage: torikumi export [--encoding utf-8-bom|utf-8|cp932] [-o OUT] "
                  "[--form FORMFILE] FILE...\n"
                  "Write a sheet as CSV for Excel (one row per item, Japanese labels as the "
                  "header).\nDefault: UTF-8 with BOM to standard output.  Exit 1 when a "
                  "character cannot be\nwritten in the encoding, 2 on usage or I/O errors.\n"));
    fprintf(to, _("   or: torikumi export --format html [-o OUT.html] [--form FORMFILE] FILE...\n"
                  "Write sheets as the city prints them: one HTML file to print on A4 landscape.\n"));
}

static int out_write(void *ctx, const char *data, size_t n, struct error *e)
{
    return outfile_write(ctx, data, n, e);
}

static void print_warning(void *ctx, const struct error *w)
{
    (void)ctx;
    cmd_print_warning(w);
}

/* Commit the output, or abort it on an error; the exit status. */
static int finish_output(struct outfile *out, enum export_csv_status st, struct error *e)
{
    if (st != EXPORT_CSV_OK) {
        cmd_print_error(e);
        outfile_abort(out);
        return st == EXPORT_CSV_UNENCODABLE ? EXIT_PROBLEMS : EXIT_TROUBLE;
    }
    enum save_result sr = outfile_commit(out, e);
    if (sr != SAVE_OK)
        cmd_print_error(e);
    return sr == SAVE_FAILED ? EXIT_TROUBLE : EXIT_OK;
}

static int run_export(const char *file, struct form *form, enum export_encoding enc,
                      const char *out_path)
{
    struct error e;
    struct sheet *s = rules_whole_sheet(sheet_load(file, form, &e), &e);
    if (!s) {
        cmd_print_error(&e);
        return EXIT_TROUBLE;
    }
    struct outfile *out = outfile_new(out_path);
    struct export_csv_options eo = { enc, file, out_write, out, print_warning, NULL };
    enum export_csv_status st = export_csv(s, &eo, &e);
    int rc = EXIT_OK;
    if (st != EXPORT_CSV_OK) {
        cmd_print_error(&e);
        rc = st == EXPORT_CSV_UNENCODABLE ? EXIT_PROBLEMS : EXIT_TROUBLE;
        outfile_abort(out);
    } else {
        bool to_stdout = outfile_is_stdout(out);
        enum save_result sr = outfile_commit(out, &e);
        if (sr != SAVE_OK)
            cmd_print_error(&e);
        if (sr == SAVE_FAILED)
            rc = EXIT_TROUBLE;
        else if (!to_stdout)
            cmd_printf_sanitized(stderr, _("torikumi: %s: %zu items written to %s (CSV, %s)\n"), file,
                                 s->n_items, out_path, export_encoding_name(enc));
    }
    sheet_free(s);
    return rc;
}

/*
 * Several sheets (the 24 wards' of a year) as one table: one header, the
 * 区 and 年度 columns tell the rows apart.  Any sheet that cannot be read
 * stops it (a table for a meeting must not silently miss a ward).
 */
static int run_export_sheets(char *const *files, size_t n, struct form *form,
                             enum export_encoding enc, const char *out_path)
{
    struct sheet **sheets = xcalloc(n, sizeof(*sheets));
    int rc = EXIT_OK;
    size_t items = 0;
    for (size_t i = 0; i < n; i++) {
        struct error e;
        if (!(sheets[i] = rules_whole_sheet(sheet_load(files[i], form, &e), &e))) {
            cmd_print_error(&e);
            rc = EXIT_TROUBLE;
        } else
            items += sheets[i]->n_items;
    }
    if (rc == EXIT_OK) {
        struct error e;
        struct outfile *out = outfile_new(out_path);
        struct export_csv_options eo = { enc, files[0], out_write, out, print_warning, NULL };
        enum export_csv_status st =
            export_csv_sheets((const struct sheet *const *)sheets, n, &eo, &e);
        rc = finish_output(out, st, &e);
        if (rc == EXIT_OK && out_path)
            cmd_printf_sanitized(stderr, _("torikumi: %zu sheets, %zu items written to %s (CSV, %s)\n"), n,
                                 items, out_path, export_encoding_name(enc));
    }
    for (size_t i = 0; i < n; i++)
        sheet_free(sheets[i]);
    free(sheets);
    return rc;
}

int cmd_export(int argc, char **argv)
{
    static const struct option opts[] = {
        { "encoding", required_argument, NULL, 'e' },
        { "format", required_argument, NULL, 'F' },
        { "output", required_argument, NULL, 'o' },
        { "form", required_argument, NULL, 'f' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    enum export_encoding enc = EXPORT_UTF8_BOM;
    const char *out_path = NULL, *form_path = NULL;
    bool html = false, encoding_given = false;
    struct error e;
    int c;
    while ((c = getopt_long(argc, argv, "e:F:o:f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'e':
            encoding_given = true;
            if (export_encoding_parse(optarg, &enc, &e) < 0) {
                cmd_printf_sanitized(stderr, "torikumi: --encoding: %s", e.msg);
                return EXIT_TROUBLE;
            }
            break;
        case 'F':
            if (!str_eq(optarg, "csv") && !str_eq(optarg, "html")) {
                cmd_printf_sanitized(stderr, _("torikumi: --format: expected csv or html, not '%s'\n"), optarg);
                return EXIT_TROUBLE;
            }
            html = str_eq(optarg, "html");
            break;
        case 'o': out_path = optarg; break;
        case 'f': form_path = optarg; break;
        case 'h': export_usage(stdout); return EXIT_OK;
        default: export_usage(stderr); return EXIT_TROUBLE;
        }
    }
    if (html && encoding_given)
        fprintf(stderr, "%s", _("torikumi: export: --encoding is for CSV; HTML is always UTF-8\n"));
    if (optind >= argc || (html && encoding_given)) {
        export_usage(stderr);
        return EXIT_TROUBLE;
    }
    /* Never write over an input: any of the sheets, or the form file. */
    for (int i = optind; i <= argc; i++) {
        const char *in = i < argc ? argv[i] : form_path;
        if (in && outfile_refuse_input(out_path, in, &e) < 0) {
            cmd_print_error(&e);
            return EXIT_TROUBLE;
        }
    }
    struct form *form = form_path ? cmd_load_form_option(form_path) : NULL;
    int rc = html ? cmd_export_html(argv + optind, (size_t)(argc - optind), form, out_path)
           : optind == argc - 1
               ? run_export(argv[optind], form, enc, out_path)
               : run_export_sheets(argv + optind, (size_t)(argc - optind), form, enc, out_path);
    form_free(form);
    return rc;
}
