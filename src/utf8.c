/*
 * utf8.c - UTF-8 decoding, character classes, widths, clusters.
 */
#include "utf8.h"
#include "util.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char c = u[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = c & 0x07;
        min = 0x10000;
    } else {
        *cp = UTF8_INVALID;
        return 1;
    }
    if (n < len) {
        *cp = UTF8_INVALID;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = UTF8_INVALID;
            return 1;
        }
        v = (v << 6) | (u[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = UTF8_INVALID;
        return 1;
    }
    *cp = v;
    return len;
}

size_t utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t utf8_invalid_offset(const char *s, size_t n)
{
    /* ASCII eight bytes at a time; the common 3-byte form (CJK) checked inline. */
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char c = u[i];
        if (c < 0x80) {
            i++;
            while (i + 8 <= n) {
                uint64_t w;
                memcpy(&w, u + i, 8);
                if (w & 0x8080808080808080ull)
                    break;
                i += 8;
            }
            continue;
        }
        if (c >= 0xE1 && c <= 0xEC && i + 2 < n && (u[i + 1] & 0xC0) == 0x80 &&
            (u[i + 2] & 0xC0) == 0x80) {
            i += 3;     /* no overlong form or surrogate is possible here */
            continue;
        }
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (cp == UTF8_INVALID)
            return i;
        i += k;
    }
    return n;
}

size_t utf8_count(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; count++) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        i += utf8_decode(s + i, n - i, &cp);     /* an invalid byte counts as one */
    }
    return count;
}

bool utf8_is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

bool utf8_has_control(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (utf8_is_control(cp))
            return true;
        i += k ? k : 1;
    }
    return false;
}

bool utf8_is_bidi_control(uint32_t cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

bool utf8_is_unsafe(uint32_t cp)
{
    return cp == UTF8_INVALID || utf8_is_control(cp) || utf8_is_bidi_control(cp);
}

bool utf8_is_space(uint32_t cp)
{
    /* glibc's "space" class; U+00A0, U+2007 and U+202F are deliberately not in it. */
    return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x2006) || (cp >= 0x2008 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x205F || cp == 0x3000;
}

bool utf8_is_halfwidth_kana(uint32_t cp)
{
    return cp >= 0xFF61 && cp <= 0xFF9F;
}

bool utf8_is_extender(uint32_t cp)
{
    if (cp < 0x300)
        return false;
    if (cp <= 0x36F)                       /* combining diacritical marks */
        return true;
    if (cp == 0x200D)                      /* zero width joiner */
        return true;
    if (cp >= 0xFE00 && cp <= 0xFE0F)      /* variation selectors */
        return true;
    if (cp >= 0xE0100 && cp <= 0xE01EF)    /* ideographic variation selectors */
        return true;
    if (cp >= 0x3099 && cp <= 0x309A)      /* combining (semi-)voiced sound marks */
        return true;
    if (cp >= 0x1F3FB && cp <= 0x1F3FF)    /* emoji skin tones */
        return true;
    if ((cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
        (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F))
        return true;
    /* Other nonspacing marks: wcwidth says 0 for them. */
    if (!utf8_is_unsafe(cp) && cp != 0x200B && wcwidth((wchar_t)cp) == 0)
        return true;
    return false;
}

size_t utf8_escape(uint32_t cp, unsigned char byte, char *out)
{
    if (cp == UTF8_INVALID)
        return (size_t)snprintf(out, 16, "<%02X>", byte);
    if (cp < 0x20)
        return (size_t)snprintf(out, 16, "^%c", (char)(cp + 0x40));
    if (cp == 0x7F)
        return (size_t)snprintf(out, 16, "^?");
    return (size_t)snprintf(out, 16, "<U+%04X>", (unsigned)cp);
}

int utf8_width(uint32_t cp)
{
    if (utf8_is_unsafe(cp)) {
        char tmp[16];
        return (int)utf8_escape(cp, 0, tmp);
    }
    if (utf8_is_extender(cp))
        return 0;
    int w = wcwidth((wchar_t)cp);
    if (w < 0)
        return 1;
    return w > 2 ? 2 : w;
}

size_t utf8_str_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += utf8_decode(s + i, n - i, &cp);
        w += (size_t)utf8_width(cp);
    }
    return w;
}

