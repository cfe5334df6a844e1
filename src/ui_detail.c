/*
 * ui_detail.c - the detail pane of the F5 list, as a mail reader shows the
 * message under (or beside) its index: for the selected row, the fields
 * that answer the list's filter (detail.c chooses them), text wrapped by
 * display width (textlayout.c), scrolling within the pane.  Space reads
 * on: the rest of the pane a screenful at a time, then the next item; b
 * goes back the same way.  The pane shows when the list has a filter (the
 * filter is the question it answers); d hides or shows it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detail.h"
#include "i18n.h"
#include "overview.h"
#include "textlayout.h"
#include "ui.h"

#define PANE_MAX_FIELDS 32
#define PANE_INDENT 2
#define BESIDE_MIN_COLS 150     /* a list of 90 columns and a pane of 60 */
#define LIST_MIN_ROWS 3

enum line_kind { LINE_LABEL, LINE_TEXT, LINE_EMPTY };

struct pane_line {
    enum line_kind kind;
    size_t field;               /* index into pane.fields */
    size_t lrow;                /* LINE_TEXT: row of that field's layout */
};

/* The selected item's pane, laid out for one width. */
struct pane {
    const struct sheet *sheet;
    const struct item *item;
    int fields[PANE_MAX_FIELDS];
    size_t n_fields;
    struct layout lays[PANE_MAX_FIELDS];
    struct pane_line *lines;
    size_t n_lines, cap_lines;
};

struct geom {
    int y, x;                   /* the pane's header line */
    int rows, cols;             /* the text below it */
};

/*
 * Shown when the list asks a question (a filter is set) unless d hid it; an
 * unfiltered list is an index of everything and keeps the screen for rows.
 */
static bool wanted(const struct ui *ui)
{
    return ui->detail.mode == DETAIL_SHOWN ||
           (ui->detail.mode == DETAIL_AUTO && ui->list.ov && ui_list_has_filter(ui));
}

static bool shown(const struct ui *ui)
{
    return wanted(ui) && ui->list.ov && ui->list.n_rows > 0;
}

static bool beside(const struct ui *ui)
{
    return ui->cols >= BESIDE_MIN_COLS;
}

int ui_detail_list_cols(const struct ui *ui)
{
    if (!shown(ui) || !beside(ui))
        return ui->cols;
    return ui->cols - ui->cols * 2 / 5;
}

int ui_detail_list_rows(const struct ui *ui, int area_rows)
{
    if (!shown(ui) || beside(ui))
        return area_rows;
    int r = area_rows * 2 / 5;
    return r < LIST_MIN_ROWS ? LIST_MIN_ROWS : r;
}

static struct geom pane_geom(const struct ui *ui, int area_rows)
{
    struct geom g;
    if (beside(ui)) {
        g.x = ui_detail_list_cols(ui) + 1;
        g.y = 2;
        g.rows = area_rows - 1;
    } else {
        g.x = 0;
        g.y = 2 + ui_detail_list_rows(ui, area_rows);
        g.rows = area_rows - ui_detail_list_rows(ui, area_rows) - 1;
    }
    g.cols = ui->cols - g.x;
    if (g.rows < 1)
        g.rows = 1;
    return g;
}

static const struct overview_row *selected(const struct ui *ui)
{
    return overview_row(ui->list.ov, ui->list.rows[ui->list.sel]);
}

/* A new row selected: its pane starts at the top. */
static void follow_selection(struct ui *ui)
{
    size_t row = ui->list.rows[ui->list.sel];
    if (row != ui->detail.row) {
        ui->detail.row = row;
        ui->detail.top = 0;
    }
}

static void add_line(struct pane *p, enum line_kind kind, size_t field, size_t lrow)
{
    if (p->n_lines == p->cap_lines) {
        p->cap_lines = p->cap_lines ? 2 * p->cap_lines : 32;
        p->lines = xrealloc(p->lines, p->cap_lines * sizeof(*p->lines));
    }
    p->lines[p->n_lines++] = (struct pane_line){ kind, field, lrow };
}

static void pane_build(const struct ui *ui, int width, struct pane *p)
{
    memset(p, 0, sizeof(*p));
    const struct overview_row *r = selected(ui);
    p->sheet = ui->ed.sheets[r->sheet];
    p->item = &p->sheet->items[r->item];
    const struct form *form = p->sheet->form;
    p->n_fields = detail_fields(form, ui->list.result, ui->list.stage, p->fields, PANE_MAX_FIELDS);
    for (size_t i = 0; i < p->n_fields; i++) {
        const struct form_field *fld = &form->fields[p->fields[i]];
        add_line(p, LINE_LABEL, i, 0);
        if (fld->kind != FIELD_LINE && fld->kind != FIELD_TEXT)
            continue;           /* a choice or number goes on its label's line */
        const char *v = item_get(p->sheet, p->item, p->fields[i]);
        if (!v || !*v) {
            add_line(p, LINE_EMPTY, i, 0);
            continue;
        }
        p->lays[i] = (struct layout)LAYOUT_INIT;
        layout_text(&p->lays[i], v, strlen(v), width - PANE_INDENT);
        for (size_t k = 0; k < p->lays[i].nrows; k++)
            add_line(p, LINE_TEXT, i, k);
    }
}

static void pane_free(struct pane *p)
{
    for (size_t i = 0; i < p->n_fields; i++)
        layout_free(&p->lays[i]);
    free(p->lines);
}

