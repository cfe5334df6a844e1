/*
 * export_html.c - sheets as the printed 取組シート (see export_html.h).
 *
 * A stage's cells are worked out from the form once per stage and item
 * (struct cells); the same cells give the page-fit estimate and the HTML.
 */
#include "export_html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "i18n.h"
#include "import_sheet.h"
#include "rules.h"
#include "utf8.h"

/*
 * The page, for the fit estimate: A4 landscape less the margins holds
 * about 31 lines of 10pt text, 140 columns wide beside the stage column.
 * Rounded down, so that a stage printed side by side surely fits a page
 * with the repeated heading above it.
 */
#define PAGE_LINES 24
#define ROW_COLUMNS 120

static const char css[] =
    HTML_CSS_PAGE
    "section.item + section.item { break-before: page; }\n"
    "table.sheet { width: 100%; border-collapse: collapse; table-layout: fixed; }\n"
    "col.stagecol { width: 10%; }\n"
    "thead { display: table-header-group; }\n"
    "thead th { border: none; padding: 0 0 4px; text-align: left; font-weight: normal; }\n"
    ".sheettitle { font-size: 1.25em; font-weight: bold; }\n"
    "th, td { border: 1px solid #000; padding: 3px 6px; vertical-align: top;\n"
    "  text-align: left; line-break: strict; overflow-wrap: anywhere; }\n"
    "tr { break-inside: avoid; }\n"
    "tbody.stage th { vertical-align: middle; text-align: center; background: #f2f2f2; }\n"
    /* a stage longer than a page flows on from the heading; its name stays at the top, a
       line below the cell's first (text read from the PDF keeps the two apart) */
    "tbody.stacked tr { break-inside: auto; }\n"
    "tbody.stacked th { vertical-align: top; padding-top: 1.8em; }\n"
    ".done { font-weight: bold; border: 1px solid #000; margin: 4px auto 0; width: 3em; }\n"
    ".no { font-weight: bold; }\n"
    ".title { font-size: 1.15em; font-weight: bold; }\n"
    ".group { font-weight: bold; border-bottom: 1px solid #666; margin-bottom: 2px; }\n"
    ".label { font-weight: bold; }\n"
    ".v { white-space: pre-wrap; margin: 0 0 4px; min-height: 1.45em; }\n"
    ".choice { margin: 0 0 4px; white-space: nowrap; }\n"
    HTML_CSS_CTL
    "@media screen { section.item { margin-bottom: 2.5em; } }\n"
    HTML_CSS_PRINT;

/* The cells of one stage: cell k holds fields field[start[k] .. start[k + 1]). */
struct cells {
    int *field;
    size_t *start;
    size_t n_fields, n;
};

static bool shown(const struct form_field *fld)
{
    return !fld->hidden && fld->kind != FIELD_STAMP;
}

static const char *cell_group(const struct form *f, const struct cells *c, size_t k)
{
    return f->fields[c->field[c->start[k]]].group;
}

static void cells_of_stage(const struct form *f, int st, struct cells *c)
{
    c->field = xcalloc(f->n_fields + 1, sizeof *c->field);
    c->start = xcalloc(f->n_fields + 1, sizeof *c->start);
    c->n_fields = c->n = 0;
    for (size_t i = 0; i < f->n_fields; i++) {
        const struct form_field *fld = &f->fields[i];
        if (fld->stage != st || !shown(fld))
            continue;
        const char *prev = c->n ? cell_group(f, c, c->n - 1) : NULL;
        bool join = c->n && (fld->group ? prev && str_eq(prev, fld->group)
                                        : !prev && fld->kind == FIELD_CHOICE);
        if (!join)
            c->start[c->n++] = c->n_fields;
        c->field[c->n_fields++] = (int)i;
    }
    c->start[c->n] = c->n_fields;
}

static void cells_free(struct cells *c)
{
    free(c->field);
    free(c->start);
}

/* The stage that holds the key field: printed as the item's heading, not as a row. */
static int heading_stage(const struct form *f)
{
    return f->fields[f->key_field].stage;
}

/* The most cells a stage row has: the table's columns beside the stage column. */
static size_t max_cells(const struct form *f)
{
    size_t most = 1;
    for (size_t st = 0; st < f->n_stages; st++) {
        if ((int)st == heading_stage(f))
            continue;
        struct cells c;
        cells_of_stage(f, (int)st, &c);
        if (c.n > most)
            most = c.n;
        cells_free(&c);
    }
    return most;
}

