/*
 * carryover.h - a new fiscal year's sheet from last year's (`torikumi new
 * --from LAST.rec`).  No curses, no I/O.
 *
 * What carries over, for every item in last year's order: its number, and
 * every field of the form's first stage that has a done mark (計画) and of
 * the stages without one (番号, 取組項目名, 副題), so that the clerk revises
 * the plan instead of typing it again.  What does not: done marks and
 * stamps (the new year has done nothing yet), the later stages (中間振り返り,
 * 年度評価), and fields the form does not know (they were last year's notes).
 * The header keeps last year's form and title; ward and year are given.
 */
#ifndef TORIKUMI_CARRYOVER_H
#define TORIKUMI_CARRYOVER_H

#include <stdbool.h>

#include "sheet.h"

/* True when field f of the form carries over into a new year. */
bool carryover_field(const struct form *form, int f);

/*
 * The new year's sheet, bound to last's form (not owned: free last after
 * the result, or write the result first).  ward NULL keeps last's ward.
 */
struct sheet *carryover_sheet(const struct sheet *last, const char *ward, long year);

#endif