/* "目標の達成: 目標未達成", or the label alone above a text. */
static void draw_label_line(const struct pane *p, size_t i, int y, const struct geom *g)
{
    const struct form *form = p->sheet->form;
    const struct form_field *fld = &form->fields[p->fields[i]];
    int x = g->x + tui_str(y, g->x, g->cols, fld->label, ROLE_LABEL);
    if (fld->kind == FIELD_LINE || fld->kind == FIELD_TEXT)
        return;
    const char *v = item_get(p->sheet, p->item, p->fields[i]);
    x += tui_str(y, x, g->x + g->cols - x, ": ", ROLE_NORMAL);
    int c = v ? form_choice_index(fld, v, strlen(v), false) : -1;
    if (c >= 0)
        tui_str(y, x, g->x + g->cols - x, fld->choices[c].label, ROLE_NORMAL);
    else if (v && *v)
        tui_text(y, x, g->x + g->cols - x, v, strlen(v), ROLE_NORMAL);
    else
        tui_str(y, x, g->x + g->cols - x, _("not chosen"), ROLE_DIM);
}

static void draw_line(const struct pane *p, const struct pane_line *l, int y, const struct geom *g)
{
    if (l->kind == LINE_LABEL) {
        draw_label_line(p, l->field, y, g);
        return;
    }
    if (l->kind == LINE_EMPTY) {
        tui_str(y, g->x + PANE_INDENT, g->cols - PANE_INDENT, _("(empty)"), ROLE_DIM);
        return;
    }
    const struct layout *lay = &p->lays[l->field];
    const struct layout_row *lr = &lay->rows[l->lrow];
    size_t end = lr->hard && lr->end > lr->start ? lr->end - 1 : lr->end;
    tui_text(y, g->x + PANE_INDENT, g->cols - PANE_INDENT, lay->text + lr->start,
             end - lr->start, ROLE_NORMAL);
}

/* The pane's title: the item, and which of its rows are shown. */
static void draw_header(const struct ui *ui, const struct pane *p, const struct geom *g)
{
    const struct overview_row *r = selected(ui);
    tui_fill(g->y, g->x, g->cols, ROLE_BAR);
    struct strbuf t = STRBUF_INIT;
    if (ui->ed.n_open > 1)
        strbuf_addf(&t, "%s ", r->ward);
    strbuf_addf(&t, "%s %ld", p->sheet->form->item_label, r->number);
    if (r->title)
        strbuf_addf(&t, " %s", r->title);
    char more[96];
    int last = ui->detail.top + g->rows;
    snprintf(more, sizeof(more), " %d-%zu/%zu%s", ui->detail.top + 1,
             (size_t)last < p->n_lines ? (size_t)last : p->n_lines, p->n_lines,
             (size_t)last < p->n_lines ? _(" (Space: more)") : "");
    int mw = tui_width(more, strlen(more));
    tui_text(g->y, g->x + 1, g->cols - mw - 2, t.buf, t.len, ROLE_BAR);
    tui_str(g->y, g->x + g->cols - mw - 1, mw, more, ROLE_BAR);
    strbuf_release(&t);
}

static void clamp_top(struct ui *ui, const struct pane *p, int rows)
{
    int max = (int)p->n_lines - rows;
    if (ui->detail.top > max)
        ui->detail.top = max;
    if (ui->detail.top < 0)
        ui->detail.top = 0;
}

void ui_detail_draw(struct ui *ui, int area_rows)
{
    if (!shown(ui))
        return;
    follow_selection(ui);
    struct geom g = pane_geom(ui, area_rows);
    if (beside(ui))
        for (int y = g.y; y < g.y + g.rows + 1; y++)
            tui_str(y, g.x - 1, 1, "|", ROLE_DIM);
    struct pane p;
    pane_build(ui, g.cols, &p);
    clamp_top(ui, &p, g.rows);
    draw_header(ui, &p, &g);
    for (int i = 0; i < g.rows && (size_t)(ui->detail.top + i) < p.n_lines; i++)
        draw_line(&p, &p.lines[ui->detail.top + i], g.y + 1 + i, &g);
    pane_free(&p);
}

/* Space: the rest of the pane a screenful at a time, then the next item; b: back. */
static void read_on(struct ui *ui, int area_rows, bool forward)
{
    struct geom g = pane_geom(ui, area_rows);
    struct pane p;
    pane_build(ui, g.cols, &p);
    int step = g.rows > 1 ? g.rows - 1 : 1;
    bool more_below = (size_t)(ui->detail.top + g.rows) < p.n_lines;
    pane_free(&p);
    if (forward && more_below)
        ui->detail.top += step;
    else if (forward && ui->list.sel + 1 < ui->list.n_rows)
        ui->list.sel++;
    else if (!forward && ui->detail.top > 0)
        ui->detail.top = ui->detail.top > step ? ui->detail.top - step : 0;
    else if (!forward && ui->list.sel > 0)
        ui->list.sel--;
}

bool ui_detail_key(struct ui *ui, const struct key *k, int area_rows)
{
    if (k->kind != KEY_KIND_CHAR)
        return false;
    if (k->ch == 'd') {
        ui->detail.mode = wanted(ui) ? DETAIL_HIDDEN : DETAIL_SHOWN;
        return true;
    }
    if ((k->ch != ' ' && k->ch != 'b') || !shown(ui))
        return false;
    follow_selection(ui);
    read_on(ui, area_rows, k->ch == ' ');
    return true;
}
