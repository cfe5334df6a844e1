/*
 * export_html.h - sheets as the city publishes them: one self-contained
 * HTML document (CSS inline, no script, no fonts or images fetched) that
 * prints on A4 landscape and reads at 100% in a browser.
 *
 * The layout comes from the form, never from field names:
 *   - every item starts a page: a table whose heading (repeated on each
 *     page it spans) is the sheet's title, ward and fiscal year (和暦 and
 *     西暦); its first row is "ITEMLABEL N", the 【title】 and the other
 *     shown fields of the stage that holds the key field (副題);
 *   - then one row per other stage, headed by the stage's label (and 完了
 *     when its done field says yes); its cells: fields of one Group share
 *     a cell under the group's heading, each as "(label)" then its value;
 *     a field without a group starts a cell under its label, except a
 *     choice, which joins the cell before it ("■目標達成 □目標未達成");
 *   - a stage whose cells would not fit one page side by side prints them
 *     one under another instead, so that a cell split across pages is
 *     never interleaved with its neighbour (the text read back from the
 *     PDF stays in order: see import_sheet.h).
 * Hidden fields (done marks, the stamp) print only as 完了.  Every value
 * goes through html_escape(); a value's line that the sheet reader would
 * take for the layout (a stage's name, 取組項目 N, a column heading, a
 * line of the page heading...) is printed after the mark ¶, which the
 * reader drops (IMPORT_SHEET_LITERAL, import_sheet.h).  Fields the form does not know are not
 * printed.
 *
 * Pure: appends to a strbuf.
 */
#ifndef TORIKUMI_EXPORT_HTML_H
#define TORIKUMI_EXPORT_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "sheet.h"
#include "util.h"

/* The word printed for a stage marked complete; import_sheet reads it back. */
#define EXPORT_HTML_DONE "完了"

/* The sheet's title as printed: its header's Title, or the form's when it has none. */
const char *export_html_title(const struct sheet *s);
/* The heading line of s: "平成29年度（2017年度）" style year after the ward. */
void export_html_year(const struct sheet *s, struct strbuf *out);

/* The page heading's lines as printed (text, not HTML): title, then ward and year, each NUL-ended. */
void export_html_heading_lines(const struct sheet *s, struct strbuf *out);

/* <!DOCTYPE html> ... <body> with the print CSS; title from the first sheet. */
void export_html_begin(const struct sheet *first, size_t n_sheets, struct strbuf *out);
/* Every item of s, each on its own page. */
void export_html_sheet(const struct sheet *s, struct strbuf *out);
/* One item (index into s->items). */
void export_html_item(const struct sheet *s, size_t idx, struct strbuf *out);
void export_html_end(struct strbuf *out);

/*
 * How the cells of stage st of item idx are laid out: true when they go
 * one under another (they would not fit a page side by side).
 */
bool export_html_stacked(const struct sheet *s, size_t idx, int st);

#endif
