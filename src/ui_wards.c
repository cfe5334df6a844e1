/*
 * ui_wards.c - the per-ward count table, opened with w from the F5 list:
 * one row per ward (and fiscal year, with a year column when the years
 * differ) of the rows the list shows, with the items, one stage's not
 * complete / complete counts, problems and each result; a total row.  i
 * changes the stage counted; Enter filters the list to the selected ward.
 * The counts come from wardcount.c.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "overview.h"
#include "utf8.h"
#include "ui.h"
#include "wardcount.h"

#define MIN_NUM_COL 5
#define COL_GAP 2

static void rebuild(struct ui *ui)
{
    ward_table_free(&ui->ward_counts.table);
    ward_table_build(ui->list.ov, ui->list.rows, ui->list.n_rows, ui->ward_counts.col, &ui->ward_counts.table);
    if (ui->ward_counts.sel > ui->ward_counts.table.n)    /* the total row is the last one */
        ui->ward_counts.sel = ui->ward_counts.table.n;
}

void ui_wards_open(struct ui *ui)
{
    if (!ui->list.ov)
        return;
    ui->ward_counts.col = ward_table_default_col(ui->list.ov, ui->list.rows, ui->list.n_rows,
                                           ui->list.stage);
    ui->ward_counts.sel = ui->ward_counts.top = 0;
    rebuild(ui);
    ui_push(ui, SCREEN_WARDS);
}

static int width_of(const char *s)
{
    return (int)utf8_str_width(s, strlen(s));
}

/* Column headers after the ward (and year): items, not complete, complete, problems, results. */
struct columns {
    const char *head[24];
    int width[24];
    size_t n;
    bool not_chosen;        /* some rows have no result: a column for them */
};

static void add_column(struct columns *c, const char *head)
{
    if (c->n >= ARRAY_LEN(c->head))
        return;
    int w = width_of(head);
    c->head[c->n] = head;
    c->width[c->n++] = (w < MIN_NUM_COL ? MIN_NUM_COL : w) + COL_GAP;
}

static void make_columns(const struct ui *ui, struct columns *c)
{
    memset(c, 0, sizeof(*c));
    add_column(c, _("Items"));
    add_column(c, _("not complete"));
    add_column(c, _("complete"));
    add_column(c, _("Problems"));
    const struct form *form = overview_form(ui->list.ov);
    for (size_t i = 0; i < ui->ward_counts.table.n_results; i++)
        add_column(c, form->fields[form->result_field].choices[i].label);
    c->not_chosen = ui->ward_counts.table.n_results && ui->ward_counts.table.total.per_result[ui->ward_counts.table.n_results];
    if (c->not_chosen)
        add_column(c, _("not chosen"));
}

static int ward_col_width(const struct ui *ui)
{
    int w = width_of(_("Ward"));
    for (size_t i = 0; i < ui->ward_counts.table.n; i++)
        if (width_of(ui->ward_counts.table.v[i].ward) > w)
            w = width_of(ui->ward_counts.table.v[i].ward);
    int total = width_of(_("All"));
    return (w > total ? w : total) + COL_GAP;
}

/* The numbers of one row, right-aligned under their headers. */
static void draw_numbers(int y, int x, int cols, const struct columns *c,
                         const struct ward_count *g, size_t n_results, enum tui_role role)
{
    size_t v[24];
    size_t n = 0;
    v[n++] = g->items;
    v[n++] = g->incomplete;
    v[n++] = g->complete;
    v[n++] = g->with_errors;
    for (size_t i = 0; i < n_results && n < ARRAY_LEN(v); i++)
        v[n++] = g->per_result[i];
    if (c->not_chosen && n < ARRAY_LEN(v))
        v[n++] = g->per_result[n_results];
    for (size_t i = 0; i < n && i < c->n && x < cols; i++) {
        char num[32];
        snprintf(num, sizeof(num), "%*zu", c->width[i] - COL_GAP, v[i]);
        tui_str(y, x, cols - x, num, role);
        x += c->width[i];
    }
}

static void draw_row(struct ui *ui, int y, const struct columns *c, const struct ward_count *g,
                     bool total, bool sel)
{
    enum tui_role role = sel ? ROLE_FOCUS : total ? ROLE_LABEL : ROLE_NORMAL;
    if (sel) {
        tui_fill(y, 0, ui->cols, ROLE_FOCUS);
        tui_caret(y, 0);
    }
    tui_str(y, 0, 1, sel ? ">" : " ", role);
    int x = 1;
    const char *name = total ? _("All") : g->ward;
    tui_text(y, x, ward_col_width(ui) - 1, name, strlen(name), role);
    x += ward_col_width(ui);
    if (ui->ward_counts.table.years_differ) {
        char era[32] = "";
        if (!total && g->year > 0)
            fiscal_year_label(g->year, era, sizeof(era));
        tui_str(y, x, 12, era, role);
        x += 12;
    }
    draw_numbers(y, x, ui->cols, c, g, ui->ward_counts.table.n_results, role);
}

