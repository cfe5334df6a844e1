/*
 * import_sheet.c - the "sheet" text layout reader (see import_sheet.h):
 * the public entry points, and the lines of the document: what comes
 * before the first item, "取組項目 N", the 【title】 (up to four lines),
 * the subtitle, then body rows, which import_sheet_body.c reads.
 */
#include "import_sheet.h"
#include "import_sheet_impl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "utf8.h"

#define MAX_TITLE_LINES 4
#define MAX_WARNINGS 10000
#define MAX_ITEMS 100000
#define MAX_ITEM_DIGITS 9

/* ---- output ---- */

void import_warn(struct parser *p, long line, long column, const char *fmt, ...)
                 {
                 struct import_sheet *o = p->out;
    if (o->n_warnings > MAX_WARNINGS)
        return;
    xgrow((void **)&o->warnings, &o->cap_warnings, o->n_warnings + 1, sizeof *o->warnings);
    struct import_warning *w = &o->warnings[o->n_warnings++];
    struct strbuf sb = STRBUF_INIT;
    if (o->n_warnings > MAX_WARNINGS) {
        strbuf_addf(&sb, _("more than %d warnings; the rest are not shown"), MAX_WARNINGS);
    } else {
        va_list ap;
        va_start(ap, fmt);
        strbuf_vaddf(&sb, fmt, ap);
        va_end(ap);
    }
    w->item = p->item ? p->item->no : 0;
    w->line = line;
    w->column = column;
    w->msg = strbuf_detach(&sb, NULL);
}

void import_acc_add(struct acc *a, const char *s, size_t n, long line, long column)
{
    if (n == 0)
        return;
    if (a->sb.len == 0) {
        a->line = line;
        a->column = column;
    } else {
        strbuf_addch(&a->sb, '\n');
    }
    strbuf_add(&a->sb, s, n);
}

static void acc_take(struct acc *a, struct import_value *v)
{
    if (a->sb.len == 0)
        return;
    v->line = a->line;
    v->column = a->column;
    v->text = strbuf_detach(&a->sb, &v->len);
}

static int finish_item(struct parser *p)
{
    if (!p->item)
        return 0;
    if (p->state == S_EXPECT_TITLE)
        return error_set(p->e, p->file, p->line, 0,
                         _("item %ld: expected its 【title】 after 取組項目 %ld (line %ld)"),
                         p->item->no, p->item->no, p->item->line);
    if (p->state == S_TITLE)
        return error_set(p->e, p->file, p->line, 0,
                         _("item %ld: expected 】 closing the title opened at line %ld"),
                         p->item->no, p->title_line);
    if (p->acc[IMPORT_TITLE].sb.len == 0)
        import_warn(p, p->title_line, 0, _("the title 【】 is empty"));
    import_body_finish(p);
    for (int f = 0; f < IMPORT_N_FIELDS; f++)
        acc_take(&p->acc[f], &p->item->values[f]);
    p->item = NULL;
    return 0;
}

static int start_item(struct parser *p, long no)
{
    if (finish_item(p) < 0)
        return -1;
    struct import_sheet *o = p->out;
    if (o->n_items >= MAX_ITEMS)
        return error_set(p->e, p->file, p->line, 1, _("expected at most %d items"), MAX_ITEMS);
    xgrow((void **)&o->items, &o->cap_items, o->n_items + 1, sizeof *o->items);
    p->item = &o->items[o->n_items++];
    memset(p->item, 0, sizeof *p->item);
    p->item->no = no;
    p->item->line = p->line;
    for (int f = 0; f < IMPORT_N_FIELDS; f++)
        strbuf_reset(&p->acc[f].sb);
    import_body_start(p);
    p->title_lines = 0;
    p->state = S_EXPECT_TITLE;
    return 0;
}

