/*
 * encoding.c - decoding CP932 and UTF-8 to UTF-8 (streamed, with exact
 * error positions) and auto-detection; encoding_export.c does the other
 * direction.
 *
 * The hot path converts up to 64 KiB with one iconv() call, then scans
 * what it produced with memchr(): for CR (newline folding), for 0xEE
 * (private use output, i.e. gaiji, rare) and for LF on the input side
 * (line numbers).  Positions are carried from slice to slice; a position
 * inside a slice is computed by rescanning it only when something must
 * be reported.  Nothing here works byte by byte on ordinary text except
 * the column count of the last line of a slice.
 */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "utf8.h"

#define MAX_CHAR 4      /* longest character in either encoding, in bytes */
#define ICONV_FAILED ((size_t)-1)

/* A place in the input.  col is the number of characters before it on its line. */
struct pos {
    long long offset;
    long line;
    long col;
};

/* A bad or truncated sequence, described for messages. */
struct bad {
    struct pos at;
    bool truncated;
    bool gaiji;          /* a user-defined character refused by policy */
    unsigned char bytes[MAX_CHAR];
    size_t nbytes;
};

struct encoding_decoder {
    struct encoding_options opt;
    enum encoding enc;          /* ENCODING_AUTO until decided */
    iconv_t cd;
    bool corrected;             /* JIS-style iconv: six codes handled here */
    bool trusted;               /* UTF-8 input already validated */
    bool failed;
    bool pending_cr;            /* output ended in CR; the next input byte decides */
    unsigned char carry[MAX_CHAR];
    size_t ncarry;              /* incomplete character held from the last feed */
    struct pos at;              /* first byte not yet consumed (carry included) */
    struct encoding_info info;
    struct bad bad;             /* what ended decoding */
    struct error err;
    /* Auto-detection, streamed: see auto_slice(). */
    struct strbuf held;         /* input from the first non-ASCII byte, valid UTF-8 so far */
    size_t held_ok;             /* held[0..held_ok) checked; the rest is an incomplete character */
    bool switched;              /* auto found it is not UTF-8 and went on as CP932 */
    struct bad not_utf8;        /* why, once switched */
    /* Line numbers of the output against the input's (see encoding_decoder_source_line). */
    enum { LINES_UNKNOWN, LINES_LF, LINES_CR } line_style;  /* decided by the first line end */
    long out_lines;             /* LFs written to the output so far */
    long *inner_cr;             /* output lines ended by an LF that was a lone CR inside a line */
    size_t n_inner_cr, cap_inner_cr;
};

/* ---- iconv and its self check ---- */

static size_t real_iconv(void *cd, char **in, size_t *inleft, char **out, size_t *outleft)
{
    return iconv((iconv_t)cd, in, inleft, out, outleft);
}

static encoding_iconv_fn decode_iconv = real_iconv;
static int iconv_status = -1;   /* enum encoding_iconv_status, or -1: not checked */

void encoding_test_set_iconv(encoding_iconv_fn fn)
{
    decode_iconv = fn ? fn : real_iconv;
    iconv_status = -1;
}

enum encoding_iconv_status encoding_iconv_check(void)
{
    if (iconv_status >= 0)
        return (enum encoding_iconv_status)iconv_status;
    iconv_t cd = iconv_open("UTF-8", "CP932");
    if (cd == (iconv_t)-1) {
        iconv_status = ENCODING_ICONV_MISSING;
        return ENCODING_ICONV_MISSING;
    }
    char in[] = "\x81\x60", out[16];
    char *ip = in, *op = out;
    size_t il = 2, ol = sizeof(out);
    size_t r = decode_iconv(cd, &ip, &il, &op, &ol);
    bool exact = r != ICONV_FAILED && il == 0 && op - out == 3 && memcmp(out, "\xEF\xBD\x9E", 3) == 0;
    iconv_close(cd);
    iconv_status = exact ? ENCODING_ICONV_EXACT : ENCODING_ICONV_CORRECTED;
    return (enum encoding_iconv_status)iconv_status;
}

/* ---- names ---- */

int encoding_parse(const char *name, enum encoding *enc, struct error *e)
{
    static const char *const cp932[] = {
        "cp932", "shift-jis", "shift_jis", "sjis", "windows-31j", "ms932",
    };
    if (strcasecmp(name, "auto") == 0) {
        *enc = ENCODING_AUTO;
        return 0;
    }
    if (strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0) {
        *enc = ENCODING_UTF8;
        return 0;
    }
    for (size_t i = 0; i < ARRAY_LEN(cp932); i++) {
        if (strcasecmp(name, cp932[i]) == 0) {
            *enc = ENCODING_CP932;
            return 0;
        }
    }
    return error_set(e, NULL, 0, 0,
                     _("unknown encoding '%s' (use auto, utf-8, cp932, shift-jis, sjis, "
                       "windows-31j or ms932)"), name);
}

