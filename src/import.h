/*
 * import.h - `torikumi import` below the command line: read a file in
 * one of the import formats and any supported encoding, write a sheet.
 *
 * This module owns the pipeline: reading the input in 64 KiB pieces,
 * decoding it (encoding.h), picking the format, handing the text to the
 * format's reader, and writing the result atomically (save.h) or to
 * standard output.  Formats:
 *   rec    a sheet file (any encoding): parsed as a sheet, written back
 *          as UTF-8 with everything kept (comments, unknown fields);
 *   csv    Excel CSV (import_csv.h), streamed: constant memory;
 *   sheet  the PDF-text layout (import_sheet.h); it names neither ward
 *          nor year, so it needs both options; its title line becomes
 *          the sheet's title.
 * rec and sheet are read whole; csv never is.
 *
 * Encoding auto-detection is the encoding module's (per file), with one
 * addition: a regular file is first scanned as UTF-8 (read only, in
 * pieces), so that a UTF-8 file without BOM streams too instead of being
 * held until its end; standard input cannot be re-read, so there the
 * decoder holds UTF-8 input until it is sure.
 *
 * Nothing is written to the output path unless the whole import
 * succeeds.  To standard output, text goes out as it is produced; on an
 * error what was written stays written (the exit status tells).
 */
#ifndef TORIKUMI_IMPORT_H
#define TORIKUMI_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "encoding.h"
#include "form.h"
#include "util.h"

enum import_format {
    IMPORT_FORMAT_AUTO,
    IMPORT_FORMAT_REC,
    IMPORT_FORMAT_CSV,
    IMPORT_FORMAT_SHEET,
};

/* "auto", "rec", "csv" or "sheet".  Returns 0, or -1 with e naming them. */
int import_format_parse(const char *name, enum import_format *fmt, struct error *e);
const char *import_format_name(enum import_format fmt);

/*
 * The format of text (the start of a decoded input): rec when it has a
 * "%rec:" line or its first line that is not blank or a # comment is a
 * field ("Name:" then a blank or the end of the line); csv when that
 * first line holds a ',' (a CSV header: cells may quote anything, even
 * 取組項目N lines); sheet when a line is 取組項目N (the form's item label
 * and a number, nothing else) and a line holds 【; csv otherwise.
 * item_label NULL means 取組項目.
 */
enum import_format import_detect_format(const char *text, size_t len, const char *item_label);

struct import_report;

struct import_options {
    const char *input;          /* a path, or "-" for standard input */
    const char *output;         /* a path, or "-" for standard output */
    enum encoding encoding;
    enum encoding_gaiji gaiji;
    enum import_format format;
    const char *ward;           /* or NULL */
    long year;                  /* or 0 */
    struct form *form;          /* borrowed; NULL: the built-in form (rec: its header's) */
    /* Each warning (w->msg without a "warning:" prefix). */
    void (*warn)(void *ctx, const struct error *w);
    void *warn_ctx;
    /* Called once the format is known, before it is read (rep so far). */
    void (*picked)(void *ctx, const struct import_report *rep);
    void *picked_ctx;
};

struct import_report {
    enum import_format format;  /* the one used */
    bool format_detected;
    enum encoding encoding;     /* the one used (AUTO when unknown: nothing was read) */
    bool encoding_detected;
    size_t items;
    size_t warnings;
    bool unconfirmed;           /* written, but the directory fsync failed (e says so) */
};

enum import_status {
    IMPORT_OK = 0,
    IMPORT_BAD_INPUT = 1,       /* the input has errors */
    IMPORT_TROUBLE = 2,         /* usage (no ward...), I/O */
};

/*
 * Run an import.  Returns IMPORT_OK (rep filled, e set only when
 * rep->unconfirmed), or a failure with e set and nothing changed at
 * o->output.  rep is filled as far as the import got.
 */
enum import_status import_run(const struct import_options *o, struct import_report *rep,
                              struct error *e);

#endif
