/*
 * export_csv.c - write a sheet as CSV: plan the columns once, then one
 * row per item, encoded cell by cell (so that a character CP932 cannot
 * hold is traced to its item and field).
 */
#include "export_csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "encoding.h"
#include "i18n.h"
#include "recfile.h"

#define FLUSH_AT 65536

enum xkind { X_FIELD, X_HEADER, X_EXTRA };

struct xcol {
    enum xkind kind;
    int field;              /* X_FIELD */
    const char *name;       /* X_HEADER: header key; X_EXTRA: field name (borrowed) */
    size_t nth;             /* X_EXTRA: which occurrence in the record */
};

struct exporter {
    const struct sheet *s;          /* the sheet being written */
    const char *file;               /* its name in messages */
    const struct export_csv_options *o;
    struct encoding_encoder *enc;   /* CP932 only */
    struct strbuf out, tmp;
    struct xcol *cols;
    size_t n_cols;
};

/* What a cell holds, for messages. */
struct where {
    long item;              /* item index, -1: the header row or header record */
    const char *field;      /* key, or NULL for the header row */
    const char *label;      /* label, or NULL */
    long line;              /* line of the field in the sheet file, 0 when none */
};

int export_encoding_parse(const char *name, enum export_encoding *enc, struct error *e)
{
    if (strcasecmp(name, "utf-8-bom") == 0 || strcasecmp(name, "utf8-bom") == 0) {
        *enc = EXPORT_UTF8_BOM;
        return 0;
    }
    enum encoding d;
    if (encoding_parse(name, &d, NULL) == 0 && d != ENCODING_AUTO) {
        *enc = d == ENCODING_UTF8 ? EXPORT_UTF8 : EXPORT_CP932;
        return 0;
    }
    return error_set(e, NULL, 0, 0,
                     _("unknown encoding '%s' (expected utf-8-bom, utf-8 or cp932)"), name);
}

const char *export_encoding_name(enum export_encoding enc)
{
    switch (enc) {
    case EXPORT_UTF8_BOM: return "UTF-8 (BOM)";
    case EXPORT_UTF8: return "UTF-8";
    case EXPORT_CP932: return "CP932";
    }
    return "?";
}

/* Does some field other than skip have s as its label or an alias? */
static bool label_taken(const struct form *form, int skip, const char *s)
{
    for (size_t i = 0; i < form->n_fields; i++) {
        if ((int)i == skip)
            continue;
        const struct form_field *fld = &form->fields[i];
        if (str_eq(fld->label, s))
            return true;
        for (size_t a = 0; a < fld->n_aliases; a++)
            if (str_eq(fld->aliases[a], s))
                return true;
    }
    return false;
}

void export_csv_field_header(const struct form *form, int f, struct strbuf *out)
{
    const struct form_field *fld = &form->fields[f];
    if (label_taken(form, f, fld->label) && fld->stage >= 0)
        strbuf_addf(out, "%s/", form->stages[fld->stage].label);
    strbuf_addstr(out, fld->label);
}

/* ---- the column plan ---------------------------------------------------------- */

static void add_col(struct exporter *x, enum xkind kind, int field, const char *name, size_t nth)
{
    x->cols = xrealloc(x->cols, (x->n_cols + 1) * sizeof(*x->cols));
    x->cols[x->n_cols++] = (struct xcol){ kind, field, name, nth };
}

static size_t count_name(const struct rec_record *r, const char *name)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_entries; i++)
        n += r->entries[i].name && str_eq(r->entries[i].name, name);
    return n;
}

static bool show_title(const struct sheet *s)
{
    const char *t = sheet_header_get(s, "Title");
    return t && !str_eq(t, s->form->title);
}

/* An unknown field and the most times one record holds it. */
struct extra {
    const char *name;
    size_t max;
};

