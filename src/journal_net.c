/*
 * journal_net.c - the net change of a recovery journal (see journal_net.h).
 */
#include "journal_net.h"

#include <string.h>

#include "util.h"

/* A later entry of the same segment sets the same field: this one is not the last word. */
static bool overwritten_later(const struct journal_log *log, size_t i)
{
    const struct journal_change *c = &log->changes[i];
    for (size_t k = i + 1; k < log->n_changes; k++) {
        const struct journal_change *d = &log->changes[k];
        if (journal_op_is_item(d->op))
            return false;
        if (d->item == c->item && str_eq(d->key, c->key))
            return true;
    }
    return false;
}

/* Before any item operation the indices are the sheet's: compare with its value. */
static bool same_as_sheet(const struct sheet *s, const struct journal_change *c)
{
    if (c->item >= s->n_items)
        return false;
    const char *now = item_get_key(&s->items[c->item], c->key);
    size_t now_len = now ? strlen(now) : 0;
    if (c->op == JOURNAL_REMOVE)
        return now_len == 0;
    return now_len == c->value_len && (now_len == 0 || memcmp(now, c->value, now_len) == 0);
}

size_t journal_net_changes(const struct sheet *s, const struct journal_log *log, bool *shown)
{
    size_t n = 0;
    bool first_segment = true;
    for (size_t i = 0; i < log->n_changes; i++) {
        const struct journal_change *c = &log->changes[i];
        if (journal_op_is_item(c->op)) {
            first_segment = false;
            shown[i] = true;
        } else {
            shown[i] = !overwritten_later(log, i) && !(first_segment && same_as_sheet(s, c));
        }
        n += shown[i];
    }
    return n;
}
