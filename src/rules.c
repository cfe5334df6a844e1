/*
 * rules.c - check items and sheets against their form.
 */
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "rules_impl.h"
#include "merge.h"
#include "utf8.h"

void problems_clear(struct problem_list *pl)
{
    pl->n = 0;
}

void problems_free(struct problem_list *pl)
{
    free(pl->v);
    pl->v = NULL;
    pl->n = pl->cap = 0;
}

size_t problems_count(const struct problem_list *pl, enum severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < pl->n; i++)
        n += pl->v[i].severity == sev;
    return n;
}

struct problem *rules_add(struct problem_list *pl, enum problem_code code, long item,
                          int field, long line)
{
    xgrow((void **)&pl->v, &pl->cap, pl->n + 1, sizeof(*pl->v));
    struct problem *p = &pl->v[pl->n++];
    memset(p, 0, sizeof(*p));
    p->code = code;
    p->severity = code == PROB_HALFWIDTH_KANA || code == PROB_PADDED_VALUE ||
                  code == PROB_HALFWIDTH_ALNUM ? SEV_WARNING : SEV_ERROR;
    p->item = item;
    p->field = field;
    p->line = line;
    p->stage = -1;
    return p;
}

/* Merge sort keeps problems of the same line in the order they were found. */
static void sort_range(struct problem *v, struct problem *tmp, size_t n)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    sort_range(v, tmp, h);
    sort_range(v + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = v[j].line < v[i].line ? v[j++] : v[i++];
    while (i < h)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof(*v));
}

void problems_sort(struct problem_list *pl)
{
    if (pl->n < 2)
        return;
    struct problem *tmp = xmalloc(pl->n * sizeof(*tmp));
    sort_range(pl->v, tmp, pl->n);
    free(tmp);
}

bool rules_filled(const char *value)
{
    return value && !utf8_is_blank(value, strlen(value));
}

/* Copy up to 40 bytes of s, escaping anything unsafe, cut at a character. */
void rules_set_detail(struct problem *p, const char *s, size_t n)
{
    struct strbuf sb = STRBUF_INIT;
    size_t i = 0;
    while (i < n && sb.len < 40) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (utf8_is_unsafe(cp)) {
            char esc[16];
            strbuf_add(&sb, esc, utf8_escape(cp, (unsigned char)s[i], esc));
        } else
            strbuf_add(&sb, s + i, k);
        i += k;
    }
    if (i < n)
        strbuf_addstr(&sb, "…");
    snprintf(p->detail, sizeof(p->detail), "%s", strbuf_cstr(&sb));
    strbuf_release(&sb);
}

/* ---- one field ----------------------------------------------------------- */

bool rules_whole_number(const char *v, size_t n, long min, long *out)
{
    if (n == 0 || n > 9 || (v[0] == '0' && n > 1))
        return false;
    long x = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9')
            return false;
        x = x * 10 + (v[i] - '0');
    }
    if (out)
        *out = x;
    return x >= min;
}

static bool valid_integer(const char *v, long min)
{
    return rules_whole_number(v, strlen(v), min, NULL);
}

/* Digits without a leading zero, only too many of them: say so, not "not a number". */
static bool too_large(const char *v)
{
    size_t n = strlen(v);
    return n > 9 && v[0] != '0' && strspn(v, "0123456789") == n;
}

struct text_scan {
    size_t chars;
    long bad_col;          /* 1-based column of the first control character, 0 = none */
    long bad_line;         /* its line within the value, 0-based */
    uint32_t bad_cp;
    long kana_col;         /* first half-width katakana */
    long kana_line;
    size_t kana_off, kana_len;
};

/*
 * The common case without decoding: count the characters of a value that
 * has nothing to report.  A control character or half-width katakana can
 * only be a byte < 0x20, 0x7F, C2 80..9F (U+0080..9F), E2 80 A8/A9
 * (U+2028/9) or EF BD A1..EF BE 9F (U+FF61..9F).  Returns false on any of
 * those, or on anything that is not plain UTF-8: scan_text() then does the
 * full scan and says where.
 */