/* Unknown fields of sheet s, added to ex[0..*n) in the order first met. */
static void note_extras(const struct sheet *s, struct extra **ex, size_t *n)
{
    for (size_t i = 0; i < s->n_items; i++) {
        const struct rec_record *r = s->items[i].rec;
        for (size_t k = 0; k < r->n_entries; k++) {
            const char *name = r->entries[k].name;
            if (!name || form_field_index(s->form, name) >= 0)
                continue;
            size_t j = 0;
            while (j < *n && !str_eq((*ex)[j].name, name))
                j++;
            if (j == *n) {
                *ex = xrealloc(*ex, (*n + 1) * sizeof(**ex));
                (*ex)[(*n)++] = (struct extra){ name, 0 };
            }
            size_t c = count_name(r, name);
            if (c > (*ex)[j].max)
                (*ex)[j].max = c;
        }
    }
}

/* The columns of every sheet written: the unknown fields of all of them. */
static void plan(struct exporter *x, const struct sheet *const *sheets, size_t n_sheets)
{
    const struct form *form = sheets[0]->form;
    for (size_t f = 0; f < form->n_fields; f++)
        add_col(x, X_FIELD, (int)f, NULL, 0);
    add_col(x, X_HEADER, -1, "Ward", 0);
    add_col(x, X_HEADER, -1, "FiscalYear", 0);
    bool titles = false;
    for (size_t k = 0; k < n_sheets; k++)
        titles |= show_title(sheets[k]);
    if (titles)
        add_col(x, X_HEADER, -1, "Title", 0);
    /* Unknown fields: in the order first met, as many columns as the most repetitions. */
    struct extra *ex = NULL;
    size_t n_ex = 0;
    for (size_t k = 0; k < n_sheets; k++)
        note_extras(sheets[k], &ex, &n_ex);
    for (size_t j = 0; j < n_ex; j++)
        for (size_t nth = 0; nth < ex[j].max; nth++)
            add_col(x, X_EXTRA, -1, ex[j].name, nth);
    free(ex);
}

/* ---- cells ----------------------------------------------------------------------- */

static int flush(struct exporter *x, struct error *e)
{
    if (x->out.len == 0)
        return 0;
    int rc = x->o->write(x->o->write_ctx, x->out.buf, x->out.len, e);
    strbuf_reset(&x->out);
    return rc;
}

static void warn(struct exporter *x, long line, const char *msg)
{
    if (!x->o->warn)
        return;
    struct error w;
    error_set(&w, x->file, line, 0, "%s", msg);
    x->o->warn(x->o->warn_ctx, &w);
}

/* "取組項目 6: End_Issues (課題と改善策)", "Sheet: Ward" or "the header row". */
static void describe(const struct exporter *x, const struct where *w, struct strbuf *sb)
{
    const struct form *form = x->s->form;
    if (w->item >= 0) {
        long no = item_number(x->s, &x->s->items[w->item]);
        if (no >= 0)
            strbuf_addf(sb, "%s %ld: ", form->item_label, no);
        else
            strbuf_addf(sb, "%s ?: ", form->item_label);
    } else if (w->field)
        strbuf_addf(sb, "%s: ", form->sheet_type);
    if (w->field) {
        strbuf_addstr(sb, w->field);
        if (w->label)
            strbuf_addf(sb, " (%s)", w->label);
    } else
        strbuf_addf(sb, _("the header row, column %s"), w->label);
}

static int put_cell(struct exporter *x, const char *v, size_t n, bool first,
                    const struct where *w, struct error *e)
{
    if (!x->enc) {
        csv_add_value(&x->out, v, n, first);
        return 0;
    }
    strbuf_reset(&x->tmp);
    struct error ce;
    if (encoding_to_cp932(x->enc, v, n, &x->tmp, &ce) < 0) {
        struct strbuf sb = STRBUF_INIT;
        describe(x, w, &sb);
        strbuf_addf(&sb, ": %s", ce.msg);
        if (ce.line > 1)
            strbuf_addf(&sb, _(" (line %ld, column %ld of the value)"), ce.line, ce.column);
        else
            strbuf_addf(&sb, _(" (column %ld of the value)"), ce.column);
        error_set(e, x->file, w->line > 0 ? w->line + (ce.line > 1 ? ce.line - 1 : 0) : 0, 0,
                  "%s", sb.buf);
        strbuf_release(&sb);
        return -1;
    }
    csv_add_value(&x->out, x->tmp.buf ? x->tmp.buf : "", x->tmp.len, first);
    return 0;
}

