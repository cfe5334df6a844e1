/*
 * merge_record.c - merging one record field by field, and the record
 * helpers the sheet merge and conflict resolution share (merge_impl.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge_impl.h"

/* ---- values of a name: every occurrence, NUL-separated ------------------ */

/*
 * The occurrences of name in r as one comparable string.  Absent and a
 * single empty occurrence are the same (an empty field means not filled
 * in), so both give n == 0.
 */
void mvals_get(const struct rec_record *r, const char *name, struct mvals *out)
{
    strbuf_reset(&out->sb);
    out->n = 0;
    if (!r)
        return;
    for (size_t i = 0; i < r->n_entries; i++) {
        const struct rec_entry *en = &r->entries[i];
        if (!en->name || strcmp(en->name, name) != 0)
            continue;
        if (out->n++)
            strbuf_addch(&out->sb, '\0');
        strbuf_add(&out->sb, en->value, en->value_len);
    }
    if (out->n == 1 && out->sb.len == 0)
        out->n = 0;
}

bool mvals_eq(const struct mvals *a, const struct mvals *b)
{
    return a->n == b->n && mem_eq(a->sb.buf, a->sb.len, b->sb.buf, b->sb.len);
}

/* Every named entry and comment of r, in order, as one comparable string. */
static void record_signature(const struct rec_record *r, const char *skip1, const char *skip2,
                             struct strbuf *out)
{
    strbuf_reset(out);
    for (size_t i = 0; r && i < r->n_entries; i++) {
        const struct rec_entry *en = &r->entries[i];
        if (en->name && ((skip1 && str_eq(en->name, skip1)) || (skip2 && str_eq(en->name, skip2))))
            continue;
        strbuf_addstr(out, en->name ? en->name : "#");
        strbuf_addch(out, '\0');
        strbuf_add(out, en->value, en->value_len);
        strbuf_addch(out, '\0');
    }
}

bool record_equal(struct merge_ctx *m, const struct rec_record *a, const struct rec_record *b)
{
    if (a == b)
        return true;
    record_signature(a, NULL, NULL, &m->tmp1);
    record_signature(b, NULL, NULL, &m->tmp2);
    return mem_eq(m->tmp1.buf, m->tmp1.len, m->tmp2.buf, m->tmp2.len);
}

/* The content that says "same initiative" across a renumbering: all but number and stamp. */
void record_identity(const struct merge_ctx *m, const struct rec_record *r, struct strbuf *out)
{
    record_signature(r, m->key_name, m->stamp_name, out);
}

/* ---- changing a record ------------------------------------------------- */

/* Where a field that r lacks goes: after the last field before it in the form. */
static size_t insert_position(const struct form *f, const struct rec_record *r, const char *name)
{
    int fi = form_field_index(f, name);
    if (fi < 0)
        return r->n_entries;
    size_t pos = 0;
    bool found = false;
    for (size_t i = 0; i < r->n_entries; i++) {
        int ei = r->entries[i].name ? form_field_index(f, r->entries[i].name) : -1;
        if (ei >= 0 && ei < fi) {
            pos = i + 1;
            found = true;
        }
    }
    if (found)
        return pos;
    for (size_t i = 0; i < r->n_entries; i++) {
        int ei = r->entries[i].name ? form_field_index(f, r->entries[i].name) : -1;
        if (ei > fi)
            return i;
    }
    return r->n_entries;
}

/*
 * Replace every occurrence of name in r by the values of v (none: the
 * field goes).  Returns the index after the last value written.
 */
size_t record_set_values(const struct form *f, struct rec_record *r, const char *name,
                         const struct mvals *v)
{
    long pos = -1;
    for (size_t i = r->n_entries; i-- > 0;)
        if (r->entries[i].name && str_eq(r->entries[i].name, name)) {
            rec_remove(r, i);
            pos = (long)i;
        }
    size_t at = pos >= 0 ? (size_t)pos : insert_position(f, r, name);
    const char *p = v->sb.buf;
    for (size_t k = 0; k < v->n; k++) {
        size_t len = strlen(p);
        rec_insert(r, at++, name, p, len);
        p += len + 1;
    }
    return at;
}

/* Insert the values of v as fields named prefix+name at index at ("" once when none). */
static size_t insert_side(struct rec_record *r, size_t at, const char *prefix, const char *name,
                          const struct mvals *v)
{
    char *side = xasprintf("%s%s", prefix, name);
    if (v->n == 0)
        rec_insert(r, at++, side, "", 0);
    const char *p = v->sb.buf;
    for (size_t k = 0; k < v->n; k++) {
        size_t len = strlen(p);
        rec_insert(r, at++, side, p, len);
        p += len + 1;
    }
    free(side);
    return at;
}

