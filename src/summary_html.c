/*
 * summary_html.c - the report across wards (see summary_html.h).
 *
 * One overview is built over all sheets; a year's section selects the
 * overview rows of its sheets, and a ward's line the rows of its ward.
 */
#include "summary_html.h"

#include <stdlib.h>
#include <string.h>

#include "export_html.h"
#include "html.h"
#include "i18n.h"
#include "overview.h"
#include "rules.h"

#define BAR_MAX 360         /* px: the longest bar */
#define BAR_H 16
#define LABEL_W 150         /* px: the ward names left of the bars */

static const char css[] =
    /* landscape like the sheets: the table per ward has 3 columns per stage */
    HTML_CSS_PAGE
    "section.year + section.year { break-before: page; }\n"
    "table { border-collapse: collapse; margin: 0 0 1.2em; width: 100%; }\n"
    "caption { text-align: left; font-weight: bold; padding: 4px 0; }\n"
    "th, td { border: 1px solid #000; padding: 2px 5px; vertical-align: top; text-align: left;\n"
    "  overflow-wrap: anywhere; }\n"
    "td.n { text-align: right; }\n"
    "th[scope=row], td.w { white-space: nowrap; }\n"
    /* headings break between words only ("not complete", 未完了 whole) */
    "th { background: #f2f2f2; overflow-wrap: normal; word-break: keep-all; }\n"
    "tr { break-inside: avoid; }\n"
    "thead { display: table-header-group; }\n"
    ".v { white-space: pre-wrap; }\n"
    HTML_CSS_CTL
    "figure { margin: 0 0 1.2em; break-inside: avoid; }\n"
    "svg { max-width: 100%; height: auto; }\n"
    "svg text { font-size: 12px; }\n"
    HTML_CSS_PRINT;

struct report {
    const struct overview *ov;
    const struct form *form;
    struct sheet *const *sheets;
    size_t *rows;           /* every row, by ward and number */
    size_t n_rows;
    struct strbuf *out;
    struct strbuf scratch;
};

/* ---- groups: years, and wards within a year ---- */

static const char *header_or_empty(const struct sheet *s, const char *name)
{
    const char *v = sheet_header_get(s, name);
    return v ? v : "";
}

static long year_of(const struct sheet *s)
{
    return strtol(header_or_empty(s, "FiscalYear"), NULL, 10);
}

/* Sheet indices by year, in the order given within a year (a few dozen sheets: insertion). */
static void sort_by_year(struct sheet *const *sheets, size_t *order, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t v = order[i], j = i;
        for (; j > 0 && year_of(sheets[order[j - 1]]) > year_of(sheets[v]); j--)
            order[j] = order[j - 1];
        order[j] = v;
    }
}

static bool row_in(const struct report *r, size_t row, const size_t *sheets, size_t n)
{
    size_t sheet = overview_row(r->ov, row)->sheet;
    for (size_t i = 0; i < n; i++)
        if (sheet == sheets[i])
            return true;
    return false;
}

/* Rows of the given sheets, in report order. */
static size_t select_rows(const struct report *r, const size_t *sheets, size_t n, size_t *into)
{
    size_t k = 0;
    for (size_t i = 0; i < r->n_rows; i++)
        if (row_in(r, r->rows[i], sheets, n))
            into[k++] = r->rows[i];
    return k;
}

/* Those of rows[0..n) of one ward. */
static size_t select_ward(const struct report *r, const size_t *rows, size_t n,
                          const char *ward, size_t *into)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (str_eq(overview_row(r->ov, rows[i])->ward, ward))
            into[k++] = rows[i];
    return k;
}

/* The distinct wards of the rows, in order of first appearance (borrowed strings). */
static size_t wards_of(const struct report *r, const size_t *rows, size_t n, const char **wards)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *w = overview_row(r->ov, rows[i])->ward;
        bool seen = false;
        for (size_t j = 0; j < k && !seen; j++)
            seen = str_eq(wards[j], w);
        if (!seen)
            wards[k++] = w;
    }
    return k;
}

/* ---- small pieces of HTML ---- */

static void esc(struct report *r, const char *s)
{
    html_escape_str(s, r->out);
}

