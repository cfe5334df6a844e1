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
int cmd_merge(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_gitsetup(int argc, char **argv);

/* --format html of export and summary (cmd_html.c): files loaded, rendered, written. */
#include <stddef.h>
struct form;
int cmd_export_html(char **files, size_t n, struct form *form, const char *out_path);
int cmd_summary_html(char **files, size_t n, struct form *form, const char *out_path);

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
 * A command-line number: decimal digits only, 0 to max.  Returns 0 with
 * *out set, or -1 after saying on stderr what was expected (a number too
 * big is named as given, never as what strtol saturated it to).
 */
int cmd_parse_count(const char *s, const char *what, long max, long *out);
/* At exit, report a failed write to standard output and exit 2 (main calls it once). */
void cmd_check_stdout_at_exit(void);
/*
 * cmd_sheets.c: load sheets read-only for view and summary, leaving out
 * (and naming on stderr, with their error) those that cannot be read or
 * parsed.  Returns the n sheets loaded; free with cmd_loaded_free().
 * stamps (NULL, or room for every path): each loaded sheet's file as it
 * was just before loading, in the order of the sheets returned.
 */
#include "util.h"
struct sheet;
struct cmd_loaded {
    size_t n;               /* sheets loaded */
    size_t skipped;         /* sheets left out */
    struct strbuf errors;   /* the first one's error, "FILE:LINE:COL: message" */
};
struct filestamp;
struct sheet **cmd_load_readable(char *const *paths, size_t n, struct form *form,
                                 struct filestamp *stamps, struct cmd_loaded *out);
void cmd_loaded_free(struct sheet **sheets, struct cmd_loaded *l);
/*
 * A year option (--year) as 西暦 or 和暦 (era.h), a fiscal year a sheet may
 * have.  Returns 0, or -1 after saying on stderr what was expected.
 */
int cmd_parse_year_option(const char *option, const char *arg, long *year);
/* Print an error as "torikumi: FILE:LINE:COL: message" on stderr, control characters escaped. */
struct error;
void cmd_print_error(const struct error *e);
/* The same as a warning ("FILE:LINE:COL: warning: message"). */
void cmd_print_warning(const struct error *w);
/* Print text and a newline with every control character escaped (file names, values). */
void cmd_print_sanitized(FILE *to, const char *text);
/*
 * printf, then the same: every message that names a file or quotes a value
 * goes out through this (a trailing newline of fmt is the line's own).
 */
#include "util.h"
void cmd_printf_sanitized(FILE *to, const char *fmt, ...) PRINTF_LIKE(2, 3);

#endif