/* ---- stamps: the later one wins ---------------------------------------- */

static long long days_from_civil(long long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

/* "2026-11-25T21:07:13+09:00 tanaka" as seconds since the epoch; false if not a stamp. */
static bool stamp_seconds(const char *s, long long *out)
{
    int y, mo, d, h, mi, sec, oh = 0, om = 0, used = 0;
    char sign = 'Z';
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &used) != 6)
        return false;
    const char *z = s + used;
    if ((*z == '+' || *z == '-') && sscanf(z + 1, "%2d:%2d", &oh, &om) == 2)
        sign = *z;
    else if (*z != 'Z' && *z != ' ' && *z != '\0')
        return false;
    if (mo < 1 || mo > 12 || d < 1 || d > 31)
        return false;
    long long t = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + sec;
    long long off = (long long)oh * 3600 + om * 60;
    *out = sign == '-' ? t + off : t - off;
    return true;
}

/* Is stamp a later than stamp b?  Text order when either is not a stamp. */
static bool stamp_later(const char *a, const char *b)
{
    long long ta, tb;
    if (stamp_seconds(a, &ta) && stamp_seconds(b, &tb) && ta != tb)
        return ta > tb;
    return strcmp(a, b) > 0;
}

/* ---- one field, one record --------------------------------------------- */

static void add_name(struct merge_ctx *m, const char *name)
{
    for (size_t i = 0; i < m->n_names; i++)
        if (str_eq(m->names[i], name))
            return;
    xgrow((void **)&m->names, &m->cap_names, m->n_names + 1, sizeof(*m->names));
    m->names[m->n_names++] = name;
}

static void collect_names(struct merge_ctx *m, const struct rec_record *r)
{
    for (size_t i = 0; r && i < r->n_entries; i++)
        if (r->entries[i].name)
            add_name(m, r->entries[i].name);
}

static void record_conflict(struct merge_ctx *m, struct rec_record *ro, const char *name)
{
    size_t at = record_set_values(m->form, ro, name, &m->vb);
    /* The sides keep their real names even when the merge was built on theirs. */
    const struct mvals *first = m->swapped ? &m->vt : &m->vo;
    const struct mvals *second = m->swapped ? &m->vo : &m->vt;
    at = insert_side(ro, at, MERGE_OURS_PREFIX, name, first);
    insert_side(ro, at, MERGE_THEIRS_PREFIX, name, second);
    m->st.conflicts++;
}

/* Merge field name of rb/rt into ro. */
static void merge_field(struct merge_ctx *m, const struct rec_record *rb, struct rec_record *ro,
                        const struct rec_record *rt, const char *name)
{
    mvals_get(rb, name, &m->vb);
    mvals_get(ro, name, &m->vo);
    mvals_get(rt, name, &m->vt);
    if (mvals_eq(&m->vo, &m->vt))
        return;
    /* A stamp comes with every change: counting it would count each change twice. */
    bool counts = !m->stamp_name || !str_eq(name, m->stamp_name);
    if (mvals_eq(&m->vt, &m->vb)) {
        m->st.fields[merge_real_side(m, MERGE_SIDE_OURS)] += counts;
    } else if (mvals_eq(&m->vo, &m->vb)) {
        record_set_values(m->form, ro, name, &m->vt);
        m->st.fields[merge_real_side(m, MERGE_SIDE_THEIRS)] += counts;
    } else if (m->stamp_name && str_eq(name, m->stamp_name) && m->vo.n == 1 && m->vt.n == 1) {
        if (stamp_later(m->vt.sb.buf, m->vo.sb.buf))
            record_set_values(m->form, ro, name, &m->vt);
    } else
        record_conflict(m, ro, name);
}

void merge_record(struct merge_ctx *m, const struct rec_record *rb, struct rec_record *ro,
                  const struct rec_record *rt)
{
    m->n_names = 0;
    collect_names(m, ro);
    collect_names(m, rt);
    collect_names(m, rb);
    /* Names point into the records; copy them, since ro changes as we go. */
    char **names = xmalloc((m->n_names + 1) * sizeof(*names));
    size_t n = m->n_names;
    for (size_t i = 0; i < n; i++)
        names[i] = xstrdup(m->names[i]);
    for (size_t i = 0; i < n; i++) {
        merge_field(m, rb, ro, rt, names[i]);
        free(names[i]);
    }
    free(names);
}
