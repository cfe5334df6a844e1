/*
 * search_fold.c - the one folding function of search: what "as typed"
 * matching treats as the same character (search.h lists the rules).
 */
#include <string.h>

#include "search.h"
#include "utf8.h"

/* U+FF61..U+FF9F, half-width katakana and punctuation, as full-width. */
static const uint16_t halfwidth_kana[] = {
    0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3,   /* ｡｢｣､･ｦｧｨ */
    0x30A5, 0x30A7, 0x30A9, 0x30E3, 0x30E5, 0x30E7, 0x30C3, 0x30FC,   /* ｩｪｫｬｭｮｯｰ */
    0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB, 0x30AD, 0x30AF,   /* ｱｲｳｴｵｶｷｸ */
    0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF,   /* ｹｺｻｼｽｾｿﾀ */
    0x30C1, 0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC, 0x30CD,   /* ﾁﾂﾃﾄﾅﾆﾇﾈ */
    0x30CE, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB, 0x30DE, 0x30DF,   /* ﾉﾊﾋﾌﾍﾎﾏﾐ */
    0x30E0, 0x30E1, 0x30E2, 0x30E4, 0x30E6, 0x30E8, 0x30E9, 0x30EA,   /* ﾑﾒﾓﾔﾕﾖﾗﾘ */
    0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3, 0x309B, 0x309C,           /* ﾙﾚﾛﾜﾝﾞﾟ */
};

#define VOICED_MARK 0x309B       /* ゛ */
#define SEMI_VOICED_MARK 0x309C  /* ゜ */

/* The katakana base cp with a voiced (semi false) or semi-voiced mark, or 0. */
static uint32_t compose_katakana(uint32_t cp, bool semi)
{
    if (semi)
        return cp >= 0x30CF && cp <= 0x30DB && (cp - 0x30CF) % 3 == 0 ? cp + 2 : 0;
    if (cp >= 0x30AB && cp <= 0x30C1 && cp % 2 == 1)      /* カ..チ */
        return cp + 1;
    if (cp == 0x30C4 || cp == 0x30C6 || cp == 0x30C8)     /* ツテト */
        return cp + 1;
    if (cp >= 0x30CF && cp <= 0x30DB && (cp - 0x30CF) % 3 == 0)   /* ハヒフヘホ */
        return cp + 1;
    switch (cp) {
    case 0x30A6: return 0x30F4;     /* ウ ヴ */
    case 0x30EF: return 0x30F7;     /* ワ ヷ */
    case 0x30F0: return 0x30F8;     /* ヰ ヸ */
    case 0x30F1: return 0x30F9;     /* ヱ ヹ */
    case 0x30F2: return 0x30FA;     /* ヲ ヺ */
    case 0x30FD: return 0x30FE;     /* ヽ ヾ */
    default: return 0;
    }
}

/* Katakana or hiragana base with a mark, as NFC composes it, or 0. */
static uint32_t compose(uint32_t cp, bool semi)
{
    if (cp >= 0x30A1 && cp <= 0x30FE)
        return compose_katakana(cp, semi);
    if (cp == 0x309D)                                       /* ゝ ゞ */
        return semi ? 0 : 0x309E;
    if (cp >= 0x3041 && cp <= 0x3096) {
        uint32_t k = compose_katakana(cp + 0x60, semi);
        return k && k <= 0x30F6 ? k - 0x60 : 0;            /* no hiragana ヷ..ヺ */
    }
    return 0;
}

/* 1 voiced, 2 semi-voiced, 0 not a mark. */
static int mark_kind(uint32_t cp)
{
    if (cp == 0xFF9E || cp == 0x3099)
        return 1;
    if (cp == 0xFF9F || cp == 0x309A)
        return 2;
    return 0;
}

/* Decode one character; invalid input is one byte, UTF8_INVALID. */
static inline size_t decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    if (u[0] >= 0xE1 && u[0] <= 0xEC && n >= 3 && (u[1] & 0xC0) == 0x80 &&
        (u[2] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        return 3;
    }
    return utf8_decode(s, n, cp);
}

size_t search_fold_char(const char *s, size_t n, uint32_t *out)
{
    uint32_t cp;
    size_t k = decode(s, n, &cp);
    if (cp < 0x80) {
        *out = cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
        return k;
    }
    if (cp == UTF8_INVALID) {
        *out = UTF8_REPLACEMENT;
        return k;
    }
    if (cp == 0x3000) {
        *out = ' ';
        return k;
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
        cp -= 0xFF01 - 0x21;
        *out = cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
        return k;
    }
    if (cp >= 0xFF61 && cp <= 0xFF9F)
        cp = halfwidth_kana[cp - 0xFF61];
    else if (cp == 0x3099)
        cp = VOICED_MARK;
    else if (cp == 0x309A)
        cp = SEMI_VOICED_MARK;
    if (cp >= 0x3041 && cp <= 0x30FE && k < n) {
        uint32_t next;
        size_t k2 = decode(s + k, n - k, &next);
        int mark = mark_kind(next);
        uint32_t composed = mark ? compose(cp, mark == 2) : 0;
        if (composed) {
            *out = composed;
            return k + k2;
        }
    }
    *out = cp;
    return k;
}

bool kana_to_fullwidth(const char *s, size_t n, struct strbuf *out)
{
    bool changed = false;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = decode(s + i, n - i, &cp);
        if (cp < 0xFF61 || cp > 0xFF9F) {
            strbuf_add(out, s + i, k);
            i += k;
            continue;
        }
        cp = halfwidth_kana[cp - 0xFF61];
        if (i + k < n) {                    /* ｶﾞ is one character: ガ */
            uint32_t next;
            size_t k2 = decode(s + i + k, n - i - k, &next);
            uint32_t composed = mark_kind(next) ? compose(cp, mark_kind(next) == 2) : 0;
            if (composed) {
                cp = composed;
                k += k2;
            }
        }
        char buf[4];
        strbuf_add(out, buf, utf8_encode(cp, buf));
        i += k;
        changed = true;
    }
    return changed;
}

void search_fold(const char *s, size_t n, struct strbuf *out)
{
    strbuf_grow(out, n);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += search_fold_char(s + i, n - i, &cp);
        char buf[4];
        strbuf_add(out, buf, utf8_encode(cp, buf));
    }
}
