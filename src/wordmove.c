/*
 * wordmove.c - word boundaries (see wordmove.h).
 */
#include "wordmove.h"

#include <stdint.h>

#include "utf8.h"

enum word_class { WC_BLANK, WC_PUNCT, WC_LATIN, WC_HIRAGANA, WC_KATAKANA, WC_KANJI };

static enum word_class class_of(uint32_t cp)
{
    if (cp == ' ' || cp == '\t' || cp == '\n' || utf8_is_space(cp))
        return WC_BLANK;
    if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
        cp == '_' || (cp >= 0xC0 && cp <= 0x24F) || (cp >= 0xFF10 && cp <= 0xFF19) ||
        (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A))
        return WC_LATIN;
    if (cp >= 0x3041 && cp <= 0x309F)
        return WC_HIRAGANA;
    if ((cp >= 0x30A0 && cp <= 0x30FF) || (cp >= 0xFF66 && cp <= 0xFF9F))
        return WC_KATAKANA;
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || cp == 0x3005)
        return WC_KANJI;
    return WC_PUNCT;
}

static enum word_class class_at(const char *s, size_t n, size_t pos)
{
    uint32_t cp;
    utf8_decode(s + pos, n - pos, &cp);
    return class_of(cp);
}

size_t word_next(const char *s, size_t n, size_t pos)
{
    if (pos >= n)
        return n;
    enum word_class c = class_at(s, n, pos);
    while (pos < n && class_at(s, n, pos) == c && c != WC_BLANK)
        pos = utf8_cluster_end(s, n, pos);
    while (pos < n && class_at(s, n, pos) == WC_BLANK)
        pos = utf8_cluster_end(s, n, pos);
    return pos;
}

size_t word_prev(const char *s, size_t n, size_t pos)
{
    if (pos > n)
        pos = n;
    while (pos > 0 && class_at(s, n, utf8_cluster_start(s, n, pos)) == WC_BLANK)
        pos = utf8_cluster_start(s, n, pos);
    if (pos == 0)
        return 0;
    enum word_class c = class_at(s, n, utf8_cluster_start(s, n, pos));
    while (pos > 0 && class_at(s, n, utf8_cluster_start(s, n, pos)) == c)
        pos = utf8_cluster_start(s, n, pos);
    return pos;
}
