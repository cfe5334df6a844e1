/*
 * sidefile.h - the files torikumi keeps next to a sheet, and who wrote them.
 *
 * For a sheet /dir/NAME (symlinks resolved the way save.c resolves them,
 * so every path to the same sheet names the same side files):
 *   /dir/.NAME.torikumi-lock      one editor per sheet (lock.h)
 *   /dir/.NAME.torikumi-journal   unsaved changes (journal.h) of the lock's holder
 *   /dir/.NAME.torikumi-journal-HOST-PID   those of an editor working alongside it
 *   /dir/.NAME.tmpXXXXXX          a save in progress (save.h)
 *
 * Ownership: returned strings are freed by the caller.
 */
#ifndef TORIKUMI_SIDEFILE_H
#define TORIKUMI_SIDEFILE_H

#include <stddef.h>
#include <time.h>

#include "util.h"

#define SIDEFILE_LOCK ".torikumi-lock"
#define SIDEFILE_JOURNAL ".torikumi-journal"

/* The sheet's real path: symlinks followed (up to 40 hops), as save.c does. */
char *sidefile_target(const char *sheet_path);
/* "/dir/.NAME" + suffix for the sheet's real path. */
char *sidefile_path(const char *sheet_path, const char *suffix);
/* "/dir/.NAME.torikumi-journal-HOST-PID": this editor's own journal ('/' in HOST made '_'). */
char *sidefile_own_journal(const char *sheet_path);

/*
 * Who and where we are, for lock and journal headers: the login name
 * (passwd entry, else $USER/$LOGNAME, else the uid), the host name, and
 * the kernel's boot id (empty where there is none).  Control characters
 * and blanks are replaced by '?' so a value fits on one line.
 */
void sidefile_user(char *out, size_t size);
void sidefile_host(char *out, size_t size);
void sidefile_boot_id(char *out, size_t size);
/* t as local ISO 8601 with offset: 2017-04-03T09:15:00+09:00 (out: 32 bytes). */
void sidefile_iso8601(time_t t, char *out, size_t size);

/*
 * Remove leftover save temps (.NAME.tmp + 6 hex digits, regular files,
 * not modified for min_age seconds) next to the sheet.  A save killed
 * half-way leaves one; call this only while holding the sheet's lock (so
 * no other torikumi is saving this sheet).  Returns how many were removed.
 */
int sidefile_clean_temps(const char *sheet_path, long min_age);

#endif
