/*
 * recfile.c - read and write the recutils format without losing a byte.
 *
 * The parser keeps one copy of the input; every block, record and entry
 * points at the bytes it came from ("raw").  Writing emits raw bytes for
 * whatever did not change, so a load/save round trip is byte-identical.
 */
#include "recfile.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "utf8.h"

/* Text the doc owns besides entries: the input copy and generated text blocks. */
struct rec_doc_private {
    struct rec_doc pub;
    char **owned;
    size_t n_owned, cap_owned;
};

static char *doc_own(struct rec_doc *doc, char *p)
{
    struct rec_doc_private *d = (struct rec_doc_private *)doc;
    xgrow((void **)&d->owned, &d->cap_owned, d->n_owned + 1, sizeof(char *));
    d->owned[d->n_owned++] = p;
    return p;
}

struct rec_doc *rec_doc_new(void)
{
    struct rec_doc_private *d = xcalloc(1, sizeof(*d));
    return &d->pub;
}

bool rec_valid_name(const char *name, size_t len)
{
    if (len == 0)
        return false;
    char c = name[0];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '%'))
        return false;
    for (size_t i = 1; i < len; i++) {
        c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

/* ---- parsing ---------------------------------------------------------- */

struct parser {
    const char *buf;      /* the doc's own copy of the input */
    size_t len;
    size_t pos;           /* start of the next physical line */
    long line;            /* number of the line at pos */
    const char *file;
    struct error *e;
    struct rec_doc *doc;
    char *type;           /* current record set (owned by the doc's records) */
    bool inplace;         /* decode values in buf itself; keep no raw bytes */
    size_t entries_hint;  /* entries of the last record: the next one is sized for as many */
};

static size_t line_end(const struct parser *p, size_t from)
{
    const char *nl = memchr(p->buf + from, '\n', p->len - from);
    return nl ? (size_t)(nl - p->buf) : p->len;
}

static bool is_blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

static long column_of(const char *line_start, const char *at)
{
    return (long)utf8_count(line_start, (size_t)(at - line_start)) + 1;
}

/*
 * Read one logical line starting at p->pos: physical lines joined where
 * a backslash ends the line.  Appends its text (without the joins and
 * the final newline) to out and advances p->pos/p->line past it.
 */
static void read_logical_line(struct parser *p, size_t skip, struct strbuf *out)
{
    size_t from = p->pos + skip;
    for (;;) {
        size_t end = line_end(p, from);
        bool more = end < p->len;
        if (more && end > from && p->buf[end - 1] == '\\') {
            strbuf_add(out, p->buf + from, end - 1 - from);
            from = end + 1;
            p->line++;
            continue;
        }
        strbuf_add(out, p->buf + from, end - from);
        p->pos = more ? end + 1 : end;
        p->line++;
        return;
    }
}

/*
 * read_logical_line() for a read-only load: the value is written over the
 * entry's own bytes (it is never longer than they are, and dst stays
 * behind the bytes read), so no copy is made.  Returns its length.
 */
static size_t read_logical_line_inplace(struct parser *p, size_t skip, char *dst)
{
    size_t from = p->pos + skip, w = 0;
    for (;;) {
        size_t end = line_end(p, from);
        bool more = end < p->len;
        if (more && end > from && p->buf[end - 1] == '\\') {
            memmove(dst + w, p->buf + from, end - 1 - from);
            w += end - 1 - from;
            from = end + 1;
            p->line++;
            continue;
        }
        memmove(dst + w, p->buf + from, end - from);
        w += end - from;
        p->pos = more ? end + 1 : end;
        p->line++;
        return w;
    }
}

static struct rec_entry *record_push(struct rec_record *r)
{
    xgrow((void **)&r->entries, &r->cap_entries, r->n_entries + 1, sizeof(*r->entries));
    struct rec_entry *en = &r->entries[r->n_entries++];
    memset(en, 0, sizeof(*en));
    return en;
}

/*
 * Two common reasons a line is no field, named so that the clerk knows
 * what to do: Windows line ends (a CR) and a byte order mark, which
 * Notepad and Excel write and recutils does not read.
 */
static int not_a_field(struct parser *p, const char *ls, size_t bad)
{
    long col = column_of(ls, ls + bad);
    if (p->pos == 0 && bad == 0 && p->len >= 3 && !memcmp(ls, "\xEF\xBB\xBF", 3))
        return error_set(p->e, p->file, p->line, col,
                         _("a UTF-8 byte order mark (BOM) starts the file, which recutils does "
                           "not read: remove it (torikumi import reads such files)"));
    if (ls[bad] == '\r')
        return error_set(p->e, p->file, p->line, col,
                         _("a carriage return (CR): the file has Windows line ends (CRLF), which "
                           "recutils does not read: convert them to LF (torikumi import does)"));
    return error_set(p->e, p->file, p->line, col,
                     _("expected a field name ([A-Za-z%%][A-Za-z0-9_]*) followed by ':'"));
}

static int parse_field_line(struct parser *p, struct rec_record *r)
{
    const char *ls = p->buf + p->pos;
    size_t end = line_end(p, p->pos);
    size_t n = 0;
    while (p->pos + n < end && ls[n] != ':')
        n++;
    if (p->pos + n == end || !rec_valid_name(ls, n)) {
        size_t bad = 0;
        while (bad < n && rec_valid_name(ls, bad + 1))
            bad++;
        if (p->pos + n == end && rec_valid_name(ls, n))
            bad = n;
        return not_a_field(p, ls, bad);
    }
    struct rec_entry *en = record_push(r);
    en->line = p->line;
    size_t skip = n + 1;
    if (p->pos + skip < end && (ls[skip] == ' ' || ls[skip] == '\t'))
        skip++;
    struct strbuf v = STRBUF_INIT;
    size_t start = p->pos;
    if (p->inplace) {
        /*
         * Name and value both stay in the buffer: the ':' becomes the name's
         * NUL and the value is decoded where it stands (decoding only ever
         * shrinks it, so it never overtakes what is still to be read).
         */
        char *name = (char *)ls;
        name[n] = '\0';
        en->name = name;
        char *dst = name + skip;
        size_t w = read_logical_line_inplace(p, skip, dst);
        while (p->pos < p->len && p->buf[p->pos] == '+') {
            size_t cskip = 1;
            if (p->pos + 1 < p->len && p->buf[p->pos + 1] == ' ')
                cskip = 2;
            dst[w++] = '\n';
            w += read_logical_line_inplace(p, cskip, dst + w);
        }
        dst[w] = '\0';
        en->value = dst;
        en->value_len = w;
        en->borrowed = true;
        en->name_borrowed = true;
        return 0;
    }
    en->name = xstrndup(ls, n);
    /*
     * Size the value once, exactly: it is never longer than the entry's raw
     * bytes.  Growing it line by line cost a realloc chain per value and
     * power-of-two slack (the biggest cost of loading a 45 MB sheet).
     */
    {
        size_t e = end;
        for (;;) {
            bool joined = e < p->len && e > start && p->buf[e - 1] == '\\';
            bool cont = e + 1 < p->len && p->buf[e + 1] == '+';
            if (!(e < p->len && (joined || cont)))
                break;
            e = line_end(p, e + 1);
        }
        v.cap = e - start + 1;
        v.buf = xmalloc(v.cap);
    }
    read_logical_line(p, skip, &v);
    /* Continuation lines: "+ text", "+text" or a bare "+". */
    while (p->pos < p->len && p->buf[p->pos] == '+') {
        /* After '+' only a space is dropped (a tab is kept), as recutils does. */
        size_t cskip = 1;
        if (p->pos + 1 < p->len && p->buf[p->pos + 1] == ' ')
            cskip = 2;
        strbuf_addch(&v, '\n');
        read_logical_line(p, cskip, &v);
    }
    en->value = strbuf_detach(&v, &en->value_len);
    en->raw = (char *)p->buf + start;
    en->raw_len = p->pos - start;
    return 0;
}

static void parse_comment_line(struct parser *p, struct rec_record *r)
{
    size_t end = line_end(p, p->pos);
    struct rec_entry *en = record_push(r);
    en->line = p->line;
    en->value = xstrndup(p->buf + p->pos, end - p->pos);
    en->value_len = end - p->pos;
    en->raw = (char *)p->buf + p->pos;
    p->pos = end < p->len ? end + 1 : end;
    p->line++;
    en->raw_len = (size_t)(p->buf + p->pos - en->raw);
}

static void add_block(struct rec_doc *doc, struct rec_block b)
{
    xgrow((void **)&doc->blocks, &doc->cap_blocks, doc->n_blocks + 1, sizeof(*doc->blocks));
    doc->blocks[doc->n_blocks++] = b;
}

static void finish_text(struct parser *p, size_t from)
{
    if (p->pos > from) {
        struct rec_block b = { REC_BLOCK_TEXT, (char *)p->buf + from, p->pos - from, NULL };
        add_block(p->doc, b);
    }
}

static void set_record_type(struct parser *p, struct rec_record *r)
{
    struct rec_entry *first = NULL;
    for (size_t i = 0; i < r->n_entries; i++)
        if (r->entries[i].name) {
            first = &r->entries[i];
            break;
        }
    if (first && strcmp(first->name, "%rec") == 0) {
        r->is_descriptor = true;
        const char *v = first->value;
        while (*v == ' ' || *v == '\t')
            v++;
        size_t n = strcspn(v, " \t\n");
        free(p->type);
        p->type = xstrndup(v, n);
    }
    r->type = p->type ? xstrdup(p->type) : NULL;
}

static int parse_record(struct parser *p)
{
    struct rec_record *r = rec_record_new();
    size_t start = p->pos;
    r->line = p->line;
    if (p->entries_hint)
        xgrow((void **)&r->entries, &r->cap_entries, p->entries_hint, sizeof(*r->entries));
    while (p->pos < p->len) {
        size_t end = line_end(p, p->pos);
        const char *ls = p->buf + p->pos;
        if (is_blank_line(ls, end - p->pos))
            break;
        int rc = 0;
        if (ls[0] == '#')
            parse_comment_line(p, r);
        else if (ls[0] == '+')
            rc = error_set(p->e, p->file, p->line, 1,
                           _("'+' continues a field, but no field comes before it"));
        else
            rc = parse_field_line(p, r);
        if (rc < 0) {
            rec_record_free(r);
            return -1;
        }
    }
    /* A record of comments only is just text between records. */
    bool has_field = false;
    for (size_t i = 0; i < r->n_entries && !has_field; i++)
        has_field = r->entries[i].name != NULL;
    if (!has_field) {
        rec_record_free(r);
        struct rec_block b = { REC_BLOCK_TEXT, (char *)p->buf + start, p->pos - start, NULL };
        add_block(p->doc, b);
        return 0;
    }
    r->raw = p->inplace ? NULL : (char *)p->buf + start;
    r->raw_len = p->inplace ? 0 : p->pos - start;
    p->entries_hint = r->n_entries;
    set_record_type(p, r);
    struct rec_block b = { REC_BLOCK_RECORD, NULL, 0, r };
    add_block(p->doc, b);
    return 0;
}

static int check_text(const char *buf, size_t len, const char *file, struct error *e)
{
    size_t bad = utf8_invalid_offset(buf, len);
    const char *nul = memchr(buf, '\0', len);
    if (nul && (size_t)(nul - buf) < bad)
        bad = (size_t)(nul - buf);
    if (bad == len)
        return 0;
    long line = 1;
    size_t ls = 0;
    for (size_t i = 0; i < bad; i++)
        if (buf[i] == '\n') {
            line++;
            ls = i + 1;
        }
    int rc;
    if (buf[bad] == '\0')
        rc = error_set(e, file, line, (long)utf8_count(buf + ls, bad - ls) + 1,
                       _("NUL byte at byte %zu: expected UTF-8 text"), bad);
    else
        rc = error_set(e, file, line, (long)utf8_count(buf + ls, bad - ls) + 1,
                       _("invalid UTF-8 byte %02X at byte %zu: expected UTF-8 text"),
                       (unsigned char)buf[bad], bad);
    if (e)
        e->offset = (long long)bad;
    return rc;
}

static struct rec_doc *parse_doc(struct rec_doc *doc, char *copy, size_t len, const char *file,
                                 bool inplace, struct error *e);

struct rec_doc *rec_parse(const char *buf, size_t len, const char *file, struct error *e)
{
    error_clear(e);
    if (check_text(buf, len, file, e) < 0)
        return NULL;
    struct rec_doc *doc = rec_doc_new();
    char *copy = doc_own(doc, xmalloc(len + 1));
    memcpy(copy, buf, len);
    copy[len] = '\0';
    return parse_doc(doc, copy, len, file, false, e);
}

static struct rec_doc *parse_taken(char *buf, size_t len, const char *file, bool inplace,
                                   struct error *e)
{
    error_clear(e);
    if (check_text(buf, len, file, e) < 0) {
        free(buf);
        return NULL;
    }
    struct rec_doc *doc = rec_doc_new();
    doc_own(doc, buf);
    return parse_doc(doc, buf, len, file, inplace, e);
}

struct rec_doc *rec_parse_take(char *buf, size_t len, const char *file, struct error *e)
{
    return parse_taken(buf, len, file, false, e);
}

struct rec_doc *rec_parse_take_readonly(char *buf, size_t len, const char *file, struct error *e)
{
    return parse_taken(buf, len, file, true, e);
}

static struct rec_doc *parse_doc(struct rec_doc *doc, char *copy, size_t len, const char *file,
                                 bool inplace, struct error *e)
{
    struct parser p = { copy, len, 0, 1, file, e, doc, NULL, inplace, 0 };
    size_t text_from = 0;
    while (p.pos < p.len) {
        size_t end = line_end(&p, p.pos);
        const char *ls = p.buf + p.pos;
        if (is_blank_line(ls, end - p.pos) || ls[0] == '#') {
            p.pos = end < p.len ? end + 1 : end;
            p.line++;
            continue;
        }
        /* Comments directly above a record belong to the text before it. */
        finish_text(&p, text_from);
        if (parse_record(&p) < 0) {
            free(p.type);
            rec_doc_free(doc);
            return NULL;
        }
        text_from = p.pos;
    }
    finish_text(&p, text_from);
    free(p.type);
    return doc;
}

/* ---- records and entries ---------------------------------------------- */

struct rec_record *rec_record_new(void)
{
    return xcalloc(1, sizeof(struct rec_record));
}

static void entry_free(struct rec_entry *en)
{
    if (!en->name_borrowed)
        free(en->name);
    if (!en->borrowed)
        free(en->value);
}

void rec_record_free(struct rec_record *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_entries; i++)
        entry_free(&r->entries[i]);
    free(r->entries);
    free(r->type);
    free(r);
}

