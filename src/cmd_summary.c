/*
 * cmd_summary.c - `torikumi summary [OPTION]... FILE...`: the initiatives
 * of several sheets in one table (ward, number, title, each stage's
 * state, the result, errors) and its counts, as aligned text or as CSV.
 *
 * Text columns are aligned by display width and titles cut by display
 * width between clusters.  Everything from the files goes through
 * utf8_sanitize(): no control character reaches the terminal or the CSV.
 * CSV is RFC 4180 (CRLF, quotes doubled) in UTF-8, with a header row;
 * --bom adds the byte order mark Excel needs to read UTF-8, and cells
 * from the files that start with = + - @ get a leading ' so that a
 * spreadsheet does not take them for formulas.
 *
 * --format html (cmd_html.c, summary_html.h) is the report with a chart.
 *
 * Exit 0 (problems in the sheets are shown, not an exit status); 2 on a
 * usage error or when a file cannot be read or parsed (no table then).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "overview.h"
#include "sheet.h"
#include "utf8.h"

#define TITLE_MAX 40        /* columns of the title column, at most */
#define CUT_MARK ".."       /* ASCII: a cut must not change the width it was cut to */

struct summary_opts {
    bool csv, bom, counts_only, html;
    enum overview_sort sort;
    struct overview_filter filter;
    const char *result, *incomplete;
    const char *out;            /* -o, for --format html */
};

/* ---- cells ---------------------------------------------------------------------- */

static void sanitize(const char *s, struct strbuf *out)
{
    strbuf_reset(out);
    if (s)
        utf8_sanitize(s, strlen(s), false, out);
}

/* Append s (already safe), cut to width columns between clusters, padded to width when pad. */
static void add_cell(struct strbuf *out, const char *s, size_t n, size_t width, bool pad)
{
    size_t w = utf8_str_width(s, n);
    if (w > width) {
        size_t mark = width >= 2 * strlen(CUT_MARK) ? strlen(CUT_MARK) : 0, used = 0, i = 0;
        while (i < n) {
            size_t end = utf8_cluster_end(s, n, i);
            size_t cw = utf8_str_width(s + i, end - i);
            if (used + cw + mark > width)
                break;
            used += cw;
            i = end;
        }
        strbuf_add(out, s, i);
        strbuf_add(out, CUT_MARK, mark);
        w = used + mark;
    } else
        strbuf_add(out, s, n);
    for (; pad && w < width; w++)
        strbuf_addch(out, ' ');
}

static void add_csv(struct strbuf *out, const char *s, bool from_file, bool last)
{
    bool quote = strpbrk(s, ",\"\r\n") != NULL || *s == ' ' ||
                 (*s && s[strlen(s) - 1] == ' ');
    bool guard = from_file && (*s == '=' || *s == '+' || *s == '-' || *s == '@');
    if (guard)
        quote = true;
    if (quote)
        strbuf_addch(out, '"');
    if (guard)
        strbuf_addch(out, '\'');
    for (; *s; s++) {
        if (*s == '"')
            strbuf_addch(out, '"');
        strbuf_addch(out, *s);
    }
    if (quote)
        strbuf_addch(out, '"');
    strbuf_addstr(out, last ? "\r\n" : ",");
}

/* ---- the table ---------------------------------------------------------------- */

/* Columns: ward, number, [title], a state per stage, [result], errors. */
enum col_kind { COL_WARD, COL_NUMBER, COL_TITLE, COL_STAGE, COL_RESULT, COL_ERRORS };

struct table {
    const struct overview *ov;
    const struct form *form;
    bool csv;
    enum col_kind *kind;        /* per column */
    size_t *stage;              /* per column: its stage column, for COL_STAGE */
    size_t n_cols;
    size_t *width;              /* text: columns of each column */
    struct strbuf cell;
};

/* A form without a title or result field gets no such column. */
static void table_init(struct table *t, const struct overview *ov, bool csv)
{
    memset(t, 0, sizeof(*t));
    t->ov = ov;
    t->form = overview_form(ov);
    t->csv = csv;
    size_t ns = overview_n_stages(ov), max = 5 + ns;
    t->kind = xcalloc(max, sizeof(*t->kind));
    t->stage = xcalloc(max, sizeof(*t->stage));
    t->kind[t->n_cols++] = COL_WARD;
    t->kind[t->n_cols++] = COL_NUMBER;
    if (t->form->title_field >= 0)
        t->kind[t->n_cols++] = COL_TITLE;
    for (size_t c = 0; c < ns; c++) {
        t->stage[t->n_cols] = c;
        t->kind[t->n_cols++] = COL_STAGE;
    }
    if (t->form->result_field >= 0)
        t->kind[t->n_cols++] = COL_RESULT;
    t->kind[t->n_cols++] = COL_ERRORS;
}

