/*
 * ui_list.c - the list of items (F5), across every open sheet: ward, number,
 * title cut by display width, each stage's state in words, the result;
 * filters (problems only, a result, a stage not complete), two sort
 * orders, and a line of counts for what is shown.  Enter opens an item.
 * The rows come from overview.c, built once and refreshed after edits.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "overview.h"
#include "utf8.h"
#include "ui.h"

#define COL_NO 6
#define COL_RESULT 12
#define COL_WARD 10
#define COL_YEAR 6          /* "2017 ": only when the open sheets' fiscal years differ */

/* Build the overview when first needed, and again after the sheets changed. */
static int list_area_rows(const struct ui *ui)
{
    return ui->rows - 4 - UI_KEYBAR_ROWS;
}

static bool ensure_overview(struct ui *ui)
{
    if (ui->list.ov && ui->list.ov_changes == ui->ed.changes)
        return true;
    overview_free(ui->list.ov);
    struct error e;
    ui->list.ov = overview_build(ui->ed.sheets, ui->ed.n_open, &e);
    ui->list.ov_changes = ui->ed.changes;
    if (!ui->list.ov) {
        editor_message(&ui->ed, true, "%s", e.msg);
        return false;
    }
    return true;
}

static void select_rows(struct ui *ui)
{
    free(ui->list.rows);
    ui->list.rows = NULL;
    struct overview_filter f = { ui->list.problems, ui->list.result, ui->list.stage,
                                 ui->list.ward, ui->list.ward_year };
    ui->list.n_rows = overview_select(ui->list.ov, &f, ui->list.by_state ? OVERVIEW_SORT_STATE
                                                                     : OVERVIEW_SORT_NUMBER,
                                      &ui->list.rows);
    if (ui->list.sel >= ui->list.n_rows)
        ui->list.sel = ui->list.n_rows ? ui->list.n_rows - 1 : 0;
}

void ui_list_open(struct ui *ui)
{
    if (!ensure_overview(ui))
        return;
    select_rows(ui);
    /* Start on the item on screen. */
    for (size_t i = 0; i < ui->list.n_rows; i++) {
        const struct overview_row *r = overview_row(ui->list.ov, ui->list.rows[i]);
        if (r->sheet == ui->ed.cur_sheet && r->item == ui->ed.cur)
            ui->list.sel = i;
    }
    ui_push(ui, SCREEN_LIST);
}

/*
 * A stage column is as wide as the longest state name in the UI's language
 * (完了[!] is 7 cells, "complete [!]" 12), so the titles get the rest; a
 * long stage label in the header is cut to it.
 */
static int state_col_width(void)
{
    static const enum stage_state states[] = {
        STAGE_EMPTY, STAGE_IN_PROGRESS, STAGE_COMPLETE, STAGE_COMPLETE_PROBLEMS,
    };
    int w = 6;
    for (size_t i = 0; i < ARRAY_LEN(states); i++) {
        const char *name = rules_stage_state_name(states[i]);
        int nw = (int)utf8_str_width(name, strlen(name));
        if (nw > w)
            w = nw;
    }
    return w + 2;
}

/* Sheets of different fiscal years are told apart by a year column. */
static bool years_differ(const struct ui *ui)
{
    const char *y0 = sheet_header_get(ui->ed.sheets[0], "FiscalYear");
    for (size_t i = 1; i < ui->ed.n_open; i++) {
        const char *y = sheet_header_get(ui->ed.sheets[i], "FiscalYear");
        if (!y0 != !y || (y && !str_eq(y, y0)))
            return true;
    }
    return false;
}

static int title_width(const struct ui *ui, size_t nstages, bool wards)
{
    int w = ui_detail_list_cols(ui) - COL_NO - (int)nstages * state_col_width() - COL_RESULT - 2 -
            (wards ? COL_WARD : 0) - (years_differ(ui) ? COL_YEAR : 0);
    return w < 8 ? 8 : w;
}