static void th(struct report *r, const char *text, const char *attrs)
{
    strbuf_addf(r->out, "<th%s>", attrs ? attrs : "");
    esc(r, text);
    strbuf_addstr(r->out, "</th>");
}

static void td_num(struct report *r, size_t n)
{
    strbuf_addf(r->out, "<td class=\"n\">%zu</td>", n);
}

static void td_text(struct report *r, const char *text, const char *cls)
{
    strbuf_addf(r->out, cls ? "<td class=\"%s\">" : "<td>", cls);
    esc(r, text);
    strbuf_addstr(r->out, "</td>");
}

static const char *stage_label(const struct report *r, size_t col)
{
    return r->form->stages[overview_stage(r->ov, col)].label;
}

static const struct form_field *result_field(const struct report *r)
{
    return r->form->result_field >= 0 ? &r->form->fields[r->form->result_field] : NULL;
}

/* An empty list says so (and an HTML table body is never empty). */
static void none_row(struct report *r, size_t colspan)
{
    strbuf_addf(r->out, "<tr><td colspan=\"%zu\">", colspan);
    esc(r, _("none"));
    strbuf_addstr(r->out, "</td></tr>\n");
}

/* ---- the table per ward ---- */

static void ward_table_head(struct report *r)
{
    size_t ns = overview_n_stages(r->ov);
    const struct form_field *rf = result_field(r);
    strbuf_addstr(r->out, "<thead>\n<tr>");
    th(r, _("Ward"), " rowspan=\"2\" scope=\"col\"");
    th(r, r->form->item_label, " rowspan=\"2\" scope=\"col\"");
    for (size_t c = 0; c < ns; c++)
        th(r, stage_label(r, c), " colspan=\"3\" scope=\"colgroup\"");
    if (rf)
        strbuf_addf(r->out, "<th colspan=\"%zu\" scope=\"colgroup\">", rf->n_choices + 1);
    if (rf) {
        esc(r, rf->label);
        strbuf_addstr(r->out, "</th>");
    }
    th(r, _("With errors"), " rowspan=\"2\" scope=\"col\"");
    strbuf_addstr(r->out, "</tr>\n<tr>");
    for (size_t c = 0; c < ns; c++) {
        th(r, _("complete"), " scope=\"col\"");
        th(r, _("not complete"), " scope=\"col\"");
        th(r, _("complete with problems"), " scope=\"col\"");
    }
    for (size_t k = 0; rf && k <= rf->n_choices; k++)
        th(r, k < rf->n_choices ? rf->choices[k].label : _("not chosen"), " scope=\"col\"");
    strbuf_addstr(r->out, "</tr>\n</thead>\n");
}

static void ward_line(struct report *r, const char *ward, const size_t *rows, size_t n)
{
    struct overview_counts c;
    overview_count(r->ov, rows, n, &c);
    strbuf_addstr(r->out, "<tr><th scope=\"row\">");
    esc(r, ward);
    strbuf_addstr(r->out, "</th>");
    td_num(r, c.rows);
    for (size_t col = 0; col < overview_n_stages(r->ov); col++) {
        td_num(r, c.complete[col]);
        td_num(r, c.rows - c.complete[col] - c.complete_problems[col]);
        td_num(r, c.complete_problems[col]);
    }
    for (size_t k = 0; result_field(r) && k <= c.n_results; k++)
        td_num(r, c.per_result[k]);
    td_num(r, c.with_errors);
    strbuf_addstr(r->out, "</tr>\n");
    overview_counts_free(&c);
}

static void ward_table(struct report *r, const size_t *rows, size_t n,
                       const char **wards, size_t n_wards, size_t *buf)
{
    strbuf_addstr(r->out, "<table class=\"wards\">\n<caption>");
    esc(r, _("Stages and results by ward"));
    strbuf_addstr(r->out, "</caption>\n");
    ward_table_head(r);
    strbuf_addstr(r->out, "<tbody>\n");
    for (size_t w = 0; w < n_wards; w++)
        ward_line(r, wards[w], buf, select_ward(r, rows, n, wards[w], buf));
    if (n_wards == 0)
        none_row(r, 3 + 3 * overview_n_stages(r->ov)
                    + (result_field(r) ? result_field(r)->n_choices + 1 : 0));
    strbuf_addstr(r->out, "</tbody>\n</table>\n");
}

/* ---- the chart ---- */

