/*
 * ui_question.c - a question asked full screen (SCREEN_QUESTION): a
 * title, a text that scrolls, and options chosen by their key.  It is a
 * screen like the others, so the main loop keeps running while it is
 * open: the journal is written, a hangup or signal ends the program.
 * The answer goes to the asker's function; the last option is always the
 * safe one, and Esc picks it.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui.h"

void ui_ask(struct ui *ui, const char *title, const struct strbuf *body,
            const char *const *options, size_t n, ui_answer_fn answered, void *ctx)
{
    struct ui_question *q = &ui->question;
    free(q->title);
    q->title = xstrdup(title);
    strbuf_reset(&q->body);
    strbuf_add(&q->body, body->buf ? body->buf : "", body->len);
    q->options = options;
    q->n = n < UI_QUESTION_MAX_OPTIONS ? n : UI_QUESTION_MAX_OPTIONS;
    q->top = 0;
    q->answered = answered;
    q->ctx = ctx;
    q->open = true;
    ui_push(ui, SCREEN_QUESTION);
}

/* Close the question and hand the answer (0: none, the program ends) to whoever asked. */
static void answer(struct ui *ui, int key)
{
    struct ui_question *q = &ui->question;
    ui_answer_fn fn = q->answered;
    void *ctx = q->ctx;
    q->open = false;
    q->answered = NULL;
    q->ctx = NULL;
    ui_pop(ui);
    if (fn)
        fn(ui, key, ctx);
    if (q->quit_if_saved && !q->open) {
        q->quit_if_saved = false;
        ui->quit = key != 0 && !ui->ed.modified;
    }
}

void ui_question_abandon(struct ui *ui)
{
    while (ui->question.open)
        answer(ui, 0);
    free(ui->question.title);
    ui->question.title = NULL;
    strbuf_release(&ui->question.body);
}

/* "[R] recover them": the last option, the safe one, is also Esc's. */
static void option_label(const struct ui_question *q, size_t i, struct strbuf *out)
{
    strbuf_addf(out, "%s", _(q->options[2 * i + 1]));
    if (i + 1 == q->n)
        strbuf_addstr(out, _(" (Esc)"));
}

/* Where each option goes, wrapping as words do; returns the rows they take. */
static int place_options(const struct ui_question *q, int cols, int *row, int *col)
{
    struct strbuf label = STRBUF_INIT;
    int y = 0, x = 1;
    for (size_t i = 0; i < q->n; i++) {
        strbuf_reset(&label);
        option_label(q, i, &label);
        int need = 4 + tui_width(label.buf, label.len);
        if (x > 1 && x + need > cols) {
            y++;
            x = 1;
        }
        row[i] = y;
        col[i] = x;
        x += need + 3;
    }
    strbuf_release(&label);
    return y + 1;
}

/* The options on the last rows: every key on screen, none cut. */
static int draw_options(struct ui *ui, const struct ui_question *q)
{
    int row[UI_QUESTION_MAX_OPTIONS], col[UI_QUESTION_MAX_OPTIONS];
    int rows = place_options(q, ui->cols, row, col);
    int y0 = ui->rows - rows;
    struct strbuf label = STRBUF_INIT;
    for (size_t i = 0; i < q->n; i++) {
        strbuf_reset(&label);
        option_label(q, i, &label);
        char key[8];
        snprintf(key, sizeof(key), "[%c]", q->options[2 * i][0] - 32);
        int x = col[i] + tui_str(y0 + row[i], col[i], ui->cols - col[i], key, ROLE_KEYNAME);
        tui_str(y0 + row[i], x + 1, ui->cols - x - 1, label.buf, ROLE_NORMAL);
    }
    strbuf_release(&label);
    tui_caret(y0, 2);
    return rows;
}

static void draw_body(struct ui *ui, struct ui_question *q, int rows)
{
    struct layout lay = LAYOUT_INIT;
    layout_text(&lay, strbuf_cstr(&q->body), q->body.len, ui->cols - 4);
    if (q->top > (int)lay.nrows - rows)
        q->top = (int)lay.nrows - rows;
    if (q->top < 0)
        q->top = 0;
    for (int r = 0; r < rows && (size_t)(q->top + r) < lay.nrows; r++) {
        const struct layout_row *lr = &lay.rows[q->top + r];
        size_t end = lr->hard && lr->end > lr->start ? lr->end - 1 : lr->end;
        tui_text(2 + r, 2, ui->cols - 4, lay.text + lr->start, end - lr->start, ROLE_NORMAL);
    }
    if ((size_t)(q->top + rows) < lay.nrows)
        tui_str(2 + rows, ui->cols - 12, 11, _("(more: Down)"), ROLE_DIM);
    layout_free(&lay);
}

void question_draw(struct ui *ui)
{
    struct ui_question *q = &ui->question;
    tui_fill(0, 0, ui->cols, ROLE_BAR);
    tui_str(0, 1, ui->cols - 2, q->title, ROLE_BAR);
    int option_rows = draw_options(ui, q);
    draw_body(ui, q, ui->rows - 3 - option_rows);
}

static void scroll_body(struct ui *ui, int code)
{
    int page = ui->rows - 5;
    if (code == KEY_DOWN || code == KEY_NPAGE)
        ui->question.top += code == KEY_DOWN ? 1 : page;
    else if (code == KEY_UP || code == KEY_PPAGE)
        ui->question.top -= code == KEY_UP ? 1 : page;
}

void question_key(struct ui *ui, const struct key *k)
{
    const struct ui_question *q = &ui->question;
    if (k->kind == KEY_KIND_FUNC)
        scroll_body(ui, k->code);
    if (k->kind != KEY_KIND_CHAR)
        return;
    if (k->ch == 27) {                  /* Esc: the last option, always the safe one */
        answer(ui, (unsigned char)q->options[2 * (q->n - 1)][0]);
        return;
    }
    wint_t c = k->ch >= 'A' && k->ch <= 'Z' ? k->ch + 32 : k->ch;
    for (size_t i = 0; i < q->n; i++)
        if ((wint_t)q->options[2 * i][0] == c) {
            answer(ui, (int)c);
            return;
        }
}
