/*
 * import_csv.c - CSV rows to sheet records, one row at a time.
 *
 * The header row becomes a column plan (which field each column feeds);
 * each data row is checked and converted into a record view whose
 * entries point into the CSV reader's row buffer (no copy, no malloc per
 * cell), written with rec_format_field(), and checked with the form's
 * rules on that record alone (rules_check_record: no sheet needed).
 */
#include "import_csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "era.h"
#include "i18n.h"
#include "import_csv_impl.h"
#include "recfile.h"
#include "rules.h"
#include "sheet.h"
#include "utf8.h"

#define FLUSH_AT 65536

struct column {
    enum col_kind kind;
    int field;
    char *name;
    char *header;   /* as written, sanitized for messages */
};

/* Numbers already used, with the row that used them: open addressing. */
struct numset {
    long *no;
    long *row;
    size_t cap, n;
};

struct import_csv {
    struct import_csv_options o;
    struct csv_reader *reader;
    struct column *cols;
    size_t n_cols;
    bool have_header;
    int *field_col;             /* per form field: its column, or -1 */
    int hdr_col[3];             /* COL_WARD, COL_YEAR, COL_TITLE: column or -1 */
    char *hdr_val[3];           /* established values, or NULL */
    long hdr_row[3];            /* row they came from (0: the options) */
    bool header_written;
    long next_no;
    long row_no;                /* the current row's item number */
    struct numset seen;
    struct rec_record rec;      /* view of the current row (entries borrowed) */
    int *entry_field;           /* form field of each entry, -1 for extras */
    size_t cap_entry_field;
    char no_text[24];
    struct problem_list problems;
    struct strbuf out;
    struct strbuf msg;
    struct import_csv_stats stats;
    enum import_csv_failure failure;
    const struct csv_row *row;  /* during a row callback */
};

static void numset_free(struct numset *ns)
{
    free(ns->no);
    free(ns->row);
}

static size_t numset_slot(const struct numset *ns, long no)
{
    size_t h = ((unsigned long)no * 0x9E3779B97F4A7C15ull) >> 7;
    size_t i = h & (ns->cap - 1);
    while (ns->no[i] != 0 && ns->no[i] != no)
        i = (i + 1) & (ns->cap - 1);
    return i;
}

/* Add no (> 0); returns 0, or the row that already has it. */
static long numset_add(struct numset *ns, long no, long row)
{
    if (2 * (ns->n + 1) > ns->cap) {
        struct numset big = { NULL, NULL, ns->cap ? ns->cap * 2 : 64, 0 };
        big.no = xcalloc(big.cap, sizeof(long));
        big.row = xcalloc(big.cap, sizeof(long));
        for (size_t i = 0; i < ns->cap; i++)
            if (ns->no[i]) {
                size_t j = numset_slot(&big, ns->no[i]);
                big.no[j] = ns->no[i];
                big.row[j] = ns->row[i];
                big.n++;
            }
        numset_free(ns);
        *ns = big;
    }
    size_t i = numset_slot(ns, no);
    if (ns->no[i])
        return ns->row[i];
    ns->no[i] = no;
    ns->row[i] = row;
    ns->n++;
    return 0;
}

/* ---- errors and warnings ---------------------------------------------------- */

/* "row R, column C (HEADER): " for cell col (0-based) of the current row. */
static void where(struct import_csv *ic, size_t col, struct strbuf *sb)
{
    char name[16];
    csv_column_name(col + 1, name);
    strbuf_addf(sb, _("row %ld, column %s"), ic->row->number, name);
    if (col < ic->n_cols && ic->cols[col].header[0])
        strbuf_addf(sb, " (%s)", ic->cols[col].header);
    strbuf_addstr(sb, ": ");
}

static long cell_line(struct import_csv *ic, size_t col)
{
    return col < ic->row->n_cells ? ic->row->cells[col].line : ic->row->line;
}

static int cell_error(struct import_csv *ic, struct error *e, size_t col,
                      enum import_csv_failure kind, const char *fmt, ...) PRINTF_LIKE(5, 6);
static int cell_error(struct import_csv *ic, struct error *e, size_t col,
                      enum import_csv_failure kind, const char *fmt, ...)
{
    strbuf_reset(&ic->msg);
    where(ic, col, &ic->msg);
    va_list ap;
    va_start(ap, fmt);
    strbuf_vaddf(&ic->msg, fmt, ap);
    va_end(ap);
    ic->failure = kind;
    return error_set(e, ic->o.file, cell_line(ic, col), (long)col + 1, "%s", ic->msg.buf);
}

