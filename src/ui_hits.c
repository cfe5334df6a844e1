/*
 * ui_hits.c - the hits list: after a search, l (in view mode) lists the
 * items the search hits, one row per item (not per occurrence) with its
 * ward, number, title, the number of hits and the fields they are in.
 * Enter opens the item at its first hit, highlighted, so that n and N go
 * on from there through the occurrences.  hitlist.c finds the items.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hitlist.h"
#include "i18n.h"
#include "utf8.h"
#include "ui.h"

#define COL_WARD 10
#define COL_NO 6
#define COL_HITS 7

bool ui_hits_open(struct ui *ui, bool only_if_any)
{
    struct editor *ed = &ui->ed;
    if (!ed->find_query) {
        editor_message(ed, true, "%s", _("no previous search: / finds text first"));
        return false;
    }
    struct search *se = ui_search(ui);
    hitlist_free(&ui->hitlist.items);
    if (!search_set_query(se, ed->find_query, strlen(ed->find_query))) {
        editor_message(ed, true, _("nothing to find in \"%s\""), ed->find_query);
        return false;
    }
    ui->find.active = true;
    hitlist_collect(se, ui->ed.sheets, ed->n_open, ed->find_query, &ui->hitlist.items);
    if (only_if_any && ui->hitlist.items.n == 0)
        return false;
    ui->hitlist.sel = ui->hitlist.top = 0;
    ui_push(ui, SCREEN_HITS);
    return true;
}

/* "取組の内容, 課題と改善策": the labels of the fields hit. */
static void field_words(const struct sheet *s, const struct hit_item *h, struct strbuf *out)
{
    for (size_t i = 0; i < h->n_fields; i++)
        strbuf_addf(out, "%s%s", i ? ", " : "", s->form->fields[h->fields[i]].label);
}

static int title_width(const struct ui *ui, bool wards)
{
    int w = (ui->cols - COL_NO - COL_HITS - (wards ? COL_WARD : 0)) * 3 / 5;
    return w < 8 ? 8 : w;
}

static void draw_row(struct ui *ui, int y, size_t i, bool wards)
{
    const struct hit_item *h = &ui->hitlist.items.v[i];
    const struct sheet *s = ui->ed.sheets[h->sheet];
    const struct item *it = &s->items[h->item];
    bool sel = i == ui->hitlist.sel;
    enum tui_role role = sel ? ROLE_FOCUS : ROLE_NORMAL;
    if (sel) {
        tui_fill(y, 0, ui->cols, ROLE_FOCUS);
        tui_caret(y, 0);
    }
    int x = 0;
    if (wards) {
        const char *ward = sheet_header_get(s, "Ward");
        if (ward)
            tui_text(y, x + 1, COL_WARD - 2, ward, strlen(ward), role);
        x += COL_WARD;
    }
    char no[32];
    snprintf(no, sizeof(no), "%s%ld", sel ? ">" : " ", item_number(s, it));
    tui_str(y, x, COL_NO, no, role);
    x += COL_NO;
    int tw = title_width(ui, wards);
    const char *title = s->form->title_field >= 0 ? item_get(s, it, s->form->title_field) : NULL;
    if (title)
        tui_text(y, x, tw - 1, title, strlen(title), role);
    x += tw;
    char n[32];
    snprintf(n, sizeof(n), "%*zu  ", COL_HITS - 2, h->hits);
    x += tui_str(y, x, COL_HITS, n, role);
    struct strbuf f = STRBUF_INIT;
    field_words(s, h, &f);
    tui_text(y, x, ui->cols - x, f.buf, f.len, role);
    strbuf_release(&f);
}

static void draw_header(struct ui *ui, bool wards)
{
    const struct form *form = ui->ed.sheets[0]->form;
    tui_fill(0, 0, ui->cols, ROLE_BAR);
    struct strbuf t = STRBUF_INIT;
    strbuf_addf(&t, _("%s with \"%s\": %zu (%zu matches%s)"), form->item_label,
                ui->ed.find_query, ui->hitlist.items.n, ui->hitlist.items.total,
                ui->hitlist.items.truncated ? _(", cut short") : "");
    tui_text(0, 1, ui->cols - 2, t.buf, t.len, ROLE_BAR);
    strbuf_release(&t);
    int x = 0;
    if (wards) {
        tui_str(1, x, COL_WARD - 1, _("Ward"), ROLE_LABEL);
        x += COL_WARD;
    }
    tui_str(1, x, COL_NO, "No", ROLE_LABEL);
    x += COL_NO;
    int tw = title_width(ui, wards);
    if (form->title_field >= 0)
        tui_str(1, x, tw - 1, form->fields[form->title_field].label, ROLE_LABEL);
    x += tw;
    x += tui_str(1, x, COL_HITS, _("Hits"), ROLE_LABEL);
    x = x < 0 ? 0 : x;
    tui_str(1, x + 1, ui->cols - x - 1, _("Found in"), ROLE_LABEL);
}