const char *encoding_name(enum encoding enc)
{
    switch (enc) {
    case ENCODING_UTF8:
        return "UTF-8";
    case ENCODING_CP932:
        return "CP932";
    case ENCODING_AUTO:
        break;
    }
    return "auto";
}

int encoding_parse_gaiji(const char *name, enum encoding_gaiji *mode, struct error *e)
{
    if (strcasecmp(name, "warn") == 0)
        *mode = ENCODING_GAIJI_WARN;
    else if (strcasecmp(name, "error") == 0)
        *mode = ENCODING_GAIJI_ERROR;
    else
        return error_set(e, NULL, 0, 0, _("unknown gaiji mode '%s' (use warn or error)"), name);
    return 0;
}

/* ---- byte classes and positions ---- */

static bool cp932_lead(unsigned char b)
{
    return (b >= 0x81 && b <= 0x9F) || (b >= 0xE0 && b <= 0xFC);
}

/* Bytes a UTF-8 sequence starting with b takes, 0 when b cannot start one. */
static size_t utf8_need(unsigned char b)
{
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF)
        return 2;
    if (b >= 0xE0 && b <= 0xEF)
        return 3;
    if (b >= 0xF0 && b <= 0xF4)
        return 4;
    return 0;
}

/* True when p[0..n) is the start of a valid UTF-8 sequence that needs more bytes. */
static bool utf8_incomplete(const unsigned char *p, size_t n)
{
    size_t need = utf8_need(p[0]);
    if (need <= 1 || n >= need)
        return false;
    for (size_t i = 1; i < n; i++) {
        unsigned char lo = 0x80, hi = 0xBF;
        if (i == 1 && p[0] == 0xE0)
            lo = 0xA0;
        else if (i == 1 && p[0] == 0xED)
            hi = 0x9F;
        else if (i == 1 && p[0] == 0xF0)
            lo = 0x90;
        else if (i == 1 && p[0] == 0xF4)
            hi = 0x8F;
        if (p[i] < lo || p[i] > hi)
            return false;
    }
    return true;
}

static long count_chars(enum encoding enc, const unsigned char *p, size_t n)
{
    long count = 0;
    if (enc == ENCODING_CP932) {
        for (size_t i = 0; i < n; count++)
            i += cp932_lead(p[i]) ? 2 : 1;
    } else {
        for (size_t i = 0; i < n; i++)
            count += (p[i] & 0xC0) != 0x80;
    }
    return count;
}

/* Move at over p[0..n), which starts and ends on character boundaries. */
static void advance(struct pos *at, enum encoding enc, const unsigned char *p, size_t n)
{
    const unsigned char *end = p + n, *q = p, *last = NULL;
    at->offset += (long long)n;
    while (q < end && (q = memchr(q, '\n', (size_t)(end - q))) != NULL) {
        at->line++;
        last = q++;
    }
    if (last)
        at->col = count_chars(enc, last + 1, (size_t)(end - last - 1));
    else
        at->col += count_chars(enc, p, n);
}

static struct pos locate(enum encoding enc, const char *s, size_t off)
{
    struct pos at = { 0, 1, 0 };
    advance(&at, enc, (const unsigned char *)s, off);
    return at;
}

/* ---- messages ---- */

static void add_hex(struct strbuf *sb, const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        strbuf_addf(sb, i ? " %02X" : "%02X", b[i]);
}

/* "invalid CP932 sequence 81 20 at byte 13"; encname NULL leaves the encoding out. */
static void describe(struct strbuf *sb, const struct bad *b, const char *encname)
{
    strbuf_addstr(sb, b->truncated ? _("truncated ") : _("invalid "));
    if (encname)
        strbuf_addf(sb, "%s ", encname);
    strbuf_addstr(sb, b->nbytes == 1 && !b->truncated ? _("byte ") : _("sequence "));
    add_hex(sb, b->bytes, b->nbytes);
    strbuf_addf(sb, _(" at byte %lld"), b->at.offset);
}