static void warn_at(struct import_csv *ic, long line, long column, const char *msg)
{
    ic->stats.warnings++;
    if (!ic->o.warn)
        return;
    struct error w;
    error_set(&w, ic->o.file, line, column, "%s", msg);
    ic->o.warn(ic->o.warn_ctx, &w);
}

/* A value for messages: sanitized, cut at about 40 bytes. */
static void add_shown(struct strbuf *sb, const char *s, size_t n)
{
    size_t cut = n;
    if (cut > 40) {
        cut = 40;
        while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
    }
    utf8_sanitize(s, cut, false, sb);
    if (cut < n)
        strbuf_addstr(sb, "…");
}

/* ---- the header row ----------------------------------------------------------- */

/* Classify header cell col; fills c.  Returns 0, or -1 with e (an ambiguous label). */
static int classify(struct import_csv *ic, size_t col, const char *h, size_t n,
                    struct column *c, struct error *e)
{
    struct strbuf alt = STRBUF_INIT;
    size_t matches = 0;
    c->kind = import_csv_classify(ic->o.form, h, n, &c->field, &matches, &alt);
    int rc = 0;
    if (matches > 1)
        rc = cell_error(ic, e, col, IMPORT_CSV_INPUT,
                        _("%zu fields have this label; name one: %s"), matches, alt.buf);
    strbuf_release(&alt);
    return rc;
}

/* The column that already feeds what c feeds, or -1. */
static long same_target(const struct import_csv *ic, const struct column *c, size_t upto)
{
    if (c->kind == COL_EXTRA || c->kind == COL_UNNAMED)
        return -1;
    for (size_t i = 0; i < upto; i++) {
        const struct column *o = &ic->cols[i];
        if (o->kind == c->kind && (c->kind != COL_FIELD || o->field == c->field))
            return (long)i;
    }
    return -1;
}

static void warn_extra(struct import_csv *ic, size_t col)
{
    char name[16];
    csv_column_name(col + 1, name);
    struct strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, _("column %s (%s) is not a field of form %s: its values are kept "
                       "as field %s"), name, ic->cols[col].header, ic->o.form->id,
                ic->cols[col].name);
    warn_at(ic, ic->row->cells[col].line, (long)col + 1, sb.buf);
    strbuf_release(&sb);
}

static int need_header_values(struct import_csv *ic, struct error *e)
{
    bool ward = ic->o.ward || ic->hdr_col[0] >= 0;
    bool year = ic->o.year > 0 || ic->hdr_col[1] >= 0;
    if (ward && year)
        return 0;
    ic->failure = IMPORT_CSV_USAGE;
    return error_set(e, ic->o.file, 0, 0, "%s",
                     !ward && !year ? _("the sheet needs a ward and a fiscal year: give --ward "
                                        "WARD --year YEAR (or 区 and 年度 columns)")
                     : !ward ? _("the sheet needs a ward: give --ward WARD (or a 区 column)")
                             : _("the sheet needs a fiscal year: give --year YEAR (or a 年度 "
                                 "column)"));
}

static int header_row(struct import_csv *ic, const struct csv_row *row, struct error *e)
{
    ic->n_cols = row->n_cells;
    ic->cols = xcalloc(row->n_cells, sizeof(*ic->cols));
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < row->n_cells; i++) {
        size_t n = row->cells[i].len;
        const char *h = import_csv_trim(row->cells[i].data, &n);
        struct column *c = &ic->cols[i];
        strbuf_reset(&sb);
        add_shown(&sb, h, n);
        c->header = xstrdup(sb.buf);
        if (classify(ic, i, h, n, c, e) < 0)
            break;
        long other = same_target(ic, c, i);
        if (other >= 0) {
            char oname[16];
            csv_column_name((size_t)other + 1, oname);
            cell_error(ic, e, i, IMPORT_CSV_INPUT,
                       _("column %s (%s) already feeds this field; remove one of them"), oname,
                       ic->cols[other].header);
            break;
        }
        if (c->kind == COL_FIELD)
            ic->field_col[c->field] = (int)i;
        else if (c->kind >= COL_WARD && c->kind <= COL_TITLE)
            ic->hdr_col[c->kind - COL_WARD] = (int)i;
        else if (c->kind == COL_EXTRA) {
            strbuf_reset(&sb);
            import_csv_field_name(h, n, &sb);
            c->name = xstrdup(sb.buf);
            warn_extra(ic, i);
        }
    }
    strbuf_release(&sb);
    if (ic->failure)
        return -1;
    ic->have_header = true;
    return need_header_values(ic, e);
}

