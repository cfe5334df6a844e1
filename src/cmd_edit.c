/*
 * cmd_edit.c - `torikumi [edit] [--previous LAST.rec] FILE`: open a sheet
 * in the editor (with last year's sheet to show beside it).
 * A file the user cannot write opens read-only, saying why.
 */
#include <errno.h>
#include <getopt.h> /* optind */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "filestamp.h"
#include "i18n.h"
#include "rules.h"
#include "sheet.h"
#include "ui.h"

static void edit_usage(FILE *to)
{
    fprintf(to, _("usage: torikumi [edit] [--form FORMFILE] FILE\n"
                  "Open a sheet in the editor (F1 inside lists every key).\n"));
    fprintf(to, "%s", _("  --previous LAST.rec  last year's sheet, shown beside the field with "
                        "Ctrl-P\n                       (instead of the one the sheet names as "
                        "Previous)\n"));
}

/* Returns -1 to go on, or the status to exit with. */
static int parse_edit_options(int argc, char **argv, struct form **form, const char **previous)
{
    static const struct option opts[] = {
        { "form", required_argument, NULL, 'f' },
        { "previous", required_argument, NULL, 'p' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, "f:p:h", opts, NULL)) != -1) {
        if (c == 'f') {
            form_free(*form);
            *form = cmd_load_form_option(optarg);
        } else if (c == 'p') {
            *previous = optarg;
        } else {
            edit_usage(c == 'h' ? stdout : stderr);
            return c == 'h' ? EXIT_OK : EXIT_TROUBLE;
        }
    }
    if (optind != argc - 1) {
        edit_usage(stderr);
        return EXIT_TROUBLE;
    }
    if (*previous && access(*previous, R_OK) < 0) {
        char *msg = xasprintf(_("torikumi: --previous %s: %s"), *previous, strerror(errno));
        cmd_print_sanitized(stderr, msg);
        free(msg);
        return EXIT_TROUBLE;
    }
    return -1;
}

/* True when nobody is meant to write it: no write bit at all (chmod a-w). */
static bool marked_read_only(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0;
}

/*
 * Why this file cannot be written, or NULL when it can.  access() alone is
 * not enough: root may write anything, but a file or directory someone made
 * read-only (mode 0444, 0555) still opens read-only, as vim does.
 */
static const char *why_read_only(const char *path)
{
    if (access(path, W_OK) < 0)
        return _("read-only: you cannot write this file");
    if (marked_read_only(path))
        return _("read-only: the file has no write permission (chmod u+w to edit it)");
    char *dir = path_follow_symlinks(path);   /* a save replaces the link's target */
    char *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    const char *d = slash ? dir : ".";
    bool dir_ok = access(d, W_OK) == 0 && !marked_read_only(d);
    free(dir);
    return dir_ok ? NULL : _("read-only: you cannot write the file's directory");
}

/*
 * Records the editor would not read: it would show fewer items than the
 * file has, and Ctrl-N would give a new item a number they already use
 * (a second `No: 1`).  Refused before the screen opens, saying so.
 */
static bool refuse_partial_sheet(const struct sheet *s)
{
    struct error e;
    if (rules_refuse_unread_records(s, &e) == 0)
        return false;
    cmd_print_error(&e);
    char *msg = xasprintf(_("torikumi: %s: not opened for editing: records it holds would not be "
                            "shown, and new items would take numbers they use; correct the "
                            "%%rec lines (with a text editor), then open it again"), s->path);
    cmd_print_sanitized(stderr, msg);
    free(msg);
    return true;
}

int cmd_edit(int argc, char **argv)
{
    struct form *form = NULL;
    const char *previous = NULL;
    int early = parse_edit_options(argc, argv, &form, &previous);
    if (early >= 0) {
        form_free(form);
        return early;
    }
    const char *path = argv[optind];
    struct error e;
    char *text;
    size_t len;
    struct filestamp stamp;
    struct sheet *s = NULL;
    if (filestamp_read(path, &text, &len, &stamp, &e) == 0) {
        s = sheet_parse(text, len, path, form, &e);
        free(text);
    }
    if (!s) {
        cmd_print_error(&e);
        form_free(form);
        return EXIT_TROUBLE;
    }
    if (refuse_partial_sheet(s)) {
        sheet_free(s);
        form_free(form);
        return EXIT_TROUBLE;
    }
    const char *why = why_read_only(path);
    struct ui_start start = { why != NULL, why, why ? NULL : &stamp, NULL, previous };
    int rc = ui_run(&s, 1, &start);
    sheet_free(s);
    form_free(form);
    return rc;
}