static int by_number(const void *a, const void *b)
{
    const struct import_item *x = *(const struct import_item *const *)a;
    const struct import_item *y = *(const struct import_item *const *)b;
    if (x->no != y->no)
        return x->no < y->no ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* Each number once: sorted, not compared pairwise; the error names the first repeat. */
static int check_numbers(struct parser *p)
{
    struct import_sheet *o = p->out;
    const struct import_item **v = xmalloc(o->n_items * sizeof *v);
    for (size_t i = 0; i < o->n_items; i++)
        v[i] = &o->items[i];
    qsort(v, o->n_items, sizeof *v, by_number);
    const struct import_item *first = NULL, *again = NULL;
    for (size_t i = 1; i < o->n_items; i++)
        if (v[i]->no == v[i - 1]->no && (!again || v[i]->line < again->line)) {
            first = v[i - 1];
            again = v[i];
        }
    int rc = 0;
    if (again)
        rc = error_set(p->e, p->file, again->line, 1,
                       _("取組項目 %ld is already at line %ld: expected each number once"),
                       again->no, first->line);
    free(v);
    return rc;
}

/* "取組項目 N" alone on its line: 1 (and *no), 0 when not, -1 on a bad number. */
static int item_header(struct parser *p, const char *s, size_t n, long *no)
{
    static const char word[] = "取組項目";
    size_t a = 0, b = n, wl = sizeof word - 1;
    text_trim_line(s, &a, &b);
    if (b - a <= wl || memcmp(s + a, word, wl) != 0)
        return 0;
    size_t i = a + wl;
    text_skip_blanks(s, &i, b);
    long v = 0;
    int digits = 0;
    while (i < b) {
        int d = text_digit(s + i, b - i);
        if (d < 0)
            return 0;
        if (++digits > MAX_ITEM_DIGITS)
            return error_set(p->e, p->file, p->line, 1, _("item number too long: expected at most "
                               "%d digits"), MAX_ITEM_DIGITS);
        v = v * 10 + d;
        i += (unsigned char)s[i] < 0x80 ? 1 : 3;
    }
    if (digits == 0)
        return 0;
    if (v < 1)
        return error_set(p->e, p->file, p->line, 1, _("取組項目 %ld: expected a number of 1 or more"), v);
    *no = v;
    return 1;
}

/* Join a title or subtitle line: Japanese lines join with nothing. */
static void join_line(struct acc *a, const char *s, size_t n, long line, long column)
{
    if (n == 0)
        return;
    if (a->sb.len == 0) {
        a->line = line;
        a->column = column;
    } else if (text_is_alnum(a->sb.buf[a->sb.len - 1]) && text_is_alnum(s[0])) {
        strbuf_addch(&a->sb, ' ');
    }
    strbuf_add(&a->sb, s, n);
}

/* Tidy s[a..b) (column col) and join it to a one-line value. */
static void join_tidied(struct parser *p, struct acc *to, const char *s, size_t a, size_t b,
                        long col)
{
    text_tidy(&p->tidy, s + a, b - a, col);
    for (size_t k = 0; k < p->tidy.n_paras; k++) {
        const struct para *pa = &p->tidy.paras[k];
        join_line(to, pa->text, pa->len, p->line, pa->col[0]);
    }
}

static long column_at(const char *s, size_t off)
{
    return (long)utf8_count(s, off) + 1;
}

static int title_line(struct parser *p, const char *s, size_t n)
{
    size_t a = 0, b = n;
    text_trim_line(s, &a, &b);
    if (p->state == S_EXPECT_TITLE) {
        if (a == b)
            return 0;
        if (b - a < 3 || memcmp(s + a, "【", 3) != 0)
            return error_set(p->e, p->file, p->line, column_at(s, a),
                             _("item %ld: expected its 【title】"), p->item->no);
        a += 3;
        p->title_line = p->line;
        p->state = S_TITLE;
    } else if (a == b) {
        return error_set(p->e, p->file, p->line, 0,
                         _("item %ld: expected 】 closing the title opened at line %ld"),
                         p->item->no, p->title_line);
    }
    size_t close = text_find_last(s, a, b, "】");
    size_t end = close < b ? close : b;
    join_tidied(p, &p->acc[IMPORT_TITLE], s, a, end, column_at(s, a));
    if (close < b) {
        p->state = S_AFTER_TITLE;
        size_t r = close + 3;
        join_tidied(p, &p->acc[IMPORT_SUBTITLE], s, r, b, column_at(s, r));
    } else if (++p->title_lines >= MAX_TITLE_LINES) {
        return error_set(p->e, p->file, p->line, 0,
                         _("item %ld: expected 】 closing the title opened at line %ld"),
                         p->item->no, p->title_line);
    }
    return 0;
}

/* A line before the first item: part of the page heading that later pages repeat. */
static void remember_heading(struct parser *p, const char *s, size_t n)
{
    size_t a = 0, b = n;
    text_trim_line(s, &a, &b);
    if (p->n_heading < MAX_HEADING_LINES)
        strbuf_add(&p->heading[p->n_heading++], s + a, b - a);
}

static bool is_page_heading(const struct parser *p, const char *s, size_t n)
{
    size_t a = 0, b = n;
    text_trim_line(s, &a, &b);
    for (size_t i = 0; i < p->n_heading; i++)
        if (a < b && mem_eq(s + a, b - a, p->heading[i].buf, p->heading[i].len))
            return true;
    return false;
}

/*
 * "WARD　ERA年度（YYYY年度）" (the ward and its U+3000 optional), as
 * export_html_year() prints it under the title: sets ward and year.  The
 * ward is what comes before the last blank before the era.
 */
static bool ward_year_line(struct parser *p, const char *s, size_t n)
{
    static const char open[] = "（", close[] = "年度）", era_end[] = "年度", gap[] = "　";
    size_t a = 0, b = n, lo = sizeof open - 1, lc = sizeof close - 1, le = sizeof era_end - 1;
    text_trim_line(s, &a, &b);
    if (b - a < lc || memcmp(s + b - lc, close, lc) != 0)
        return false;
    size_t o = text_find_last(s, a, b - lc, open);
    if (o == b - lc || o - a < le || memcmp(s + o - le, era_end, le) != 0)
        return false;
    long year = 0;
    int digits = 0;
    for (size_t i = o + lo; i < b - lc; i += (unsigned char)s[i] < 0x80 ? 1 : 3) {
        int d = text_digit(s + i, b - lc - i);
        if (d < 0 || ++digits > 4)
            return false;
        year = year * 10 + d;
    }
    if (year < 1)
        return false;
    size_t g = text_find_last(s, a, o, gap), sp = text_find_last(s, a, o, " ");
    if (sp < o && (g == o || sp > g))
        g = sp;                 /* pdftotext gives U+3000 as a space */
    if (g < o) {
        size_t wa = a, wb = g;
        text_trim_line(s, &wa, &wb);
        if (wa < wb)
            p->out->ward = xstrndup(s + wa, wb - wa);
    }
    p->out->year = year;
    p->out->year_line = p->line;
    return true;
}

/* A line starting with the literal mark (after blanks): its text, mark and blanks off. */
static bool literal_line(const char *s, size_t n, size_t *a, size_t *b)
{
    static const char mark[] = IMPORT_SHEET_LITERAL;
    *a = 0;
    *b = n;
    text_trim_line(s, a, b);
    if (*b - *a < sizeof mark - 1 || memcmp(s + *a, mark, sizeof mark - 1) != 0)
        return false;
    *a += sizeof mark - 1;
    text_skip_blanks(s, a, *b);
    return true;
}

static int one_line(struct parser *p, const char *s, size_t n)
{
    long no = 0;
    int h;
    size_t la, lb;
    if ((p->state == S_AFTER_TITLE || p->state == S_BODY) && literal_line(s, n, &la, &lb)) {
        if (p->state == S_BODY)
            return import_body_literal(p, s + la, lb - la);
        join_line(&p->acc[IMPORT_SUBTITLE], s + la, lb - la, p->line, column_at(s, la));
        return 0;
    }
    if (p->state != S_TITLE && (h = item_header(p, s, n, &no)) != 0)
        return h < 0 ? -1 : start_item(p, no);
    if ((p->state == S_AFTER_TITLE || p->state == S_BODY) && is_page_heading(p, s, n))
        return 0;
    bool blank = text_is_blank(s, n);
    switch (p->state) {
    case S_BEFORE:
        if (blank)
            return 0;
        remember_heading(p, s, n);
        if (!p->out->title) {
            struct acc t = { STRBUF_INIT, 0, 0 };
            join_tidied(p, &t, s, 0, n, 1);
            p->out->title = strbuf_detach(&t.sb, NULL);
            p->out->title_line = p->line;
        } else if (p->n_heading == 2 && p->out->year == 0 && ward_year_line(p, s, n)) {
            return 0;
        } else {
            import_warn(p, p->line, 1, _("text before the first 取組項目 ignored"));
        }
        return 0;
    case S_EXPECT_TITLE:
    case S_TITLE:
        return title_line(p, s, n);
    case S_AFTER_TITLE:
        if (blank) {
            p->state = S_BODY;
            return 0;
        }
        if (!import_is_body_line(p, s, n)) {
            join_tidied(p, &p->acc[IMPORT_SUBTITLE], s, 0, n, 1);
            return 0;
        }
        p->state = S_BODY;
        return import_body_line(p, s, n);
    case S_BODY:
        if (blank || text_is_rule(s, n))
            return 0;
        return import_body_line(p, s, n);
    }
    return 0;
}

/* Refuse what no sheet can hold: invalid UTF-8, NUL, control characters. */
static int check_text(const char *s, size_t n, const char *file, struct error *e)
{
    long line = 1, col = 1;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (cp == UTF8_INVALID)
            return error_set(e, file, line, col, _("invalid UTF-8 (byte 0x%02X): expected UTF-8 text"),
                             (unsigned char)s[i]);
        if (cp == '\n') {
            line++;
            col = 1;
            i += k;
            continue;
        }
        if (cp == 0)
            return error_set(e, file, line, col, _("NUL byte: expected text"));
        if (utf8_is_control(cp) && cp != '\t' && cp != '\r' && cp != '\f' && cp != '\v')
            return error_set(e, file, line, col, _("control character U+%04X: expected text"),
                             (unsigned)cp);
        i += k;
        col++;
    }
    return 0;
}

