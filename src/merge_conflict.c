/*
 * merge_conflict.c - the conflicts a merge left in a sheet (Merge_Ours_F,
 * Merge_Theirs_F, Merge_Deleted fields): finding, describing and
 * resolving them.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "merge_impl.h"
#include "utf8.h"

static const char *after_prefix(const char *name, const char *prefix)
{
    size_t n = strlen(prefix);
    return name && strncmp(name, prefix, n) == 0 && name[n] ? name + n : NULL;
}

/* The first value of prefix+field in r, or "" (that side removed the field). */
static const char *side_value(const struct rec_record *r, const char *prefix, const char *field)
{
    size_t pn = strlen(prefix);
    for (size_t i = 0; i < r->n_entries; i++) {
        const char *name = r->entries[i].name;
        if (name && strncmp(name, prefix, pn) == 0 && str_eq(name + pn, field))
            return r->entries[i].value;
    }
    return "";
}

static bool seen(const struct merge_conflict *v, size_t from, size_t n, const char *field)
{
    for (size_t i = from; i < n; i++)
        if (v[i].field && str_eq(v[i].field, field))
            return true;
    return false;
}

static void push(struct merge_conflict **out, size_t *n, size_t *cap, struct merge_conflict c)
{
    xgrow((void **)out, cap, *n + 1, sizeof(**out));
    (*out)[(*n)++] = c;
}

size_t merge_record_conflicts(const struct rec_record *r, long item, struct merge_conflict **out,
                              size_t n, size_t *cap)
{
    size_t first = n;
    for (size_t i = 0; i < r->n_entries; i++) {
        const struct rec_entry *en = &r->entries[i];
        if (!en->name || strncmp(en->name, "Merge_", 6) != 0)
            continue;
        const char *field = after_prefix(en->name, MERGE_OURS_PREFIX);
        if (!field)
            field = after_prefix(en->name, MERGE_THEIRS_PREFIX);
        if (field && !seen(*out, first, n, field)) {
            struct merge_conflict c = { MERGE_CONFLICT_FIELD, item, field,
                                        side_value(r, MERGE_OURS_PREFIX, field),
                                        side_value(r, MERGE_THEIRS_PREFIX, field), en->line };
            push(out, &n, cap, c);
        } else if (str_eq(en->name, MERGE_DELETED_FIELD)) {
            bool ours_deleted = str_eq(en->value, "ours");
            struct merge_conflict c = { MERGE_CONFLICT_DELETED, item, NULL,
                                        ours_deleted ? NULL : "", ours_deleted ? "" : NULL,
                                        en->line };
            push(out, &n, cap, c);
        }
    }
    return n;
}

size_t merge_conflicts(const struct sheet *s, struct merge_conflict **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    if (s->header)
        n = merge_record_conflicts(s->header, -1, out, n, &cap);
    for (size_t i = 0; i < s->n_items; i++)
        n = merge_record_conflicts(s->items[i].rec, (long)i, out, n, &cap);
    return n;
}

void merge_conflicts_free(struct merge_conflict *v)
{
    free(v);
}

/* ---- resolving --------------------------------------------------------- */

static struct rec_record *conflict_record(struct sheet *s, const struct merge_conflict *c)
{
    return c->item >= 0 ? s->items[c->item].rec : s->header;
}

static void remove_named(struct rec_record *r, const char *name)
{
    for (size_t i = r->n_entries; i-- > 0;)
        if (r->entries[i].name && str_eq(r->entries[i].name, name))
            rec_remove(r, i);
}

/* Every value of prefix+field, as the field's new values (one empty value: none). */
static void side_values(const struct rec_record *r, const char *prefix, const char *field,
                        struct mvals *v)
{
    char *name = xasprintf("%s%s", prefix, field);
    mvals_get(r, name, v);
    free(name);
}

static void remove_item(struct sheet *s, size_t idx)
{
    struct rec_record *r = s->items[idx].rec;
    struct rec_doc *d = s->doc;
    for (size_t b = 0; b < d->n_blocks; b++) {
        if (d->blocks[b].kind != REC_BLOCK_RECORD || d->blocks[b].record != r)
            continue;
        size_t from = b, n = 1;
        if (b > 0 && d->blocks[b - 1].kind == REC_BLOCK_TEXT &&
            mem_eq(d->blocks[b - 1].text, d->blocks[b - 1].text_len, "\n", 1)) {
            from--;
            n++;
        }
        memmove(&d->blocks[from], &d->blocks[from + n], (d->n_blocks - from - n) * sizeof(*d->blocks));
        d->n_blocks -= n;
        break;
    }
    rec_record_free(r);
    memmove(&s->items[idx], &s->items[idx + 1], (s->n_items - idx - 1) * sizeof(*s->items));
    s->n_items--;
}

static void resolve_deleted(struct sheet *s, const struct merge_conflict *c,
                            enum merge_choice choice)
{
    bool ours_deleted = c->ours == NULL;
    bool delete = (choice == MERGE_TAKE_OURS && ours_deleted) ||
                  (choice == MERGE_TAKE_THEIRS && !ours_deleted);
    if (delete)
        remove_item(s, (size_t)c->item);
    else {
        remove_named(s->items[c->item].rec, MERGE_DELETED_FIELD);
        s->items[c->item].changed = true;
    }
}

void merge_resolve(struct sheet *s, const struct merge_conflict *c, enum merge_choice choice,
                   const char *value)
{
    if (c->kind == MERGE_CONFLICT_DELETED) {
        resolve_deleted(s, c, choice);
        return;
    }
    struct rec_record *r = conflict_record(s, c);
    char *field = xstrdup(c->field);   /* c->field points into an entry about to go */
    struct mvals v = { STRBUF_INIT, 0 };
    if (choice == MERGE_TAKE_VALUE) {
        strbuf_addstr(&v.sb, value ? value : "");
        v.n = v.sb.len ? 1 : 0;
    } else
        side_values(r, choice == MERGE_TAKE_OURS ? MERGE_OURS_PREFIX : MERGE_THEIRS_PREFIX,
                    field, &v);
    char *ours = xasprintf("%s%s", MERGE_OURS_PREFIX, field);
    char *theirs = xasprintf("%s%s", MERGE_THEIRS_PREFIX, field);
    remove_named(r, ours);
    remove_named(r, theirs);
    record_set_values(s->form, r, field, &v);
    if (c->item >= 0)
        s->items[c->item].changed = true;
    free(ours);
    free(theirs);
    free(field);
    strbuf_release(&v.sb);
}

/* ---- describing -------------------------------------------------------- */

static void quoted(const char *v, struct strbuf *out)
{
    if (!v) {
        strbuf_addstr(out, _("(deleted the item)"));
        return;
    }
    if (!*v) {
        strbuf_addstr(out, _("(empty)"));
        return;
    }
    strbuf_addch(out, '"');
    utf8_sanitize(v, strlen(v), false, out);
    strbuf_addch(out, '"');
}

void merge_conflict_describe(const struct merge_conflict *c, struct strbuf *out)
{
    if (c->kind == MERGE_CONFLICT_DELETED) {
        strbuf_addstr(out, c->ours ? _("unresolved merge conflict: theirs deleted this item, "
                                       "ours changed it")
                                   : _("unresolved merge conflict: ours deleted this item, "
                                       "theirs changed it"));
        return;
    }
    strbuf_addstr(out, _("unresolved merge conflict: ours "));
    quoted(c->ours, out);
    strbuf_addstr(out, _(", theirs "));
    quoted(c->theirs, out);
}