/* ---- the fit estimate ---- */

/* Lines of value v in a cell this many columns wide (an empty value keeps one). */
static size_t text_lines(const char *v, size_t columns)
{
    size_t lines = v ? 0 : 1;
    while (v) {
        const char *nl = strchr(v, '\n');
        size_t len = nl ? (size_t)(nl - v) : strlen(v);
        size_t w = utf8_str_width(v, len);
        lines += w ? (w + columns - 1) / columns : 1;
        v = nl ? nl + 1 : NULL;
    }
    return lines;
}

static size_t cell_lines(const struct sheet *s, const struct item *it, const struct cells *c,
                         size_t k, size_t columns)
{
    const struct form *f = s->form;
    size_t lines = cell_group(f, c, k) ? 1 : 0;
    for (size_t j = c->start[k]; j < c->start[k + 1]; j++) {
        const struct form_field *fld = &f->fields[c->field[j]];
        lines += 1;                                     /* the label */
        if (fld->kind == FIELD_CHOICE)
            lines += 1;
        else
            lines += text_lines(item_get(s, it, c->field[j]), columns);
    }
    return lines;
}

static bool stacked(const struct sheet *s, const struct item *it, const struct cells *c)
{
    if (c->n < 2)
        return false;
    size_t columns = ROW_COLUMNS / c->n;
    for (size_t k = 0; k < c->n; k++)
        if (cell_lines(s, it, c, k, columns) > PAGE_LINES)
            return true;
    return false;
}

bool export_html_stacked(const struct sheet *s, size_t idx, int st)
{
    struct cells c;
    cells_of_stage(s->form, st, &c);
    bool r = stacked(s, &s->items[idx], &c);
    cells_free(&c);
    return r;
}

/* ---- the HTML ---- */

void export_html_year(const struct sheet *s, struct strbuf *out)
{
    const char *fy = sheet_header_get(s, "FiscalYear");
    long year;
    if (!rules_fiscal_year(fy, &year)) {
        html_escape_str(fy, out);
        return;
    }
    char era[32];
    fiscal_year_label(year, era, sizeof era);
    strbuf_addf(out, "%s（%ld年度）", era, year);
}

/*
 * The lines of v, each that the sheet reader would take for the layout
 * (import_sheet_line_needs_mark, or equal to a line of the page heading)
 * after the literal mark, which the reader drops.
 */
static void add_lines(const struct sheet *s, const char *v, struct strbuf *out)
{
    struct import_sheet_vocab vocab;
    struct error e;
    const struct import_sheet_vocab *voc =
        import_sheet_vocab_from_form(&vocab, s->form, &e) == 0 ? &vocab
                                                              : import_sheet_default_vocab();
    struct strbuf head = STRBUF_INIT;
    bool have_head = false;
    while (v) {
        const char *nl = strchr(v, '\n');
        size_t len = nl ? (size_t)(nl - v) : strlen(v);
        bool mark = import_sheet_line_needs_mark(voc, v, len);
        if (!mark && len > 0) {
            if (!have_head) {
                export_html_heading_lines(s, &head);
                have_head = true;
            }
            size_t a = 0, b = len;
            while (a < b && (v[a] == ' ' || v[a] == '\t'))
                a++;
            while (b > a && (v[b - 1] == ' ' || v[b - 1] == '\t'))
                b--;
            for (const char *h = strbuf_cstr(&head); *h && !mark; h += strlen(h) + 1)
                mark = mem_eq(v + a, b - a, h, strlen(h));
        }
        if (mark)
            strbuf_addstr(out, IMPORT_SHEET_LITERAL);
        html_escape(v, len, out);
        if (nl)
            strbuf_addch(out, '\n');
        v = nl ? nl + 1 : NULL;
    }
    strbuf_release(&head);
}

static void add_value(const struct sheet *s, const char *v, struct strbuf *out)
{
    strbuf_addstr(out, "<div class=\"v\">");
    add_lines(s, v, out);
    strbuf_addstr(out, "</div>\n");
}

/*
 * The label, then ■ before the chosen label and □ before the others on a
 * line that does not wrap (a pair of boxes split over two lines would not
 * read back); a value that is no choice follows as it is.
 */
