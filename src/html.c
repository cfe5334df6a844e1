/*
 * html.c - escaping and the document frame (see html.h).
 */
#include "html.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "utf8.h"

static const char *entity(char c)
{
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&#39;";
    }
    return NULL;
}

/* The stand-in of an unsafe character, itself escaped (it holds < and >). */
static void add_stand_in(uint32_t cp, unsigned char byte, struct strbuf *out)
{
    char esc[16];
    size_t len = utf8_escape(cp, byte, esc);
    strbuf_addstr(out, "<span class=\"ctl\">");
    for (size_t i = 0; i < len; i++) {
        const char *ent = entity(esc[i]);
        if (ent)
            strbuf_addstr(out, ent);
        else
            strbuf_addch(out, esc[i]);
    }
    strbuf_addstr(out, "</span>");
}

void html_escape(const char *s, size_t n, struct strbuf *out)
{
    size_t run = 0, i = 0;          /* s[run..i) is safe and not yet copied */
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F) {
            const char *ent = entity((char)c);
            if (ent) {
                strbuf_add(out, s + run, i - run);
                strbuf_addstr(out, ent);
                run = i + 1;
            }
            i++;
            continue;
        }
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (cp != '\n' && cp != '\t' && utf8_is_unsafe(cp)) {
            strbuf_add(out, s + run, i - run);
            add_stand_in(cp, c, out);
            run = i + len;
        }
        i += len;
    }
    strbuf_add(out, s + run, n - run);
}

void html_escape_str(const char *s, struct strbuf *out)
{
    if (s)
        html_escape(s, strlen(s), out);
}

void html_begin(struct strbuf *out, const char *lang, const char *title, const char *css)
{
    strbuf_addstr(out, "<!DOCTYPE html>\n<html lang=\"");
    html_escape_str(lang, out);
    strbuf_addstr(out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<title>");
    html_escape_str(title, out);
    strbuf_addstr(out, "</title>\n<style>\n");
    strbuf_addstr(out, css);
    strbuf_addstr(out, "</style>\n</head>\n<body>\n");
}

void html_end(struct strbuf *out)
{
    strbuf_addstr(out, "</body>\n</html>\n");
}
