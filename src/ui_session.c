/*
 * ui_session.c - what keeps a clerk's work safe while editing, and the
 * questions it asks: one editor per sheet (the lock), recovery of unsaved
 * changes after a crash (the journal), and a file changed on disk by
 * someone else before we save over it.  View mode uses none of this.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "journal_net.h"
#include "lock.h"
#include "overview.h"
#include "sidefile.h"
#include "ui.h"
#include "utf8.h"

/* ---- a question, asked full screen ------------------------------------------------ */

struct question {
    const char *title;
    const struct strbuf *body;
    const char *const *options;   /* "r" "open read-only" pairs */
    size_t n;                     /* pairs */
    int top;
};

/* "[R] recover them": the last option, the safe one, is also Esc's. */
static void option_label(const struct question *q, size_t i, struct strbuf *out)
{
    strbuf_addf(out, "%s", _(q->options[2 * i + 1]));
    if (i + 1 == q->n)
        strbuf_addstr(out, _(" (Esc)"));
}

/* The options on the last row, or the last two when one is too narrow: every key on screen. */
static void draw_options(struct ui *ui, const struct question *q)
{
    struct strbuf label = STRBUF_INIT;
    int total = 1;
    for (size_t i = 0; i < q->n; i++) {
        strbuf_reset(&label);
        option_label(q, i, &label);
        total += 4 + tui_width(label.buf, label.len) + 3;
    }
    int y = total > ui->cols ? ui->rows - 2 : ui->rows - 1, x = 1;
    for (size_t i = 0; i < q->n; i++) {
        strbuf_reset(&label);
        option_label(q, i, &label);
        int need = 4 + tui_width(label.buf, label.len);
        if (x > 1 && x + need > ui->cols && y + 1 < ui->rows) {
            y++;
            x = 1;
        }
        char key[8];
        snprintf(key, sizeof(key), "[%c]", q->options[2 * i][0] - 32);
        x += tui_str(y, x, ui->cols - x, key, ROLE_KEYNAME);
        x += tui_str(y, x + 1, ui->cols - x - 1, label.buf, ROLE_NORMAL) + 3;
    }
    strbuf_release(&label);
    tui_caret(y, 2);
}

static void draw_question(struct ui *ui, struct question *q)
{
    tui_clear();
    tui_hide_caret();
    tui_fill(0, 0, ui->cols, ROLE_BAR);
    tui_str(0, 1, ui->cols - 2, q->title, ROLE_BAR);
    struct layout lay = LAYOUT_INIT;
    layout_text(&lay, strbuf_cstr(q->body), q->body->len, ui->cols - 4);
    int rows = ui->rows - 4;
    if (q->top > (int)lay.nrows - rows)
        q->top = (int)lay.nrows - rows;
    if (q->top < 0)
        q->top = 0;
    for (int r = 0; r < rows && (size_t)(q->top + r) < lay.nrows; r++) {
        const struct layout_row *lr = &lay.rows[q->top + r];
        size_t end = lr->hard && lr->end > lr->start ? lr->end - 1 : lr->end;
        tui_text(2 + r, 2, ui->cols - 4, lay.text + lr->start, end - lr->start, ROLE_NORMAL);
    }
    if ((size_t)(q->top + rows) < lay.nrows)
        tui_str(ui->rows - 3, ui->cols - 12, 11, _("(more: Down)"), ROLE_DIM);
    layout_free(&lay);
    draw_options(ui, q);
    tui_refresh();
}

/* Ask until one of the options' keys is pressed; returns it (lower case), or 0 on hangup. */
static int ask(struct ui *ui, const char *title, const struct strbuf *body,
               const char *const *options, size_t n)
{
    struct question q = { title, body, options, n, 0 };
    for (;;) {
        draw_question(ui, &q);
        struct key k;
        tui_read_key(&k, 1000);
        if (k.kind == KEY_KIND_HANGUP || ui_signalled())
            return 0;
        if (k.kind == KEY_KIND_RESIZE)
            tui_size(&ui->rows, &ui->cols);
        if (k.kind == KEY_KIND_FUNC) {
            if (k.code == KEY_DOWN || k.code == KEY_NPAGE)
                q.top += k.code == KEY_DOWN ? 1 : ui->rows - 5;
            else if (k.code == KEY_UP || k.code == KEY_PPAGE)
                q.top -= k.code == KEY_UP ? 1 : ui->rows - 5;
        }
        if (k.kind != KEY_KIND_CHAR)
            continue;
        if (k.ch == 27)                 /* Esc: the last option, always the safe one */
            return (unsigned char)options[2 * (n - 1)][0];
        wint_t c = k.ch >= 'A' && k.ch <= 'Z' ? k.ch + 32 : k.ch;
        for (size_t i = 0; i < n; i++)
            if ((wint_t)options[2 * i][0] == c)
                return (int)c;
    }
}

