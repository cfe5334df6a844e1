/*
 * ui.c - the main loop, the screen stack, and what every screen shares:
 * the status line, the key bar, the too-small notice, quitting, prompts
 * and running $EDITOR.
 */
#include "ui.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n.h"
#include "overview.h"
#include "textlayout.h"
#include "utf8.h"

struct screen {
    void (*draw)(struct ui *);
    void (*key)(struct ui *, const struct key *);
    bool overlay;           /* drawn over the form */
};

static const struct screen screens[SCREEN_COUNT] = {
    [SCREEN_FORM] = { ui_form_draw, ui_form_key, false },
    [SCREEN_LIST] = { ui_list_draw, ui_list_key, false },
    [SCREEN_PROBLEMS] = { ui_problems_draw, ui_problems_key, false },
    [SCREEN_HELP] = { ui_help_draw, ui_help_key, false },
    [SCREEN_PROMPT] = { ui_prompt_draw, ui_prompt_key, true },
    [SCREEN_QUIT] = { ui_quit_draw, ui_quit_key, true },
    [SCREEN_REASONS] = { ui_reasons_draw, ui_reasons_key, true },
    [SCREEN_WARDS] = { ui_wards_draw, ui_wards_key, false },
    [SCREEN_HITS] = { ui_hits_draw, ui_hits_key, false },
    [SCREEN_ITEM_MENU] = { ui_item_menu_draw, ui_item_menu_key, true },
    [SCREEN_QUESTION] = { question_draw, question_key, false },
};

void ui_push(struct ui *ui, enum screen_id id)
{
    if (ui->depth < (int)ARRAY_LEN(ui->stack))
        ui->stack[ui->depth++] = id;
}

void ui_pop(struct ui *ui)
{
    if (ui->depth > 1)
        ui->depth--;
}

static enum screen_id top(const struct ui *ui)
{
    return ui->stack[ui->depth - 1];
}

int ui_body_rows(const struct ui *ui)
{
    /* header, status and message lines, and last year's pane when it is below */
    return ui->rows - 3 - UI_KEYBAR_ROWS - ui_previous_rows(ui);
}

int ui_field_width(const struct ui *ui)
{
    return ui->cols - ui_previous_cols(ui) - UI_TEXT_INDENT - 2;
}

/* ---- shared chrome ------------------------------------------------------------- */

static const char *base_name(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    return slash ? slash + 1 : path ? path : "";
}

int ui_text_cut(int y, int x, int w, const char *s, size_t n, enum tui_role role)
{
    if (w <= 0)
        return 0;
    if (tui_width(s, n) <= w)
        return tui_text(y, x, w, s, n, role);
    size_t cut = 0;
    int used = 0;
    while (cut < n) {
        size_t next = utf8_cluster_end(s, n, cut);
        int cw = tui_width(s + cut, next - cut);
        if (used + cw > w - 1)
            break;
        used += cw;
        cut = next;
    }
    int drawn = tui_text(y, x, w - 1, s, cut, role);
    return drawn + tui_str(y, x + drawn, w - drawn, "…", role);
}

static bool draw_line_cut(int y, int w, const char *s, enum tui_role role)
{
    size_t n = strlen(s);
    ui_text_cut(y, 0, w, s, n, role);
    return tui_width(s, n) > w;
}

/* A message that did not fit is kept whole for F1 (the help does not replace it). */
static void remember_message(struct ui *ui, const char *message, bool cut)
{
    if (top(ui) == SCREEN_HELP)
        return;
    strbuf_reset(&ui->message_whole);
    if (cut)
        strbuf_addstr(&ui->message_whole, message);
}

/*
 * The status area: a line of facts (file, unsaved mark, item N/total,
 * problems: N) and below it a line for the message or the focused
 * field's problem, spelled out in full (F1 shows one that does not fit).
 */
void ui_draw_bar_and_message(struct ui *ui, const char *bar, const char *message)
{
    int y = ui->rows - UI_KEYBAR_ROWS - 2;
    tui_fill(y, 0, ui->cols, ROLE_BAR);
    draw_line_cut(y, ui->cols, bar, ROLE_BAR);
    tui_fill(y + 1, 0, ui->cols, ROLE_NORMAL);
    /* A sheet changed on disk: said until R reloads it, over anything but a fresh message. */
    const char *notice = ui_watch_notice(ui);
    /* A journal that cannot be written: said until it can, over a field's problem too. */
    if (!notice && !ui->ed.message[0])
        notice = session_journal_problem(&ui->session);
    bool fresh = message && *message && message == ui->ed.message;
    bool cut = false;
    if (notice && !fresh)
        cut = draw_line_cut(y + 1, ui->cols, notice, ROLE_PROBLEM);
    else if (message && *message)
        cut = draw_line_cut(y + 1, ui->cols, message,
                            ui->ed.message_is_error ? ROLE_PROBLEM : ROLE_NORMAL);
    remember_message(ui, notice && !fresh ? notice : message, cut);
}

