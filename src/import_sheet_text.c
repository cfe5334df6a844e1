/*
 * import_sheet_text.c - tidying cells and finding choice boxes for the
 * sheet importer (see import_sheet_impl.h).  Every scan is bounded: a tag
 * is looked for over at most MAX_TAG bytes, so the whole is linear.
 */
#include "import_sheet_impl.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

#define MAX_TAG 512

enum tag { TAG_BREAK, TAG_INPUT, TAG_INPUT_CHECKED };

static bool is_ascii_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_ascii_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The length of the <p>, </p>, <br>, <input> tag at s (s[0] == '<'), or 0. */
static size_t match_tag(const char *s, size_t n, enum tag *kind)
{
    size_t i = 1;
    bool closing = i < n && s[i] == '/';
    if (closing)
        i++;
    size_t name = i;
    while (i < n && is_ascii_alpha((unsigned char)s[i]))
        i++;
    size_t nl = i - name;
    if (nl == 1 && (s[name] == 'p' || s[name] == 'P'))
        *kind = TAG_BREAK;
    else if (nl == 2 && strncasecmp(s + name, "br", 2) == 0)
        *kind = TAG_BREAK;
    else if (!closing && nl == 5 && strncasecmp(s + name, "input", 5) == 0)
        *kind = TAG_INPUT;
    else
        return 0;
    if (i >= n || (s[i] != '>' && s[i] != '/' && !is_ascii_blank((unsigned char)s[i])))
        return 0;
    char quote = 0;
    size_t limit = n < MAX_TAG ? n : MAX_TAG;
    for (; i < limit; i++) {
        char c = s[i];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '<' || c == '\n') {
            return 0;
        } else if (c == '>') {
            return i + 1;
        } else if (*kind == TAG_INPUT && n - i >= 7 && strncasecmp(s + i, "checked", 7) == 0) {
            *kind = TAG_INPUT_CHECKED;
        }
    }
    return 0;
}

static void emit(struct tidy *t, const char *s, size_t k, long col)
{
    if (!t->open) {
        t->open = true;
        t->pstart = t->buf.len;
    }
    strbuf_add(&t->buf, s, k);
    xgrow((void **)&t->col, &t->cap_col, t->buf.len, sizeof *t->col);
    for (size_t i = t->buf.len - k; i < t->buf.len; i++)
        t->col[i] = col;
}

static void end_para(struct tidy *t)
{
    if (!t->open)
        return;
    xgrow((void **)&t->starts, &t->cap_starts, 2 * t->n_paras + 2, sizeof *t->starts);
    t->starts[2 * t->n_paras] = t->pstart;
    t->starts[2 * t->n_paras + 1] = t->buf.len;
    t->n_paras++;
    t->open = false;
}

void text_tidy(struct tidy *t, const char *s, size_t n, long col0)
{
    strbuf_reset(&t->buf);
    t->n_paras = 0;
    t->open = false;
    bool space = false;
    long col = col0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        enum tag kind;
        size_t tl = c == '<' ? match_tag(s + i, n - i, &kind) : 0;
        if (tl > 0) {
            if (kind == TAG_BREAK) {
                end_para(t);
                space = false;
            } else if (kind == TAG_INPUT_CHECKED) {
                if (space && t->open)
                    emit(t, " ", 1, col - 1);
                space = false;
                emit(t, "☑", strlen("☑"), col);
            }
            col += (long)utf8_count(s + i, tl);
            i += tl;
            continue;
        }
        if (is_ascii_blank(c)) {
            space = true;
            i++;
            col++;
            continue;
        }
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (space && t->open)
            emit(t, " ", 1, col - 1);
        space = false;
        emit(t, s + i, k, col);
        i += k;
        col++;
    }
    end_para(t);
    xgrow((void **)&t->paras, &t->cap_paras, t->n_paras, sizeof *t->paras);
    for (size_t k = 0; k < t->n_paras; k++) {
        size_t a = t->starts[2 * k], b = t->starts[2 * k + 1];
        t->paras[k] = (struct para){ t->buf.buf + a, b - a, t->col + a };
    }
}

void text_tidy_release(struct tidy *t)
{
    strbuf_release(&t->buf);
    free(t->col);
    free(t->paras);
    free(t->starts);
    memset(t, 0, sizeof *t);
}

/* ---- boxes ---- */

static const char *const tick_marks[] = {
    "☑", "☒", "✓", "✔", "■", "●", "◉", "(レ)", "（レ）", "(✓)", "(✔)", "[x]", "[X]",
};
static const char *const box_marks[] = { "()", "( )", "（）", "（ ）", "□", "☐", "[ ]" };
static const char *const colon_marks[] = { ":", "：" };

static bool has_at(const char *s, size_t n, size_t at, const char *w, size_t wl)
{
    return at <= n && n - at >= wl && memcmp(s + at, w, wl) == 0;
}

static size_t find(const char *s, size_t n, size_t from, const char *w, size_t wl)
{
    for (size_t i = from; i < n && n - i >= wl; i++) {
        const char *hit = memchr(s + i, w[0], n - i - wl + 1);
        if (!hit)
            return n;
        i = (size_t)(hit - s);
        if (memcmp(hit, w, wl) == 0)
            return i;
    }
    return n;
}

/* Length of a mark from list starting at s[at] / ending at s[at], or 0. */
static size_t mark_fwd(const char *s, size_t n, size_t at, const char *const *list, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (has_at(s, n, at, list[i], strlen(list[i])))
            return strlen(list[i]);
    return 0;
}

