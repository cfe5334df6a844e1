/*
 * era.h - years as a Japanese clerk types and reads them: 西暦 (2018,
 * ２０１８) or 和暦 (平成30, H30, 令和2, R2, 令和元, optionally followed by
 * 年 or 年度), and dates and times shown as 和暦.  No curses, no I/O.
 *
 * Every place that takes a year from a person (the --year options, the
 * 年度 column of an import) goes through era_parse_year, so that the same
 * spellings are accepted everywhere and an unknown era is one clear error.
 */
#ifndef TORIKUMI_ERA_H
#define TORIKUMI_ERA_H

#include <stddef.h>

#include "util.h"

/* The fiscal years a sheet may have (its FiscalYear field). */
#define ERA_FISCAL_YEAR_MIN 1989
#define ERA_FISCAL_YEAR_MAX 2200

/*
 * Parse a year: Western digits (ASCII or full width) or an era (昭和/S,
 * 平成/H, 令和/R, in any case and width) with a year number or 元.  Blanks
 * around it and a trailing 年 or 年度 are allowed.  Returns 0 with *year the
 * Western year, or -1 with e->msg saying what was expected and e->column
 * the character (1-based) where it went wrong.  e->file and e->line are
 * left empty for the caller to fill.
 */
int era_parse_year(const char *s, size_t len, long *year, struct error *e);
/* The same, and the year must be a fiscal year a sheet can have (1989..2200). */
int era_parse_fiscal_year(const char *s, size_t len, long *year, struct error *e);

/*
 * A calendar date as 和暦: 2026-11-25 -> "令和8年11月25日", 2019-04-30 ->
 * "平成31年4月30日", 2019-05-01 -> "令和元年5月1日".  Before 平成 (1989-01-08)
 * the Western year is written ("1980年1月2日").
 */
void era_date_label(int year, int month, int day, char *out, size_t size);

#endif