void ui_draw_status(struct ui *ui, const char *message)
{
    struct editor *ed = &ui->ed;
    struct strbuf sb = STRBUF_INIT;
    if (ed->n_open > 1)
        strbuf_addf(&sb, "[%zu/%zu] ", ed->cur_sheet + 1, ed->n_open);
    strbuf_addstr(&sb, base_name(editor_sheet(ed)->path));
    if (ed->modified)
        strbuf_addstr(&sb, " [+]");
    if (ed->read_only)
        strbuf_addf(&sb, " [%s]", _("read-only"));
    strbuf_addf(&sb, "  %s %zu/%zu  ", editor_sheet(ed)->form->item_label,
                editor_sheet(ed)->n_items ? ed->cur + 1 : 0, editor_sheet(ed)->n_items);
    /* The count next to a file name is that file's; the total of all open sheets follows it. */
    strbuf_addf(&sb, _("problems: %zu"), ed->open[ed->cur_sheet].errors);
    if (ed->n_open > 1) {
        strbuf_addstr(&sb, "  (");
        strbuf_addf(&sb, _("all sheets: %zu"), ed->total_errors);
        strbuf_addstr(&sb, ")");
    }
    ui_draw_bar_and_message(ui, sb.buf, message);
    strbuf_release(&sb);
}

/* Two rows of keys, like nano: pairs wrap to the second row when the first is full. */
void ui_draw_keybar(struct ui *ui, const char *const *pairs, size_t n)
{
    int y = ui->rows - UI_KEYBAR_ROWS;
    for (int r = 0; r < UI_KEYBAR_ROWS; r++)
        tui_fill(y + r, 0, ui->cols, ROLE_NORMAL);
    int x = 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        const char *label = _(pairs[i + 1]);
        int need = tui_width(pairs[i], strlen(pairs[i])) + tui_width(label, strlen(label)) + 1;
        if (x + need > ui->cols) {
            if (y + 1 >= ui->rows)
                break;
            y++;
            x = 0;
        }
        x += tui_str(y, x, ui->cols - x, pairs[i], ROLE_KEYNAME);
        x += tui_str(y, x + 1, ui->cols - x - 1, label, ROLE_NORMAL) + 3;
    }
}

/* Draw text wrapped to the screen's width from row y; returns the next free row. */
static int draw_wrapped(struct ui *ui, int y, const char *text, enum tui_role role)
{
    struct layout lay = { 0 };
    layout_text(&lay, text, strlen(text), ui->cols);
    for (size_t r = 0; r < lay.nrows && y < ui->rows; r++, y++) {
        const struct layout_row *row = &lay.rows[r];
        size_t n = row->end - row->start - (row->hard ? 1 : 0);
        tui_text(y, 0, ui->cols, text + row->start, n, role);
    }
    layout_free(&lay);
    return y;
}

static void draw_too_small(struct ui *ui)
{
    tui_clear();
    char msg[200];
    snprintf(msg, sizeof(msg), _("Terminal too small: %dx%d. torikumi needs at least %dx%d."),
             ui->cols, ui->rows, UI_MIN_COLS, UI_MIN_ROWS);
    int y = ui->rows / 2 > 2 ? ui->rows / 2 - 2 : 0;
    y = draw_wrapped(ui, y, msg, ROLE_PROBLEM);
    y = draw_wrapped(ui, y, ui->ed.read_only ? _("Make the window larger; Ctrl-Q quits.")
                                             : _("Make the window larger; nothing is lost. Ctrl-S "
                                                 "saves, Ctrl-Q quits."),
                     ROLE_NORMAL);
    y = draw_wrapped(ui, y, _("Until then other keys are not used."), ROLE_NORMAL);
    if (ui->ed.message[0])      /* a key that was not used says so: nothing is dropped silently */
        draw_wrapped(ui, y, ui->ed.message, ui->ed.message_is_error ? ROLE_PROBLEM : ROLE_NORMAL);
    tui_hide_caret();
    tui_refresh();
}