/* ---- header record -------------------------------------------------------------- */

static int flush(struct import_csv *ic, struct error *e)
{
    if (ic->out.len == 0)
        return 0;
    if (ic->o.write(ic->o.write_ctx, ic->out.buf, ic->out.len, e) < 0) {
        ic->failure = IMPORT_CSV_IO;
        return -1;
    }
    strbuf_reset(&ic->out);
    return 0;
}

static void write_header(struct import_csv *ic)
{
    long year = ic->o.year > 0 ? ic->o.year : atol(ic->hdr_val[1]);
    const char *ward = ic->o.ward ? ic->o.ward : ic->hdr_val[0];
    struct sheet *s = sheet_new(ic->o.form, ward, (int)year, ic->hdr_val[2]);
    sheet_write(s, &ic->out);
    sheet_free(s);
    ic->header_written = true;
}

/* Check the row's Ward/FiscalYear/SheetTitle cells against what is known. */
static int header_cells(struct import_csv *ic, struct error *e)
{
    const struct csv_row *row = ic->row;
    for (int k = 0; k < 3; k++) {
        int col = ic->hdr_col[k];
        if (col < 0 || (size_t)col >= row->n_cells || row->cells[col].len == 0)
            continue;
        size_t n = row->cells[col].len;
        const char *v = row->cells[col].data;
        char western[24];
        if (k == 1) {
            /* 平成29 and ２０１７ mean 2017: compared and written as the Western year. */
            long y;
            struct error ye;
            v = import_csv_trim(v, &n);
            if (era_parse_fiscal_year(v, n, &y, &ye) < 0)
                return cell_error(ic, e, (size_t)col, IMPORT_CSV_INPUT,
                                  _("\"%.*s\" is not a fiscal year: %s"), (int)n, v, ye.msg);
            n = (size_t)snprintf(western, sizeof(western), "%ld", y);
            v = western;
        }
        char opt[24];
        const char *known = ic->hdr_val[k];
        if (k == 0 && ic->o.ward)
            known = ic->o.ward;
        if (k == 1 && ic->o.year > 0) {
            snprintf(opt, sizeof(opt), "%ld", ic->o.year);
            known = opt;
        }
        if (!known) {
            ic->hdr_val[k] = xstrndup(v, n);
            ic->hdr_row[k] = row->number;
        } else if (!import_csv_eq(known, v, n)) {
            const char *from = ic->hdr_val[k] && !(k == 0 && ic->o.ward) &&
                               !(k == 1 && ic->o.year > 0) ? _("an earlier row") : _("the option");
            return cell_error(ic, e, (size_t)col, IMPORT_CSV_INPUT,
                              _("\"%.*s\" differs from \"%s\" (%s): a sheet holds one %s"),
                              (int)n, v, known, from, k == 0 ? _("ward") : k == 1 ?
                              _("fiscal year") : _("title"));
        }
    }
    if (ic->header_written)
        return 0;
    if ((!ic->o.ward && !ic->hdr_val[0]) || (ic->o.year <= 0 && !ic->hdr_val[1])) {
        int k = !ic->o.ward && !ic->hdr_val[0] ? 0 : 1;
        return cell_error(ic, e, (size_t)ic->hdr_col[k], IMPORT_CSV_INPUT,
                          _("empty in the first row: it gives the sheet's %s (or give %s)"),
                          k == 0 ? _("ward") : _("fiscal year"), k == 0 ? "--ward" : "--year");
    }
    write_header(ic);
    return 0;
}

/* ---- data rows ------------------------------------------------------------------- */