static size_t mark_back(const char *s, size_t at, const char *const *list, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        size_t wl = strlen(list[i]);
        if (at >= wl && memcmp(s + at - wl, list[i], wl) == 0)
            return wl;
    }
    return 0;
}

/* A mark (tick, box or colon) at s[at]: its length, and whether it is a tick. */
static size_t any_mark_fwd(const char *s, size_t n, size_t at, bool *tick)
{
    size_t m;
    *tick = (m = mark_fwd(s, n, at, tick_marks, ARRAY_LEN(tick_marks))) > 0;
    if (m == 0 && (m = mark_fwd(s, n, at, box_marks, ARRAY_LEN(box_marks))) == 0)
        m = mark_fwd(s, n, at, colon_marks, ARRAY_LEN(colon_marks));
    return m;
}

static size_t any_mark_back(const char *s, size_t at, bool *tick)
{
    size_t m;
    *tick = (m = mark_back(s, at, tick_marks, ARRAY_LEN(tick_marks))) > 0;
    if (m == 0 && (m = mark_back(s, at, box_marks, ARRAY_LEN(box_marks))) == 0)
        m = mark_back(s, at, colon_marks, ARRAY_LEN(colon_marks));
    return m;
}

static size_t skip_space_fwd(const char *s, size_t n, size_t i)
{
    while (i < n && s[i] == ' ')
        i++;
    return i;
}

static size_t skip_space_back(const char *s, size_t i)
{
    while (i > 0 && s[i - 1] == ' ')
        i--;
    return i;
}

/* Where the boxes before label0 (at a) start: its mark and stray empty boxes. */
static size_t boxes_start(const char *s, size_t a, bool *tick)
{
    size_t i = skip_space_back(s, a);
    size_t m = any_mark_back(s, i, tick);
    if (m == 0)
        return a;
    i -= m;
    for (;;) {
        size_t k = skip_space_back(s, i);
        size_t e = mark_back(s, k, box_marks, ARRAY_LEN(box_marks));
        if (e == 0)
            return i;
        i = k - e;
    }
}

bool text_find_boxes(const char *s, size_t n, size_t from, const char *label0,
                     const char *label1, struct boxes *g)
{
    size_t l0 = label0 ? strlen(label0) : 0, l1 = label1 ? strlen(label1) : 0;
    if (l0 == 0 || l1 == 0)
        return false;
    for (size_t a = from; (a = find(s, n, a, label0, l0)) < n; a++) {
        size_t j = skip_space_fwd(s, n, a + l0);
        bool tick1;
        j = skip_space_fwd(s, n, j + any_mark_fwd(s, n, j, &tick1));
        if (!has_at(s, n, j, label1, l1))
            continue;
        g->end = j + l1;
        g->start = boxes_start(s, a, &g->ticked[0]);
        g->ticked[1] = tick1;
        return true;
    }
    return false;
}

bool text_is_box_debris(const char *s, size_t n)
{
    static const char *const debris[] = { " ", ":", "：", "(", ")", "（", "）", "□", "☐", "[", "]" };
    if (n == 0)
        return false;
    for (size_t i = 0; i < n;) {
        size_t m = mark_fwd(s, n, i, debris, ARRAY_LEN(debris));
        if (m == 0)
            return false;
        i += m;
    }
    return true;
}

/* ---- lines ---- */

static size_t blank_len(const char *s, size_t n, size_t i)
{
    if (i < n && is_ascii_blank((unsigned char)s[i]))
        return 1;
    return has_at(s, n, i, "\xE3\x80\x80", 3) ? 3 : 0;
}

bool text_is_blank(const char *s, size_t n)
{
    for (size_t i = 0, k; i < n; i += k)
        if ((k = blank_len(s, n, i)) == 0)
            return false;
    return true;
}

bool text_is_rule(const char *s, size_t n)
{
    int dashes = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '-' || c == '=')
            dashes++;
        else if (c != '|' && c != '+' && c != ':' && !is_ascii_blank((unsigned char)c))
            return false;
    }
    return dashes >= 2;
}

void text_trim_line(const char *s, size_t *a, size_t *b)
{
    size_t k;
    while (*a < *b && (k = blank_len(s, *b, *a)) > 0)
        *a += k;
    while (*b > *a) {
        if (is_ascii_blank((unsigned char)s[*b - 1]))
            (*b)--;
        else if (*b - *a >= 3 && memcmp(s + *b - 3, "\xE3\x80\x80", 3) == 0)
            *b -= 3;
        else
            break;
    }
}

void text_skip_blanks(const char *s, size_t *i, size_t end)
{
    size_t k;
    while (*i < end && (k = blank_len(s, end, *i)) > 0)
        *i += k;
}

int text_digit(const char *s, size_t n)
{
    if (n >= 1 && s[0] >= '0' && s[0] <= '9')
        return s[0] - '0';
    if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC
        && (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99)
        return (unsigned char)s[2] - 0x90;
    return -1;
}

bool text_is_alnum(char c)
{
    return is_ascii_alpha((unsigned char)c) || (c >= '0' && c <= '9');
}

size_t text_find_last(const char *s, size_t a, size_t b, const char *needle)
{
    size_t wl = strlen(needle);
    for (size_t i = b; i >= a + wl && i > 0; i--)
        if (memcmp(s + i - wl, needle, wl) == 0)
            return i - wl;
    return b;
}
