/*
 * cmd_check.c - `torikumi check [--form FILE] FILE...`: one line per
 * problem, "FILE:LINE: 取組項目 N: FIELD: message", sorted by line.
 * Exit 0 when clean (warnings allowed), 1 when there are problems, 2
 * when a file cannot be read or parsed.
 */
#include <getopt.h> /* optind */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "i18n.h"
#include "rules.h"
#include "sheet.h"

static void print_problem(const char *file, const struct sheet *s, const struct problem *p,
                          struct strbuf *line)
{
    strbuf_reset(line);
    strbuf_addf(line, "%s:%ld: ", file, p->line);
    if (p->item >= 0) {
        long no = item_number(s, &s->items[p->item]);
        if (no >= 0)
            strbuf_addf(line, "%s %ld: ", s->form->item_label, no);
        else
            strbuf_addf(line, "%s ?: ", s->form->item_label);
    } else
        strbuf_addf(line, "%s: ", s->form->sheet_type);
    strbuf_addf(line, "%s: ", problem_field_name(s->form, p));
    if (p->severity == SEV_WARNING)
        strbuf_addstr(line, _("warning: "));
    problem_message(s, p, line);
    cmd_print_sanitized(stdout, line->buf);
}

static int check_file(const char *path, struct form *form)
{
    struct error e;
    struct sheet *s = sheet_load_readonly(path, form, &e);
    if (!s) {
        cmd_print_error(&e);
        return EXIT_TROUBLE;
    }
    struct problem_list pl = { NULL, 0, 0 };
    rules_check_all(s, &pl);
    rules_check_file(s, &pl);
    problems_sort(&pl);
    struct strbuf line = STRBUF_INIT;
    for (size_t i = 0; i < pl.n; i++)
        print_problem(path, s, &pl.v[i], &line);
    int rc = problems_count(&pl, SEV_ERROR) ? EXIT_PROBLEMS : EXIT_OK;
    strbuf_release(&line);
    problems_free(&pl);
    sheet_free(s);
    return rc;
}

static void check_usage(FILE *to)
{
    fprintf(to, _("usage: torikumi check [--form FORMFILE] FILE...\n"
                  "Check sheets against their form's rules: one line per problem.\n"
                  "Exit 0 when clean, 1 when there are problems, 2 when a file cannot be "
                  "read or parsed.\n"));
}

int cmd_check(int argc, char **argv)
{
    struct form *form;
    int early = cmd_parse_sheet_options(argc, argv, check_usage, 1, 0, &form);
    if (early >= 0)
        return early;
    int worst = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        fflush(stdout);
        int rc = check_file(argv[i], form);
        if (rc > worst)
            worst = rc;
    }
    form_free(form);
    return worst;
}