/* Choice k's look: solid dark, hatched, dotted...; "not chosen" is an outline. */
static const char *bar_fill(size_t k, size_t n_choices)
{
    static const char *const fills[] = { "#333", "url(#hatch)", "url(#dots)", "#999" };
    if (k == n_choices)
        return "#fff";
    return fills[k % ARRAY_LEN(fills)];
}

static void chart_defs(struct report *r)
{
    strbuf_addstr(r->out,
        "<defs>\n"
        "<pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
        "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/>"
        "<rect width=\"3\" height=\"6\" fill=\"#555\"/></pattern>\n"
        "<pattern id=\"dots\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">"
        "<rect width=\"5\" height=\"5\" fill=\"#fff\"/>"
        "<circle cx=\"2.5\" cy=\"2.5\" r=\"1.5\" fill=\"#333\"/></pattern>\n"
        "</defs>\n");
}

static void chart_bar(struct report *r, size_t k, size_t n_choices, size_t value, size_t max,
                      size_t y)
{
    const struct form_field *rf = result_field(r);
    const char *label = k < n_choices ? rf->choices[k].label : _("not chosen");
    size_t w = max ? value * BAR_MAX / max : 0;
    strbuf_addf(r->out, "<rect x=\"%d\" y=\"%zu\" width=\"%zu\" height=\"%d\" fill=\"%s\" "
                        "stroke=\"#000\"/>", LABEL_W, y, w, BAR_H - 3, bar_fill(k, n_choices));
    strbuf_addf(r->out, "<text x=\"%zu\" y=\"%zu\">", LABEL_W + w + 6, y + BAR_H - 5);
    esc(r, label);
    strbuf_addf(r->out, " %zu</text>\n", value);
}

/* The same numbers in words, for a screen reader. */
static void chart_desc(struct report *r, const char **wards, size_t n_wards,
                       const struct overview_counts *c)
{
    const struct form_field *rf = result_field(r);
    strbuf_addstr(r->out, "<desc>");
    for (size_t w = 0; w < n_wards; w++) {
        esc(r, wards[w]);
        strbuf_addstr(r->out, ":");
        for (size_t k = 0; k <= rf->n_choices; k++) {
            strbuf_addch(r->out, ' ');
            esc(r, k < rf->n_choices ? rf->choices[k].label : _("not chosen"));
            strbuf_addf(r->out, " %zu%s", c[w].per_result[k], k < rf->n_choices ? "," : ".");
        }
        strbuf_addch(r->out, w + 1 < n_wards ? ' ' : '\n');
    }
    strbuf_addstr(r->out, "</desc>\n");
}

static void chart(struct report *r, const size_t *rows, size_t n, const char **wards,
                  size_t n_wards, size_t *buf)
{
    const struct form_field *rf = result_field(r);
    if (!rf || n_wards == 0)
        return;
    struct overview_counts *c = xcalloc(n_wards, sizeof *c);
    size_t max = 0, per_ward = rf->n_choices + 1;
    for (size_t w = 0; w < n_wards; w++) {
        overview_count(r->ov, buf, select_ward(r, rows, n, wards[w], buf), &c[w]);
        for (size_t k = 0; k < per_ward; k++)
            max = c[w].per_result[k] > max ? c[w].per_result[k] : max;
    }
    size_t height = n_wards * (per_ward * BAR_H + 10) + 4;
    strbuf_addstr(r->out, "<figure>\n");
    /* the <title> names the chart and the <desc> says its numbers (SVG-AAM) */
    strbuf_addf(r->out, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" "
                        "height=\"%zu\" viewBox=\"0 0 %d %zu\">\n<title>",
                LABEL_W + BAR_MAX + 170, height, LABEL_W + BAR_MAX + 170, height);
    esc(r, rf->label);
    strbuf_addstr(r->out, "</title>\n");
    chart_desc(r, wards, n_wards, c);
    chart_defs(r);
    for (size_t w = 0, y = 2; w < n_wards; w++, y += 10) {
        strbuf_addf(r->out, "<text x=\"0\" y=\"%zu\">", y + BAR_H - 5);
        esc(r, wards[w]);
        strbuf_addstr(r->out, "</text>\n");
        for (size_t k = 0; k < per_ward; k++, y += BAR_H)
            chart_bar(r, k, rf->n_choices, c[w].per_result[k], max, y);
        overview_counts_free(&c[w]);
    }
    strbuf_addstr(r->out, "</svg>\n<figcaption>");
    esc(r, rf->label);
    strbuf_addstr(r->out, " (");
    esc(r, _("per ward; each bar is labelled with its count"));
    strbuf_addstr(r->out, ")</figcaption>\n</figure>\n");
    free(c);
}

