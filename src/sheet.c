/*
 * sheet.c - a sheet file bound to its form: header, items, field access.
 */
#include "sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static bool record_has_type(const struct rec_record *r, const char *type)
{
    return !r->is_descriptor && r->type && strcmp(r->type, type) == 0;
}

/* The header names the form, so it is found before the form is known. */
static const struct rec_record *find_form_record(const struct rec_doc *doc)
{
    for (size_t b = 0; b < doc->n_blocks; b++) {
        const struct rec_block *blk = &doc->blocks[b];
        if (blk->kind == REC_BLOCK_RECORD && !blk->record->is_descriptor &&
            rec_find(blk->record, "Form"))
            return blk->record;
    }
    return NULL;
}

static struct form *form_for_doc(const struct rec_doc *doc, const char *file, struct error *e)
{
    const struct rec_record *hdr = find_form_record(doc);
    if (!hdr)
        return form_builtin();
    const struct rec_entry *en = rec_find(hdr, "Form");
    struct form *f = form_find(en->value, e);
    if (!f) {
        char msg[sizeof(e->msg)];
        snprintf(msg, sizeof(msg), "%s", e->msg);
        error_set(e, file, en->line, 7, "%s", msg);
    }
    return f;
}

static void push_item(struct sheet *s, struct rec_record *r)
{
    xgrow((void **)&s->items, &s->cap_items, s->n_items + 1, sizeof(*s->items));
    s->items[s->n_items++] = (struct item){ r, false };
}

static void bind_records(struct sheet *s)
{
    const struct form *f = s->form;
    for (size_t b = 0; b < s->doc->n_blocks; b++) {
        struct rec_block *blk = &s->doc->blocks[b];
        if (blk->kind != REC_BLOCK_RECORD)
            continue;
        struct rec_record *r = blk->record;
        if (r->is_descriptor) {
            if (r->type && str_eq(r->type, f->record_type) && !s->descriptor_line)
                s->descriptor_line = r->line;
        } else if (record_has_type(r, f->sheet_type)) {
            if (!s->header)
                s->header = r;
        } else if (record_has_type(r, f->record_type))
            push_item(s, r);
    }
}

static struct sheet *sheet_bind(struct rec_doc *doc, const char *file, struct form *form,
                                struct error *e);

struct sheet *sheet_parse(const char *text, size_t len, const char *file,
                          struct form *form, struct error *e)
{
    return sheet_bind(rec_parse(text, len, file, e), file, form, e);
}

static struct sheet *sheet_bind(struct rec_doc *doc, const char *file, struct form *form,
                                struct error *e)
{
    if (!doc)
        return NULL;
    bool own = false;
    if (!form) {
        form = form_for_doc(doc, file, e);
        if (!form) {
            rec_doc_free(doc);
            return NULL;
        }
        own = true;
    }
    struct sheet *s = xcalloc(1, sizeof(*s));
    s->path = file ? xstrdup(file) : NULL;
    s->doc = doc;
    s->form = form;
    s->owns_form = own;
    bind_records(s);
    return s;
}

struct sheet *sheet_load(const char *path, struct form *form, struct error *e)
{
    char *text;
    size_t len;
    if (read_file(path, &text, &len, e) < 0)
        return NULL;
    return sheet_bind(rec_parse_take(text, len, path, e), path, form, e);
}

struct sheet *sheet_load_readonly(const char *path, struct form *form, struct error *e)
{
    char *text;
    size_t len;
    if (read_file(path, &text, &len, e) < 0)
        return NULL;
    return sheet_bind(rec_parse_take_readonly(text, len, path, e), path, form, e);
}

struct sheet *sheet_new(struct form *form, const char *ward, int fiscal_year, const char *title)
{
    struct strbuf sb = STRBUF_INIT;
    char era[32];
    fiscal_year_label(fiscal_year, era, sizeof(era));
    strbuf_addf(&sb, "# %s %s %s\n", title && *title ? title : form->title,
                ward && *ward ? ward : "", era);
    strbuf_addf(&sb, "# A torikumi sheet (form %s). Check it with `torikumi check FILE` "
                     "or `recfix --check FILE`.\n\n", form->id);
    form_sheet_descriptor(form, &sb);
    strbuf_addch(&sb, '\n');
    rec_format_field(&sb, "Form", form->id, strlen(form->id));
    if (ward && *ward)
        rec_format_field(&sb, "Ward", ward, strlen(ward));
    strbuf_addf(&sb, "FiscalYear: %d\n", fiscal_year);
    const char *t = title && *title ? title : form->title;
    rec_format_field(&sb, "Title", t, strlen(t));
    strbuf_addch(&sb, '\n');
    form_descriptor(form, &sb);
    struct error e;
    struct sheet *s = sheet_parse(sb.buf, sb.len, NULL, form, &e);
    if (!s)
        die(3, _("internal error: a new sheet does not parse: %s"), e.msg);
    strbuf_release(&sb);
    return s;
}