bool rules_text_is_plain(const char *v, size_t n, bool multiline, size_t *chars)
{
    const unsigned char *u = (const unsigned char *)v;
    size_t count = 0;
    for (size_t i = 0; i < n; count++) {
        unsigned char c = u[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && !(c == '\n' && multiline)) || c == 0x7F)
                return false;
            i++;
        } else if (c < 0xC2 || i + (c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4) > n) {
            return false;                                   /* not a lead byte, or cut */
        } else if (c < 0xE0) {
            if (c == 0xC2 && u[i + 1] < 0xA0)
                return false;                               /* U+0080..U+009F */
            i += 2;
        } else if (c < 0xF0) {
            if ((c == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9)) ||
                (c == 0xEF && ((u[i + 1] == 0xBD && u[i + 2] >= 0xA1) ||
                               (u[i + 1] == 0xBE && u[i + 2] <= 0x9F))))
                return false;                               /* U+2028/9, U+FF61..U+FF9F */
            i += 3;
        } else
            i += 4;
    }
    *chars = count;
    return true;
}

static void scan_text(const char *v, size_t n, bool multiline, struct text_scan *ts)
{
    memset(ts, 0, sizeof(*ts));
    if (rules_text_is_plain(v, n, multiline, &ts->chars))
        return;
    ts->chars = 0;
    long line = 0, col = 1;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode(v + i, n - i, &cp);
        bool allowed = cp == '\t' || (cp == '\n' && multiline);
        if (!ts->bad_col && cp != '\n' && utf8_is_control(cp) && !allowed) {
            ts->bad_col = col;
            ts->bad_line = line;
            ts->bad_cp = cp;
        }
        if (!ts->kana_col && utf8_is_halfwidth_kana(cp)) {
            ts->kana_col = col;
            ts->kana_line = line;
            ts->kana_off = i;
            size_t e = i;
            while (e < n) {
                uint32_t c2;
                size_t k2 = utf8_decode(v + e, n - e, &c2);
                if (!utf8_is_halfwidth_kana(c2))
                    break;
                e += k2;
            }
            ts->kana_len = e - i;
        }
        ts->chars++;
        if (cp == '\n') {
            line++;
            col = 1;
        } else
            col++;
        i += k;
    }
}

bool rules_find_control(const char *v, size_t n, long *col, uint32_t *cp)
{
    struct text_scan ts;
    scan_text(v, n, false, &ts);
    *col = ts.bad_col;
    *cp = ts.bad_cp;
    return ts.bad_col != 0;
}

struct item_ctx {
    const struct form *form;
    const struct rec_record *rec;
    long idx;
    struct problem_list *out;
    bool *has_error;        /* per form field */
    const char **value;     /* per form field: its value in the item, or NULL */
    long *first;            /* per form field: index of its first entry, or -1 */
};

/* The length of field f's value (its first entry). */
static size_t value_len(const struct item_ctx *c, int f)
{
    return c->rec->entries[c->first[f]].value_len;
}

/* Where item_line() would find field f: its first entry, else the record. */
static long field_line(const struct item_ctx *c, int f)
{
    const struct rec_entry *en = c->first[f] >= 0 ? &c->rec->entries[c->first[f]] : NULL;
    return en && en->line ? en->line : c->rec->line;
}

static struct problem *field_problem(struct item_ctx *c, enum problem_code code, int f)
{
    if (code != PROB_HALFWIDTH_KANA && code != PROB_PADDED_VALUE && code != PROB_HALFWIDTH_ALNUM)
        c->has_error[f] = true;
    return rules_add(c->out, code, c->idx, f, field_line(c, f));
}

/*
 * Half-width letters and digits in a field the form wants full width: a
 * warning at the first run, by line (of a value of several) and column
 * in characters, as the half-width katakana warning has them.
 */
static void check_fullwidth(struct item_ctx *c, int f, const char *v, size_t n, bool lines)
{
    long line = 0, col = 1;
    for (size_t i = 0; i < n;) {
        if (utf8_is_ascii_alnum((unsigned char)v[i])) {
            size_t e = i;
            while (e < n && utf8_is_ascii_alnum((unsigned char)v[e]))
                e++;
            struct problem *p = field_problem(c, PROB_HALFWIDTH_ALNUM, f);
            p->line += line;
            p->num = col;
            p->num2 = lines ? line + 1 : 0;
            rules_set_detail(p, v + i, e - i);
            return;
        }
        uint32_t cp;
        i += utf8_decode(v + i, n - i, &cp);
        line += cp == '\n';
        col = cp == '\n' ? 1 : col + 1;
    }
}

