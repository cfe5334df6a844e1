/*
 * test_encoding.c - CP932 and UTF-8 decoding, detection and export.
 *
 * Byte vectors come from /work/shared/notes/cp932.md (measured with
 * glibc).  A fake iconv that decodes six codes the JIS way, as GNU
 * libiconv does, drives the correction path through the module's test
 * hook.
 */
#include "unit.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>

#include "encoding.h"
#include "utf8.h"
#include "util.h"

/* ---- helpers ---- */

/* Warnings as "LINE:COL:OFFSET: MSG\n", so whole runs can be compared. */
static void collect(void *ctx, const struct error *w)
{
    struct strbuf *sb = ctx;
    strbuf_addf(sb, "%ld:%ld:%lld: %s\n", w->line, w->column, w->offset, w->msg);
}

static struct encoding_options opts(enum encoding enc, struct strbuf *warnings)
{
    struct encoding_options o;
    memset(&o, 0, sizeof(o));
    o.encoding = enc;
    if (warnings) {
        o.warn = collect;
        o.warn_ctx = warnings;
    }
    return o;
}

/* Decode a whole buffer as CP932 (CR kept or not); out gets the text. */
static int cp932_cr(const char *in, size_t n, bool keep_cr, struct strbuf *out, struct error *e)
{
    struct encoding_options o = opts(ENCODING_CP932, NULL);
    o.keep_cr = keep_cr;
    strbuf_reset(out);
    return encoding_decode(in, n, &o, out, NULL, e);
}

static int cp932(const char *in, size_t n, struct strbuf *out, struct error *e)
{
    return cp932_cr(in, n, false, out, e);
}

/* Stream in[0..n) through a decoder in pieces of step bytes. */
static int stream(const struct encoding_options *o, const char *in, size_t n, size_t step,
                  struct strbuf *out, struct error *e)
{
    struct encoding_decoder *d = encoding_decoder_new(o, e);
    assert_non_null(d);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i += step)
        rc = encoding_decoder_feed(d, in + i, n - i < step ? n - i : step, out, e);
    if (rc == 0)
        rc = encoding_decoder_finish(d, out, e);
    encoding_decoder_free(d);
    return rc;
}

static char *formatted(const struct error *e)
{
    struct strbuf sb = STRBUF_INIT;
    error_format(e, &sb);
    return strbuf_detach(&sb, NULL);
}

static void assert_error_is(const struct error *e, const char *want)
{
    char *got = formatted(e);
    assert_string_equal(got, want);
    free(got);
}

static char *read_seed(size_t *len)
{
    char *data;
    struct error e;
    assert_int_equal(read_file(TEST_SEED, &data, len, &e), 0);
    return data;
}

/* ---- a JIS-style iconv, as GNU libiconv's CP932 behaves ---- */

static const char *jis_style(const unsigned char *p)
{
    if (p[0] == 0x80)
        return "\xC2\x80";   /* and a permissive one: 80 -> U+0080 */
    if (p[0] != 0x81)
        return NULL;
    switch (p[1]) {
    case 0x60: return "\xE3\x80\x9C";   /* U+301C WAVE DASH */
    case 0x61: return "\xE2\x80\x96";   /* U+2016 DOUBLE VERTICAL LINE */
    case 0x7C: return "\xE2\x88\x92";   /* U+2212 MINUS SIGN */
    case 0x91: return "\xC2\xA2";       /* U+00A2 CENT SIGN */
    case 0x92: return "\xC2\xA3";       /* U+00A3 POUND SIGN */
    case 0xCA: return "\xC2\xAC";       /* U+00AC NOT SIGN */
    }
    return NULL;
}

static size_t fake_libiconv(void *cd, char **in, size_t *inleft, char **out, size_t *outleft)
{
    while (*inleft > 0) {
        const unsigned char *p = (const unsigned char *)*in;
        size_t clen = (p[0] >= 0x81 && p[0] <= 0x9F) || (p[0] >= 0xE0 && p[0] <= 0xFC) ? 2 : 1;
        if (clen > *inleft) {
            errno = EINVAL;
            return (size_t)-1;
        }
        const char *jis = jis_style(p);
        if (jis) {
            size_t jl = strlen(jis);
            if (jl > *outleft) {
                errno = E2BIG;
                return (size_t)-1;
            }
            memcpy(*out, jis, jl);
            *out += jl;
            *outleft -= jl;
        } else {
            char *ip = *in;
            size_t il = clen;
            if (iconv((iconv_t)cd, &ip, &il, out, outleft) == (size_t)-1)
                return (size_t)-1;
        }
        *in += clen;
        *inleft -= clen;
    }
    return 0;
}

static int use_fake_iconv(void **state)
{
    encoding_test_set_iconv(fake_libiconv);
    return 0;
}

static int use_real_iconv(void **state)
{
    encoding_test_set_iconv(NULL);
    return 0;
}

/* ---- names and the self check ---- */

