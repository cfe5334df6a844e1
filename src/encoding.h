/*
 * encoding.h - the encodings torikumi reads and writes: UTF-8 (its own
 * files) and CP932, the "Shift-JIS" Windows and Excel actually write.
 * encoding.c decodes, encoding_export.c encodes.
 *
 * This module owns
 *   - names: "Shift-JIS", "SJIS", "Windows-31J", "MS932", "CP932" all
 *     mean CP932 (docs/format.md, section 4, `torikumi import`);
 *   - decoding to UTF-8, streamed or whole-buffer: exact CP932 through
 *     iconv(3), validated UTF-8, a UTF-8 BOM dropped, CRLF and lone CR
 *     turned into LF, and auto-detection for a whole file;
 *   - encoding UTF-8 to CP932 for export, refusing every character that
 *     would not come back as itself.
 * It does no I/O: callers read and write files.  Text is never rewritten
 * otherwise (half-width katakana stays half-width), and bad bytes are
 * never dropped or replaced: they are errors.
 *
 * Positions in messages and in struct error:
 *   offset  0-based byte offset from the start of the input (the file,
 *           BOM included), of the first byte of the bad sequence;
 *   line    1-based, counted by LF (0x0A) bytes in the input (a lone CR
 *           does not start a line here, although it becomes LF);
 *   column  1-based, counted in characters on that line (a two-byte
 *           CP932 character and a multi-byte UTF-8 character count one;
 *           a dropped BOM counts none).
 * Example: "legacy.csv:2:3: invalid CP932 sequence 81 20 at byte 13".
 *
 * iconv: glibc's CP932 is exact.  GNU libiconv decodes six codes the JIS
 * way (81 60 -> U+301C instead of U+FF5E, ...).  The first decoder runs
 * a self check (81 60 must give U+FF5E); when it fails the decoder
 * converts 81 60, 81 61, 81 7C, 81 91, 81 92, 81 CA itself and rejects
 * 80, A0 and FD-FF itself, so results are the same everywhere.
 *
 * Nothing here is thread-safe: the self-check result is a process-wide
 * cache.
 */
#ifndef TORIKUMI_ENCODING_H
#define TORIKUMI_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* Read size the decoder is tuned for (it slices bigger input itself). */
#define ENCODING_CHUNK 65536

#define ENCODING_UTF8_BOM "\xEF\xBB\xBF"
#define ENCODING_UTF8_BOM_LEN 3

enum encoding {
    ENCODING_AUTO,   /* a UTF-8 BOM, else valid UTF-8, else CP932; decided per file */
    ENCODING_UTF8,
    ENCODING_CP932,
};

/*
 * Parse an --encoding value, case-insensitively: "auto"; "utf-8" or
 * "utf8"; "cp932", "shift-jis", "shift_jis", "sjis", "windows-31j" or
 * "ms932".  Returns 0, or -1 with e naming the accepted values.
 */
int encoding_parse(const char *name, enum encoding *enc, struct error *e);
/* "auto", "UTF-8" or "CP932". */
const char *encoding_name(enum encoding enc);

/* User-defined characters (gaiji, F040-F9FC -> U+E000-U+E757). */
enum encoding_gaiji {
    ENCODING_GAIJI_WARN,    /* decode, report each one through warn() */
    ENCODING_GAIJI_ERROR,   /* the first one is an error */
};

/* Parse a --gaiji value: "warn" or "error".  Returns 0, or -1 with e set. */
int encoding_parse_gaiji(const char *name, enum encoding_gaiji *mode, struct error *e);

/*
 * How to decode.  All-zero is the default: auto-detect, gaiji are
 * warnings, newlines become LF, no file name, warnings only counted.
 */
struct encoding_options {
    enum encoding encoding;
    enum encoding_gaiji gaiji;
    bool keep_cr;              /* true: leave CR bytes alone */
    const char *file;          /* for messages; borrowed, may be NULL */
    /*
     * Called once per warning (today: each user-defined character, e.g.
     * "user-defined character F040 (gaiji) at byte 13 decoded as private
     * use U+E000", with line, column and offset in w).  w is valid only
     * during the call.
     */
    void (*warn)(void *ctx, const struct error *w);
    void *warn_ctx;
};

/* What decoding found. */
struct encoding_info {
    enum encoding used;        /* ENCODING_UTF8 or ENCODING_CP932 (AUTO: not decided yet) */
    bool bom;                  /* a UTF-8 BOM was dropped */
    size_t gaiji;              /* user-defined characters decoded */
};

/*
 * Decode a whole buffer to UTF-8, appended to out.  With ENCODING_AUTO
 * the decision is made once for the whole buffer: a UTF-8 BOM means
 * UTF-8; else valid UTF-8 is UTF-8; else strict CP932; else the error
 * names the first bad byte in both encodings:
 *   "not UTF-8 (invalid byte E3 at byte 120, line 3, column 7) and not
 *    CP932 (invalid sequence 81 20 at byte 13, line 2, column 3)".
 * In auto mode warnings are delivered only once CP932 was chosen.
 * info may be NULL.  Returns 0, or -1 with e set and out unchanged.
 */
int encoding_decode(const char *data, size_t len, const struct encoding_options *opt,
                    struct strbuf *out, struct encoding_info *info, struct error *e);

