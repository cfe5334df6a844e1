/*
 * session.c - the editing session's safety, without a terminal: lock,
 * journal, recovery and the file on disk (see session.h).  Everything
 * the clerk reads goes through the editor's message or a text the
 * screens show; nothing here draws.
 */
#include "session.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "journal_net.h"
#include "sidefile.h"
#include "utf8.h"

void session_init(struct session *s, struct editor *ed)
{
    memset(s, 0, sizeof(*s));
    s->ed = ed;
    s->path = xstrdup(editor_sheet(ed)->path);
    s->lock_file = sidefile_path(s->path, SIDEFILE_LOCK);
}

/* ---- the lock ---------------------------------------------------------------------- */

static enum session_lock_state acquire(struct session *s, bool *took_over, struct error *e)
{
    enum lock_result r = lock_acquire(s->path, &s->lock, &s->holder, took_over, e);
    if (r == LOCK_ACQUIRED) {
        /* Only the lock's holder may remove temps a killed save left. */
        sidefile_clean_temps(s->path, 600);
        return SESSION_LOCKED;
    }
    /* Held: taken meanwhile by a newcomer, who is running. */
    return r == LOCK_HELD ? SESSION_ALONGSIDE : SESSION_NO_LOCK;
}

enum session_lock_state session_lock(struct session *s, bool *took_over, struct error *e)
{
    if (took_over)
        *took_over = false;
    int found = lock_inspect(s->path, &s->holder, e);
    if (found != 1)
        return acquire(s, took_over, e);
    if (lock_owner_stale(&s->holder))
        return SESSION_STALE;
    char host[256];
    sidefile_host(host, sizeof(host));
    return str_eq(s->holder.host, host) || s->holder.pid <= 0 ? SESSION_ALONGSIDE
                                                               : SESSION_ELSEWHERE;
}

bool session_break_lock(struct session *s, struct error *e)
{
    if (lock_break(s->path, &s->holder, e) < 0)
        return false;
    if (acquire(s, NULL, e) == SESSION_LOCKED)
        return true;
    if (!s->lock)
        error_set(e, s->lock_file, 0, 0, "%s", _("someone took the sheet's lock meanwhile"));
    return false;
}

enum session_lock_state session_take_over(struct session *s, struct error *e)
{
    return acquire(s, NULL, e);
}

/* ---- recovery ---------------------------------------------------------------------- */

/* Does the lock name the editor that wrote h? */
static bool lock_names(const struct session *s, const struct journal_header *h)
{
    struct lock_owner o;
    struct error e;
    return lock_inspect(s->path, &o, &e) == 1 && str_eq(o.host, h->host) && o.pid == h->pid;
}

/*
 * Is the editor that wrote this journal still running?  The lock holder's
 * journal: while the lock names it (an editor syncs its journal before it
 * lets the lock go; a stale lock is taken over before journals are
 * looked at).  One named for its editor: on this computer its process
 * tells; another computer's is taken as running (only that computer can
 * tell, and offers it there).
 */
static bool writer_running(const struct session *s, const char *file,
                           const struct journal_header *h)
{
    char host[256];
    sidefile_host(host, sizeof(host));
    bool here = str_eq(h->host, host);
    if (here && h->pid == (long)getpid())
        return true;
    if (!journal_own_named(file))
        return lock_names(s, h);
    if (!here)
        return true;
    return h->pid > 0 && (kill((pid_t)h->pid, 0) == 0 || errno == EPERM);
}

/* Read one journal: 1 when it is a gone editor's, 0 a running one's, -1 unreadable. */
static int read_if_gone(const struct session *s, const char *file, struct journal_log *log,
                        struct error *e)
{
    if (journal_read(file, log, e) < 0 && log->n_changes == 0) {
        journal_log_free(log);
        return -1;
    }
    if (log->header.host && writer_running(s, file, &log->header)) {
        journal_log_free(log);
        return 0;
    }
    return 1;
}

int session_find_recovery(struct session *s, struct journal_log *log, char **file,
                          struct error *e)
{
    memset(log, 0, sizeof(*log));
    *file = NULL;
    char **files;
    size_t n = journal_list(s->path, &files);
    int found = 0;
    for (size_t i = 0; i < n; i++) {
        if (found == 0) {
            memset(log, 0, sizeof(*log));
            found = read_if_gone(s, files[i], log, e);
            if (found != 0) {
                *file = files[i];
                continue;
            }
        }
        free(files[i]);
    }
    free(files);
    return found;
}

