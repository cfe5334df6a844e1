/*
 * cmd_util.c - what several commands share: error printing, --form.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "form.h"
#include "util.h"

void cmd_print_error(const struct error *e)
{
    struct strbuf sb = STRBUF_INIT;
    error_format(e, &sb);
    fprintf(stderr, "torikumi: %s\n", sb.buf);
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