static int bad_error(struct error *e, const char *file, const struct bad *b, const char *encname)
{
    struct strbuf sb = STRBUF_INIT;
    describe(&sb, b, encname);
    if (b->truncated)
        strbuf_addstr(&sb, _(" (end of input)"));
    error_set(e, file, b->at.line, b->at.col + 1, "%s", strbuf_cstr(&sb));
    if (e)
        e->offset = b->at.offset;
    strbuf_release(&sb);
    return -1;
}

static int neither_error(struct error *e, const char *file, const struct bad *u, const struct bad *c)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_addstr(&sb, _("not UTF-8 ("));
    describe(&sb, u, NULL);
    strbuf_addf(&sb, _(", line %ld, column %ld) and not CP932 ("), u->at.line, u->at.col + 1);
    describe(&sb, c, NULL);
    strbuf_addf(&sb, _(", line %ld, column %ld)"), c->at.line, c->at.col + 1);
    error_set(e, file, 0, 0, "%s", strbuf_cstr(&sb));
    strbuf_release(&sb);
    return -1;
}

static int stalled(struct encoding_decoder *d, struct error *e)
{
    d->failed = true;
    error_set(&d->err, d->opt.file, 0, 0, _("internal error: decoder stalled at byte %lld"),
              d->at.offset);
    if (e)
        *e = d->err;
    return -1;
}

static int decoder_fail(struct encoding_decoder *d, struct error *e)
{
    d->failed = true;
    if (d->switched && !d->bad.gaiji)
        neither_error(&d->err, d->opt.file, &d->not_utf8, &d->bad);
    else if (!d->bad.gaiji)   /* a refused gaiji wrote its message already */
        bad_error(&d->err, d->opt.file, &d->bad, encoding_name(d->enc));
    if (e)
        *e = d->err;
    return -1;
}

/* Invalid sequence at p (avail bytes there), d->at already moved to it. */
static int fail_invalid(struct encoding_decoder *d, const unsigned char *p, size_t avail,
                        struct error *e)
{
    memset(&d->bad, 0, sizeof(d->bad));
    d->bad.at = d->at;
    d->bad.nbytes = d->enc == ENCODING_CP932 && cp932_lead(p[0]) && avail >= 2 ? 2 : 1;
    memcpy(d->bad.bytes, p, d->bad.nbytes);
    return decoder_fail(d, e);
}

static int fail_truncated(struct encoding_decoder *d, struct error *e)
{
    memset(&d->bad, 0, sizeof(d->bad));
    d->bad.at = d->at;
    d->bad.truncated = true;
    d->bad.nbytes = d->ncarry;
    memcpy(d->bad.bytes, d->carry, d->ncarry);
    return decoder_fail(d, e);
}

/* ---- newlines ---- */

/*
 * Which line ends count as lines, as an editor that detects a file's line
 * ends counts them: LF and CRLF, and a lone CR only in a file whose first
 * line end is a lone CR (old Macintosh).  A lone CR inside a line of an
 * LF or CRLF file still becomes an LF in the output (a line break inside a
 * value), but the parsers that count the output's lines must not count it.
 */
static void note_lfs(struct encoding_decoder *d, const char *p, const char *end)
{
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        if (d->line_style == LINES_UNKNOWN)
            d->line_style = LINES_LF;
        d->out_lines++;
        p++;
    }
}

/* A lone CR is about to go out as an LF. */
static void note_lone_cr(struct encoding_decoder *d)
{
    if (d->line_style == LINES_UNKNOWN)
        d->line_style = LINES_CR;
    d->out_lines++;
    if (d->line_style == LINES_CR)
        return;
    xgrow((void **)&d->inner_cr, &d->cap_inner_cr, d->n_inner_cr + 1, sizeof(*d->inner_cr));
    d->inner_cr[d->n_inner_cr++] = d->out_lines;
}

long encoding_decoder_source_line(const struct encoding_decoder *d, long line)
{
    /* Inner CRs that ended output lines before this one: binary search (they are sorted). */
    size_t lo = 0, hi = d->n_inner_cr;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->inner_cr[mid] < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return line - (long)lo;
}

/* Before output for the input byte next: settle a CR held back from the last output. */
static void flush_cr(struct encoding_decoder *d, struct strbuf *out, unsigned char next)
{
    if (!d->pending_cr)
        return;
    d->pending_cr = false;
    if (next != '\n') {
        note_lone_cr(d);
        strbuf_addch(out, '\n');
    }
}