static int list_rows(const struct ui *ui)
{
    return ui->rows - 4 - UI_KEYBAR_ROWS;
}

void ui_hits_draw(struct ui *ui)
{
    bool wards = ui->ed.n_open > 1;
    draw_header(ui, wards);
    int rows = list_rows(ui);
    if (ui->hitlist.sel < ui->hitlist.top)
        ui->hitlist.top = ui->hitlist.sel;
    if (ui->hitlist.sel >= ui->hitlist.top + (size_t)rows)
        ui->hitlist.top = ui->hitlist.sel - (size_t)rows + 1;
    for (int i = 0; i < rows && ui->hitlist.top + (size_t)i < ui->hitlist.items.n; i++)
        draw_row(ui, 2 + i, ui->hitlist.top + (size_t)i, wards);
    if (ui->hitlist.items.n == 0)
        tui_str(3, 2, ui->cols - 4, _("Nothing matches."), ROLE_DIM);
    char pos[96] = "";
    if (ui->hitlist.items.n)
        snprintf(pos, sizeof(pos), _("%zu/%zu  (Enter opens it at its first match; n/N go on)"),
                 ui->hitlist.sel + 1, ui->hitlist.items.n);
    ui_draw_bar_and_message(ui, pos, ui->ed.message);
    static const char *const keys[] = {
        "Enter", N_("Open"), "Up/Down", N_("Move"), "l/Esc", N_("Back"),
    };
    ui_draw_keybar(ui, keys, ARRAY_LEN(keys));
}

/* Show item hits_sel at its first hit, as / would have put it: n and N go on from there. */
static void show_selected(struct ui *ui)
{
    struct editor *ed = &ui->ed;
    const struct hit_item *h = &ui->hitlist.items.v[ui->hitlist.sel];
    editor_goto(ed, h->sheet, h->item);
    editor_focus(ed, h->first.pos.field);
    if (ed->fe_active)
        fieldedit_set_caret(&ed->fe, h->first.pos.offset);
    ui->find.hit = h->first;
    ui->find.shown = h->first.len > 0;
    ui->find.wrapped = false;
    ui->form.scroll = 0;
    ui->form.follow = true;
    editor_message(ed, false, _("item %zu/%zu with \"%s\": %zu matches here (F7/F8: items)"),
                   ui->hitlist.sel + 1, ui->hitlist.items.n, ed->find_query, h->hits);
}

static void open_selected(struct ui *ui)
{
    if (ui->hitlist.sel >= ui->hitlist.items.n)
        return;
    ui_pop(ui);
    ui->hitlist.walk = true;
    ui->list.walk = false;
    show_selected(ui);
}

bool ui_hits_step(struct ui *ui, int delta)
{
    if (!ui->hitlist.walk || ui->hitlist.items.n == 0)
        return false;
    if ((delta < 0 && ui->hitlist.sel == 0) || (delta > 0 && ui->hitlist.sel + 1 >= ui->hitlist.items.n)) {
        editor_message(&ui->ed, false,
                       delta < 0 ? _("this is the first item with \"%s\" (l: the list)")
                                 : _("this is the last item with \"%s\" (l: the list)"),
                       ui->ed.find_query);
        return true;
    }
    ui->hitlist.sel = delta < 0 ? ui->hitlist.sel - 1 : ui->hitlist.sel + 1;
    show_selected(ui);
    return true;
}

void ui_hits_key(struct ui *ui, const struct key *k)
{
    size_t n = ui->hitlist.items.n;
    size_t page = (size_t)(list_rows(ui) > 1 ? list_rows(ui) - 1 : 1);
    if (k->kind == KEY_KIND_CHAR) {
        switch (k->ch) {
        case '\r': case '\n': open_selected(ui); break;
        case 27: case 'q': case 'l': ui_pop(ui); break;
        case 'j': if (ui->hitlist.sel + 1 < n) ui->hitlist.sel++; break;
        case 'k': if (ui->hitlist.sel > 0) ui->hitlist.sel--; break;
        case CTRL('q'): ui_pop(ui); ui_request_quit(ui); break;
        }
        return;
    }
    if (k->kind != KEY_KIND_FUNC)
        return;
    switch (k->code) {
    case KEY_UP: if (ui->hitlist.sel > 0) ui->hitlist.sel--; break;
    case KEY_DOWN: if (ui->hitlist.sel + 1 < n) ui->hitlist.sel++; break;
    case KEY_PPAGE: ui->hitlist.sel = ui->hitlist.sel > page ? ui->hitlist.sel - page : 0; break;
    case KEY_NPAGE: ui->hitlist.sel = ui->hitlist.sel + page < n ? ui->hitlist.sel + page : (n ? n - 1 : 0); break;
    case KEY_HOME: ui->hitlist.sel = 0; break;
    case KEY_END: ui->hitlist.sel = n ? n - 1 : 0; break;
    case KEY_ENTER: open_selected(ui); break;
    }
}
