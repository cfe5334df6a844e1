/*
 * tui.c - curses set-up, keys, and safe, width-aware drawing.
 */
#include "tui.h"

#include "i18n.h"

#include <curses.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clipboard.h"
#include "utf8.h"

/* Key codes of our own for the bracketed paste markers (beyond curses' codes). */
#define KEY_PASTE_BEGIN (KEY_MAX + 1)
#define KEY_PASTE_END (KEY_MAX + 2)

static bool started;
static bool use_colour;
static struct strbuf paste_buf;

enum { PAIR_STAGE = 1, PAIR_PROBLEM, PAIR_KEYNAME };

static void init_colours(void)
{
    const char *nc = getenv("NO_COLOR");
    use_colour = has_colors() && !(nc && *nc);
    if (!use_colour)
        return;
    start_color();
    use_default_colors();
    init_pair(PAIR_STAGE, COLOR_BLUE, -1);
    init_pair(PAIR_PROBLEM, COLOR_RED, -1);
    init_pair(PAIR_KEYNAME, COLOR_CYAN, -1);
}

static attr_t role_attr(enum tui_role role)
{
    switch (role) {
    case ROLE_BAR: return A_REVERSE;
    case ROLE_LABEL: return A_BOLD;
    case ROLE_FOCUS: return A_REVERSE | A_BOLD;
    case ROLE_STAGE: return A_BOLD | (use_colour ? COLOR_PAIR(PAIR_STAGE) : 0);
    case ROLE_PROBLEM: return A_BOLD | (use_colour ? COLOR_PAIR(PAIR_PROBLEM) : 0);
    case ROLE_DIM: return A_DIM;
    case ROLE_ESCAPED: return A_UNDERLINE;
    case ROLE_MATCH: return A_REVERSE;
    case ROLE_KEYNAME: return A_REVERSE | A_BOLD;
    case ROLE_SELECT: return A_REVERSE;
    case ROLE_NORMAL: break;
    }
    return A_NORMAL;
}

static void define_word_keys(void)
{
    static const struct { const char *seq; int code; } keys[] = {
        { "\033[1;5D", TUI_KEY_CTRL_LEFT }, { "\033[1;5C", TUI_KEY_CTRL_RIGHT },
        { "\033[1;5H", TUI_KEY_CTRL_HOME }, { "\033[1;5F", TUI_KEY_CTRL_END },
        { "\033b", TUI_KEY_ALT_B },         { "\033f", TUI_KEY_ALT_F },
        /* xterm's modifier 2 (Shift) and 6 (Ctrl-Shift), whatever TERM's entry knows. */
        { "\033[1;2D", KEY_SLEFT },          { "\033[1;2C", KEY_SRIGHT },
        { "\033[1;2A", KEY_SR },             { "\033[1;2B", KEY_SF },
        { "\033[1;2H", KEY_SHOME },          { "\033[1;2F", KEY_SEND },
        { "\033[1;6D", TUI_KEY_CTRL_SHIFT_LEFT }, { "\033[1;6C", TUI_KEY_CTRL_SHIFT_RIGHT },
        { "\033[1;6H", TUI_KEY_CTRL_SHIFT_HOME }, { "\033[1;6F", TUI_KEY_CTRL_SHIFT_END },
    };
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        define_key(keys[i].seq, keys[i].code);
}

int tui_start(void)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "%s", _("torikumi: the editor needs a terminal (use `torikumi show` "
                                "or `torikumi check` in scripts)\n"));
        return -1;
    }
    if (!initscr())
        return -1;
    started = true;
    raw();                  /* Ctrl-S, Ctrl-Q, Ctrl-Z and Ctrl-C come to us as keys */
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    init_colours();
    define_key("\033[200~", KEY_PASTE_BEGIN);
    define_key("\033[201~", KEY_PASTE_END);
    define_word_keys();
    mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED, NULL);
    mouseinterval(0);
    /* Ask for bracketed paste: pasted text then arrives between markers. */
    fputs("\033[?2004h", stdout);
    fflush(stdout);
    return 0;
}

void tui_stop(void)
{
    if (!started)
        return;
    fputs("\033[?2004l", stdout);
    fflush(stdout);
    endwin();
    started = false;
    strbuf_release(&paste_buf);
}

void tui_suspend(void)
{
    fputs("\033[?2004l", stdout);
    fflush(stdout);
    def_prog_mode();
    endwin();
}

void tui_resume(void)
{
    reset_prog_mode();
    fputs("\033[?2004h", stdout);
    fflush(stdout);
    clearok(stdscr, TRUE);
    refresh();
}

void tui_size(int *rows, int *cols)
{
    getmaxyx(stdscr, *rows, *cols);
}

/* Everything up to the end marker is text, whatever it looks like. */
static void read_paste(struct key *k)
{
    strbuf_reset(&paste_buf);
    timeout(2000);
    for (;;) {
        wint_t ch;
        int rc = wget_wch(stdscr, &ch);
        if (rc == ERR)
            break;              /* a lost end marker must not hang us */
        if (rc == KEY_CODE_YES) {
            if (ch == KEY_PASTE_END)
                break;
            if (ch == KEY_ENTER)
                strbuf_addch(&paste_buf, '\n');
            continue;           /* other keys inside a paste are not text */
        }
        char u[4];
        strbuf_add(&paste_buf, u, utf8_encode((uint32_t)ch, u));
    }
    k->kind = KEY_KIND_PASTE;
    k->paste = strbuf_cstr(&paste_buf);
    k->paste_len = paste_buf.len;
}

