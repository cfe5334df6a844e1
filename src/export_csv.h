/*
 * export_csv.h - a sheet as CSV that Excel opens as it is, and that
 * import_csv reads back into the same sheet.
 *
 * Columns, in this order:
 *   - every field of the form, in form order, headed by its Japanese
 *     label; where two fields share a label (or one's label is another's
 *     alias) the label is qualified by the stage: 中間振り返り/課題と改善策;
 *   - 区, 年度 and, when the sheet's title is not the form's, シート名: the
 *     header record's Ward, FiscalYear and Title (their keys when a field
 *     of the form has such a label), so that an import needs no options;
 *   - every field the form does not know (LocalNote...), headed by its
 *     name, in the order first met; a name repeated in a record gets as
 *     many columns as the most repetitions.
 * One row per item, in file order.  Values are written as they are,
 * except choices: a valid key is written as its label (目標未達成).  A
 * form field found twice in one record is exported once (the first) with
 * a warning.  Comments, field order within a record and header fields
 * other than Ward/FiscalYear/Title are not exported.
 *
 * Bytes: a UTF-8 BOM first (utf-8-bom, Excel's "CSV UTF-8"), none
 * (utf-8), or CP932 (Excel's plain "CSV"); rows end CRLF, a line break
 * inside a cell is a bare LF (Excel's Alt+Enter), cells with ',', '"',
 * a line break or blanks at either end are quoted, quotes doubled
 * (csv.h).  CP932 export refuses a character CP932 cannot hold: the
 * error names the item, the field and the character.
 */
#ifndef TORIKUMI_EXPORT_CSV_H
#define TORIKUMI_EXPORT_CSV_H

#include <stddef.h>

#include "sheet.h"
#include "util.h"

enum export_encoding {
    EXPORT_UTF8_BOM,        /* the default */
    EXPORT_UTF8,
    EXPORT_CP932,
};

/*
 * "utf-8-bom" (or "utf8-bom"), "utf-8" ("utf8"), or a CP932 name as
 * encoding_parse() takes it (cp932, shift-jis, sjis, windows-31j, ms932).
 * Returns 0, or -1 with e naming the accepted values.
 */
int export_encoding_parse(const char *name, enum export_encoding *enc, struct error *e);
const char *export_encoding_name(enum export_encoding enc);

struct export_csv_options {
    enum export_encoding encoding;
    const char *file;       /* the sheet's name in messages; borrowed */
    /* Receives the CSV bytes in pieces; returns 0, or -1 with e set. */
    int (*write)(void *ctx, const char *data, size_t n, struct error *e);
    void *write_ctx;
    /* Each warning (w->msg without a "warning:" prefix). */
    void (*warn)(void *ctx, const struct error *w);
    void *warn_ctx;
};

enum export_csv_status {
    EXPORT_CSV_OK = 0,
    EXPORT_CSV_UNENCODABLE = 1,  /* a character CP932 cannot hold; e names it */
    EXPORT_CSV_IO = 2,           /* the write callback failed */
    EXPORT_CSV_FORMS = 3,        /* several sheets of different forms (or none); e says which */
};

enum export_csv_status export_csv(const struct sheet *s, const struct export_csv_options *o,
                                  struct error *e);

/*
 * Several sheets as one table (e.g. the 24 wards' sheets of a year): one
 * BOM, one header row, then each sheet's items in the order given; the 区
 * and 年度 columns tell the sheets apart, シート名 is there when any sheet
 * has its own title, and the unknown fields of every sheet get columns.
 * All sheets must use the same form.  Messages name each sheet by its path.
 */
enum export_csv_status export_csv_sheets(const struct sheet *const *sheets, size_t n,
                                         const struct export_csv_options *o, struct error *e);

/* The header of form field f's column, appended to out. */
void export_csv_field_header(const struct form *form, int f, struct strbuf *out);

#endif
