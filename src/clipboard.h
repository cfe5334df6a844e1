/*
 * clipboard.h - the editor's own clipboard, and the OSC 52 sequence that
 * asks a terminal to set the system clipboard as well.  Pure: no curses
 * (tui.c writes the sequence).
 *
 * Owns: the clipboard's text (cut and copied text crosses fields and
 * items; the editor cleans it again when it is pasted), the choice of
 * whether to send OSC 52 at all, and the sequence itself.  The system
 * clipboard is only ever written, never read: OSC 52 can ask a terminal
 * for it, and torikumi never does.
 *
 * OSC 52 is ESC ] 52 ; c ; BASE64 BEL.  The text goes as base64, so no
 * byte of it reaches the terminal raw, whatever it holds.  It is not sent
 * when TERM is unset, "dumb" or "linux" (the console), when NO_OSC52 is set (to anything but
 * an empty string), or when the text would make a sequence longer than
 * CLIPBOARD_OSC52_MAX bytes (terminals drop longer ones, some by
 * printing them).
 */
#ifndef TORIKUMI_CLIPBOARD_H
#define TORIKUMI_CLIPBOARD_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

#define CLIPBOARD_OSC52_MAX 100000

struct clipboard {
    struct strbuf text;
    bool full;                  /* something was copied */
};

void clipboard_set(struct clipboard *cb, const char *s, size_t n);
/* The text (borrowed), or NULL when nothing was copied yet. */
const char *clipboard_text(const struct clipboard *cb, size_t *n);
void clipboard_free(struct clipboard *cb);

/* Append the base64 (RFC 4648, with padding) of s[0..n) to out. */
void base64_encode(const char *s, size_t n, struct strbuf *out);
/* Should OSC 52 be sent, given $TERM and $NO_OSC52 (either may be NULL)? */
bool clipboard_osc52_wanted(const char *term, const char *no_osc52);
/* Append the OSC 52 sequence setting the clipboard to s[0..n); false (nothing
 * appended) when it would be longer than CLIPBOARD_OSC52_MAX. */
bool clipboard_osc52(const char *s, size_t n, struct strbuf *out);

#endif