static void test_parse_names(void **state)
{
    static const char *const cp932_names[] = {
        "Shift-JIS", "SJIS", "Windows-31J", "MS932", "CP932", "shift_jis", "SHIFT-jis",
        "sjis", "windows-31j", "ms932", "cp932",
    };
    enum encoding enc = ENCODING_AUTO;
    struct error e;
    for (size_t i = 0; i < ARRAY_LEN(cp932_names); i++) {
        enc = ENCODING_UTF8;
        assert_int_equal(encoding_parse(cp932_names[i], &enc, &e), 0);
        assert_int_equal(enc, ENCODING_CP932);
    }
    assert_int_equal(encoding_parse("UTF-8", &enc, &e), 0);
    assert_int_equal(enc, ENCODING_UTF8);
    assert_int_equal(encoding_parse("utf8", &enc, &e), 0);
    assert_int_equal(enc, ENCODING_UTF8);
    assert_int_equal(encoding_parse("Auto", &enc, &e), 0);
    assert_int_equal(enc, ENCODING_AUTO);
    enc = ENCODING_UTF8;
    assert_int_equal(encoding_parse("euc-jp", &enc, &e), -1);
    assert_int_equal(enc, ENCODING_UTF8);
    assert_non_null(strstr(e.msg, "unknown encoding 'euc-jp'"));
    assert_int_equal(encoding_parse("shift jis", &enc, &e), -1);
    assert_string_equal(encoding_name(ENCODING_CP932), "CP932");
    assert_string_equal(encoding_name(ENCODING_UTF8), "UTF-8");
    assert_string_equal(encoding_name(ENCODING_AUTO), "auto");

    enum encoding_gaiji g = ENCODING_GAIJI_WARN;
    assert_int_equal(encoding_parse_gaiji("error", &g, &e), 0);
    assert_int_equal(g, ENCODING_GAIJI_ERROR);
    assert_int_equal(encoding_parse_gaiji("warn", &g, &e), 0);
    assert_int_equal(g, ENCODING_GAIJI_WARN);
    assert_int_equal(encoding_parse_gaiji("ignore", &g, &e), -1);
}

static void test_self_check_glibc(void **state)
{
    /* What the iconv in use really does with 81 60 decides the expected status. */
    iconv_t cd = iconv_open("UTF-8", "CP932");
    assert_true(cd != (iconv_t)-1);
    char in[] = "\x81\x60", out[8], *ip = in, *op = out;
    size_t il = 2, ol = sizeof(out);
    size_t r = iconv(cd, &ip, &il, &op, &ol);
    iconv_close(cd);
    bool exact = r == 0 && op - out == 3 && memcmp(out, "\xEF\xBD\x9E", 3) == 0;
    assert_int_equal(encoding_iconv_check(),
                     exact ? ENCODING_ICONV_EXACT : ENCODING_ICONV_CORRECTED);
}

/* ---- the mapping table of the notes ---- */

struct mapping {
    const char *cp932;
    const char *utf8;
};

static const struct mapping mappings[] = {
    { "\x5C", "\\" },
    { "\x7E", "~" },
    { "\x81\x60", "\xEF\xBD\x9E" },   /* U+FF5E ～ */
    { "\x81\x7C", "\xEF\xBC\x8D" },   /* U+FF0D － */
    { "\x81\x61", "\xE2\x88\xA5" },   /* U+2225 ∥ */
    { "\x81\x5C", "\xE2\x80\x95" },   /* U+2015 ― */
    { "\x81\x91", "\xEF\xBF\xA0" },   /* U+FFE0 ￠ */
    { "\x81\x92", "\xEF\xBF\xA1" },   /* U+FFE1 ￡ */
    { "\x81\xCA", "\xEF\xBF\xA2" },   /* U+FFE2 ￢ */
    { "\x87\x40", "①" },
    { "\x87\x54", "Ⅰ" },
    { "\x87\x82", "№" },
    { "\x87\x8A", "㈱" },
    { "\x87\x90", "≒" },
    { "\xED\x40", "纊" },             /* NEC-selected IBM extension */
    { "\xFA\x5C", "纊" },             /* IBM extension, 5C as trail byte */
    { "\xFA\x54", "\xEF\xBF\xA2" },   /* IBM ￢, the same character as 81 CA */
    { "\xF0\x40", "\xEE\x80\x80" },   /* U+E000, first user-defined */
    { "\xF9\xFC", "\xEE\x9D\x97" },   /* U+E757, last user-defined */
    { "\x95\x5C", "表" },
    { "\x83\x5C", "ソ" },
    { "\xB6\xDE", "\xEF\xBD\xB6\xEF\xBE\x9E" },   /* ｶﾞ stays two half-width characters */
};

static void check_mappings(void)
{
    struct strbuf out = STRBUF_INIT;
    struct error e;
    for (size_t i = 0; i < ARRAY_LEN(mappings); i++) {
        const struct mapping *m = &mappings[i];
        assert_int_equal(cp932(m->cp932, strlen(m->cp932), &out, &e), 0);
        assert_string_equal(strbuf_cstr(&out), m->utf8);
    }
    /* Every half-width katakana byte A1..DF is U+FF61..U+FF9F, nothing else. */
    for (unsigned b = 0xA1; b <= 0xDF; b++) {
        char in = (char)b, want[4];
        size_t wl = utf8_encode(0xFF61 + (b - 0xA1), want);
        assert_int_equal(cp932(&in, 1, &out, &e), 0);
        assert_memory_equal(out.buf, want, wl);
        assert_int_equal(out.len, wl);
    }
    strbuf_release(&out);
}

static void test_mappings(void **state)
{
    check_mappings();
}

static void test_mappings_corrected(void **state)
{
    assert_int_equal(encoding_iconv_check(), ENCODING_ICONV_CORRECTED);
    check_mappings();
}

static void test_fake_iconv_is_jis_style(void **state)
{
    /* Without the correction, the fake really gives the JIS characters. */
    iconv_t cd = iconv_open("UTF-8", "CP932");
    char in[] = "\x81\x60\x81\x7C\x81\x91", out[16], *ip = in, *op = out;
    size_t il = 6, ol = sizeof(out);
    assert_int_equal(fake_libiconv(cd, &ip, &il, &op, &ol), 0);
    iconv_close(cd);
    assert_int_equal(op - out, 8);
    assert_memory_equal(out, "\xE3\x80\x9C\xE2\x88\x92\xC2\xA2", 8);
}