static void table_free(struct table *t)
{
    free(t->kind);
    free(t->stage);
    strbuf_release(&t->cell);
}

static const char *header(const struct table *t, size_t col)
{
    const struct form *f = t->form;
    switch (t->kind[col]) {
    case COL_WARD: return _("Ward");
    case COL_NUMBER: return f->fields[f->key_field].label;
    case COL_TITLE: return f->fields[f->title_field].label;
    case COL_STAGE: return f->stages[overview_stage(t->ov, t->stage[col])].label;
    case COL_RESULT: return f->fields[f->result_field].label;
    case COL_ERRORS: return _("Errors");
    }
    return "";
}

/* The text of cell col of row r, safe to print, in t->cell. */
static void cell(struct table *t, const struct overview_row *r, size_t col)
{
    strbuf_reset(&t->cell);
    switch (t->kind[col]) {
    case COL_WARD:
        sanitize(r->ward, &t->cell);
        break;
    case COL_NUMBER:
        if (r->number >= 0)
            strbuf_addf(&t->cell, "%ld", r->number);
        else
            strbuf_addch(&t->cell, '?');
        break;
    case COL_TITLE:
        sanitize(r->title, &t->cell);
        break;
    case COL_STAGE:
        sanitize(rules_stage_state_name((enum stage_state)r->states[t->stage[col]]), &t->cell);
        break;
    case COL_RESULT:
        sanitize(overview_result_label(t->ov, r), &t->cell);
        break;
    case COL_ERRORS:
        if (r->errors || t->csv)        /* text leaves 0 blank */
            strbuf_addf(&t->cell, "%zu", r->errors);
        break;
    }
}

static void text_row(struct table *t, const struct overview_row *r, struct strbuf *out)
{
    for (size_t col = 0; col < t->n_cols; col++) {
        bool last = col + 1 == t->n_cols;
        if (r)
            cell(t, r, col);
        else
            sanitize(header(t, col), &t->cell);
        size_t w = utf8_str_width(t->cell.buf, t->cell.len);
        bool number = t->kind[col] == COL_NUMBER;
        if (number)                                 /* numbers to the right */
            for (size_t k = w; k < t->width[col]; k++)
                strbuf_addch(out, ' ');
        add_cell(out, strbuf_cstr(&t->cell), t->cell.len, t->width[col], !last && !number);
        if (!last)
            strbuf_addstr(out, "  ");
    }
    while (out->len && out->buf[out->len - 1] == ' ')
        out->len--;
    strbuf_addch(out, '\n');
}

static void flush(struct strbuf *out, bool force)
{
    if (out->len >= 1 << 16 || (force && out->len)) {
        fwrite(out->buf, 1, out->len, stdout);
        strbuf_reset(out);
    }
}

static void print_text_table(struct table *t, const size_t *rows, size_t n, struct strbuf *out)
{
    t->width = xcalloc(t->n_cols, sizeof(size_t));
    for (size_t col = 0; col < t->n_cols; col++) {
        sanitize(header(t, col), &t->cell);
        t->width[col] = utf8_str_width(t->cell.buf, t->cell.len);
    }
    for (size_t i = 0; i < n; i++)
        for (size_t col = 0; col < t->n_cols; col++) {
            cell(t, overview_row(t->ov, rows[i]), col);
            size_t w = utf8_str_width(t->cell.buf, t->cell.len);
            if (w > t->width[col])
                t->width[col] = w;
        }
    for (size_t col = 0; col < t->n_cols; col++)
        if (t->kind[col] == COL_TITLE && t->width[col] > TITLE_MAX)
            t->width[col] = TITLE_MAX;
    text_row(t, NULL, out);
    for (size_t i = 0; i < n; i++) {
        text_row(t, overview_row(t->ov, rows[i]), out);
        flush(out, false);
    }
    free(t->width);
    t->width = NULL;
}

static void print_csv_table(struct table *t, const size_t *rows, size_t n, struct strbuf *out)
{
    for (size_t col = 0; col < t->n_cols; col++) {
        sanitize(header(t, col), &t->cell);
        add_csv(out, strbuf_cstr(&t->cell), false, col + 1 == t->n_cols);
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t col = 0; col < t->n_cols; col++) {
            cell(t, overview_row(t->ov, rows[i]), col);
            bool from_file = t->kind[col] == COL_WARD || t->kind[col] == COL_TITLE;
            add_csv(out, strbuf_cstr(&t->cell), from_file, col + 1 == t->n_cols);
        }
        flush(out, false);
    }
}

/* ---- the counts ----------------------------------------------------------------- */

/*
 * Text: one line per kind ("目標の達成: 目標達成 16, 目標未達成 7, 未選択 0").
 * CSV: one count per row ("目標の達成: 目標達成",16) under a header row.
 */
