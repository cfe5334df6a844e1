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
 * The CSS the printed sheet and the report share, as string literals to
 * put around a document's own: HTML_CSS_PAGE first (A4 landscape, the
 * Japanese fonts a ward office's PCs have, 10pt, a page's width on
 * screen), HTML_CSS_CTL for the stand-ins html_escape() marks, and
 * HTML_CSS_PRINT last (the whole page's width when printed).
 */
#define HTML_CSS_PAGE \
    "@page { size: A4 landscape; margin: 10mm 12mm; }\n" \
    "html { font-family: \"IPAGothic\", \"IPAPGothic\", \"Noto Sans CJK JP\", \"Hiragino Sans\",\n" \
    "  \"Yu Gothic\", \"Meiryo\", sans-serif; font-size: 10pt; line-height: 1.45;\n" \
    "  color: #000; background: #fff; }\n" \
    "body { margin: 0 auto; padding: 8px; max-width: 273mm; }\n"
#define HTML_CSS_CTL ".ctl { border: 1px dashed #000; font-family: monospace; }\n"
#define HTML_CSS_PRINT "@media print { body { padding: 0; max-width: none; } }\n"

/*
 * <!DOCTYPE html> ... <body>: lang (the language of the document's text,
 * "ja" or "en"), UTF-8, the document's title (escaped) and css inside a
 * <style> element.
 */
void html_begin(struct strbuf *out, const char *lang, const char *title, const char *css);
/* </body></html> */
void html_end(struct strbuf *out);

#endif