static void test_corrected_rejects_glibc_invalid(void **state)
{
    /* The fake accepts 80; the corrected decoder must still refuse it. */
    struct strbuf out = STRBUF_INIT;
    struct error e;
    assert_int_equal(cp932("ab\x80", 3, &out, &e), -1);
    assert_string_equal(e.msg, "invalid CP932 byte 80 at byte 2");
    assert_int_equal(cp932("\x81\x20", 2, &out, &e), -1);
    assert_string_equal(e.msg, "invalid CP932 sequence 81 20 at byte 0");
    assert_int_equal(cp932("\x81", 1, &out, &e), -1);
    assert_string_equal(e.msg, "truncated CP932 sequence 81 at byte 0 (end of input)");
    /* The six codes next to CRLF, gaiji and 5C trail bytes, cut everywhere. */
    static const char in[] = "\x81\x60\r\n\x95\x5C\x81\xCA\r\xF0\x40\x81\x7C";
    static const char want[] = "～\n表￢\n\xEE\x80\x80－";
    for (size_t step = 1; step <= 4; step++) {
        struct encoding_options o = opts(ENCODING_CP932, NULL);
        strbuf_reset(&out);
        assert_int_equal(stream(&o, in, sizeof(in) - 1, step, &out, &e), 0);
        assert_string_equal(strbuf_cstr(&out), want);
    }
    strbuf_release(&out);
}

/* ---- errors ---- */

static void test_invalid_sequences(void **state)
{
    struct encoding_options o = opts(ENCODING_CP932, NULL);
    struct strbuf out = STRBUF_INIT;
    struct error e;
    o.file = "legacy.csv";
    static const char in[] = "0123456789\nab\x81\x20z";
    strbuf_addstr(&out, "kept");
    assert_int_equal(encoding_decode(in, sizeof(in) - 1, &o, &out, NULL, &e), -1);
    assert_error_is(&e, "legacy.csv:2:3: invalid CP932 sequence 81 20 at byte 13");
    assert_int_equal(e.offset, 13);
    assert_string_equal(strbuf_cstr(&out), "kept");   /* whole-buffer decoding leaves out alone */

    static const struct {
        const char *in;
        const char *msg;
        long line, column;
    } cases[] = {
        { "\x80", "invalid CP932 byte 80 at byte 0", 1, 1 },
        { "a\xA0", "invalid CP932 byte A0 at byte 1", 1, 2 },
        { "\x95\x5C\xFD", "invalid CP932 byte FD at byte 2", 1, 2 },
        { "\n\n\xFE", "invalid CP932 byte FE at byte 2", 3, 1 },
        { "\xB1\xFF", "invalid CP932 byte FF at byte 1", 1, 2 },
        { "\x95\x5C\x81", "truncated CP932 sequence 81 at byte 2 (end of input)", 1, 2 },
        { "\x81\n", "invalid CP932 sequence 81 0A at byte 0", 1, 1 },
        { "\x85\x40", "invalid CP932 sequence 85 40 at byte 0", 1, 1 },   /* unassigned row */
        { "\x83\x5C\n\x83\x5C\x83\x5C\xEF\x40", "invalid CP932 sequence EF 40 at byte 7", 2, 3 },
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        size_t n = strlen(cases[i].in);
        for (size_t step = 1; step <= n; step++) {   /* the same error however it is cut */
            strbuf_reset(&out);
            assert_int_equal(stream(&o, cases[i].in, n, step, &out, &e), -1);
            assert_string_equal(e.msg, cases[i].msg);
            assert_int_equal(e.line, cases[i].line);
            assert_int_equal(e.column, cases[i].column);
            assert_string_equal(e.file, "legacy.csv");
        }
    }
    strbuf_release(&out);
}

static void test_error_is_sticky(void **state)
{
    struct encoding_options o = opts(ENCODING_CP932, NULL);
    struct strbuf out = STRBUF_INIT;
    struct error e;
    struct encoding_decoder *d = encoding_decoder_new(&o, &e);
    assert_int_equal(encoding_decoder_feed(d, "a\x80", 2, &out, &e), -1);
    assert_string_equal(strbuf_cstr(&out), "a");   /* what came before the error */
    error_clear(&e);
    assert_int_equal(encoding_decoder_feed(d, "b", 1, &out, &e), -1);
    assert_string_equal(e.msg, "invalid CP932 byte 80 at byte 1");
    assert_int_equal(encoding_decoder_finish(d, &out, &e), -1);
    assert_string_equal(e.msg, "invalid CP932 byte 80 at byte 1");
    encoding_decoder_free(d);

    strbuf_release(&out);
}

static void test_error_position_far_in(void **state)
{
    /* Past several 64 KiB slices: line and column still exact. */
    struct strbuf in = STRBUF_INIT, out = STRBUF_INIT;
    struct error e;
    for (int i = 0; i < 20000; i++)
        strbuf_addstr(&in, "\x95\x5C\x83\x5C" "abc\r\n");   /* 表ソabc */
    strbuf_addstr(&in, "\xB1\x95\x5C\xFF");
    assert_int_equal(cp932(in.buf, in.len, &out, &e), -1);
    assert_int_equal(e.line, 20001);
    assert_int_equal(e.column, 3);
    assert_int_equal(e.offset, 20000 * 9 + 3);
    strbuf_release(&in);
    strbuf_release(&out);
}

/* ---- gaiji ---- */

static void test_gaiji_warnings(void **state)
{
    struct strbuf warnings = STRBUF_INIT, out = STRBUF_INIT;
    struct encoding_options o = opts(ENCODING_CP932, &warnings);
    struct encoding_info info;
    struct error e;
    o.file = "legacy.csv";
    static const char in[] = "a\n\x95\x5C\xF0\x40" "c\xF9\xFC\x88\xF0";   /* 表, gaiji, c, gaiji, 芋 */
    assert_int_equal(encoding_decode(in, sizeof(in) - 1, &o, &out, &info, &e), 0);
    assert_string_equal(strbuf_cstr(&out), "a\n表\xEE\x80\x80" "c\xEE\x9D\x97" "芋");
    assert_int_equal(info.used, ENCODING_CP932);
    assert_int_equal(info.gaiji, 2);
    assert_string_equal(strbuf_cstr(&warnings),
        "2:2:4: user-defined character F040 (gaiji) at byte 4 decoded as private use U+E000\n"
        "2:4:7: user-defined character F9FC (gaiji) at byte 7 decoded as private use U+E757\n");

    /* 88 F0 is 芋: F0 as a trail byte is no gaiji. */
    strbuf_reset(&warnings);
    assert_int_equal(cp932("\x88\xF0", 2, &out, &e), 0);
    assert_int_equal(encoding_decode("\x88\xF0", 2, &o, &out, &info, &e), 0);
    assert_int_equal(info.gaiji, 0);
    assert_int_equal(warnings.len, 0);
    strbuf_release(&warnings);
    strbuf_release(&out);
}