struct counts_out {
    struct strbuf *out;
    bool csv;
    bool first;                 /* text: no ", " before the first part of a line */
    struct strbuf name;
};

static void counts_line(struct counts_out *co, const char *what)
{
    sanitize(what, &co->name);                  /* labels come from form files */
    if (!co->csv)
        strbuf_addf(co->out, "%s%s:", co->first ? "" : "\n", strbuf_cstr(&co->name));
    co->first = false;
}

static void counts_part(struct counts_out *co, const char *part, size_t n, bool more)
{
    struct strbuf p = STRBUF_INIT;
    sanitize(part, &p);
    if (co->csv) {
        struct strbuf cellname = STRBUF_INIT;
        strbuf_addstr(&cellname, strbuf_cstr(&co->name));
        if (part)
            strbuf_addf(&cellname, ": %s", p.buf);
        add_csv(co->out, cellname.buf, false, false);
        strbuf_addf(co->out, "%zu\r\n", n);
        strbuf_release(&cellname);
    } else
        strbuf_addf(co->out, " %s%s%zu%s", strbuf_cstr(&p), part ? " " : "", n, more ? "," : "");
    strbuf_release(&p);
}

static void print_counts(const struct table *t, const size_t *rows, size_t n, bool csv,
                         struct strbuf *out)
{
    struct overview_counts c;
    overview_count(t->ov, rows, n, &c);
    const struct form *f = t->form;
    size_t ns = overview_n_stages(t->ov);
    struct counts_out co = { out, csv, true, STRBUF_INIT };
    if (csv) {
        add_csv(out, _("What"), false, false);
        add_csv(out, _("Count"), false, true);
    }
    counts_line(&co, f->item_label);
    counts_part(&co, NULL, c.rows, false);
    if (f->result_field >= 0) {
        const struct form_field *rf = &f->fields[f->result_field];
        counts_line(&co, rf->label);
        for (size_t k = 0; k <= c.n_results; k++)
            counts_part(&co, k < c.n_results ? rf->choices[k].label : _("not chosen"),
                        c.per_result[k], k < c.n_results);
    }
    if (ns) {
        counts_line(&co, rules_stage_state_name(STAGE_COMPLETE));
        for (size_t col = 0; col < ns; col++)
            counts_part(&co, f->stages[overview_stage(t->ov, col)].label, c.complete[col],
                        col + 1 < ns);
        counts_line(&co, rules_stage_state_name(STAGE_COMPLETE_PROBLEMS));
        for (size_t col = 0; col < ns; col++)
            counts_part(&co, f->stages[overview_stage(t->ov, col)].label,
                        c.complete_problems[col], col + 1 < ns);
    }
    counts_line(&co, _("With errors"));
    counts_part(&co, NULL, c.with_errors, false);
    if (!csv)
        strbuf_addch(out, '\n');
    strbuf_release(&co.name);
    overview_counts_free(&c);
}

/* ---- the command ---------------------------------------------------------------- */

static void summary_usage(FILE *to)
{
    fprintf(to, _("usage: torikumi summary [--format text|csv] [--bom] [--counts] [--problems]\n"
                  "         [--not-achieved] [--result CHOICE] [--incomplete STAGE]\n"
                  "         [--sort no|state] [--form FORMFILE] FILE...\n"
                  "The initiatives of several sheets in one table, and their counts.\n"));
    fprintf(to, _("   or: torikumi summary --format html [-o OUT.html] [--form FORMFILE] FILE...\n"
                  "The report per ward and year, with a chart, as one HTML file.\n"));
}

/* Turn --result / --not-achieved / --incomplete into the filter; false on a bad name. */
static bool resolve_filter(const struct overview *ov, struct summary_opts *o)
{
    if (o->result) {
        o->filter.result = overview_result_choice(ov, o->result);
        if (o->filter.result < 0) {
            fprintf(stderr, _("torikumi: summary: the result has no choice '%s'\n"), o->result);
            return false;
        }
    }
    if (o->incomplete) {
        o->filter.incomplete_stage = overview_stage_by_name(ov, o->incomplete);
        if (o->filter.incomplete_stage < 0) {
            fprintf(stderr, _("torikumi: summary: no stage '%s' with a complete mark; one of:"),
                    o->incomplete);
            for (size_t c = 0; c < overview_n_stages(ov); c++)
                fprintf(stderr, " %s", overview_form(ov)->stages[overview_stage(ov, c)].id);
            fputc('\n', stderr);
            return false;
        }
    }
    return true;
}

