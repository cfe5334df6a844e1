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
 * Exit 0 (problems in the sheets are shown, not an exit status); 1 when
 * some sheets could not be read or parsed (each is named with its error
 * on stderr, the others make the table); 2 on a usage error or when no
 * sheet could be read.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "csv.h"
#include "encoding.h"
#include "export_csv.h"
#include "i18n.h"
#include "outfile.h"
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
    const char *fields;         /* --fields KEY,...: text columns added at the end */
    bool cp932;                 /* --encoding cp932 */
    bool result_needing_more;   /* --not-achieved: the result that asks for more (form.h) */
};

/*
 * CP932 output is converted at the end, all at once: a character it cannot
 * hold then stops the command before anything is written.
 */
static bool hold_output;

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
    /* Values from the files may start a formula: csv_add_value neutralises them. */
    if (from_file)
        csv_add_value(out, s, strlen(s), true);
    else
        csv_add_cell(out, s, strlen(s), true);
    strbuf_addstr(out, last ? "\r\n" : ",");
}

/* ---- the table ---------------------------------------------------------------- */

/* Columns: ward, number, [title], a state per stage, [result], errors. */
enum col_kind { COL_WARD, COL_NUMBER, COL_TITLE, COL_STAGE, COL_RESULT, COL_ERRORS, COL_FIELD };

struct table {
    const struct overview *ov;
    const struct form *form;
    bool csv;
    enum col_kind *kind;        /* per column */
    size_t *stage;              /* per column: its stage column, for COL_STAGE */
    int *field;                 /* per column: its form field, for COL_FIELD */
    struct sheet *const *sheets;
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

static bool name_is(const char *s, const char *p, size_t len)
{
    return strlen(s) == len && strncmp(s, p, len) == 0;
}

/*
 * The text field p[0..len) names: its key, its column header in export
 * (年度評価/課題と改善策 where two fields share a label), or its label when
 * no other text field has it.  -1 when none (or the label is shared).
 */
static int text_field_named(const struct form *f, const char *p, size_t len)
{
    int by_label = -1, n_label = 0;
    struct strbuf h = STRBUF_INIT;
    for (size_t i = 0; i < f->n_fields; i++) {
        const struct form_field *fld = &f->fields[i];
        if (fld->kind != FIELD_TEXT && fld->kind != FIELD_LINE)
            continue;
        strbuf_reset(&h);
        export_csv_field_header(f, (int)i, &h);
        if (name_is(fld->key, p, len) || name_is(strbuf_cstr(&h), p, len)) {
            strbuf_release(&h);
            return (int)i;
        }
        if (name_is(fld->label, p, len)) {
            by_label = (int)i;
            n_label++;
        }
    }
    strbuf_release(&h);
    return n_label == 1 ? by_label : -1;
}

/*
 * --fields End_Issues,年度評価/課題と改善策,...: text fields by key or label, as
 * columns after the others.  False (with a message) on a name that is no
 * text field of the form.
 */
static bool table_add_fields(struct table *t, const char *list)
{
    const struct form *f = t->form;
    size_t n = 1;
    for (const char *p = list; *p; p++)
        n += *p == ',';
    t->kind = xrealloc(t->kind, (t->n_cols + n) * sizeof(*t->kind));
    t->stage = xrealloc(t->stage, (t->n_cols + n) * sizeof(*t->stage));
    t->field = xcalloc(t->n_cols + n, sizeof(*t->field));
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        int fi = text_field_named(f, p, len);
        if (fi < 0) {
            cmd_printf_sanitized(stderr, _("torikumi: summary: --fields: \"%.*s\" is not one "
                                           "text field of the form %s (a key, a label, or "
                                           "中間振り返り/課題と改善策 when two share a label)\n"),
                                 (int)len, p, f->id);
            return false;
        }
        t->field[t->n_cols] = fi;
        t->kind[t->n_cols++] = COL_FIELD;
        p += len + (p[len] == ',');
    }
    return true;
}

static void table_free(struct table *t)
{
    free(t->field);
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
    case COL_FIELD: return f->fields[t->field[col]].label;
    }
    return "";
}

