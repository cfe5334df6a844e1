/*
 * fuzz_sheet_readonly.c - libFuzzer target: the read-only load (used by
 * check, view and summary) must read exactly what the lossless load reads.
 *
 * rec_parse_take_readonly decodes values and field names in place, in the
 * buffer it reads from.  Whatever the bytes, it must accept and refuse the
 * same inputs as rec_parse (with the same error position and message), and
 * give the same records: the same entries, names, values and lines.  Then
 * the rules, run on sheets bound from both, must report the same problems.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "recfile.h"
#include "rules.h"
#include "sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct form *form;

static void fail(const char *what, size_t block, size_t entry)
{
    fprintf(stderr, "read-only load differs: %s (block %zu, entry %zu)\n", what, block, entry);
    abort();
}

static void compare_records(const struct rec_record *a, const struct rec_record *b, size_t blk)
{
    if (a->n_entries != b->n_entries)
        fail("number of entries", blk, 0);
    if (a->line != b->line || a->is_descriptor != b->is_descriptor)
        fail("record line or descriptor flag", blk, 0);
    if ((a->type == NULL) != (b->type == NULL) || (a->type && strcmp(a->type, b->type) != 0))
        fail("record type", blk, 0);
    for (size_t i = 0; i < a->n_entries; i++) {
        const struct rec_entry *x = &a->entries[i], *y = &b->entries[i];
        if ((x->name == NULL) != (y->name == NULL) || (x->name && strcmp(x->name, y->name) != 0))
            fail("field name", blk, i);
        if (x->line != y->line)
            fail("entry line", blk, i);
        /* Comment lines keep their text in both loads; values must match byte for byte. */
        if (x->value_len != y->value_len || memcmp(x->value, y->value, x->value_len) != 0)
            fail("value", blk, i);
        if (y->value[y->value_len] != '\0')
            fail("value not NUL-terminated", blk, i);
    }
}

static void compare_docs(const struct rec_doc *a, const struct rec_doc *b)
{
    size_t ra = 0, rb = 0;
    for (size_t i = 0; i < a->n_blocks; i++)
        ra += a->blocks[i].kind == REC_BLOCK_RECORD;
    for (size_t i = 0; i < b->n_blocks; i++)
        rb += b->blocks[i].kind == REC_BLOCK_RECORD;
    if (ra != rb)
        fail("number of records", 0, 0);
    size_t j = 0;
    for (size_t i = 0; i < a->n_blocks; i++) {
        if (a->blocks[i].kind != REC_BLOCK_RECORD)
            continue;
        while (b->blocks[j].kind != REC_BLOCK_RECORD)
            j++;
        compare_records(a->blocks[i].record, b->blocks[j].record, i);
        j++;
    }
}

static void format_problems(const struct sheet *s, struct strbuf *out)
{
    struct problem_list pl = { 0 };
    rules_check_all(s, &pl);
    for (size_t i = 0; i < pl.n; i++) {
        const struct problem *p = &pl.v[i];
        strbuf_addf(out, "%d %d %ld %d %s %ld %ld %ld %d %d [%s]\n", (int)p->code,
                    (int)p->severity, p->item, p->field, p->name ? p->name : "-", p->line,
                    p->num, p->num2, p->cond, p->stage, p->detail);
    }
    problems_free(&pl);
}

/* The same sheet bound from both loads gives the same problems. */
static void compare_rules(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/fuzz-readonly-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return;
    FILE *f = fdopen(fd, "wb");
    if (!f || fwrite(data, 1, size, f) != size) {
        if (f)
            fclose(f);
        unlink(path);
        return;
    }
    fclose(f);
    struct error e1, e2;
    struct sheet *s1 = sheet_load(path, form, &e1);
    struct sheet *s2 = sheet_load_readonly(path, form, &e2);
    unlink(path);
    if ((s1 == NULL) != (s2 == NULL))
        fail("sheet_load and sheet_load_readonly disagree on accepting the file", 0, 0);
    if (!s1) {
        if (e1.line != e2.line || e1.column != e2.column || strcmp(e1.msg, e2.msg) != 0)
            fail("sheet errors", 0, 0);
        return;
    }
    struct strbuf p1 = STRBUF_INIT, p2 = STRBUF_INIT;
    format_problems(s1, &p1);
    format_problems(s2, &p2);
    if (p1.len != p2.len || memcmp(strbuf_cstr(&p1), strbuf_cstr(&p2), p1.len) != 0) {
        fprintf(stderr, "lossless:\n%s\nread-only:\n%s\n", strbuf_cstr(&p1), strbuf_cstr(&p2));
        fail("rules problems", 0, 0);
    }
    strbuf_release(&p1);
    strbuf_release(&p2);
    sheet_free(s1);
    sheet_free(s2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!form)
        form = form_builtin();
    struct error e1, e2;
    struct rec_doc *a = rec_parse((const char *)data, size, "fuzz", &e1);
    char *copy = malloc(size + 1);
    if (!copy)
        abort();
    memcpy(copy, data, size);
    copy[size] = '\0';
    struct rec_doc *b = rec_parse_take_readonly(copy, size, "fuzz", &e2);
    if ((a == NULL) != (b == NULL))
        fail("one load accepts what the other refuses", 0, 0);
    if (!a) {
        if (e1.line != e2.line || e1.column != e2.column || strcmp(e1.msg, e2.msg) != 0) {
            fprintf(stderr, "lossless: %ld:%ld %s\nread-only: %ld:%ld %s\n", e1.line, e1.column,
                    e1.msg, e2.line, e2.column, e2.msg);
            fail("error position or message", 0, 0);
        }
        return 0;
    }
    compare_docs(a, b);
    rec_doc_free(a);
    rec_doc_free(b);
    compare_rules(data, size);
    return 0;
}