size_t utf8_cluster_end(const char *s, size_t n, size_t pos)
{
    uint32_t cp;
    size_t i = pos + utf8_decode(s + pos, n - pos, &cp);
    /* A control character (newline, tab) is a cluster of its own. */
    if (cp == UTF8_INVALID || utf8_is_control(cp))
        return i;
    while (i < n) {
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (cp == UTF8_INVALID || !utf8_is_extender(cp))
            break;
        i += k;
        /* ZWJ glues the next character too (emoji sequences), never an unsafe one. */
        if (cp == 0x200D && i < n) {
            k = utf8_decode(s + i, n - i, &cp);
            if (utf8_is_unsafe(cp))
                break;
            i += k;
        }
    }
    return i;
}

/*
 * Clusters are found walking forward, so walking back starts from a point
 * that is surely a cluster boundary: just after a newline, or (in a long
 * line) a character that is not an extender, at most 256 bytes back.
 * Each call costs O(256) whatever the text before looks like.
 */
size_t utf8_cluster_start(const char *s, size_t n, size_t pos)
{
    if (pos == 0)
        return 0;
    size_t from = pos > 256 ? pos - 256 : 0;
    const char *nl = NULL;
    for (size_t i = pos - 1; i > from; i--)
        if (s[i - 1] == '\n') {
            nl = s + i;
            break;
        }
    size_t start = nl ? (size_t)(nl - s) : from;
    /* Move off continuation bytes and extenders to a plain character. */
    while (start < pos - 1) {
        uint32_t cp;
        size_t k = utf8_decode(s + start, n - start, &cp);
        if (((unsigned char)s[start] & 0xC0) != 0x80 && (cp == UTF8_INVALID || !utf8_is_extender(cp)))
            break;
        start += k;
    }
    for (;;) {
        size_t end = utf8_cluster_end(s, n, start);
        if (end >= pos)
            return start;
        start = end;
    }
}

bool utf8_is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += utf8_decode(s + i, n - i, &cp);
        if (cp == UTF8_INVALID || !utf8_is_space(cp))
            return false;
    }
    return true;
}

void utf8_sanitize(const char *s, size_t n, bool keep_layout, struct strbuf *out)
{
    size_t run = 0;     /* start of the current run of safe bytes */
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        bool safe = !utf8_is_unsafe(cp) || (keep_layout && (cp == '\n' || cp == '\t'));
        if (!safe) {
            strbuf_add(out, s + run, i - run);
            char esc[16];
            strbuf_add(out, esc, utf8_escape(cp, (unsigned char)s[i], esc));
            run = i + k;
        }
        i += k;
    }
    strbuf_add(out, s + run, n - run);
}

void utf8_fold_fullwidth_digits(const char *s, size_t n, struct strbuf *out)
{
    for (size_t i = 0; i < n; i++) {
        /* U+FF10..U+FF19 are EF BC 90..99. */
        if (i + 2 < n && (unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBC &&
            (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99) {
            strbuf_addch(out, (char)('0' + ((unsigned char)s[i + 2] - 0x90)));
            i += 2;
        } else {
            strbuf_addch(out, s[i]);
        }
    }
}

bool utf8_is_ascii_alnum(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool utf8_alnum_to_fullwidth(const char *s, size_t n, struct strbuf *out)
{
    bool changed = false;
    for (size_t i = 0; i < n; i++) {
        if (!utf8_is_ascii_alnum((unsigned char)s[i])) {
            strbuf_addch(out, s[i]);
            continue;
        }
        char u[4];      /* U+FF10..U+FF5A sit 0xFEE0 above their ASCII forms */
        strbuf_add(out, u, utf8_encode((uint32_t)(unsigned char)s[i] + 0xFEE0, u));
        changed = true;
    }
    return changed;
}

size_t utf8_count_clusters(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; count++)
        i = utf8_cluster_end(s, n, i);
    return count;
}