static int summarize(struct sheet **sheets, size_t n, struct summary_opts *o)
{
    struct error e;
    struct overview *ov = overview_build(sheets, n, &e);
    if (!ov) {
        cmd_print_error(&e);
        return EXIT_TROUBLE;
    }
    if (!resolve_filter(ov, o)) {
        overview_free(ov);
        return EXIT_TROUBLE;
    }
    size_t *rows;
    size_t n_rows = overview_select(ov, &o->filter, o->sort, &rows);
    struct table t;
    table_init(&t, ov, o->csv);
    struct strbuf out = STRBUF_INIT;
    if (o->csv && o->bom)
        strbuf_addstr(&out, "\xEF\xBB\xBF");
    if (!o->counts_only) {
        if (o->csv)
            print_csv_table(&t, rows, n_rows, &out);
        else {
            print_text_table(&t, rows, n_rows, &out);
            strbuf_addch(&out, '\n');
        }
    }
    if (o->counts_only || !o->csv)
        print_counts(&t, rows, n_rows, o->csv, &out);
    flush(&out, true);
    strbuf_release(&out);
    table_free(&t);
    free(rows);
    overview_free(ov);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_TROUBLE;
}

static int parse_options(int argc, char **argv, struct summary_opts *o, struct form **form)
{
    static const struct option opts[] = {
        { "format", required_argument, NULL, 'F' },
        { "bom", no_argument, NULL, 'B' },
        { "output", required_argument, NULL, 'o' },
        { "counts", no_argument, NULL, 'c' },
        { "problems", no_argument, NULL, 'p' },
        { "not-achieved", no_argument, NULL, 'n' },
        { "result", required_argument, NULL, 'r' },
        { "incomplete", required_argument, NULL, 'i' },
        { "sort", required_argument, NULL, 's' },
        { "form", required_argument, NULL, 'f' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, "F:Bo:cpnr:i:s:f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'F':
            if (!str_eq(optarg, "text") && !str_eq(optarg, "csv") && !str_eq(optarg, "html"))
                goto bad;
            o->csv = str_eq(optarg, "csv");
            o->html = str_eq(optarg, "html");
            break;
        case 'o': o->out = optarg; break;
        case 'B': o->bom = true; break;
        case 'c': o->counts_only = true; break;
        case 'p': o->filter.problems_only = true; break;
        /* The kaikaku form's key; other forms say --result. */
        case 'n': o->result = "not_achieved"; break;
        case 'r': o->result = optarg; break;
        case 'i': o->incomplete = optarg; break;
        case 's':
            if (!str_eq(optarg, "no") && !str_eq(optarg, "state"))
                goto bad;
            o->sort = str_eq(optarg, "state") ? OVERVIEW_SORT_STATE : OVERVIEW_SORT_NUMBER;
            break;
        case 'f':
            form_free(*form);
            *form = cmd_load_form_option(optarg);
            break;
        case 'h':
            summary_usage(stdout);
            return EXIT_OK;
        default:
            summary_usage(stderr);
            return EXIT_TROUBLE;
        }
    }
    bool filtered = o->bom || o->counts_only || o->filter.problems_only || o->result
                    || o->incomplete;
    if (o->html && filtered)
        fprintf(stderr, _("torikumi: summary: --format html is the whole report: it takes no "
                          "--problems, --not-achieved, --result, --incomplete, --counts or --bom\n"));
    else if (o->out && !o->html)
        fprintf(stderr, _("torikumi: summary: -o is for --format html\n"));
    if (optind >= argc || (o->out && !o->html) || (o->html && filtered)) {
        summary_usage(stderr);
        return EXIT_TROUBLE;
    }
    return -1;
bad:
    fprintf(stderr, _("torikumi: summary: bad value '%s'\n"), optarg);
    summary_usage(stderr);
    return EXIT_TROUBLE;
}

int cmd_summary(int argc, char **argv)
{
    struct summary_opts o = { false, false, false, false, OVERVIEW_SORT_NUMBER,
                              OVERVIEW_FILTER_ALL, NULL, NULL, NULL };
    struct form *form = NULL;
    int rc = parse_options(argc, argv, &o, &form);
    if (rc >= 0) {
        form_free(form);
        return rc;
    }
    size_t n = (size_t)(argc - optind);
    if (o.html) {
        rc = cmd_summary_html(argv + optind, n, form, o.out);
        form_free(form);
        return rc;
    }
    struct sheet **sheets = xcalloc(n, sizeof(*sheets));
    rc = EXIT_OK;
    for (size_t i = 0; i < n; i++) {
        struct error e;
        sheets[i] = sheet_load_readonly(argv[optind + (int)i], form, &e);
        if (!sheets[i]) {
            cmd_print_error(&e);
            rc = EXIT_TROUBLE;
        }
    }
    if (rc == EXIT_OK)
        rc = summarize(sheets, n, &o);
    for (size_t i = 0; i < n; i++)
        sheet_free(sheets[i]);
    free(sheets);
    form_free(form);
    return rc;
}
