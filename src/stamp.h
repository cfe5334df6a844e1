/*
 * stamp.h - the Updated stamp an item gets when it is saved: the local
 * time with its zone and the clerk's name, "2026-11-25T21:07:13+09:00 田中 花子",
 * and how the editor shows it: "令和8年11月25日 21:07 (+09:00) 田中 花子".
 * No curses.
 *
 * The clerk's name is $TORIKUMI_NAME when set, else the full name of the
 * passwd GECOS field (up to its first comma), else the login name.
 */
#ifndef TORIKUMI_STAMP_H
#define TORIKUMI_STAMP_H

#include <stdbool.h>
#include <time.h>

#include "util.h"

/* The clerk's name, one line without control characters ("unknown" when none). */
void stamp_clerk_name(struct strbuf *out);
/* The stamp for time t (local time, zone as +09:00) and name. */
void stamp_make(time_t t, const char *name, struct strbuf *out);
/*
 * The stamp as a person reads it (和暦 date, hours and minutes, zone, the
 * rest as it is).  False, out untouched, when it is not a stamp torikumi
 * wrote; then show it as it is.
 */
bool stamp_display(const char *stamp, struct strbuf *out);

#endif