/*
 * Longer than the field's maximum, counted in clusters as a person counts
 * (a base letter and its marks are one).  Code points, counted by the scan,
 * are never fewer than clusters: the exact count is needed only past the limit.
 */
static bool too_long(const struct form_field *fld, const char *v, size_t n, struct text_scan *ts)
{
    if (fld->max_length <= 0 || ts->chars <= (size_t)fld->max_length)
        return false;
    ts->chars = utf8_count_clusters(v, n);
    return ts->chars > (size_t)fld->max_length;
}

static void check_text_value(struct item_ctx *c, int f, const char *v, size_t n)
{
    const struct form_field *fld = &c->form->fields[f];
    struct text_scan ts;
    scan_text(v, n, fld->kind == FIELD_TEXT, &ts);
    if (fld->kind != FIELD_TEXT && memchr(v, '\n', n)) {
        field_problem(c, PROB_LINE_BREAK, f);
    } else if (ts.bad_col) {
        struct problem *p = field_problem(c, PROB_CONTROL_CHAR, f);
        p->line += ts.bad_line;
        p->num = ts.bad_col;
        char esc[16];
        size_t el = utf8_escape(ts.bad_cp, 0, esc);
        rules_set_detail(p, esc, el);
    } else if (too_long(fld, v, n, &ts)) {
        struct problem *p = field_problem(c, PROB_TOO_LONG, f);
        p->num = (long)ts.chars;
        p->num2 = fld->max_length;
    }
    bool lines = memchr(v, '\n', n) != NULL;
    if (ts.kana_col) {
        struct problem *p = field_problem(c, PROB_HALFWIDTH_KANA, f);
        p->line += ts.kana_line;
        p->num = ts.kana_col;
        p->num2 = lines ? ts.kana_line + 1 : 0;
        rules_set_detail(p, v + ts.kana_off, ts.kana_len);
    }
    if (fld->fullwidth)
        check_fullwidth(c, f, v, n, lines);
}

static bool choice_valid(const struct form_field *fld, const char *v, size_t n)
{
    if (fld->kind == FIELD_CHOICE)
        return form_choice_index(fld, v, n, false) >= 0;
    char *z = xstrndup(v, n);
    bool ok = form_bool_valid(z);
    free(z);
    return ok;
}

/*
 * A choice or yes/no value, read as recutils reads its enum and bool
 * types: blanks (space, tab, line break) around the value are ignored, so
 * "achieved " is valid; but its %constraint comparisons (and so the
 * required-when and stage rules here) see the value as written, so such a
 * value gets a warning.  An empty value is an error: recutils refuses it.
 */
static struct problem *check_choice(struct item_ctx *c, int f, const char *v)
{
    const struct form_field *fld = &c->form->fields[f];
    size_t n = strlen(v), a = strspn(v, " \t\n"), b = n;
    while (b > a && strchr(" \t\n", v[b - 1]))
        b--;
    if (a == b)
        return field_problem(c, PROB_EMPTY_VALUE, f);
    if (!choice_valid(fld, v + a, b - a))
        return field_problem(c, fld->kind == FIELD_CHOICE ? PROB_BAD_CHOICE : PROB_BAD_BOOL, f);
    if (a > 0 || b < n)
        rules_set_detail(field_problem(c, PROB_PADDED_VALUE, f), v, n);
    return NULL;
}

static void check_value(struct item_ctx *c, int f, const char *v, size_t n)
{
    const struct form_field *fld = &c->form->fields[f];
    struct problem *p = NULL;
    switch (fld->kind) {
    case FIELD_INTEGER:
        if (!valid_integer(v, fld->min_value)) {
            p = field_problem(c, PROB_BAD_INTEGER, f);
            p->num = fld->min_value;
            p->num2 = too_large(v);
        }
        break;
    case FIELD_BOOL:
    case FIELD_CHOICE:
        p = check_choice(c, f, v);
        break;
    case FIELD_LINE:
    case FIELD_TEXT:
    case FIELD_STAMP:
        check_text_value(c, f, v, n);
        break;
    }
    if (p)
        rules_set_detail(p, v, n);
}