static void test_gaiji_error(void **state)
{
    struct strbuf warnings = STRBUF_INIT, out = STRBUF_INIT;
    struct encoding_options o = opts(ENCODING_CP932, &warnings);
    struct error e;
    o.file = "legacy.csv";
    o.gaiji = ENCODING_GAIJI_ERROR;
    static const char in[] = "ok\n\x83\x5C\xF0\x41";
    for (size_t step = 1; step <= 3; step++) {
        strbuf_reset(&out);
        assert_int_equal(stream(&o, in, sizeof(in) - 1, step, &out, &e), -1);
        assert_error_is(&e, "legacy.csv:2:2: user-defined character F041 (gaiji, private use "
                            "U+E001) at byte 5 is not allowed");
        assert_int_equal(e.offset, 5);
    }
    assert_int_equal(warnings.len, 0);
    strbuf_release(&warnings);
    strbuf_release(&out);
}

/* ---- newlines ---- */

static void test_newlines(void **state)
{
    struct strbuf out = STRBUF_INIT;
    struct error e;
    static const char in[] = "a\r\nb\rc\n\r\r\n\x95\x5C\r\r";
    static const char want[] = "a\nb\nc\n\n\n表\n\n";
    for (int enc = ENCODING_UTF8; enc <= ENCODING_CP932; enc++) {
        struct encoding_options o = opts((enum encoding)enc, NULL);
        const char *src = in;
        const char *utf8_in = "a\r\nb\rc\n\r\r\n表\r\r";
        if (enc == ENCODING_UTF8)
            src = utf8_in;
        size_t n = strlen(src);
        for (size_t step = 1; step <= n; step++) {
            strbuf_reset(&out);
            assert_int_equal(stream(&o, src, n, step, &out, &e), 0);
            assert_string_equal(strbuf_cstr(&out), want);
        }
        o.keep_cr = true;
        strbuf_reset(&out);
        assert_int_equal(stream(&o, src, n, 2, &out, &e), 0);
        assert_int_equal(out.len, strlen(utf8_in));
        assert_string_equal(strbuf_cstr(&out), utf8_in);
    }
    /* A lone CR does not count as a line in positions. */
    assert_int_equal(cp932("a\rb\r\n\x80", 6, &out, &e), -1);
    assert_int_equal(e.line, 2);
    assert_int_equal(e.column, 1);
    strbuf_release(&out);
}

/*
 * Each line of the output mapped back to the input's line, for in decoded
 * in steps of step bytes: want[k] is the input line of output line k + 1.
 */
static void assert_source_lines(const char *in, size_t step, const long *want, size_t n_want)
{
    struct encoding_options o = opts(ENCODING_AUTO, NULL);
    struct error e;
    struct strbuf out = STRBUF_INIT;
    struct encoding_decoder *d = encoding_decoder_new(&o, &e);
    assert_non_null(d);
    size_t n = strlen(in);
    for (size_t i = 0; i < n; i += step)
        assert_int_equal(encoding_decoder_feed(d, in + i, n - i < step ? n - i : step, &out, &e), 0);
    assert_int_equal(encoding_decoder_finish(d, &out, &e), 0);
    for (size_t k = 0; k < n_want; k++)
        assert_int_equal(encoding_decoder_source_line(d, (long)k + 1), want[k]);
    encoding_decoder_free(d);
    strbuf_release(&out);
}

/*
 * A lone CR inside a line (a line break inside an Excel cell) becomes an LF,
 * but the input's lines are what a message names: LF and CRLF files count
 * only those; a file whose first line end is a lone CR counts lone CRs.
 */
static void test_lone_cr_keeps_input_lines(void **state)
{
    static const char lf[] = "h,t\n1,\"a\rb\"\n2,\"c\rd\re\"\n3,x\n";
    static const long lf_want[] = { 1, 2, 2, 3, 3, 3, 4 };
    static const char crlf[] = "h,t\r\n1,\"a\rb\"\r\n2,x\r\n表\r";
    static const long crlf_want[] = { 1, 2, 2, 3, 4 };
    static const char cr[] = "h,t\r1,\"a\rb\"\r2,x\r";
    static const long cr_want[] = { 1, 2, 3, 4 };
    for (size_t step = 1; step <= sizeof(lf); step++) {
        assert_source_lines(lf, step, lf_want, sizeof(lf_want) / sizeof(*lf_want));
        assert_source_lines(crlf, step, crlf_want, sizeof(crlf_want) / sizeof(*crlf_want));
        assert_source_lines(cr, step, cr_want, sizeof(cr_want) / sizeof(*cr_want));
    }
}

static void test_crlf_split_at_slice(void **state)
{
    /* CR as the last byte of the first 64 KiB slice, LF the first of the next. */
    struct strbuf in = STRBUF_INIT, out = STRBUF_INIT, want = STRBUF_INIT;
    struct error e;
    for (size_t i = 0; i < ENCODING_CHUNK - 1; i++)
        strbuf_addch(&in, 'x');
    strbuf_addstr(&in, "\r\n\x95\x5C\r");
    strbuf_add(&want, in.buf, ENCODING_CHUNK - 1);
    strbuf_addstr(&want, "\n表\n");
    assert_int_equal(cp932(in.buf, in.len, &out, &e), 0);   /* one feed, sliced inside */
    assert_int_equal(out.len, want.len);
    assert_memory_equal(out.buf, want.buf, want.len);
    struct encoding_options o = opts(ENCODING_CP932, NULL);
    strbuf_reset(&out);
    assert_int_equal(stream(&o, in.buf, in.len, ENCODING_CHUNK, &out, &e), 0);   /* two reads */
    assert_int_equal(out.len, want.len);
    assert_memory_equal(out.buf, want.buf, want.len);
    strbuf_release(&in);
    strbuf_release(&out);
    strbuf_release(&want);
}