/* ---- one editor per sheet ---------------------------------------------------------- */

static bool take_lock(struct ui *ui, const char *path)
{
    struct error e;
    bool took_over = false;
    struct lock_owner holder;
    enum lock_result r = lock_acquire(path, &ui->lock, &holder, &took_over, &e);
    if (r == LOCK_ACQUIRED) {
        if (took_over)
            editor_message(&ui->ed, false, "%s", _("took over a stale lock (its editor is gone)"));
        sidefile_clean_temps(path, 600);
        return true;
    }
    struct strbuf who = STRBUF_INIT;
    if (r == LOCK_HELD) {
        lock_describe(&holder, &who);
        editor_message(&ui->ed, false, _("read-only: being edited by %s"), who.buf);
    } else {
        editor_message(&ui->ed, false, _("read-only: cannot lock the sheet (%s)"), e.msg);
    }
    strbuf_release(&who);
    return false;
}

/*
 * Someone else edits the sheet: the lock is a notice, not a wall.  Saves
 * merge (ui_merge.c), so both keep what they typed; we hold no lock and
 * keep no journal (the journal is the lock holder's).
 */
static void edit_alongside(struct ui *ui, const struct lock_owner *holder)
{
    struct strbuf who = STRBUF_INIT;
    lock_describe(holder, &who);
    editor_message(&ui->ed, false, _("also being edited by %s: your saves merge with theirs "
                                     "(no recovery journal meanwhile)"), who.buf);
    strbuf_release(&who);
}

/* Returns false when the clerk chose to quit. */
static bool settle_lock(struct ui *ui, const char *path)
{
    struct lock_owner holder;
    struct error e;
    if (lock_inspect(path, &holder, &e) == 1) {
        if (!lock_owner_stale(&holder)) {
            edit_alongside(ui, &holder);
            return true;
        }
        struct strbuf body = STRBUF_INIT, who = STRBUF_INIT;
        lock_describe(&holder, &who);
        strbuf_addf(&body, _("%s is being edited by %s.\n\n"), path, who.buf);
        strbuf_addstr(&body, _("That editor is no longer running on this computer (the lock is "
                               "stale): you can take the sheet over.\n"));
        static const char *const dead[] = {
            "t", N_("take over and edit"), "r", N_("open read-only"), "q", N_("quit"),
        };
        int c = ask(ui, _("This sheet is in use"), &body, dead, 3);
        strbuf_release(&body);
        strbuf_release(&who);
        if (c == 'q' || c == 0)
            return false;
        if (c == 'r') {
            ui->ed.read_only = true;
            lock_describe(&holder, &who);
            editor_message(&ui->ed, false, _("read-only: being edited by %s"), who.buf);
            strbuf_release(&who);
            return true;
        }
    }
    if (!take_lock(ui, path))
        ui->ed.read_only = true;
    return true;
}

/* ---- recovery ------------------------------------------------------------------------ */

static void describe_log(const struct sheet *s, const struct journal_log *log,
                         const struct filestamp *now, struct strbuf *body)
{
    const struct journal_header *h = &log->header;
    /* The net change per field: five edits that came back to nothing are no change. */
    bool *shown = xcalloc(log->n_changes + 1, sizeof(bool));
    size_t net = journal_net_changes(s, log, shown);
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
        journal_describe(s, &log->changes[i], &line);
        strbuf_addstr(body, "  ");
        utf8_sanitize(line.buf, line.len, false, body);
        strbuf_addch(body, '\n');
    }
    strbuf_release(&line);
    free(shown);
    struct strbuf why = STRBUF_INIT;
    if (!journal_matches(h, now, &why))
        strbuf_addf(body, _("\nCareful: the sheet has changed on disk since then (%s); recovering "
                            "applies these changes to it as it is now.\n"), why.buf);
    strbuf_release(&why);
    if (log->bad_offset >= 0)
        strbuf_addf(body, _("\nThe journal is damaged at byte %lld: only the changes before it are "
                            "listed.\n"), log->bad_offset);
}