void rec_doc_free(struct rec_doc *doc)
{
    if (!doc)
        return;
    struct rec_doc_private *d = (struct rec_doc_private *)doc;
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (doc->blocks[i].kind == REC_BLOCK_RECORD)
            rec_record_free(doc->blocks[i].record);
    free(doc->blocks);
    for (size_t i = 0; i < d->n_owned; i++)
        free(d->owned[i]);
    free(d->owned);
    free(d);
}

struct rec_entry *rec_find(const struct rec_record *r, const char *name)
{
    long i = rec_find_index(r, name);
    return i < 0 ? NULL : &r->entries[i];
}

long rec_find_index(const struct rec_record *r, const char *name)
{
    for (size_t i = 0; i < r->n_entries; i++)
        if (r->entries[i].name && strcmp(r->entries[i].name, name) == 0)
            return (long)i;
    return -1;
}

size_t rec_count(const struct rec_record *r, const char *name)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_entries; i++)
        if (r->entries[i].name && strcmp(r->entries[i].name, name) == 0)
            n++;
    return n;
}

void rec_entry_set(struct rec_record *r, struct rec_entry *en, const char *value, size_t len)
{
    char *v = xstrndup(value, len);
    if (!en->borrowed)
        free(en->value);
    en->borrowed = false;
    en->value = v;
    en->value_len = len;
    en->raw = NULL;
    en->raw_len = 0;
    r->raw = NULL;
}

