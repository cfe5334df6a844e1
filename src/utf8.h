/*
 * utf8.h - UTF-8 decoding and the character classes torikumi cares about:
 * display width, control characters (never sent raw to a terminal),
 * clusters (a base character with its combining marks and variation
 * selectors, which the caret never splits), white space as recutils'
 * regular expressions see it, and half-width katakana.
 *
 * Everything here is pure.  utf8_width() uses wcwidth(3) and so needs a
 * UTF-8 LC_CTYPE; main() makes sure of that.
 */
#ifndef TORIKUMI_UTF8_H
#define TORIKUMI_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define UTF8_INVALID 0xFFFFFFFFu
#define UTF8_REPLACEMENT 0xFFFDu

/*
 * Decode the character at s[0..n).  Returns the bytes it takes (1..4) and
 * sets *cp; an invalid or truncated sequence takes 1 byte and sets
 * *cp = UTF8_INVALID.  n must be > 0.
 */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encode cp into out (4 bytes room).  Returns the length. */
size_t utf8_encode(uint32_t cp, char *out);
/* Append s to out with full-width digits (０..９, U+FF10..U+FF19) as ASCII 0..9. */
struct strbuf;
void utf8_fold_fullwidth_digits(const char *s, size_t n, struct strbuf *out);
/* ASCII letters and digits (半角英数) to full width (Ａ, ｚ, ０); true when any changed. */
bool utf8_alnum_to_fullwidth(const char *s, size_t n, struct strbuf *out);
/* Is c an ASCII letter or digit? */
bool utf8_is_ascii_alnum(int c);
/* Offset of the first byte that is not valid UTF-8, or n when all is valid. */
size_t utf8_invalid_offset(const char *s, size_t n);
/* Number of characters (code points; an invalid byte counts as one). */
size_t utf8_count(const char *s, size_t n);

/* C0 and C1 controls, DEL, U+2028/U+2029 (what glibc's [:cntrl:] holds). */
bool utf8_is_control(uint32_t cp);
/* Any control character in s[0..n) (what the header's %type regexps refuse). */
bool utf8_has_control(const char *s, size_t n);
/* Bidirectional formatting characters that can reorder what a terminal shows. */
bool utf8_is_bidi_control(uint32_t cp);
/* Must be shown escaped, never written to the terminal (controls, bidi, invalid). */
bool utf8_is_unsafe(uint32_t cp);
/* White space as glibc's iswspace() sees it in a UTF-8 locale (U+3000 included). */
bool utf8_is_space(uint32_t cp);
/* Half-width katakana and its marks, U+FF61..U+FF9F. */
bool utf8_is_halfwidth_kana(uint32_t cp);
/* Joins the previous character into one cluster (combining mark, VS, ZWJ...). */
bool utf8_is_extender(uint32_t cp);

/*
 * Display columns of one character: 0 for extenders, 2 for wide, 1 for
 * everything else printable (unknown width counts as 1, as vis does).
 * Unsafe characters return the width of their escaped form (see
 * utf8_escape()).
 */
int utf8_width(uint32_t cp);
/* Columns of a whole string laid on one row (tabs count as escape width). */
size_t utf8_str_width(const char *s, size_t n);

/* End of the cluster that starts at pos (pos < n). */
size_t utf8_cluster_end(const char *s, size_t n, size_t pos);
/* Start of the cluster that ends at pos (0 < pos <= n). */
size_t utf8_cluster_start(const char *s, size_t n, size_t pos);
/*
 * Characters as a person counts them: clusters (a base letter with its
 * combining marks is one).  The length limits and the editor's counter
 * both count this way.
 */
size_t utf8_count_clusters(const char *s, size_t n);

/*
 * The printable stand-in for an unsafe character: "^A" style for C0 and
 * DEL, "<U+XXXX>" for the rest, "<XX>" for an invalid byte (cp ==
 * UTF8_INVALID, byte given).  Returns its length; out needs 16 bytes.
 */
size_t utf8_escape(uint32_t cp, unsigned char byte, char *out);

/*
 * Append s to out with every unsafe character replaced by its escaped
 * form, so it can go to a terminal.  keep_layout keeps newlines and tabs.
 */
void utf8_sanitize(const char *s, size_t n, bool keep_layout, struct strbuf *out);

/* True when every character is white space (or the string is empty). */
bool utf8_is_blank(const char *s, size_t n);

#endif
