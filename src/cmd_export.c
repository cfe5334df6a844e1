/*
 * cmd_export.c - `torikumi export [--encoding utf-8-bom|utf-8|cp932]
 * [-o OUT] [--form FORMFILE] FILE`: the sheet as CSV for Excel, to
 * standard output or atomically to OUT.  Exit 0 on success, 1 when the
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
#include "outfile.h"
#include "sheet.h"

static void export_usage(FILE *to)
{
    fprintf(to, _("usage: torikumi export [--encoding utf-8-bom|utf-8|cp932] [-o OUT] "
                  "[--form FORMFILE] FILE\n"
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
    struct strbuf sb = STRBUF_INIT;
    struct error copy = *w;
    copy.msg[0] = '\0';
    error_format(&copy, &sb);
    fprintf(stderr, "torikumi: %s%s%s\n", sb.buf, _("warning: "), w->msg);
    strbuf_release(&sb);
}

static int run_export(const char *file, struct form *form, enum export_encoding enc,
                      const char *out_path)
{
    struct error e;
    struct sheet *s = sheet_load(file, form, &e);
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
            fprintf(stderr, _("torikumi: %s: %zu items written to %s (CSV, %s)\n"), file,
                    s->n_items, out_path, export_encoding_name(enc));
    }
    sheet_free(s);
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
                fprintf(stderr, "torikumi: --encoding: %s\n", e.msg);
                return EXIT_TROUBLE;
            }
            break;
        case 'F':
            if (!str_eq(optarg, "csv") && !str_eq(optarg, "html")) {
                fprintf(stderr, _("torikumi: --format: expected csv or html, not '%s'\n"), optarg);
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
        fprintf(stderr, _("torikumi: export: --encoding is for CSV; HTML is always UTF-8\n"));
    if (html ? optind >= argc || encoding_given : optind != argc - 1) {
        export_usage(stderr);
        return EXIT_TROUBLE;
    }
    struct form *form = form_path ? cmd_load_form_option(form_path) : NULL;
    int rc = html ? cmd_export_html(argv + optind, (size_t)(argc - optind), form, out_path)
                  : run_export(argv[optind], form, enc, out_path);
    form_free(form);
    return rc;
}