static bool too_small(const struct ui *ui)
{
    return ui->rows < UI_MIN_ROWS || ui->cols < UI_MIN_COLS;
}

static void draw(struct ui *ui)
{
    if (too_small(ui)) {
        draw_too_small(ui);
        return;
    }
    tui_clear();
    tui_hide_caret();
    enum screen_id id = top(ui);
    if (screens[id].overlay)
        ui_form_draw(ui);
    screens[id].draw(ui);
    tui_refresh();
}

/* ---- quitting ------------------------------------------------------------------ */

void ui_request_quit(struct ui *ui)
{
    if (!ui->ed.modified || ui->ed.read_only)
        ui->quit = true;
    else
        ui_push(ui, SCREEN_QUIT);
}

static void draw_box(struct ui *ui, int y, int h, const char *title)
{
    int w = ui->cols - 8;
    for (int r = 0; r < h; r++)
        tui_fill(y + r, 4, w, ROLE_BAR);
    tui_str(y, 6, w - 4, title, ROLE_BAR);
}

void ui_quit_draw(struct ui *ui)
{
    int y = ui->rows / 2 - 2;
    draw_box(ui, y, 5, _("Unsaved changes"));
    char q[256];
    snprintf(q, sizeof(q), _("Save changes to %s before quitting?"),
             base_name(editor_sheet(&ui->ed)->path));
    tui_str(y + 1, 6, ui->cols - 12, q, ROLE_BAR);
    tui_str(y + 2, 6, ui->cols - 12, _("[S] save and quit   [D] discard changes   [C] cancel"),
            ROLE_BAR);
    /* When saving here fails (a full disk), a copy elsewhere is the way out. */
    tui_str(y + 3, 6, ui->cols - 12, _("[A] save a copy as another file"), ROLE_BAR);
    tui_caret(y + 2, 7);
}

void ui_quit_key(struct ui *ui, const struct key *k)
{
    if (k->kind != KEY_KIND_CHAR)
        return;
    wint_t c = k->ch;
    if (c == 's' || c == 'S' || c == 'y' || c == 'Y' || c == CTRL('s')) {
        ui_pop(ui);
        ui_save(ui);
        if (ui->question.open)
            ui->question.quit_if_saved = true;    /* the question's answer decides */
        else if (!ui->ed.modified)
            ui->quit = true;
    } else if (c == 'a' || c == 'A') {
        ui_pop(ui);
        ui_open_prompt(ui, PROMPT_SAVE_COPY, NULL);
    } else if (c == 'd' || c == 'D' || c == 'n' || c == 'N') {
        ui->quit = true;
    } else if (c == 'c' || c == 'C' || c == 27 || c == CTRL('q') || c == CTRL('g')) {
        ui_pop(ui);
        editor_message(&ui->ed, false, "%s", _("quit cancelled"));
    }
}

/* ---- prompts ------------------------------------------------------------------- */

void ui_open_prompt(struct ui *ui, enum prompt_kind kind, const char *prefill)
{
    ui->prompt_line.kind = kind;
    strbuf_reset(&ui->prompt_line.input);
    if (prefill)
        strbuf_addstr(&ui->prompt_line.input, prefill);
    ui_push(ui, SCREEN_PROMPT);
}

void ui_prompt_draw(struct ui *ui)
{
    int y = ui->rows - UI_KEYBAR_ROWS - 1;      /* the message line */
    char label[128];
    if (ui->prompt_line.kind == PROMPT_GOTO)
        snprintf(label, sizeof(label), _("Go to %s number: "), editor_sheet(&ui->ed)->form->item_label);
    else if (ui->prompt_line.kind == PROMPT_SAVE_COPY)
        snprintf(label, sizeof(label), "%s", _("Save a copy as: "));
    else
        snprintf(label, sizeof(label), "%s", _("Find: "));
    tui_fill(y, 0, ui->cols, ROLE_BAR);
    int x = tui_str(y, 0, ui->cols, label, ROLE_BAR);
    int w = tui_text(y, x, ui->cols - x - 1, ui->prompt_line.input.buf ? ui->prompt_line.input.buf : "", ui->prompt_line.input.len,
                     ROLE_BAR);
    tui_caret(y, x + w);
    static const char *const keys[] = { "Enter", N_("OK"), "Esc", N_("Cancel") };
    ui_draw_keybar(ui, keys, ARRAY_LEN(keys));
}

