/*
 * era.c - 西暦 / 和暦 years (see era.h).
 */
#include "era.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "utf8.h"

struct era {
    const char *name;        /* 平成 */
    char letter;             /* H */
    int first_year;          /* Western year of its 元年 */
    int first_month, first_day;
    int last;                /* its last year number, 0 while it lasts */
};

/* Newest first, so that a date finds its era by its first day. */
static const struct era eras[] = {
    { "令和", 'R', 2019, 5, 1, 0 },
    { "平成", 'H', 1989, 1, 8, 31 },
    { "昭和", 'S', 1926, 12, 25, 64 },
};
#define N_ERAS (sizeof(eras) / sizeof(eras[0]))

/* Full-width ASCII (Ｈ３０) as ASCII and U+3000 as a space: one character for one. */
static void fold_width(const char *s, size_t len, struct strbuf *out)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            strbuf_addch(out, (char)(cp - 0xFF01 + 0x21));
        else if (cp == 0x3000)
            strbuf_addch(out, ' ');
        else
            strbuf_add(out, s + i, n);
        i += n;
    }
}

/* Column (1-based, in characters) of byte offset at in s. */
static long column_of(const char *s, size_t at)
{
    return (long)utf8_count(s, at) + 1;
}

static bool ends_with(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

/* Digits at s (at most 6); returns how many were read, 0 when none. */
static size_t read_digits(const char *s, size_t len, long *value)
{
    size_t i = 0;
    *value = 0;
    while (i < len && i < 6 && s[i] >= '0' && s[i] <= '9')
        *value = *value * 10 + (s[i++] - '0');
    return i;
}

/* The era whose name or letter starts s; *skip is its length in bytes. */
static const struct era *match_era(const char *s, size_t len, size_t *skip)
{
    for (size_t k = 0; k < N_ERAS; k++) {
        size_t n = strlen(eras[k].name);
        if (len >= n && memcmp(s, eras[k].name, n) == 0) {
            *skip = n;
            return &eras[k];
        }
        if (len >= 1 && (s[0] == eras[k].letter || s[0] == eras[k].letter + ('a' - 'A'))) {
            *skip = len >= 2 && s[1] == '.' ? 2 : 1;
            return &eras[k];
        }
    }
    return NULL;
}

static int unknown_era(const char *full, size_t at, const char *s, size_t len, struct error *e)
{
    size_t n = 0;
    while (n < len && !(s[n] >= '0' && s[n] <= '9'))
        n++;
    return error_set(e, NULL, 0, column_of(full, at),
                     _("unknown era \"%.*s\" (expected a Western year such as 2018, or 平成 or H, "
                       "令和 or R, 昭和 or S followed by the year: 平成30, R2, 令和元)"),
                     (int)n, s);
}

static int western_year(const char *full, size_t at, const char *s, size_t len, long *year,
                        struct error *e)
{
    long v;
    size_t n = read_digits(s, len, &v);
    if (n < len)
        return error_set(e, NULL, 0, column_of(full, at + n),
                         _("a year is digits (2018) or an era and digits (平成30, R2)"));
    if (n < 4)
        return error_set(e, NULL, 0, column_of(full, at),
                         _("a Western year has four digits (2018); or write the era (平成30, "
                           "H30)"));
    *year = v;
    return 0;
}

static int era_year(const char *full, size_t at, const char *s, size_t len, long *year,
                    struct error *e)
{
    size_t skip;
    const struct era *era = match_era(s, len, &skip);
    if (!era)
        return unknown_era(full, at, s, len, e);
    const char *num = s + skip;
    size_t nlen = len - skip;
    long v;
    if (nlen == strlen("元") && memcmp(num, "元", nlen) == 0)
        v = 1;
    else if (nlen == 0 || read_digits(num, nlen, &v) != nlen)
        return error_set(e, NULL, 0, column_of(full, at + skip),
                         _("expected the year of %s as digits or 元 (%s2, %s元)"), era->name,
                         era->name, era->name);
    if (v < 1 || (era->last && v > era->last))
        return era->last
                   ? error_set(e, NULL, 0, column_of(full, at + skip),
                               _("%s has the years 1 (元) to %d, not %ld"), era->name, era->last, v)
                   : error_set(e, NULL, 0, column_of(full, at + skip),
                               _("the years of %s start at 1 (元), not %ld"), era->name, v);
    *year = era->first_year + v - 1;
    return 0;
}

static int parse_folded(const char *s, size_t len, long *year, struct error *e)
{
    size_t a = 0, b = len;
    while (a < b && (s[a] == ' ' || s[a] == '\t'))
        a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        b--;
    if (ends_with(s + a, b - a, "年度"))
        b -= strlen("年度");
    else if (ends_with(s + a, b - a, "年"))
        b -= strlen("年");
    if (a == b)
        return error_set(e, NULL, 0, column_of(s, a),
                         _("expected a year (2018, 平成30, H30, 令和元, R2)"));
    if (s[a] >= '0' && s[a] <= '9')
        return western_year(s, a, s + a, b - a, year, e);
    return era_year(s, a, s + a, b - a, year, e);
}

int era_parse_year(const char *s, size_t len, long *year, struct error *e)
{
    error_clear(e);
    struct strbuf folded = STRBUF_INIT;
    fold_width(s, len, &folded);
    int rc = parse_folded(strbuf_cstr(&folded), folded.len, year, e);
    strbuf_release(&folded);
    return rc;
}

int era_parse_fiscal_year(const char *s, size_t len, long *year, struct error *e)
{
    long y;
    if (era_parse_year(s, len, &y, e) < 0)
        return -1;
    if (y < ERA_FISCAL_YEAR_MIN || y > ERA_FISCAL_YEAR_MAX)
        return error_set(e, NULL, 0, 1, _("a fiscal year is from %d (平成元年度) to %d, not %ld"),
                         ERA_FISCAL_YEAR_MIN, ERA_FISCAL_YEAR_MAX, y);
    *year = y;
    return 0;
}

static bool date_before(int y, int m, int d, const struct era *era)
{
    if (y != era->first_year)
        return y < era->first_year;
    return m != era->first_month ? m < era->first_month : d < era->first_day;
}

void era_date_label(int year, int month, int day, char *out, size_t size)
{
    for (size_t k = 0; k < N_ERAS - 1; k++) {     /* 昭和 and before: Western */
        if (date_before(year, month, day, &eras[k]))
            continue;
        int n = year - eras[k].first_year + 1;
        if (n == 1)
            snprintf(out, size, "%s元年%d月%d日", eras[k].name, month, day);
        else
            snprintf(out, size, "%s%d年%d月%d日", eras[k].name, n, month, day);
        return;
    }
    snprintf(out, size, "%d年%d月%d日", year, month, day);
}