static void describe_changes(const struct sheet *sh, const struct journal_log *log,
                             struct strbuf *body)
{
    const struct journal_header *h = &log->header;
    /* The net change per field: five edits that came back to nothing are no change. */
    bool *shown = xcalloc(log->n_changes + 1, sizeof(bool));
    size_t net = journal_net_changes(sh, log, shown);
    strbuf_addf(body, _("torikumi was not closed properly: %s on %s (pid %ld) started editing "
                        "at %s and did not save these %zu changes:\n\n"),
                h->user, h->host, h->pid, h->started, net);
    if (net == 0)
        strbuf_addstr(body, _("  (none in the end: every edit was changed back)\n"));
    struct strbuf line = STRBUF_INIT;
    for (size_t i = 0; i < log->n_changes; i++) {
        if (!shown[i])
            continue;
        strbuf_reset(&line);
        journal_describe(sh, &log->changes[i], &line);
        strbuf_addstr(body, "  ");
        utf8_sanitize(line.buf, line.len, false, body);
        strbuf_addch(body, '\n');
    }
    strbuf_release(&line);
    free(shown);
}

void session_describe_recovery(const struct session *s, const struct journal_log *log,
                               struct strbuf *body)
{
    describe_changes(editor_sheet(s->ed), log, body);
    struct strbuf why = STRBUF_INIT;
    if (!journal_matches(&log->header, &s->ed->stamp, &why))
        strbuf_addf(body, _("\nCareful: the sheet has changed on disk since then (%s); recovering "
                            "applies these changes to it as it is now.\n"), why.buf);
    strbuf_release(&why);
    if (log->bad_offset >= 0)
        strbuf_addf(body, _("\nThe journal is damaged at byte %lld: only the changes before it are "
                            "listed.\n"), log->bad_offset);
}

/* Does log apply to a copy of the sheet?  *before gets the sheet as it was (caller frees). */
static bool fits(struct editor *ed, struct journal_log *log, struct sheet **before,
                 struct error *e)
{
    struct strbuf text = STRBUF_INIT;
    sheet_write(editor_sheet(ed), &text);
    struct sheet *trial = sheet_parse(text.buf, text.len, editor_sheet(ed)->path, editor_sheet(ed)->form, e);
    *before = trial ? sheet_parse(text.buf, text.len, editor_sheet(ed)->path, editor_sheet(ed)->form, e) : NULL;
    strbuf_release(&text);
    long applied = trial ? journal_apply(trial, log, e) : -1;
    sheet_free(trial);
    return applied >= 0;
}

/* This session's journal: the lock holder's name, or one of its own beside it. */
static unsigned journal_name_flag(const struct session *s)
{
    return s->lock ? 0 : JOURNAL_OWN_NAME;
}

/*
 * The recovered changes become this session's journal; the file they came
 * from goes once they are written in ours (it may be another editor's name).
 */
static void carry_over(struct session *s, const struct journal_log *log, const char *from)
{
    struct editor *ed = s->ed;
    struct error e;
    s->journal = journal_create(s->path, &ed->stamp, JOURNAL_REPLACE | journal_name_flag(s), &e);
    ed->journal = s->journal;
    if (!s->journal)
        return;
    journal_carry_over(s->journal, log);
    session_sync(s);
    if (!session_journal_problem(s) && !str_eq(from, journal_path(s->journal)))
        journal_remove_file(from, &e);
}

/* Show the last change, where the clerk was when the session ended. */
static void go_to_last_change(struct editor *ed, const struct journal_log *log)
{
    const struct journal_change *last = &log->changes[log->n_changes - 1];
    editor_goto(ed, ed->cur_sheet, last->item);
    int f = last->key ? form_field_index(editor_sheet(ed)->form, last->key) : -1;
    if (f >= 0 && editor_focusable(ed, f))
        editor_focus(ed, f);
}

bool session_recover(struct session *s, struct journal_log *log, const char *file)
{
    struct editor *ed = s->ed;
    struct error e;
    /* Item positions are exact only on the sheet the journal was started on. */
    log->sheet_unchanged = ed->have_stamp && journal_matches(&log->header, &ed->stamp, NULL);
    struct sheet *before;
    if (!fits(ed, log, &before, &e)) {
        /* A journal that does not fit must not leave half a recovery. */
        sheet_free(before);
        editor_message(ed, true, _("the unsaved changes do not fit this sheet (%s); the journal is "
                                   "kept, and the sheet opened read-only"), e.msg);
        ed->read_only = true;
        return false;
    }
    journal_apply(editor_sheet(ed), log, &e);
    carry_over(s, log, file);
    editor_replace_sheet(ed, editor_sheet(ed), NULL);
    /* Only items whose content changed count as unsaved and get a new stamp. */
    editor_mark_unsaved_against(ed, before);
    sheet_free(before);
    go_to_last_change(ed, log);
    if (!session_journal_problem(s))
        editor_message(ed, false, _("recovered %zu unsaved changes: check them, then save with "
                                    "Ctrl-S"), log->n_changes);
    return true;
}