void sheet_free(struct sheet *s)
{
    if (!s)
        return;
    rec_doc_free(s->doc);
    if (s->owns_form)
        form_free(s->form);
    free(s->items);
    free(s->path);
    free(s);
}

const char *sheet_header_get(const struct sheet *s, const char *name)
{
    if (!s->header)
        return NULL;
    const struct rec_entry *en = rec_find(s->header, name);
    return en ? en->value : NULL;
}

const char *item_get_key(const struct item *it, const char *key)
{
    const struct rec_entry *en = rec_find(it->rec, key);
    return en ? en->value : NULL;
}

const char *item_get(const struct sheet *s, const struct item *it, int f)
{
    return item_get_key(it, s->form->fields[f].key);
}

long item_line(const struct sheet *s, const struct item *it, int f)
{
    const struct rec_entry *en = f >= 0 ? rec_find(it->rec, s->form->fields[f].key) : NULL;
    return en && en->line ? en->line : it->rec->line;
}

long item_number(const struct sheet *s, const struct item *it)
{
    const char *v = item_get(s, it, s->form->key_field);
    if (!v || !*v || strlen(v) > 9)
        return -1;
    long n = 0;
    for (const char *p = v; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        n = n * 10 + (*p - '0');
    }
    return n;
}

/* Where a new field f goes: after the last field that comes before it in the form. */
static size_t insert_position(const struct sheet *s, const struct rec_record *r, int f)
{
    size_t pos = 0;
    bool found = false;
    for (size_t i = 0; i < r->n_entries; i++) {
        if (!r->entries[i].name)
            continue;
        int fi = form_field_index(s->form, r->entries[i].name);
        if (fi >= 0 && fi < f) {
            pos = i + 1;
            found = true;
        }
    }
    if (!found) {
        /* Nothing before it: go before the first known field after it, else at the end. */
        pos = r->n_entries;
        for (size_t i = 0; i < r->n_entries; i++) {
            int fi = r->entries[i].name ? form_field_index(s->form, r->entries[i].name) : -1;
            if (fi > f) {
                pos = i;
                break;
            }
        }
    }
    return pos;
}

static void set_entry(struct sheet *s, struct item *it, const char *key, int f,
                      const char *value, size_t len)
{
    struct rec_record *r = it->rec;
    long idx = rec_find_index(r, key);
    if (idx >= 0) {
        struct rec_entry *en = &r->entries[idx];
        if (mem_eq(en->value, en->value_len, value, len))
            return;
        if (len == 0)
            rec_remove(r, (size_t)idx);
        else
            rec_entry_set(r, en, value, len);
    } else {
        if (len == 0)
            return;
        size_t pos = f >= 0 ? insert_position(s, r, f) : r->n_entries;
        rec_insert(r, pos, key, value, len);
    }
    it->changed = true;
}

void item_set(struct sheet *s, struct item *it, int f, const char *value, size_t len)
{
    set_entry(s, it, s->form->fields[f].key, f, value, len);
}

void item_set_key(struct sheet *s, struct item *it, const char *key, const char *value, size_t len)
{
    set_entry(s, it, key, form_field_index(s->form, key), value, len);
}

static size_t block_of(const struct rec_doc *doc, const struct rec_record *r)
{
    for (size_t b = doc->n_blocks; b-- > 0;)
        if (doc->blocks[b].kind == REC_BLOCK_RECORD && doc->blocks[b].record == r)
            return b;
    return doc->n_blocks - 1;
}

static size_t descriptor_block(const struct sheet *s)
{
    for (size_t b = 0; b < s->doc->n_blocks; b++) {
        const struct rec_block *blk = &s->doc->blocks[b];
        if (blk->kind == REC_BLOCK_RECORD && blk->record->is_descriptor && blk->record->type &&
            str_eq(blk->record->type, s->form->record_type))
            return b;
    }
    return s->doc->n_blocks ? s->doc->n_blocks - 1 : 0;
}

struct item *sheet_add_item(struct sheet *s)
{
    struct rec_record *r = rec_record_new();
    r->type = xstrdup(s->form->record_type);
    if (s->doc->n_blocks == 0)
        rec_doc_add_record(s->doc, r);
    else {
        size_t after = s->n_items ? block_of(s->doc, s->items[s->n_items - 1].rec)
                                  : descriptor_block(s);
        rec_doc_insert_record_after(s->doc, after, r);
    }
    push_item(s, r);
    struct item *it = &s->items[s->n_items - 1];
    it->changed = true;
    return it;
}

