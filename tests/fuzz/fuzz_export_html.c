/*
 * fuzz_export_html.c - libFuzzer target: whatever a sheet holds, the
 * printed sheet and the report are HTML that its values cannot change.
 *
 * The input is parsed as a sheet (the built-in form); every item is
 * exported and the report made.  The HTML must hold no raw control or
 * bidi character (line break and tab aside), no <script, and exactly as
 * many cells and rows opened as closed: a value that could open or close
 * an element would change them.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export_html.h"
#include "summary_html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct form *form;

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

static void check(const struct strbuf *sb)
{
    const unsigned char *s = (const unsigned char *)strbuf_cstr(sb);
    for (size_t i = 0; i < sb->len; i++) {
        unsigned c = s[i];
        bool c0 = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F;
        bool c1 = c == 0xC2 && i + 1 < sb->len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F;
        bool bidi = c == 0xE2 && i + 2 < sb->len && ((s[i + 1] == 0x80 && (s[i + 2] == 0x8E ||
                    s[i + 2] == 0x8F || (s[i + 2] >= 0xA8 && s[i + 2] <= 0xAE))) ||
                    (s[i + 1] == 0x81 && s[i + 2] >= 0xA6 && s[i + 2] <= 0xA9));
        if (c0 || c1 || bidi) {
            fprintf(stderr, "raw control character at byte %zu\n", i);
            abort();
        }
    }
    if (strstr((const char *)s, "<script") || count((const char *)s, "<td") !=
        count((const char *)s, "</td>") || count((const char *)s, "<tr>") !=
        count((const char *)s, "</tr>") || count((const char *)s, "<table") !=
        count((const char *)s, "</table>")) {
        fprintf(stderr, "the markup changed\n");
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!form) {
        setlocale(LC_ALL, "C.UTF-8");
        form = form_builtin();
    }
    struct error e;
    struct sheet *s = sheet_parse((const char *)data, size, "fuzz.rec", form, &e);
    if (!s)
        return 0;
    struct strbuf sb = STRBUF_INIT;
    export_html_begin(s, 1, &sb);
    export_html_sheet(s, &sb);
    export_html_end(&sb);
    check(&sb);
    strbuf_reset(&sb);
    if (summary_html(&s, 1, &sb, &e) == 0)
        check(&sb);
    strbuf_release(&sb);
    sheet_free(s);
    return 0;
}