static void check_presence(struct item_ctx *c, int f)
{
    const struct form_field *fld = &c->form->fields[f];
    const char *v = c->value[f];
    if (c->has_error[f] || rules_filled(v))
        return;
    if (fld->mandatory) {
        field_problem(c, PROB_MISSING, f);
        return;
    }
    for (size_t k = 0; k < fld->n_required_when; k++) {
        const struct form_condition *cond = &fld->required_when[k];
        if (form_condition_holds(c->form, cond, c->value[cond->field])) {
            field_problem(c, PROB_REQUIRED_WHEN, f)->cond = (int)k;
            return;
        }
    }
}

/* Stage st is marked done: the plan stage must be too (the descriptor says the same). */
static void check_stage_order(struct item_ctx *c, int st)
{
    const struct form *form = c->form;
    int plan = form_plan_stage(form);
    if (plan < 0 || st == plan || form_bool_true(c->value[form->stages[plan].done_field]))
        return;
    int df = form->stages[st].done_field;
    if (!c->has_error[df])
        field_problem(c, PROB_STAGE_ORDER, df)->stage = st;
}

static void check_done_stages(struct item_ctx *c)
{
    const struct form *form = c->form;
    for (size_t st = 0; st < form->n_stages; st++) {
        const struct form_stage *stage = &form->stages[st];
        if (stage->done_field < 0 || !form_bool_true(c->value[stage->done_field]))
            continue;
        for (size_t r = 0; r < stage->n_requires; r++) {
            int f = stage->requires[r];
            if (!c->has_error[f] && !rules_filled(c->value[f]))
                field_problem(c, PROB_DONE_INCOMPLETE, f)->stage = (int)st;
        }
        check_stage_order(c, (int)st);
    }
}

/*
 * One pass over the record: each entry's form field, its value, and the
 * fields found twice.  Replaces check_duplicate_fields() (n²/2 strcmp per
 * record) and every item_get() of the checks (a linear rec_find each).
 */
static void index_fields(struct item_ctx *c)
{
    const struct rec_record *r = c->rec;
    for (size_t i = 0; i < r->n_entries; i++) {
        const struct rec_entry *en = &r->entries[i];
        if (!en->name)
            continue;
        int f = form_field_index(c->form, en->name);
        if (f < 0)
            continue;       /* fields the form does not know may repeat */
        if (c->first[f] < 0) {
            c->first[f] = (long)i;
            c->value[f] = en->value;
            continue;
        }
        struct problem *p = rules_add(c->out, PROB_DUPLICATE_FIELD, c->idx, f, en->line);
        p->num = r->entries[c->first[f]].line;
        c->has_error[f] = true;
    }
}

/* What a merge left unresolved in record r (merge.h): one problem per field or deleted item. */
static void check_conflicts(const struct rec_record *r, long item, struct problem_list *out)
{
    struct merge_conflict *v = NULL;
    size_t cap = 0;
    size_t n = merge_record_conflicts(r, item, &v, 0, &cap);
    for (size_t i = 0; i < n; i++) {
        struct problem *p = rules_add(out, PROB_MERGE_CONFLICT, item, -1, v[i].line ? v[i].line : r->line);
        p->name = v[i].field ? v[i].field : MERGE_DELETED_FIELD;
    }
    merge_conflicts_free(v);
}

/* ---- remembering value checks (rules.h: rules_memo) ----------------------- */

/* The memo's entry for field f, when it still answers for value v[0..n). */
static struct rules_memo_field *memo_hit(struct rules_memo *m, const unsigned long *versions,
                                         int f, const char *v, size_t n)
{
    if (!m || !versions)
        return NULL;
    struct rules_memo_field *mf = &m->fields[f];
    if (!mf->valid || mf->version != versions[f] || mf->value != v || mf->len != n)
        return NULL;
    return mf;
}

/* Forget everything when the memo was made for another record or form. */
static void memo_prepare(struct rules_memo *m, const struct form *form,
                         const struct rec_record *rec)
{
    if (m->rec == rec && m->form == form)
        return;
    free(m->fields);
    m->fields = xcalloc(form->n_fields ? form->n_fields : 1, sizeof(*m->fields));
    m->rec = rec;
    m->form = form;
}

/* Lines are kept relative to the field's line, which a save may move. */
static void memo_store(struct rules_memo_field *mf, const struct item_ctx *c, int f,
                       const char *v, size_t n, unsigned long version, size_t first)
{
    size_t count = c->out->n - first;
    if (count > ARRAY_LEN(mf->p)) {
        mf->valid = false;
        return;
    }
    long line = field_line(c, f);
    mf->has_error = false;
    for (size_t i = 0; i < count; i++) {
        mf->p[i] = c->out->v[first + i];
        mf->p[i].line -= line;
        mf->has_error |= mf->p[i].severity == SEV_ERROR;
    }
    mf->n = count;
    mf->value = v;
    mf->len = n;
    mf->version = version;
    mf->valid = true;
}