/* ---- the items a result requires more of (目標未達成 and its 課題と改善策) ---- */

/* Fields required when the result is choice k, into req (caller sizes it n_fields). */
static size_t required_by(const struct report *r, size_t k, int *req)
{
    const struct form *f = r->form;
    size_t n = 0;
    for (size_t i = 0; i < f->n_fields; i++)
        if (form_required_by_choice(&f->fields[i], f->result_field, (int)k))
            req[n++] = (int)i;
    return n;
}

static void item_cells(struct report *r, const struct overview_row *ro)
{
    strbuf_addstr(r->out, "<tr>");
    td_text(r, ro->ward, "w");
    if (ro->number >= 0)
        td_num(r, (size_t)ro->number);
    else
        td_text(r, "?", "n");
    td_text(r, ro->title ? ro->title : "", NULL);
}

static void result_list(struct report *r, size_t k, const size_t *rows, size_t n, int *req)
{
    const struct form *f = r->form;
    size_t n_req = required_by(r, k, req), count = 0;
    if (n_req == 0)
        return;
    for (size_t i = 0; i < n; i++)
        count += overview_row(r->ov, rows[i])->result == (int)k;
    strbuf_addstr(r->out, "<table class=\"list\">\n<caption>");
    esc(r, result_field(r)->choices[k].label);
    strbuf_addf(r->out, " (%zu)</caption>\n<thead><tr>", count);
    th(r, _("Ward"), " scope=\"col\"");
    th(r, f->fields[f->key_field].label, " scope=\"col\"");
    th(r, f->title_field >= 0 ? f->fields[f->title_field].label : "", " scope=\"col\"");
    for (size_t j = 0; j < n_req; j++)
        th(r, f->fields[req[j]].label, " scope=\"col\"");
    strbuf_addstr(r->out, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const struct overview_row *ro = overview_row(r->ov, rows[i]);
        if (ro->result != (int)k)
            continue;
        const struct sheet *s = r->sheets[ro->sheet];
        item_cells(r, ro);
        for (size_t j = 0; j < n_req; j++)
            td_text(r, item_get(s, &s->items[ro->item], req[j]), "v");
        strbuf_addstr(r->out, "</tr>\n");
    }
    if (count == 0)
        none_row(r, 3 + n_req);
    strbuf_addstr(r->out, "</tbody>\n</table>\n");
}

static void result_lists(struct report *r, const size_t *rows, size_t n)
{
    const struct form_field *rf = result_field(r);
    int *req = xcalloc(r->form->n_fields + 1, sizeof *req);
    for (size_t k = 0; rf && k < rf->n_choices; k++)
        result_list(r, k, rows, n, req);
    free(req);
}

/* ---- rule problems ---- */

static void problem_line(struct report *r, const struct sheet *s, const struct problem *p)
{
    const struct form *f = s->form;
    strbuf_addstr(r->out, "<tr>");
    td_text(r, header_or_empty(s, "Ward"), "w");
    if (p->item >= 0) {
        long no = item_number(s, &s->items[p->item]);
        strbuf_reset(&r->scratch);
        strbuf_addstr(&r->scratch, f->item_label);
        if (no >= 0)
            strbuf_addf(&r->scratch, " %ld", no);
        td_text(r, strbuf_cstr(&r->scratch), NULL);
    } else {
        td_text(r, _("Sheet"), NULL);
    }
    td_text(r, p->field >= 0 ? f->fields[p->field].label : p->name ? p->name : "", NULL);
    strbuf_reset(&r->scratch);
    problem_message(s, p, &r->scratch);
    td_text(r, strbuf_cstr(&r->scratch), NULL);
    strbuf_addstr(r->out, "</tr>\n");
}