/* out->buf[from..len): CRLF -> LF, lone CR -> LF; a final CR is held back. */
static void fold_newlines(struct encoding_decoder *d, struct strbuf *out, size_t from)
{
    if (d->opt.keep_cr || from == out->len)
        return;
    char *end = out->buf + out->len;
    char *r = memchr(out->buf + from, '\r', out->len - from);
    note_lfs(d, out->buf + from, r ? r : end);
    if (!r)
        return;
    char *w = r;
    while (r < end) {
        if (r + 1 == end) {
            d->pending_cr = true;
            break;
        }
        if (r[1] != '\n') {
            note_lone_cr(d);
            *w++ = '\n';
        }
        r++;
        char *next = memchr(r, '\r', (size_t)(end - r));
        size_t n = (size_t)((next ? next : end) - r);
        note_lfs(d, r, r + n);
        memmove(w, r, n);
        w += n;
        r += n;
    }
    out->len = (size_t)(w - out->buf);
    out->buf[out->len] = '\0';
}

/* ---- CP932 ---- */

/*
 * Convert p[0..n) with iconv, appending to out.  *used is what was
 * consumed.  Returns 0 when everything was converted or the rest is an
 * incomplete character, 1 at an invalid sequence at p + *used.
 */
static int run_iconv(struct encoding_decoder *d, const unsigned char *p, size_t n,
                     struct strbuf *out, size_t *used)
{
    char *in = (char *)p;
    size_t inleft = n;
    int rc = 0;
    while (inleft > 0) {
        size_t room = 3 * inleft + 16;   /* no CP932 character takes more than 3x in UTF-8 */
        strbuf_grow(out, room);
        char *o = out->buf + out->len;
        size_t r = decode_iconv(d->cd, &in, &inleft, &o, &room);
        out->len = (size_t)(o - out->buf);
        if (r != ICONV_FAILED || errno == EINVAL)
            break;
        if (errno != E2BIG) {
            rc = 1;
            break;
        }
    }
    if (out->buf)
        out->buf[out->len] = '\0';
    *used = n - inleft;
    return rc;
}

/* UTF-8 for the six codes a JIS-style iconv gets wrong (lead byte 81). */
static const char *corrected_utf8(unsigned char trail)
{
    switch (trail) {
    case 0x60: return "\xEF\xBD\x9E";   /* U+FF5E FULLWIDTH TILDE */
    case 0x61: return "\xE2\x88\xA5";   /* U+2225 PARALLEL TO */
    case 0x7C: return "\xEF\xBC\x8D";   /* U+FF0D FULLWIDTH HYPHEN-MINUS */
    case 0x91: return "\xEF\xBF\xA0";   /* U+FFE0 FULLWIDTH CENT SIGN */
    case 0x92: return "\xEF\xBF\xA1";   /* U+FFE1 FULLWIDTH POUND SIGN */
    case 0xCA: return "\xEF\xBF\xA2";   /* U+FFE2 FULLWIDTH NOT SIGN */
    }
    return NULL;
}

/* Corrected mode: where iconv must not look, i.e. one of the six codes or a byte glibc rejects. */
static size_t next_special(const unsigned char *p, size_t i, size_t n)
{
    while (i < n) {
        unsigned char b = p[i];
        if (b < 0x80 || (b >= 0xA1 && b <= 0xDF)) {
            i++;
            continue;
        }
        if (b == 0x80 || b == 0xA0 || b >= 0xFD)
            return i;
        if (i + 1 >= n)
            break;
        if (b == 0x81 && corrected_utf8(p[i + 1]))
            return i;
        i += 2;
    }
    return n;
}

static uint32_t gaiji_codepoint(const unsigned char *p)
{
    return 0xE000u + 188u * (uint32_t)(p[0] - 0xF0) + (uint32_t)(p[1] < 0x80 ? p[1] - 0x40 : p[1] - 0x41);
}

/* A user-defined character at p, d->at already moved to it. */
static int gaiji(struct encoding_decoder *d, const unsigned char *p, struct error *e)
{
    uint32_t cp = gaiji_codepoint(p);
    d->info.gaiji++;
    if (d->opt.gaiji == ENCODING_GAIJI_ERROR) {
        memset(&d->bad, 0, sizeof(d->bad));
        d->bad.at = d->at;
        d->bad.gaiji = true;
        d->bad.nbytes = 2;
        memcpy(d->bad.bytes, p, 2);
        error_set(&d->err, d->opt.file, d->at.line, d->at.col + 1,
                  _("user-defined character %02X%02X (gaiji, private use U+%04X) at byte %lld "
                    "is not allowed"), p[0], p[1], (unsigned)cp, d->at.offset);
        d->err.offset = d->at.offset;
        return decoder_fail(d, e);
    }
    if (d->opt.warn) {
        struct error w;
        error_set(&w, d->opt.file, d->at.line, d->at.col + 1,
                  _("user-defined character %02X%02X (gaiji) at byte %lld decoded as private use U+%04X"),
                  p[0], p[1], d->at.offset, (unsigned)cp);
        w.offset = d->at.offset;
        d->opt.warn(d->opt.warn_ctx, &w);
    }
    return 0;
}

