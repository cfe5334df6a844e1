/*
 * ui_help.c - F1: every key, and the help the form gives for the focused
 * field and its stage.  The same keys are listed in docs/torikumi.1.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "ui.h"

#define READING_SECTION N_("Reading (view mode, or a file you cannot write)")

/* Sections end with an empty row; a reader gets the reading section first. */
static const char *const help_keys[][2] = {
    { "F1", N_("this help") },
    { "Tab / Shift-Tab", N_("next / previous field") },
    { "Up / Down", N_("move by display line; at a field's edge, to the next field") },
    { "F2 / F3 / F4", N_("jump to the first field of each stage") },
    { "F7 / F8", N_("previous / next item") },
    { "Ctrl-G", N_("go to an item by its number") },
    { "Ctrl-N", N_("add a new item at the end") },
    { "Ctrl-T", N_("item menu: delete (asks), duplicate, move up / down, renumber; also on the "
                   "F5 list's selected row; Ctrl-Z undoes each") },
    { "F5", N_("list of items with each stage's state; Enter opens one") },
    { "F6", N_("list of problems; Enter jumps to one") },
    { "F9", N_("mark the focused stage complete (refused while it has problems), "
               "or not complete") },
    { "Ctrl-F", N_("find text in every item (Enter on an empty prompt repeats)") },
    { "Ctrl-S", N_("save (always allowed, even with problems)") },
    { "Ctrl-Q", N_("quit (asks when there are unsaved changes)") },
    { "Ctrl-Z / Ctrl-Y", N_("undo / redo") },
    { "Ctrl-E", N_("edit the focused text field in $VISUAL or $EDITOR") },
    { "", "" },
    { N_("In a text field"), "" },
    { N_("typing"), N_("inserts at the caret; Enter starts a new line") },
    { "Left / Right", N_("move by character") },
    { "Home / End", N_("start / end of the display line") },
    { "Ctrl-Home / Ctrl-End", N_("start / end of the field") },
    { "Ctrl-Left / Ctrl-Right", N_("previous / next word (also Alt-b / Alt-f)") },
    { "Ctrl-K", N_("half-width katakana of the field to full width (ｶﾞ -> ガ)") },
    { "Ctrl-W / Ctrl-U", N_("delete the word before the caret / clear the field (Ctrl-Z undoes)") },
    { "Backspace / Delete", N_("remove one whole character") },
    { "PageUp / PageDown", N_("move by a screen") },
    { "", "" },
    { N_("In a choice field"), "" },
    { "Space, Left / Right", N_("change the choice") },
    { "1 .. 9", N_("pick that option") },
    { "Delete", N_("clear the choice") },
    { "", "" },
    { N_("In the list (F5)"), "" },
    { "p / r / i", N_("problems only / a result / a stage not complete") },
    { "s / a", N_("sort by number or by state / no filter") },
    { "Space / b / d", N_("filtered: read on / back in the item's pane; d hides or shows it") },
    { "w", N_("count per ward; Enter keeps that ward's items") },
    { "", "" },
    { READING_SECTION, "" },
    { "Space / b", N_("a screen down / up, on into the next or previous item") },
    { "g / G", N_("first / last item") },
    { "/ / ?", N_("search forward / backward in every sheet") },
    { "n / N", N_("next / previous match") },
    { "l", N_("the items the search hits, one row each; F7 / F8 go through them") },
    { "R", N_("reload the sheets that changed on disk, keeping the place") },
    { "q", N_("quit") },
    { "", "" },
    { N_("Marks"), "" },
    { "(*) / ( )", N_("chosen / not chosen option") },
    { N_("(required)"), N_("must be filled in now") },
    { "[!]", N_("a problem; the status line spells out the focused field's") },
    { "[?]", N_("a warning (half-width katakana): saving and completing are still allowed") },
    { N_("[x] complete"), N_("the stage is marked complete (F9)") },
    { "[+]", N_("unsaved changes") },
};

static void add_line(struct strbuf *lines, size_t *n, const char *text)
{
    strbuf_addstr(lines, text);
    strbuf_addch(lines, '\0');
    (*n)++;
}

enum which_sections { ALL_SECTIONS, ONLY_READING, ALL_BUT_READING };

/* The key table's lines, the key column padded by display width (keys may be Japanese). */
static void add_key_lines(struct strbuf *lines, size_t *n, enum which_sections which)
{
    struct strbuf one = STRBUF_INIT;
    bool in_reading = false;
    for (size_t i = 0; i < ARRAY_LEN(help_keys); i++) {
        const char *key = help_keys[i][0], *what = help_keys[i][1];
        if (key[0] && !what[0])
            in_reading = strcmp(key, READING_SECTION) == 0;
        if ((which == ONLY_READING && !in_reading) || (which == ALL_BUT_READING && in_reading))
            continue;
        strbuf_reset(&one);
        if (key[0] && what[0]) {
            const char *k = _(key);
            int w = tui_width(k, strlen(k));
            strbuf_addf(&one, "  %s%*s %s", k, w < 20 ? 20 - w : 0, "", _(what));
        } else if (key[0]) {
            strbuf_addstr(&one, _(key));
        }
        add_line(lines, n, one.buf);
    }
    strbuf_release(&one);
}