static size_t sheet_problems(struct report *r, size_t sheet)
{
    const struct sheet *s = r->sheets[sheet];
    struct problem_list pl = { NULL, 0, 0 };
    rules_check_all(s, &pl);
    size_t n = 0;
    for (size_t i = 0; i < pl.n; i++)
        if (pl.v[i].severity == SEV_ERROR) {
            n++;
            problem_line(r, s, &pl.v[i]);
        }
    problems_free(&pl);
    return n;
}

static void problem_list(struct report *r, const size_t *sheets, size_t n_sheets)
{
    /* the lines first (one rules pass per sheet), then the caption with their count */
    struct strbuf lines = STRBUF_INIT, *out = r->out;
    size_t total = 0;
    r->out = &lines;
    for (size_t i = 0; i < n_sheets; i++)
        total += sheet_problems(r, sheets[i]);
    if (total == 0)
        none_row(r, 4);
    r->out = out;
    strbuf_addstr(r->out, "<table class=\"list\">\n<caption>");
    esc(r, _("Rule problems"));
    strbuf_addf(r->out, " (%zu)</caption>\n<thead><tr>", total);
    th(r, _("Ward"), " scope=\"col\"");
    th(r, r->form->item_label, " scope=\"col\"");
    th(r, _("Field"), " scope=\"col\"");
    th(r, _("Problem"), " scope=\"col\"");
    strbuf_addstr(r->out, "</tr></thead>\n<tbody>\n");
    strbuf_add(r->out, lines.buf, lines.len);
    strbuf_addstr(r->out, "</tbody>\n</table>\n");
    strbuf_release(&lines);
}

/* ---- a year ---- */

static void year_section(struct report *r, const size_t *sheets, size_t n_sheets)
{
    size_t *rows = xcalloc(r->n_rows + 1, sizeof *rows), *buf = xcalloc(r->n_rows + 1,
                                                                          sizeof *buf);
    size_t n = select_rows(r, sheets, n_sheets, rows);
    const char **wards = xcalloc(n + 1, sizeof *wards);
    size_t n_wards = wards_of(r, rows, n, wards);
    strbuf_addstr(r->out, "<section class=\"year\">\n<h2>");
    export_html_year(r->sheets[sheets[0]], r->out);
    strbuf_addf(r->out, "</h2>\n<p>");
    esc(r, r->form->item_label);
    strbuf_addf(r->out, ": %zu / ", n);
    esc(r, _("Ward"));
    strbuf_addf(r->out, ": %zu</p>\n", n_wards);
    ward_table(r, rows, n, wards, n_wards, buf);
    chart(r, rows, n, wards, n_wards, buf);
    result_lists(r, rows, n);
    problem_list(r, sheets, n_sheets);
    strbuf_addstr(r->out, "</section>\n");
    free(wards);
    free(buf);
    free(rows);
}

static void heading(struct report *r, size_t n_sheets)
{
    strbuf_addstr(r->out, "<h1>");
    esc(r, export_html_title(r->sheets[0]));
    strbuf_addstr(r->out, " ");
    esc(r, _("summary report"));
    strbuf_addf(r->out, "</h1>\n<p>");
    esc(r, _("Sheets"));
    strbuf_addf(r->out, ": %zu</p>\n", n_sheets);
}

int summary_html(struct sheet *const *sheets, size_t n, struct strbuf *out, struct error *e)
{
    struct overview *ov = overview_build(sheets, n, e);
    if (!ov)
        return -1;
    struct report r = { ov, overview_form(ov), sheets, NULL, 0, out, STRBUF_INIT };
    struct overview_filter all = OVERVIEW_FILTER_ALL;
    r.n_rows = overview_select(ov, &all, OVERVIEW_SORT_NUMBER, &r.rows);
    /* lang follows the report's own words: the language of the messages */
    html_begin(out, i18n_is_japanese() ? "ja" : "en", n ? export_html_title(sheets[0]) : "", css);
    size_t *order = xcalloc(n + 1, sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    sort_by_year(sheets, order, n);
    if (n)
        heading(&r, n);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && year_of(sheets[order[i]]) == year_of(sheets[order[j]]))
            j++;
        year_section(&r, order + i, j - i);
        i = j;
    }
    html_end(out);
    free(order);
    free(r.rows);
    strbuf_release(&r.scratch);
    overview_free(ov);
    return 0;
}
