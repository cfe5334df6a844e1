/*
 * html.h - HTML text for the printed sheet and the report: escaping of
 * everything that comes from a file, and the frame of a self-contained
 * document (CSS inline, no script, nothing fetched from anywhere).
 *
 * Pure: appends to a strbuf, no I/O.
 */
#ifndef TORIKUMI_HTML_H
#define TORIKUMI_HTML_H

#include <stddef.h>

#include "util.h"

/*
 * Append s[0..n) as HTML text: & < > " ' become entities, and every
 * character utf8_is_unsafe() names (controls other than line break and
 * tab, bidi controls, invalid bytes) becomes its visible stand-in
 * (^[, <U+202E>, <FF>) in a <span class="ctl">, so a value prints as
 * the text it is and never as markup or as an invisible reordering.
 */
void html_escape(const char *s, size_t n, struct strbuf *out);
/* Same for a NUL-terminated string; NULL appends nothing. */
void html_escape_str(const char *s, struct strbuf *out);

/*
 * <!DOCTYPE html> ... <body>: lang (the language of the document's text,
 * "ja" or "en"), UTF-8, the document's title (escaped) and css inside a
 * <style> element.
 */
void html_begin(struct strbuf *out, const char *lang, const char *title, const char *css);
/* </body></html> */
void html_end(struct strbuf *out);

#endif