/* All help lines, NUL-separated. */
static size_t help_lines(struct ui *ui, struct strbuf *lines)
{
    size_t n = 0;
    struct strbuf one = STRBUF_INIT;
    struct editor *ed = &ui->ed;
    if (ed->field >= 0) {
        const struct form_field *fld = &editor_sheet(ed)->form->fields[ed->field];
        const struct form_stage *st = &editor_sheet(ed)->form->stages[fld->stage];
        strbuf_addf(&one, "%s / %s", st->label, fld->label);
        add_line(lines, &n, one.buf);
        if (fld->help) {
            strbuf_reset(&one);
            strbuf_addf(&one, "  %s", fld->help);
            add_line(lines, &n, one.buf);
        }
        if (st->help) {
            strbuf_reset(&one);
            strbuf_addf(&one, "  %s", st->help);
            add_line(lines, &n, one.buf);
        }
        add_line(lines, &n, "");
    }
    /* A reader gets the reading section first, then the rest in order. */
    if (ed->read_only)
        add_key_lines(lines, &n, ONLY_READING);
    add_key_lines(lines, &n, ed->read_only ? ALL_BUT_READING : ALL_SECTIONS);
    strbuf_release(&one);
    return n;
}

/* Help lines wrap under their description column (24), so nothing is cut. */
static size_t wrap_help(const struct ui *ui, const struct strbuf *lines, size_t n,
                        struct strbuf *out)
{
    size_t rows = 0;
    const char *p = lines->buf;
    int width = ui->cols - 2;
    struct layout lay = LAYOUT_INIT;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(p);
        int indent = len > 24 && p[0] == ' ' && p[1] == ' ' ? 24 : 2;
        layout_text(&lay, p, len, width);
        if (lay.nrows > 1 && indent < width) {
            /* First row full width, the rest under the description. */
            size_t first_end = lay.rows[0].end;
            strbuf_add(out, p, first_end);
            strbuf_addch(out, '\0');
            rows++;
            layout_text(&lay, p + first_end, len - first_end, width - indent);
            for (size_t r = 0; r < lay.nrows; r++) {
                strbuf_addf(out, "%*s", indent, "");
                strbuf_add(out, p + first_end + lay.rows[r].start,
                           lay.rows[r].end - lay.rows[r].start);
                strbuf_addch(out, '\0');
                rows++;
            }
        } else {
            strbuf_add(out, p, len);
            strbuf_addch(out, '\0');
            rows++;
        }
        p += len + 1;
    }
    layout_free(&lay);
    return rows;
}

void ui_help_draw(struct ui *ui)
{
    tui_fill(0, 0, ui->cols, ROLE_BAR);
    tui_str(0, 1, ui->cols - 2, _("torikumi help"), ROLE_BAR);
    struct strbuf raw = STRBUF_INIT, lines = STRBUF_INIT;
    size_t n = wrap_help(ui, &raw, help_lines(ui, &raw), &lines);
    int rows = ui->rows - 3 - UI_KEYBAR_ROWS;
    if (ui->help.top > (int)n - rows)
        ui->help.top = (int)n - rows;
    if (ui->help.top < 0)
        ui->help.top = 0;
    const char *p = lines.buf;
    for (size_t i = 0; i < n; i++) {
        int y = 1 + (int)i - ui->help.top;
        if (y >= 1 && y <= rows)
            tui_str(y, 1, ui->cols - 2, p, ROLE_NORMAL);
        p += strlen(p) + 1;
    }
    strbuf_release(&raw);
    strbuf_release(&lines);
    ui_draw_status(ui, NULL);
    static const char *const keys[] = { "Up/Down", N_("Scroll"), "F1/Esc", N_("Back") };
    ui_draw_keybar(ui, keys, ARRAY_LEN(keys));
}

void ui_help_key(struct ui *ui, const struct key *k)
{
    if (k->kind == KEY_KIND_FUNC) {
        if (k->code == KEY_DOWN || k->code == KEY_NPAGE)
            ui->help.top += k->code == KEY_DOWN ? 1 : ui->rows - 3 - UI_KEYBAR_ROWS;
        else if (k->code == KEY_UP || k->code == KEY_PPAGE)
            ui->help.top -= k->code == KEY_UP ? 1 : ui->rows - 3 - UI_KEYBAR_ROWS;
        else
            ui_pop(ui);
        return;
    }
    if (k->kind == KEY_KIND_CHAR)
        ui_pop(ui);
}