/* A text block of blank lines only: the separator before a record. */
static bool blank_block(const struct rec_block *b)
{
    if (b->kind != REC_BLOCK_TEXT)
        return false;
    for (size_t i = 0; i < b->text_len; i++)
        if (b->text[i] != '\n')
            return false;
    return true;
}

struct rec_record *sheet_remove_item(struct sheet *s, size_t idx)
{
    struct rec_doc *doc = s->doc;
    struct rec_record *r = s->items[idx].rec;
    size_t b = block_of(doc, r), n = 1;
    if (b > 0 && blank_block(&doc->blocks[b - 1])) {
        b--;
        n = 2;
    }
    memmove(&doc->blocks[b], &doc->blocks[b + n], (doc->n_blocks - b - n) * sizeof(*doc->blocks));
    doc->n_blocks -= n;
    memmove(&s->items[idx], &s->items[idx + 1], (s->n_items - idx - 1) * sizeof(*s->items));
    s->n_items--;
    return r;
}

void sheet_insert_item(struct sheet *s, size_t idx, struct rec_record *r)
{
    size_t after = idx > 0 ? block_of(s->doc, s->items[idx - 1].rec) : descriptor_block(s);
    if (s->doc->n_blocks == 0)
        rec_doc_add_record(s->doc, r);
    else
        rec_doc_insert_record_after(s->doc, after, r);
    xgrow((void **)&s->items, &s->cap_items, s->n_items + 1, sizeof(*s->items));
    memmove(&s->items[idx + 1], &s->items[idx], (s->n_items - idx) * sizeof(*s->items));
    s->items[idx] = (struct item){ r, true };
    s->n_items++;
}

void sheet_swap_items(struct sheet *s, size_t idx)
{
    struct rec_doc *doc = s->doc;
    size_t a = block_of(doc, s->items[idx].rec), b = block_of(doc, s->items[idx + 1].rec);
    doc->blocks[a].record = s->items[idx + 1].rec;
    doc->blocks[b].record = s->items[idx].rec;
    struct item t = s->items[idx];
    s->items[idx] = s->items[idx + 1];
    s->items[idx + 1] = t;
}

struct rec_record *sheet_copy_item(const struct sheet *s, size_t idx)
{
    const struct form *f = s->form;
    const struct rec_record *from = s->items[idx].rec;
    struct rec_record *r = rec_record_new();
    r->type = xstrdup(f->record_type);
    const char *skip[2] = { f->fields[f->key_field].key,
                            f->stamp_field >= 0 ? f->fields[f->stamp_field].key : NULL };
    for (size_t i = 0; i < from->n_entries; i++) {
        const struct rec_entry *en = &from->entries[i];
        if (en->name && !str_eq(en->name, skip[0]) && !(skip[1] && str_eq(en->name, skip[1])))
            rec_insert(r, r->n_entries, en->name, en->value, en->value_len);
    }
    return r;
}

long sheet_find_item(const struct sheet *s, long no)
{
    for (size_t i = 0; i < s->n_items; i++)
        if (item_number(s, &s->items[i]) == no)
            return (long)i;
    return -1;
}

void sheet_write(const struct sheet *s, struct strbuf *out)
{
    rec_write(s->doc, out);
}

void sheet_mark_saved(struct sheet *s)
{
    for (size_t i = 0; i < s->n_items; i++)
        s->items[i].changed = false;
}

void fiscal_year_label(long year, char *out, size_t size)
{
    if (year >= 2019)
        year == 2019 ? snprintf(out, size, "令和元年度")
                     : snprintf(out, size, "令和%ld年度", year - 2018);
    else if (year >= 1989)
        year == 1989 ? snprintf(out, size, "平成元年度")
                     : snprintf(out, size, "平成%ld年度", year - 1988);
    else
        snprintf(out, size, "%ld年度", year);
}

static int cmp_numbered(const void *a, const void *b)
{
    const struct sheet_numbered *x = a, *y = b;
    if (x->no != y->no)
        return x->no < y->no ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

struct sheet_numbered *sheet_index_by_number(const struct sheet *s, size_t *n)
{
    struct sheet_numbered *v = xmalloc((s->n_items + 1) * sizeof(*v));
    size_t k = 0;
    for (size_t i = 0; i < s->n_items; i++) {
        long no = item_number(s, &s->items[i]);
        if (no >= 0)
            v[k++] = (struct sheet_numbered){ no, i };
    }
    qsort(v, k, sizeof(*v), cmp_numbered);
    *n = k;
    return v;
}

long sheet_number_lookup(const struct sheet_numbered *v, size_t n, long no)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].no < no)
            lo = mid + 1;
        else
            hi = mid;
    }
    return no >= 0 && lo < n && v[lo].no == no ? (long)v[lo].idx : -1;
}
