/*
 * ui_form.c - the form: one item at a time, its stages and fields with
 * the form's labels, scrolling so the focused field and caret are seen,
 * and the keys of the editor.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "stamp.h"
#include "ui.h"
#include "utf8.h"

/* ---- building the page ----------------------------------------------------------- */

static struct page_row *add_row(struct ui *ui, enum row_kind kind, int field)
{
    xgrow((void **)&ui->form.page, &ui->form.cap_page, ui->form.n_page + 1, sizeof(*ui->form.page));
    struct page_row *r = &ui->form.page[ui->form.n_page++];
    memset(r, 0, sizeof(*r));
    r->kind = kind;
    r->field = field;
    r->stage = -1;
    return r;
}

static unsigned long long text_hash(const char *s, size_t n)
{
    unsigned long long h = 14695981039346656037ULL;     /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/*
 * The layout a text field is drawn from: the live editor's for the focused
 * one; for the others a layout made once and reused while the text (same
 * bytes: length and hash) and the width stay the same, since laying out
 * every field on every key would cost more than everything else together.
 */
/* A field's value as shown: a stamp torikumi wrote reads as 和暦 date and time. */
static const char *shown_value(struct ui *ui, int f)
{
    const char *v = editor_value(&ui->ed, f);
    if (!v || editor_sheet(&ui->ed)->form->fields[f].kind != FIELD_STAMP)
        return v;
    strbuf_reset(&ui->form.stamp_shown);
    return stamp_display(v, &ui->form.stamp_shown) ? ui->form.stamp_shown.buf : v;
}

static const struct layout *field_layout(struct ui *ui, int f)
{
    struct editor *ed = &ui->ed;
    if (ed->fe_active && f == ed->field)
        return fieldedit_layout(&ed->fe);
    const char *v = shown_value(ui, f);
    size_t n = v ? strlen(v) : 0;
    struct layout_key key = { v ? v : "", n, text_hash(v ? v : "", n), ed->width };
    struct layout_key *old = &ui->form.layout_keys[f];
    if (old->text && old->len == key.len && old->hash == key.hash && old->width == key.width &&
        ui->form.layouts[f].nrows > 0) {
        ui->form.layouts[f].text = key.text;     /* the layout borrows the text: point at today's copy */
        return &ui->form.layouts[f];
    }
    layout_text(&ui->form.layouts[f], key.text, n, ed->width);
    *old = key;
    return &ui->form.layouts[f];
}

static bool shown_in_body(const struct ui *ui, int f)
{
    const struct form_field *fld = &editor_sheet(&ui->ed)->form->fields[f];
    return !fld->hidden;
}

static void add_field_rows(struct ui *ui, int f)
{
    const struct form_field *fld = &editor_sheet(&ui->ed)->form->fields[f];
    add_row(ui, ROW_LABEL, f);
    if (fld->kind == FIELD_CHOICE) {
        add_row(ui, ROW_CHOICES, f);
        return;
    }
    const char *v = editor_value(&ui->ed, f);
    bool focused = ui->ed.field == f;
    if ((!v || !*v) && !focused) {
        add_row(ui, ROW_TEXT, f)->placeholder = true;
        return;
    }
    const struct layout *lay = field_layout(ui, f);
    for (size_t r = 0; r < lay->nrows; r++)
        add_row(ui, ROW_TEXT, f)->lrow = r;
}

static void build_page(struct ui *ui)
{
    ui->form.n_page = 0;
    struct editor *ed = &ui->ed;
    if (editor_sheet(ed)->n_items == 0)
        return;
    const struct form *form = editor_sheet(ed)->form;
    int *order = xmalloc(form->n_fields * sizeof(int));
    size_t n = form_display_order(editor_sheet(ed)->form, order);
    int stage = -1;
    const char *group = NULL;
    for (size_t i = 0; i < n; i++) {
        int f = order[i];
        if (!shown_in_body(ui, f))
            continue;
        const struct form_field *fld = &form->fields[f];
        if (fld->stage != stage) {
            if (stage >= 0)
                add_row(ui, ROW_BLANK, -1);
            stage = fld->stage;
            add_row(ui, ROW_STAGE, -1)->stage = stage;
            group = NULL;
        }
        if (fld->group && (!group || !str_eq(group, fld->group)))
            add_row(ui, ROW_GROUP, f);
        group = fld->group;
        add_field_rows(ui, f);
    }
    free(order);
}

/* Page row of the caret (or of the focused field's first value row). */
static long caret_page_row(const struct ui *ui, long *label_row)
{
    const struct editor *ed = &ui->ed;
    long found = -1;
    *label_row = -1;
    for (size_t i = 0; i < ui->form.n_page; i++) {
        const struct page_row *r = &ui->form.page[i];
        if (r->field != ed->field)
            continue;
        if (r->kind == ROW_LABEL)
            *label_row = (long)i;
        if (r->kind == ROW_CHOICES)
            return (long)i;
        if (r->kind == ROW_TEXT) {
            if (!ed->fe_active)
                return (long)i;
            if (r->lrow == fieldedit_caret_pos(&ed->fe).row)
                found = (long)i;
        }
    }
    return found;
}

static void scroll_to_caret(struct ui *ui)
{
    int body = ui_body_rows(ui);
    long label;
    long row = caret_page_row(ui, &label);
    if (row < 0)
        return;
    if (row < ui->form.scroll)
        ui->form.scroll = (int)row;
    /* Keep a few rows below the caret in view, so what follows is seen. */
    long below = row + UI_SCROLL_MARGIN < (long)ui->form.n_page ? row + UI_SCROLL_MARGIN
                                                           : (long)ui->form.n_page - 1;
    if (below - row >= body)
        below = row;
    if (below >= ui->form.scroll + body)
        ui->form.scroll = (int)(below - body + 1);
    /* Show the label too when the caret allows it. */
    if (label >= 0 && label < ui->form.scroll && row - label < body)
        ui->form.scroll = (int)label;
    long max = (long)ui->form.n_page - body;
    if (ui->form.scroll > max)
        ui->form.scroll = max > 0 ? (int)max : 0;
    if (ui->form.scroll < 0)
        ui->form.scroll = 0;
}

static void clamp_scroll(struct ui *ui)
{
    long max = (long)ui->form.n_page - ui_body_rows(ui);
    if (ui->form.scroll > max)
        ui->form.scroll = max > 0 ? (int)max : 0;
    if (ui->form.scroll < 0)
        ui->form.scroll = 0;
}

void ui_form_layout_changed(struct ui *ui)
{
    build_page(ui);
    if (ui->form.follow)
        scroll_to_caret(ui);
    clamp_scroll(ui);
}

/* ---- drawing ---------------------------------------------------------------------- */

static void draw_header(struct ui *ui)
{
    struct editor *ed = &ui->ed;
    const struct sheet *s = editor_sheet(ed);
    struct strbuf sb = STRBUF_INIT;
    const char *ward = sheet_header_get(s, "Ward");
    const char *year = sheet_header_get(s, "FiscalYear");
    if (ward)
        strbuf_addf(&sb, "%s ", ward);
    if (year) {
        char era[32];
        fiscal_year_label(atol(year), era, sizeof(era));
        strbuf_addf(&sb, "%s ", era);
    }
    if (s->n_items) {
        const struct item *it = &s->items[ed->cur];
        long no = item_number(s, it);
        const char *raw = item_get(s, it, s->form->key_field);
        if (no >= 0)
            strbuf_addf(&sb, "| %s %ld ", s->form->item_label, no);
        else   /* as typed, until it is a number (the status line says what is wrong) */
            strbuf_addf(&sb, "| %s %s ", s->form->item_label, raw && *raw ? raw : "?");
        const char *title = s->form->title_field >= 0 ? item_get(s, it, s->form->title_field)
                                                      : NULL;
        if (title)
            strbuf_addf(&sb, "【%s】", title);
    } else {
        strbuf_addf(&sb, _("| no %s yet: Ctrl-N adds one"), s->form->item_label);
    }
    tui_fill(0, 0, ui->cols, ROLE_BAR);
    /* The title may hold anything from the file: tui_text escapes it. */
    tui_text(0, 1, ui->cols - 2, sb.buf, sb.len, ROLE_BAR);
    strbuf_release(&sb);
}

static void draw_stage_row(struct ui *ui, int y, int st)
{
    struct editor *ed = &ui->ed;
    const struct form_stage *stage = &editor_sheet(ed)->form->stages[st];
    struct strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "== %s ==", stage->label);
    int x = tui_str(y, 0, ui->cols, sb.buf, ROLE_STAGE);
    strbuf_reset(&sb);
    if (stage->done_field >= 0) {
        bool done = editor_stage_done(ed, ed->cur, st);
        strbuf_addf(&sb, "  [%s] %s%s", done ? "x" : " ", _("complete"),
                    ed->read_only ? "" : " (F9)");
    }
    size_t errs = editor_stage_errors(ed, ed->cur, st);
    if (errs)
        strbuf_addf(&sb, "  [!] %s", "");
    x += tui_str(y, x, ui->cols - x, sb.buf, ROLE_NORMAL);
    if (errs) {
        char n[64];
        snprintf(n, sizeof(n), _("problems: %zu"), errs);
        tui_str(y, x, ui->cols - x, n, ROLE_PROBLEM);
    }
    strbuf_release(&sb);
}