/* " [北区]", " [北区 平成29年度]": the ward filter in words. */
static void add_ward_words(const struct ui *ui, struct strbuf *out)
{
    strbuf_addf(out, "%s[%s", out->len ? " " : "", ui->list.ward);
    if (ui->list.ward_year > 0) {
        char era[32];
        fiscal_year_label(ui->list.ward_year, era, sizeof(era));
        strbuf_addf(out, " %s", era);
    }
    strbuf_addch(out, ']');
}

void ui_list_reselect(struct ui *ui, size_t sheet, long number)
{
    if (!ensure_overview(ui))
        return;
    select_rows(ui);
    for (size_t i = 0; i < ui->list.n_rows; i++) {
        const struct overview_row *r = overview_row(ui->list.ov, ui->list.rows[i]);
        if (r->sheet == sheet && r->number == number)
            ui->list.sel = i;
    }
}

void ui_list_filter_ward(struct ui *ui, const char *ward, long year)
{
    ui->list.ward = ward;
    ui->list.ward_year = ward ? year : 0;
    ui->list.sel = ui->list.top = 0;
    select_rows(ui);
}

static void draw_list_header(struct ui *ui, bool wards)
{
    const struct overview *ov = ui->list.ov;
    const struct form *form = overview_form(ov);
    tui_fill(0, 0, ui->cols, ROLE_BAR);
    struct strbuf t = STRBUF_INIT;
    strbuf_addf(&t, _("List of %s (%zu)"), form->item_label, ui->list.n_rows);
    /* The filters in words, so what is hidden is never a surprise. */
    if (ui->list.problems)
        strbuf_addf(&t, "  [%s]", _("problems only"));
    if (ui->list.result != -1) {
        const struct form_field *rf = &form->fields[form->result_field];
        strbuf_addf(&t, "  [%s]", ui->list.result >= 0 ? rf->choices[ui->list.result].label
                                                        : _("not chosen"));
    }
    if (ui->list.stage >= 0)
        strbuf_addf(&t, "  [%s %s]", form->stages[ui->list.stage].label, _("not complete"));
    if (ui->list.ward) {
        strbuf_addch(&t, ' ');
        add_ward_words(ui, &t);
    }
    strbuf_addf(&t, "  [%s]", ui->list.by_state ? _("by state") : _("by number"));
    tui_text(0, 1, ui->cols - 2, t.buf, t.len, ROLE_BAR);
    strbuf_release(&t);
    int x = 0;
    if (wards) {
        tui_str(1, x, COL_WARD - 1, _("Ward"), ROLE_LABEL);
        x += COL_WARD;
    }
    if (years_differ(ui)) {
        tui_str(1, x, COL_YEAR - 1, _("Year"), ROLE_LABEL);
        x += COL_YEAR;
    }
    tui_str(1, x, COL_NO, "No", ROLE_LABEL);
    x += COL_NO;
    int tw = title_width(ui, overview_n_stages(ov), wards);
    if (form->title_field >= 0)
        tui_str(1, x, tw, form->fields[form->title_field].label, ROLE_LABEL);
    x += tw + 1;
    int sw = state_col_width();
    for (size_t i = 0; i < overview_n_stages(ov); i++, x += sw)
        tui_str(1, x, sw - 1, form->stages[overview_stage(ov, i)].label, ROLE_LABEL);
    if (form->result_field >= 0)
        tui_str(1, x, COL_RESULT, form->fields[form->result_field].label, ROLE_LABEL);
}