static const char *header_label(const struct form *form, const char *key)
{
    static const char *const keys[] = { "Ward", "FiscalYear", "Title" };
    static const char *const labels[] = { "区", "年度", "シート名" };
    static const char *const fallback[] = { "Ward", "FiscalYear", "SheetTitle" };
    for (size_t i = 0; i < ARRAY_LEN(keys); i++)
        if (str_eq(keys[i], key))
            return label_taken(form, -1, labels[i]) ? fallback[i] : labels[i];
    return key;
}

static int header_row(struct exporter *x, struct error *e)
{
    const struct form *form = x->s->form;
    struct strbuf h = STRBUF_INIT;
    int rc = 0;
    for (size_t c = 0; c < x->n_cols && rc == 0; c++) {
        const struct xcol *col = &x->cols[c];
        strbuf_reset(&h);
        if (col->kind == X_FIELD)
            export_csv_field_header(form, col->field, &h);
        else if (col->kind == X_HEADER)
            strbuf_addstr(&h, header_label(form, col->name));
        else
            strbuf_addstr(&h, col->name);
        struct where w = { -1, NULL, h.buf, 0 };
        rc = put_cell(x, h.buf, h.len, c == 0, &w, e);
    }
    strbuf_release(&h);
    csv_end_row(&x->out);
    return rc;
}

/* The nth entry named name in r, or NULL. */
static const struct rec_entry *nth_entry(const struct rec_record *r, const char *name, size_t nth)
{
    for (size_t i = 0; i < r->n_entries; i++)
        if (r->entries[i].name && str_eq(r->entries[i].name, name) && nth-- == 0)
            return &r->entries[i];
    return NULL;
}

/*
 * Under a Japanese locale a done mark reads as the sheet's own words:
 * yes is 完了, no is 未完了 (import_csv reads both back as yes and no).
 * Other spellings (true, 1) and an absent mark stay as they are, so that
 * export -> import gives back the same file.
 */
static void done_word(const char **v, size_t *n)
{
    if (!i18n_is_japanese())
        return;
    if (*n == 3 && memcmp(*v, "yes", 3) == 0)
        *v = "完了";
    else if (*n == 2 && memcmp(*v, "no", 2) == 0)
        *v = "未完了";
    else
        return;
    *n = strlen(*v);
}

static int field_cell(struct exporter *x, size_t idx, int f, bool first, struct error *e)
{
    const struct form_field *fld = &x->s->form->fields[f];
    const struct rec_record *r = x->s->items[idx].rec;
    const struct rec_entry *en = rec_find(r, fld->key);
    struct where w = { (long)idx, fld->key, fld->label, en ? en->line : r->line };
    if (!en)
        return put_cell(x, "", 0, first, &w, e);
    struct strbuf msg = STRBUF_INIT;
    if (count_name(r, fld->key) > 1) {
        describe(x, &w, &msg);
        strbuf_addf(&msg, _(": appears more than once; only the first value is exported"));
        warn(x, en->line, msg.buf);
    }
    const char *v = en->value;
    size_t n = en->value_len;
    if (fld->kind == FIELD_CHOICE) {
        int c = form_choice_index(fld, v, n, false);
        if (c >= 0) {
            v = fld->choices[c].label;
            n = strlen(v);
        } else {
            strbuf_reset(&msg);
            describe(x, &w, &msg);
            strbuf_addf(&msg, _(": \"%s\" is not a choice; exported as it is (an import will "
                                "refuse it)"), en->value);
            warn(x, en->line, msg.buf);
        }
    }
    strbuf_release(&msg);
    if (fld->kind == FIELD_BOOL)
        done_word(&v, &n);
    return put_cell(x, v, n, first, &w, e);
}