/* Apply log and make it this session's journal.  False (sheet unchanged) when it does not fit. */
static bool recover(struct ui *ui, const char *path, struct journal_log *log)
{
    struct editor *ed = &ui->ed;
    struct error e;
    /* Try on a copy first: a journal that does not fit must not leave half a recovery. */
    struct strbuf text = STRBUF_INIT;
    sheet_write(editor_sheet(ed), &text);
    struct sheet *trial = sheet_parse(text.buf, text.len, path, editor_sheet(ed)->form, &e);
    /* The sheet as it was, so that only items whose content changed get a new stamp. */
    struct sheet *before = trial ? sheet_parse(text.buf, text.len, path, editor_sheet(ed)->form, &e) : NULL;
    strbuf_release(&text);
    log->sheet_unchanged = ed->have_stamp && journal_matches(&log->header, &ed->stamp, NULL);
    long applied = trial ? journal_apply(trial, log, &e) : -1;
    sheet_free(trial);
    if (applied < 0) {
        sheet_free(before);
        editor_message(ed, true, _("the unsaved changes do not fit this sheet (%s); the journal is "
                                   "kept, and the sheet opened read-only"), e.msg);
        ed->read_only = true;
        return false;
    }
    journal_apply(editor_sheet(ed), log, &e);
    ed->journal = journal_create(path, &ed->stamp, JOURNAL_REPLACE, &e);
    if (ed->journal) {
        journal_carry_over(ed->journal, log);
        if (journal_sync(ed->journal, &e) < 0)
            editor_message(ed, true, _("recovery journal not written: %s"), e.msg);
    }
    editor_replace_sheet(ed, editor_sheet(ed), NULL);
    editor_mark_unsaved_against(ed, before);
    sheet_free(before);
    /* Show the last change, where the clerk was when the session ended. */
    const struct journal_change *last = &log->changes[log->n_changes - 1];
    editor_goto(ed, ed->cur_sheet, last->item);
    int f = last->key ? form_field_index(editor_sheet(ed)->form, last->key) : -1;
    if (f >= 0 && editor_focusable(ed, f))
        editor_focus(ed, f);
    editor_message(ed, false, _("recovered %zu unsaved changes: check them, then save with Ctrl-S"),
                   log->n_changes);
    return true;
}

/* Returns false when the clerk chose to quit. */
static bool settle_journal(struct ui *ui, const char *path)
{
    struct editor *ed = &ui->ed;
    char *jp = journal_find(path);
    struct error e;
    if (jp) {
        struct journal_log log;
        if (journal_read(jp, &log, &e) < 0 && log.n_changes == 0) {
            editor_message(ed, true, _("a recovery journal %s could not be read (%s); it is kept"),
                           jp, e.msg);
            ed->read_only = true;
            free(jp);
            journal_log_free(&log);
            return true;
        }
        struct strbuf body = STRBUF_INIT;
        describe_log(editor_sheet(ed), &log, &ed->stamp, &body);
        static const char *const options[] = {
            "r", N_("recover them"), "d", N_("discard them"), "v", N_("open read-only"),
            "q", N_("quit (keep them for later)"),
        };
        int c = log.n_changes ? ask(ui, _("Unsaved changes were found"), &body, options, 4) : 'd';
        strbuf_release(&body);
        bool go_on = c != 'q' && c != 0;
        if (c == 'r' && recover(ui, path, &log)) {
            journal_log_free(&log);
            free(jp);
            return true;
        }
        if (c == 'd' && journal_remove(path, &e) < 0)
            editor_message(ed, true, _("the journal could not be removed: %s"), e.msg);
        if (c == 'v')
            ed->read_only = true;
        journal_log_free(&log);
        free(jp);
        if (!go_on || ed->read_only)
            return go_on;
    }
    ed->journal = journal_create(path, &ed->stamp, 0, &e);
    if (!ed->journal)
        editor_message(ed, true, _("no recovery journal: %s"), e.msg);
    return true;
}

bool ui_session_start(struct ui *ui, const struct filestamp *stamp)
{
    struct editor *ed = &ui->ed;
    if (!stamp || ed->read_only)
        return true;
    ed->stamp = *stamp;
    ed->have_stamp = true;
    const char *path = editor_sheet(ed)->path;
    if (!settle_lock(ui, path))
        return false;
    if (ed->read_only)
        return true;
    ui_merge_remember_base(ui);   /* before a recovery changes the sheet */
    if (!ui->lock)
        return true;              /* editing alongside the lock's holder */
    return settle_journal(ui, path);
}

/* ---- while editing -------------------------------------------------------------------- */

void ui_session_tick(struct ui *ui, long long now_ms)
{
    struct editor *ed = &ui->ed;
    struct error e;
    if (ed->journal && journal_maybe_sync(ed->journal, now_ms, &e) < 0)
        editor_message(ed, true, _("recovery journal not written: %s"), e.msg);
}

