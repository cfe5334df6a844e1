/*
 * ui_items.c - the item menu (Ctrl-T, in the form and on the F5 list's
 * selected row): delete (asks first), duplicate, move up / down, renumber.
 * The work is the editor's (editor_items.c); every action is undoable.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "ui.h"
#include "utf8.h"

void ui_item_menu_open(struct ui *ui)
{
    struct editor *ed = &ui->ed;
    if (ed->read_only) {
        editor_message(ed, true, "%s", _("read-only: this sheet cannot be changed here"));
        return;
    }
    ui->item_menu.confirm = false;
    ui_push(ui, SCREEN_ITEM_MENU);
}

/* "取組項目 3 【title】", the title cut to the width with a mark and made safe to draw. */
static void menu_title(struct ui *ui, struct strbuf *out)
{
    const struct sheet *s = editor_sheet(&ui->ed);
    if (s->n_items == 0) {
        strbuf_addf(out, _("no %s yet"), s->form->item_label);
        return;
    }
    const struct item *it = &s->items[ui->ed.cur];
    strbuf_addf(out, "%s %ld", s->form->item_label, item_number(s, it));
    const char *t = s->form->title_field >= 0 ? item_get(s, it, s->form->title_field) : NULL;
    if (t && *t) {
        strbuf_addstr(out, " 【");
        utf8_sanitize(t, strlen(t), false, out);
        strbuf_addstr(out, "】");
    }
}

static void draw_lines(struct ui *ui, const char *title, const char *const *lines, int n)
{
    int w = ui->cols - 8, y = (ui->rows - n - 2) / 2;
    for (int r = 0; r < n + 2; r++)
        tui_fill(y + r, 4, w, ROLE_BAR);
    tui_str(y, 6, w - 4, title, ROLE_BAR);
    for (int i = 0; i < n; i++)
        tui_str(y + 2 + i, 6, w - 4, lines[i], ROLE_BAR);
    tui_caret(y + 2, 7);
}

void ui_item_menu_draw(struct ui *ui)
{
    struct strbuf title = STRBUF_INIT;
    menu_title(ui, &title);
    if (ui->item_menu.confirm) {
        const char *lines[] = { _("Delete it?  Ctrl-Z brings it back."),
                                _("[Y] delete   [N] / Esc keep it") };
        draw_lines(ui, title.buf, lines, 2);
    } else {
        const char *lines[] = { _("[D] delete"), _("[C] duplicate (a copy after it)"),
                                _("[U] move up    [N] move down"),
                                _("[R] renumber all 1, 2, 3... in sheet order"),
                                _("Esc cancel    (every one: Ctrl-Z undoes it)") };
        draw_lines(ui, title.buf, lines, 5);
    }
    strbuf_release(&title);
}

static void confirm_key(struct ui *ui, wint_t c)
{
    if (c == 'y') {
        ui_pop(ui);
        editor_delete_item(&ui->ed);
    } else if (c == 'n' || c == 27) {
        ui_pop(ui);
        editor_message(&ui->ed, false, "%s", _("nothing deleted"));
    }
}

void ui_item_menu_key(struct ui *ui, const struct key *k)
{
    if (k->kind != KEY_KIND_CHAR)
        return;
    wint_t c = k->ch >= 'A' && k->ch <= 'Z' ? k->ch + 32 : k->ch;
    if (ui->item_menu.confirm) {
        confirm_key(ui, c);
        return;
    }
    struct editor *ed = &ui->ed;
    switch (c) {
    case 'd': ui->item_menu.confirm = editor_sheet(ed)->n_items > 0; break;
    case 'c': ui_pop(ui); editor_duplicate_item(ed); break;
    case 'u': ui_pop(ui); editor_move_item(ed, -1); break;
    case 'n': ui_pop(ui); editor_move_item(ed, 1); break;
    case 'r': ui_pop(ui); editor_renumber_items(ed); break;
    case 27: case CTRL('g'): ui_pop(ui); break;
    }
    ui->form.scroll = 0;
}