static void draw_label_row(struct ui *ui, int y, int f)
{
    struct editor *ed = &ui->ed;
    const struct form_field *fld = &editor_sheet(ed)->form->fields[f];
    bool focused = ed->field == f;
    if (focused)
        tui_str(y, 0, 2, ">", ROLE_FOCUS);
    int x = 2 + tui_str(y, 2, ui->cols - 2, fld->label, focused ? ROLE_FOCUS : ROLE_LABEL);
    if (editor_field_required(ed, f))
        x += tui_str(y, x + 1, ui->cols - x - 1, _("(required)"), ROLE_NORMAL) + 1;
    if (fld->kind == FIELD_STAMP)
        x += tui_str(y, x + 1, ui->cols - x - 1, _("(set when saved)"), ROLE_DIM) + 1;
    int right = ui->cols;
    if (focused && ed->fe_active && fld->max_length > 0 && !ed->read_only) {
        struct fieldedit_counter c = fieldedit_count(&ed->fe);
        char counter[48];
        snprintf(counter, sizeof(counter), "%s%zu/%zu", c.exceeded ? "!" : "", c.chars, c.max);
        int w = (int)strlen(counter);
        right = ui->cols - w - 1;
        tui_str(y, right, w, counter, c.exceeded ? ROLE_PROBLEM : ROLE_NORMAL);
    }
    const struct problem *p = editor_field_problem(ed, f);
    if (p && x + 6 < right) {
        struct strbuf m = STRBUF_INIT;
        strbuf_addstr(&m, p->severity == SEV_ERROR ? "[!] " : "[?] ");
        problem_message(editor_sheet(ed), p, &m);
        if (p->code == PROB_HALFWIDTH_KANA && focused)
            strbuf_addstr(&m, _(" (Ctrl-K: full width)"));
        tui_text(y, x + 2, right - x - 3, m.buf, m.len, ROLE_PROBLEM);
        strbuf_release(&m);
    }
}