static void draw_list_row(struct ui *ui, int y, size_t i, bool wards)
{
    const struct overview *ov = ui->list.ov;
    const struct overview_row *r = overview_row(ov, ui->list.rows[i]);
    bool sel = i == ui->list.sel;
    enum tui_role role = sel ? ROLE_FOCUS : ROLE_NORMAL;
    if (sel) {
        tui_fill(y, 0, ui_detail_list_cols(ui), ROLE_FOCUS);
        tui_caret(y, 0);
    }
    int x = 0;
    if (wards) {
        tui_text(y, x + 1, COL_WARD - 2, r->ward, strlen(r->ward), role);
        x += COL_WARD;
    }
    if (years_differ(ui)) {
        char year[24] = "";
        if (r->year > 0)
            snprintf(year, sizeof(year), "%ld", r->year);
        tui_str(y, x, COL_YEAR - 1, year, role);
        x += COL_YEAR;
    }
    char no[32];
    snprintf(no, sizeof(no), "%s%ld%s", sel ? ">" : " ", r->number, r->errors ? "!" : "");
    tui_str(y, x, COL_NO, no, role);
    x += COL_NO;
    int tw = title_width(ui, overview_n_stages(ov), wards);
    if (r->title)
        tui_text(y, x, tw, r->title, strlen(r->title), role);
    x += tw + 1;
    int sw = state_col_width();
    for (size_t c = 0; c < overview_n_stages(ov); c++, x += sw) {
        enum stage_state st = (enum stage_state)r->states[c];
        tui_str(y, x, sw - 1, rules_stage_state_name(st),
                st == STAGE_COMPLETE_PROBLEMS && !sel ? ROLE_PROBLEM : role);
    }
    if (overview_form(ov)->result_field >= 0)
        tui_str(y, x, ui_detail_list_cols(ui) - x, overview_result_label(ov, r), role);
}

/*
 * The counts of what is shown, in two parts that take the status bar and
 * the line below it (one line does not fit 80 columns):
 *   "23 initiatives: 目標達成 16, 目標未達成 7, not chosen 0; items with problems: 3"
 *   "complete: 計画 23 中間振り返り 0+2[!] 年度評価 23"
 * A stage marked complete but with problems is counted apart ("+2[!]"), as
 * the filters and `torikumi summary` count it.
 */
static void counts_lines(struct ui *ui, struct strbuf *results, struct strbuf *stages)
{
    const struct overview *ov = ui->list.ov;
    const struct form *form = overview_form(ov);
    struct overview_counts c;
    overview_count(ov, ui->list.rows, ui->list.n_rows, &c);
    strbuf_addf(results, "%zu %s", c.rows, form->item_label);
    if (c.n_results) {
        const struct form_field *rf = &form->fields[form->result_field];
        strbuf_addstr(results, ": ");
        for (size_t i = 0; i < c.n_results; i++)
            strbuf_addf(results, "%s %zu, ", rf->choices[i].label, c.per_result[i]);
        strbuf_addf(results, "%s %zu", _("not chosen"), c.per_result[c.n_results]);
    }
    strbuf_addstr(results, "; ");
    strbuf_addf(results, _("items with problems: %zu"), c.with_errors);
    strbuf_addf(stages, "%s:", _("complete"));
    for (size_t i = 0; i < overview_n_stages(ov); i++) {
        strbuf_addf(stages, " %s %zu", form->stages[overview_stage(ov, i)].label, c.complete[i]);
        if (c.complete_problems[i])
            strbuf_addf(stages, "+%zu[!]", c.complete_problems[i]);
    }
    overview_counts_free(&c);
}

static bool list_filtered(const struct ui *ui);

/* An empty sheet is not "nothing matches": no filter is set. */
static const char *empty_list_text(struct ui *ui)
{
    if (list_filtered(ui))
        return _("Nothing matches these filters.");
    static char text[160];
    snprintf(text, sizeof(text), _("there is no %s here (Ctrl-N adds one)"),
             editor_sheet(&ui->ed)->form->item_label);
    return text;
}

void ui_list_draw(struct ui *ui)
{
    if (!ui->list.ov)
        return;
    bool wards = ui->ed.n_open > 1;
    draw_list_header(ui, wards);
    int area = list_area_rows(ui);
    int rows = ui_detail_list_rows(ui, area);
    if (ui->list.sel < ui->list.top)
        ui->list.top = ui->list.sel;
    if (ui->list.sel >= ui->list.top + (size_t)rows)
        ui->list.top = ui->list.sel - (size_t)rows + 1;
    for (int i = 0; i < rows && ui->list.top + (size_t)i < ui->list.n_rows; i++)
        draw_list_row(ui, 2 + i, ui->list.top + (size_t)i, wards);
    if (ui->list.n_rows == 0)
        tui_str(3, 2, ui->cols - 4, empty_list_text(ui), ROLE_DIM);
    ui_detail_draw(ui, area);
    struct strbuf results = STRBUF_INIT, stages = STRBUF_INIT;
    counts_lines(ui, &results, &stages);
    ui->ed.message_is_error = false;
    ui_draw_bar_and_message(ui, results.buf, ui->ed.message[0] ? ui->ed.message : stages.buf);
    strbuf_release(&results);
    strbuf_release(&stages);
    static const char *const keys[] = {
        "Enter", N_("Open"), "p", N_("Problems only"), "r", N_("Result"), "i",
        N_("Incomplete stage"), "w", N_("Per ward"), "s", N_("Sort"), "Space", N_("Read on"),
        "d", N_("Details"), "^T", N_("Item menu"),
        "F5/Esc", N_("Back"),
    };
    ui_draw_keybar(ui, keys, ARRAY_LEN(keys));
}