/* A text field's value: whole in CSV (line breaks kept), on one line in text. */
static void field_cell(struct table *t, const struct overview_row *r, int f)
{
    const struct sheet *s = t->sheets[r->sheet];
    const char *v = item_get(s, &s->items[r->item], f);
    if (!v)
        return;
    if (t->csv) {
        utf8_sanitize(v, strlen(v), true, &t->cell);
        return;
    }
    struct strbuf line = STRBUF_INIT;
    for (const char *p = v; *p; p++)
        strbuf_addch(&line, *p == '\n' || *p == '\t' ? ' ' : *p);
    utf8_sanitize(strbuf_cstr(&line), line.len, false, &t->cell);
    strbuf_release(&line);
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
    case COL_FIELD:
        field_cell(t, r, t->field[col]);
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
    if (hold_output && !force)
        return;
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
        if ((t->kind[col] == COL_TITLE || t->kind[col] == COL_FIELD) && t->width[col] > TITLE_MAX)
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
            bool from_file = t->kind[col] == COL_WARD || t->kind[col] == COL_TITLE ||
                             t->kind[col] == COL_FIELD;
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
    fprintf(to, _("         [--fields FIELD,...] [--encoding utf-8-bom|utf-8|cp932]\n"
                  "--fields adds text fields (key or label) as columns; --encoding as export.\n"));
}

/* Turn --result / --not-achieved / --incomplete into the filter; false on a bad name. */
static bool resolve_filter(const struct overview *ov, struct summary_opts *o)
{
    if (o->result_needing_more) {
        o->filter.result = overview_form(ov) ? form_result_needing_more(overview_form(ov)) : -1;
        if (o->filter.result < 0) {
            fprintf(stderr, _("torikumi: summary: --not-achieved: no result of this form asks "
                              "for more fields\n"));
            return false;
        }
    }
    if (o->result) {
        o->filter.result = overview_result_choice(ov, o->result);
        if (o->filter.result < 0) {
            cmd_printf_sanitized(stderr, _("torikumi: summary: the result has no choice '%s'\n"), o->result);
            return false;
        }
    }
    if (o->incomplete) {
        o->filter.incomplete_stage = overview_stage_by_name(ov, o->incomplete);
        if (o->filter.incomplete_stage < 0) {
            struct strbuf msg = STRBUF_INIT;
            strbuf_addf(&msg, _("torikumi: summary: no stage '%s' with a complete mark; one of:"),
                        o->incomplete);
            for (size_t c = 0; c < overview_n_stages(ov); c++)
                strbuf_addf(&msg, " %s", overview_form(ov)->stages[overview_stage(ov, c)].id);
            cmd_print_sanitized(stderr, strbuf_cstr(&msg));
            strbuf_release(&msg);
            return false;
        }
    }
    return true;
}

/* The whole output in CP932, or -1 naming the line of the table it cannot write. */
static int to_cp932(struct strbuf *out)
{
    struct error e;
    struct encoding_encoder *enc = encoding_encoder_new(&e);
    struct strbuf conv = STRBUF_INIT;
    int rc = enc ? encoding_to_cp932(enc, strbuf_cstr(out), out->len, &conv, &e) : -1;
    if (rc < 0)
        cmd_printf_sanitized(stderr, _("torikumi: summary: --encoding cp932: line %ld of the output: %s\n"),
                             e.line, e.msg);
    else {
        strbuf_release(out);
        *out = conv;
    }
    encoding_encoder_free(enc);
    if (rc < 0)
        strbuf_release(&conv);
    return rc;
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
    t.sheets = sheets;
    if (o->fields && !table_add_fields(&t, o->fields)) {
        table_free(&t);
        free(rows);
        overview_free(ov);
        return EXIT_TROUBLE;
    }
    hold_output = o->cp932;
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
    int rc = o->cp932 && to_cp932(&out) < 0 ? EXIT_PROBLEMS : EXIT_OK;
    if (rc == EXIT_OK)
        flush(&out, true);
    strbuf_release(&out);
    table_free(&t);
    free(rows);
    overview_free(ov);
    if (rc != EXIT_OK)
        return rc;
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_TROUBLE;
}

/* --encoding, as export takes it: utf-8-bom (the BOM), utf-8, cp932. */
static bool summary_encoding(const char *name, struct summary_opts *o)
{
    enum export_encoding enc;
    struct error e;
    if (export_encoding_parse(name, &enc, &e) < 0) {
        cmd_printf_sanitized(stderr, "torikumi: summary: --encoding: %s", e.msg);
        return false;
    }
    o->bom = enc == EXPORT_UTF8_BOM;
    o->cp932 = enc == EXPORT_CP932;
    return true;
}

