/*
 * ui_previous.c - last year's value of the focused field, read-only, in a
 * pane beside the form (from UI_PREVIOUS_BESIDE_COLS columns) or below it;
 * Ctrl-P shows and hides it.  Last year's sheet is the one edit --previous
 * names, else the sheet's Previous header field (previous.h); it is read
 * when first shown for a sheet and never written.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "previous.h"
#include "stamp.h"
#include "ui.h"

#define UI_PREVIOUS_BESIDE_COLS 150
#define PANE_MIN_ROWS 4
#define PANE_MAX_ROWS 10

/*
 * Beside or below is decided when the terminal's size or the toggle
 * changes, never while drawing: the form's body is drawn in fewer columns.
 */
void ui_previous_fit(struct ui *ui)
{
    ui->previous.beside_cols = ui->cols >= UI_PREVIOUS_BESIDE_COLS ? ui->cols * 2 / 5 : 0;
}

static bool beside(const struct ui *ui)
{
    return ui->previous.beside_cols > 0;
}

int ui_previous_cols(const struct ui *ui)
{
    return ui->previous.shown ? ui->previous.beside_cols : 0;
}

int ui_previous_rows(const struct ui *ui)
{
    if (!ui->previous.shown || beside(ui))
        return 0;
    int rows = (ui->rows - 3 - UI_KEYBAR_ROWS) / 3;
    return rows < PANE_MIN_ROWS ? PANE_MIN_ROWS : rows > PANE_MAX_ROWS ? PANE_MAX_ROWS : rows;
}

static void close_last(struct ui_previous *pv)
{
    if (pv->loaded)
        previous_close(&pv->last);
    pv->loaded = false;
    layout_free(&pv->lay);
    pv->lay_text = NULL;
}

/* Read last year's sheet for sheet s once; false (why in pv->trouble) when there is none. */
static bool load_for(struct ui *ui, const struct sheet *s)
{
    struct ui_previous *pv = &ui->previous;
    if (pv->for_sheet == s)
        return pv->loaded;
    close_last(pv);
    pv->for_sheet = s;
    strbuf_reset(&pv->trouble);
    char *path = pv->given && ui->ed.cur_sheet == 0 ? xstrdup(pv->given) : previous_path(s);
    if (!path) {
        strbuf_addstr(&pv->trouble, _("no previous sheet is known: start the year with torikumi "
                                      "new --from LAST.rec, or open with --previous LAST.rec"));
        return false;
    }
    struct error e;
    if (previous_open(&pv->last, path, &e) < 0) {
        struct strbuf why = STRBUF_INIT;
        error_format(&e, &why);
        strbuf_addf(&pv->trouble, _("last year's sheet cannot be read: %s"), why.buf);
        strbuf_release(&why);
    } else {
        pv->loaded = true;
    }
    free(path);
    return pv->loaded;
}

void ui_previous_toggle(struct ui *ui)
{
    struct ui_previous *pv = &ui->previous;
    pv->shown = !pv->shown;
    ui_previous_fit(ui);
    if (pv->shown && !load_for(ui, editor_sheet(&ui->ed))) {
        pv->shown = false;
        editor_message(&ui->ed, true, "%s", pv->trouble.buf);
    } else {
        editor_message(&ui->ed, false, "%s", pv->shown ? _("last year's value: Ctrl-P hides it")
                                                       : _("last year's value hidden"));
    }
    editor_set_width(&ui->ed, ui_field_width(ui));
    ui_form_layout_changed(ui);
}

void ui_previous_free(struct ui *ui)
{
    close_last(&ui->previous);
    strbuf_release(&ui->previous.trouble);
    strbuf_release(&ui->previous.shown_value);
}

/* "[前年度 平成29年度] 趣旨・目的  取組項目 6【…】": what the pane shows, said plainly. */
static void pane_title(struct ui *ui, const struct item *last_item, struct strbuf *out)
{
    const struct sheet *last = ui->previous.last.last;
    const struct form *form = editor_sheet(&ui->ed)->form;
    strbuf_addf(out, "[%s", _("Last year (read-only)"));
    const char *year = sheet_header_get(last, "FiscalYear");
    if (year) {
        char era[32];
        fiscal_year_label(atol(year), era, sizeof(era));
        strbuf_addf(out, " %s", era);
    }
    strbuf_addch(out, ']');
    if (ui->ed.field >= 0)
        strbuf_addf(out, " %s", form->fields[ui->ed.field].label);
    if (last_item) {
        strbuf_addf(out, "  %s %ld", form->item_label, item_number(last, last_item));
        const char *title = form->title_field >= 0
                            ? previous_value(last_item, form, form->title_field) : NULL;
        if (title)
            strbuf_addf(out, "【%s】", title);
    }
}

