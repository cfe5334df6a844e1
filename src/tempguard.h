/*
 * tempguard.h - the temporary file of a save in progress, removed when
 * SIGTERM, SIGINT or SIGHUP ends the process: an import from an endless
 * pipe stopped by its user, Ctrl-C during an export, a closed terminal.
 * (A kill -9 still leaves it; sidefile_clean_temps removes such leftovers
 * of a sheet, docs/reliability.md 2.1.)
 *
 * One file at a time: a command writes one output at a time.  The handler
 * is async-signal-safe: it unlinks the path recorded beforehand, then the
 * process dies of the signal as it would have.  Handlers are installed only
 * for signals that still have their default action, so the editor's own
 * (ui.c: set a flag, sync the journal, exit) and an ignored SIGINT (a
 * background job) stay as they are.
 */
#ifndef TORIKUMI_TEMPGUARD_H
#define TORIKUMI_TEMPGUARD_H

/* From now on a terminating signal removes path (copied) first. */
void tempguard_arm(const char *path);
/* The file is gone or renamed into place: nothing to remove any more. */
void tempguard_disarm(void);

#endif