static int parse_options(int argc, char **argv, struct summary_opts *o, struct form **form)
{
    static const struct option opts[] = {
        { "format", required_argument, NULL, 'F' },
        { "bom", no_argument, NULL, 'B' },
        { "output", required_argument, NULL, 'o' },
        { "encoding", required_argument, NULL, 'E' },
        { "fields", required_argument, NULL, 'L' },
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
    while ((c = getopt_long(argc, argv, "F:Bo:E:L:cpnr:i:s:f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'F':
            if (!str_eq(optarg, "text") && !str_eq(optarg, "csv") && !str_eq(optarg, "html"))
                goto bad;
            o->csv = str_eq(optarg, "csv");
            o->html = str_eq(optarg, "html");
            break;
        case 'o': o->out = optarg; break;
        case 'B': o->bom = true; break;
        case 'E':
            if (!summary_encoding(optarg, o))
                return EXIT_TROUBLE;
            break;
        case 'L': o->fields = optarg; break;
        case 'c': o->counts_only = true; break;
        case 'p': o->filter.problems_only = true; break;
        /* The kaikaku form's key; other forms say --result. */
        case 'n':       /* the last of --not-achieved and --result counts */
            o->result_needing_more = true;
            o->result = NULL;
            break;
        case 'r':
            o->result = optarg;
            o->result_needing_more = false;
            break;
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
                    || o->result_needing_more || o->incomplete;
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
    cmd_printf_sanitized(stderr, _("torikumi: summary: bad value '%s'\n"), optarg);
    summary_usage(stderr);
    return EXIT_TROUBLE;
}

/*
 * The same file named twice (a.rec a.rec, or through a link) would count
 * its items twice.  seen[0..n) are the files taken so far; path's is added.
 */
static bool named_before(const char *path, struct stat *seen, size_t n)
{
    struct stat st;
    if (stat(path, &st) < 0)
        return false;       /* loading it says why */
    for (size_t i = 0; i < n; i++)
        if (seen[i].st_dev == st.st_dev && seen[i].st_ino == st.st_ino && seen[i].st_nlink)
            return true;
    seen[n] = st;
    return false;
}

/* The paths given, each sheet once (a repeat is named on stderr); free the array. */
static char **distinct_paths(char **given, size_t count, size_t *n)
{
    char **paths = xcalloc(count ? count : 1, sizeof(*paths));
    struct stat *seen = xcalloc(count ? count : 1, sizeof(*seen));
    *n = 0;
    for (size_t i = 0; i < count; i++) {
        if (named_before(given[i], seen, *n)) {
            char *msg = xasprintf(_("torikumi: %s: the same sheet as one named before; counted "
                                    "once"), given[i]);
            cmd_print_sanitized(stderr, msg);
            free(msg);
            continue;
        }
        paths[(*n)++] = given[i];
    }
    free(seen);
    return paths;
}

int cmd_summary(int argc, char **argv)
{
    struct summary_opts o = { false, false, false, false, OVERVIEW_SORT_NUMBER,
                              OVERVIEW_FILTER_ALL, NULL, NULL, NULL, NULL, false, false };
    struct form *form = NULL;
    int rc = parse_options(argc, argv, &o, &form);
    if (rc >= 0) {
        form_free(form);
        return rc;
    }
    struct error e;
    for (int i = optind; i < argc; i++)
        if (outfile_refuse_input(o.out, argv[i], &e) < 0) {     /* never write over an input */
            cmd_print_error(&e);
            form_free(form);
            return EXIT_TROUBLE;
        }
    size_t n;
    char **paths = distinct_paths(argv + optind, (size_t)(argc - optind), &n);
    if (o.html) {
        rc = cmd_summary_html(paths, n, form, o.out);
    } else {
        /* A broken sheet is named and skipped: the others still make the table. */
        struct cmd_loaded l;
        struct sheet **sheets = cmd_load_readable(paths, n, form, NULL, &l);
        rc = l.n ? summarize(sheets, l.n, &o) : EXIT_TROUBLE;
        if (rc == EXIT_OK && l.skipped)
            rc = EXIT_PROBLEMS;
        cmd_loaded_free(sheets, &l);
    }
    free(paths);
    form_free(form);
    return rc;
}