static bool list_filtered(const struct ui *ui)
{
    return ui->list.problems || ui->list.result != -1 || ui->list.stage >= 0 || ui->list.ward;
}

bool ui_list_has_filter(const struct ui *ui)
{
    return list_filtered(ui);
}

/* "[目標未達成] [年度評価 not complete]": the active filters, as the list's title shows them. */
static void filter_words(const struct ui *ui, struct strbuf *out)
{
    const struct form *form = overview_form(ui->list.ov);
    if (ui->list.problems)
        strbuf_addf(out, "[%s]", _("problems only"));
    if (ui->list.result != -1) {
        const struct form_field *rf = &form->fields[form->result_field];
        strbuf_addf(out, "%s[%s]", out->len ? " " : "",
                    ui->list.result >= 0 ? rf->choices[ui->list.result].label : _("not chosen"));
    }
    if (ui->list.stage >= 0)
        strbuf_addf(out, "%s[%s %s]", out->len ? " " : "", form->stages[ui->list.stage].label,
                    _("not complete"));
    if (ui->list.ward)
        add_ward_words(ui, out);
}

bool ui_list_step(struct ui *ui, int delta)
{
    if (!ui->list.walk || !list_filtered(ui) || !ensure_overview(ui))
        return false;
    select_rows(ui);   /* an edit may have taken an item out of the list, or into it */
    size_t n = ui->list.n_rows;
    if (n == 0)
        return false;
    size_t at = ui->list.sel;
    bool found = false;
    for (size_t i = 0; i < n && !found; i++) {
        const struct overview_row *r = overview_row(ui->list.ov, ui->list.rows[i]);
        if (r->sheet == ui->ed.cur_sheet && r->item == ui->ed.cur) {
            at = i;
            found = true;
        }
    }
    /* Not in the list any more: the row that took its place is the next one. */
    size_t to = at;
    if (delta > 0 && found)
        to = at + 1;
    else if (delta < 0)
        to = at > 0 ? at - 1 : (size_t)-1;
    struct strbuf words = STRBUF_INIT;
    filter_words(ui, &words);
    if (to >= n) {
        editor_message(&ui->ed, false,
                       delta < 0 ? _("this is the first one of the list %s (F5: the list)")
                                 : _("this is the last one of the list %s (F5: the list)"),
                       words.buf);
        strbuf_release(&words);
        return true;
    }
    ui->list.sel = to;
    const struct overview_row *r = overview_row(ui->list.ov, ui->list.rows[to]);
    editor_goto(&ui->ed, r->sheet, r->item);
    ui->form.scroll = 0;
    ui->form.follow = true;
    editor_message(&ui->ed, false, _("%zu/%zu of the list %s (F7/F8 go through it; F5: the list)"),
                   to + 1, n, words.buf);
    strbuf_release(&words);
    return true;
}

/* Ctrl-T: the item menu for the selected row; the list stays underneath. */
static void list_item_menu(struct ui *ui)
{
    if (!ui->list.n_rows)
        return;
    const struct overview_row *r = overview_row(ui->list.ov, ui->list.rows[ui->list.sel]);
    editor_goto(&ui->ed, r->sheet, r->item);
    ui_item_menu_open(ui);
}

