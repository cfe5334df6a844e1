/*
 * hitlist.h - the items a search hits, one entry per item rather than per
 * occurrence: how many hits it holds, where the first one is, and which
 * fields they are in.  What the hits list (ui_hits.c) shows.  No curses.
 *
 * Text hits come from search.c (every occurrence, in its order); on top of
 * them, a chosen option whose label holds the query counts as one hit in
 * its field (/目標未達成 finds the items whose result is 目標未達成), the
 * label folded as search.c folds text (search_fold()).  An item's first
 * hit is its first text hit, or its first such choice when it has none.
 *
 * Cost: one search_next() per occurrence plus one look at each item's
 * choice fields; the hits of a query that matches almost everywhere are
 * cut at HITLIST_MAX_HITS (truncated is set).
 *
 * Ownership: the list borrows nothing; free it with hitlist_free().
 */
#ifndef TORIKUMI_HITLIST_H
#define TORIKUMI_HITLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "search.h"
#include "sheet.h"

#define HITLIST_MAX_HITS 1000000
#define HITLIST_MAX_FIELDS 8

struct hit_item {
    size_t sheet, item;
    size_t hits;
    struct search_hit first;            /* a choice hit: offset 0, len 0 */
    int fields[HITLIST_MAX_FIELDS];     /* fields with hits, first seen first */
    size_t n_fields;
};

struct hit_list {
    struct hit_item *v;
    size_t n;
    size_t total;                       /* hits over all items */
    bool truncated;
};

/*
 * The hits of query (already set on se with search_set_query()) in the
 * sheets se searches (the same sheets, in the same order, as given here).
 */
void hitlist_collect(struct search *se, struct sheet *const *sheets, size_t n_sheets,
                     const char *query, struct hit_list *out);
void hitlist_free(struct hit_list *hl);

#endif