/*
 * p[0..n) was converted into out->buf[from..]; move d->at over it,
 * stopping at each user-defined character.  Private use output (lead
 * byte 0xEE) is the only sign of one, so ordinary text is not walked.
 */
static int pass_converted(struct encoding_decoder *d, const unsigned char *p, size_t n,
                          const struct strbuf *out, size_t from, struct error *e)
{
    if (n == 0)
        return 0;
    if (out->len == from || !memchr(out->buf + from, 0xEE, out->len - from)) {
        advance(&d->at, ENCODING_CP932, p, n);
        return 0;
    }
    size_t done = 0;
    for (size_t i = 0; i < n; i += cp932_lead(p[i]) ? 2 : 1) {
        if (p[i] < 0xF0 || p[i] > 0xF9)
            continue;
        advance(&d->at, ENCODING_CP932, p + done, i - done);
        done = i;
        if (gaiji(d, p + i, e) < 0)
            return -1;
    }
    advance(&d->at, ENCODING_CP932, p + done, n - done);
    return 0;
}

/* Corrected mode: the special character at p (see next_special()). */
static int special(struct encoding_decoder *d, const unsigned char *p, size_t n,
                   struct strbuf *out, struct error *e)
{
    if (p[0] != 0x81)
        return fail_invalid(d, p, n, e);
    strbuf_add(out, corrected_utf8(p[1]), 3);
    advance(&d->at, ENCODING_CP932, p, 2);
    return 2;
}

/* Decode up to a slice of CP932; stops early only before an incomplete last character. */
static int cp932_slice(struct encoding_decoder *d, const unsigned char *p, size_t n,
                       struct strbuf *out, size_t *used, struct error *e)
{
    size_t i = 0;
    while (i < n) {
        size_t lim = d->corrected ? next_special(p, i, n) : n, k = 0;
        flush_cr(d, out, p[i]);
        size_t from = out->len;
        int bad = lim > i ? run_iconv(d, p + i, lim - i, out, &k) : 0;
        fold_newlines(d, out, from);
        if (pass_converted(d, p + i, k, out, from, e) < 0)
            return -1;
        i += k;
        if (bad || (i < lim && lim < n))
            return fail_invalid(d, p + i, n - i, e);
        if (lim == n)
            break;
        int taken = special(d, p + i, n - i, out, e);
        if (taken < 0)
            return -1;
        i += (size_t)taken;
    }
    *used = i;
    return 0;
}

/* ---- UTF-8 ---- */

static int utf8_slice(struct encoding_decoder *d, const unsigned char *p, size_t n,
                      struct strbuf *out, size_t *used, struct error *e)
{
    size_t i = 0;
    flush_cr(d, out, p[0]);
    if (d->at.offset == 0 && n >= ENCODING_UTF8_BOM_LEN &&
        memcmp(p, ENCODING_UTF8_BOM, ENCODING_UTF8_BOM_LEN) == 0) {
        i = ENCODING_UTF8_BOM_LEN;
        d->at.offset = ENCODING_UTF8_BOM_LEN;   /* a BOM is no character: column stays 1 */
        d->info.bom = true;
    }
    size_t k = d->trusted ? n : i + utf8_invalid_offset((const char *)p + i, n - i);
    bool bad = k < n && !utf8_incomplete(p + k, n - k);
    size_t from = out->len;
    strbuf_add(out, p + i, k - i);
    fold_newlines(d, out, from);
    advance(&d->at, ENCODING_UTF8, p + i, k - i);
    if (bad)
        return fail_invalid(d, p + k, n - k, e);
    *used = k;
    return 0;
}

/* ---- streamed auto-detection ---- */

/*
 * Until the first non-ASCII byte both encodings read the same, so ASCII
 * goes out at once.  A BOM there means UTF-8.  From the first non-ASCII
 * byte on, input is kept in d->held while it is valid UTF-8: the first
 * invalid byte switches to CP932 for the held bytes and all that
 * follows; finish() with everything valid means UTF-8.  A CP932 file is
 * usually decided at its first non-ASCII character; a UTF-8 file
 * without BOM is held to the end.
 */