/*
 * Streaming decoder.  Feed the input in pieces of any size; a character
 * or CRLF split between pieces is joined, so the output does not depend
 * on how the input was cut.  Output is appended to out as it is decoded
 * (reads of ENCODING_CHUNK bytes suit it best).  After feed() or
 * finish() returned -1 the decoder only repeats that error; what was
 * appended to out before it stays.
 *
 * ENCODING_AUTO streams too, with the same decisions as
 * encoding_decode(): ASCII goes out at once (it reads the same in both);
 * from the first non-ASCII byte on, input that is still valid UTF-8 is
 * held back until an invalid byte proves it is CP932, or finish() finds
 * it was UTF-8 all along.  So a CP932 file streams from its first
 * non-ASCII character on, while a UTF-8 file without BOM is held in
 * memory and comes out at finish(); encoding_decoder_info()->used is
 * ENCODING_AUTO until then.  Unlike encoding_decode(), a gaiji warning
 * may come before an error that rejects the file.
 *
 * Returns the decoder, or NULL with e set (iconv cannot convert CP932 at
 * all).  The caller frees it.
 */
struct encoding_decoder *encoding_decoder_new(const struct encoding_options *opt,
                                              struct error *e);
/*
 * The input's line number of line `line` of the output.  The output's
 * lines end at every LF, but a lone CR inside a line of an LF or CRLF file
 * (one that became an LF) is no line end in the input: what a parser of
 * the output reports goes through this before it is shown.  In a file
 * whose lines end in lone CRs (the first line end decides) they are lines.
 */
long encoding_decoder_source_line(const struct encoding_decoder *d, long line);
/* Decode n more bytes.  Returns 0, or -1 with e set. */
int encoding_decoder_feed(struct encoding_decoder *d, const char *in, size_t n,
                          struct strbuf *out, struct error *e);
/* End of input: a character still incomplete is an error ("truncated"). */
int encoding_decoder_finish(struct encoding_decoder *d, struct strbuf *out, struct error *e);
/* Start over on new input, with the same options (positions restart at byte 0). */
void encoding_decoder_reset(struct encoding_decoder *d);
const struct encoding_info *encoding_decoder_info(const struct encoding_decoder *d);
void encoding_decoder_free(struct encoding_decoder *d);

/*
 * Check that s[0..n) is valid UTF-8.  Returns 0, or -1 with e naming the
 * first bad byte: "invalid UTF-8 byte E3 at byte 5" or "truncated UTF-8
 * sequence E3 81 at byte 5 (end of input)", e->offset, e->line and
 * e->column set (file is left empty).
 */
int encoding_check_utf8(const char *s, size_t n, struct error *e);

/*
 * Encoder from UTF-8 to CP932, for export; one serves any number of
 * strings (it holds two iconv descriptors).  A character is accepted only
 * if it decodes back to itself: U+301C WAVE DASH, for instance, is
 * refused although iconv would write 81 60 (which reads back as U+FF5E).
 * Private use U+E000-U+E757 becomes F040-F9FC.  CP932 has several codes
 * for some characters (NEC and IBM duplicates); the encoder picks one, so
 * bytes need not match an original file, characters do.
 */
struct encoding_encoder *encoding_encoder_new(struct error *e);
/*
 * Append the CP932 form of in[0..n) to out.  Returns 0, or -1 with out
 * unchanged and e set: e->offset is the byte offset in `in` of the first
 * character that cannot be written (or of the first invalid UTF-8 byte),
 * e->line and e->column its place in `in`, and the message names it,
 * e.g. "character U+301C 〜 has no CP932 form (it would read back as
 * U+FF5E ～)".  The caller adds which item and field it was.
 */
int encoding_to_cp932(struct encoding_encoder *enc, const char *in, size_t n,
                      struct strbuf *out, struct error *e);
void encoding_encoder_free(struct encoding_encoder *enc);

/*
 * Append in[0..n) to out as UTF-8, after a BOM when bom is true (Excel's
 * "CSV UTF-8").  The text must be valid UTF-8.  Returns 0, or -1 with
 * out unchanged and e set as for encoding_to_cp932().
 */
int encoding_to_utf8(const char *in, size_t n, bool bom, struct strbuf *out, struct error *e);

/* What the self check found about iconv's CP932. */
enum encoding_iconv_status {
    ENCODING_ICONV_EXACT,      /* 81 60 -> U+FF5E: iconv is used as is */
    ENCODING_ICONV_CORRECTED,  /* JIS-style iconv: six codes corrected here */
    ENCODING_ICONV_MISSING,    /* no CP932 in this iconv */
};

/* Run the self check (once; the result is cached). */
enum encoding_iconv_status encoding_iconv_check(void);

/*
 * Test hook: send the decoding iconv(3) calls (CP932 -> UTF-8, self
 * check included) through fn instead; NULL restores iconv(3).  Forgets
 * the cached self-check result.  cd is the iconv_t the module opened.
 */
typedef size_t (*encoding_iconv_fn)(void *cd, char **in, size_t *inleft,
                                    char **out, size_t *outleft);
void encoding_test_set_iconv(encoding_iconv_fn fn);

#endif
