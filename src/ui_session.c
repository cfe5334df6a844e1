/*
 * ui_session.c - the questions of keeping a clerk's work safe: taking
 * over a stale lock, recovering unsaved changes after a crash, and a file
 * changed on disk by someone else before we save over it.  session.c
 * decides what can be decided without the clerk; this file asks the
 * rest (as questions on their own screen, answered later from the main
 * loop) and shows what happened.  View mode uses none of this.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "overview.h"
#include "ui.h"

/* ---- opening: the lock ---------------------------------------------------------------- */

static void settle_journal(struct ui *ui);

static void say_read_only_held(struct ui *ui, const struct lock_owner *holder)
{
    struct strbuf who = STRBUF_INIT;
    lock_describe(holder, &who);
    editor_message(&ui->ed, false, _("read-only: being edited by %s"), who.buf);
    strbuf_release(&who);
}

/*
 * Someone else edits the sheet: the lock is a notice, not a wall.  Saves
 * merge (ui_merge.c), so both keep what they typed.
 */
static void say_alongside(struct ui *ui, const struct lock_owner *holder)
{
    struct strbuf who = STRBUF_INIT;
    lock_describe(holder, &who);
    editor_message(&ui->ed, false, _("also being edited by %s: your saves merge with theirs"),
                   who.buf);
    strbuf_release(&who);
}

/* What the lock said decides how editing goes on. */
static void lock_settled(struct ui *ui, enum session_lock_state st, bool took_over,
                         const struct error *e)
{
    struct session *s = &ui->session;
    if (st == SESSION_NO_LOCK) {
        editor_message(&ui->ed, false, _("read-only: cannot lock the sheet (%s)"), e->msg);
        ui->ed.read_only = true;
        return;
    }
    if (took_over)
        editor_message(&ui->ed, false, "%s", _("took over a stale lock (its editor is gone)"));
    if (st == SESSION_ALONGSIDE)
        say_alongside(ui, &s->holder);
    ui_merge_remember_base(ui);   /* before a recovery changes the sheet */
    settle_journal(ui);           /* every editor keeps a journal, alongside or not */
}

static void stale_answered(struct ui *ui, int key, void *ctx)
{
    (void)ctx;
    struct session *s = &ui->session;
    if (key == 'q' || key == 0) {
        ui->quit = true;
    } else if (key == 'r') {
        ui->ed.read_only = true;
        say_read_only_held(ui, &s->holder);
    } else {
        struct error e;
        lock_settled(ui, session_take_over(s, &e), true, &e);
    }
}

/* "sheet.rec is being edited by tanaka on ward-pc-12 (pid 4711) since …": a lock question's start. */
static void say_who_edits(const struct session *s, struct strbuf *body)
{
    struct strbuf who = STRBUF_INIT;
    lock_describe(&s->holder, &who);
    strbuf_addf(body, _("%s is being edited by %s.\n\n"), s->path, who.buf);
    strbuf_release(&who);
}

static void ask_stale(struct ui *ui)
{
    struct strbuf body = STRBUF_INIT;
    say_who_edits(&ui->session, &body);
    strbuf_addstr(&body, _("That editor is no longer running on this computer (the lock is "
                           "stale): you can take the sheet over.\n"));
    static const char *const dead[] = {
        "t", N_("take over and edit"), "r", N_("open read-only"), "q", N_("quit"),
    };
    ui_ask(ui, _("This sheet is in use"), &body, dead, 3, stale_answered, NULL);
    strbuf_release(&body);
}

static void elsewhere_answered(struct ui *ui, int key, void *ctx)
{
    (void)ctx;
    struct session *s = &ui->session;
    struct error e = { 0 };
    if (key == 0)
        return;
    if (key == 'r') {
        ui->ed.read_only = true;
        say_read_only_held(ui, &s->holder);
        return;
    }
    if (key == 'b' && session_break_lock(s, &e)) {
        lock_settled(ui, SESSION_LOCKED, false, &e);
        editor_message(&ui->ed, false, _("broke the lock %s; the sheet is yours"), s->lock_file);
        return;
    }
    lock_settled(ui, SESSION_ALONGSIDE, false, &e);
    if (key == 'b')
        editor_message(&ui->ed, true, _("the lock was not broken (%s); editing alongside"), e.msg);
}