/* Ctrl-G with nothing or no number typed: say what it wants (the text is shown sanitized). */
static void goto_not_a_number(struct editor *ed, const char *text)
{
    const char *label = editor_sheet(ed)->form->item_label;
    if (!*text) {
        editor_message(ed, true, _("type the number of the %s to go to"), label);
        return;
    }
    struct strbuf shown = STRBUF_INIT;
    utf8_sanitize(text, strlen(text), false, &shown);
    editor_message(ed, true, _("\"%s\" is not a number: type the number of the %s to go to"),
                   shown.buf, label);
    strbuf_release(&shown);
}

static void prompt_finish(struct ui *ui)
{
    struct editor *ed = &ui->ed;
    const char *text = strbuf_cstr(&ui->prompt_line.input);
    ui_pop(ui);
    if (ui->prompt_line.kind == PROMPT_GOTO) {
        struct strbuf digits = STRBUF_INIT;   /* ２０ is 20 */
        utf8_fold_fullwidth_digits(text, strlen(text), &digits);
        const char *num = strbuf_cstr(&digits);
        char *end;
        long no = strtol(num, &end, 10);
        bool number = *num && !*end && no >= 0;
        long idx = number ? sheet_find_item(editor_sheet(ed), no) : -1;
        strbuf_release(&digits);
        if (!number)
            goto_not_a_number(ed, text);
        else if (idx < 0)
            editor_message(ed, true, _("no %s %s"), editor_sheet(ed)->form->item_label, text);
        else
            editor_goto_item(ed, (size_t)idx);
    } else if (ui->prompt_line.kind == PROMPT_SAVE_COPY) {
        editor_save_copy(ed, text);
    } else if (*text) {
        ui_find(ui, text, ui->prompt_line.backwards);
    } else if (ed->find_query) {
        ui_find(ui, NULL, ui->prompt_line.backwards);
    }
}

void ui_prompt_key(struct ui *ui, const struct key *k)
{
    if (k->kind == KEY_KIND_PASTE) {
        struct strbuf clean = STRBUF_INIT;
        fieldedit_sanitize(k->paste, k->paste_len, true, &clean);
        strbuf_add(&ui->prompt_line.input, clean.buf ? clean.buf : "", clean.len);
        strbuf_release(&clean);
        return;
    }
    bool enter = (k->kind == KEY_KIND_CHAR && (k->ch == '\r' || k->ch == '\n')) ||
                 (k->kind == KEY_KIND_FUNC && k->code == KEY_ENTER);
    bool back = (k->kind == KEY_KIND_FUNC && k->code == KEY_BACKSPACE) ||
                (k->kind == KEY_KIND_CHAR && (k->ch == 127 || k->ch == 8));
    if (enter)
        prompt_finish(ui);
    else if (back) {
        if (ui->prompt_line.input.len > 0)
            ui->prompt_line.input.len = utf8_cluster_start(ui->prompt_line.input.buf, ui->prompt_line.input.len, ui->prompt_line.input.len);
        if (ui->prompt_line.input.buf)
            ui->prompt_line.input.buf[ui->prompt_line.input.len] = '\0';
    } else if (k->kind == KEY_KIND_CHAR && (k->ch == 27 || k->ch == CTRL('g') ||
                                            k->ch == CTRL('c'))) {
        ui_pop(ui);
    } else if (k->kind == KEY_KIND_CHAR && k->ch >= 0x20 && k->ch != 0x7f) {
        char u[4];
        strbuf_add(&ui->prompt_line.input, u, utf8_encode((uint32_t)k->ch, u));
    }
}

/* ---- reasons a stage cannot be completed -------------------------------------- */

/* Two stages have a 課題と改善策: the problem list names the stage too. */
static bool label_shared(const struct form *f, int field)
{
    for (size_t i = 0; i < f->n_fields; i++)
        if ((int)i != field && str_eq(f->fields[i].label, f->fields[field].label))
            return true;
    return false;
}

void ui_problem_line(const struct ui *ui, size_t sh, const struct problem *p, struct strbuf *out)
{
    const struct sheet *s = ui->ed.sheets[sh];
    if (ui->ed.n_open > 1) {
        const char *ward = sheet_header_get(s, "Ward");
        strbuf_addf(out, "%s  ", ward ? ward : s->path);
    }
    if (p->item >= 0) {
        long no = item_number(s, &s->items[p->item]);
        strbuf_addf(out, "%s %ld  ", s->form->item_label, no);
    }
    if (p->field >= 0 && label_shared(s->form, p->field))
        strbuf_addf(out, "%s/", s->form->stages[s->form->fields[p->field].stage].label);
    if (p->field >= 0)
        strbuf_addf(out, "%s: ", s->form->fields[p->field].label);
    if (p->severity == SEV_WARNING)
        strbuf_addstr(out, _("warning: "));
    problem_message(s, p, out);
}

