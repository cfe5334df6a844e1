/*
 * journal.h - the recovery journal: every change of an editing session,
 * kept on disk next to the sheet until the sheet is saved, so that a
 * crash, a killed terminal or a power cut loses at most a few seconds.
 *
 * The journal is /dir/.NAME.torikumi-journal (sidefile.h) for the editor
 * holding the sheet's lock; an editor working alongside it keeps its own,
 * /dir/.NAME.torikumi-journal-HOST-PID (JOURNAL_OWN_NAME), so every
 * editor of a sheet has a journal and none writes another's.  It starts
 * with a header naming the sheet as it was loaded (path, size, mtime,
 * hash of the bytes), then one entry per change: set a field of item i
 * to a value, remove it, or add an item.  Every entry carries a CRC-32;
 * the format is in docs/reliability.md.
 *
 * Writing: journal_append* only buffer (a run of typing into one field
 * keeps just its latest value); journal_maybe_sync() writes and fsyncs
 * when the oldest buffered change is JOURNAL_SYNC_MS old or
 * JOURNAL_SYNC_CHANGES are buffered; journal_sync() does it now.  The
 * file appears at the first sync (a session without changes leaves
 * nothing), written whole to a temporary file and renamed into place;
 * later syncs append and fsync.  A failed sync truncates the file back
 * to its last good length and keeps the changes buffered.
 *
 * Reading: journal_read() returns the header and the changes.  A torn
 * last entry (the machine died mid-write: the file ends inside it, or in
 * NUL bytes) is ignored and counted in torn_bytes; anything else that is
 * malformed (bad checksum, bad syntax, wrong sequence number) is an error
 * with its byte offset, and the changes before it are still returned.
 *
 * Ownership: a struct journal is freed by journal_close (which leaves
 * the file) or journal_discard (which removes it).  A journal_log owns
 * its strings; free it with journal_log_free.
 */
#ifndef TORIKUMI_JOURNAL_H
#define TORIKUMI_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "filestamp.h"
#include "save.h"
#include "sheet.h"
#include "util.h"

#define JOURNAL_SYNC_MS 2000
#define JOURNAL_SYNC_CHANGES 200

enum journal_op {
    JOURNAL_SET,        /* field key of item := value */
    JOURNAL_REMOVE,     /* field key of item removed */
    JOURNAL_ADD_ITEM,   /* a new item at index item (== the number of items before it) */
    JOURNAL_INSERT_ITEM,   /* an empty item put in at index item ("ins"; its fields follow) */
    JOURNAL_REMOVE_ITEM,   /* item at index item taken out ("rmi") */
    JOURNAL_SWAP_ITEMS,    /* items item and item + 1 swap places ("swp") */
};

/* True for the operations on whole items (no key, no value). */
bool journal_op_is_item(enum journal_op op);

struct journal_change {
    enum journal_op op;
    size_t item;        /* index in the sheet's item list, 0-based */
    long number;        /* the item's number (No) just before the change, -1 none: its identity */
    char *key;          /* field key; NULL for JOURNAL_ADD_ITEM */
    char *value;        /* JOURNAL_SET: any bytes, NUL-terminated for convenience */
    size_t value_len;
    long long offset;   /* where the entry starts in the journal file */
};

struct journal_header {
    char *sheet_path;   /* the sheet's real path when the journal was written */
    struct filestamp loaded;   /* size, mtime and hash of the bytes loaded (dev/ino unset) */
    char *user, *host;
    long pid;
    char *started;      /* ISO 8601 */
};

struct journal_log {
    struct journal_header header;
    struct journal_change *changes;
    size_t n_changes, cap_changes;
    size_t torn_bytes;          /* incomplete last entry, ignored */
    long long bad_offset;       /* offset of the malformed entry, -1 when none */
    /*
     * Set by the caller when the sheet on disk is still the one the journal
     * was started on (journal_matches): the session's item positions are
     * then exact, item operations (ins, rmi, swp) and all, and journal_apply
     * follows them.  Otherwise it finds each item by its number.
     */
    bool sheet_unchanged;
};

/* ---- writing -------------------------------------------------------------------- */

struct journal;

enum {
    JOURNAL_REPLACE = 1,   /* an existing journal is replaced (atomically) at the first sync */
    JOURNAL_OWN_NAME = 2,  /* named for this editor (host, pid): not the lock's holder */
};

/*
 * Start the journal of a session on the sheet at sheet_path, loaded as
 * stamp says.  Creates no file yet.  Fails when a journal already exists
 * for this sheet (recover or discard it first) unless JOURNAL_REPLACE.
 */
struct journal *journal_create(const char *sheet_path, const struct filestamp *loaded,
                               unsigned flags, struct error *e);

/*
 * Field key of item idx set to value[0..len); value NULL: removed.  number
 * is the item's number (No) before this change (-1: it has none): it is
 * what recovery finds the item by (see journal_apply).
 */
