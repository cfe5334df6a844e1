/*
 * cmd_import.c - `torikumi import [--encoding E] [--format F] [--gaiji G]
 * [--ward W] [--year Y] [--form FORMFILE] -o OUT INPUT`: a CSV, a sheet
 * in another encoding, or the sheet text layout, written as a sheet.
 * Exit 0 on success (warnings on stderr), 1 when the input has errors,
 * 2 on usage or I/O errors; on failure OUT is not created or changed.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "cmd.h"
#include "i18n.h"
#include "outfile.h"
#include "import.h"

static void import_usage(FILE *to)
{
    fprintf(to, _("usage: torikumi import [--encoding auto|utf-8|cp932] [--format auto|rec|csv|sheet]\n"
                  "                       [--gaiji keep|error] [--ward WARD] [--year YEAR]\n"
                  "                       [--form FORMFILE] -o OUT INPUT\n"
                  "Read a CSV, a sheet in another encoding (Shift-JIS = CP932) or the sheet "
                  "text layout\nand write it as a sheet (OUT '-' is standard output, INPUT '-' "
                  "standard input).\nExit 0 on success (warnings on stderr), 1 when the input "
                  "has errors, 2 on usage\nor I/O errors; on failure OUT is left as it was.\n"));
}

static void print_warning(void *ctx, const struct error *w)
{
    (void)ctx;
    cmd_print_warning(w);
}

static const char *input_name(const char *input)
{
    return str_eq(input, "-") ? "<stdin>" : input;
}

static void print_picked(void *ctx, const struct import_report *rep)
{
    const char *input = ctx;
    if (rep->format_detected)
        cmd_printf_sanitized(stderr, _("torikumi: %s: format %s (detected from the content)\n"),
                input_name(input), import_format_name(rep->format));
}

static int parse_gaiji(const char *s, enum encoding_gaiji *g)
{
    if (strcasecmp(s, "keep") == 0 || strcasecmp(s, "warn") == 0)
        *g = ENCODING_GAIJI_WARN;
    else if (strcasecmp(s, "error") == 0)
        *g = ENCODING_GAIJI_ERROR;
    else {
        cmd_printf_sanitized(stderr, _("torikumi: unknown --gaiji '%s' (expected keep or error)\n"), s);
        return -1;
    }
    return 0;
}

static void print_summary(const struct import_options *o, const struct import_report *rep)
{
    char enc[64];
    snprintf(enc, sizeof(enc), "%s%s", encoding_name(rep->encoding),
             rep->encoding_detected ? _(" (detected)") : "");
    cmd_printf_sanitized(stderr, _("torikumi: %s: %s in %s: %zu items written to %s (%zu warnings)\n"),
                         input_name(o->input), import_format_name(rep->format), enc, rep->items,
                         str_eq(o->output, "-") ? _("standard output") : o->output, rep->warnings);
}

static int parse_options(int argc, char **argv, struct import_options *o, const char **form_path)
{
    static const struct option opts[] = {
        { "encoding", required_argument, NULL, 'e' },
        { "format", required_argument, NULL, 'F' },
        { "gaiji", required_argument, NULL, 'g' },
        { "ward", required_argument, NULL, 'w' },
        { "year", required_argument, NULL, 'y' },
        { "output", required_argument, NULL, 'o' },
        { "form", required_argument, NULL, 'f' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct error e;
    int c;
    while ((c = getopt_long(argc, argv, "e:F:g:w:y:o:f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'e':
            if (encoding_parse(optarg, &o->encoding, &e) < 0) {
                cmd_printf_sanitized(stderr, "torikumi: --encoding: %s", e.msg);
                return EXIT_TROUBLE;
            }
            break;
        case 'F':
            if (import_format_parse(optarg, &o->format, &e) < 0) {
                cmd_printf_sanitized(stderr, "torikumi: --format: %s", e.msg);
                return EXIT_TROUBLE;
            }
            break;
        case 'g':
            if (parse_gaiji(optarg, &o->gaiji) < 0)
                return EXIT_TROUBLE;
            break;
        case 'w':
            if (!*optarg) {
                fprintf(stderr, _("torikumi: --ward needs a ward name\n"));
                return EXIT_TROUBLE;
            }
            o->ward = optarg;
            break;
        case 'y':
            if (cmd_parse_year_option("--year", optarg, &o->year) < 0)
                return EXIT_TROUBLE;
            break;
        case 'o': o->output = optarg; break;
        case 'f': *form_path = optarg; break;
        case 'h': import_usage(stdout); return EXIT_OK;
        default: import_usage(stderr); return EXIT_TROUBLE;
        }
    }
    if (optind != argc - 1 || !o->output) {
        if (!o->output)
            fprintf(stderr, _("torikumi: import needs -o OUT (a file, or - for standard "
                              "output)\n"));
        import_usage(stderr);
        return EXIT_TROUBLE;
    }
    o->input = argv[optind];
    return -1;
}

int cmd_import(int argc, char **argv)
{
    struct import_options o = { .input = NULL, .output = NULL, .encoding = ENCODING_AUTO,
                                .gaiji = ENCODING_GAIJI_WARN, .format = IMPORT_FORMAT_AUTO };
    const char *form_path = NULL;
    int rc = parse_options(argc, argv, &o, &form_path);
    if (rc >= 0)
        return rc;
    struct error e;
    if (outfile_refuse_input(o.output, o.input, &e) < 0) {
        cmd_print_error(&e);
        return EXIT_TROUBLE;
    }
    o.form = form_path ? cmd_load_form_option(form_path) : NULL;
    o.warn = print_warning;
    o.picked = print_picked;
    o.picked_ctx = (void *)o.input;
    struct import_report rep;
    enum import_status st = import_run(&o, &rep, &e);
    if (st == IMPORT_OK) {
        if (rep.unconfirmed)
            cmd_print_error(&e);
        print_summary(&o, &rep);
    } else
        cmd_print_error(&e);
    form_free(o.form);
    return st == IMPORT_OK ? EXIT_OK : st == IMPORT_BAD_INPUT ? EXIT_PROBLEMS : EXIT_TROUBLE;
}
