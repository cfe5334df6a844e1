/*
 * fuzz_sheet.c - libFuzzer target for sheet_parse and sheet_write.
 *
 * The round-trip promise (docs/format.md): a sheet that parses is
 * written back byte for byte as it was read, and what is written parses
 * again to the same bytes.  A value set through item_set reads back the
 * same after write and parse (rec_format_field writes any value so that
 * it reads the same), and an item added at the end is there after write
 * and parse.
 *
 * Once a bug (reproducers corpus/sheet/bug-eof-backslash-*): an input whose
 * last line ended in a backslash swallowed what was written after it;
 * rec_write now writes such an entry afresh when anything follows it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct form *form;

static void check_add_item(const char *text, size_t len)
{
    struct sheet *s = sheet_parse(text, len, "fuzz", form, &(struct error){ 0 });
    if (!s)
        abort();
    if (!s->descriptor_line) {
        /* No %rec for items: a record added at the end belongs to no item set. */
        sheet_free(s);
        return;
    }
    size_t n = s->n_items;
    struct item *it = sheet_add_item(s);
    item_set(s, it, form->key_field, "987654", 6);
    struct strbuf out = STRBUF_INIT;
    sheet_write(s, &out);
    struct error e;
    struct sheet *back = sheet_parse(strbuf_cstr(&out), out.len, "fuzz-add", form, &e);
    if (!back) {
        fprintf(stderr, "a sheet with an added item does not parse back: %s\n", e.msg);
        abort();
    }
    if (back->n_items != n + 1 || item_number(back, &back->items[n]) != 987654) {
        fprintf(stderr, "the added item is not there after write and parse (%zu items, %zu before)\n",
                back->n_items, n);
        abort();
    }
    sheet_free(back);
    strbuf_release(&out);
    sheet_free(s);
}

static void check_set_reads_back(const struct sheet *s1, const char *text, size_t len)
{
    /* Copy some value of the last item into the first item's title. */
    struct sheet *s = sheet_parse(text, len, "fuzz", form, &(struct error){ 0 });
    if (!s || s->n_items == 0 || form->title_field < 0) {
        sheet_free(s);
        return;
    }
    const struct rec_record *last = s1->items[s1->n_items - 1].rec;
    if (last->n_entries == 0) {
        sheet_free(s);
        return;
    }
    const struct rec_entry *src = &last->entries[last->n_entries - 1];
    if (!src->name || src->value_len == 0 || memchr(src->value, '\0', src->value_len)) {
        sheet_free(s);
        return;
    }
    item_set(s, &s->items[0], form->title_field, src->value, src->value_len);
    struct strbuf out = STRBUF_INIT;
    sheet_write(s, &out);
    struct error e;
    struct sheet *back = sheet_parse(strbuf_cstr(&out), out.len, "fuzz-set", form, &e);
    if (!back) {
        fprintf(stderr, "value set by item_set does not parse back: %s\n", e.msg);
        abort();
    }
    const char *v = item_get(back, &back->items[0], form->title_field);
    if (!v || strlen(v) != src->value_len || memcmp(v, src->value, src->value_len) != 0) {
        fprintf(stderr, "value set by item_set reads back differently\n");
        abort();
    }
    sheet_free(back);
    strbuf_release(&out);
    sheet_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!form)
        form = form_builtin();
    struct error e;
    struct sheet *s = sheet_parse((const char *)data, size, "fuzz", form, &e);
    if (!s)
        return 0;
    struct strbuf w1 = STRBUF_INIT, w2 = STRBUF_INIT;
    sheet_write(s, &w1);
    if (!mem_eq(strbuf_cstr(&w1), w1.len, (const char *)data, size)) {
        fprintf(stderr, "round trip: written bytes differ from the input\n");
        abort();
    }
    struct sheet *s2 = sheet_parse(strbuf_cstr(&w1), w1.len, "fuzz-2", form, &e);
    if (!s2) {
        fprintf(stderr, "round trip: the written sheet does not parse: %s\n", e.msg);
        abort();
    }
    sheet_write(s2, &w2);
    if (!mem_eq(strbuf_cstr(&w2), w2.len, strbuf_cstr(&w1), w1.len)) {
        fprintf(stderr, "round trip: second write differs from the first\n");
        abort();
    }
    check_set_reads_back(s, (const char *)data, size);
    check_add_item((const char *)data, size);
    sheet_free(s2);
    sheet_free(s);
    strbuf_release(&w1);
    strbuf_release(&w2);
    return 0;
}