/* ---- chunk-boundary equivalence on real text ---- */

/* Seed text plus extension characters, gaiji and half-width kana, three times over. */
static void build_text(struct strbuf *utf8)
{
    size_t len;
    char *seed = read_seed(&len);
    for (int i = 0; i < 3; i++) {
        strbuf_add(utf8, seed, len);
        strbuf_addstr(utf8, "①Ⅰ№㈱≒纊 ～－∥―￠￡￢ ﾊﾝｶｸｶﾞ ﾟ 表ソ\\~ \xEE\x80\x80\xEE\x9D\x97\n");
    }
    free(seed);
}

/* The same text with CRLF line ends (every third a lone CR), in UTF-8 and in CP932. */
static void build_inputs(const struct strbuf *utf8, struct strbuf *crlf, struct strbuf *sjis)
{
    struct error e;
    int k = 0;
    for (size_t i = 0; i < utf8->len; i++) {
        if (utf8->buf[i] == '\n')
            strbuf_addstr(crlf, ++k % 3 ? "\r\n" : "\r");
        else
            strbuf_addch(crlf, utf8->buf[i]);
    }
    struct encoding_encoder *enc = encoding_encoder_new(&e);
    assert_non_null(enc);
    assert_int_equal(encoding_to_cp932(enc, crlf->buf, crlf->len, sjis, &e), 0);
    encoding_encoder_free(enc);
}

/* Decode in with every read size; the output must be want, the warnings the same each time. */
static void check_read_sizes(enum encoding enc, const struct strbuf *in, const struct strbuf *want,
                             size_t want_warnings)
{
    static const size_t steps[] = { 1, 2, 3, 65536, 0 /* all at once */ };
    struct strbuf out = STRBUF_INIT, warnings = STRBUF_INIT, first = STRBUF_INIT;
    struct error e;
    for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
        struct encoding_options o = opts(enc, &warnings);
        strbuf_reset(&out);
        strbuf_reset(&warnings);
        assert_int_equal(stream(&o, in->buf, in->len, steps[i] ? steps[i] : in->len, &out, &e), 0);
        assert_int_equal(out.len, want->len);
        assert_memory_equal(out.buf, want->buf, want->len);
        if (i == 0)
            strbuf_add(&first, warnings.buf, warnings.len);
        assert_string_equal(strbuf_cstr(&warnings), strbuf_cstr(&first));
    }
    size_t lines = 0;
    for (size_t i = 0; i < first.len; i++)
        lines += first.buf[i] == '\n';
    assert_int_equal(lines, want_warnings);
    strbuf_release(&out);
    strbuf_release(&warnings);
    strbuf_release(&first);
}

static void check_chunk_equivalence(void)
{
    struct strbuf utf8 = STRBUF_INIT, crlf = STRBUF_INIT, sjis = STRBUF_INIT;
    build_text(&utf8);
    build_inputs(&utf8, &crlf, &sjis);
    assert_true(sjis.len > 2 * ENCODING_CHUNK);
    assert_true(sjis.len < utf8.len);   /* it really is two-byte text now */
    check_read_sizes(ENCODING_CP932, &sjis, &utf8, 6);   /* two gaiji per copy, each once */
    check_read_sizes(ENCODING_AUTO, &sjis, &utf8, 6);
    check_read_sizes(ENCODING_UTF8, &crlf, &utf8, 0);
    check_read_sizes(ENCODING_AUTO, &crlf, &utf8, 0);
    strbuf_release(&utf8);
    strbuf_release(&crlf);
    strbuf_release(&sjis);
}

static void test_chunk_equivalence(void **state)
{
    check_chunk_equivalence();
}

static void test_chunk_equivalence_corrected(void **state)
{
    check_chunk_equivalence();
}

static void test_split_inside_character_at_65536(void **state)
{
    /* A two-byte character across the 64 KiB read boundary, and a CRLF after it. */
    struct strbuf in = STRBUF_INIT, out = STRBUF_INIT, want = STRBUF_INIT;
    struct error e;
    for (size_t i = 0; i < ENCODING_CHUNK - 1; i++)
        strbuf_addch(&in, 'y');
    strbuf_addstr(&in, "\x95\x5C\r\n\xF0\x40");
    strbuf_add(&want, in.buf, ENCODING_CHUNK - 1);
    strbuf_addstr(&want, "表\n\xEE\x80\x80");
    assert_int_equal((unsigned char)in.buf[ENCODING_CHUNK - 1], 0x95);
    struct encoding_options o = opts(ENCODING_CP932, NULL);
    assert_int_equal(stream(&o, in.buf, in.len, ENCODING_CHUNK, &out, &e), 0);
    assert_int_equal(out.len, want.len);
    assert_memory_equal(out.buf, want.buf, want.len);
    strbuf_release(&in);
    strbuf_release(&out);
    strbuf_release(&want);
}

/* ---- UTF-8 input ---- */

