/*
 * import.c - the import pipeline: input -> decoder -> format reader ->
 * atomic output.  See import.h.
 */
#include "import.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "import_csv.h"
#include "import_sheet.h"
#include "rules.h"
#include "outfile.h"
#include "sheet.h"

/* ---- formats ------------------------------------------------------------------ */

static const char *const format_names[] = { "auto", "rec", "csv", "sheet" };

int import_format_parse(const char *name, enum import_format *fmt, struct error *e)
{
    for (size_t i = 0; i < ARRAY_LEN(format_names); i++)
        if (strcasecmp(name, format_names[i]) == 0) {
            *fmt = (enum import_format)i;
            return 0;
        }
    return error_set(e, NULL, 0, 0, _("unknown format '%s' (expected auto, rec, csv or sheet)"),
                     name);
}

const char *import_format_name(enum import_format fmt)
{
    return (size_t)fmt < ARRAY_LEN(format_names) ? format_names[fmt] : "?";
}

static bool blank_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* "Name:" then a blank or the end: a recutils field line. */
static bool field_line(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] != ':')
        i++;
    if (i == n || !rec_valid_name(s, i))
        return false;
    return i + 1 == n || blank_byte(s[i + 1]);
}

static const char *skip_blanks(const char *s, const char *end)
{
    for (;;) {
        if (s < end && blank_byte(*s))
            s++;
        else if (end - s >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0)
            s += 3;
        else
            return s;
    }
}

/* 取組項目N: the label, blanks, digits (ASCII or full-width), blanks, nothing else. */
static bool item_heading(const char *s, size_t n, const char *label)
{
    size_t ln = strlen(label);
    if (n < ln || memcmp(s, label, ln) != 0)
        return false;
    const char *p = skip_blanks(s + ln, s + n), *end = s + n;
    size_t digits = 0;
    for (;;) {
        if (p < end && *p >= '0' && *p <= '9')
            p++;
        else if (end - p >= 3 && memcmp(p, "\xEF\xBC", 2) == 0 &&
                 (unsigned char)p[2] >= 0x90 && (unsigned char)p[2] <= 0x99)
            p += 3;
        else
            break;
        digits++;
    }
    return digits > 0 && skip_blanks(p, end) == end;
}

static bool has_bracket(const char *s, size_t n)
{
    const char *end = s + n;
    while (end - s >= 3 && (s = memchr(s, '\xE3', (size_t)(end - s - 2))) != NULL) {
        if (memcmp(s, "【", 3) == 0)
            return true;
        s++;
    }
    return false;
}

enum import_format import_detect_format(const char *text, size_t len, const char *item_label)
{
    const char *label = item_label ? item_label : "取組項目";
    const char *p = text, *end = text + len;
    bool first = true, heading = false, bracket = false, csv = false;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (n >= 5 && memcmp(p, "%rec:", 5) == 0)
            return IMPORT_FORMAT_REC;
        const char *s = skip_blanks(p, p + n);
        if (first && s < p + n && *p != '#') {
            if (field_line(p, n))
                return IMPORT_FORMAT_REC;
            if (memchr(p, ',', n))
                csv = true;
            first = false;
        }
        heading = heading || item_heading(s, (size_t)(p + n - s), label);
        bracket = bracket || has_bracket(p, n);
        p = nl ? nl + 1 : end;
    }
    return heading && bracket && !csv ? IMPORT_FORMAT_SHEET : IMPORT_FORMAT_CSV;
}

/* ---- the pipeline's state ---------------------------------------------------------- */

struct run {
    const struct import_options *o;
    struct import_report *rep;
    const char *name;               /* the input in messages */
    int fd;
    char *raw;                      /* read buffer, ENCODING_CHUNK bytes */
    struct encoding_decoder *dec;
    bool eof;
    struct strbuf text;             /* decoded, not yet consumed */
    struct outfile *out;
    bool regular;                   /* the input is a regular file (else a pipe, a device) */
    bool refused;                   /* a read stopped on bad input (refuse_piece) */
    bool fifo_unread;               /* a named FIFO not read yet: is anything writing to it? */
    long long offset;               /* bytes read so far */
};

/* The decoder's own warnings: their lines are the input's already. */
static void forward_decoder_warning(void *ctx, const struct error *w)
{
    struct run *r = ctx;
    r->rep->warnings++;
    if (r->o->warn)
        r->o->warn(r->o->warn_ctx, w);
}

