/*
 * merge.c - three-way merge of whole sheets: matching items across the
 * three versions, and laying out the merged file (merge.h says what a
 * merge promises).  Fields are merged in merge_record.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "merge_impl.h"

/* One version of the sheet with what is known about its items. */
struct version {
    struct sheet *s;
    struct sheet_numbered *by_no;
    size_t n_by_no;
    long *of_base;      /* (ours, theirs) base item -> this version's item, or -1 */
    bool *used;         /* this version's item is matched */
};

static void version_init(struct version *v, struct sheet *s, size_t n_base)
{
    v->s = s;
    v->by_no = sheet_index_by_number(s, &v->n_by_no);
    v->of_base = xmalloc((n_base + 1) * sizeof(long));
    for (size_t i = 0; i < n_base; i++)
        v->of_base[i] = -1;
    v->used = xcalloc(s->n_items + 1, sizeof(bool));
}

static void version_free(struct version *v)
{
    free(v->by_no);
    free(v->of_base);
    free(v->used);
}

static void match_by_number(struct version *base, struct version *v)
{
    for (size_t bi = 0; bi < base->s->n_items; bi++) {
        long no = item_number(base->s, &base->s->items[bi]);
        long i = no >= 0 ? sheet_number_lookup(v->by_no, v->n_by_no, no) : -1;
        if (i >= 0 && !v->used[i]) {
            v->of_base[bi] = i;
            v->used[i] = true;
        }
    }
}

static uint64_t hash_bytes(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 1099511628211ULL;
    return h;
}

struct hashidx {
    uint64_t h;
    size_t idx;
};