static void push_entry(struct import_csv *ic, int f, const char *name, const char *v, size_t n,
                       long line)
{
    struct rec_record *r = &ic->rec;
    xgrow((void **)&r->entries, &r->cap_entries, r->n_entries + 1, sizeof(*r->entries));
    xgrow((void **)&ic->entry_field, &ic->cap_entry_field, r->n_entries + 1, sizeof(int));
    ic->entry_field[r->n_entries] = f;
    struct rec_entry *en = &r->entries[r->n_entries++];
    memset(en, 0, sizeof(*en));
    en->name = (char *)name;
    en->value = (char *)v;
    en->value_len = n;
    en->line = line;
}

static const char *bool_value(const char *v, size_t n)
{
    static const char *const words[] = { "yes", "no", "true", "false", "1", "0" };
    for (size_t i = 0; i < ARRAY_LEN(words); i++)
        if (strlen(words[i]) == n && strncasecmp(words[i], v, n) == 0)
            return words[i];
    if (import_csv_eq("完了", v, n))
        return "yes";
    if (import_csv_eq("未完了", v, n))
        return "no";
    return NULL;
}

static void choices_list(const struct form_field *fld, struct strbuf *sb)
{
    for (size_t i = 0; i < fld->n_choices; i++)
        strbuf_addf(sb, "%s, ", fld->choices[i].key);
    for (size_t i = 0; i < fld->n_choices; i++)
        strbuf_addf(sb, "%s%s", fld->choices[i].label, i + 1 < fld->n_choices ? ", " : "");
}

/* Convert and check the cell of form field f; pushes its entry.  Returns 0 or -1. */
static int field_cell(struct import_csv *ic, int f, size_t col, struct error *e)
{
    const struct form_field *fld = &ic->o.form->fields[f];
    const struct csv_cell *cell = &ic->row->cells[col];
    size_t skip = csv_value_guard(cell->data, cell->len);   /* export's formula guard */
    size_t n = cell->len - skip;
    const char *v = cell->data + skip;
    if (fld->kind == FIELD_CHOICE || fld->kind == FIELD_BOOL || fld->kind == FIELD_INTEGER) {
        v = import_csv_trim(v, &n);
        if (n == 0)
            return 0;
    }
    if (memchr(v, '\0', n))
        return cell_error(ic, e, col, IMPORT_CSV_INPUT,
                          _("a NUL byte, which a sheet cannot hold"));
    switch (fld->kind) {
    case FIELD_CHOICE: {
        int c = form_choice_index(fld, v, n, false);
        if (c < 0)
            c = form_choice_index(fld, v, n, true);
        if (c < 0) {
            struct strbuf sb = STRBUF_INIT, shown = STRBUF_INIT;
            choices_list(fld, &sb);
            add_shown(&shown, v, n);
            int rc = cell_error(ic, e, col, IMPORT_CSV_INPUT,
                                _("\"%s\" is not a choice of %s (expected one of: %s)"),
                                shown.buf, fld->label, sb.buf);
            strbuf_release(&sb);
            strbuf_release(&shown);
            return rc;
        }
        v = fld->choices[c].key;
        n = strlen(v);
        break;
    }
    case FIELD_BOOL: {
        const char *b = bool_value(v, n);
        if (!b) {
            struct strbuf shown = STRBUF_INIT;
            add_shown(&shown, v, n);
            int rc = cell_error(ic, e, col, IMPORT_CSV_INPUT,
                                _("\"%s\" is not yes or no (expected yes, no, true, false, 1, "
                                  "0, 完了 or 未完了)"), shown.buf);
            strbuf_release(&shown);
            return rc;
        }
        v = b;
        n = strlen(b);
        break;
    }
    case FIELD_INTEGER: {
        long x;
        if (!rules_whole_number(v, n, fld->min_value, &x)) {
            struct strbuf shown = STRBUF_INIT;
            add_shown(&shown, v, n);
            int rc = cell_error(ic, e, col, IMPORT_CSV_INPUT,
                                _("\"%s\" is not a whole number of at least %ld"), shown.buf,
                                fld->min_value);
            strbuf_release(&shown);
            return rc;
        }
        if (f == ic->o.form->key_field) {
            ic->row_no = x;
            long other = numset_add(&ic->seen, x, ic->row->number);
            if (other)
                return cell_error(ic, e, col, IMPORT_CSV_INPUT,
                                  _("number %ld is also used on row %ld"), x, other);
        }
        break;
    }
    case FIELD_LINE:
    case FIELD_TEXT:
    case FIELD_STAMP:
        break;
    }
    push_entry(ic, f, fld->key, v, n, cell->line);
    return 0;
}

