/*
 * cmd.h - the subcommands.  Each lives in its own cmd_NAME.c and is one
 * entry in the table in main.c.  A command gets argv with argv[0] set to
 * its own name and returns the process exit status.
 */
#ifndef TORIKUMI_CMD_H
#define TORIKUMI_CMD_H

int cmd_check(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_edit(int argc, char **argv);
int cmd_view(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_summary(int argc, char **argv);

/* Exit statuses shared by the commands. */
enum {
    EXIT_OK = 0,
    EXIT_PROBLEMS = 1,     /* the input has problems */
    EXIT_TROUBLE = 2,      /* usage, unreadable or unparsable input, I/O */
};

/* Load a form file given with --form, or exit 2 with the error. */
struct form;
struct form *cmd_load_form_option(const char *path);
/*
 * The options of the commands that take only sheets (check, edit, view):
 * --form FORMFILE and --help, then at least min_files files (at most
 * max_files; 0 means no limit).  Leaves optind at the first file and *form
 * set (NULL: each sheet's own form).  Returns -1 to go on, or the status to
 * exit with at once: 0 after --help, 2 after printing usage on stderr.
 */
#include <stdio.h>
int cmd_parse_sheet_options(int argc, char **argv, void (*usage)(FILE *to),
                            int min_files, int max_files, struct form **form);
/*
 * A year option (--year) as 西暦 or 和暦 (era.h), a fiscal year a sheet may
 * have.  Returns 0, or -1 after saying on stderr what was expected.
 */
int cmd_parse_year_option(const char *option, const char *arg, long *year);
/* Print an error as "torikumi: FILE:LINE:COL: message" on stderr. */
struct error;
void cmd_print_error(const struct error *e);

#endif