static void open_selected(struct ui *ui)
{
    ui->list.walk = list_filtered(ui);
    ui->hitlist.walk = false;
    if (ui->list.n_rows) {
        const struct overview_row *r = overview_row(ui->list.ov, ui->list.rows[ui->list.sel]);
        editor_goto(&ui->ed, r->sheet, r->item);
        ui->form.scroll = 0;
        ui->form.follow = true;
    }
    ui_pop(ui);
}

/* The result filter goes round: any, each choice, not chosen, any. */
static void next_result_filter(struct ui *ui)
{
    const struct form *form = overview_form(ui->list.ov);
    if (form->result_field < 0)
        return;
    int n = (int)form->fields[form->result_field].n_choices;
    if (ui->list.result == -1)
        ui->list.result = 0;
    else if (ui->list.result >= 0 && ui->list.result + 1 < n)
        ui->list.result++;
    else if (ui->list.result >= 0)
        ui->list.result = -2;
    else
        ui->list.result = -1;
}

/* The stage filter goes round: none, each stage with a complete mark, none. */
static void next_stage_filter(struct ui *ui)
{
    size_t n = overview_n_stages(ui->list.ov);
    size_t col = 0;
    while (col < n && overview_stage(ui->list.ov, col) != ui->list.stage)
        col++;
    if (ui->list.stage < 0)
        ui->list.stage = n ? overview_stage(ui->list.ov, 0) : -1;
    else
        ui->list.stage = col + 1 < n ? overview_stage(ui->list.ov, col + 1) : -1;
}

static bool filter_key(struct ui *ui, wint_t c)
{
    switch (c) {
    case 'p': ui->list.problems = !ui->list.problems; break;
    case 'r': next_result_filter(ui); break;
    case 'i': next_stage_filter(ui); break;
    case 's': ui->list.by_state = !ui->list.by_state; break;
    case 'a':       /* all: no filter */
        ui->list.problems = false;
        ui->list.result = ui->list.stage = -1;
        ui->list.ward = NULL;
        ui->list.ward_year = 0;
        break;
    case 'w':
        ui_wards_open(ui);
        return true;
    default: return false;
    }
    ui->list.sel = ui->list.top = 0;
    select_rows(ui);
    return true;
}

void ui_list_key(struct ui *ui, const struct key *k)
{
    size_t n = ui->list.n_rows;
    int shown_rows = ui_detail_list_rows(ui, list_area_rows(ui));
    size_t page = (size_t)(shown_rows > 1 ? shown_rows - 1 : 1);
    if (ui_detail_key(ui, k, list_area_rows(ui)))
        return;
    if (k->kind == KEY_KIND_CHAR) {
        if (k->ch == '\r' || k->ch == '\n')
            open_selected(ui);
        else if (k->ch == 27 || k->ch == 'q') {
            ui->list.walk = ui->list.walk && list_filtered(ui);
            ui_pop(ui);
        }
        else if (k->ch == CTRL('q')) {
            ui_pop(ui);
            ui_request_quit(ui);
        } else if (k->ch == CTRL('t'))
            list_item_menu(ui);
        else if (k->ch == 'j' && ui->list.sel + 1 < n)
            ui->list.sel++;
        else if (k->ch == 'k' && ui->list.sel > 0)
            ui->list.sel--;
        else
            filter_key(ui, k->ch);
        return;
    }
    if (k->kind != KEY_KIND_FUNC)
        return;
    switch (k->code) {
    case KEY_UP: if (ui->list.sel > 0) ui->list.sel--; break;
    case KEY_DOWN: if (ui->list.sel + 1 < n) ui->list.sel++; break;
    case KEY_PPAGE: ui->list.sel = ui->list.sel > page ? ui->list.sel - page : 0; break;
    case KEY_NPAGE: ui->list.sel = ui->list.sel + page < n ? ui->list.sel + page : (n ? n - 1 : 0); break;
    case KEY_HOME: ui->list.sel = 0; break;
    case KEY_END: ui->list.sel = n ? n - 1 : 0; break;
    case KEY_ENTER: open_selected(ui); break;
    default:
        if (k->code == KEY_F(5))
            ui_pop(ui);
        break;
    }
}