static bool row_is_empty(const struct csv_row *row)
{
    for (size_t i = 0; i < row->n_cells; i++)
        if (row->cells[i].len)
            return false;
    return true;
}

/* Cells past the header, cells under an empty header: must be empty. */
static int stray_cells(struct import_csv *ic, struct error *e)
{
    for (size_t i = 0; i < ic->row->n_cells; i++) {
        if (ic->row->cells[i].len == 0)
            continue;
        if (i >= ic->n_cols)
            return cell_error(ic, e, i, IMPORT_CSV_INPUT,
                              _("a value past the last column of the header (%zu columns): "
                                "give the column a header, or check the quotes of this row"),
                              ic->n_cols);
        if (ic->cols[i].kind == COL_UNNAMED)
            return cell_error(ic, e, i, IMPORT_CSV_INPUT,
                              _("a value in a column without a header: give the column a "
                                "header (an unknown one is kept as an extra field)"));
    }
    return 0;
}

static int fill_record(struct import_csv *ic, struct error *e)
{
    const struct form *f = ic->o.form;
    const struct csv_row *row = ic->row;
    ic->rec.n_entries = 0;
    ic->rec.line = row->line;
    for (size_t i = 0; i < f->n_fields; i++) {
        int col = ic->field_col[i];
        if ((int)i == f->key_field && col < 0) {
            ic->row_no = ++ic->next_no;
            int k = snprintf(ic->no_text, sizeof(ic->no_text), "%ld", ic->row_no);
            push_entry(ic, (int)i, f->fields[i].key, ic->no_text, (size_t)k, row->line);
            continue;
        }
        if (col < 0 || (size_t)col >= row->n_cells || row->cells[col].len == 0)
            continue;
        if (field_cell(ic, (int)i, (size_t)col, e) < 0)
            return -1;
    }
    int kc = f->key_field >= 0 ? ic->field_col[f->key_field] : -1;
    if (kc >= 0 && !rec_find(&ic->rec, f->fields[f->key_field].key))
        return cell_error(ic, e, (size_t)kc, IMPORT_CSV_INPUT,
                          _("empty: every row needs a number when there is a %s column"),
                          f->fields[f->key_field].label);
    for (size_t c = 0; c < ic->n_cols && c < row->n_cells; c++) {
        const struct csv_cell *cell = &row->cells[c];
        if (ic->cols[c].kind != COL_EXTRA || cell->len == 0)
            continue;
        if (memchr(cell->data, '\0', cell->len))
            return cell_error(ic, e, c, IMPORT_CSV_INPUT,
                              _("a NUL byte, which a sheet cannot hold"));
        size_t skip = csv_value_guard(cell->data, cell->len);
        push_entry(ic, -1, ic->cols[c].name, cell->data + skip, cell->len - skip, cell->line);
    }
    return 0;
}

/*
 * Speed: the rules read every character of every text (control
 * characters, half-width katakana, length), which took 40% of an import.
 * A multi-line text that the rules' own fast path finds plain
 * (rules_text_is_plain) and that is not too long cannot give such a
 * problem, so the rules are shown a one-character stand-in for it (filled
 * or not, like the value).  tests/unit/test_import_csv.c and the fuzzer
 * compare both ways.
 */
static bool clean_text(const char *s, size_t n, long max)
{
    size_t chars;
    return rules_text_is_plain(s, n, true, &chars) && (max <= 0 || chars <= (size_t)max);
}

/* The form's rules on the record just written, as warnings. */
static void check_rules(struct import_csv *ic)
{
    const struct form *form = ic->o.form;
    for (size_t i = 0; !ic->o.full_rules && i < ic->rec.n_entries; i++) {
        struct rec_entry *en = &ic->rec.entries[i];
        int f = ic->entry_field[i];
        if (f >= 0 && form->fields[f].kind == FIELD_TEXT && en->value_len > 1 &&
            rules_filled(en->value) && clean_text(en->value, en->value_len,
                                                  form->fields[f].max_length)) {
            en->value = (char *)"x";
            en->value_len = 1;
        }
    }
    problems_clear(&ic->problems);
    rules_check_record(form, &ic->rec, 0, &ic->problems);
    for (size_t i = 0; i < ic->problems.n; i++) {
        const struct problem *p = &ic->problems.v[i];
        strbuf_reset(&ic->msg);
        strbuf_addf(&ic->msg, "%s %ld: %s: ", form->item_label, ic->row_no,
                    problem_field_name(form, p));
        problem_record_message(form, &ic->rec, p, &ic->msg);
        int col = p->field >= 0 ? ic->field_col[p->field] : -1;
        warn_at(ic, p->line, col + 1, ic->msg.buf);
    }
}