struct rec_entry *rec_insert(struct rec_record *r, size_t pos, const char *name,
                             const char *value, size_t len)
{
    record_push(r);
    memmove(&r->entries[pos + 1], &r->entries[pos],
            (r->n_entries - 1 - pos) * sizeof(*r->entries));
    struct rec_entry *en = &r->entries[pos];
    memset(en, 0, sizeof(*en));
    en->name = xstrdup(name);
    en->value = xstrndup(value, len);
    en->value_len = len;
    r->raw = NULL;
    return en;
}

void rec_remove(struct rec_record *r, size_t pos)
{
    entry_free(&r->entries[pos]);
    memmove(&r->entries[pos], &r->entries[pos + 1],
            (r->n_entries - pos - 1) * sizeof(*r->entries));
    r->n_entries--;
    r->raw = NULL;
}

void rec_doc_add_text(struct rec_doc *doc, const char *text, size_t len)
{
    char *t = doc_own(doc, xstrndup(text, len));
    struct rec_block b = { REC_BLOCK_TEXT, t, len, NULL };
    add_block(doc, b);
}

void rec_doc_add_record(struct rec_doc *doc, struct rec_record *r)
{
    struct rec_block b = { REC_BLOCK_RECORD, NULL, 0, r };
    add_block(doc, b);
}

