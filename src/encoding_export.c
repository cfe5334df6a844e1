/*
 * encoding_export.c - UTF-8 to CP932 for export, and UTF-8 with or
 * without BOM.
 *
 * iconv writes some characters CP932 does not have as look-alikes
 * (U+301C WAVE DASH as 81 60, which reads back as U+FF5E; U+00A5 as 5C,
 * which reads back as a backslash).  So every result is read back with
 * the decoder and compared with the input; only when they differ is the
 * text walked character by character to name the first one that does not
 * survive.  That walk is the slow path, for errors only.
 */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "utf8.h"

struct encoding_encoder {
    iconv_t cd;                        /* UTF-8 -> CP932 */
    struct encoding_decoder *back;     /* reads the result back to check it */
    struct strbuf scratch;
};

struct encoding_encoder *encoding_encoder_new(struct error *e)
{
    static const struct encoding_options back_opt = {
        .encoding = ENCODING_CP932,
        .keep_cr = true,
    };
    iconv_t cd = iconv_open("CP932", "UTF-8");
    if (cd == (iconv_t)-1) {
        error_set(e, NULL, 0, 0, _("this system's iconv cannot convert to CP932"));
        return NULL;
    }
    struct encoding_decoder *back = encoding_decoder_new(&back_opt, e);
    if (!back) {
        iconv_close(cd);
        return NULL;
    }
    struct encoding_encoder *enc = xcalloc(1, sizeof(*enc));
    enc->cd = cd;
    enc->back = back;
    return enc;
}

void encoding_encoder_free(struct encoding_encoder *enc)
{
    if (!enc)
        return;
    iconv_close(enc->cd);
    encoding_decoder_free(enc->back);
    strbuf_release(&enc->scratch);
    free(enc);
}

/* iconv in[0..n) to CP932 onto out.  Returns 0, or -1 when iconv refused something. */
static int iconv_to_cp932(struct encoding_encoder *enc, const char *in, size_t n, struct strbuf *out)
{
    char *ip = (char *)in;
    size_t il = n;
    iconv(enc->cd, NULL, NULL, NULL, NULL);
    while (il > 0) {
        size_t room = il + 16;   /* a CP932 character never takes more bytes than in UTF-8 */
        strbuf_grow(out, room);
        char *o = out->buf + out->len;
        size_t r = iconv(enc->cd, &ip, &il, &o, &room);
        out->len = (size_t)(o - out->buf);
        out->buf[out->len] = '\0';
        if (r == (size_t)-1 && errno != E2BIG)
            return -1;
    }
    return 0;
}

/* Read CP932 bytes back into enc->scratch.  Returns 0 or -1. */
static int read_back(struct encoding_encoder *enc, const char *cp932, size_t n)
{
    encoding_decoder_reset(enc->back);
    strbuf_reset(&enc->scratch);
    if (encoding_decoder_feed(enc->back, cp932, n, &enc->scratch, NULL) < 0)
        return -1;
    return encoding_decoder_finish(enc->back, &enc->scratch, NULL);
}

/* 1-based line and column (in characters) of byte off in UTF-8 text s. */
static void locate(const char *s, size_t off, long *line, long *column)
{
    size_t start = 0;
    *line = 1;
    for (size_t i = 0; i < off; i++) {
        if (s[i] == '\n') {
            ++*line;
            start = i + 1;
        }
    }
    *column = 1 + (long)utf8_count(s + start, off - start);
}

static void add_char_name(struct strbuf *sb, const char *s, size_t n, uint32_t cp)
{
    strbuf_addf(sb, "U+%04X", (unsigned)cp);
    if (!utf8_is_unsafe(cp) && !utf8_is_extender(cp)) {
        strbuf_addch(sb, ' ');
        strbuf_add(sb, s, n);
    }
}

static int unencodable(struct encoding_encoder *enc, const char *in, size_t off, size_t clen,
                       uint32_t cp, bool read_back_ok, struct error *e)
{
    struct strbuf sb = STRBUF_INIT;
    long line, column;
    locate(in, off, &line, &column);
    strbuf_addstr(&sb, _("character "));
    add_char_name(&sb, in + off, clen, cp);
    strbuf_addstr(&sb, _(" has no CP932 form"));
    uint32_t back = UTF8_INVALID;
    size_t blen = read_back_ok && enc->scratch.len ? utf8_decode(enc->scratch.buf, enc->scratch.len, &back) : 0;
    if (back != UTF8_INVALID) {
        strbuf_addstr(&sb, _(" (it would read back as "));
        add_char_name(&sb, enc->scratch.buf, blen, back);
        strbuf_addch(&sb, ')');
    }
    error_set(e, NULL, line, column, "%s", strbuf_cstr(&sb));
    if (e)
        e->offset = (long long)off;
    strbuf_release(&sb);
    return -1;
}

/* Slow path after a failure: find the first character that does not survive, one by one. */
static int find_unencodable(struct encoding_encoder *enc, const char *in, size_t n, struct error *e)
{
    struct strbuf one = STRBUF_INIT;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t clen = utf8_decode(in + i, n - i, &cp);
        strbuf_reset(&one);
        bool ok = iconv_to_cp932(enc, in + i, clen, &one) == 0;
        bool back = ok && read_back(enc, one.buf, one.len) == 0;
        if (!back || !mem_eq(enc->scratch.buf, enc->scratch.len, in + i, clen)) {
            strbuf_release(&one);
            return unencodable(enc, in, i, clen, cp, back, e);
        }
        i += clen;
    }
    strbuf_release(&one);
    return error_set(e, NULL, 0, 0, _("text cannot be converted to CP932"));
}

int encoding_to_cp932(struct encoding_encoder *enc, const char *in, size_t n,
                      struct strbuf *out, struct error *e)
{
    size_t orig = out->len;
    if (encoding_check_utf8(in, n, e) < 0)
        return -1;
    if (n == 0)
        return 0;
    if (iconv_to_cp932(enc, in, n, out) == 0 &&
        read_back(enc, out->buf + orig, out->len - orig) == 0 &&
        mem_eq(enc->scratch.buf, enc->scratch.len, in, n))
        return 0;
    if (out->buf) {
        out->len = orig;
        out->buf[orig] = '\0';
    }
    return find_unencodable(enc, in, n, e);
}

int encoding_to_utf8(const char *in, size_t n, bool bom, struct strbuf *out, struct error *e)
{
    if (encoding_check_utf8(in, n, e) < 0)
        return -1;
    if (bom)
        strbuf_add(out, ENCODING_UTF8_BOM, ENCODING_UTF8_BOM_LEN);
    strbuf_add(out, in, n);
    return 0;
}
