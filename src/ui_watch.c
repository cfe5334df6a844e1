/*
 * ui_watch.c - sheets that change on disk while a supervisor views them
 * (read-only viewing of a shared folder goes on for hours).  Every
 * WATCH_INTERVAL_MS the view stats each sheet; when device, inode, size or
 * mtime moved, filestamp_check() reads and hashes it to tell a change from
 * a touch.  A changed sheet is named on the message line until R reloads
 * it; reloading keeps the position (the same item by number, the same row
 * of the list).  Only ever opens files for reading.
 *
 * The stamps come from cmd_view.c, taken before each sheet was loaded: a
 * change between stamping and loading shows up as a change (and a reload
 * of what is already shown), never goes unnoticed.  Known limit: a rewrite
 * that keeps size, mtime (coarse clocks) and inode is only seen once one
 * of them moves.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "filestamp.h"
#include "i18n.h"
#include "overview.h"
#include "ui.h"

#define WATCH_INTERVAL_MS 2000

struct ui_watch {
    struct filestamp *stamps;       /* per open sheet */
    bool *changed;
    size_t n;
    long long next_ms;
    struct strbuf notice;
};

void ui_watch_start(struct ui *ui, const struct filestamp *stamps)
{
    if (!stamps)
        return;
    struct ui_watch *w = xcalloc(1, sizeof(*w));
    w->n = ui->ed.n_open;
    w->stamps = xmalloc(w->n * sizeof(*w->stamps));
    memcpy(w->stamps, stamps, w->n * sizeof(*w->stamps));
    w->changed = xcalloc(w->n, sizeof(bool));
    ui->watch = w;
}

void ui_watch_free(struct ui *ui)
{
    struct ui_watch *w = ui->watch;
    if (!w)
        return;
    free(w->stamps);
    free(w->changed);
    strbuf_release(&w->notice);
    free(w);
    ui->watch = NULL;
}

/* Cheap first look: did anything stat shows move? */
static bool stat_moved(const char *path, const struct filestamp *st)
{
    struct stat now;
    if (stat(path, &now) != 0)
        return st->exists;
    return !st->exists || now.st_dev != st->dev || now.st_ino != st->ino ||
           (long long)now.st_size != st->size || (long long)now.st_mtim.tv_sec != st->mtime_sec ||
           now.st_mtim.tv_nsec != st->mtime_nsec;
}

/* True when sheet i is newly seen changed. */
static bool look(struct ui *ui, size_t i)
{
    struct ui_watch *w = ui->watch;
    const char *path = ui->ed.sheets[i]->path;
    if (w->changed[i] || !path || !stat_moved(path, &w->stamps[i]))
        return false;
    struct filestamp now;
    struct error e;
    int v = filestamp_check(path, &w->stamps[i], NULL, &now, &e);
    if (v == FILESTAMP_TOUCHED) {
        w->stamps[i] = now;         /* same bytes: nothing to reload */
        return false;
    }
    w->changed[i] = v != FILESTAMP_UNCHANGED;       /* changed, or now unreadable */
    return w->changed[i];
}

bool ui_watch_tick(struct ui *ui, long long now_ms)
{
    struct ui_watch *w = ui->watch;
    if (!w || now_ms < w->next_ms)
        return false;
    w->next_ms = now_ms + WATCH_INTERVAL_MS;
    bool news = false;
    for (size_t i = 0; i < w->n; i++)
        news |= look(ui, i);
    return news;
}