static void draw_header(struct ui *ui, const struct columns *c)
{
    const struct form *form = overview_form(ui->list.ov);
    tui_fill(0, 0, ui->cols, ROLE_BAR);
    struct strbuf t = STRBUF_INIT;
    strbuf_addf(&t, _("Per ward: %zu wards, %zu %s"), ui->ward_counts.table.n, ui->ward_counts.table.total.items,
                form->item_label);
    if (overview_n_stages(ui->list.ov))
        strbuf_addf(&t, "  [%s]", form->stages[overview_stage(ui->list.ov, ui->ward_counts.col)].label);
    if (ui_list_has_filter(ui))
        strbuf_addf(&t, "  (%s)", _("of the filtered list"));
    tui_text(0, 1, ui->cols - 2, t.buf, t.len, ROLE_BAR);
    strbuf_release(&t);
    int x = 1;
    tui_str(1, x, ward_col_width(ui), _("Ward"), ROLE_LABEL);
    x += ward_col_width(ui);
    if (ui->ward_counts.table.years_differ) {
        tui_str(1, x, 12, _("Year"), ROLE_LABEL);
        x += 12;
    }
    for (size_t i = 0; i < c->n && x < ui->cols; i++) {
        int w = width_of(c->head[i]);
        tui_str(1, x + c->width[i] - COL_GAP - w, ui->cols - x, c->head[i], ROLE_LABEL);
        x += c->width[i];
    }
}

static int table_rows(const struct ui *ui)
{
    return ui->rows - 2 - 2 - UI_KEYBAR_ROWS;
}

void ui_wards_draw(struct ui *ui)
{
    if (!ui->list.ov)
        return;
    struct columns c;
    make_columns(ui, &c);
    draw_header(ui, &c);
    int rows = table_rows(ui);
    size_t n = ui->ward_counts.table.n + 1;     /* and the total */
    if (ui->ward_counts.sel < ui->ward_counts.top)
        ui->ward_counts.top = ui->ward_counts.sel;
    if (ui->ward_counts.sel >= ui->ward_counts.top + (size_t)rows)
        ui->ward_counts.top = ui->ward_counts.sel - (size_t)rows + 1;
    for (int i = 0; i < rows && ui->ward_counts.top + (size_t)i < n; i++) {
        size_t at = ui->ward_counts.top + (size_t)i;
        bool total = at == ui->ward_counts.table.n;
        draw_row(ui, 2 + i, &c, total ? &ui->ward_counts.table.total : &ui->ward_counts.table.v[at], total,
                 at == ui->ward_counts.sel);
    }
    char stage[160] = "";
    if (overview_n_stages(ui->list.ov))
        snprintf(stage, sizeof(stage), _("not complete, complete: the stage %s (i: another stage)"),
                 overview_form(ui->list.ov)->stages[overview_stage(ui->list.ov, ui->ward_counts.col)].label);
    ui_draw_bar_and_message(ui, stage, ui->ed.message);
    static const char *const keys[] = {
        "Enter", N_("This ward's items"), "i", N_("Stage"), "Up/Down", N_("Move"),
        "w/Esc", N_("Back"),
    };
    ui_draw_keybar(ui, keys, ARRAY_LEN(keys));
}

static void next_stage(struct ui *ui)
{
    size_t n = overview_n_stages(ui->list.ov);
    if (n == 0)
        return;
    ui->ward_counts.col = (ui->ward_counts.col + 1) % n;
    rebuild(ui);
}

static void pick(struct ui *ui)
{
    if (ui->ward_counts.sel >= ui->ward_counts.table.n) {     /* the total: every ward */
        ui_list_filter_ward(ui, NULL, 0);
    } else {
        const struct ward_count *g = &ui->ward_counts.table.v[ui->ward_counts.sel];
        ui_list_filter_ward(ui, g->ward, ui->ward_counts.table.years_differ ? g->year : 0);
    }
    ui_pop(ui);
}

void ui_wards_key(struct ui *ui, const struct key *k)
{
    size_t last = ui->ward_counts.table.n;      /* the total row */
    size_t page = (size_t)(table_rows(ui) > 1 ? table_rows(ui) - 1 : 1);
    if (k->kind == KEY_KIND_CHAR) {
        switch (k->ch) {
        case '\r': case '\n': pick(ui); break;
        case 27: case 'q': case 'w': ui_pop(ui); break;
        case 'i': next_stage(ui); break;
        case 'j': if (ui->ward_counts.sel < last) ui->ward_counts.sel++; break;
        case 'k': if (ui->ward_counts.sel > 0) ui->ward_counts.sel--; break;
        case CTRL('q'): ui_pop(ui); ui_request_quit(ui); break;
        }
        return;
    }
    if (k->kind != KEY_KIND_FUNC)
        return;
    switch (k->code) {
    case KEY_UP: if (ui->ward_counts.sel > 0) ui->ward_counts.sel--; break;
    case KEY_DOWN: if (ui->ward_counts.sel < last) ui->ward_counts.sel++; break;
    case KEY_PPAGE: ui->ward_counts.sel = ui->ward_counts.sel > page ? ui->ward_counts.sel - page : 0; break;
    case KEY_NPAGE: ui->ward_counts.sel = ui->ward_counts.sel + page < last ? ui->ward_counts.sel + page : last; break;
    case KEY_HOME: ui->ward_counts.sel = 0; break;
    case KEY_END: ui->ward_counts.sel = last; break;
    case KEY_ENTER: pick(ui); break;
    }
}
