/*
 * clipboard.c - the editor's own clipboard and the OSC 52 sequence (see
 * clipboard.h).
 */
#include "clipboard.h"

#include <string.h>

void clipboard_set(struct clipboard *cb, const char *s, size_t n)
{
    strbuf_reset(&cb->text);
    strbuf_add(&cb->text, s, n);
    cb->full = true;
}

const char *clipboard_text(const struct clipboard *cb, size_t *n)
{
    if (!cb->full)
        return NULL;
    *n = cb->text.len;
    return strbuf_cstr(&cb->text);
}

void clipboard_free(struct clipboard *cb)
{
    strbuf_release(&cb->text);
    cb->full = false;
}

void base64_encode(const char *s, size_t n, struct strbuf *out)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *u = (const unsigned char *)s;
    strbuf_grow(out, (n + 2) / 3 * 4);
    for (size_t i = 0; i < n; i += 3) {
        unsigned long v = (unsigned long)u[i] << 16;
        if (i + 1 < n)
            v |= (unsigned long)u[i + 1] << 8;
        if (i + 2 < n)
            v |= u[i + 2];
        char quad[4] = { digits[v >> 18 & 63], digits[v >> 12 & 63],
                         i + 1 < n ? digits[v >> 6 & 63] : '=', i + 2 < n ? digits[v & 63] : '=' };
        strbuf_add(out, quad, 4);
    }
}

bool clipboard_osc52_wanted(const char *term, const char *no_osc52)
{
    if (no_osc52 && *no_osc52)
        return false;
    /* The Linux console has no clipboard, and may print what it does not know. */
    return term && *term && strcmp(term, "dumb") != 0 && strncmp(term, "linux", 5) != 0;
}

bool clipboard_osc52(const char *s, size_t n, struct strbuf *out)
{
    static const char head[] = "\033]52;c;";
    size_t total = sizeof(head) - 1 + (n + 2) / 3 * 4 + 1;
    if (n > CLIPBOARD_OSC52_MAX || total > CLIPBOARD_OSC52_MAX)
        return false;
    strbuf_addstr(out, head);
    base64_encode(s, n, out);
    strbuf_addch(out, '\a');
    return true;
}
