/*
 * session.h - what keeps a clerk's work safe while editing one sheet,
 * without a terminal: the lock (a notice to others that we edit), the
 * recovery journal (every change on disk within seconds, offered back
 * after a crash), and the file changed on disk by someone else before
 * we save.  The session decides; the screens (ui_session.c) only ask the
 * clerk what the session cannot decide alone, and show what it says.
 *
 * Ownership: the session owns its lock and its journal; the editor it
 * was started for borrows the journal (ed->journal) to record changes.
 * Strings it returns are owned by the session unless said otherwise.
 */
#ifndef TORIKUMI_SESSION_H
#define TORIKUMI_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "editor.h"
#include "filestamp.h"
#include "journal.h"
#include "lock.h"
#include "sheet.h"
#include "util.h"

struct session {
    struct editor *ed;          /* borrowed: whose changes the journal records */
    char *path;                 /* the sheet's path */
    struct sheet_lock *lock;    /* ours; NULL when someone else held it or it failed */
    struct journal *journal;    /* ours; ed->journal borrows it */
    struct lock_owner holder;   /* who held the lock when we opened (not SESSION_LOCKED) */
    char *lock_file;            /* the lock file's path, for messages */
    char journal_problem[300];  /* the journal's last failure, "" once a write succeeds */
};

/* What the lock said when the session opened the sheet. */
enum session_lock_state {
    SESSION_LOCKED,             /* we hold it (a stale one taken over: took_over) */
    SESSION_ALONGSIDE,          /* a running editor holds it: edit alongside, saves merge */
    SESSION_ELSEWHERE,          /* held from another computer: running or switched off, only
                                   a person can tell (edit alongside, or break it) */
    SESSION_STALE,              /* its editor is gone (this host): the clerk may take over */
    SESSION_NO_LOCK,            /* cannot lock (e says why): read-only */
};

/* Start a session for ed's current sheet (ed->stamp is the file as loaded). */
void session_init(struct session *s, struct editor *ed);

/*
 * Look at the lock and take it when nobody holds it.  *took_over (may be
 * NULL) is set when a stale lock was taken over on the way.
 */
enum session_lock_state session_lock(struct session *s, bool *took_over, struct error *e);
/* The clerk said take over the stale lock. */
enum session_lock_state session_take_over(struct session *s, struct error *e);
/*
 * The clerk said the other computer holding the lock is off: remove the
 * lock (only if it is still the one seen) and take it.  False with e set
 * when it changed meanwhile or cannot be removed.
 */
bool session_break_lock(struct session *s, struct error *e);

/* ---- recovery -------------------------------------------------------------------- */

/*
 * A journal left by an editor of this sheet that is gone (every editor
 * keeps one; those of running editors are never offered): returns 1 and
 * fills log (free with journal_log_free) and *file (caller frees), 0
 * when there is none, -1 when one is there but cannot be read (e says
 * why; *file is set, log holds nothing).  One at a time: the next is
 * found when the sheet is opened again.
 */
int session_find_recovery(struct session *s, struct journal_log *log, char **file,
                          struct error *e);
/* The recovery question's text: who, when, each net change, and what changed since. */
void session_describe_recovery(const struct session *s, const struct journal_log *log,
                               struct strbuf *body);
/*
 * Apply log (read from file) to the sheet and make it this session's
 * journal (file is removed once they are in ours).  False (the sheet
 * unchanged, the journal kept, the editor read-only) when it does not
 * fit; the editor's message says why either way.
 */
bool session_recover(struct session *s, struct journal_log *log, const char *file);
/* The clerk discarded the journal file. */
int session_discard_recovery(struct session *s, const char *file, struct error *e);

/* ---- while editing -------------------------------------------------------------- */

/*
 * Start this session's journal (no file until the first change is synced):
 * the lock holder's, or one named for this editor when editing alongside.
 */
bool session_start_journal(struct session *s);
/* Write the journal when due; now_ms is a monotonic clock.  True when its problem came or went. */
bool session_tick(struct session *s, long long now_ms);
/* Write what the journal holds now (before a long wait, e.g. $EDITOR). */
void session_sync(struct session *s);
/* Changes wait to be written: tick soon. */
bool session_wants_tick(const struct session *s);
/* "recovery journal not written: …" while the journal fails, else NULL. */
const char *session_journal_problem(const struct session *s);
/* Release the lock; keep the journal (synced) or remove it.  The session is done. */
void session_end(struct session *s, bool keep_journal);

/* ---- the file changed on disk ----------------------------------------------------- */

enum session_disk {
    SESSION_DISK_GONE,          /* cannot be read (e): saving would create it again */
    SESSION_DISK_UNPARSED,      /* read but not a sheet (e): only overwrite makes sense */
    SESSION_DISK_SHEET,         /* *disk is the sheet on disk, *now its stamp */
};
/* Read the sheet on disk as it is now, to compare with or reload. */
enum session_disk session_read_disk(const struct session *s, struct sheet **disk,
                                    struct filestamp *now, struct error *e);
/* Each item's fields that differ between the file on disk and this session, for a question. */
void session_describe_differences(const struct sheet *disk, const struct sheet *mine,
                                  struct strbuf *out);

#endif