static void parser_free(struct parser *p)
{
    for (int f = 0; f < IMPORT_N_FIELDS; f++)
        strbuf_release(&p->acc[f].sb);
    strbuf_release(&p->end_before.sb);
    strbuf_release(&p->end_after.sb);
    strbuf_release(&p->end_by_ctx[0].sb);
    strbuf_release(&p->end_by_ctx[1].sb);
    text_tidy_release(&p->tidy);
    for (size_t i = 0; i < p->n_heading; i++)
        strbuf_release(&p->heading[i]);
}

int import_sheet_parse(const char *text, size_t len, const char *file,
                       const struct import_sheet_vocab *vocab,
                       struct import_sheet *out, struct error *e)
{
    memset(out, 0, sizeof *out);
    error_clear(e);
    if (check_text(text, len, file, e) < 0)
        return -1;
    struct parser p;
    memset(&p, 0, sizeof p);
    p.v = vocab;
    p.file = file;
    p.e = e;
    p.out = out;
    p.stage = NO_STAGE;
    size_t pos = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    int rc = 0;
    while (rc == 0 && pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        p.line++;
        rc = one_line(&p, text + pos, end - pos);
        pos = end + 1;
    }
    if (rc == 0)
        rc = finish_item(&p);
    if (rc == 0)
        rc = check_numbers(&p);
    if (rc == 0 && out->n_items == 0)
        rc = error_set(e, file, p.line > 0 ? p.line : 1, 0,
                       _("expected 取組項目 N: no item found"));
    parser_free(&p);
    if (rc < 0)
        import_sheet_free(out);
    return rc;
}

void import_sheet_free(struct import_sheet *s)
{
    if (!s)
        return;
    free(s->title);
    free(s->ward);
    for (size_t i = 0; i < s->n_items; i++)
        for (int f = 0; f < IMPORT_N_FIELDS; f++)
            free(s->items[i].values[f].text);
    free(s->items);
    for (size_t i = 0; i < s->n_warnings; i++)
        free(s->warnings[i].msg);
    free(s->warnings);
    memset(s, 0, sizeof *s);
}

void import_warning_format(const struct import_warning *w, const char *file, struct strbuf *out)
{
    size_t start = out->len;
    if (file && *file)
        strbuf_addf(out, "%s:", file);
    if (w->line > 0) {
        strbuf_addf(out, "%ld:", w->line);
        if (w->column > 0)
            strbuf_addf(out, "%ld:", w->column);
    }
    if (out->len > start)
        strbuf_addch(out, ' ');
    if (w->item > 0)
        strbuf_addf(out, _("item %ld: "), w->item);
    strbuf_addstr(out, w->msg);
}
