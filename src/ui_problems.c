/*
 * ui_problems.c - every problem of the sheet (F6), by line; Enter jumps
 * to the item and field.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui.h"

void ui_problems_draw(struct ui *ui)
{
    struct problem_list *pl = &ui->problems.all;
    tui_fill(0, 0, ui->cols, ROLE_BAR);
    char title[128];
    snprintf(title, sizeof(title), _("Problems: %zu errors, %zu warnings"),
             problems_count(pl, SEV_ERROR), problems_count(pl, SEV_WARNING));
    tui_str(0, 1, ui->cols - 2, title, ROLE_BAR);
    int rows = ui->rows - 3 - UI_KEYBAR_ROWS;
    if (pl->n == 0)
        tui_str(2, 2, ui->cols - 4, _("No problems. Every rule of the form is met."), ROLE_NORMAL);
    if (ui->problems.sel < ui->problems.top)
        ui->problems.top = ui->problems.sel;
    if (ui->problems.sel >= ui->problems.top + (size_t)rows)
        ui->problems.top = ui->problems.sel - (size_t)rows + 1;
    struct strbuf line = STRBUF_INIT;
    for (int i = 0; i < rows && ui->problems.top + (size_t)i < pl->n; i++) {
        size_t idx = ui->problems.top + (size_t)i;
        bool sel = idx == ui->problems.sel;
        strbuf_reset(&line);
        strbuf_addstr(&line, sel ? "> " : "  ");
        ui_problem_line(ui, ui->problems.sheet_of[idx], &pl->v[idx], &line);
        if (sel) {
            tui_fill(1 + i, 0, ui->cols, ROLE_FOCUS);
            tui_caret(1 + i, 0);
        }
        tui_text(1 + i, 0, ui->cols, line.buf, line.len, sel ? ROLE_FOCUS : ROLE_NORMAL);
    }
    strbuf_release(&line);
    ui_draw_status(ui, ui->ed.message);
    static const char *const keys[] = {
        "Enter", N_("Go there"), "Up/Down", N_("Move"), "F6/Esc", N_("Back"),
    };
    ui_draw_keybar(ui, keys, ARRAY_LEN(keys));
}

static void jump(struct ui *ui)
{
    if (ui->problems.sel >= ui->problems.all.n)
        return;
    const struct problem *p = &ui->problems.all.v[ui->problems.sel];
    if (p->item >= 0) {
        editor_goto(&ui->ed, ui->problems.sheet_of[ui->problems.sel], (size_t)p->item);
        if (p->field >= 0 && editor_focusable(&ui->ed, p->field))
            editor_focus(&ui->ed, p->field);
        else if (p->field >= 0 && p->stage >= 0)
            editor_focus_stage(&ui->ed, p->stage);
        ui->form.scroll = 0;
    }
    ui_pop(ui);
}

/* Every problem of every open sheet, each sheet's by line. */
void ui_problems_collect(struct ui *ui)
{
    problems_clear(&ui->problems.all);
    free(ui->problems.sheet_of);
    ui->problems.sheet_of = NULL;
    size_t cap = 0;
    for (size_t sh = 0; sh < ui->ed.n_open; sh++) {
        size_t from = ui->problems.all.n;
        rules_check_all(ui->ed.sheets[sh], &ui->problems.all);
        rules_check_file(ui->ed.sheets[sh], &ui->problems.all);
        struct problem_list mine = { ui->problems.all.v + from, ui->problems.all.n - from, 0 };
        problems_sort(&mine);
        xgrow((void **)&ui->problems.sheet_of, &cap, ui->problems.all.n + 1, sizeof(size_t));
        for (size_t i = from; i < ui->problems.all.n; i++)
            ui->problems.sheet_of[i] = sh;
    }
    if (!ui->problems.sheet_of)
        ui->problems.sheet_of = xcalloc(1, sizeof(size_t));
    ui->problems.sel = ui->problems.top = 0;
}

void ui_problems_key(struct ui *ui, const struct key *k)
{
    size_t n = ui->problems.all.n;
    if (k->kind == KEY_KIND_CHAR) {
        if (k->ch == '\r' || k->ch == '\n')
            jump(ui);
        else if (k->ch == 27 || k->ch == 'q')
            ui_pop(ui);
        return;
    }
    if (k->kind != KEY_KIND_FUNC)
        return;
    if (k->code == KEY_UP && ui->problems.sel > 0)
        ui->problems.sel--;
    else if (k->code == KEY_DOWN && ui->problems.sel + 1 < n)
        ui->problems.sel++;
    else if (k->code == KEY_ENTER)
        jump(ui);
    else if (k->code == KEY_F(6))
        ui_pop(ui);
}