static void memo_replay(const struct rules_memo_field *mf, struct item_ctx *c, int f)
{
    long line = field_line(c, f);
    for (size_t i = 0; i < mf->n; i++) {
        struct problem *p = rules_add(c->out, mf->p[i].code, c->idx, f, 0);
        *p = mf->p[i];
        p->item = c->idx;
        p->line += line;
    }
    if (mf->has_error)
        c->has_error[f] = true;
}

static void check_value_memo(struct item_ctx *c, int f, struct rules_memo *m,
                             const unsigned long *versions)
{
    const char *v = c->value[f];
    size_t n = value_len(c, f);
    const struct rules_memo_field *hit = memo_hit(m, versions, f, v, n);
    if (hit) {
        memo_replay(hit, c, f);
        return;
    }
    size_t first = c->out->n;
    /* Checked up to a NUL, as always (a file may hold one); remembered by its whole length. */
    check_value(c, f, v, strlen(v));
    if (m && versions)
        memo_store(&m->fields[f], c, f, v, n, versions[f], first);
}

void rules_memo_free(struct rules_memo *m)
{
    free(m->fields);
    memset(m, 0, sizeof(*m));
}

void rules_check_item(const struct sheet *s, size_t idx, struct problem_list *out)
{
    rules_check_record(s->form, s->items[idx].rec, (long)idx, out);
}

void rules_check_item_memo(const struct sheet *s, size_t idx, struct rules_memo *memo,
                           const unsigned long *versions, struct problem_list *out)
{
    rules_check_record_memo(s->form, s->items[idx].rec, (long)idx, memo, versions, out);
}

void rules_check_record(const struct form *form, const struct rec_record *r, long idx,
                        struct problem_list *out)
{
    rules_check_record_memo(form, r, idx, NULL, NULL, out);
}

void rules_check_record_memo(const struct form *form, const struct rec_record *r, long idx,
                             struct rules_memo *memo, const unsigned long *versions,
                             struct problem_list *out)
{
    if (memo)
        memo_prepare(memo, form, r);
    bool small[64];
    bool *has_error = form->n_fields <= 64 ? small : xcalloc(form->n_fields, sizeof(bool));
    memset(has_error, 0, form->n_fields * sizeof(bool));
    const char *vsmall[64];
    long fsmall[64];
    const char **value = form->n_fields <= 64 ? vsmall : xcalloc(form->n_fields, sizeof(char *));
    long *firsts = form->n_fields <= 64 ? fsmall : xcalloc(form->n_fields, sizeof(long));
    for (size_t f = 0; f < form->n_fields; f++) {
        value[f] = NULL;
        firsts[f] = -1;
    }
    struct item_ctx c = { form, r, idx, out, has_error, value, firsts };
    size_t first = out->n;
    index_fields(&c);
    for (size_t f = 0; f < form->n_fields; f++) {
        const char *v = value[f];
        enum field_kind kind = form->fields[f].kind;
        if (v && (*v || kind == FIELD_CHOICE || kind == FIELD_BOOL))
            check_value_memo(&c, (int)f, memo, versions);
    }
    for (size_t f = 0; f < form->n_fields; f++)
        check_presence(&c, (int)f);
    check_done_stages(&c);
    check_conflicts(r, idx, out);
    if (has_error != small) {
        free(has_error);
        free(value);
        free(firsts);
    }
    if (out->n > first) {
        struct problem_list mine = { out->v + first, out->n - first, 0 };
        problems_sort(&mine);
    }
}

/* ---- the sheet level ----------------------------------------------------- */

struct numbered {
    long no;
    size_t idx;
};

