/*
 * saver.c - the smallest program that saves a sheet the way the editor
 * does: load it, change one field of its first item, save_atomic.  The
 * crash harness (tests/cli/40-crash-save.sh) runs it under shim.so.
 *
 *   saver SHEET FIELD VALUE     change and save; "saved" on stdout, exit 0;
 *                               "NOT saved: ..." on stderr, exit 1;
 *                               "saved, not confirmed ..." on stderr, exit 2
 *   saver --clean SHEET         remove leftover save temps (any age), print how many
 *
 * VALUE "@FILE" takes the value from FILE (for big values).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "save.h"
#include "sheet.h"
#include "sidefile.h"

static void say(int fd, const char *s)
{
    /* write(2) itself, so the shim sees when success is reported. */
    if (write(fd, s, strlen(s)) < 0)
        exit(4);
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--clean")) {
        printf("%d\n", sidefile_clean_temps(argv[2], 0));
        return 0;
    }
    if (argc != 4) {
        fprintf(stderr, "usage: saver SHEET FIELD VALUE | saver --clean SHEET\n");
        return 4;
    }
    struct error e;
    struct sheet *s = sheet_load(argv[1], NULL, &e);
    if (!s) {
        fprintf(stderr, "saver: %s: %s\n", argv[1], e.msg);
        return 4;
    }
    char *value = NULL;
    size_t len;
    if (argv[3][0] == '@') {
        if (read_file(argv[3] + 1, &value, &len, &e) < 0) {
            fprintf(stderr, "saver: %s\n", e.msg);
            return 4;
        }
    } else {
        value = strdup(argv[3]);
        len = strlen(value);
    }
    if (s->n_items == 0)
        item_set(s, sheet_add_item(s), s->form->key_field, "1", 1);
    item_set_key(s, &s->items[0], argv[2], value, len);
    free(value);
    struct strbuf out = STRBUF_INIT;
    sheet_write(s, &out);
    enum save_result rc = save_atomic(argv[1], out.buf, out.len, &e);
    strbuf_release(&out);
    sheet_free(s);
    if (rc == SAVE_FAILED) {
        say(2, "NOT saved: ");
        say(2, e.msg);
        say(2, "\n");
        return 1;
    }
    if (rc == SAVE_UNCONFIRMED) {
        say(2, e.msg);
        say(2, "\n");
        return 2;
    }
    say(1, "saved\n");
    return 0;
}