static size_t n_changed(const struct ui_watch *w)
{
    size_t n = 0;
    for (size_t i = 0; i < w->n; i++)
        n += w->changed[i];
    return n;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

const char *ui_watch_notice(struct ui *ui)
{
    struct ui_watch *w = ui->watch;
    size_t n = w ? n_changed(w) : 0;
    if (n == 0)
        return NULL;
    strbuf_reset(&w->notice);
    size_t first = 0;
    while (!w->changed[first])
        first++;
    if (n == 1)
        strbuf_addf(&w->notice, _("%s changed on disk: R reloads it"),
                    base_name(ui->ed.sheets[first]->path));
    else
        strbuf_addf(&w->notice, _("%s and %zu other sheets changed on disk: R reloads them"),
                    base_name(ui->ed.sheets[first]->path), n - 1);
    return w->notice.buf;
}

/* ---- reloading ------------------------------------------------------------------ */

/* Where the supervisor is, by what survives a reload: sheet, item number, list row. */
struct place {
    size_t sheet;
    long number;
    size_t item;
    bool in_list;
    size_t list_sheet;
    long list_number;
};

static struct place remember(const struct ui *ui)
{
    const struct editor *ed = &ui->ed;
    struct place p = { ed->cur_sheet, -1, ed->cur, false, 0, -1 };
    if (ed->cur < editor_sheet(ed)->n_items)
        p.number = item_number(editor_sheet(ed), &editor_sheet(ed)->items[ed->cur]);
    if (ui->list.ov && ui->list.rows && ui->list.sel < ui->list.n_rows) {
        const struct overview_row *r = overview_row(ui->list.ov, ui->list.rows[ui->list.sel]);
        p.in_list = true;
        p.list_sheet = r->sheet;
        p.list_number = r->number;
    }
    return p;
}

/* Load sheet i again (its stamp and bytes read together); false with e set when it cannot be. */
static bool reload_one(struct ui *ui, size_t i, struct error *e)
{
    struct ui_watch *w = ui->watch;
    struct sheet *old = ui->ed.sheets[i];
    char *data;
    size_t len;
    struct filestamp st;
    if (filestamp_read(old->path, &data, &len, &st, e) < 0)
        return false;
    struct sheet *s = sheet_parse(data, len, old->path, old->form, e);
    free(data);
    if (!s)
        return false;
    /* Parsed with the old one's form: it takes the form over. */
    s->owns_form = old->owns_form;
    old->owns_form = false;
    if (ui->list.ward && ui->list.ward == sheet_header_get(old, "Ward"))
        ui->list.ward = sheet_header_get(s, "Ward");    /* NULL when gone: no ward filter */
    if (!ui->list.ward)
        ui->list.ward_year = 0;
    editor_goto(&ui->ed, i, 0);
    editor_replace_sheet(&ui->ed, s, NULL);
    ui->ed.sheets[i] = s;
    sheet_free(old);
    w->stamps[i] = st;
    w->changed[i] = false;
    return true;
}

/* Lists and searches borrowed the old sheets: make them again. */
static void rebuild_views(struct ui *ui)
{
    overview_free(ui->list.ov);
    ui->list.ov = NULL;
    search_free(ui->find.search);
    ui->find.search = search_new(ui->ed.sheets, ui->ed.n_open);
    ui->find.changes = ui->ed.changes;
    ui->find.shown = false;
    ui->hitlist.walk = false;
    hitlist_free(&ui->hitlist.items);
    ward_table_free(&ui->ward_counts.table);
    if (ui->ed.find_query) {
        search_set_query(ui->find.search, ui->ed.find_query, strlen(ui->ed.find_query));
        ui->find.active = true;
    }
}

static void go_back(struct ui *ui, const struct place *p)
{
    const struct sheet *s = ui->ed.sheets[p->sheet];
    long idx = p->number >= 0 ? sheet_find_item(s, p->number) : -1;
    size_t item = idx >= 0 ? (size_t)idx : p->item < s->n_items ? p->item : 0;
    editor_goto(&ui->ed, p->sheet, item);
    ui_form_layout_changed(ui);
    /* The tables opened from the list are made from it: back to the list itself. */
    while (ui->depth > 1 && (ui->stack[ui->depth - 1] == SCREEN_WARDS ||
                             ui->stack[ui->depth - 1] == SCREEN_HITS))
        ui_pop(ui);
    if (ui->stack[ui->depth - 1] == SCREEN_LIST)
        ui_list_reselect(ui, p->in_list ? p->list_sheet : p->sheet,
                      p->in_list ? p->list_number : p->number);
}

static void reload_changed(struct ui *ui)
{
    struct ui_watch *w = ui->watch;
    struct place p = remember(ui);
    size_t done = 0, failed = 0;
    struct strbuf why = STRBUF_INIT;
    for (size_t i = 0; i < w->n; i++) {
        if (!w->changed[i])
            continue;
        struct error e;
        if (reload_one(ui, i, &e))
            done++;
        else if (failed++ == 0)
            error_format(&e, &why);
    }
    rebuild_views(ui);
    go_back(ui, &p);
    if (failed)
        editor_message(&ui->ed, true, _("reloaded %zu; %zu could not be read (kept as shown): %s"),
                       done, failed, why.buf);
    else
        editor_message(&ui->ed, false, _("reloaded from disk, keeping your place: %zu sheets"),
                       done);
    strbuf_release(&why);
}

bool ui_watch_key(struct ui *ui, const struct key *k)
{
    struct ui_watch *w = ui->watch;
    if (!w || k->kind != KEY_KIND_CHAR || k->ch != 'R' || n_changed(w) == 0 ||
        ui->stack[ui->depth - 1] == SCREEN_PROMPT)
        return false;
    reload_changed(ui);
    return true;
}