static void add_choice(const struct form_field *fld, const char *v, bool in_group,
                       struct strbuf *out)
{
    int chosen = v ? form_choice_index(fld, v, strlen(v), false) : -1;
    strbuf_addstr(out, in_group ? "<div class=\"label\">(" : "<div class=\"label\">");
    html_escape_str(fld->label, out);
    strbuf_addstr(out, in_group ? ")</div>\n" : "</div>\n");
    strbuf_addstr(out, "<div class=\"choice\">");
    for (size_t k = 0; k < fld->n_choices; k++) {
        strbuf_addstr(out, k == 0 ? "" : " ");
        strbuf_addstr(out, (int)k == chosen ? "■" : "□");
        html_escape_str(fld->choices[k].label, out);
    }
    if (v && *v && chosen < 0) {
        strbuf_addstr(out, " (");
        html_escape_str(v, out);
        strbuf_addch(out, ')');
    }
    strbuf_addstr(out, "</div>\n");
}

static void add_cell(const struct sheet *s, const struct item *it, const struct cells *c,
                     size_t k, size_t colspan, struct strbuf *out)
{
    const struct form *f = s->form;
    const char *group = cell_group(f, c, k);
    if (colspan > 1)
        strbuf_addf(out, "<td colspan=\"%zu\">\n", colspan);
    else
        strbuf_addstr(out, "<td>\n");
    if (group) {
        strbuf_addstr(out, "<div class=\"group\">");
        html_escape_str(group, out);
        strbuf_addstr(out, "</div>\n");
    }
    for (size_t j = c->start[k]; j < c->start[k + 1]; j++) {
        const struct form_field *fld = &f->fields[c->field[j]];
        const char *v = item_get(s, it, c->field[j]);
        if (fld->kind == FIELD_CHOICE) {
            add_choice(fld, v, group != NULL, out);
            continue;
        }
        strbuf_addstr(out, group ? "<div class=\"label\">(" : "<div class=\"label\">");
        html_escape_str(fld->label, out);
        strbuf_addstr(out, group ? ")</div>\n" : "</div>\n");
        add_value(s, v, out);
    }
    strbuf_addstr(out, "</td>\n");
}

static void add_stage_heading(const struct sheet *s, const struct item *it, int st,
                              size_t rowspan, struct strbuf *out)
{
    const struct form_stage *fs = &s->form->stages[st];
    strbuf_addstr(out, "<th scope=\"rowgroup\"");
    if (rowspan > 1)
        strbuf_addf(out, " rowspan=\"%zu\"", rowspan);
    strbuf_addstr(out, "><div>");
    html_escape_str(fs->label, out);
    strbuf_addstr(out, "</div>");
    if (fs->done_field >= 0 && form_bool_true(item_get(s, it, fs->done_field)))
        strbuf_addstr(out, "<div class=\"done\">" EXPORT_HTML_DONE "</div>");
    strbuf_addstr(out, "</th>\n");
}

/* Side by side: one row, the last cell spanning what is left; stacked: a row per cell. */
static void add_stage(const struct sheet *s, const struct item *it, int st, size_t columns,
                      struct strbuf *out)
{
    struct cells c;
    cells_of_stage(s->form, st, &c);
    if (c.n == 0) {
        cells_free(&c);
        return;
    }
    bool one_under_another = stacked(s, it, &c);
    strbuf_addstr(out, one_under_another ? "<tbody class=\"stage stacked\">\n"
                                         : "<tbody class=\"stage\">\n<tr>\n");
    for (size_t k = 0; k < c.n; k++) {
        if (one_under_another)
            strbuf_addstr(out, "<tr>\n");
        if (k == 0)
            add_stage_heading(s, it, st, one_under_another ? c.n : 1, out);
        size_t span = one_under_another ? columns : k + 1 == c.n ? columns - k : 1;
        add_cell(s, it, &c, k, span, out);
        if (one_under_another)
            strbuf_addstr(out, "</tr>\n");
    }
    strbuf_addstr(out, one_under_another ? "</tbody>\n" : "</tr>\n</tbody>\n");
    cells_free(&c);
}

const char *export_html_title(const struct sheet *s)
{
    const char *title = sheet_header_get(s, "Title");
    return title && *title ? title : s->form->title;
}