static int process(struct encoding_decoder *d, const unsigned char *p, size_t n,
                   struct strbuf *out, size_t *used, struct error *e);

static void decide(struct encoding_decoder *d, enum encoding enc)
{
    d->enc = enc;
    d->info.used = enc;
}

/* ASCII, the same in both encodings. */
static void pass_ascii(struct encoding_decoder *d, const unsigned char *p, size_t n,
                       struct strbuf *out)
{
    flush_cr(d, out, p[0]);
    size_t from = out->len;
    strbuf_add(out, p, n);
    fold_newlines(d, out, from);
    advance(&d->at, ENCODING_UTF8, p, n);
}

/*
 * Not UTF-8 because of held[off..]: decode all held bytes as CP932.
 * *left gets the number of bytes at the end of held that are an
 * incomplete CP932 character, not consumed; they are copied to tail.
 */
static int switch_to_cp932(struct encoding_decoder *d, size_t off, struct strbuf *out,
                           unsigned char *tail, size_t *left, struct error *e)
{
    struct strbuf held = d->held;
    const unsigned char *h = (const unsigned char *)held.buf;
    struct bad *b = &d->not_utf8;
    memset(b, 0, sizeof(*b));
    b->at = d->at;   /* holding does not move d->at: it is where held starts */
    advance(&b->at, ENCODING_UTF8, h, off);
    b->truncated = utf8_incomplete(h + off, held.len - off);
    b->nbytes = b->truncated ? held.len - off : 1;
    memcpy(b->bytes, h + off, b->nbytes);
    d->switched = true;
    decide(d, ENCODING_CP932);
    d->held = (struct strbuf)STRBUF_INIT;
    size_t k = 0;
    int rc = process(d, h, held.len, out, &k, e);
    *left = held.len - k;
    if (rc == 0 && *left > 1)   /* a CP932 character is never cut after 2 bytes */
        rc = stalled(d, e);
    else if (rc == 0)
        memcpy(tail, h + k, *left);
    strbuf_release(&held);
    return rc;
}

static int auto_slice(struct encoding_decoder *d, const unsigned char *p, size_t n,
                      struct strbuf *out, size_t *used, struct error *e)
{
    size_t a = 0;
    if (d->held.len == 0) {
        while (a < n && p[a] < 0x80)
            a++;
        if (a > 0)
            pass_ascii(d, p, a, out);
        *used = a;
        if (a == n)
            return 0;
        size_t m = n - a < ENCODING_UTF8_BOM_LEN ? n - a : ENCODING_UTF8_BOM_LEN;
        if (d->at.offset == 0 && memcmp(p, ENCODING_UTF8_BOM, m) == 0) {
            if (m < ENCODING_UTF8_BOM_LEN)
                return 0;   /* wait: it may be a BOM */
            decide(d, ENCODING_UTF8);
            return process(d, p, n, out, used, e);
        }
    }
    strbuf_add(&d->held, p + a, n - a);
    *used = n;
    size_t len = d->held.len, off = d->held_ok;
    off += utf8_invalid_offset(d->held.buf + off, len - off);
    if (off == len || utf8_incomplete((const unsigned char *)d->held.buf + off, len - off)) {
        d->held_ok = off;
        return 0;
    }
    unsigned char tail[MAX_CHAR];
    size_t left = 0;
    int rc = switch_to_cp932(d, off, out, tail, &left, e);
    *used = n - left;   /* an incomplete last character is the tail of p */
    return rc;
}

/* finish() while undecided. */
static int auto_finish(struct encoding_decoder *d, struct strbuf *out, struct error *e)
{
    strbuf_add(&d->held, d->carry, d->ncarry);   /* a BOM that was not one */
    d->ncarry = 0;
    if (d->held_ok < d->held.len)   /* ends inside a UTF-8 sequence */
        return switch_to_cp932(d, d->held_ok, out, d->carry, &d->ncarry, e);
    decide(d, ENCODING_UTF8);
    if (d->held.len == 0)
        return 0;
    d->trusted = true;
    size_t k = 0;
    int rc = process(d, (const unsigned char *)d->held.buf, d->held.len, out, &k, e);
    strbuf_release(&d->held);
    return rc;
}

/* ---- the decoder ---- */

