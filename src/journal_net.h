/*
 * journal_net.h - what a recovery really changes: of the journal's entries,
 * the ones a clerk needs to see (no curses).  Typing a word and deleting it
 * again leaves five entries for one field and no change; the recovery list
 * shows, per field, only its last value, and nothing for a field that ends
 * as the sheet has it.  Item operations (add, put in, delete, move) are
 * always shown, and split the journal: a field's entries are netted only
 * between two of them, since the item indices change there.
 */
#ifndef TORIKUMI_JOURNAL_NET_H
#define TORIKUMI_JOURNAL_NET_H

#include <stdbool.h>
#include <stddef.h>

#include "journal.h"

/*
 * shown[i] (log->n_changes entries, the caller's) says whether change i is
 * part of the net change of log applied to s (the sheet as on disk).
 * Returns how many are.
 */
size_t journal_net_changes(const struct sheet *s, const struct journal_log *log, bool *shown);

#endif
