/*
 * fuzz_journal.c - libFuzzer target for the journal reader.
 *
 * Whatever the bytes, journal_parse neither crashes nor leaks.  What it
 * accepts is exactly what the writer would have written: formatting the
 * log again gives the input minus the torn tail, byte for byte, and that
 * parses to the same log with nothing torn.  Applying the changes to a
 * small sheet never crashes (bad entries are refused with an error).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct form *form;

static void check_same(const struct journal_log *a, const struct journal_log *b)
{
    if (a->n_changes != b->n_changes)
        abort();
    for (size_t i = 0; i < a->n_changes; i++) {
        const struct journal_change *x = &a->changes[i], *y = &b->changes[i];
        if (x->op != y->op || x->item != y->item || x->number != y->number ||
            !str_eq(x->key ? x->key : "", y->key ? y->key : "") ||
            !mem_eq(x->value ? x->value : "", x->value_len, y->value ? y->value : "", y->value_len))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!form)
        form = form_builtin();
    const char *text = (const char *)data;
    struct journal_log log;
    struct error e;
    int rc = journal_parse(text, size, "fuzz", &log, &e);
    if (rc < 0) {
        if (log.bad_offset < 0 || (size_t)log.bad_offset >= size || e.offset < log.bad_offset) {
            fprintf(stderr, "error without a sensible offset: %s\n", e.msg);
            abort();
        }
    } else if (log.header.sheet_path) {
        struct strbuf out = STRBUF_INIT;
        journal_format(&log, &out);
        if (!mem_eq(strbuf_cstr(&out), out.len, text, size - log.torn_bytes)) {
            fprintf(stderr, "accepted bytes are not what the writer writes\n");
            abort();
        }
        struct journal_log again;
        if (journal_parse(strbuf_cstr(&out), out.len, "fuzz-2", &again, &e) < 0 ||
            again.torn_bytes != 0)
            abort();
        check_same(&log, &again);
        journal_log_free(&again);
        strbuf_release(&out);
    }
    struct sheet *s = sheet_new(form, "区", 2017, NULL);
    for (int i = 1; i <= 2; i++)
        item_set(s, sheet_add_item(s), form->key_field, i == 1 ? "1" : "2", 1);
    journal_apply(s, &log, &e);
    struct strbuf w = STRBUF_INIT;
    sheet_write(s, &w);
    strbuf_release(&w);
    sheet_free(s);
    journal_log_free(&log);
    return 0;
}
