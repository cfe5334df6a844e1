/*
 * outfile.h - where a command's output goes: standard output ("-"), a
 * device or FIFO that exists (/dev/null, /dev/stdout: written in place,
 * never replaced), or a file, replaced atomically through save.h.
 *
 * Nothing touches the file system before the first write, so a command
 * that fails early leaves no trace; a failed or aborted file output
 * leaves the old file as it was.
 *
 * Ownership: outfile_new returns an outfile that outfile_commit or
 * outfile_abort frees (exactly one of them, once).
 */
#ifndef TORIKUMI_OUTFILE_H
#define TORIKUMI_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "save.h"
#include "util.h"

/* path "-" (or NULL) is standard output; borrowed, must outlive the outfile. */
struct outfile *outfile_new(const char *path);
/* The name for messages: the path, or "standard output". */
const char *outfile_name(const struct outfile *o);
bool outfile_is_stdout(const struct outfile *o);
/* Write n bytes.  Returns 0, or -1 with e set (the outfile must still be aborted). */
int outfile_write(struct outfile *o, const void *data, size_t n, struct error *e);
/* Done: for a file, make it the new file (SAVE_UNCONFIRMED: e says why).  Frees o. */
enum save_result outfile_commit(struct outfile *o, struct error *e);
/* Give up: a file is left as it was.  Frees o; NULL is fine. */
void outfile_abort(struct outfile *o);

/*
 * Refuse an output that is the input itself: the same device and inode,
 * however it is spelt (a symlink, a hard link, "./x", /dev/stdout, or
 * input "-" being that file on standard input).  Replacing it would lose
 * the original (a CP932 export converted over itself).  Returns 0, or -1
 * with e set naming both paths.  An output that does not exist yet is fine.
 */
int outfile_refuse_input(const char *out_path, const char *in_path, struct error *e);

#endif
