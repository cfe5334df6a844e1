/*
 * merge_impl.h - what merge.c and merge_record.c share; not for others.
 */
#ifndef TORIKUMI_MERGE_IMPL_H
#define TORIKUMI_MERGE_IMPL_H

#include "merge.h"

/* The occurrences of one field name: values joined by NUL; n == 0 when absent or empty. */
struct mvals {
    struct strbuf sb;
    size_t n;
};

struct merge_ctx {
    const struct form *form;
    const char *key_name;        /* the item number field (No) */
    const char *stamp_name;      /* the stamp field (Updated), or NULL */
    bool swapped;                /* built on theirs: internal ours is the real theirs */
    struct merge_stats st;
    struct mvals vb, vo, vt;
    struct strbuf tmp1, tmp2;
    const char **names;
    size_t n_names, cap_names;
};

static inline enum merge_side merge_real_side(const struct merge_ctx *m, enum merge_side internal)
{
    return m->swapped ? (enum merge_side)(1 - internal) : internal;
}

void mvals_get(const struct rec_record *r, const char *name, struct mvals *out);
bool mvals_eq(const struct mvals *a, const struct mvals *b);
bool record_equal(struct merge_ctx *m, const struct rec_record *a, const struct rec_record *b);
void record_identity(const struct merge_ctx *m, const struct rec_record *r, struct strbuf *out);
size_t record_set_values(const struct form *f, struct rec_record *r, const char *name,
                         const struct mvals *v);
/* Merge rb -> rt's changes into ro, field by field (rb, rt may be NULL: empty). */
void merge_record(struct merge_ctx *m, const struct rec_record *rb, struct rec_record *ro,
                  const struct rec_record *rt);

#endif
