/*
 * cmd_util.c - what several commands share: error printing, --form and
 * the option parsing of the sheet-only commands.
 */
#include <errno.h>
#include <stdarg.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <string.h>

#include "cmd.h"
#include "era.h"
#include "form.h"
#include "i18n.h"
#include "utf8.h"
#include "util.h"

/*
 * Messages name files and quote values from the data: either may hold
 * escape sequences (`evil\e]52;...rec`), which must never reach the
 * terminal raw.  Everything goes out escaped, as the editor's status line.
 */
void cmd_print_sanitized(FILE *to, const char *text)
{
    struct strbuf sb = STRBUF_INIT;
    utf8_sanitize(text, strlen(text), false, &sb);
    fprintf(to, "%s\n", sb.buf);
    strbuf_release(&sb);
}

void cmd_printf_sanitized(FILE *to, const char *fmt, ...)
{
    struct strbuf sb = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    if (sb.len && sb.buf[sb.len - 1] == '\n')
        sb.buf[--sb.len] = '\0';
    cmd_print_sanitized(to, strbuf_cstr(&sb));
    strbuf_release(&sb);
}

void cmd_print_error(const struct error *e)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_addstr(&sb, "torikumi: ");
    error_format(e, &sb);
    cmd_print_sanitized(stderr, sb.buf);
    strbuf_release(&sb);
}

void cmd_print_warning(const struct error *w)
{
    struct strbuf sb = STRBUF_INIT;
    struct error copy = *w;
    copy.msg[0] = '\0';
    strbuf_addstr(&sb, "torikumi: ");
    error_format(&copy, &sb);
    strbuf_addstr(&sb, _("warning: "));
    strbuf_addstr(&sb, w->msg);
    cmd_print_sanitized(stderr, sb.buf);
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

/*
 * What went to standard output must have arrived: `torikumi show >/dev/full`
 * or a problem list into a full disk is an error (exit 2), never a silent
 * loss.  Runs at exit, after the command's own status.
 */
static void close_stdout(void)
{
    bool failed_before = ferror(stdout);
    errno = 0;
    if (fclose(stdout) == 0 && !failed_before)
        return;
    const char *why = errno ? strerror(errno) : _("write error");
    fprintf(stderr, _("torikumi: standard output: %s\n"), why);
    _exit(EXIT_TROUBLE);
}

void cmd_check_stdout_at_exit(void)
{
    atexit(close_stdout);
}

int cmd_parse_count(const char *s, const char *what, long max, long *out)
{
    size_t n = strlen(s);
    bool digits = n > 0 && strspn(s, "0123456789") == n;
    /* Compare as text first: strtol would saturate 99999999999999999999 to LONG_MAX. */
    char maxs[24];
    int ml = snprintf(maxs, sizeof(maxs), "%ld", max);
    size_t lead = strspn(s, "0");
    const char *sig = s + (lead == n ? n - 1 : lead);
    size_t sl = strlen(sig);
    bool fits = digits && (sl < (size_t)ml || (sl == (size_t)ml && strcmp(sig, maxs) <= 0));
    if (!fits) {
        char *msg = xasprintf(_("torikumi: %s needs a whole number from 0 to %ld, not '%s'"),
                              what, max, s);
        cmd_print_sanitized(stderr, msg);
        free(msg);
        return -1;
    }
    *out = strtol(s, NULL, 10);
    return 0;
}

int cmd_parse_year_option(const char *option, const char *arg, long *year)
{
    struct error e;
    if (era_parse_fiscal_year(arg, strlen(arg), year, &e) == 0)
        return 0;
    /* e.msg quotes the value too ("unknown era ..."): the whole line is escaped. */
    cmd_printf_sanitized(stderr, _("torikumi: %s %s: character %ld: %s\n"), option, arg, e.column,
                         e.msg);
    return -1;
}
