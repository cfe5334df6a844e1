/*
 * csvfeed.h - what the CSV unit tests and fuzz targets share: sinks that
 * collect output and warnings in a strbuf, and feeding a streaming CSV
 * reader or importer its input in pieces of a given size (that the result
 * does not depend on the size is what they check).  No cmocka: the fuzz
 * targets link it too.
 */
#ifndef TORIKUMI_CSVFEED_H
#define TORIKUMI_CSVFEED_H

#include <stddef.h>

#include "csv.h"
#include "import_csv.h"
#include "util.h"

/* An output sink (import_csv, export_csv): append the bytes to the strbuf sb. */
int csvfeed_collect(void *sb, const char *data, size_t n, struct error *e);
/* A warning sink: append "LINE:COLUMN: MESSAGE\n" to the strbuf sb. */
void csvfeed_collect_warning(void *sb, const struct error *w);

/* Feed in[0..n) to r in pieces of step bytes (> 0), then finish: 0, or -1 with e set. */
int csvfeed_reader(struct csv_reader *r, const char *in, size_t n, size_t step, struct error *e);
/* The same for a CSV import. */
int csvfeed_import(struct import_csv *ic, const char *in, size_t n, size_t step,
                   struct error *e);

#endif
