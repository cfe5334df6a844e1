/*
 * ui_list.c - the list of items (F5): number, title cut by display
 * width, each stage's state in words, and the result; Enter opens one.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "ui.h"

#define COL_NO 6
#define COL_STATE 14
#define COL_RESULT 12

static const char *result_text(const struct sheet *s, const struct item *it)
{
    int rf = s->form->result_field;
    if (rf < 0)
        return "";
    const struct form_field *fld = &s->form->fields[rf];
    const char *v = item_get(s, it, rf);
    int c = v ? form_choice_index(fld, v, strlen(v), false) : -1;
    return c >= 0 ? fld->choices[c].label : _("not chosen");
}

/* Stages that have a complete mark get a column. */
static size_t stage_columns(const struct form *form, int *cols)
{
    size_t n = 0;
    for (size_t st = 0; st < form->n_stages && n < 8; st++)
        if (form->stages[st].done_field >= 0)
            cols[n++] = (int)st;
    return n;
}

static int title_width(const struct ui *ui, size_t nstages)
{
    int w = ui->cols - COL_NO - (int)nstages * COL_STATE - COL_RESULT - 2;
    return w < 8 ? 8 : w;
}

static void draw_list_header(struct ui *ui, const int *cols, size_t n)
{
    const struct form *form = ui->ed.sheet->form;
    tui_fill(0, 0, ui->cols, ROLE_BAR);
    char title[160];
    snprintf(title, sizeof(title), _("List of %s (%zu)"), form->item_label, ui->ed.sheet->n_items);
    tui_str(0, 1, ui->cols - 2, title, ROLE_BAR);
    int x = 0;
    tui_str(1, x, COL_NO, "No", ROLE_LABEL);
    x += COL_NO;
    int tw = title_width(ui, n);
    tui_str(1, x, tw, form->fields[form->title_field >= 0 ? form->title_field : 0].label,
            ROLE_LABEL);
    x += tw + 1;
    for (size_t i = 0; i < n; i++, x += COL_STATE)
        tui_str(1, x, COL_STATE - 1, form->stages[cols[i]].label, ROLE_LABEL);
    if (form->result_field >= 0)
        tui_str(1, x, COL_RESULT, form->fields[form->result_field].label, ROLE_LABEL);
}

static void draw_list_row(struct ui *ui, int y, size_t idx, const int *cols, size_t n)
{
    const struct sheet *s = ui->ed.sheet;
    const struct item *it = &s->items[idx];
    bool sel = idx == ui->list_sel;
    enum tui_role role = sel ? ROLE_FOCUS : ROLE_NORMAL;
    if (sel) {
        tui_fill(y, 0, ui->cols, ROLE_FOCUS);
        tui_caret(y, 0);
    }
    char no[24];
    snprintf(no, sizeof(no), "%s%ld", sel ? ">" : " ", item_number(s, it));
    tui_str(y, 0, COL_NO, no, role);
    int x = COL_NO;
    int tw = title_width(ui, n);
    const char *title = s->form->title_field >= 0 ? item_get(s, it, s->form->title_field) : NULL;
    if (title)
        tui_text(y, x, tw, title, strlen(title), role);
    x += tw + 1;
    struct problem_list pl = { NULL, 0, 0 };
    rules_check_item(s, idx, &pl);
    for (size_t i = 0; i < n; i++, x += COL_STATE) {
        enum stage_state st = rules_stage_state(s, idx, cols[i], &pl);
        tui_str(y, x, COL_STATE - 1, rules_stage_state_name(st),
                st == STAGE_COMPLETE_PROBLEMS && !sel ? ROLE_PROBLEM : role);
    }
    problems_free(&pl);
    tui_str(y, x, ui->cols - x, result_text(s, it), role);
}

void list_draw(struct ui *ui)
{
    int cols[8];
    size_t n = stage_columns(ui->ed.sheet->form, cols);
    draw_list_header(ui, cols, n);
    int rows = ui->rows - 4 - UI_KEYBAR_ROWS;
    if (ui->list_sel < ui->list_top)
        ui->list_top = ui->list_sel;
    if (ui->list_sel >= ui->list_top + (size_t)rows)
        ui->list_top = ui->list_sel - (size_t)rows + 1;
    for (int i = 0; i < rows && ui->list_top + (size_t)i < ui->ed.sheet->n_items; i++)
        draw_list_row(ui, 2 + i, ui->list_top + (size_t)i, cols, n);
    ui_draw_status(ui, ui->ed.message);
    static const char *const keys[] = {
        "Enter", N_("Open"), "Up/Down", N_("Move"), "F5/Esc", N_("Back"), "^Q", N_("Quit"),
    };
    ui_draw_keybar(ui, keys, ARRAY_LEN(keys));
}

void list_key(struct ui *ui, const struct key *k)
{
    size_t n = ui->ed.sheet->n_items;
    int page = ui->rows - 5 - UI_KEYBAR_ROWS;
    if (k->kind == KEY_KIND_CHAR) {
        if (k->ch == '\r' || k->ch == '\n') {
            if (n) {
                editor_goto_item(&ui->ed, ui->list_sel);
                ui->scroll = 0;
            }
            ui_pop(ui);
        } else if (k->ch == 27 || k->ch == 'q') {
            ui_pop(ui);
        } else if (k->ch == CTRL('q')) {
            ui_pop(ui);
            ui_request_quit(ui);
        }
        return;
    }
    if (k->kind != KEY_KIND_FUNC || n == 0)
        return;
    switch (k->code) {
    case KEY_UP: if (ui->list_sel > 0) ui->list_sel--; break;
    case KEY_DOWN: if (ui->list_sel + 1 < n) ui->list_sel++; break;
    case KEY_PPAGE: ui->list_sel = ui->list_sel > (size_t)page ? ui->list_sel - (size_t)page : 0; break;
    case KEY_NPAGE: ui->list_sel = ui->list_sel + (size_t)page < n ? ui->list_sel + (size_t)page : n - 1; break;
    case KEY_HOME: ui->list_sel = 0; break;
    case KEY_END: ui->list_sel = n - 1; break;
    case KEY_ENTER:
        editor_goto_item(&ui->ed, ui->list_sel);
        ui->scroll = 0;
        ui_pop(ui);
        break;
    default:
        if (k->code == KEY_F(5))
            ui_pop(ui);
        break;
    }
}