static void test_utf8_explicit(void **state)
{
    struct encoding_options o = opts(ENCODING_UTF8, NULL);
    struct encoding_info info;
    struct strbuf out = STRBUF_INIT;
    struct error e;
    o.file = "in.csv";
    static const char bom_text[] = "\xEF\xBB\xBF表,ｶ\r\n";
    for (size_t step = 1; step <= 4; step++) {
        strbuf_reset(&out);
        assert_int_equal(stream(&o, bom_text, sizeof(bom_text) - 1, step, &out, &e), 0);
        assert_string_equal(strbuf_cstr(&out), "表,ｶ\n");
    }
    assert_int_equal(encoding_decode(bom_text, sizeof(bom_text) - 1, &o, &out, &info, &e), 0);
    assert_true(info.bom);
    assert_int_equal(info.used, ENCODING_UTF8);
    /* A BOM later on is text (U+FEFF), not dropped. */
    strbuf_reset(&out);
    assert_int_equal(encoding_decode("a\xEF\xBB\xBF", 4, &o, &out, &info, &e), 0);
    assert_string_equal(strbuf_cstr(&out), "a\xEF\xBB\xBF");
    assert_false(info.bom);

    static const struct {
        const char *in;
        const char *want;
    } cases[] = {
        { "ab\ncd\xE3\x41", "in.csv:2:3: invalid UTF-8 byte E3 at byte 5" },
        { "表\xE3\x81", "in.csv:1:2: truncated UTF-8 sequence E3 81 at byte 3 (end of input)" },
        { "\xC0\x80", "in.csv:1:1: invalid UTF-8 byte C0 at byte 0" },
        { "x\xED\xA0\x80", "in.csv:1:2: invalid UTF-8 byte ED at byte 1" },   /* surrogate */
        { "\xEF\xBB\xBF" "a\x95", "in.csv:1:2: invalid UTF-8 byte 95 at byte 4" },   /* BOM no column */
        { "\xF4\x90\x80\x80", "in.csv:1:1: invalid UTF-8 byte F4 at byte 0" },
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        size_t n = strlen(cases[i].in);
        for (size_t step = 1; step <= n; step++) {
            strbuf_reset(&out);
            assert_int_equal(stream(&o, cases[i].in, n, step, &out, &e), -1);
            assert_error_is(&e, cases[i].want);
        }
    }
    strbuf_release(&out);
}

/* ---- auto-detection ---- */

struct auto_case {
    const char *in;
    size_t len;
    enum encoding_gaiji gaiji;
    int rc;
    const char *out;        /* or the formatted error when rc is -1 */
    enum encoding used;
    bool bom;
    const char *warnings;
};

#define BYTES(s) s, sizeof(s) - 1

static const struct auto_case auto_cases[] = {
    /* 山田 in UTF-8 also decodes as CP932 (螻ｱ逕ｰ): valid UTF-8 wins. */
    { BYTES("山田\r\n"), ENCODING_GAIJI_WARN, 0, "山田\n", ENCODING_UTF8, false, "" },
    { BYTES("\xEF\xBB\xBF山田"), ENCODING_GAIJI_WARN, 0, "山田", ENCODING_UTF8, true, "" },
    { BYTES("\x8E\x52\x93\x63\r\n\xF0\x40"), ENCODING_GAIJI_WARN, 0, "山田\n\xEE\x80\x80",
      ENCODING_CP932, false, "2:1:6: user-defined character F040 (gaiji) at byte 6 decoded as "
                             "private use U+E000\n" },
    { BYTES(""), ENCODING_GAIJI_WARN, 0, "", ENCODING_UTF8, false, "" },
    { BYTES("ascii\r\nonly\r"), ENCODING_GAIJI_WARN, 0, "ascii\nonly\n", ENCODING_UTF8, false, "" },
    /* CRLF cut between the ASCII start and the rest, either way it turns out. */
    { BYTES("a\r\n\x95\x5C\r"), ENCODING_GAIJI_WARN, 0, "a\n表\n", ENCODING_CP932, false, "" },
    { BYTES("a\r\n表\r"), ENCODING_GAIJI_WARN, 0, "a\n表\n", ENCODING_UTF8, false, "" },
    /* Valid UTF-8 for a while, then not: CP932 from the start (here mojibake, by the rules). */
    { BYTES("日本\n\x95\x5C"), ENCODING_GAIJI_WARN, 0, "譌･譛ｬ\n表", ENCODING_CP932, false, "" },
    /* UTF-8 cut short at the end is not UTF-8. */
    { BYTES("abc\xE3\x81"), ENCODING_GAIJI_WARN, 0, "abc縺", ENCODING_CP932, false, "" },
    /* Neither: both first offsets named. */
    { BYTES("\x95\x5C\n\xF0\x40" "ab\x81\x20"), ENCODING_GAIJI_WARN, -1,
      "x.csv: not UTF-8 (invalid byte 95 at byte 0, line 1, column 1) and "
      "not CP932 (invalid sequence 81 20 at byte 7, line 2, column 4)", ENCODING_AUTO, false, NULL },
    { BYTES("日本語\nab\xE3\x81"), ENCODING_GAIJI_WARN, -1,
      "x.csv: not UTF-8 (truncated sequence E3 81 at byte 12, line 2, column 3) "
      "and not CP932 (invalid sequence 9E 0A at byte 8, line 1, column 6)", ENCODING_AUTO, false, NULL },
    { BYTES("\xEF\xBB"), ENCODING_GAIJI_WARN, -1,
      "x.csv: not UTF-8 (truncated sequence EF BB at byte 0, line 1, column 1) "
      "and not CP932 (invalid sequence EF BB at byte 0, line 1, column 1)", ENCODING_AUTO, false, NULL },
    /* A BOM decides: UTF-8, and its errors are UTF-8 errors. */
    { BYTES("\xEF\xBB\xBF\x95\x5C"), ENCODING_GAIJI_WARN, -1,
      "x.csv:1:1: invalid UTF-8 byte 95 at byte 3", ENCODING_AUTO, false, NULL },
    /* Clean CP932 except a gaiji the policy refuses: the gaiji is the error. */
    { BYTES("\x95\x5C\xF0\x40"), ENCODING_GAIJI_ERROR, -1,
      "x.csv:1:2: user-defined character F040 (gaiji, private use U+E000) at byte 2 is not allowed",
      ENCODING_AUTO, false, NULL },
};