/* Last year's value as a person reads it: a choice by its label, a stamp as 和暦. */
static const char *readable(struct ui *ui, const char *v, int f)
{
    const struct form_field *fld = &editor_sheet(&ui->ed)->form->fields[f];
    struct strbuf *sb = &ui->previous.shown_value;
    if (fld->kind == FIELD_CHOICE) {
        int c = form_choice_index(fld, v, strlen(v), false);
        return c >= 0 ? fld->choices[c].label : v;
    }
    strbuf_reset(sb);
    if (fld->kind == FIELD_STAMP && stamp_display(v, sb))
        return sb->buf;
    return v;
}

/* The text under the title: the value, or why there is none. */
static const char *pane_text(struct ui *ui, const struct item **last_item)
{
    struct ui_previous *pv = &ui->previous;
    struct editor *ed = &ui->ed;
    *last_item = NULL;
    if (!load_for(ui, editor_sheet(ed)))
        return pv->trouble.buf;
    if (editor_sheet(ed)->n_items == 0 || ed->field < 0)
        return "";
    const struct item *it = &editor_sheet(ed)->items[ed->cur];
    *last_item = previous_item(&pv->last, editor_sheet(ed), it);
    if (!*last_item) {
        strbuf_reset(&pv->shown_value);
        strbuf_addf(&pv->shown_value, _("last year's sheet has no %s %ld"),
                    editor_sheet(ed)->form->item_label, item_number(editor_sheet(ed), it));
        return pv->shown_value.buf;
    }
    const char *v = previous_value(*last_item, editor_sheet(ed)->form, ed->field);
    return v ? readable(ui, v, ed->field) : _("(empty)");
}

/*
 * Laid out again only when the text or the width changed: last year's
 * sheet never changes, so its values are known by their address (a long
 * one is not laid out again on every key).
 */
static const struct layout *pane_layout(struct ui_previous *pv, const char *text, int width)
{
    size_t len = strlen(text);
    bool rewritten = text == pv->shown_value.buf || text == pv->trouble.buf;
    if (rewritten || pv->lay_text != text || pv->lay.len != len || pv->lay.width != width) {
        layout_text(&pv->lay, text, len, width);
        pv->lay_text = text;
    }
    return &pv->lay;
}

static void draw_rows(const struct layout *lay, int y, int x, int w, int rows)
{
    for (int r = 0; r < rows && (size_t)r < lay->nrows; r++) {
        const struct layout_row *lr = &lay->rows[r];
        size_t end = lr->hard && lr->end > lr->start ? lr->end - 1 : lr->end;
        bool more = r == rows - 1 && (size_t)r + 1 < lay->nrows;
        int used = tui_text(y + r, x, more ? w - 2 : w, lay->text + lr->start, end - lr->start,
                            ROLE_NORMAL);
        if (more)           /* the rest does not fit: said, never cut silently */
            tui_str(y + r, x + used, 2, "…", ROLE_NORMAL);
    }
}

void ui_previous_draw(struct ui *ui)
{
    if (!ui->previous.shown)
        return;
    int x = 0, w = ui->cols, y = 1 + ui_body_rows(ui), h = ui_previous_rows(ui);
    if (beside(ui)) {
        w = ui->previous.beside_cols;
        x = ui->cols - w;
        y = 1;
        h = ui_body_rows(ui);
    }
    for (int r = 0; r < h; r++)
        tui_fill(y + r, x, w, ROLE_NORMAL);
    const struct item *last_item;
    const char *text = pane_text(ui, &last_item);
    struct strbuf title = STRBUF_INIT;
    pane_title(ui, last_item, &title);
    tui_fill(y, x, w, ROLE_BAR);
    ui_text_cut(y, x + 1, w - 2, title.buf, title.len, ROLE_BAR);
    strbuf_release(&title);
    int tx = x + UI_TEXT_INDENT, tw = w - UI_TEXT_INDENT - 1;
    draw_rows(pane_layout(&ui->previous, text, tw), y + 1, tx, tw, h - 1);
}
