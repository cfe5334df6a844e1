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
/* Print an error as "torikumi: FILE:LINE:COL: message" on stderr. */
struct error;
void cmd_print_error(const struct error *e);

#endif
