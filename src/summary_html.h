/*
 * summary_html.h - the supervisor's report over many sheets as one
 * self-contained HTML document (CSS inline, no script, nothing fetched).
 *
 * Sheets are grouped by fiscal year (a section per year, 和暦 and 西暦,
 * in year order), so that years are never added together.  Per year:
 *   - a table per ward: items; per stage with a complete mark, how many
 *     are complete, not complete, complete with problems; per choice of
 *     the result field (and not chosen), how many; items with errors;
 *   - an inline SVG bar chart of the results per ward: every bar carries
 *     its label and number as text and the choices differ in pattern as
 *     well as shade, so colour is never the only signal; the chart has a
 *     <title> and <desc> that say the same in words;
 *   - for each result choice that makes fields required (RequiredWhen:
 *     目標未達成 requires 課題と改善策), the items with that result and
 *     those fields' values;
 *   - every rule error of the items (and of the sheet headers).
 * All of it is read from the form (stages, the result field, RequiredWhen)
 * and the rules (rules.h, overview.h); everything from the files is
 * escaped (html.h).
 *
 * Pure: appends to a strbuf.
 */
#ifndef TORIKUMI_SUMMARY_HTML_H
#define TORIKUMI_SUMMARY_HTML_H

#include <stddef.h>

#include "sheet.h"
#include "util.h"

/* Returns 0, or -1 with e set when the sheets use different forms. */
int summary_html(struct sheet *const *sheets, size_t n, struct strbuf *out, struct error *e);

#endif