static void draw_text_row(struct ui *ui, int y, const struct page_row *r)
{
    struct editor *ed = &ui->ed;
    if (r->placeholder) {
        tui_str(y, UI_TEXT_INDENT, ed->width, _("(empty)"), ROLE_DIM);
        return;
    }
    const struct layout *lay = field_layout(ui, r->field);
    const struct layout_row *lr = &lay->rows[r->lrow];
    size_t end = lr->end;
    if (lr->hard && end > lr->start)
        end--;          /* the newline itself is not drawn */
    size_t hs = lr->start, he = lr->start;      /* the part of the match on this row */
    if (ui->find.shown && ui->find.hit.pos.sheet == ed->cur_sheet && ui->find.hit.pos.item == ed->cur &&
        ui->find.hit.pos.field == r->field) {
        size_t a = ui->find.hit.pos.offset, b = a + ui->find.hit.len;
        hs = a > lr->start ? (a < end ? a : end) : lr->start;
        he = b < end ? (b > hs ? b : hs) : end;
    }
    int x = UI_TEXT_INDENT;
    x += tui_text(y, x, ed->width, lay->text + lr->start, hs - lr->start, ROLE_NORMAL);
    x += tui_text(y, x, ed->width - (x - UI_TEXT_INDENT), lay->text + hs, he - hs, ROLE_MATCH);
    tui_text(y, x, ed->width - (x - UI_TEXT_INDENT), lay->text + he, end - he, ROLE_NORMAL);
    if (ed->fe_active && ed->field == r->field) {
        struct layout_pos pos = fieldedit_caret_pos(&ed->fe);
        if (pos.row == r->lrow)
            tui_caret(y, UI_TEXT_INDENT + pos.col);
    }
}

