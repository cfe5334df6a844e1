/*
 * cmd_merge.c - `torikumi merge [--form FORMFILE] BASE OURS THEIRS`:
 * a three-way merge of sheets by initiative and field (merge.h), written
 * over OURS, as git's merge driver wants (`torikumi merge %O %A %B`).
 * Exit 0 on a clean merge, 1 when conflicts are recorded in OURS (one
 * line each on standard error, as `torikumi check` names them), 2 when a
 * file cannot be read or parsed (then OURS is untouched).
 */
#include <getopt.h> /* optind */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "i18n.h"
#include "merge.h"
#include "save.h"

static void merge_usage(FILE *to)
{
    fprintf(to, _("usage: torikumi merge [--form FORMFILE] BASE OURS THEIRS\n"
                  "Merge the changes from BASE to THEIRS into OURS, by initiative and field.\n"
                  "Exit 0 when clean, 1 when conflicts are left in OURS, 2 on errors.\n"));
}

static size_t print_conflicts(const char *path, const struct sheet *s)
{
    struct merge_conflict *v;
    size_t n = merge_conflicts(s, &v);
    struct strbuf line = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        strbuf_reset(&line);
        strbuf_addf(&line, "%s:%ld: ", path, v[i].line);
        if (v[i].item >= 0)
            strbuf_addf(&line, "%s %ld: ", s->form->item_label,
                        item_number(s, &s->items[v[i].item]));
        else
            strbuf_addf(&line, "%s: ", s->form->sheet_type);
        strbuf_addf(&line, "%s: ", v[i].field ? v[i].field : MERGE_DELETED_FIELD);
        merge_conflict_describe(&v[i], &line);
        cmd_print_sanitized(stderr, line.buf);
    }
    strbuf_release(&line);
    merge_conflicts_free(v);
    return n;
}

static int read_three(char **argv, char *text[3], size_t len[3])
{
    for (int i = 0; i < 3; i++) {
        struct error e;
        if (read_file(argv[i], &text[i], &len[i], &e) < 0) {
            cmd_print_error(&e);
            for (int k = 0; k < i; k++)
                free(text[k]);
            return -1;
        }
    }
    return 0;
}

static int write_result(const char *path, const struct strbuf *out)
{
    struct error e;
    if (save_atomic(path, strbuf_cstr(out), out->len, &e) == SAVE_FAILED) {
        cmd_print_error(&e);
        return -1;
    }
    return 0;
}

/* The conflicts in the file just written, listed; -1 when it cannot be read back. */
static long report(const char *path, struct form *form)
{
    struct error e;
    struct sheet *s = sheet_load_readonly(path, form, &e);
    if (!s) {
        cmd_print_error(&e);
        return -1;
    }
    long n = (long)print_conflicts(path, s);
    sheet_free(s);
    return n;
}

int cmd_merge(int argc, char **argv)
{
    struct form *form;
    int early = cmd_parse_sheet_options(argc, argv, merge_usage, 3, 3, &form);
    if (early >= 0)
        return early;
    char **files = argv + optind;
    char *text[3];
    size_t len[3];
    if (read_three(files, text, len) < 0) {
        form_free(form);
        return EXIT_TROUBLE;
    }
    const char *const names[3] = { files[0], files[1], files[2] };
    struct error e;
    struct strbuf out = STRBUF_INIT;
    int rc = EXIT_TROUBLE;
    /* Parsed three times already: the result is written as it came, then read back cheaply. */
    if (merge_texts_to(text[0], len[0], text[1], len[1], text[2], len[2], names, form, NULL,
                       &out, &e) < 0)
        cmd_print_error(&e);
    else if (write_result(files[1], &out) == 0) {
        long n = report(files[1], form);
        rc = n < 0 ? EXIT_TROUBLE : n > 0 ? EXIT_PROBLEMS : EXIT_OK;
    }
    strbuf_release(&out);
    for (int i = 0; i < 3; i++)
        free(text[i]);
    form_free(form);
    return rc;
}