static int cmp_hashidx(const void *a, const void *b)
{
    const struct hashidx *x = a, *y = b;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/*
 * An item renumbered on one side: its base number is gone there, and an
 * item with a number base never had holds the same content (number and
 * stamp aside).  Such pairs are the same item.
 */
static void match_renumbered(struct merge_ctx *m, struct version *base, struct version *v,
                             const struct sheet_numbered *base_by_no, size_t n_base_by_no)
{
    struct hashidx *cand = xmalloc((v->s->n_items + 1) * sizeof(*cand));
    size_t n = 0;
    for (size_t i = 0; i < v->s->n_items; i++) {
        long no = item_number(v->s, &v->s->items[i]);
        if (v->used[i] || no < 0 || sheet_number_lookup(base_by_no, n_base_by_no, no) >= 0)
            continue;
        record_identity(m, v->s->items[i].rec, &m->tmp1);
        cand[n++] = (struct hashidx){ hash_bytes(m->tmp1.buf, m->tmp1.len), i };
    }
    qsort(cand, n, sizeof(*cand), cmp_hashidx);
    struct strbuf id = STRBUF_INIT;
    for (size_t bi = 0; n && bi < base->s->n_items; bi++) {
        if (v->of_base[bi] >= 0)
            continue;
        record_identity(m, base->s->items[bi].rec, &id);
        uint64_t h = hash_bytes(id.buf, id.len);
        for (size_t k = 0; k < n; k++) {
            if (cand[k].h != h || v->used[cand[k].idx])
                continue;
            record_identity(m, v->s->items[cand[k].idx].rec, &m->tmp1);
            if (mem_eq(id.buf, id.len, m->tmp1.buf, m->tmp1.len)) {
                v->of_base[bi] = (long)cand[k].idx;
                v->used[cand[k].idx] = true;
                break;
            }
        }
    }
    strbuf_release(&id);
    free(cand);
}

/* ---- deciding each item ------------------------------------------------ */

struct plan {
    struct rec_record **result;  /* per ours item: what goes in its place, NULL = deleted */
    long *anchor;                /* per theirs item to insert: ours item it follows, -1 = first */
    bool *insert;                /* per theirs item: goes into the result */
    long *ours_of_theirs;        /* per theirs item: the ours item it merged into, or -1 */
};

static const char *side_name(const struct merge_ctx *m, enum merge_side internal)
{
    return merge_real_side(m, internal) == MERGE_SIDE_OURS ? "ours" : "theirs";
}

static void mark_deleted_by(struct merge_ctx *m, struct rec_record *r, enum merge_side internal)
{
    const char *who = side_name(m, internal);
    rec_insert(r, r->n_entries, MERGE_DELETED_FIELD, who, strlen(who));
    m->st.conflicts++;
}

/* Both sides have the item: merge fields; a record only theirs changed is taken whole. */
static void merge_pair(struct merge_ctx *m, const struct rec_record *rb, struct rec_record *ro,
                       struct rec_record *rt, struct rec_record **result)
{
    if (record_equal(m, ro, rt))
        return;
    bool ours_same = rb && record_equal(m, rb, ro);
    merge_record(m, rb, ro, rt);
    if (ours_same)
        *result = rt;   /* theirs' bytes, comments and order */
}

static void plan_base_items(struct merge_ctx *m, struct version *b, struct version *o,
                            struct version *t, struct plan *p)
{
    for (size_t bi = 0; bi < b->s->n_items; bi++) {
        long oi = o->of_base[bi], ti = t->of_base[bi];
        struct rec_record *rb = b->s->items[bi].rec;
        if (oi >= 0 && ti >= 0) {
            merge_pair(m, rb, o->s->items[oi].rec, t->s->items[ti].rec, &p->result[oi]);
            p->ours_of_theirs[ti] = oi;
        } else if (oi >= 0) {
            if (record_equal(m, rb, o->s->items[oi].rec)) {
                p->result[oi] = NULL;
                m->st.deleted[merge_real_side(m, MERGE_SIDE_THEIRS)]++;
            } else
                mark_deleted_by(m, o->s->items[oi].rec, MERGE_SIDE_THEIRS);
        } else if (ti >= 0) {
            if (record_equal(m, rb, t->s->items[ti].rec))
                m->st.deleted[merge_real_side(m, MERGE_SIDE_OURS)]++;
            else {
                mark_deleted_by(m, t->s->items[ti].rec, MERGE_SIDE_OURS);
                p->insert[ti] = true;
            }
        }
    }
}

/* Items base lacks: added on one side, or on both with the same number (merged from empty). */
static void plan_added_items(struct merge_ctx *m, struct version *o, struct version *t,
                             struct plan *p)
{
    for (size_t oi = 0; oi < o->s->n_items; oi++) {
        if (o->used[oi])
            continue;
        long no = item_number(o->s, &o->s->items[oi]);
        long ti = no >= 0 ? sheet_number_lookup(t->by_no, t->n_by_no, no) : -1;
        if (ti >= 0 && !t->used[ti]) {
            t->used[ti] = true;
            merge_pair(m, NULL, o->s->items[oi].rec, t->s->items[ti].rec, &p->result[oi]);
            p->ours_of_theirs[ti] = (long)oi;
        } else
            m->st.added[merge_real_side(m, MERGE_SIDE_OURS)]++;
    }
    for (size_t ti = 0; ti < t->s->n_items; ti++)
        if (!t->used[ti]) {
            p->insert[ti] = true;
            m->st.added[merge_real_side(m, MERGE_SIDE_THEIRS)]++;
        }
    /* An item theirs inserts follows the item before it on theirs' side. */
    long last = -1;
    for (size_t ti = 0; ti < t->s->n_items; ti++) {
        if (p->insert[ti])
            p->anchor[ti] = last;
        else if (p->ours_of_theirs[ti] >= 0)
            last = p->ours_of_theirs[ti];
    }
}

/* ---- laying out the merged file ---------------------------------------- */

static char blank_line[] = "\n";

static void push_block(struct rec_doc *d, enum rec_block_kind kind, struct rec_record *r)
{
    xgrow((void **)&d->blocks, &d->cap_blocks, d->n_blocks + 1, sizeof(*d->blocks));
    d->blocks[d->n_blocks++] = kind == REC_BLOCK_TEXT
                                   ? (struct rec_block){ REC_BLOCK_TEXT, blank_line, 1, NULL }
                                   : (struct rec_block){ REC_BLOCK_RECORD, NULL, 0, r };
}

static void push_inserts(struct rec_doc *d, const struct version *t, const struct plan *p,
                         long anchor)
{
    for (size_t ti = 0; ti < t->s->n_items; ti++)
        if (p->insert[ti] && p->anchor[ti] == anchor) {
            push_block(d, REC_BLOCK_TEXT, NULL);
            push_block(d, REC_BLOCK_RECORD, t->s->items[ti].rec);
        }
}

static bool is_item_descriptor(const struct sheet *s, const struct rec_record *r)
{
    return r->is_descriptor && r->type && str_eq(r->type, s->form->record_type);
}

/* Drop the blank line that separated a deleted record from the one before. */
static void pop_separator(struct rec_doc *d)
{
    if (d->n_blocks && d->blocks[d->n_blocks - 1].kind == REC_BLOCK_TEXT &&
        mem_eq(d->blocks[d->n_blocks - 1].text, d->blocks[d->n_blocks - 1].text_len, "\n", 1))
        d->n_blocks--;
}

/*
 * The merged document: ours' blocks with each item replaced as planned,
 * theirs' new items after their anchors.  It borrows records from both
 * versions (only blocks are its own), so it is written, never freed.
 */
static void lay_out(const struct version *o, const struct version *t, const struct plan *p,
                    struct rec_record *header, struct rec_doc *d)
{
    const struct rec_doc *src = o->s->doc;
    size_t k = 0;
    bool head_done = false;
    bool head_inserts_exist = false;
    for (size_t ti = 0; ti < t->s->n_items; ti++)
        head_inserts_exist |= p->insert[ti] && p->anchor[ti] == -1;
    for (size_t b = 0; b < src->n_blocks; b++) {
        const struct rec_block *blk = &src->blocks[b];
        if (blk->kind == REC_BLOCK_TEXT) {
            xgrow((void **)&d->blocks, &d->cap_blocks, d->n_blocks + 1, sizeof(*d->blocks));
            d->blocks[d->n_blocks++] = *blk;
            continue;
        }
        struct rec_record *r = blk->record;
        if (k < o->s->n_items && r == o->s->items[k].rec) {
            long oi = (long)k++;
            if (!head_done && head_inserts_exist) {
                push_inserts(d, t, p, -1);
                push_block(d, REC_BLOCK_TEXT, NULL);
                head_done = true;
            }
            if (p->result[oi])
                push_block(d, REC_BLOCK_RECORD, p->result[oi]);
            else
                pop_separator(d);
            push_inserts(d, t, p, oi);
            continue;
        }
        push_block(d, REC_BLOCK_RECORD, r == o->s->header && header ? header : r);
        if (is_item_descriptor(o->s, r) && !head_done) {
            push_inserts(d, t, p, -1);
            head_done = true;
        }
    }
    if (!head_done)
        push_inserts(d, t, p, -1);
}

/* ---- the merge --------------------------------------------------------- */

/* Everything but the data records: text between records and descriptors. */
static void skeleton(const struct sheet *s, struct strbuf *out)
{
    strbuf_reset(out);
    for (size_t b = 0; b < s->doc->n_blocks; b++) {
        const struct rec_block *blk = &s->doc->blocks[b];
        if (blk->kind == REC_BLOCK_TEXT)
            strbuf_add(out, blk->text, blk->text_len);
        else if (blk->record->is_descriptor) {
            struct rec_doc one = { (struct rec_block *)blk, 1, 1 };
            rec_write(&one, out);
        }
    }
}

/* Build on theirs when only theirs changed the skeleton, so its comments survive. */
static bool build_on_theirs(const struct sheet *b, const struct sheet *o, const struct sheet *t)
{
    struct strbuf sb = STRBUF_INIT, so = STRBUF_INIT, st = STRBUF_INIT;
    skeleton(b, &sb);
    skeleton(o, &so);
    skeleton(t, &st);
    bool r = mem_eq(sb.buf, sb.len, so.buf, so.len) && !mem_eq(sb.buf, sb.len, st.buf, st.len);
    strbuf_release(&sb);
    strbuf_release(&so);
    strbuf_release(&st);
    return r;
}

static struct rec_record *merge_header(struct merge_ctx *m, const struct sheet *b,
                                       struct sheet *o, struct sheet *t)
{
    struct rec_record *result = o->header;
    if (o->header && t->header)
        merge_pair(m, b->header, o->header, t->header, &result);
    return result;
}

static void ctx_init(struct merge_ctx *m, const struct form *f, bool swapped)
{
    memset(m, 0, sizeof(*m));
    m->form = f;
    m->key_name = f->fields[f->key_field].key;
    m->stamp_name = f->stamp_field >= 0 ? f->fields[f->stamp_field].key : NULL;
    m->swapped = swapped;
}

static void ctx_free(struct merge_ctx *m)
{
    strbuf_release(&m->vb.sb);
    strbuf_release(&m->vo.sb);
    strbuf_release(&m->vt.sb);
    strbuf_release(&m->tmp1);
    strbuf_release(&m->tmp2);
    free(m->names);
}

/* Merge parsed versions into out (the merged text). */
static void merge_versions(struct merge_ctx *m, struct sheet *bs, struct sheet *os,
                           struct sheet *ts, struct strbuf *out)
{
    struct version b, o, t;
    version_init(&b, bs, 0);
    version_init(&o, os, bs->n_items);
    version_init(&t, ts, bs->n_items);
    match_by_number(&b, &o);
    match_by_number(&b, &t);
    match_renumbered(m, &b, &o, b.by_no, b.n_by_no);
    match_renumbered(m, &b, &t, b.by_no, b.n_by_no);
    struct plan p;
    p.result = xmalloc((os->n_items + 1) * sizeof(*p.result));
    for (size_t i = 0; i < os->n_items; i++)
        p.result[i] = os->items[i].rec;
    p.anchor = xmalloc((ts->n_items + 1) * sizeof(long));
    p.insert = xcalloc(ts->n_items + 1, sizeof(bool));
    p.ours_of_theirs = xmalloc((ts->n_items + 1) * sizeof(long));
    for (size_t i = 0; i < ts->n_items; i++)
        p.anchor[i] = p.ours_of_theirs[i] = -1;
    struct rec_record *header = merge_header(m, bs, os, ts);
    plan_base_items(m, &b, &o, &t, &p);
    plan_added_items(m, &o, &t, &p);
    struct rec_doc d = { NULL, 0, 0 };
    lay_out(&o, &t, &p, header, &d);
    rec_write(&d, out);
    free(d.blocks);
    free(p.result);
    free(p.anchor);
    free(p.insert);
    free(p.ours_of_theirs);
    version_free(&b);
    version_free(&o);
    version_free(&t);
}

int merge_texts_to(const char *base, size_t base_len, const char *ours, size_t ours_len,
                   const char *theirs, size_t theirs_len, const char *const names[3],
                   struct form *form, struct merge_stats *st, struct strbuf *out,
                   struct error *e)
{
    if (st)
        memset(st, 0, sizeof(*st));
    /* Nothing to merge: one side is the result as it is, byte for byte. */
    if (mem_eq(theirs, theirs_len, base, base_len) || mem_eq(theirs, theirs_len, ours, ours_len)) {
        strbuf_add(out, ours, ours_len);
        return 0;
    }
    if (mem_eq(ours, ours_len, base, base_len)) {
        strbuf_add(out, theirs, theirs_len);
        return 0;
    }
    struct sheet *os = sheet_parse(ours, ours_len, names[1], form, e);
    if (!os)
        return -1;
    struct sheet *bs = sheet_parse(base, base_len, names[0], os->form, e);
    struct sheet *ts = bs ? sheet_parse(theirs, theirs_len, names[2], os->form, e) : NULL;
    if (ts) {
        struct merge_ctx m;
        bool swap = build_on_theirs(bs, os, ts);
        ctx_init(&m, os->form, swap);
        merge_versions(&m, bs, swap ? ts : os, swap ? os : ts, out);
        if (st)
            *st = m.st;
        ctx_free(&m);
    }
    sheet_free(ts);
    sheet_free(bs);
    sheet_free(os);
    return ts ? 0 : -1;
}

struct sheet *merge_texts(const char *base, size_t base_len, const char *ours, size_t ours_len,
                          const char *theirs, size_t theirs_len, const char *const names[3],
                          struct form *form, struct merge_stats *st, struct error *e)
{
    struct strbuf out = STRBUF_INIT;
    struct sheet *result = NULL;
    if (merge_texts_to(base, base_len, ours, ours_len, theirs, theirs_len, names, form, st, &out,
                       e) == 0) {
        result = sheet_parse(strbuf_cstr(&out), out.len, names[1], form, e);
    }
    strbuf_release(&out);
    return result;
}