void journal_append(struct journal *j, size_t idx, long number, const char *key,
                    const char *value, size_t len);
/* A new item appended at index idx. */
void journal_append_add_item(struct journal *j, size_t idx);
/* JOURNAL_INSERT_ITEM, JOURNAL_REMOVE_ITEM or JOURNAL_SWAP_ITEMS at item idx. */
void journal_append_item_op(struct journal *j, enum journal_op op, size_t idx);

/*
 * Append every change of log (a journal being recovered) to j, so that
 * the new journal holds them before it replaces the old one at its first
 * sync (create j with JOURNAL_REPLACE and journal_sync right after).
 */
void journal_carry_over(struct journal *j, const struct journal_log *log);

/* Changes buffered, not yet on disk. */
size_t journal_pending(const struct journal *j);
/*
 * Write and fsync if due (see above); now_ms is a monotonic clock in
 * milliseconds.  Returns 1 when it synced, 0 when nothing was due, -1 with
 * e set when writing failed (the changes stay buffered; it is tried again
 * JOURNAL_SYNC_MS later).
 */
int journal_maybe_sync(struct journal *j, long long now_ms, struct error *e);
/* Write and fsync every buffered change now.  Returns 0, or -1 with e set. */
int journal_sync(struct journal *j, struct error *e);

/*
 * The sheet was saved (its bytes on disk are now as saved): remove the
 * journal file and start a fresh one for the new stamp.  Buffered
 * changes are dropped (they are in the saved file).  Returns 0, or -1
 * with e set when the old file could not be removed.
 */
int journal_saved(struct journal *j, const struct filestamp *saved, struct error *e);
/* Remove the journal file (clean quit) and free j.  Returns 0 or -1 with e set. */
int journal_discard(struct journal *j, struct error *e);
/* Free j, leaving the file as it is (buffered changes are lost: sync first). */
void journal_close(struct journal *j);
/* The journal file's path. */
const char *journal_path(const struct journal *j);

/* The calls a journal makes; replaceable for tests (NULL restores the real ones). */
void journal_set_io(const struct save_io *io);
/* Sync policy, for tests: every ms milliseconds or changes changes (0 keeps the default). */
void journal_set_policy(struct journal *j, long long ms, size_t changes);

/* ---- finding, reading, applying ------------------------------------------------- */

/* The path of an existing journal for this sheet (caller frees), or NULL when there is none. */
char *journal_find(const char *sheet_path);
/* Remove the journal of this sheet, if any (the clerk chose to discard it). */
int journal_remove(const char *sheet_path, struct error *e);
/*
 * Every journal of this sheet: the lock holder's first, then those named
 * for an editor (JOURNAL_OWN_NAME), never a temporary one.  Returns how
 * many; *files (caller frees each and the array) is NULL when none.
 */
size_t journal_list(const char *sheet_path, char ***files);
/* Is this journal file one named for its editor (JOURNAL_OWN_NAME)? */
bool journal_own_named(const char *file);
/* Remove one journal file (recovered into another, or discarded).  Returns 0 or -1 with e set. */
int journal_remove_file(const char *file, struct error *e);

/* Parse journal bytes (file names it in errors).  See above for torn and bad entries. */
int journal_parse(const char *data, size_t len, const char *file, struct journal_log *log,
                  struct error *e);
int journal_read(const char *journal_file, struct journal_log *log, struct error *e);
void journal_log_free(struct journal_log *log);
/* The bytes of a journal holding log (header, then the changes numbered from 1). */
void journal_format(const struct journal_log *log, struct strbuf *out);

/*
 * Was the journal written for the sheet as it is now?  True when size and
 * hash of the bytes agree (mtime may differ: the file was copied back).
 * Otherwise why (may be NULL) says what differs.
 */
bool journal_matches(const struct journal_header *h, const struct filestamp *now,
                     struct strbuf *why);

/*
 * Apply the changes to the sheet, in order.  A change names its item by
 * the item's number (No) just before the change, not by its position: if
 * the sheet changed on disk since (an item removed or inserted), the
 * change still lands in that item, and refuses when no single item has
 * that number any more.  Items the journal added go to the end.  Each
 * change's item is rewritten to the index it landed at (so carrying the
 * log over to a new journal, or going to the last change, follows the
 * sheet as it is now).  Stops with -1 and e set (offset = the entry's) at
 * a change that does not fit: an item that is not there, an invalid key,
 * a value that is not UTF-8 or holds a NUL.  Returns the number of
 * changes applied.
 */
long journal_apply(struct sheet *s, struct journal_log *log, struct error *e);
/* One line describing a change for the recovery screen: "取組項目 3: Title = 歳入…". */
void journal_describe(const struct sheet *s, const struct journal_change *c, struct strbuf *out);

#endif