/* The reasons, wrapped to the box: the item is the one on screen, so only field and message. */
void ui_reasons_draw(struct ui *ui)
{
    const struct sheet *s = editor_sheet(&ui->ed);
    int w = ui->cols - 12;
    struct strbuf all = STRBUF_INIT;
    for (size_t i = 0; i < ui->refusal.reasons.n; i++) {
        const struct problem *p = &ui->refusal.reasons.v[i];
        strbuf_addstr(&all, "- ");
        if (p->field >= 0)
            strbuf_addf(&all, "%s: ", s->form->fields[p->field].label);
        problem_message(s, p, &all);
        strbuf_addch(&all, '\n');
    }
    struct layout lay = LAYOUT_INIT;
    layout_text(&lay, strbuf_cstr(&all), all.len, w);
    int h = (int)lay.nrows + 2;
    if (h > ui->rows - 4)
        h = ui->rows - 4;
    int y = (ui->rows - h) / 2;
    char title[256];
    snprintf(title, sizeof(title), _("%s cannot be marked complete yet:"),
             s->form->stages[ui->refusal.stage].label);
    draw_box(ui, y, h, title);
    for (int r = 0; r < h - 2 && (size_t)r < lay.nrows; r++) {
        const struct layout_row *lr = &lay.rows[r];
        size_t end = lr->hard && lr->end > lr->start ? lr->end - 1 : lr->end;
        tui_text(y + 1 + r, 6, w, all.buf + lr->start, end - lr->start, ROLE_BAR);
    }
    tui_str(y + h - 1, 6, w, _("Press any key."), ROLE_BAR);
    layout_free(&lay);
    strbuf_release(&all);
}

void ui_reasons_key(struct ui *ui, const struct key *k)
{
    if (k->kind == KEY_KIND_CHAR || k->kind == KEY_KIND_FUNC || k->kind == KEY_KIND_MOUSE)
        ui_pop(ui);
}

/* ---- $EDITOR ------------------------------------------------------------------- */

static int run_editor(const char *path)
{
    const char *ed = getenv("VISUAL");
    if (!ed || !*ed)
        ed = getenv("EDITOR");
    if (!ed || !*ed)
        ed = "vi";
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        /* Through the shell, as git does: EDITOR may hold arguments. */
        execl("/bin/sh", "sh", "-c", "exec $TORIKUMI_EDITOR \"$1\"", "sh", path, (char *)NULL);
        _exit(127);
    }
    (void)ed;
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

void ui_external_edit(struct ui *ui)
{
    struct editor *ed = &ui->ed;
    if (!ed->fe_active) {
        editor_message(ed, true, "%s", _("Ctrl-E edits text fields only"));
        return;
    }
    if (ed->read_only) {
        editor_message(ed, true, "%s", _("read-only: this sheet cannot be changed here"));
        return;
    }
    const char *tmpdir = getenv("TMPDIR");
    char *path = xasprintf("%s/torikumi-field-XXXXXX.txt", tmpdir && *tmpdir ? tmpdir : "/tmp");
    int fd = mkstemps(path, 4);
    if (fd < 0) {
        editor_message(ed, true, _("cannot create a temporary file: %s"), strerror(errno));
        free(path);
        return;
    }
    size_t len;
    const char *text = fieldedit_text(&ed->fe, &len);
    /* A final newline, as text files have; an empty field stays an empty file. */
    bool ok = write(fd, text, len) == (ssize_t)len && (len == 0 || write(fd, "\n", 1) == 1);
    close(fd);
    const char *visual = getenv("VISUAL");
    const char *editor = visual && *visual ? visual : getenv("EDITOR");
    setenv("TORIKUMI_EDITOR", editor && *editor ? editor : "vi", 1);
    /* The editor may run for an hour: what was typed before it must be on disk now. */
    ui_session_sync(ui);
    tui_suspend();
    int rc = ok ? run_editor(path) : -1;
    tui_resume();
    char *data;
    size_t dlen;
    struct error e;
    if (rc != 0 || read_file(path, &data, &dlen, &e) != 0) {
        editor_message(ed, true, "%s", _("the editor failed; the field is unchanged"));
    } else {
        size_t bad = utf8_invalid_offset(data, dlen);
        if (bad < dlen)
            editor_message(ed, true,
                           _("the edited text is not UTF-8 (byte %zu: %02X); the field is "
                             "unchanged. Save as UTF-8 in the editor and try again"),
                           bad, (unsigned char)data[bad]);
        else if (!editor_replace_value(ed, data, dlen))
            editor_message(ed, false, "%s", _("the field is unchanged"));
        free(data);
    }
    unlink(path);
    free(path);
}