static void check_auto_result(const struct auto_case *c, int rc, const struct strbuf *out,
                              const struct encoding_info *info, const struct error *e)
{
    assert_int_equal(rc, c->rc);
    if (rc < 0) {
        assert_error_is(e, c->out);
        return;
    }
    assert_int_equal(out->len, strlen(c->out));
    assert_string_equal(strbuf_cstr(out), c->out);
    assert_int_equal(info->used, c->used);
    assert_int_equal(info->bom, c->bom);
}

static void test_auto_detection(void **state)
{
    struct strbuf warnings = STRBUF_INIT, out = STRBUF_INIT;
    struct encoding_info info;
    struct error e;
    for (size_t i = 0; i < ARRAY_LEN(auto_cases); i++) {
        const struct auto_case *c = &auto_cases[i];
        struct encoding_options o = opts(ENCODING_AUTO, &warnings);
        o.file = "x.csv";
        o.gaiji = c->gaiji;
        strbuf_reset(&warnings);
        strbuf_reset(&out);
        strbuf_addstr(&out, "kept:");
        int rc = encoding_decode(c->in, c->len, &o, &out, &info, &e);
        if (rc < 0) {
            assert_string_equal(strbuf_cstr(&out), "kept:");   /* untouched */
            assert_int_equal(warnings.len, 0);   /* nothing from a rejected attempt */
        } else {
            assert_memory_equal(out.buf, "kept:", 5);
            assert_string_equal(strbuf_cstr(&warnings), c->warnings);
        }
        struct strbuf tail = STRBUF_INIT;
        strbuf_add(&tail, out.buf + 5, out.len - 5);
        check_auto_result(c, rc, &tail, &info, &e);
        strbuf_release(&tail);
    }
    strbuf_release(&warnings);
    strbuf_release(&out);
}

static void test_auto_detection_streamed(void **state)
{
    /* The streaming decoder decides the same, however the input is cut. */
    struct strbuf warnings = STRBUF_INIT, out = STRBUF_INIT;
    struct error e;
    for (size_t i = 0; i < ARRAY_LEN(auto_cases); i++) {
        const struct auto_case *c = &auto_cases[i];
        for (size_t step = 1; step <= c->len + 1; step++) {
            struct encoding_options o = opts(ENCODING_AUTO, &warnings);
            o.file = "x.csv";
            o.gaiji = c->gaiji;
            strbuf_reset(&warnings);
            strbuf_reset(&out);
            struct encoding_decoder *d = encoding_decoder_new(&o, &e);
            int rc = 0;
            for (size_t k = 0; rc == 0 && k < c->len; k += step)
                rc = encoding_decoder_feed(d, c->in + k, c->len - k < step ? c->len - k : step,
                                           &out, &e);
            if (rc == 0)
                rc = encoding_decoder_finish(d, &out, &e);
            check_auto_result(c, rc, &out, encoding_decoder_info(d), &e);
            if (rc == 0)
                assert_string_equal(strbuf_cstr(&warnings), c->warnings);
            encoding_decoder_free(d);
        }
    }
    strbuf_release(&warnings);
    strbuf_release(&out);
}

static void test_auto_streams_cp932_holds_utf8(void **state)
{
    struct encoding_options o = opts(ENCODING_AUTO, NULL);
    struct strbuf out = STRBUF_INIT;
    struct error e;
    struct encoding_decoder *d = encoding_decoder_new(&o, &e);

    /* ASCII at once; CP932 as soon as it shows. */
    assert_int_equal(encoding_decoder_feed(d, "id,\x96\xBC", 5, &out, &e), 0);
    assert_string_equal(strbuf_cstr(&out), "id,名");
    assert_int_equal(encoding_decoder_info(d)->used, ENCODING_CP932);
    assert_int_equal(encoding_decoder_feed(d, "\x91\x4F\r\n", 4, &out, &e), 0);
    assert_string_equal(strbuf_cstr(&out), "id,名前\n");
    assert_int_equal(encoding_decoder_finish(d, &out, &e), 0);

    /* UTF-8 is held back until finish(). */
    encoding_decoder_reset(d);
    strbuf_reset(&out);
    static const char utf8[] = "id,名前\r\n";
    assert_int_equal(encoding_decoder_feed(d, utf8, sizeof(utf8) - 1, &out, &e), 0);
    assert_string_equal(strbuf_cstr(&out), "id,");
    assert_int_equal(encoding_decoder_info(d)->used, ENCODING_AUTO);
    assert_int_equal(encoding_decoder_finish(d, &out, &e), 0);
    assert_string_equal(strbuf_cstr(&out), "id,名前\n");
    assert_int_equal(encoding_decoder_info(d)->used, ENCODING_UTF8);
    encoding_decoder_free(d);
    strbuf_release(&out);
}

/* ---- export ---- */