void rec_doc_insert_record_after(struct rec_doc *doc, size_t after, struct rec_record *r)
{
    xgrow((void **)&doc->blocks, &doc->cap_blocks, doc->n_blocks + 2, sizeof(*doc->blocks));
    size_t at = after + 1;
    memmove(&doc->blocks[at + 2], &doc->blocks[at], (doc->n_blocks - at) * sizeof(*doc->blocks));
    char *sep = doc_own(doc, xstrdup("\n"));
    doc->blocks[at] = (struct rec_block){ REC_BLOCK_TEXT, sep, 1, NULL };
    doc->blocks[at + 1] = (struct rec_block){ REC_BLOCK_RECORD, NULL, 0, r };
    doc->n_blocks += 2;
}

/* ---- writing ---------------------------------------------------------- */

static bool line_needs_join_guard(const char *s, size_t n)
{
    return n > 0 && s[n - 1] == '\\';
}

/*
 * One value line.  A line ending in a backslash would join the next
 * physical line when read back, so it is written as "...\\" followed by
 * an empty physical line: the reader removes the last backslash and the
 * newline, joins the empty line, and gets the value back exactly.
 */
static void format_value_line(struct strbuf *out, const char *s, size_t n)
{
    strbuf_add(out, s, n);
    if (line_needs_join_guard(s, n))
        strbuf_addstr(out, "\\\n");
    strbuf_addch(out, '\n');
}