/* ---- searching ---------------------------------------------------------------- */

static struct search *searcher(struct ui *ui)
{
    if (!ui->find.search) {
        ui->find.search = search_new(ui->ed.sheets, ui->ed.n_open);
        ui->find.changes = ui->ed.changes;
    }
    if (ui->find.changes != ui->ed.changes) {
        /* Edits happen in one sheet: the current one. */
        search_sheet_changed(ui->find.search, ui->ed.cur_sheet);
        ui->find.changes = ui->ed.changes;
        ui->find.active = ui->ed.find_query != NULL;
        if (ui->ed.find_query)
            search_set_query(ui->find.search, ui->ed.find_query, strlen(ui->ed.find_query));
    }
    return ui->find.search;
}

struct search *ui_search(struct ui *ui)
{
    return searcher(ui);
}

/* Order of two positions in reading order (fields in the form's order). */
static int compare_pos(const struct search_pos *a, const struct search_pos *b)
{
    if (a->sheet != b->sheet)
        return a->sheet < b->sheet ? -1 : 1;
    if (a->item != b->item)
        return a->item < b->item ? -1 : 1;
    if (a->field != b->field)
        return a->field < b->field ? -1 : 1;
    if (a->offset != b->offset)
        return a->offset < b->offset ? -1 : 1;
    return 0;
}

void ui_find(struct ui *ui, const char *query, bool backwards)
{
    struct editor *ed = &ui->ed;
    struct search *se = searcher(ui);
    if (query) {
        free(ed->find_query);
        ed->find_query = xstrdup(query);
        if (!search_set_query(se, query, strlen(query))) {
            editor_message(ed, true, _("nothing to find in \"%s\""), query);
            return;
        }
        ui->find.active = true;
    } else if (!ed->find_query) {
        editor_message(ed, true, "%s", _("no previous search"));
        return;
    }
    struct search_pos from = { ed->cur_sheet, ed->cur, ed->field,
                               ed->fe_active ? fieldedit_caret(&ed->fe) : 0 };
    struct search_hit hit;
    bool found = backwards ? search_prev(se, &from, &hit) : search_next(se, &from, false, &hit);
    if (!found) {
        /* Not in any text, but maybe a chosen option's label (/目標未達成): list those items. */
        if (ed->read_only && ui_hits_open(ui, true))
            return;
        editor_message(ed, true, _("not found: %s"), ed->find_query);
        return;
    }
    int order = compare_pos(&hit.pos, &from);
    ui->find.wrapped = backwards ? order >= 0 : order <= 0;
    editor_goto(ed, hit.pos.sheet, hit.pos.item);
    editor_focus(ed, hit.pos.field);
    if (ed->fe_active)
        fieldedit_set_caret(&ed->fe, hit.pos.offset);
    ui->find.hit = hit;
    ui->find.shown = true;
    ui->form.follow = true;
}

/* "3/17", "3/17+" while still counting, "?/17+" before the count reaches the hit. */
void ui_match_message(struct ui *ui, struct strbuf *out)
{
    struct search *se = ui->find.search;
    size_t rank = search_rank(se, &ui->find.hit);
    bool done = search_count_done(se);
    strbuf_addf(out, _("match "));
    if (rank)
        strbuf_addf(out, "%zu", rank);
    else
        strbuf_addch(out, '?');
    strbuf_addf(out, "/%zu%s: %s", search_count(se), done ? "" : "+", ui->ed.find_query);
    if (ui->find.wrapped)   /* as vim says "search hit BOTTOM, continuing at TOP" */
        strbuf_addf(out, "  (%s)", _("search wrapped around"));
    if (ui->ed.read_only)
        strbuf_addf(out, "  (%s)", _("l: the items hit"));
}