static void draw_choices_row(struct ui *ui, int y, int f)
{
    struct editor *ed = &ui->ed;
    const struct form_field *fld = &editor_sheet(ed)->form->fields[f];
    const char *v = editor_value(ed, f);
    bool focused = ed->field == f;
    int x = UI_TEXT_INDENT;
    for (size_t c = 0; c < fld->n_choices && c < UI_MAX_CHOICES; c++) {
        bool on = v && str_eq(v, fld->choices[c].key);
        char mark[8];
        snprintf(mark, sizeof(mark), "%s", on ? "(*)" : "( )");
        int start = x;
        if (focused && (int)c == ed->choice_cursor)
            tui_caret(y, x + 1);
        x += tui_str(y, x, ui->cols - x, mark, focused && on ? ROLE_FOCUS : ROLE_NORMAL);
        char num[8];
        snprintf(num, sizeof(num), " %zu:", c + 1);
        if (focused)
            x += tui_str(y, x, ui->cols - x, num, ROLE_DIM);
        x += tui_str(y, x + 1, ui->cols - x - 1, fld->choices[c].label,
                     on ? ROLE_LABEL : ROLE_NORMAL) + 1;
        if (focused) {
            ui->form.choice_x[c][0] = start;
            ui->form.choice_x[c][1] = x;
        }
        x += 3;
    }
    if (v && form_choice_index(fld, v, strlen(v), false) < 0) {
        /* A value the form does not know: shown, never silently dropped. */
        char bad[64];
        snprintf(bad, sizeof(bad), "  ?? ");
        x += tui_str(y, x, ui->cols - x, bad, ROLE_PROBLEM);
        tui_text(y, x, ui->cols - x, v, strlen(v), ROLE_PROBLEM);
    }
}

static void draw_body(struct ui *ui)
{
    int body = ui_body_rows(ui);
    for (int i = 0; i < body; i++) {
        size_t pr = (size_t)(ui->form.scroll + i);
        if (pr >= ui->form.n_page)
            break;
        const struct page_row *r = &ui->form.page[pr];
        int y = 1 + i;
        switch (r->kind) {
        case ROW_BLANK:
            break;
        case ROW_STAGE:
            draw_stage_row(ui, y, r->stage);
            break;
        case ROW_GROUP:
            tui_str(y, 1, ui->cols - 1, "<", ROLE_DIM);
            tui_str(y, 2 + tui_str(y, 2, ui->cols - 3, editor_sheet(&ui->ed)->form->fields[r->field].group,
                                  ROLE_DIM), 1, ">", ROLE_DIM);
            break;
        case ROW_LABEL:
            draw_label_row(ui, y, r->field);
            break;
        case ROW_TEXT:
            draw_text_row(ui, y, r);
            break;
        case ROW_CHOICES:
            draw_choices_row(ui, y, r->field);
            break;
        }
    }
    /* Say when there is more above or below. */
    if (ui->form.scroll > 0)
        tui_str(1, ui->cols - 1, 1, "^", ROLE_DIM);
    if ((size_t)(ui->form.scroll + body) < ui->form.n_page)
        tui_str(body, ui->cols - 1, 1, "v", ROLE_DIM);
}

/* Two rows of 80 columns, in English and in Japanese. */
static const char *const form_keys[] = {
    "F1", N_("Help"), "Tab", N_("Next"), "F2-4", N_("Stage"), "F7/F8", N_("Item"),
    "F9", N_("Complete"), "^S", N_("Save"), "^Q", N_("Quit"),
    "^Z", N_("Undo"), "F5", N_("List"), "F6", N_("Problems"), "^G", N_("Go to"),
    "^F", N_("Find"), "^N", N_("New"), "^E", N_("Editor"),
};

/* Reading: the pager's keys (as in less) instead of the editing ones. */
static const char *const view_keys[] = {
    "F1", N_("Help"), "Space/b", N_("Page"), "g/G", N_("First/last"), "F7/F8", N_("Item"),
    "/ ?", N_("Find"), "n/N", N_("Next/previous match"), "F5", N_("List"),
    "F6", N_("Problems"), "^G", N_("Go to"), "q", N_("Quit"),
};