/* Decode p[0..n) in slices; *used stops before an incomplete last character. */
static int process(struct encoding_decoder *d, const unsigned char *p, size_t n,
                   struct strbuf *out, size_t *used, struct error *e)
{
    size_t i = 0;
    while (i < n) {
        size_t len = n - i < ENCODING_CHUNK ? n - i : ENCODING_CHUNK, k = 0;
        int rc = d->enc == ENCODING_CP932 ? cp932_slice(d, p + i, len, out, &k, e)
               : d->enc == ENCODING_UTF8  ? utf8_slice(d, p + i, len, out, &k, e)
                                          : auto_slice(d, p + i, len, out, &k, e);
        if (rc < 0)
            return -1;
        i += k;
        if (k == 0 || i + (len - k) == n)
            break;   /* the rest is an incomplete character at the end */
    }
    *used = i;
    return 0;
}

void encoding_decoder_reset(struct encoding_decoder *d)
{
    d->enc = d->opt.encoding;
    d->trusted = false;
    d->failed = false;
    d->pending_cr = false;
    d->ncarry = 0;
    d->at = (struct pos){ 0, 1, 0 };
    memset(&d->info, 0, sizeof(d->info));
    d->info.used = d->enc;
    memset(&d->bad, 0, sizeof(d->bad));
    error_clear(&d->err);
    strbuf_release(&d->held);
    d->held_ok = 0;
    d->switched = false;
}

struct encoding_decoder *encoding_decoder_new(const struct encoding_options *opt,
                                              struct error *e)
{
    static const struct encoding_options defaults;
    if (!opt)
        opt = &defaults;
    enum encoding_iconv_status status = ENCODING_ICONV_EXACT;
    iconv_t cd = (iconv_t)-1;
    if (opt->encoding != ENCODING_UTF8) {
        status = encoding_iconv_check();
        if (status != ENCODING_ICONV_MISSING)
            cd = iconv_open("UTF-8", "CP932");
        if (cd == (iconv_t)-1) {
            error_set(e, opt->file, 0, 0, _("this system's iconv cannot convert from CP932"));
            return NULL;
        }
    }
    struct encoding_decoder *d = xcalloc(1, sizeof(*d));
    d->opt = *opt;
    d->cd = cd;
    d->corrected = status == ENCODING_ICONV_CORRECTED;
    encoding_decoder_reset(d);
    return d;
}

static int repeat_error(const struct encoding_decoder *d, struct error *e)
{
    if (e)
        *e = d->err;
    return -1;
}

/* The carried incomplete character, completed from in (which has n > 0 bytes). */
static int feed_carry(struct encoding_decoder *d, const unsigned char **in, size_t *n,
                      struct strbuf *out, struct error *e)
{
    unsigned char tmp[2 * MAX_CHAR];
    size_t had = d->ncarry, m = *n < MAX_CHAR ? *n : MAX_CHAR, tn = had + m, k = 0;
    memcpy(tmp, d->carry, had);
    memcpy(tmp + had, *in, m);
    d->ncarry = 0;
    if (process(d, tmp, tn, out, &k, e) < 0)
        return -1;
    if (k < had) {   /* still incomplete: all of in went into it */
        memcpy(d->carry, tmp + k, tn - k);
        d->ncarry = tn - k;
        *in += *n;
        *n = 0;
        return 0;
    }
    *in += k - had;
    *n -= k - had;
    return 0;
}

int encoding_decoder_feed(struct encoding_decoder *d, const char *in, size_t n,
                          struct strbuf *out, struct error *e)
{
    const unsigned char *p = (const unsigned char *)in;
    if (d->failed)
        return repeat_error(d, e);
    if (d->ncarry > 0 && n > 0 && feed_carry(d, &p, &n, out, e) < 0)
        return -1;
    size_t k = 0;
    if (n > 0 && process(d, p, n, out, &k, e) < 0)
        return -1;
    if (n - k >= MAX_CHAR || d->ncarry + (n - k) > MAX_CHAR)
        return stalled(d, e);
    if (n > k) {
        memcpy(d->carry + d->ncarry, p + k, n - k);
        d->ncarry += n - k;
    }
    return 0;
}

int encoding_decoder_finish(struct encoding_decoder *d, struct strbuf *out, struct error *e)
{
    if (d->failed)
        return repeat_error(d, e);
    if (d->enc == ENCODING_AUTO && auto_finish(d, out, e) < 0)
        return -1;
    if (d->ncarry > 0)
        return fail_truncated(d, e);
    if (d->pending_cr) {
        d->pending_cr = false;
        note_lone_cr(d);
        strbuf_addch(out, '\n');
    }
    return 0;
}

