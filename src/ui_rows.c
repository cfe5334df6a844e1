/*
 * ui_rows.c - what the screens that list rows share (the list, the hits
 * list, the per-ward counts): moving the selection, the title bar with
 * the ward column, and showing the selected item in the form.  Which list
 * F7/F8 then go through is ui->walk.
 */
#include <curses.h>

#include "i18n.h"
#include "ui.h"

bool ui_rows_move(size_t *sel, size_t n, size_t page, const struct key *k)
{
    size_t last = n ? n - 1 : 0;
    if (k->kind == KEY_KIND_CHAR && (k->ch == 'j' || k->ch == 'k')) {
        if (k->ch == 'j' && *sel < last)
            (*sel)++;
        else if (k->ch == 'k' && *sel > 0)
            (*sel)--;
        return true;
    }
    if (k->kind != KEY_KIND_FUNC)
        return false;
    switch (k->code) {
    case KEY_UP: if (*sel > 0) (*sel)--; return true;
    case KEY_DOWN: if (*sel < last) (*sel)++; return true;
    case KEY_PPAGE: *sel = *sel > page ? *sel - page : 0; return true;
    case KEY_NPAGE: *sel = *sel + page < last ? *sel + page : last; return true;
    case KEY_HOME: *sel = 0; return true;
    case KEY_END: *sel = last; return true;
    default: return false;
    }
}

int ui_rows_header(struct ui *ui, const struct strbuf *title, bool wards)
{
    tui_fill(0, 0, ui->cols, ROLE_BAR);
    tui_text(0, 1, ui->cols - 2, title->buf, title->len, ROLE_BAR);
    if (!wards)
        return 0;
    tui_str(1, 0, UI_COL_WARD - 1, _("Ward"), ROLE_LABEL);
    return UI_COL_WARD;
}

void ui_rows_show_item(struct ui *ui, size_t sheet, size_t item)
{
    editor_goto(&ui->ed, sheet, item);
    ui->form.scroll = 0;
    ui->form.follow = true;
}