void ui_form_draw(struct ui *ui)
{
    ui_form_layout_changed(ui);
    draw_header(ui);
    draw_body(ui);
    struct editor *ed = &ui->ed;
    struct strbuf right = STRBUF_INIT;
    if (ed->message[0])
        strbuf_addstr(&right, ed->message);
    else if (ui->find.shown && ui->find.search) {
        ed->message_is_error = false;
        ui_match_message(ui, &right);
    }
    else if (ed->field >= 0) {
        const struct problem *p = editor_field_problem(ed, ed->field);
        if (p) {
            ed->message_is_error = p->severity == SEV_ERROR;
            problem_message(editor_sheet(ed), p, &right);
        }
    }
    ui_draw_status(ui, right.buf);
    strbuf_release(&right);
    if (ed->read_only)
        ui_draw_keybar(ui, view_keys, ARRAY_LEN(view_keys));
    else
        ui_draw_keybar(ui, form_keys, ARRAY_LEN(form_keys));
}

/* ---- keys ------------------------------------------------------------------------- */

/* A stage jumped to is shown from its heading, so all of it is seen at once where it fits. */
static void show_stage_from_top(struct ui *ui, int stage)
{
    build_page(ui);
    for (size_t i = 0; i < ui->form.n_page; i++)
        if (ui->form.page[i].kind == ROW_STAGE && ui->form.page[i].stage == stage) {
            ui->form.scroll = (int)i;
            clamp_scroll(ui);
            ui->form.follow = false;
            return;
        }
}

static bool focused_kind(const struct ui *ui, enum field_kind kind)
{
    return ui->ed.field >= 0 && editor_sheet(&ui->ed)->form->fields[ui->ed.field].kind == kind;
}

static int stage_of_focus(const struct ui *ui)
{
    if (ui->ed.field < 0)
        return -1;
    return editor_sheet(&ui->ed)->form->fields[ui->ed.field].stage;
}

static void complete_stage(struct ui *ui)
{
    struct editor *ed = &ui->ed;
    int st = stage_of_focus(ui);
    if (st < 0 || editor_sheet(ed)->form->stages[st].done_field < 0) {
        editor_message(ed, true, "%s", _("this part of the sheet has no complete mark; "
                                         "move to a stage (F2-F4)"));
        return;
    }
    bool was_done = editor_stage_done(ed, ed->cur, st);
    problems_clear(&ui->refusal.reasons);
    if (editor_toggle_done(ed, st, &ui->refusal.reasons)) {
        editor_message(ed, false, was_done ? _("%s marked not complete") : _("%s marked complete"),
                       editor_sheet(ed)->form->stages[st].label);
    } else if (ui->refusal.reasons.n) {
        ui->refusal.stage = st;
        editor_message(ed, true, _("%s not marked complete: %zu problems"),
                       editor_sheet(ed)->form->stages[st].label, ui->refusal.reasons.n);
        ui_push(ui, SCREEN_REASONS);
    }
}

static void goto_relative_item(struct ui *ui, int delta)
{
    struct editor *ed = &ui->ed;
    if (editor_sheet(ed)->n_items == 0 && ed->n_open == 1)
        return;
    if (!editor_step_item(ed, delta)) {
        editor_message(ed, false, "%s", delta < 0 ? _("this is the first one")
                                                  : _("this is the last one"));
        return;
    }
    ui->form.scroll = 0;
    ui->form.follow = true;
}

/* Up/Down leave the field at its first/last row. */
static void vertical(struct ui *ui, bool down)
{
    struct editor *ed = &ui->ed;
    if (ed->fe_active && (down ? fieldedit_down(&ed->fe) : fieldedit_up(&ed->fe)))
        return;
    int col = ed->fe_active ? fieldedit_caret_pos(&ed->fe).col : 0;
    if (!(down ? editor_next_field(ed) : editor_prev_field(ed)))
        return;
    if (ed->fe_active) {
        const struct layout *lay = fieldedit_layout(&ed->fe);
        fieldedit_click(&ed->fe, down ? 0 : lay->nrows - 1, col);
    }
}

static void page(struct ui *ui, bool down)
{
    int body = ui_body_rows(ui);
    for (int i = 0; i < body - 2; i++)
        vertical(ui, down);
}