/* Another computer's lock: only the clerk can tell whether that computer is off. */
static void ask_elsewhere(struct ui *ui)
{
    struct session *s = &ui->session;
    struct strbuf body = STRBUF_INIT;
    say_who_edits(s, &body);
    strbuf_addf(&body, _("The lock file %s says so. Whether torikumi still runs on %s cannot be "
                         "seen from here.\n\nIf it was closed there, or that computer is "
                         "switched off, break the lock: the sheet is then yours, and its "
                         "unsaved changes, if it left any, are offered to you. Otherwise edit "
                         "alongside: your saves merge with theirs.\n"),
                s->lock_file, s->holder.host);
    static const char *const options[] = {
        "b", N_("break the lock (that computer is off)"), "r", N_("open read-only"),
        "e", N_("edit alongside"),
    };
    ui_ask(ui, _("This sheet is in use on another computer"), &body, options, 3,
           elsewhere_answered, NULL);
    strbuf_release(&body);
}

/* ---- opening: recovery ----------------------------------------------------------------- */

struct found_journal {
    struct journal_log log;
    char *file;
};

static void found_free(struct found_journal *f)
{
    journal_log_free(&f->log);
    free(f->file);
    free(f);
}

static void recovery_answered(struct ui *ui, int key, void *ctx)
{
    struct found_journal *f = ctx;
    struct session *s = &ui->session;
    struct error e;
    if (key == 'q' || key == 0)
        ui->quit = true;
    else if (key == 'v')
        ui->ed.read_only = true;
    else if (key == 'r')
        session_recover(s, &f->log, f->file);
    else if (session_discard_recovery(s, f->file, &e) < 0)
        editor_message(&ui->ed, true, _("the journal could not be removed: %s"), e.msg);
    if (key == 'd')
        session_start_journal(s);
    found_free(f);
}

static void settle_journal(struct ui *ui)
{
    struct session *s = &ui->session;
    struct found_journal *f = xcalloc(1, sizeof(*f));
    struct error e;
    int found = session_find_recovery(s, &f->log, &f->file, &e);
    if (found < 0) {
        editor_message(&ui->ed, true, _("a recovery journal %s could not be read (%s); it is kept"),
                       f->file, e.msg);
        ui->ed.read_only = true;
        found_free(f);
        return;
    }
    if (found == 0) {
        found_free(f);
        session_start_journal(s);
        return;
    }
    if (f->log.n_changes == 0) {
        recovery_answered(ui, 'd', f);    /* nothing in it to offer */
        return;
    }
    struct strbuf body = STRBUF_INIT;
    session_describe_recovery(s, &f->log, &body);
    static const char *const options[] = {
        "r", N_("recover them"), "d", N_("discard them"), "v", N_("open read-only"),
        "q", N_("quit (keep them for later)"),
    };
    ui_ask(ui, _("Unsaved changes were found"), &body, options, 4, recovery_answered, f);
    strbuf_release(&body);
}

void ui_session_start(struct ui *ui, const struct filestamp *stamp)
{
    struct editor *ed = &ui->ed;
    if (!stamp || ed->read_only)
        return;
    ed->stamp = *stamp;
    ed->have_stamp = true;
    session_init(&ui->session, ed);
    bool took_over;
    struct error e;
    enum session_lock_state st = session_lock(&ui->session, &took_over, &e);
    if (st == SESSION_STALE)
        ask_stale(ui);
    else if (st == SESSION_ELSEWHERE)
        ask_elsewhere(ui);
    else
        lock_settled(ui, st, took_over, &e);
}

/* ---- while editing -------------------------------------------------------------------- */

bool ui_session_tick(struct ui *ui, long long now_ms)
{
    return session_tick(&ui->session, now_ms);
}

void ui_session_sync(struct ui *ui)
{
    session_sync(&ui->session);
}

bool ui_session_wants_tick(const struct ui *ui)
{
    return session_wants_tick(&ui->session);
}

static void reload(struct ui *ui, struct sheet *disk, const struct filestamp *stamp)
{
    struct editor *ed = &ui->ed;
    struct error e;
    struct sheet *old = editor_sheet(ed);
    /* The new sheet was parsed with the old one's form: it takes the form over. */
    disk->owns_form = old->owns_form;
    old->owns_form = false;
    editor_replace_sheet(ed, disk, stamp);
    /* Lists and searches borrowed the old sheet. */
    search_free(ui->find.search);
    ui->find.search = NULL;
    ui->find.shown = false;
    overview_free(ui->list.ov);
    ui->list.ov = NULL;
    sheet_free(old);
    if (ed->journal && journal_saved(ed->journal, stamp, &e) < 0)
        editor_message(ed, true, _("reloaded, but the journal could not be reset: %s"), e.msg);
    else
        editor_message(ed, false, _("reloaded %s from disk"), disk->path);
}

static void failed_answered(struct ui *ui, int key, void *ctx)
{
    char *why = ctx;
    if (key == 'a')
        ui_open_prompt(ui, PROMPT_SAVE_COPY, NULL);
    else
        editor_message(&ui->ed, true, "%s", why);
    free(why);
}

