/*
 * hitlist.c - the items a search hits (see hitlist.h).
 */
#include "hitlist.h"

#include <stdlib.h>
#include <string.h>

static struct hit_item *add_item(struct hit_list *hl, size_t sheet, size_t item)
{
    if (hl->n && hl->v[hl->n - 1].sheet == sheet && hl->v[hl->n - 1].item == item)
        return &hl->v[hl->n - 1];
    hl->v = xrealloc(hl->v, (hl->n + 1) * sizeof(*hl->v));
    struct hit_item *h = &hl->v[hl->n++];
    memset(h, 0, sizeof(*h));
    h->sheet = sheet;
    h->item = item;
    return h;
}

static void add_hit(struct hit_list *hl, struct hit_item *h, const struct search_hit *hit)
{
    if (h->hits++ == 0)
        h->first = *hit;
    hl->total++;
    for (size_t i = 0; i < h->n_fields; i++)
        if (h->fields[i] == hit->pos.field)
            return;
    if (h->n_fields < HITLIST_MAX_FIELDS)
        h->fields[h->n_fields++] = hit->pos.field;
}

static bool same_pos(const struct search_pos *a, const struct search_pos *b)
{
    return a->sheet == b->sheet && a->item == b->item && a->field == b->field &&
           a->offset == b->offset;
}

/* Every occurrence in the text fields, in the search's order, until it wraps around. */
static void collect_text(struct search *se, struct hit_list *hl)
{
    struct search_pos start = { 0, 0, -1, 0 };
    struct search_hit first, hit;
    if (!search_next(se, &start, true, &first))
        return;
    hit = first;
    do {
        add_hit(hl, add_item(hl, hit.pos.sheet, hit.pos.item), &hit);
        if (hl->total >= HITLIST_MAX_HITS) {
            hl->truncated = true;
            return;
        }
        struct search_pos from = hit.pos;
        if (!search_next(se, &from, false, &hit))
            return;
    } while (!same_pos(&hit.pos, &first.pos));
}

/* Does the folded label of choice c of field f hold the folded query? */
static bool label_matches(const struct form_field *fld, size_t c, const struct strbuf *fq)
{
    struct strbuf fl = STRBUF_INIT;
    search_fold(fld->choices[c].label, strlen(fld->choices[c].label), &fl);
    bool m = fq->len && strstr(fl.buf ? fl.buf : "", fq->buf) != NULL;
    strbuf_release(&fl);
    return m;
}

/* The items of one sheet whose chosen options' labels match, merged into out. */
static void collect_choices(const struct sheet *s, size_t sheet, const struct strbuf *fq,
                            struct hit_list *out)
{
    const struct form *form = s->form;
    for (size_t f = 0; f < form->n_fields; f++) {
        const struct form_field *fld = &form->fields[f];
        if (fld->kind != FIELD_CHOICE || fld->hidden)
            continue;
        bool *match = xcalloc(fld->n_choices + 1, sizeof(bool));
        bool any = false;
        for (size_t c = 0; c < fld->n_choices; c++)
            any |= match[c] = label_matches(fld, c, fq);
        for (size_t i = 0; any && i < s->n_items; i++) {
            const char *v = item_get(s, &s->items[i], (int)f);
            int c = v ? form_choice_index(fld, v, strlen(v), false) : -1;
            if (c < 0 || !match[c])
                continue;
            struct search_hit hit = { { sheet, i, (int)f, 0 }, 0 };
            add_hit(out, add_item(out, sheet, i), &hit);
        }
        free(match);
    }
}

static int cmp_item(const void *pa, const void *pb)
{
    const struct hit_item *a = pa, *b = pb;
    if (a->sheet != b->sheet)
        return a->sheet < b->sheet ? -1 : 1;
    if (a->item != b->item)
        return a->item < b->item ? -1 : 1;
    return 0;
}

/* Choice hits were appended after the text hits: put each on its item's entry. */
static void merge_items(struct hit_list *hl)
{
    /* An item may have several entries (text hits, each choice field): any order merges. */
    qsort(hl->v, hl->n, sizeof(*hl->v), cmp_item);
    size_t w = 0;
    for (size_t r = 0; r < hl->n; r++) {
        if (w && cmp_item(&hl->v[w - 1], &hl->v[r]) == 0) {
            struct hit_item *to = &hl->v[w - 1], *from = &hl->v[r];
            bool text_first = to->first.len > 0 || from->first.len == 0;
            if (!text_first)
                to->first = from->first;
            to->hits += from->hits;
            for (size_t i = 0; i < from->n_fields && to->n_fields < HITLIST_MAX_FIELDS; i++)
                to->fields[to->n_fields++] = from->fields[i];
            continue;
        }
        hl->v[w++] = hl->v[r];
    }
    hl->n = w;
}

void hitlist_collect(struct search *se, struct sheet *const *sheets, size_t n_sheets,
                     const char *query, struct hit_list *out)
{
    memset(out, 0, sizeof(*out));
    collect_text(se, out);
    struct strbuf fq = STRBUF_INIT;
    search_fold(query, strlen(query), &fq);
    size_t text_items = out->n;
    for (size_t s = 0; s < n_sheets; s++)
        collect_choices(sheets[s], s, &fq, out);
    strbuf_release(&fq);
    if (out->n > text_items)
        merge_items(out);
}

void hitlist_free(struct hit_list *hl)
{
    free(hl->v);
    memset(hl, 0, sizeof(*hl));
}