static bool text_key(struct ui *ui, const struct key *k)
{
    struct editor *ed = &ui->ed;
    if (!ed->fe_active)
        return false;
    struct fieldedit *fe = &ed->fe;
    if (k->kind == KEY_KIND_CHAR) {
        wint_t c = k->ch;
        if (c == '\r' || c == '\n') {
            if (focused_kind(ui, FIELD_TEXT))
                editor_type(ed, "\n", 1);
            else
                editor_next_field(ed);
            return true;
        }
        if (c == 127 || c == 8) {
            editor_backspace(ed);
            return true;
        }
        if (c == CTRL('k')) {
            editor_fullwidth_kana(ed);
            return true;
        }
        if (c == CTRL('w') || c == CTRL('u')) {
            c == CTRL('w') ? editor_delete_word_back(ed) : editor_clear_field(ed);
            return true;
        }
        if (c == '\t' || c < 0x20)
            return false;
        char u[4];
        editor_type(ed, u, utf8_encode((uint32_t)c, u));
        return true;
    }
    if (k->kind != KEY_KIND_FUNC)
        return false;
    switch (k->code) {
    case KEY_LEFT: fieldedit_left(fe); break;
    case KEY_RIGHT: fieldedit_right(fe); break;
    case KEY_HOME: fieldedit_home(fe); break;
    case KEY_END: fieldedit_end(fe); break;
    case TUI_KEY_CTRL_LEFT: case TUI_KEY_ALT_B: fieldedit_word_left(fe); break;
    case TUI_KEY_CTRL_RIGHT: case TUI_KEY_ALT_F: fieldedit_word_right(fe); break;
    case TUI_KEY_CTRL_HOME: fieldedit_text_home(fe); break;
    case TUI_KEY_CTRL_END: fieldedit_text_end(fe); break;
    case KEY_BACKSPACE: editor_backspace(ed); break;
    case KEY_DC: editor_delete(ed); break;
    case KEY_ENTER:
        if (focused_kind(ui, FIELD_TEXT))
            editor_type(ed, "\n", 1);
        else
            editor_next_field(ed);
        break;
    default:
        return false;
    }
    return true;
}

static const char *field_label(const struct ui *ui)
{
    return editor_sheet(&ui->ed)->form->fields[ui->ed.field].label;
}

static size_t choice_count(const struct ui *ui)
{
    return editor_sheet(&ui->ed)->form->fields[ui->ed.field].n_choices;
}

static bool choice_key(struct ui *ui, const struct key *k)
{
    struct editor *ed = &ui->ed;
    if (!focused_kind(ui, FIELD_CHOICE))
        return false;
    if (k->kind == KEY_KIND_CHAR) {
        if (k->ch == ' ') {
            editor_choice_step(ed, 1);
            return true;
        }
        if (k->ch >= '1' && k->ch <= '9') {
            editor_choice_pick(ed, (int)(k->ch - '1'));
            return true;
        }
        if (k->ch == 127 || k->ch == 8) {
            editor_choice_pick(ed, -1);
            return true;
        }
        if (k->ch < 0x20)
            return false;
        /* Typing is not thrown away silently: say which keys choose. */
        editor_message(ed, true, _("%s is a choice: press 1-%zu or Space to choose, Backspace "
                                   "to clear"), field_label(ui), choice_count(ui));
        return true;
    }
    if (k->kind == KEY_KIND_FUNC) {
        switch (k->code) {
        case KEY_RIGHT: editor_choice_step(ed, 1); return true;
        case KEY_LEFT: editor_choice_step(ed, -1); return true;
        case KEY_DC:
        case KEY_BACKSPACE: editor_choice_pick(ed, -1); return true;
        case KEY_ENTER: editor_next_field(ed); return true;
        }
    }
    if (k->kind == KEY_KIND_CHAR && k->ch == '\r') {
        editor_next_field(ed);
        return true;
    }
    return false;
}

static void click(struct ui *ui, int y, int x)
{
    struct editor *ed = &ui->ed;
    int i = y - 1;
    if (i < 0 || i >= ui_body_rows(ui) || (size_t)(ui->form.scroll + i) >= ui->form.n_page)
        return;
    const struct page_row *r = &ui->form.page[ui->form.scroll + i];
    if (r->field < 0 || !editor_focusable(ed, r->field))
        return;
    int f = r->field;
    struct page_row row = *r;
    if (ed->field != f)
        editor_focus(ed, f);
    if (row.kind == ROW_TEXT && ed->fe_active && !row.placeholder)
        fieldedit_click(&ed->fe, row.lrow, x - UI_TEXT_INDENT);
    if (row.kind == ROW_CHOICES) {
        build_page(ui);
        ui_form_draw(ui);      /* find where the choices are drawn now */
        const struct form_field *fld = &editor_sheet(ed)->form->fields[f];
        for (size_t c = 0; c < fld->n_choices && c < UI_MAX_CHOICES; c++)
            if (x >= ui->form.choice_x[c][0] && x < ui->form.choice_x[c][1])
                editor_choice_pick(ed, (int)c);
    }
}

