/*
 * previous.c - last year's sheet beside this year's (see previous.h).
 */
#include "previous.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* file (absolute, resolved) as seen from directory dir (absolute, resolved). */
static char *relative_to(const char *dir, const char *file)
{
    size_t i = 0, base = 0;
    while (dir[i] && dir[i] == file[i]) {
        if (dir[i] == '/')
            base = i + 1;
        i++;
    }
    const char *rest = file + base, *up_from = dir + base;
    if (dir[i] == '\0' && file[i] == '/') {     /* file is below dir */
        rest = file + i + 1;
        up_from = "";
    }
    struct strbuf sb = STRBUF_INIT;
    if (*up_from) {
        strbuf_addstr(&sb, "../");
        for (const char *p = up_from; *p; p++)
            if (*p == '/')
                strbuf_addstr(&sb, "../");
    }
    strbuf_addstr(&sb, rest);
    return strbuf_detach(&sb, NULL);
}

/* The header holds it: one line of valid UTF-8 without control characters. */
static bool fits_header(const char *s)
{
    size_t n = strlen(s);
    return n > 0 && !utf8_has_control(s, n) && utf8_invalid_offset(s, n) == n;
}

char *previous_link(const char *sheet_path, const char *last_path)
{
    char *dir = path_dir(sheet_path);
    char *dir_abs = realpath(dir, NULL);
    char *last_abs = realpath(last_path, NULL);
    char *link = dir_abs && last_abs ? relative_to(dir_abs, last_abs)
                                     : xstrdup(last_abs ? last_abs : last_path);
    free(dir);
    free(dir_abs);
    free(last_abs);
    if (!fits_header(link)) {
        free(link);
        return NULL;
    }
    return link;
}

void previous_record(struct sheet *s, const char *link)
{
    struct rec_entry *en = rec_find(s->header, PREVIOUS_FIELD);
    if (en)
        rec_entry_set(s->header, en, link, strlen(link));
    else
        rec_insert(s->header, s->header->n_entries, PREVIOUS_FIELD, link, strlen(link));
}

char *previous_path(const struct sheet *s)
{
    const char *v = sheet_header_get(s, PREVIOUS_FIELD);
    if (!v || !*v)
        return NULL;
    if (v[0] == '/' || !s->path)
        return xstrdup(v);
    char *dir = path_dir(s->path);
    char *path = xasprintf("%s/%s", dir, v);
    free(dir);
    return path;
}

int previous_open(struct previous *p, const char *path, struct error *e)
{
    memset(p, 0, sizeof(*p));
    p->last = sheet_load_readonly(path, NULL, e);
    if (!p->last)
        return -1;
    p->by_number = sheet_index_by_number(p->last, &p->n_numbered);
    return 0;
}

void previous_close(struct previous *p)
{
    sheet_free(p->last);
    free(p->by_number);
    memset(p, 0, sizeof(*p));
}

const struct item *previous_item(const struct previous *p, const struct sheet *cur,
                                 const struct item *it)
{
    long no = item_number(cur, it);
    long idx = no < 0 ? -1 : sheet_number_lookup(p->by_number, p->n_numbered, no);
    return idx < 0 ? NULL : &p->last->items[idx];
}

const char *previous_value(const struct item *last_item, const struct form *form, int f)
{
    const char *v = item_get_key(last_item, form->fields[f].key);
    return v && *v ? v : NULL;
}