static void test_encode_cp932(void **state)
{
    struct strbuf out = STRBUF_INIT;
    struct error e;
    struct encoding_encoder *enc = encoding_encoder_new(&e);
    assert_non_null(enc);
    static const char in[] = "表ソ①～－∥￢ｶﾞ\\~\r\n\xEE\x80\x80\xEE\x9D\x97";
    static const char want[] = "\x95\x5C\x83\x5C\x87\x40\x81\x60\x81\x7C\x81\x61\x81\xCA"
                               "\xB6\xDE\\~\r\n\xF0\x40\xF9\xFC";
    assert_int_equal(encoding_to_cp932(enc, in, sizeof(in) - 1, &out, &e), 0);
    assert_int_equal(out.len, sizeof(want) - 1);
    assert_memory_equal(out.buf, want, out.len);
    strbuf_reset(&out);
    assert_int_equal(encoding_to_cp932(enc, "", 0, &out, &e), 0);
    assert_int_equal(out.len, 0);

    static const struct {
        const char *in;
        const char *msg;
        long line, column, offset;
    } cases[] = {
        { "a\n〜", "character U+301C 〜 has no CP932 form (it would read back as U+FF5E ～)", 2, 1, 2 },
        { "x−", "character U+2212 − has no CP932 form (it would read back as U+FF0D －)", 1, 2, 1 },
        { "価格¥", "character U+00A5 ¥ has no CP932 form (it would read back as U+005C \\)", 1, 3, 6 },
        { "鷗外", "character U+9DD7 鷗 has no CP932 form", 1, 1, 0 },
        { "€", "character U+20AC € has no CP932 form", 1, 1, 0 },
        { "ok😀", "character U+1F600 😀 has no CP932 form", 1, 3, 2 },
        { "\xEE\x9D\x98", "character U+E758 \xEE\x9D\x98 has no CP932 form", 1, 1, 0 },
        { "\xC2\x85", "character U+0085 has no CP932 form", 1, 1, 0 },   /* control: not shown raw */
        { "ab\xE3\x41", "invalid UTF-8 byte E3 at byte 2", 1, 3, 2 },
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        strbuf_reset(&out);
        strbuf_addstr(&out, "kept");
        assert_int_equal(encoding_to_cp932(enc, cases[i].in, strlen(cases[i].in), &out, &e), -1);
        assert_string_equal(e.msg, cases[i].msg);
        assert_int_equal(e.line, cases[i].line);
        assert_int_equal(e.column, cases[i].column);
        assert_int_equal(e.offset, cases[i].offset);
        assert_string_equal(strbuf_cstr(&out), "kept");
    }
    encoding_encoder_free(enc);
    strbuf_release(&out);
}

static void test_every_code_survives_export(void **state)
{
    /* Each of the 9,795 CP932 codes: decode, encode, decode gives the same character. */
    struct strbuf first = STRBUF_INIT, back = STRBUF_INIT, again = STRBUF_INIT;
    struct error e;
    struct encoding_encoder *enc = encoding_encoder_new(&e);
    size_t valid = 0, same_bytes = 0;
    for (unsigned code = 0; code <= 0xFFFF; code++) {
        unsigned char b[2] = { (unsigned char)(code >> 8), (unsigned char)code };
        bool single = code < 0x100;
        const char *p = (const char *)(single ? b + 1 : b);
        size_t n = single ? 1 : 2;
        if (!single && !((b[0] >= 0x81 && b[0] <= 0x9F) || (b[0] >= 0xE0 && b[0] <= 0xFC)))
            continue;
        if (single && ((b[1] >= 0x81 && b[1] <= 0x9F) || (b[1] >= 0xE0 && b[1] <= 0xFC)))
            continue;
        if (cp932_cr(p, n, true, &first, &e) < 0)
            continue;
        valid++;
        strbuf_reset(&back);
        assert_int_equal(encoding_to_cp932(enc, first.buf, first.len, &back, &e), 0);
        same_bytes += mem_eq(back.buf, back.len, p, n);
        assert_int_equal(cp932_cr(back.buf, back.len, true, &again, &e), 0);
        assert_int_equal(again.len, first.len);
        assert_memory_equal(again.buf, first.buf, first.len);
    }
    assert_int_equal(valid, 9795);
    assert_int_equal(valid - same_bytes, 398);   /* the notes' count of changed codes */
    encoding_encoder_free(enc);
    strbuf_release(&first);
    strbuf_release(&back);
    strbuf_release(&again);
}

static void test_encode_utf8(void **state)
{
    struct strbuf out = STRBUF_INIT;
    struct error e;
    assert_int_equal(encoding_to_utf8("表", 3, true, &out, &e), 0);
    assert_string_equal(strbuf_cstr(&out), "\xEF\xBB\xBF表");
    strbuf_reset(&out);
    assert_int_equal(encoding_to_utf8("表", 3, false, &out, &e), 0);
    assert_string_equal(strbuf_cstr(&out), "表");
    strbuf_reset(&out);
    assert_int_equal(encoding_to_utf8("a\nb\xFF", 4, true, &out, &e), -1);
    assert_string_equal(e.msg, "invalid UTF-8 byte FF at byte 3");
    assert_int_equal(e.line, 2);
    assert_int_equal(e.column, 2);
    assert_int_equal(e.offset, 3);
    assert_int_equal(out.len, 0);
    strbuf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_names),
        cmocka_unit_test(test_self_check_glibc),
        cmocka_unit_test(test_mappings),
        cmocka_unit_test(test_invalid_sequences),
        cmocka_unit_test(test_error_is_sticky),
        cmocka_unit_test(test_error_position_far_in),
        cmocka_unit_test(test_gaiji_warnings),
        cmocka_unit_test(test_gaiji_error),
        cmocka_unit_test(test_newlines),
        cmocka_unit_test(test_lone_cr_keeps_input_lines),
        cmocka_unit_test(test_crlf_split_at_slice),
        cmocka_unit_test(test_chunk_equivalence),
        cmocka_unit_test(test_split_inside_character_at_65536),
        cmocka_unit_test(test_utf8_explicit),
        cmocka_unit_test(test_auto_detection),
        cmocka_unit_test(test_auto_detection_streamed),
        cmocka_unit_test(test_auto_streams_cp932_holds_utf8),
        cmocka_unit_test(test_encode_cp932),
        cmocka_unit_test(test_every_code_survives_export),
        cmocka_unit_test(test_encode_utf8),
        cmocka_unit_test(test_fake_iconv_is_jis_style),
        cmocka_unit_test_setup_teardown(test_mappings_corrected, use_fake_iconv, use_real_iconv),
        cmocka_unit_test_setup_teardown(test_corrected_rejects_glibc_invalid, use_fake_iconv,
                                        use_real_iconv),
        cmocka_unit_test_setup_teardown(test_chunk_equivalence_corrected, use_fake_iconv,
                                        use_real_iconv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