static bool command_key(struct ui *ui, const struct key *k)
{
    struct editor *ed = &ui->ed;
    if (k->kind == KEY_KIND_CHAR) {
        switch (k->ch) {
        case '\t': editor_next_field(ed); return true;
        case CTRL('s'): ui_save(ui); return true;
        case CTRL('q'): ui_request_quit(ui); return true;
        case CTRL('z'): editor_undo(ed); return true;
        case CTRL('y'): editor_redo(ed); return true;
        case CTRL('g'): ui_open_prompt(ui, PROMPT_GOTO, NULL); return true;
        case CTRL('f'): ui_open_prompt(ui, PROMPT_FIND, ed->find_query); return true;
        case CTRL('e'): ui_external_edit(ui); return true;
        case CTRL('n'): editor_new_item(ed); ui->form.scroll = 0; return true;
        case CTRL('t'): ui_item_menu_open(ui); return true;
        }
        return false;
    }
    if (k->kind != KEY_KIND_FUNC)
        return false;
    int c = k->code;
    if (c == KEY_BTAB)
        editor_prev_field(ed);
    else if (c == KEY_F(1))
        ui_push(ui, SCREEN_HELP);
    else if (c >= KEY_F(2) && c <= KEY_F(4)) {
        editor_focus_stage(ed, c - KEY_F(2) + 1);
        show_stage_from_top(ui, c - KEY_F(2) + 1);
    }
    else if (c == KEY_F(5))
        ui_list_open(ui);
    else if (c == KEY_F(6)) {
        ui_problems_collect(ui);
        ui_push(ui, SCREEN_PROBLEMS);
    } else if (c == KEY_F(7) || c == KEY_F(8)) {
        int delta = c == KEY_F(7) ? -1 : 1;
        if (!ui_hits_step(ui, delta) && !ui_list_step(ui, delta))
            goto_relative_item(ui, delta);
    }
    else if (c == KEY_F(9))
        complete_stage(ui);
    else if (c == KEY_UP)
        vertical(ui, false);
    else if (c == KEY_DOWN)
        vertical(ui, true);
    else if (c == KEY_NPAGE)
        page(ui, true);
    else if (c == KEY_PPAGE)
        page(ui, false);
    else
        return false;
    return true;
}

/* ---- reading (view mode): keys as less has them ---------------------------------------- */

static void page_down(struct ui *ui)
{
    int body = ui_body_rows(ui);
    ui_form_layout_changed(ui);
    ui->form.follow = false;
    if (ui->form.scroll + body < (int)ui->form.n_page) {
        ui->form.scroll += body - 1;
        clamp_scroll(ui);
    } else if (editor_step_item(&ui->ed, 1)) {
        ui->form.scroll = 0;
    } else {
        editor_message(&ui->ed, false, "%s", _("(END)"));
    }
}

static void page_up(struct ui *ui)
{
    int body = ui_body_rows(ui);
    ui_form_layout_changed(ui);
    ui->form.follow = false;
    if (ui->form.scroll > 0) {
        ui->form.scroll -= body - 1;
        clamp_scroll(ui);
    } else if (editor_step_item(&ui->ed, -1)) {
        ui->form.scroll = 1 << 30;     /* the end of the previous item; clamped when drawn */
    } else {
        editor_message(&ui->ed, false, "%s", _("this is the first one"));
    }
}

static void scroll_lines(struct ui *ui, int delta)
{
    ui_form_layout_changed(ui);
    ui->form.follow = false;
    ui->form.scroll += delta;
    clamp_scroll(ui);
}

static void first_or_last(struct ui *ui, bool last)
{
    struct editor *ed = &ui->ed;
    size_t sh = last ? ed->n_open - 1 : 0;
    size_t n = ed->sheets[sh]->n_items;
    editor_goto(ed, sh, last && n ? n - 1 : 0);
    editor_focus_first(ed);   /* the top of the item, even when it was already there */
    ui->form.scroll = 0;
    ui->form.follow = false;
}

