/*
 * main.c - torikumi's entry point: find the subcommand in the table and
 * run it.  `torikumi FILE` is short for `torikumi edit FILE`.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "util.h"

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

static const struct command commands[] = {
    { "edit", cmd_edit, N_("open a sheet in the editor (the default)") },
    { "view", cmd_view, N_("page through sheets read-only") },
    { "check", cmd_check, N_("check sheets against their form's rules") },
    { "show", cmd_show, N_("print a sheet as text") },
    { "new", cmd_new, N_("create an empty sheet") },
    { "import", cmd_import, N_("read a CSV, Shift-JIS sheet or sheet text into a sheet") },
    { "export", cmd_export, N_("write a sheet as CSV for Excel") },
    { "summary", cmd_summary, N_("the initiatives of several sheets in one table, with counts") },
    { "merge", cmd_merge, N_("merge two changed copies of a sheet (git's merge driver)") },
    { "diff", cmd_diff, N_("what changed between two versions of a sheet, per field (git's diff driver)") },
    { "git-setup", cmd_gitsetup, N_("make a git repository merge and diff sheets with torikumi") },
};

static void usage(FILE *to)
{
    fprintf(to, _("usage: torikumi COMMAND [OPTION]... FILE...\n\ncommands:\n"));
    for (size_t i = 0; i < ARRAY_LEN(commands); i++)
        fprintf(to, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
    fprintf(to, _("\nRun 'torikumi COMMAND --help' for a command's options; "
                  "'man torikumi' for everything.\n"));
}

int main(int argc, char **argv)
{
    i18n_init(argv[0]);
    cmd_check_stdout_at_exit();
    if (argc < 2) {
        usage(stderr);
        return EXIT_TROUBLE;
    }
    if (str_eq(argv[1], "--help") || str_eq(argv[1], "-h") || str_eq(argv[1], "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (str_eq(argv[1], "--read-only"))
        return cmd_view(argc - 1, argv + 1);
    if (str_eq(argv[1], "--version")) {
        puts("torikumi " TORIKUMI_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < ARRAY_LEN(commands); i++)
        if (str_eq(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    /* `torikumi FILE` opens the editor. */
    if (argv[1][0] != '-' && (strchr(argv[1], '.') || strchr(argv[1], '/') ||
                              access(argv[1], F_OK) == 0))
        return cmd_edit(argc, argv);
    cmd_printf_sanitized(stderr, _("torikumi: unknown command '%s'\n"), argv[1]);
    usage(stderr);
    return EXIT_TROUBLE;
}