/* Saving in place failed (a full disk, the directory gone): a copy elsewhere is the way out. */
static void ask_failed(struct ui *ui)
{
    struct strbuf body = STRBUF_INIT;
    strbuf_addf(&body, "%s\n\n", ui->ed.message);
    strbuf_addstr(&body, _("Every change is still here, and in the recovery journal while it can "
                           "be written. Save a copy as another file (on another disk or a USB "
                           "stick), or cancel and save again once the disk has room.\n"));
    static const char *const options[] = {
        "a", N_("save a copy as another file"), "c", N_("cancel"),
    };
    ui_ask(ui, _("Saving failed"), &body, options, 2, failed_answered, xstrdup(ui->ed.message));
    strbuf_release(&body);
}

enum editor_save_result ui_save_or_ask(struct ui *ui, bool force)
{
    enum editor_save_result r = editor_save(&ui->ed, force);
    if (r == EDITOR_SAVE_FAILED && !ui->ed.read_only)
        ask_failed(ui);
    return r;
}

static void gone_answered(struct ui *ui, int key, void *ctx)
{
    (void)ctx;
    if (key == 'o')
        ui_save_or_ask(ui, true);
    else
        editor_message(&ui->ed, false, "%s", _("not saved"));
    ui_merge_remember_base(ui);
}

/* The sheet on disk as read when asking, to reload. */
struct on_disk {
    struct sheet *sheet;
    struct filestamp stamp;
};

static void changed_answered(struct ui *ui, int key, void *ctx)
{
    struct on_disk *d = ctx;
    if (key == 'o')
        ui_save_or_ask(ui, true);
    else if (key == 'r' && d->sheet) {
        reload(ui, d->sheet, &d->stamp);
        d->sheet = NULL;
    } else
        editor_message(&ui->ed, false, "%s", _("not saved"));
    sheet_free(d->sheet);
    free(d);
    ui_merge_remember_base(ui);
}

/* The file on disk cannot be read any more: saving would create it again. */
static void ask_gone(struct ui *ui, const struct error *e)
{
    static const char *const options[] = { "o", N_("save here anyway"), "c", N_("cancel") };
    struct strbuf body = STRBUF_INIT;
    strbuf_addf(&body, _("%s cannot be read any more (%s).\n"), editor_sheet(&ui->ed)->path, e->msg);
    ui_ask(ui, _("The file changed on disk"), &body, options, 2, gone_answered, NULL);
    strbuf_release(&body);
}

static void ask_changed(struct ui *ui, struct on_disk *d, const struct error *e)
{
    struct editor *ed = &ui->ed;
    const struct sheet *disk = d->sheet;
    struct strbuf body = STRBUF_INIT;
    strbuf_addf(&body, _("Someone changed %s on disk after you opened it. Saving now would "
                         "overwrite their changes.\n\nWhat differs (on disk / here):\n\n"),
                editor_sheet(ed)->path);
    if (disk)
        session_describe_differences(disk, editor_sheet(ed), &body);
    else
        strbuf_addf(&body, _("(the file on disk does not parse: %s)\n"), e->msg);
    static const char *const options[] = {
        "o", N_("overwrite with mine"), "r", N_("reload theirs (mine are lost)"), "c", N_("cancel"),
    };
    static const char *const no_reload[] = { "o", N_("overwrite with mine"), "c", N_("cancel") };
    if (disk)
        ui_ask(ui, _("The file changed on disk"), &body, options, 3, changed_answered, d);
    else
        ui_ask(ui, _("The file changed on disk"), &body, no_reload, 2, changed_answered, d);
    strbuf_release(&body);
}

/* True when the save is done now; otherwise a question finishes it. */
static bool save_asking(struct ui *ui)
{
    if (ui_save_or_ask(ui, false) != EDITOR_SAVE_CONFLICT || ui_merge_on_save(ui))
        return !ui->question.open;
    struct on_disk *d = xcalloc(1, sizeof(*d));
    struct error e;
    if (session_read_disk(&ui->session, &d->sheet, &d->stamp, &e) == SESSION_DISK_GONE) {
        free(d);
        ask_gone(ui, &e);
    } else {
        ask_changed(ui, d, &e);
    }
    return false;
}

void ui_save(struct ui *ui)
{
    if (ui->question.open)
        return;     /* one save at a time: the question on screen finishes the last one */
    if (!ui_merge_resolve_recorded(ui) && save_asking(ui))
        ui_merge_remember_base(ui);
}

void ui_session_reload(struct ui *ui, struct sheet *disk, const struct filestamp *stamp)
{
    reload(ui, disk, stamp);
}

void ui_session_end(struct ui *ui, bool keep_journal)
{
    strbuf_release(&ui->merge_base);
    session_end(&ui->session, keep_journal);
}