void export_html_heading_lines(const struct sheet *s, struct strbuf *out)
{
    const char *ward = sheet_header_get(s, "Ward");
    strbuf_addstr(out, export_html_title(s));
    strbuf_addch(out, '\0');
    strbuf_addstr(out, ward ? ward : "");
    strbuf_addstr(out, ward && *ward ? "　" : "");
    struct strbuf year = STRBUF_INIT;
    export_html_year(s, &year);         /* escaped, but only a non-number needs it */
    strbuf_addstr(out, strbuf_cstr(&year));
    strbuf_addch(out, '\0');
    strbuf_release(&year);
}

static void add_sheet_heading(const struct sheet *s, size_t columns, struct strbuf *out)
{
    const char *ward = sheet_header_get(s, "Ward");
    strbuf_addf(out, "<thead>\n<tr><th colspan=\"%zu\" scope=\"colgroup\">"
                     "<div class=\"sheettitle\">", columns + 1);
    html_escape_str(export_html_title(s), out);
    strbuf_addstr(out, "</div><div class=\"wardyear\">");
    html_escape_str(ward, out);
    strbuf_addstr(out, ward && *ward ? "　" : "");
    export_html_year(s, out);
    strbuf_addstr(out, "</div></th></tr>\n</thead>\n");
}

/* "取組項目 N", 【title】 and the heading stage's other fields (副題), unlabelled as printed. */
static void add_item_heading(const struct sheet *s, const struct item *it, size_t columns,
                             struct strbuf *out)
{
    const struct form *f = s->form;
    strbuf_addf(out, "<tbody class=\"head\">\n<tr><td colspan=\"%zu\">\n<div class=\"no\">",
                columns + 1);
    html_escape_str(f->item_label, out);
    html_escape_str(item_get(s, it, f->key_field), out);
    strbuf_addstr(out, "</div>\n");
    if (f->title_field >= 0) {
        strbuf_addstr(out, "<div class=\"title\">【");
        html_escape_str(item_get(s, it, f->title_field), out);
        strbuf_addstr(out, "】</div>\n");
    }
    int hs = heading_stage(f);
    for (size_t i = 0; i < f->n_fields; i++) {
        const char *v = item_get(s, it, (int)i);
        if (f->fields[i].stage != hs || (int)i == f->key_field || (int)i == f->title_field
            || !shown(&f->fields[i]) || !v || !*v)
            continue;
        strbuf_addstr(out, "<div class=\"sub\">");
        add_lines(s, v, out);
        strbuf_addstr(out, "</div>\n");
    }
    strbuf_addstr(out, "</td></tr>\n</tbody>\n");
}

void export_html_item(const struct sheet *s, size_t idx, struct strbuf *out)
{
    const struct form *f = s->form;
    const struct item *it = &s->items[idx];
    size_t columns = max_cells(f);
    strbuf_addstr(out, "<section class=\"item\">\n<table class=\"sheet\">\n<colgroup>"
                       "<col class=\"stagecol\">");
    for (size_t k = 0; k < columns; k++)       /* the cells share what the stage leaves */
        strbuf_addf(out, "<col style=\"width: %.2f%%\">", 90.0 / (double)columns);
    strbuf_addstr(out, "</colgroup>\n");
    add_sheet_heading(s, columns, out);
    add_item_heading(s, it, columns, out);
    for (size_t st = 0; st < f->n_stages; st++)
        if ((int)st != heading_stage(f))
            add_stage(s, it, (int)st, columns, out);
    strbuf_addstr(out, "</table>\n</section>\n");
}

void export_html_sheet(const struct sheet *s, struct strbuf *out)
{
    for (size_t i = 0; i < s->n_items; i++)
        export_html_item(s, i, out);
}

void export_html_begin(const struct sheet *first, size_t n_sheets, struct strbuf *out)
{
    struct strbuf title = STRBUF_INIT;
    if (first) {
        const char *ward = sheet_header_get(first, "Ward");
        strbuf_addstr(&title, export_html_title(first));
        if (ward && *ward)
            strbuf_addf(&title, " %s", ward);
        if (n_sheets > 1)
            strbuf_addf(&title, _(" and %zu more"), n_sheets - 1);
    }
    html_begin(out, "ja", strbuf_cstr(&title), css);   /* the form's words: Japanese */
    strbuf_release(&title);
}

void export_html_end(struct strbuf *out)
{
    html_end(out);
}
