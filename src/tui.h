/*
 * tui.h - the only module that talks to the terminal (ncursesw).
 *
 * It owns curses set-up and teardown (raw keys so Ctrl-S/Ctrl-Q/Ctrl-Z
 * reach us, a short Esc delay, bracketed paste, mouse clicks), reading
 * keys with wget_wch into struct key (a bracketed paste arrives as one
 * key holding the pasted text), and drawing text clipped by display
 * width with every unsafe character shown escaped, never sent raw.
 * Colours are used only as decoration and never when NO_COLOR is set:
 * state is always also shown by text or reverse video.
 */
#ifndef TORIKUMI_TUI_H
#define TORIKUMI_TUI_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "util.h"

/*
 * Keys curses has no name for, read from their xterm sequences (tui.c):
 * Ctrl-Left/Right/Home/End, and Alt-b / Alt-f as emacs and readline have
 * them (ESC b, ESC f).  Beyond curses' own codes and the paste markers.
 */
enum {
    TUI_KEY_CTRL_LEFT = 0x7f00,
    TUI_KEY_CTRL_RIGHT,
    TUI_KEY_CTRL_HOME,
    TUI_KEY_CTRL_END,
    TUI_KEY_ALT_B,
    TUI_KEY_ALT_F,
    /* Selecting: Ctrl-Shift-Left/Right/Home/End.  Shift alone arrives as
     * curses' KEY_SLEFT, KEY_SRIGHT, KEY_SR (up), KEY_SF (down), KEY_SHOME,
     * KEY_SEND, also where the terminfo entry lacks them (tui.c). */
    TUI_KEY_CTRL_SHIFT_LEFT,
    TUI_KEY_CTRL_SHIFT_RIGHT,
    TUI_KEY_CTRL_SHIFT_HOME,
    TUI_KEY_CTRL_SHIFT_END,
};

enum key_kind {
    KEY_KIND_NONE,      /* timeout: nothing arrived */
    KEY_KIND_CHAR,      /* a character (control characters too: Ctrl-S is 0x13) */
    KEY_KIND_FUNC,      /* a curses key code (KEY_F(1), KEY_LEFT, ...) */
    KEY_KIND_PASTE,     /* bracketed paste: text in paste / paste_len */
    KEY_KIND_MOUSE,     /* a click at mouse_y, mouse_x */
    KEY_KIND_RESIZE,
    KEY_KIND_HANGUP,    /* the terminal is gone (read error, end of input) */
};

struct key {
    enum key_kind kind;
    wint_t ch;          /* KEY_KIND_CHAR */
    int code;           /* KEY_KIND_FUNC */
    const char *paste;  /* KEY_KIND_PASTE, valid until the next read */
    size_t paste_len;
    int mouse_y, mouse_x;
};

#define CTRL(c) ((c) & 0x1f)

enum tui_role {
    ROLE_NORMAL,
    ROLE_BAR,           /* header and key bar: reverse video */
    ROLE_LABEL,         /* field labels: bold */
    ROLE_FOCUS,         /* the focused field's label: reverse video */
    ROLE_STAGE,         /* stage headings: bold (+ colour) */
    ROLE_PROBLEM,       /* problem text: bold (+ red) */
    ROLE_DIM,           /* placeholders */
    ROLE_ESCAPED,       /* an escaped control character: underline */
    ROLE_MATCH,         /* search match: reverse video */
    ROLE_KEYNAME,       /* key names in the key bar */
    ROLE_SELECT,        /* selected text: reverse video */
};

/* Start curses.  Returns -1 (with a message on stderr) when there is no terminal. */
int tui_start(void);
void tui_stop(void);
/* Leave curses for a while (to run $EDITOR) and come back. */
void tui_suspend(void);
void tui_resume(void);
void tui_size(int *rows, int *cols);

/* Wait for a key: timeout_ms < 0 waits forever, 0 only takes what is pending. */
void tui_read_key(struct key *k, int timeout_ms);

void tui_clear(void);
/*
 * Draw s[0..n) at (y, x), at most maxw columns, in role.  Unsafe
 * characters are drawn escaped (^[, <U+202E>) in ROLE_ESCAPED, tabs as
 * blanks, newlines as ^J.  A wide character that would not fit whole is
 * not drawn.  Returns the columns used.
 */
int tui_text(int y, int x, int maxw, const char *s, size_t n, enum tui_role role);
int tui_str(int y, int x, int maxw, const char *s, enum tui_role role);
/* Fill columns [x, x+w) of row y with blanks in role. */
void tui_fill(int y, int x, int w, enum tui_role role);
void tui_caret(int y, int x);          /* show the cursor there (the IME follows it) */
void tui_hide_caret(void);
void tui_refresh(void);
/*
 * Ask the terminal to set the system clipboard to s[0..n) (OSC 52, as
 * base64; clipboard.h says when it is not sent).  True when it was sent.
 */
bool tui_set_clipboard(const char *s, size_t n);
/* Columns s takes on screen (as tui_text draws it). */
int tui_width(const char *s, size_t n);

#endif