static int item_row(struct exporter *x, size_t idx, struct error *e)
{
    const struct rec_record *r = x->s->items[idx].rec;
    int rc = 0;
    for (size_t c = 0; c < x->n_cols && rc == 0; c++) {
        const struct xcol *col = &x->cols[c];
        if (col->kind == X_FIELD) {
            rc = field_cell(x, idx, col->field, c == 0, e);
            continue;
        }
        const struct rec_entry *en = col->kind == X_HEADER
                                         ? (x->s->header ? rec_find(x->s->header, col->name) : NULL)
                                         : nth_entry(r, col->name, col->nth);
        struct where w = { col->kind == X_HEADER ? -1 : (long)idx, col->name, NULL,
                           en ? en->line : 0 };
        rc = en ? put_cell(x, en->value, en->value_len, c == 0, &w, e)
                : put_cell(x, "", 0, c == 0, &w, e);
    }
    csv_end_row(&x->out);
    return rc;
}

/* Several sheets make one table: all of one form (same id, same fields). */
static bool same_form(const struct sheet *const *sheets, size_t n, struct error *e)
{
    const struct form *f0 = sheets[0]->form;
    for (size_t k = 1; k < n; k++) {
        const struct form *f = sheets[k]->form;
        if (!str_eq(f->id, f0->id) || f->n_fields != f0->n_fields) {
            error_set(e, sheets[k]->path, 0, 0,
                      _("uses the form %s, but %s uses %s: one table needs one form"), f->id,
                      sheets[0]->path ? sheets[0]->path : "-", f0->id);
            return false;
        }
    }
    return true;
}

/* One sheet's rows; file names it in messages. */
static enum export_csv_status write_rows(struct exporter *x, const struct sheet *s,
                                         const char *file, struct error *e)
{
    x->s = s;
    x->file = file;
    for (size_t i = 0; i < s->n_items; i++) {
        if (item_row(x, i, e) < 0)
            return EXPORT_CSV_UNENCODABLE;
        if (x->out.len >= FLUSH_AT && flush(x, e) < 0)
            return EXPORT_CSV_IO;
    }
    return EXPORT_CSV_OK;
}

enum export_csv_status export_csv_sheets(const struct sheet *const *sheets, size_t n,
                                         const struct export_csv_options *o, struct error *e)
{
    if (n == 0 || !same_form(sheets, n, e))
        return EXPORT_CSV_FORMS;
    struct exporter x;
    memset(&x, 0, sizeof(x));
    x.s = sheets[0];
    x.file = o->file;
    x.o = o;
    if (o->encoding == EXPORT_CP932 && !(x.enc = encoding_encoder_new(e)))
        return EXPORT_CSV_IO;
    if (o->encoding == EXPORT_UTF8_BOM)
        strbuf_add(&x.out, ENCODING_UTF8_BOM, ENCODING_UTF8_BOM_LEN);
    plan(&x, sheets, n);
    enum export_csv_status st = EXPORT_CSV_OK;
    if (header_row(&x, e) < 0)
        st = EXPORT_CSV_UNENCODABLE;
    /* One sheet is named as the caller gave it; several by their paths. */
    for (size_t k = 0; st == EXPORT_CSV_OK && k < n; k++)
        st = write_rows(&x, sheets[k], n == 1 || !sheets[k]->path ? o->file : sheets[k]->path, e);
    if (st == EXPORT_CSV_OK && flush(&x, e) < 0)
        st = EXPORT_CSV_IO;
    encoding_encoder_free(x.enc);
    strbuf_release(&x.out);
    strbuf_release(&x.tmp);
    free(x.cols);
    return st;
}

enum export_csv_status export_csv(const struct sheet *s, const struct export_csv_options *o,
                                  struct error *e)
{
    const struct sheet *one[1] = { s };
    return export_csv_sheets(one, 1, o, e);
}