void rec_format_field(struct strbuf *out, const char *name, const char *value, size_t value_len)
{
    strbuf_addstr(out, name);
    strbuf_addch(out, ':');
    const char *s = value;
    const char *end = value + value_len;
    bool first = true;
    for (;;) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        if (!first)
            strbuf_addch(out, '+');
        if (n > 0)
            strbuf_addch(out, ' ');
        format_value_line(out, s, n);
        first = false;
        if (!nl)
            break;
        s = nl + 1;
    }
}

static void ensure_newline(struct strbuf *out)
{
    if (out->len > 0 && out->buf[out->len - 1] != '\n')
        strbuf_addch(out, '\n');
}

/*
 * A raw entry that ends in a backslash joined the end of the file: written
 * as it was, it would swallow whatever comes after it (a field or record
 * added later).  Such an entry is written afresh when anything follows.
 */
static bool raw_joins_end(const char *raw, size_t n)
{
    return (n >= 1 && raw[n - 1] == '\\') || (n >= 2 && raw[n - 2] == '\\' && raw[n - 1] == '\n');
}

static void write_entry(const struct rec_entry *en, bool followed, struct strbuf *out)
{
    if (en->raw && !(followed && en->name && raw_joins_end(en->raw, en->raw_len)))
        strbuf_add(out, en->raw, en->raw_len);
    else if (en->name)
        rec_format_field(out, en->name, en->value, en->value_len);
    else {
        strbuf_add(out, en->value, en->value_len);
        strbuf_addch(out, '\n');
    }
}

static void write_record(const struct rec_record *r, bool followed, struct strbuf *out)
{
    if (r->raw && !(followed && raw_joins_end(r->raw, r->raw_len))) {
        strbuf_add(out, r->raw, r->raw_len);
        return;
    }
    for (size_t i = 0; i < r->n_entries; i++) {
        ensure_newline(out);
        write_entry(&r->entries[i], followed || i + 1 < r->n_entries, out);
    }
}

void rec_write(const struct rec_doc *doc, struct strbuf *out)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const struct rec_block *b = &doc->blocks[i];
        if (i > 0)
            ensure_newline(out);
        if (b->kind == REC_BLOCK_TEXT)
            strbuf_add(out, b->text, b->text_len);
        else
            write_record(b->record, i + 1 < doc->n_blocks, out);
    }
}
