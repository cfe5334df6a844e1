/*
 * descriptor.c - a sheet's descriptors against its form's (descriptor.h).
 */
#include "descriptor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recfile.h"

struct entry_list {
    char **v;
    long *lines;
    size_t n, cap, cap_lines;
};

static void entries_add(struct entry_list *l, const struct rec_record *r)
{
    for (size_t i = 0; i < r->n_entries; i++) {
        const struct rec_entry *en = &r->entries[i];
        if (!en->name || str_eq(en->name, "%doc"))
            continue;
        struct strbuf sb = STRBUF_INIT;
        strbuf_addf(&sb, "%s: %s", en->name, en->value);
        xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v));
        xgrow((void **)&l->lines, &l->cap_lines, l->n + 1, sizeof(*l->lines));
        l->lines[l->n] = en->line;
        l->v[l->n++] = strbuf_detach(&sb, NULL);
    }
}

static void entries_free(struct entry_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    free(l->lines);
}

/* Index of an entry of a equal to none of b's (each of b matched once), or -1. */
static long first_unmatched(const struct entry_list *a, const struct entry_list *b)
{
    bool *used = xcalloc(b->n + 1, sizeof(bool));
    long found = -1;
    for (size_t i = 0; i < a->n && found < 0; i++) {
        size_t j = 0;
        while (j < b->n && (used[j] || !str_eq(a->v[i], b->v[j])))
            j++;
        if (j < b->n)
            used[j] = true;
        else
            found = (long)i;
    }
    free(used);
    return found;
}

/* The form's descriptor as a record (caller frees the doc). */
static struct rec_doc *generated(const struct form *f, bool items, const struct rec_record **r)
{
    struct strbuf text = STRBUF_INIT;
    if (items)
        form_descriptor(f, &text);
    else
        form_sheet_descriptor(f, &text);
    struct error e;
    struct rec_doc *doc = rec_parse(text.buf, text.len, NULL, &e);
    strbuf_release(&text);
    *r = NULL;
    for (size_t b = 0; doc && b < doc->n_blocks && !*r; b++)
        if (doc->blocks[b].kind == REC_BLOCK_RECORD)
            *r = doc->blocks[b].record;
    return doc;
}

void descriptor_compare(const struct sheet *s, const struct rec_record *r, bool items,
                        struct descriptor_diff *d)
{
    memset(d, 0, sizeof(*d));
    const struct rec_record *gen;
    struct rec_doc *doc = generated(s->form, items, &gen);
    if (!gen) {
        rec_doc_free(doc);
        return;
    }
    struct entry_list want = { 0 }, have = { 0 };
    entries_add(&want, gen);
    entries_add(&have, r);
    long extra = first_unmatched(&have, &want), missing = first_unmatched(&want, &have);
    if (extra >= 0 || missing >= 0) {
        d->differs = true;
        d->extra = extra >= 0;
        d->line = extra >= 0 ? have.lines[extra] : r->line;
        snprintf(d->what, sizeof(d->what), "%s", extra >= 0 ? have.v[extra] : want.v[missing]);
    }
    entries_free(&want);
    entries_free(&have);
    rec_doc_free(doc);
}

/* Replace r's fields by gen's, keeping r's comment lines first. */
static void rewrite(struct rec_record *r, const struct rec_record *gen)
{
    for (size_t i = r->n_entries; i-- > 0;)
        if (r->entries[i].name)
            rec_remove(r, i);
    for (size_t i = 0; i < gen->n_entries; i++) {
        const struct rec_entry *en = &gen->entries[i];
        if (en->name)
            rec_insert(r, r->n_entries, en->name, en->value, en->value_len);
    }
}

static bool regenerate_one(struct sheet *s, const char *type, bool items)
{
    for (size_t b = 0; b < s->doc->n_blocks; b++) {
        struct rec_block *blk = &s->doc->blocks[b];
        if (blk->kind != REC_BLOCK_RECORD || !blk->record->is_descriptor || !blk->record->type ||
            !str_eq(blk->record->type, type))
            continue;
        struct descriptor_diff d;
        descriptor_compare(s, blk->record, items, &d);
        if (!d.differs)
            return false;
        const struct rec_record *gen;
        struct rec_doc *doc = generated(s->form, items, &gen);
        if (gen)
            rewrite(blk->record, gen);
        rec_doc_free(doc);
        return gen != NULL;
    }
    return false;
}

int descriptor_regenerate(struct sheet *s)
{
    return regenerate_one(s, s->form->record_type, true) +
           regenerate_one(s, s->form->sheet_type, false);
}