static void repeat_search(struct ui *ui, bool backwards)
{
    if (ui->prompt_line.backwards)
        backwards = !backwards;
    ui_find(ui, NULL, backwards);
}

/* Keys of a pager; true when the key was one. */
static bool reader_key(struct ui *ui, const struct key *k)
{
    if (k->kind == KEY_KIND_FUNC) {
        switch (k->code) {
        case KEY_NPAGE: page_down(ui); return true;
        case KEY_PPAGE: page_up(ui); return true;
        case KEY_DOWN: scroll_lines(ui, 1); return true;
        case KEY_UP: scroll_lines(ui, -1); return true;
        case KEY_HOME: first_or_last(ui, false); return true;
        case KEY_END: first_or_last(ui, true); return true;
        }
        return false;
    }
    if (k->kind != KEY_KIND_CHAR)
        return false;
    switch (k->ch) {
    case ' ': case 'f': page_down(ui); return true;
    case 'b': page_up(ui); return true;
    case 'j': case '\r': scroll_lines(ui, 1); return true;
    case 'k': scroll_lines(ui, -1); return true;
    case 'g': case '<': first_or_last(ui, false); return true;
    case 'G': case '>': first_or_last(ui, true); return true;
    case 'q': case 'Q': ui->quit = true; return true;
    case '/': case '?':
        ui->prompt_line.backwards = k->ch == '?';
        ui_open_prompt(ui, PROMPT_FIND, NULL);
        return true;
    case 'n': repeat_search(ui, false); return true;
    case 'N': repeat_search(ui, true); return true;
    case 'l': ui_hits_open(ui, false); return true;
    }
    return false;
}

/* Anything that would change the sheet, in view mode (Left/Right only change a choice). */
static bool editing_key(const struct ui *ui, const struct key *k)
{
    if (k->kind == KEY_KIND_PASTE)
        return true;
    if (k->kind == KEY_KIND_CHAR)
        return k->ch >= 0x20 || k->ch == CTRL('s') || k->ch == CTRL('e') || k->ch == CTRL('z') ||
               k->ch == CTRL('y') || k->ch == CTRL('n') || k->ch == 8 || k->ch == 127;
    if (k->kind == KEY_KIND_FUNC)
        return k->code == KEY_BACKSPACE || k->code == KEY_DC || k->code == KEY_ENTER ||
               k->code == KEY_F(9) ||
               ((k->code == KEY_LEFT || k->code == KEY_RIGHT) && focused_kind(ui, FIELD_CHOICE));
    return false;
}

static bool search_key(const struct ui *ui, const struct key *k)
{
    if (k->kind != KEY_KIND_CHAR)
        return false;
    if (k->ch == CTRL('f'))
        return true;
    return ui->ed.read_only && (k->ch == '/' || k->ch == '?' || k->ch == 'n' || k->ch == 'N');
}

/* A key no one took: a function key, or a control character other than Esc. */
static bool unbound(const struct key *k)
{
    return k->kind == KEY_KIND_FUNC || (k->kind == KEY_KIND_CHAR && k->ch < 0x20 && k->ch != 27);
}

void ui_form_key(struct ui *ui, const struct key *k)
{
    struct editor *ed = &ui->ed;
    if (!search_key(ui, k))
        ui->find.shown = false;      /* the match is no longer what the screen is about */
    if (ed->read_only) {
        if (reader_key(ui, k))
            return;
        if (editing_key(ui, k)) {
            editor_message(ed, true, "%s", _("read-only: this sheet cannot be changed here"));
            return;
        }
    }
    ui->form.follow = true;
    if (k->kind == KEY_KIND_PASTE) {
        if (ed->fe_active)
            editor_paste(ed, k->paste, k->paste_len);
        else
            editor_message(ed, true, "%s", _("paste into a text field"));
        return;
    }
    if (k->kind == KEY_KIND_MOUSE) {
        click(ui, k->mouse_y, k->mouse_x);
        return;
    }
    if (command_key(ui, k))
        return;
    if (choice_key(ui, k) || text_key(ui, k))
        return;
    if (k->kind == KEY_KIND_CHAR && k->ch >= 0x20 && ed->field >= 0 && !ed->fe_active &&
        !focused_kind(ui, FIELD_CHOICE))
        editor_message(ed, true, "%s", _("this field is set by torikumi"));
    else if (unbound(k))
        editor_message(ed, false, "%s", _("that key does nothing here (F1 lists the keys)"));
}
