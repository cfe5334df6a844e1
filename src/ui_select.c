/*
 * ui_select.c - the form's keys for selecting text and for the clipboard,
 * and what the screen says about a selection.  The selection itself is
 * fieldedit's (fieldedit.h), the clipboard the editor's (editor_clip.c);
 * the terminal's clipboard is set through tui_set_clipboard (OSC 52).
 */
#include <curses.h>

#include "i18n.h"
#include "ui.h"
#include "utf8.h"

/*
 * The mark key for terminals without Shift+arrows: Ctrl-^ as nano has it
 * (a plain key on a JIS keyboard), and Ctrl-Space (NUL) as emacs has it,
 * though a Japanese input method often takes Ctrl-Space for itself.
 */
static bool is_mark_key(const struct key *k)
{
    return k->kind == KEY_KIND_CHAR && (k->ch == CTRL('^') || k->ch == 0);
}

/* The move a Shift+key makes, or NULL. */
static bool (*shift_move(int code))(struct fieldedit *)
{
    switch (code) {
    case KEY_SLEFT: return fieldedit_left;
    case KEY_SRIGHT: return fieldedit_right;
    case KEY_SR: return fieldedit_up;
    case KEY_SF: return fieldedit_down;
    case KEY_SHOME: return fieldedit_home;
    case KEY_SEND: return fieldedit_end;
    case TUI_KEY_CTRL_SHIFT_LEFT: return fieldedit_word_left;
    case TUI_KEY_CTRL_SHIFT_RIGHT: return fieldedit_word_right;
    case TUI_KEY_CTRL_SHIFT_HOME: return fieldedit_text_home;
    case TUI_KEY_CTRL_SHIFT_END: return fieldedit_text_end;
    }
    return NULL;
}

static void to_terminal_clipboard(struct ui *ui)
{
    size_t n;
    const char *s = clipboard_text(&ui->ed.clip, &n);
    if (s)
        tui_set_clipboard(s, n);
}

static bool clipboard_key(struct ui *ui, wint_t c)
{
    struct editor *ed = &ui->ed;
    if (c == CTRL('c') || c == CTRL('x')) {
        if (c == CTRL('c') ? editor_copy(ed) : editor_cut(ed))
            to_terminal_clipboard(ui);
        return true;
    }
    if (c == CTRL('v')) {
        editor_paste_clipboard(ed);
        return true;
    }
    return false;
}

bool select_key(struct ui *ui, const struct key *k)
{
    struct editor *ed = &ui->ed;
    if (k->kind == KEY_KIND_CHAR && clipboard_key(ui, k->ch))
        return true;
    if (!ed->fe_active)
        return false;
    if (is_mark_key(k)) {
        fieldedit_mark(&ed->fe);
        return true;
    }
    if (k->kind == KEY_KIND_CHAR && k->ch == 27 && fieldedit_selecting(&ed->fe)) {
        fieldedit_unselect(&ed->fe);
        return true;
    }
    bool (*move)(struct fieldedit *) = k->kind == KEY_KIND_FUNC ? shift_move(k->code) : NULL;
    if (!move)
        return false;
    fieldedit_extend(&ed->fe, move);
    return true;
}

bool select_part(const struct ui *ui, int f, size_t start, size_t end, size_t *hs, size_t *he)
{
    const struct editor *ed = &ui->ed;
    size_t a, b;
    if (!ed->fe_active || ed->field != f || !fieldedit_selection(&ed->fe, &a, &b) ||
        b <= start || a >= end)
        return false;
    *hs = a > start ? a : start;
    *he = b < end ? b : end;
    return true;
}

bool select_status(struct ui *ui, struct strbuf *out)
{
    struct editor *ed = &ui->ed;
    if (!ed->fe_active || !fieldedit_selecting(&ed->fe))
        return false;
    size_t a, b;
    if (!fieldedit_selection(&ed->fe, &a, &b)) {
        if (!fieldedit_mark_set(&ed->fe))
            return false;       /* Shift+move at an edge: nothing selected, nothing to say */
        strbuf_addstr(out, _("mark set: move to select (Ctrl-^ or Esc ends it)"));
        return true;
    }
    const char *text = fieldedit_text(&ed->fe, NULL);
    strbuf_addf(out, _("%zu characters selected: Ctrl-X cut, Ctrl-C copy, typing replaces them, "
                       "Esc ends"), utf8_count_clusters(text + a, b - a));
    return true;
}