static int cmp_numbered(const void *a, const void *b)
{
    const struct numbered *x = a, *y = b;
    if (x->no != y->no)
        return x->no < y->no ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void check_duplicate_numbers(const struct sheet *s, struct problem_list *out)
{
    struct numbered *v = xmalloc((s->n_items + 1) * sizeof(*v));
    size_t n = 0;
    for (size_t i = 0; i < s->n_items; i++) {
        long no = item_number(s, &s->items[i]);
        if (no >= 0)
            v[n++] = (struct numbered){ no, i };
    }
    qsort(v, n, sizeof(*v), cmp_numbered);
    int kf = s->form->key_field;
    for (size_t i = 0; i < n; i++) {
        bool prev = i > 0 && v[i - 1].no == v[i].no;
        bool next = i + 1 < n && v[i + 1].no == v[i].no;
        if (!prev && !next)
            continue;
        const struct item *other = &s->items[prev ? v[i - 1].idx : v[i + 1].idx];
        const struct item *it = &s->items[v[i].idx];
        struct problem *p = rules_add(out, PROB_DUPLICATE_KEY, (long)v[i].idx, kf, item_line(s, it, kf));
        p->num = v[i].no;
        p->num2 = item_line(s, other, kf);
        p->other_item = (long)(other - s->items);
    }
    free(v);
}

static void header_problem(const struct sheet *s, struct problem_list *out, const char *name,
                           const char *value)
{
    const struct rec_entry *en = s->header ? rec_find(s->header, name) : NULL;
    struct problem *p = rules_add(out, PROB_HEADER_FIELD, -1, -1,
                            en ? en->line : s->header ? s->header->line : 1);
    p->name = name;
    if (value)
        rules_set_detail(p, value, strlen(value));
}

static void check_header(const struct sheet *s, struct problem_list *out)
{
    if (!s->header) {
        rules_add(out, PROB_NO_HEADER, -1, -1, 1);
        return;
    }
    const char *form = sheet_header_get(s, "Form");
    if (!form || !*form)
        header_problem(s, out, "Form", NULL);
    else if (!str_eq(form, s->form->id)) {
        struct problem *p = rules_add(out, PROB_FORM_MISMATCH, -1, -1, rec_find(s->header, "Form")->line);
        p->name = "Form";
        rules_set_detail(p, form, strlen(form));
    }
    const char *ward = sheet_header_get(s, "Ward");
    if (!rules_filled(ward))
        header_problem(s, out, "Ward", NULL);
    rules_check_fiscal_year(s, out);
}

void rules_check_sheet_level(const struct sheet *s, struct problem_list *out)
{
    check_header(s, out);
    rules_check_header_values(s, out);
    if (s->header)
        check_conflicts(s->header, -1, out);
    check_duplicate_numbers(s, out);
}

void rules_check_all(const struct sheet *s, struct problem_list *out)
{
    size_t first = out->n;
    rules_check_sheet_level(s, out);
    for (size_t i = 0; i < s->n_items; i++)
        rules_check_item(s, i, out);
    if (out->n > first) {
        struct problem_list mine = { out->v + first, out->n - first, 0 };
        problems_sort(&mine);
    }
}

/* No stage completes on an item without a title, nor before the plan stage is complete. */
static void order_blockers(const struct sheet *s, size_t idx, int st, const bool *reported,
                           struct problem_list *out)
{
    const struct form *form = s->form;
    const struct item *it = &s->items[idx];
    int tf = form->title_field;
    if (tf >= 0 && !reported[tf] && !rules_filled(item_get(s, it, tf)))
        rules_add(out, PROB_DONE_INCOMPLETE, (long)idx, tf, item_line(s, it, tf))->stage = st;
    int plan = form_plan_stage(form);
    if (plan >= 0 && plan != st &&
        !form_bool_true(item_get(s, it, form->stages[plan].done_field))) {
        int df = form->stages[st].done_field;
        rules_add(out, PROB_STAGE_ORDER, (long)idx, df, item_line(s, it, df))->stage = st;
    }
}

void rules_stage_blockers(const struct sheet *s, size_t idx, int st, struct problem_list *out)
{
    struct problem_list all = { NULL, 0, 0 };
    rules_check_item(s, idx, &all);
    const struct form *form = s->form;
    const struct form_stage *stage = &form->stages[st];
    bool *reported = xcalloc(form->n_fields, sizeof(bool));
    for (size_t i = 0; i < all.n; i++) {
        const struct problem *p = &all.v[i];
        if (p->severity != SEV_ERROR || p->field < 0 || form->fields[p->field].stage != st)
            continue;
        xgrow((void **)&out->v, &out->cap, out->n + 1, sizeof(*out->v));
        out->v[out->n++] = *p;
        reported[p->field] = true;
    }
    for (size_t r = 0; r < stage->n_requires; r++) {
        int f = stage->requires[r];
        if (!reported[f] && !rules_filled(item_get(s, &s->items[idx], f))) {
            struct problem *p = rules_add(out, PROB_DONE_INCOMPLETE, (long)idx, f,
                                    item_line(s, &s->items[idx], f));
            p->stage = st;
            reported[f] = true;
        }
    }
    order_blockers(s, idx, st, reported, out);
    free(reported);
    problems_free(&all);
}

enum stage_state rules_stage_state(const struct sheet *s, size_t idx, int st,
                                   const struct problem_list *item_problems)
{
    const struct form *form = s->form;
    const struct item *it = &s->items[idx];
    int df = form->stages[st].done_field;
    if (df >= 0 && form_bool_true(item_get(s, it, df))) {
        for (size_t i = 0; i < item_problems->n; i++) {
            const struct problem *p = &item_problems->v[i];
            if (p->severity == SEV_ERROR && p->field >= 0 && form->fields[p->field].stage == st)
                return STAGE_COMPLETE_PROBLEMS;
        }
        return STAGE_COMPLETE;
    }
    for (size_t f = 0; f < form->n_fields; f++)
        if (form->fields[f].stage == st && (int)f != df && !form->fields[f].hidden &&
            form->fields[f].kind != FIELD_STAMP && rules_filled(item_get(s, it, (int)f)))
            return STAGE_IN_PROGRESS;
    return STAGE_EMPTY;
}

const char *rules_stage_state_name(enum stage_state state)
{
    switch (state) {
    case STAGE_EMPTY: return _("empty");
    case STAGE_IN_PROGRESS: return _("in progress");
    case STAGE_COMPLETE: return _("complete");
    case STAGE_COMPLETE_PROBLEMS: return _("complete [!]");
    }
    return "";
}

/* ---- messages ------------------------------------------------------------ */

const char *problem_field_name(const struct form *f, const struct problem *p)
{
    if (p->field >= 0)
        return f->fields[p->field].key;
    return p->name ? p->name : "-";
}

static void required_when_message(const struct form *f, const struct problem *p,
                                  struct strbuf *out)
{
    const struct form_field *fld = &f->fields[p->field];
    const struct form_condition *cond = &fld->required_when[p->cond];
    const struct form_field *of = &f->fields[cond->field];
    strbuf_addf(out, _("%s is required when %s is %s"), fld->label, of->label,
                of->choices[cond->choice].label);
}

/* Name the other item as a clerk finds it: by its title and its place in the sheet. */
static void duplicate_message(const struct sheet *s, const struct problem *p, struct strbuf *out)
{
    const struct item *other = &s->items[p->other_item];
    int tf = s->form->title_field;
    const char *title = tf >= 0 ? item_get(s, other, tf) : NULL;
    strbuf_addf(out, _("number %ld is also used by %s #%ld in sheet order (line %ld)"), p->num,
                s->form->item_label, p->other_item + 1, p->num2);
    if (title && *title) {
        strbuf_addstr(out, " 【");
        size_t n = strlen(title);
        /* At most 20 characters: the screen and check's line stay readable; sanitized when drawn. */
        size_t cut = 0;
        for (int chars = 0; cut < n && chars < 20; chars++)
            cut = utf8_cluster_end(title, n, cut);
        utf8_sanitize(title, cut, false, out);
        strbuf_addstr(out, cut < n ? "…】" : "】");
    }
}

static void stage_order_message(const struct form *form, const struct problem *p,
                                struct strbuf *out)
{
    strbuf_addf(out, _("%s can be marked complete only after %s is marked complete"),
                form->stages[p->stage].label, form->stages[form_plan_stage(form)].label);
}

static void choices_list(const struct form_field *fld, struct strbuf *out)
{
    for (size_t i = 0; i < fld->n_choices; i++)
        strbuf_addf(out, "%s%s (%s)", i ? ", " : "", fld->choices[i].key, fld->choices[i].label);
}

/* The conflict's record still holds both sides: describe them from there. */
static void conflict_message(const struct rec_record *r, const struct problem *p,
                             struct strbuf *out)
{
    struct merge_conflict *v = NULL;
    size_t cap = 0;
    size_t n = r ? merge_record_conflicts(r, p->item, &v, 0, &cap) : 0;
    for (size_t i = 0; i < n; i++)
        if (str_eq(v[i].field ? v[i].field : MERGE_DELETED_FIELD, p->name)) {
            merge_conflict_describe(&v[i], out);
            break;
        }
    merge_conflicts_free(v);
}

void problem_record_message(const struct form *f, const struct rec_record *r,
                            const struct problem *p, struct strbuf *out)
{
    const struct form_field *fld = p->field >= 0 ? &f->fields[p->field] : NULL;
    const char *label = fld ? fld->label : p->name ? p->name : "";
    switch (p->code) {
    case PROB_MISSING:
        strbuf_addf(out, _("%s is required"), label);
        break;
    case PROB_REQUIRED_WHEN:
        required_when_message(f, p, out);
        break;
    case PROB_DONE_INCOMPLETE:
        strbuf_addf(out, _("%s must be filled in before %s can be marked complete"), label,
                    f->stages[p->stage].label);
        break;
    case PROB_BAD_CHOICE:
        strbuf_addf(out, _("\"%s\" is not a choice of %s (expected one of: "), p->detail, label);
        choices_list(fld, out);
        strbuf_addch(out, ')');
        break;
    case PROB_BAD_BOOL:
        strbuf_addf(out, _("\"%s\" is not yes or no"), p->detail);
        break;
    case PROB_BAD_INTEGER:
        if (p->num2)
            strbuf_addf(out, _("\"%s\" is too large (at most 999999999)"), p->detail);
        else
            strbuf_addf(out, _("\"%s\" is not a whole number of at least %ld"), p->detail, p->num);
        break;
    case PROB_DUPLICATE_FIELD:
        strbuf_addf(out, _("%s appears more than once (first on line %ld)"), label, p->num);
        break;
    case PROB_CONTROL_CHAR:
        strbuf_addf(out, _("control character %s at column %ld (only line breaks and tabs "
                           "are allowed)"), p->detail, p->num);
        break;
    case PROB_LINE_BREAK:
        strbuf_addf(out, _("%s must be a single line"), label);
        break;
    case PROB_TOO_LONG:
        strbuf_addf(out, _("too long: %ld characters (at most %ld)"), p->num, p->num2);
        break;
    case PROB_HALFWIDTH_KANA:
        if (p->num2)
            strbuf_addf(out, _("half-width katakana \"%s\" at line %ld, column %ld"), p->detail,
                        p->num2, p->num);
        else
            strbuf_addf(out, _("half-width katakana \"%s\" at column %ld"), p->detail, p->num);
        break;
    case PROB_HALFWIDTH_ALNUM:
        if (p->num2)
            strbuf_addf(out, _("half-width letters or digits \"%s\" at line %ld, column %ld "
                               "(this field is written full width)"), p->detail, p->num2, p->num);
        else
            strbuf_addf(out, _("half-width letters or digits \"%s\" at column %ld (this field "
                               "is written full width)"), p->detail, p->num);
        break;
    case PROB_NO_HEADER:
        strbuf_addf(out, _("no %s record (expected %%rec: %s with Form, Ward and FiscalYear)"),
                    f->sheet_type, f->sheet_type);
        break;
    case PROB_HEADER_FIELD:
        if (p->detail[0])
            strbuf_addf(out, _("\"%s\" is not a valid %s"), p->detail, p->name);
        else
            strbuf_addf(out, _("%s is required"), p->name);
        break;
    case PROB_STAGE_ORDER:
        stage_order_message(f, p, out);
        break;
    case PROB_FORM_MISMATCH:
        strbuf_addf(out, _("the sheet names form %s, but form %s is in use"), p->detail,
                    f->id);
        break;
    case PROB_MERGE_CONFLICT:
        conflict_message(r, p, out);
        break;
    default:
        rules_file_message(f, p, out);
        break;
    }
}

/* The record a problem is about: its item's, or the header's for the sheet's own. */
static const struct rec_record *problem_record(const struct sheet *s, const struct problem *p)
{
    if (p->item < 0)
        return s->header;
    return (size_t)p->item < s->n_items ? s->items[p->item].rec : NULL;
}

void problem_message(const struct sheet *s, const struct problem *p, struct strbuf *out)
{
    if (p->code == PROB_DUPLICATE_KEY)
        duplicate_message(s, p, out);
    else
        problem_record_message(s->form, problem_record(s, p), p, out);
}