const struct encoding_info *encoding_decoder_info(const struct encoding_decoder *d)
{
    return &d->info;
}

void encoding_decoder_free(struct encoding_decoder *d)
{
    if (!d)
        return;
    if (d->cd != (iconv_t)-1)
        iconv_close(d->cd);
    strbuf_release(&d->held);
    free(d->inner_cr);
    free(d);
}

/* ---- whole buffers and auto-detection ---- */

/* Decode data[0..len) with one decoder; on failure *bad (if not NULL) says what went wrong. */
static int decode_whole(const struct encoding_options *opt, bool trusted, const char *data,
                        size_t len, struct strbuf *out, struct encoding_info *info,
                        struct bad *bad, struct error *e)
{
    struct encoding_decoder *d = encoding_decoder_new(opt, e);
    if (!d)
        return -1;
    d->trusted = trusted;
    int rc = encoding_decoder_feed(d, data, len, out, e);
    if (rc == 0)
        rc = encoding_decoder_finish(d, out, e);
    *info = d->info;
    if (rc < 0 && bad)
        *bad = d->bad;
    encoding_decoder_free(d);
    return rc;
}

struct warn_queue {
    struct error *items;
    size_t n, cap;
};

static void queue_warning(void *ctx, const struct error *w)
{
    struct warn_queue *q = ctx;
    xgrow((void **)&q->items, &q->cap, q->n + 1, sizeof(*q->items));
    q->items[q->n++] = *w;
}

/* The first bad UTF-8 byte of data, known to be at off. */
static struct bad utf8_bad_at(const char *data, size_t len, size_t off)
{
    struct bad b;
    memset(&b, 0, sizeof(b));
    b.at = locate(ENCODING_UTF8, data, off);
    b.truncated = utf8_incomplete((const unsigned char *)data + off, len - off);
    b.nbytes = b.truncated ? len - off : 1;
    memcpy(b.bytes, data + off, b.nbytes);
    return b;
}

static int decode_auto(const struct encoding_options *opt, const char *data, size_t len,
                       struct strbuf *out, struct encoding_info *info, struct error *e)
{
    struct encoding_options o = *opt;
    o.encoding = ENCODING_UTF8;
    if (len >= ENCODING_UTF8_BOM_LEN && memcmp(data, ENCODING_UTF8_BOM, ENCODING_UTF8_BOM_LEN) == 0)
        return decode_whole(&o, false, data, len, out, info, NULL, e);
    size_t off = utf8_invalid_offset(data, len);
    if (off == len)
        return decode_whole(&o, true, data, len, out, info, NULL, e);

    struct warn_queue q = { NULL, 0, 0 };
    struct bad cbad;
    memset(&cbad, 0, sizeof(cbad));
    o.encoding = ENCODING_CP932;
    o.warn = queue_warning;
    o.warn_ctx = &q;
    int rc = decode_whole(&o, false, data, len, out, info, &cbad, e);
    for (size_t i = 0; rc == 0 && opt->warn && i < q.n; i++)
        opt->warn(opt->warn_ctx, &q.items[i]);
    free(q.items);
    if (rc == 0 || cbad.gaiji || cbad.nbytes == 0)
        return rc;   /* CP932, or CP932 with a refused gaiji, or iconv missing */
    struct bad ubad = utf8_bad_at(data, len, off);
    return neither_error(e, opt->file, &ubad, &cbad);
}

int encoding_decode(const char *data, size_t len, const struct encoding_options *opt,
                    struct strbuf *out, struct encoding_info *info, struct error *e)
{
    static const struct encoding_options defaults;
    struct encoding_info scratch;
    size_t orig = out->len;
    if (!opt)
        opt = &defaults;
    if (!info)
        info = &scratch;
    memset(info, 0, sizeof(*info));
    int rc = opt->encoding == ENCODING_AUTO
                 ? decode_auto(opt, data, len, out, info, e)
                 : decode_whole(opt, false, data, len, out, info, NULL, e);
    if (rc < 0 && out->buf) {
        out->len = orig;
        out->buf[orig] = '\0';
    }
    return rc;
}

int encoding_check_utf8(const char *s, size_t n, struct error *e)
{
    size_t off = utf8_invalid_offset(s, n);
    if (off == n)
        return 0;
    struct bad b = utf8_bad_at(s, n, off);
    return bad_error(e, NULL, &b, "UTF-8");
}