bool ui_search_idle(struct ui *ui)
{
    if (!ui->find.search)
        return false;
    if (ui->find.active && !search_count_done(ui->find.search))
        return !search_count_step(ui->find.search, 5000);
    if (ui->ed.read_only)
        return !search_prepare(ui->find.search, 5000);
    return false;
}

/* ---- the loop ------------------------------------------------------------------ */

static void handle_resize(struct ui *ui)
{
    tui_size(&ui->rows, &ui->cols);
    ui_previous_fit(ui);
    editor_set_width(&ui->ed, ui_field_width(ui));
    ui_form_layout_changed(ui);
}

static void handle_key(struct ui *ui, const struct key *k)
{
    if (k->kind == KEY_KIND_NONE)
        return;
    if (k->kind == KEY_KIND_RESIZE) {
        handle_resize(ui);
        return;
    }
    if (k->kind == KEY_KIND_HANGUP) {
        ui->quit = true;
        ui->hangup = true;
        return;
    }
    ui->ed.message[0] = '\0';
    if (too_small(ui)) {
        /* Only saving and quitting make sense until the window grows. */
        if (k->kind == KEY_KIND_CHAR && k->ch == CTRL('s'))
            ui_save(ui);
        else if (k->kind == KEY_KIND_CHAR && k->ch == CTRL('q') && !ui->ed.modified)
            ui->quit = true;
        else if (k->kind == KEY_KIND_CHAR && k->ch == CTRL('q'))
            editor_message(&ui->ed, true, "%s", _("Not quitting: there are unsaved changes. "
                                                  "Ctrl-S saves them first."));
        else if (k->kind == KEY_KIND_CHAR || k->kind == KEY_KIND_FUNC || k->kind == KEY_KIND_PASTE)
            editor_message(&ui->ed, true, "%s", _("That key was not used: the window is too "
                                                  "small to show what it would do."));
        return;
    }
    if (ui_watch_key(ui, k))
        return;
    screens[top(ui)].key(ui, k);
}

static volatile sig_atomic_t signalled;

static void on_signal(int sig)
{
    (void)sig;
    signalled = 1;
}

bool ui_signalled(void)
{
    return signalled != 0;
}

/* No SA_RESTART: a blocked read returns, and the loop sees the flag. */
static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Enter or Tab: a command when typed, text when it comes inside a paste. */
static bool is_line_key(const struct key *k)
{
    return (k->kind == KEY_KIND_CHAR && (k->ch == '\r' || k->ch == '\n' || k->ch == '\t')) ||
           (k->kind == KEY_KIND_FUNC && k->code == KEY_ENTER);
}

/* A key that types text (what a paste is made of). */
static bool is_text_key(const struct key *k)
{
    return (k->kind == KEY_KIND_CHAR && k->ch >= 0x20 && k->ch != 0x7f) ||
           k->kind == KEY_KIND_PASTE;
}

/*
 * A terminal without bracketed paste sends pasted lines as keys with Enter
 * between them.  Enter or Tab keys that arrived together with text right
 * before and right after them are such a paste, not a person's keys: they
 * go into the focused text field as text (a line break, a space in a
 * one-line field by the paste rules, or a tab), instead of moving on and
 * spilling the rest of the paste into the following fields.  False when
 * it is not for a text field here (the key is then handled as a key).
 */
static bool paste_line_key(struct ui *ui, const struct key *k)
{
    if (too_small(ui) || top(ui) != SCREEN_FORM || !ui->ed.fe_active || ui->ed.read_only)
        return false;
    bool tab = k->kind == KEY_KIND_CHAR && k->ch == '\t';
    ui->ed.message[0] = '\0';
    editor_type(&ui->ed, tab ? "\t" : "\n", 1);
    return true;
}

/* Enter and Tab keys read ahead at most, after text, to see whether text follows them. */
#define LINE_RUN_MAX 32

/*
 * Take everything already typed (an IME commits many characters at once)
 * before drawing again; first is the key that came first.  After text, a
 * run of Enter and Tab keys is read ahead: with text right behind it, it
 * is part of a paste.  Enter or Tab pressed alone, held down, or followed
 * by another command key stays a key.
 */