void ui_session_sync(struct ui *ui)
{
    struct editor *ed = &ui->ed;
    struct error e;
    if (ed->journal && journal_pending(ed->journal) > 0 && journal_sync(ed->journal, &e) < 0)
        editor_message(ed, true, _("recovery journal not written: %s"), e.msg);
}

bool ui_session_wants_tick(const struct ui *ui)
{
    return ui->ed.journal && journal_pending(ui->ed.journal) > 0;
}

/* Each item whose fields differ between the file on disk and this session. */
static void describe_differences(const struct sheet *disk, const struct sheet *mine,
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
            if (str_eq(va ? va : "", vb ? vb : ""))
                continue;
            if (++shown > 200)
                continue;
            strbuf_addf(out, "%s %ld  %s\n", f->item_label, no, f->fields[k].label);
            strbuf_addstr(out, _("  on disk: "));
            utf8_sanitize(va ? va : "", va ? strlen(va) : 0, false, out);
            strbuf_addstr(out, _("\n  here:    "));
            utf8_sanitize(vb ? vb : "", vb ? strlen(vb) : 0, false, out);
            strbuf_addch(out, '\n');
        }
    }
    if (shown > 200)
        strbuf_addf(out, _("... and %zu more differences\n"), shown - 200);
    if (shown == 0)
        strbuf_addstr(out, _("(the fields are the same; only the file's layout or comments "
                             "differ)\n"));
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

static void save_asking(struct ui *ui)
{
    struct editor *ed = &ui->ed;
    if (editor_save(ed, false) != EDITOR_SAVE_CONFLICT || ui_merge_on_save(ui))
        return;
    char *text;
    size_t len;
    struct filestamp now;
    struct error e;
    if (filestamp_read(editor_sheet(ed)->path, &text, &len, &now, &e) < 0) {
        /* Gone or unreadable: saving would create it again. */
        static const char *const options[] = { "o", N_("save here anyway"), "c", N_("cancel") };
        struct strbuf body = STRBUF_INIT;
        strbuf_addf(&body, _("%s cannot be read any more (%s).\n"), editor_sheet(ed)->path, e.msg);
        if (ask(ui, _("The file changed on disk"), &body, options, 2) == 'o')
            editor_save(ed, true);
        strbuf_release(&body);
        return;
    }
    struct sheet *disk = sheet_parse(text, len, editor_sheet(ed)->path, editor_sheet(ed)->form, &e);
    free(text);
    struct strbuf body = STRBUF_INIT;
    strbuf_addf(&body, _("Someone changed %s on disk after you opened it. Saving now would "
                         "overwrite their changes.\n\nWhat differs (on disk / here):\n\n"),
                editor_sheet(ed)->path);
    if (disk)
        describe_differences(disk, editor_sheet(ed), &body);
    else
        strbuf_addf(&body, _("(the file on disk does not parse: %s)\n"), e.msg);
    static const char *const options[] = {
        "o", N_("overwrite with mine"), "r", N_("reload theirs (mine are lost)"), "c", N_("cancel"),
    };
    static const char *const no_reload[] = { "o", N_("overwrite with mine"), "c", N_("cancel") };
    int c = disk ? ask(ui, _("The file changed on disk"), &body, options, 3)
                 : ask(ui, _("The file changed on disk"), &body, no_reload, 2);
    strbuf_release(&body);
    if (c == 'o')
        editor_save(ed, true);
    else if (c == 'r' && disk) {
        reload(ui, disk, &now);
        disk = NULL;
    } else
        editor_message(ed, false, "%s", _("not saved"));
    sheet_free(disk);
}

void ui_save(struct ui *ui)
{
    if (!ui_merge_resolve_recorded(ui))
        save_asking(ui);
    ui_merge_remember_base(ui);
}

int ui_session_ask(struct ui *ui, const char *title, const struct strbuf *body,
                   const char *const *options, size_t n)
{
    return ask(ui, title, body, options, n);
}

void ui_session_reload(struct ui *ui, struct sheet *disk, const struct filestamp *stamp)
{
    reload(ui, disk, stamp);
}

void ui_session_end(struct ui *ui, bool keep_journal)
{
    strbuf_release(&ui->merge_base);
    struct editor *ed = &ui->ed;
    struct error e;
    if (ed->journal) {
        if (keep_journal) {
            journal_sync(ed->journal, &e);
            journal_close(ed->journal);
        } else {
            journal_discard(ed->journal, &e);
        }
        ed->journal = NULL;
    }
    if (ui->lock) {
        lock_release(ui->lock, &e);
        ui->lock = NULL;
    }
}