int session_discard_recovery(struct session *s, const char *file, struct error *e)
{
    (void)s;
    return journal_remove_file(file, e);
}

/* ---- while editing ------------------------------------------------------------------ */

static void journal_failed(struct session *s, const struct error *e)
{
    snprintf(s->journal_problem, sizeof(s->journal_problem),
             _("recovery journal not written: %s"), e->msg);
}

bool session_start_journal(struct session *s)
{
    struct error e;
    s->journal = journal_create(s->path, &s->ed->stamp, journal_name_flag(s), &e);
    s->ed->journal = s->journal;
    if (!s->journal)
        editor_message(s->ed, true, _("no recovery journal: %s"), e.msg);
    return s->journal != NULL;
}

bool session_tick(struct session *s, long long now_ms)
{
    struct error e;
    bool had_problem = s->journal_problem[0] != '\0';
    int r = s->journal ? journal_maybe_sync(s->journal, now_ms, &e) : 0;
    if (r < 0)
        journal_failed(s, &e);
    else if (r > 0)
        s->journal_problem[0] = '\0';
    return had_problem != (s->journal_problem[0] != '\0');
}

void session_sync(struct session *s)
{
    struct error e;
    if (!s->journal || journal_pending(s->journal) == 0)
        return;
    if (journal_sync(s->journal, &e) < 0)
        journal_failed(s, &e);
    else
        s->journal_problem[0] = '\0';
}

bool session_wants_tick(const struct session *s)
{
    return s->journal && journal_pending(s->journal) > 0;
}

const char *session_journal_problem(const struct session *s)
{
    return s->journal_problem[0] ? s->journal_problem : NULL;
}

void session_end(struct session *s, bool keep_journal)
{
    struct error e;
    if (s->journal) {
        if (keep_journal) {
            journal_sync(s->journal, &e);
            journal_close(s->journal);
        } else {
            journal_discard(s->journal, &e);
        }
        s->journal = NULL;
        if (s->ed)
            s->ed->journal = NULL;
    }
    if (s->lock) {
        lock_release(s->lock, &e);
        s->lock = NULL;
    }
    free(s->path);
    free(s->lock_file);
    s->path = s->lock_file = NULL;
}

/* ---- the file changed on disk ------------------------------------------------------- */

enum session_disk session_read_disk(const struct session *s, struct sheet **disk,
                                    struct filestamp *now, struct error *e)
{
    char *text;
    size_t len;
    *disk = NULL;
    if (filestamp_read(s->path, &text, &len, now, e) < 0)
        return SESSION_DISK_GONE;
    *disk = sheet_parse(text, len, s->path, editor_sheet(s->ed)->form, e);
    free(text);
    return *disk ? SESSION_DISK_SHEET : SESSION_DISK_UNPARSED;
}

static void describe_field(const char *on_disk, const char *here, struct strbuf *out)
{
    strbuf_addstr(out, _("  on disk: "));
    utf8_sanitize(on_disk, strlen(on_disk), false, out);
    strbuf_addstr(out, _("\n  here:    "));
    utf8_sanitize(here, strlen(here), false, out);
    strbuf_addch(out, '\n');
}

void session_describe_differences(const struct sheet *disk, const struct sheet *mine,
                                  struct strbuf *out)
{
    const struct form *f = mine->form;
    size_t shown = 0;
    for (size_t i = 0; i < mine->n_items || i < disk->n_items; i++) {
        const struct item *a = i < disk->n_items ? &disk->items[i] : NULL;
        const struct item *b = i < mine->n_items ? &mine->items[i] : NULL;
        long no = b ? item_number(mine, b) : item_number(disk, a);
        for (size_t k = 0; k < f->n_fields; k++) {
            if ((int)k == f->stamp_field)
                continue;
            const char *va = a ? item_get_key(a, f->fields[k].key) : NULL;
            const char *vb = b ? item_get_key(b, f->fields[k].key) : NULL;
            if (str_eq(va ? va : "", vb ? vb : "") || ++shown > 200)
                continue;
            strbuf_addf(out, "%s %ld  %s\n", f->item_label, no, f->fields[k].label);
            describe_field(va ? va : "", vb ? vb : "", out);
        }
    }
    if (shown > 200)
        strbuf_addf(out, _("... and %zu more differences\n"), shown - 200);
    if (shown == 0)
        strbuf_addstr(out, _("(the fields are the same; only the file's layout or comments "
                             "differ)\n"));
}