static void take_typed_ahead(struct ui *ui, const struct key *first)
{
    struct key run[LINE_RUN_MAX], k;
    bool text = is_text_key(first);
    while (!ui->quit) {
        tui_read_key(&k, 0);
        size_t n = 0;
        while (text && is_line_key(&k) && n < LINE_RUN_MAX) {
            run[n++] = k;
            tui_read_key(&k, 0);
        }
        bool pasted = n > 0 && is_text_key(&k);
        for (size_t i = 0; i < n && !ui->quit; i++)
            if (!pasted || !paste_line_key(ui, &run[i]))
                handle_key(ui, &run[i]);
        if (k.kind == KEY_KIND_NONE || ui->quit)
            return;
        text = is_text_key(&k);
        handle_key(ui, &k);
        if (k.kind == KEY_KIND_HANGUP)
            return;
    }
}

static void main_loop(struct ui *ui)
{
    bool redraw = true;
    while (!ui->quit) {
        if (redraw)
            draw(ui);
        struct key k;
        /* Wake up now and then to write the recovery journal, and go on at once
         * while the search has work (folding sheets, counting matches). */
        bool busy = ui->find.search && (ui->find.active ? !search_count_done(ui->find.search)
                                                 : ui->ed.read_only);
        tui_read_key(&k, busy ? 0 : ui_session_wants_tick(ui) ? 500 : 2000);
        if (signalled) {
            ui->hangup = true;
            break;
        }
        redraw = k.kind != KEY_KIND_NONE;
        if (k.kind == KEY_KIND_NONE && busy) {
            bool counting = ui->find.active && !search_count_done(ui->find.search);
            ui_search_idle(ui);
            redraw = counting && ui->find.shown;     /* the count on screen moves */
        }
        handle_key(ui, &k);
        if (k.kind != KEY_KIND_NONE && k.kind != KEY_KIND_HANGUP)
            take_typed_ahead(ui, &k);
        if (ui_session_tick(ui, now_ms()))
            redraw = true;
        if (ui_watch_tick(ui, now_ms()))
            redraw = true;
    }
}

int ui_run(struct sheet **sheets, size_t n, const struct ui_start *start)
{
    catch_signals();
    if (tui_start() < 0)
        return 2;
    struct ui *ui = xcalloc(1, sizeof(*ui));
    ui->previous.given = start->previous;
    tui_size(&ui->rows, &ui->cols);
    editor_init(&ui->ed, sheets, n, ui_field_width(ui));
    ui->ed.read_only = start->read_only || n > 1;
    if (ui->ed.read_only && start->why)
        editor_message(&ui->ed, false, "%s", start->why);
    size_t max_fields = 0;
    for (size_t i = 0; i < n; i++)
        if (sheets[i]->form->n_fields > max_fields)
            max_fields = sheets[i]->form->n_fields;
    ui->form.n_layouts = max_fields;
    ui->form.layouts = xcalloc(max_fields, sizeof(struct layout));
    ui->form.layout_keys = xcalloc(max_fields, sizeof(*ui->form.layout_keys));
    ui_push(ui, SCREEN_FORM);
    ui->form.follow = true;
    ui->list.result = ui->list.stage = -1;
    if (ui->ed.read_only)
        ui->find.search = search_new(sheets, n);     /* folded while the supervisor reads */
    ui_watch_start(ui, start->view_stamps);
    ui_session_start(ui, start->stamp);
    main_loop(ui);
    /* Losing the terminal or a signal keeps the journal for recovery; a clerk who
     * quits (after saving or discarding) leaves nothing behind. */
    bool lost = (ui->hangup || signalled) && ui->ed.modified;
    ui_question_abandon(ui);
    ui_session_end(ui, lost);
    tui_stop();
    for (size_t i = 0; i < ui->form.n_layouts; i++)
        layout_free(&ui->form.layouts[i]);
    free(ui->form.layouts);
    free(ui->form.layout_keys);
    strbuf_release(&ui->form.stamp_shown);
    strbuf_release(&ui->message_whole);
    ui_previous_free(ui);
    free(ui->form.page);
    free(ui->form.page_sig);
    problems_free(&ui->problems.all);
    free(ui->problems.sheet_of);
    problems_free(&ui->refusal.reasons);
    strbuf_release(&ui->prompt_line.input);
    overview_free(ui->list.ov);
    free(ui->list.rows);
    ward_table_free(&ui->ward_counts.table);
    hitlist_free(&ui->hitlist.items);
    ui_watch_free(ui);
    search_free(ui->find.search);
    /* A reload replaced the sheet in the editor's array: the caller frees what it holds. */
    for (size_t i = 0; i < n; i++)
        sheets[i] = ui->ed.sheets[i];
    editor_free(&ui->ed);
    free(ui);
    return lost ? 1 : 0;
}
