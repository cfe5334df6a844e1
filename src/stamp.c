/*
 * stamp.c - the Updated stamp (see stamp.h).
 */
#include "stamp.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "era.h"
#include "utf8.h"

/* A name goes into a one-line field: control characters (line breaks too) become blanks. */
static void add_one_line(struct strbuf *out, const char *s, size_t n)
{
    size_t start = out->len;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (cp == UTF8_INVALID || utf8_is_control(cp) || utf8_is_bidi_control(cp))
            strbuf_addch(out, ' ');
        else
            strbuf_add(out, s + i, k);
        i += k;
    }
    while (out->len > start && out->buf[out->len - 1] == ' ')
        out->buf[--out->len] = '\0';
}

static bool add_name(struct strbuf *out, const char *s, size_t n)
{
    size_t before = out->len;
    add_one_line(out, s, n);
    return out->len > before && !utf8_is_blank(out->buf + before, out->len - before);
}

void stamp_clerk_name(struct strbuf *out)
{
    size_t start = out->len;
    const char *set = getenv("TORIKUMI_NAME");
    if (set && add_name(out, set, strlen(set)))
        return;
    out->len = start;
    struct passwd *pw = getpwuid(getuid());
    const char *gecos = pw ? pw->pw_gecos : NULL;
    if (gecos && add_name(out, gecos, strcspn(gecos, ",")))
        return;
    out->len = start;
    const char *login = pw && pw->pw_name ? pw->pw_name : getenv("USER");
    if (login && add_name(out, login, strlen(login)))
        return;
    out->len = start;
    strbuf_addstr(out, "unknown");
}

void stamp_make(time_t t, const char *name, struct strbuf *out)
{
    struct tm tm;
    localtime_r(&t, &tm);
    char iso[64];
    strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%S%z", &tm);
    /* +0900 -> +09:00, as ISO 8601 writes it. */
    size_t n = strlen(iso);
    if (n >= 5 && (iso[n - 5] == '+' || iso[n - 5] == '-'))
        snprintf(iso + n - 2, sizeof(iso) - n + 2, ":%c%c", iso[n - 2], iso[n - 1]);
    strbuf_addf(out, "%s %s", iso, name);
}

bool stamp_display(const char *stamp, struct strbuf *out)
{
    int y, mo, d, h, mi, s, used = 0;
    char sign, zone[6];
    if (sscanf(stamp, "%4d-%2d-%2dT%2d:%2d:%2d%c%5[0-9:]%n", &y, &mo, &d, &h, &mi, &s, &sign,
               zone, &used) != 8 || (sign != '+' && sign != '-') || mo < 1 || mo > 12 || d < 1 ||
        d > 31 || h > 23 || mi > 59)
        return false;
    char date[64];
    era_date_label(y, mo, d, date, sizeof(date));
    strbuf_addf(out, "%s %02d:%02d (%c%s)", date, h, mi, sign, zone);
    const char *rest = stamp + used;
    if (*rest)
        strbuf_addstr(out, rest);
    return true;
}