/*
 * What the parsers report counts the decoded text's lines; a lone CR inside
 * a line became a line break there, so its line goes back to the input's.
 */
static void to_input_line(const struct run *r, struct error *e)
{
    if (r->dec && e->line > 0)
        e->line = encoding_decoder_source_line(r->dec, e->line);
}

static void forward_warning(void *ctx, const struct error *w)
{
    struct run *r = ctx;
    struct error at_input = *w;
    to_input_line(r, &at_input);
    forward_decoder_warning(r, &at_input);
}

static void warn_text(struct run *r, long line, const char *msg)
{
    struct error w;
    error_set(&w, r->name, line, 0, "%s", msg);
    forward_warning(r, &w);
}

/*
 * What a read must never let through: UTF-16 (named, not left to fail as
 * "not CP932"), and from a pipe or a device (/dev/zero never ends) a NUL
 * byte or more than READ_NON_REGULAR_MAX bytes.  A regular file's NUL is
 * reported by the parsers, with its line and cell.
 */
static int refuse_piece(struct run *r, size_t n, struct error *e)
{
    const unsigned char *p = (const unsigned char *)r->raw;
    if (r->offset == 0 && n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
        return error_set(e, r->name, 1, 1, _("UTF-16 text (byte order mark %02X %02X): save it as "
                                             "UTF-8 or CP932 (Excel: \"CSV UTF-8\")"), p[0], p[1]);
    if (r->regular)
        return 0;
    const char *nul = memchr(r->raw, '\0', n);
    if (nul)
        return error_set(e, r->name, 0, 0, _("NUL byte at byte %lld: the input is not text"),
                         r->offset + (long long)(nul - r->raw));
    if (r->offset + (long long)n > (long long)READ_NON_REGULAR_MAX)
        return error_set(e, r->name, 0, 0, _("more than %zu MiB from a pipe or a device: a sheet "
                                             "is never that big"), READ_NON_REGULAR_MAX >> 20);
    return 0;
}

static int read_some(struct run *r, size_t *got, struct error *e)
{
    for (;;) {
        ssize_t n = r->fifo_unread ? read_fifo_first(r->fd, r->raw, ENCODING_CHUNK, r->name, e)
                                   : read(r->fd, r->raw, ENCODING_CHUNK);
        r->fifo_unread = false;
        if (n == FIFO_NO_WRITER)
            return -1;
        if (n >= 0) {
            *got = (size_t)n;
            if (refuse_piece(r, *got, e) < 0) {
                r->refused = true;
                return -1;
            }
            r->offset += n;
            return 0;
        }
        if (errno != EINTR)
            return error_set(e, r->name, 0, 0, "%s", strerror(errno));
    }
}

/*
 * Auto-detection on a regular file: is it all UTF-8?  Reads it through
 * once and goes back to the start.  Returns 1 (UTF-8), 0 (not), -1 (I/O).
 */
static int prescan_utf8(struct run *r, struct error *e)
{
    struct stat sb;
    if (fstat(r->fd, &sb) < 0 || !S_ISREG(sb.st_mode) || lseek(r->fd, 0, SEEK_CUR) != 0)
        return 0;
    struct encoding_options eo;
    memset(&eo, 0, sizeof(eo));
    eo.encoding = ENCODING_UTF8;
    eo.keep_cr = true;
    struct error ignored;
    struct encoding_decoder *d = encoding_decoder_new(&eo, &ignored);
    if (!d)
        return 0;
    struct strbuf scratch = STRBUF_INIT;
    int utf8 = 1;
    for (;;) {
        size_t n;
        if (read_some(r, &n, e) < 0) {
            utf8 = -1;
            break;
        }
        if (n == 0) {
            if (encoding_decoder_finish(d, &scratch, &ignored) < 0)
                utf8 = 0;
            break;
        }
        if (encoding_decoder_feed(d, r->raw, n, &scratch, &ignored) < 0) {
            utf8 = 0;
            break;
        }
        strbuf_reset(&scratch);
    }
    encoding_decoder_free(d);
    strbuf_release(&scratch);
    if (utf8 >= 0 && lseek(r->fd, 0, SEEK_SET) != 0)
        return error_set(e, r->name, 0, 0, "%s", strerror(errno));
    r->offset = 0;
    return utf8;
}

static enum import_status open_input(struct run *r, struct error *e)
{
    const struct import_options *o = r->o;
    if (str_eq(o->input, "-")) {
        r->fd = STDIN_FILENO;
        r->name = "<stdin>";
    } else {
        r->name = o->input;
        /* Never blocks in open() (a FIFO without a writer); a directory is refused. */
        struct stat sb;
        r->fd = open_for_reading(o->input, &sb, e);
        if (r->fd < 0)
            return IMPORT_TROUBLE;
        r->fifo_unread = S_ISFIFO(sb.st_mode);
    }
    struct stat in;
    r->regular = fstat(r->fd, &in) == 0 && S_ISREG(in.st_mode);
    r->raw = xmalloc(ENCODING_CHUNK);
    enum encoding enc = o->encoding;
    if (enc == ENCODING_AUTO) {
        int u = prescan_utf8(r, e);
        if (u < 0)
            return r->refused ? IMPORT_BAD_INPUT : IMPORT_TROUBLE;
        if (u == 1) {
            enc = ENCODING_UTF8;
            r->rep->encoding_detected = true;
        }
    }
    r->rep->encoding = enc;
    struct encoding_options eo;
    memset(&eo, 0, sizeof(eo));
    eo.encoding = enc;
    eo.gaiji = o->gaiji;
    eo.file = r->name;
    eo.warn = forward_decoder_warning;
    eo.warn_ctx = r;
    r->dec = encoding_decoder_new(&eo, e);
    return r->dec ? IMPORT_OK : IMPORT_TROUBLE;
}

/*
 * Read and decode the next piece, appended to r->text.  Returns 1 when
 * more may follow, 0 at the end of the input (all decoded), or -1 with
 * *st and e set.
 */
static int next_piece(struct run *r, enum import_status *st, struct error *e)
{
    if (r->eof)
        return 0;
    size_t n;
    if (read_some(r, &n, e) < 0) {
        *st = r->refused ? IMPORT_BAD_INPUT : IMPORT_TROUBLE;
        return -1;
    }
    int rc = n ? encoding_decoder_feed(r->dec, r->raw, n, &r->text, e)
               : encoding_decoder_finish(r->dec, &r->text, e);
    if (rc < 0) {
        *st = IMPORT_BAD_INPUT;
        return -1;
    }
    if (n == 0) {
        r->eof = true;
        const struct encoding_info *info = encoding_decoder_info(r->dec);
        if (r->rep->encoding == ENCODING_AUTO && info->used != ENCODING_AUTO) {
            r->rep->encoding = info->used;
            r->rep->encoding_detected = true;
        }
        return 0;
    }
    return 1;
}

/* ---- output ------------------------------------------------------------------------- */

static int sink_write(void *ctx, const char *data, size_t n, struct error *e)
{
    struct run *r = ctx;
    return outfile_write(r->out, data, n, e);
}

static enum import_status sink_commit(struct run *r, struct error *e)
{
    enum save_result sr = outfile_commit(r->out, e);
    r->out = NULL;
    if (sr == SAVE_FAILED)
        return IMPORT_TROUBLE;
    r->rep->unconfirmed = sr == SAVE_UNCONFIRMED;
    return IMPORT_OK;
}

/* ---- formats ---------------------------------------------------------------------- */

static enum import_status run_csv(struct run *r, struct form *form, struct error *e)
{
    struct import_csv_options co = {
        .form = form, .file = r->name, .ward = r->o->ward, .year = r->o->year,
        .write = sink_write, .write_ctx = r, .warn = forward_warning, .warn_ctx = r,
    };
    struct import_csv *ic = import_csv_new(&co);
    enum import_status st = IMPORT_OK;
    int more = 1;
    for (;;) {
        if (import_csv_feed(ic, r->text.buf ? r->text.buf : "", r->text.len, e) < 0)
            break;
        strbuf_reset(&r->text);
        if (more == 0) {
            if (import_csv_finish(ic, e) == 0)
                st = sink_commit(r, e);
            else
                break;
            goto done;
        }
        more = next_piece(r, &st, e);
        if (more < 0)
            goto done;
    }
    to_input_line(r, e);    /* the CSV's error, not the decoder's */
    st = import_csv_failure(ic) == IMPORT_CSV_INPUT ? IMPORT_BAD_INPUT : IMPORT_TROUBLE;
done:
    r->rep->items = import_csv_stats(ic)->items;
    import_csv_free(ic);
    return st;
}

/* Append the rules' problems of s as warnings ("取組項目 N: FIELD: message"). */
static void warn_problems(struct run *r, const struct sheet *s)
{
    struct problem_list pl = { NULL, 0, 0 };
    /* rules_check_item() computes v + n: keep v non-NULL (NULL + 0 is undefined). */
    xgrow((void **)&pl.v, &pl.cap, 16, sizeof(*pl.v));
    rules_check_all(s, &pl);
    struct strbuf msg = STRBUF_INIT;
    for (size_t i = 0; i < pl.n; i++) {
        const struct problem *p = &pl.v[i];
        strbuf_reset(&msg);
        if (p->item >= 0)
            strbuf_addf(&msg, "%s %ld: ", s->form->item_label,
                        item_number(s, &s->items[p->item]));
        else
            strbuf_addf(&msg, "%s: ", s->form->sheet_type);
        strbuf_addf(&msg, "%s: ", problem_field_name(s->form, p));
        problem_message(s, p, &msg);
        warn_text(r, p->line, msg.buf);
    }
    strbuf_release(&msg);
    problems_free(&pl);
}

static enum import_status read_all(struct run *r, struct error *e)
{
    enum import_status st = IMPORT_OK;
    int more;
    while ((more = next_piece(r, &st, e)) > 0)
        ;
    return more < 0 ? st : IMPORT_OK;
}

static enum import_status write_sheet(struct run *r, const struct sheet *s, struct error *e)
{
    warn_problems(r, s);
    r->rep->items = s->n_items;
    struct strbuf out = STRBUF_INIT;
    sheet_write(s, &out);
    int rc = sink_write(r, out.buf ? out.buf : "", out.len, e);
    strbuf_release(&out);
    return rc < 0 ? IMPORT_TROUBLE : sink_commit(r, e);
}

/* --ward/--year against a rec input's header: fill what is missing, refuse a conflict. */
static enum import_status rec_header_field(struct run *r, struct sheet *s, const char *name,
                                           const char *opt, const char *option, struct error *e)
{
    struct rec_entry *en = rec_find(s->header, name);
    if (en && opt && !str_eq(en->value, opt)) {
        error_set(e, r->name, en->line, 0, _("%s is \"%s\" here, but %s says \"%s\""), name,
                  en->value, option, opt);
        return IMPORT_BAD_INPUT;
    }
    if (!en && opt)
        rec_insert(s->header, s->header->n_entries, name, opt, strlen(opt));
    else if (!en || !en->value[0]) {
        error_set(e, r->name, s->header->line, 0,
                  _("the %s record has no %s: give %s"), s->form->sheet_type, name, option);
        return IMPORT_TROUBLE;
    }
    return IMPORT_OK;
}

static enum import_status run_rec(struct run *r, struct error *e)
{
    enum import_status st = read_all(r, e);
    if (st != IMPORT_OK)
        return st;
    struct sheet *s = sheet_parse(strbuf_cstr(&r->text), r->text.len, r->name, r->o->form, e);
    if (!s) {
        to_input_line(r, e);
        return IMPORT_BAD_INPUT;
    }
    char year[24] = "";
    if (r->o->year > 0)
        snprintf(year, sizeof(year), "%ld", r->o->year);
    if (!s->header) {
        error_set(e, r->name, 0, 0, _("no %s record: this is not a sheet (a CSV or sheet text "
                                      "needs --format csv or --format sheet)"),
                  s->form->sheet_type);
        st = IMPORT_BAD_INPUT;
    } else if ((st = rec_header_field(r, s, "Ward", r->o->ward, "--ward", e)) == IMPORT_OK)
        st = rec_header_field(r, s, "FiscalYear", year[0] ? year : NULL, "--year", e);
    if (st == IMPORT_OK)
        st = write_sheet(r, s, e);
    to_input_line(r, e);
    sheet_free(s);
    return st;
}

static void sheet_warnings(struct run *r, const struct form *form, const struct import_sheet *in)
{
    struct strbuf msg = STRBUF_INIT;
    for (size_t i = 0; i < in->n_warnings; i++) {
        const struct import_warning *w = &in->warnings[i];
        strbuf_reset(&msg);
        if (w->item > 0)
            strbuf_addf(&msg, "%s %ld: ", form->item_label, w->item);
        strbuf_addstr(&msg, w->msg);
        struct error we;
        error_set(&we, r->name, w->line, w->column, "%s", msg.buf);
        forward_warning(r, &we);
    }
    strbuf_release(&msg);
}

/*
 * Ward and year: --ward / --year, else what the heading torikumi prints says
 * (import_sheet.h); a heading that disagrees with an option is a warning.
 */
static int sheet_ward_year(struct run *r, const struct import_sheet *in, const char **ward,
                           long *year, struct error *e)
{
    *ward = r->o->ward ? r->o->ward : in->ward;
    /* the heading's year within what --year takes (cmd_import.c) */
    long said = in->year >= 1989 && in->year <= 2200 ? in->year : 0;
    *year = r->o->year > 0 ? r->o->year : said;
    struct error we;
    if (r->o->ward && in->ward && !str_eq(r->o->ward, in->ward)) {
        error_set(&we, r->name, in->year_line, 0, _("the heading says ward %s; --ward %s used"),
                  in->ward, r->o->ward);
        forward_warning(r, &we);
    }
    if (r->o->year > 0 && said > 0 && r->o->year != said) {
        error_set(&we, r->name, in->year_line, 0, _("the heading says year %ld; --year %ld used"),
                  said, r->o->year);
        forward_warning(r, &we);
    }
    if (*ward && *year > 0)
        return 0;
    error_set(e, r->name, 0, 0, "%s",
              !*ward && *year <= 0
                  ? _("the sheet text does not say its ward and fiscal year: give --ward "
                      "WARD --year YEAR")
                  : !*ward ? _("the sheet text does not say its ward: give --ward WARD")
                           : _("the sheet text does not say its fiscal year: give "
                               "--year YEAR"));
    return -1;
}

/* The sheet text layout (import_sheet.h): read whole, parse, fill a new sheet. */
static enum import_status run_sheet(struct run *r, struct form *form, struct error *e)
{
    struct import_sheet_vocab vocab;
    if (import_sheet_vocab_from_form(&vocab, form, e) < 0)
        return IMPORT_TROUBLE;
    enum import_status st = read_all(r, e);
    if (st != IMPORT_OK)
        return st;
    struct import_sheet in;
    if (import_sheet_parse(strbuf_cstr(&r->text), r->text.len, r->name, &vocab, &in, e) < 0) {
        to_input_line(r, e);
        return IMPORT_BAD_INPUT;
    }
    const char *ward;
    long year;
    if (sheet_ward_year(r, &in, &ward, &year, e) < 0) {
        import_sheet_free(&in);
        return IMPORT_TROUBLE;
    }
    sheet_warnings(r, form, &in);
    struct sheet *s = sheet_new(form, ward, (int)year, in.title);
    if (import_sheet_fill(&in, s, e) < 0) {
        if (!e->file[0])
            snprintf(e->file, sizeof(e->file), "%s", r->name);
        st = IMPORT_BAD_INPUT;
    } else
        st = write_sheet(r, s, e);
    to_input_line(r, e);
    sheet_free(s);
    import_sheet_free(&in);
    return st;
}

enum import_status import_run(const struct import_options *o, struct import_report *rep,
                              struct error *e)
{
    memset(rep, 0, sizeof(*rep));
    error_clear(e);
    struct run r;
    memset(&r, 0, sizeof(r));
    r.o = o;
    r.rep = rep;
    r.fd = -1;
    r.out = outfile_new(o->output);
    rep->format = o->format;
    enum import_status st = open_input(&r, e);
    /* Decode at least a read's worth before deciding the format. */
    int more = 1;
    while (st == IMPORT_OK && more > 0 && r.text.len < ENCODING_CHUNK)
        more = next_piece(&r, &st, e);
    struct form *builtin = NULL;
    if (st == IMPORT_OK) {
        if (rep->format == IMPORT_FORMAT_AUTO) {
            rep->format = import_detect_format(strbuf_cstr(&r.text), r.text.len,
                                               o->form ? o->form->item_label : NULL);
            rep->format_detected = true;
        }
        if (o->picked)
            o->picked(o->picked_ctx, rep);
        struct form *form = o->form;
        if (!form && rep->format != IMPORT_FORMAT_REC)
            form = builtin = form_builtin();
        switch (rep->format) {
        case IMPORT_FORMAT_REC: st = run_rec(&r, e); break;
        case IMPORT_FORMAT_SHEET: st = run_sheet(&r, form, e); break;
        default: st = run_csv(&r, form, e); break;
        }
    }
    outfile_abort(r.out);
    form_free(builtin);
    encoding_decoder_free(r.dec);
    if (r.fd > STDIN_FILENO)
        close(r.fd);
    free(r.raw);
    strbuf_release(&r.text);
    return st;
}