static int data_row(struct import_csv *ic, struct error *e)
{
    ic->stats.rows++;
    if (row_is_empty(ic->row))
        return 0;
    if (stray_cells(ic, e) < 0 || header_cells(ic, e) < 0 || fill_record(ic, e) < 0)
        return -1;
    strbuf_addch(&ic->out, '\n');
    for (size_t i = 0; i < ic->rec.n_entries; i++) {
        const struct rec_entry *en = &ic->rec.entries[i];
        rec_format_field(&ic->out, en->name, en->value, en->value_len);
    }
    ic->stats.items++;
    check_rules(ic);
    return ic->out.len >= FLUSH_AT ? flush(ic, e) : 0;
}

static int on_row(void *ctx, const struct csv_row *row, struct error *e)
{
    struct import_csv *ic = ctx;
    ic->row = row;
    int rc;
    if (ic->have_header)
        rc = data_row(ic, e);
    else if (row_is_empty(row))
        rc = 0;
    else
        rc = header_row(ic, row, e);
    ic->row = NULL;
    return rc;
}

/* ---- life cycle ------------------------------------------------------------------- */

struct import_csv *import_csv_new(const struct import_csv_options *opt)
{
    struct import_csv *ic = xcalloc(1, sizeof(*ic));
    ic->o = *opt;
    ic->reader = csv_reader_new(opt->file, on_row, ic);
    /* rules_check_record() computes v + n: keep v non-NULL (NULL + 0 is undefined). */
    xgrow((void **)&ic->problems.v, &ic->problems.cap, 16, sizeof(*ic->problems.v));
    ic->field_col = xmalloc((opt->form->n_fields + 1) * sizeof(int));
    for (size_t i = 0; i < opt->form->n_fields; i++)
        ic->field_col[i] = -1;
    for (int k = 0; k < 3; k++)
        ic->hdr_col[k] = -1;
    return ic;
}

int import_csv_feed(struct import_csv *ic, const char *text, size_t n, struct error *e)
{
    if (csv_reader_feed(ic->reader, text, n, e) < 0) {
        if (!ic->failure)
            ic->failure = IMPORT_CSV_INPUT;
        return -1;
    }
    return 0;
}

int import_csv_finish(struct import_csv *ic, struct error *e)
{
    if (csv_reader_finish(ic->reader, e) < 0) {
        if (!ic->failure)
            ic->failure = IMPORT_CSV_INPUT;
        return -1;
    }
    if (!ic->have_header) {
        ic->failure = IMPORT_CSV_INPUT;
        return error_set(e, ic->o.file, 0, 0, "%s",
                         _("no header row: the first row must name the columns"));
    }
    if (!ic->header_written) {
        if (!ic->o.ward || ic->o.year <= 0) {
            ic->failure = IMPORT_CSV_USAGE;
            return error_set(e, ic->o.file, 0, 0, "%s",
                             _("no rows to take the ward and fiscal year from: give --ward "
                               "WARD --year YEAR"));
        }
        write_header(ic);
    }
    return flush(ic, e);
}

enum import_csv_failure import_csv_failure(const struct import_csv *ic)
{
    return ic->failure;
}

const struct import_csv_stats *import_csv_stats(const struct import_csv *ic)
{
    return &ic->stats;
}

void import_csv_free(struct import_csv *ic)
{
    if (!ic)
        return;
    csv_reader_free(ic->reader);
    for (size_t i = 0; i < ic->n_cols; i++) {
        free(ic->cols[i].name);
        free(ic->cols[i].header);
    }
    free(ic->cols);
    free(ic->field_col);
    for (int k = 0; k < 3; k++)
        free(ic->hdr_val[k]);
    numset_free(&ic->seen);
    free(ic->rec.entries);
    free(ic->entry_field);
    problems_free(&ic->problems);
    strbuf_release(&ic->out);
    strbuf_release(&ic->msg);
    free(ic);
}
