/*
 * fuzz_merge.c - libFuzzer target for the three-way merge (merge.h).
 *
 * The input is three sheets separated by NUL bytes (a sheet cannot hold
 * one): base, ours, theirs; a missing part is base again.  When all three
 * parse (with their item descriptor): the merge never fails; its text parses again with the same
 * conflicts; merging with both sides the same gives that side byte for
 * byte; swapping ours and theirs leaves as many conflicts; resolving
 * every conflict leaves a sheet without Merge_ fields that parses.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[3] = { "base", "ours", "theirs" };

static struct sheet *merge(const char *p[3], const size_t n[3], int a, int b, int c,
                           struct merge_stats *st)
{
    struct error e;
    return merge_texts(p[a], n[a], p[b], n[b], p[c], n[c], names, NULL, st, &e);
}

static size_t conflicts_of(const struct sheet *s)
{
    struct merge_conflict *v;
    size_t n = merge_conflicts(s, &v);
    merge_conflicts_free(v);
    return n;
}

static void check_reparse(const struct sheet *m)
{
    struct strbuf out = STRBUF_INIT;
    sheet_write(m, &out);
    struct error e;
    struct sheet *back = sheet_parse(strbuf_cstr(&out), out.len, "merged", NULL, &e);
    if (!back || conflicts_of(back) != conflicts_of(m)) {
        fprintf(stderr, "the merged sheet does not parse back the same: %s\n", back ? "" : e.msg);
        abort();
    }
    sheet_free(back);
    strbuf_release(&out);
}

static void check_resolve_all(struct sheet *m)
{
    struct merge_conflict *v;
    size_t n, rounds = 0;
    while ((n = merge_conflicts(m, &v)) > 0) {
        merge_resolve(m, &v[0], rounds % 2 ? MERGE_TAKE_OURS : MERGE_TAKE_THEIRS, NULL);
        merge_conflicts_free(v);
        if (++rounds > 100000)
            abort();
    }
    merge_conflicts_free(v);
    check_reparse(m);
}

static void check_same_sides(const char *p[3], const size_t n[3])
{
    struct sheet *m = merge(p, n, 0, 1, 1, NULL);
    struct strbuf out = STRBUF_INIT;
    sheet_write(m, &out);
    if (!mem_eq(out.buf, out.len, p[1], n[1])) {
        fprintf(stderr, "merge(B, X, X) is not X\n");
        abort();
    }
    strbuf_release(&out);
    sheet_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p[3];
    size_t n[3];
    const char *s = (const char *)data, *end = s + size;
    for (int i = 0; i < 3; i++) {
        const char *z = s < end ? memchr(s, '\0', (size_t)(end - s)) : NULL;
        p[i] = i == 0 || s < end ? s : p[0];
        n[i] = i == 0 || s < end ? (size_t)((z ? z : end) - s) : n[0];
        s = z ? z + 1 : end;
    }
    struct error e;
    for (int i = 0; i < 3; i++) {
        struct sheet *one = sheet_parse(p[i], n[i], names[i], NULL, &e);
        if (!one)
            return 0;
        /* Without its %rec descriptor a sheet has no items: nothing to match. */
        bool comparable = str_eq(one->form->id, "kaikaku-2.0") && one->descriptor_line;
        sheet_free(one);
        if (!comparable)
            return 0;
    }
    struct merge_stats st;
    struct sheet *m = merge(p, n, 0, 1, 2, &st);
    struct sheet *w = merge(p, n, 0, 2, 1, NULL);
    if (!m || !w) {
        fprintf(stderr, "three sheets that parse do not merge\n");
        abort();
    }
    if (conflicts_of(m) != conflicts_of(w)) {
        fprintf(stderr, "swapping ours and theirs changes the conflicts: %zu vs %zu\n",
                conflicts_of(m), conflicts_of(w));
        abort();
    }
    check_reparse(m);
    check_same_sides(p, n);
    check_resolve_all(m);
    sheet_free(m);
    sheet_free(w);
    return 0;
}