static bool terminal_gone(void)
{
    struct pollfd p = { STDIN_FILENO, POLLIN, 0 };
    if (poll(&p, 1, 0) < 0)
        return false;
    return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

void tui_read_key(struct key *k, int timeout_ms)
{
    memset(k, 0, sizeof(*k));
    timeout(timeout_ms);
    wint_t ch;
    int rc = wget_wch(stdscr, &ch);
    if (rc == ERR) {
        /* A timeout, a signal, or the terminal gone (closed window, dropped ssh). */
        k->kind = terminal_gone() ? KEY_KIND_HANGUP : KEY_KIND_NONE;
        return;
    }
    if (rc != KEY_CODE_YES) {
        k->kind = KEY_KIND_CHAR;
        k->ch = ch;
        return;
    }
    if (ch == KEY_PASTE_BEGIN) {
        read_paste(k);
        return;
    }
    if (ch == KEY_RESIZE) {
        k->kind = KEY_KIND_RESIZE;
        return;
    }
    if (ch == KEY_MOUSE) {
        MEVENT ev;
        if (getmouse(&ev) == OK && (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))) {
            k->kind = KEY_KIND_MOUSE;
            k->mouse_y = ev.y;
            k->mouse_x = ev.x;
        }
        return;
    }
    k->kind = KEY_KIND_FUNC;
    k->code = (int)ch;
}

void tui_clear(void)
{
    erase();
}

static int put_escaped(int y, int x, int maxw, uint32_t cp, unsigned char byte)
{
    char esc[16];
    size_t n = utf8_escape(cp, byte, esc);
    if ((int)n > maxw)
        return 0;
    attr_t old;
    short pair;
    attr_get(&old, &pair, NULL);
    attrset(role_attr(ROLE_ESCAPED));
    mvaddnstr(y, x, esc, (int)n);
    attr_set(old, pair, NULL);
    return (int)n;
}

/*
 * Runs of ordinary clusters go to curses in one call (a call per cluster
 * was most of the cost of a redraw); tabs and unsafe characters end a run.
 */
int tui_text(int y, int x, int maxw, const char *s, size_t n, enum tui_role role)
{
    attrset(role_attr(role));
    int used = 0;
    size_t run = 0;             /* start of the pending run of ordinary clusters */
    int run_x = 0;              /* its column */
    size_t i = 0;
    while (i < n && used < maxw) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (cp == '\t' || utf8_is_unsafe(cp)) {
            if (i > run)
                mvaddnstr(y, x + run_x, s + run, (int)(i - run));
            int w;
            if (cp == '\t') {
                w = 4 - used % 4;
                if (w > maxw - used)
                    w = maxw - used;
                mvhline(y, x + used, ' ', w);
            } else {
                w = put_escaped(y, x + used, maxw - used, cp, (unsigned char)s[i]);
                if (w == 0) {
                    run = i + k;
                    break;
                }
                attrset(role_attr(role));
            }
            used += w;
            i += k;
            run = i;
            run_x = used;
            continue;
        }
        size_t end = utf8_cluster_end(s, n, i);
        int w = 0;
        for (size_t j = i; j < end;) {
            uint32_t c2;
            j += utf8_decode(s + j, end - j, &c2);
            w += utf8_width(c2);
        }
        if (used + w > maxw)
            break;
        used += w;
        i = end;
    }
    if (i > run)
        mvaddnstr(y, x + run_x, s + run, (int)(i - run));
    attrset(A_NORMAL);
    return used;
}

int tui_str(int y, int x, int maxw, const char *s, enum tui_role role)
{
    return tui_text(y, x, maxw, s, strlen(s), role);
}

void tui_fill(int y, int x, int w, enum tui_role role)
{
    if (w <= 0)
        return;
    attrset(role_attr(role));
    mvhline(y, x, ' ', w);
    attrset(A_NORMAL);
}

bool tui_set_clipboard(const char *s, size_t n)
{
    if (!started || !clipboard_osc52_wanted(getenv("TERM"), getenv("NO_OSC52")))
        return false;
    struct strbuf seq = STRBUF_INIT;
    bool ok = clipboard_osc52(s, n, &seq);
    if (ok) {
        fwrite(seq.buf, 1, seq.len, stdout);
        fflush(stdout);
    }
    strbuf_release(&seq);
    return ok;
}

int tui_width(const char *s, size_t n)
{
    int w = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += utf8_decode(s + i, n - i, &cp);
        w += cp == '\t' ? 4 - w % 4 : utf8_width(cp);
    }
    return w;
}

static int caret_y = -1, caret_x = -1;

void tui_caret(int y, int x)
{
    caret_y = y;
    caret_x = x;
}

void tui_hide_caret(void)
{
    caret_y = caret_x = -1;
}

void tui_refresh(void)
{
    if (caret_y >= 0) {
        curs_set(1);
        move(caret_y, caret_x);
    } else {
        curs_set(0);
    }
    refresh();
}
