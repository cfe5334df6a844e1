/*
 * journal_read.c - finding, reading and replaying a recovery journal:
 * torn tails ignored, anything else malformed reported with its offset
 * (see journal.h; format in docs/reliability.md).
 */
#include "journal.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "journal_impl.h"
#include "sidefile.h"
#include "utf8.h"

/* ---- finding and reading ----------------------------------------------------------- */

char *journal_find(const char *sheet_path)
{
    char *p = sidefile_path(sheet_path, SIDEFILE_JOURNAL);
    struct stat st;
    if (lstat(p, &st) == 0 && S_ISREG(st.st_mode))
        return p;
    free(p);
    return NULL;
}

int journal_remove(const char *sheet_path, struct error *e)
{
    char *p = sidefile_path(sheet_path, SIDEFILE_JOURNAL);
    int rc = journal_remove_file(p, e);
    free(p);
    return rc;
}

/* A journal being written whole (journal.c's temporary: ".tmp" and six hex digits). */
static bool temporary(const char *name)
{
    size_t n = strlen(name);
    if (n < 10 || strncmp(name + n - 10, ".tmp", 4) != 0)
        return false;
    return strspn(name + n - 6, "0123456789abcdef") == 6;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The journals named for their editors: "/dir/.NAME.torikumi-journal-*". */
static size_t list_own_named(const char *sheet_path, char ***files, size_t n)
{
    char *own = sidefile_path(sheet_path, SIDEFILE_JOURNAL "-");
    char *slash = strrchr(own, '/');
    const char *prefix = slash ? slash + 1 : own;
    char *dir = slash ? xstrndup(own, (size_t)(slash - own + (slash == own))) : xstrdup(".");
    size_t first = n;
    DIR *d = opendir(dir);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        if (strncmp(de->d_name, prefix, strlen(prefix)) != 0 || temporary(de->d_name))
            continue;
        char *p = xasprintf("%.*s%s", (int)(prefix - own), own, de->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISREG(st.st_mode)) {
            *files = xrealloc(*files, (n + 1) * sizeof(**files));
            (*files)[n++] = p;
        } else {
            free(p);
        }
    }
    if (d)
        closedir(d);
    if (n > first)
        qsort(*files + first, n - first, sizeof(**files), by_name);
    free(dir);
    free(own);
    return n;
}

size_t journal_list(const char *sheet_path, char ***files)
{
    *files = NULL;
    size_t n = 0;
    char *holder = journal_find(sheet_path);
    if (holder) {
        *files = xmalloc(sizeof(**files));
        (*files)[n++] = holder;
    }
    return list_own_named(sheet_path, files, n);
}

bool journal_own_named(const char *file)
{
    const char *slash = strrchr(file, '/');
    return strstr(slash ? slash + 1 : file, SIDEFILE_JOURNAL "-") != NULL;
}

int journal_remove_file(const char *file, struct error *e)
{
    error_clear(e);
    if (unlink(file) < 0 && errno != ENOENT)
        return error_set(e, file, 0, 0, _("cannot remove the recovery journal: %s"), strerror(errno));
    return 0;
}

/* A cursor over one entry; every token is checked, and running out of bytes is "torn". */
struct cursor {
    const char *buf;
    size_t len, pos;
    bool torn;          /* the input ended inside the entry */
    size_t bad;         /* offset of the first bad byte, when !torn */
};

enum { TOK_OK = 0, TOK_BAD = -1 };

static int at_end(struct cursor *c)
{
    c->torn = true;
    return TOK_BAD;
}

static int bad_at(struct cursor *c, size_t at)
{
    c->torn = false;
    c->bad = at;
    return TOK_BAD;
}

static int expect_space(struct cursor *c)
{
    if (c->pos >= c->len)
        return at_end(c);
    if (c->buf[c->pos] != ' ')
        return bad_at(c, c->pos);
    c->pos++;
    return TOK_OK;
}

/* Decimal digits (1 to 19 of them, no leading zero unless "0"), optionally after '-'. */
static int read_number(struct cursor *c, long long *out, bool may_be_negative)
{
    size_t start = c->pos;
    bool neg = false;
    if (may_be_negative && c->pos < c->len && c->buf[c->pos] == '-') {
        neg = true;
        c->pos++;
    }
    unsigned long long v = 0;
    size_t digits = 0;
    while (c->pos < c->len && c->buf[c->pos] >= '0' && c->buf[c->pos] <= '9') {
        if (digits == 18 || (digits > 0 && v == 0))
            return bad_at(c, c->pos);
        v = v * 10 + (unsigned)(c->buf[c->pos] - '0');
        digits++;
        c->pos++;
    }
    if (c->pos >= c->len)
        return at_end(c);
    if (digits == 0 || (neg && v == 0))
        return bad_at(c, c->pos > start ? c->pos : start);
    *out = neg ? -(long long)v : (long long)v;
    return TOK_OK;
}

static int read_hex(struct cursor *c, size_t ndigits, unsigned long long *out)
{
    unsigned long long v = 0;
    for (size_t i = 0; i < ndigits; i++) {
        if (c->pos >= c->len)
            return at_end(c);
        char ch = c->buf[c->pos];
        int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
        if (d < 0)
            return bad_at(c, c->pos);
        v = v << 4 | (unsigned)d;
        c->pos++;
    }
    *out = v;
    return TOK_OK;
}

static char *dup_bytes(const char *p, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, p, n);
    d[n] = '\0';
    return d;
}

/* " LEN:BYTES" */
static int read_string(struct cursor *c, char **out, size_t *out_len)
{
    long long n;
    if (expect_space(c) < 0 || read_number(c, &n, false) < 0)
        return TOK_BAD;
    if (c->buf[c->pos] != ':')
        return bad_at(c, c->pos);
    c->pos++;
    if ((unsigned long long)n > c->len - c->pos)
        return at_end(c);
    *out = dup_bytes(c->buf + c->pos, (size_t)n);
    *out_len = (size_t)n;
    c->pos += (size_t)n;
    return TOK_OK;
}

static int read_word(struct cursor *c, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i < n; i++) {
        if (c->pos >= c->len)
            return at_end(c);
        if (c->buf[c->pos] != word[i])
            return bad_at(c, c->pos);
        c->pos++;
    }
    return TOK_OK;
}

/* " crc\n" closing the entry that started at start. */
static int read_crc(struct cursor *c, size_t start, bool *crc_ok)
{
    size_t body_end = c->pos;
    unsigned long long want;
    if (expect_space(c) < 0 || read_hex(c, 8, &want) < 0)
        return TOK_BAD;
    if (c->pos >= c->len)
        return at_end(c);
    if (c->buf[c->pos] != '\n')
        return bad_at(c, c->pos);
    c->pos++;
    *crc_ok = journal_crc32(c->buf + start, body_end - start) == (uint32_t)want;
    return TOK_OK;
}

static int read_header(struct cursor *c, struct journal_header *h, bool *crc_ok)
{
    size_t start = c->pos, n;
    long long v;
    unsigned long long hash;
    if (read_word(c, JOURNAL_MAGIC) < 0 || read_string(c, &h->sheet_path, &n) < 0)
        return TOK_BAD;
    if (expect_space(c) < 0 || read_number(c, &v, false) < 0)
        return TOK_BAD;
    h->loaded.exists = true;
    h->loaded.size = v;
    if (expect_space(c) < 0 || read_number(c, &v, true) < 0)
        return TOK_BAD;
    h->loaded.mtime_sec = v;
    if (read_word(c, ".") < 0)
        return TOK_BAD;
    unsigned long long ns = 0;
    for (int i = 0; i < 9; i++) {
        if (c->pos >= c->len)
            return at_end(c);
        char ch = c->buf[c->pos];
        if (ch < '0' || ch > '9')
            return bad_at(c, c->pos);
        ns = ns * 10 + (unsigned)(ch - '0');
        c->pos++;
    }
    h->loaded.mtime_nsec = (long)ns;
    if (expect_space(c) < 0 || read_hex(c, 16, &hash) < 0)
        return TOK_BAD;
    h->loaded.hash = hash;
    if (read_string(c, &h->user, &n) < 0 || read_string(c, &h->host, &n) < 0)
        return TOK_BAD;
    if (expect_space(c) < 0 || read_number(c, &v, false) < 0)
        return TOK_BAD;
    h->pid = (long)v;
    if (read_string(c, &h->started, &n) < 0)
        return TOK_BAD;
    return read_crc(c, start, crc_ok);
}

/* One change entry into ch; *seq gets its sequence number. */
static int read_change(struct cursor *c, struct journal_change *ch, long long *seq, bool *crc_ok)
{
    size_t start = c->pos;
    ch->offset = (long long)start;
    if (c->pos + 3 > c->len)
        return at_end(c);
    const char *k = c->buf + c->pos;
    if (!memcmp(k, "set", 3))
        ch->op = JOURNAL_SET;
    else if (!memcmp(k, "del", 3))
        ch->op = JOURNAL_REMOVE;
    else if (!memcmp(k, "add", 3))
        ch->op = JOURNAL_ADD_ITEM;
    else if (!memcmp(k, "ins", 3))
        ch->op = JOURNAL_INSERT_ITEM;
    else if (!memcmp(k, "rmi", 3))
        ch->op = JOURNAL_REMOVE_ITEM;
    else if (!memcmp(k, "swp", 3))
        ch->op = JOURNAL_SWAP_ITEMS;
    else
        return bad_at(c, start);
    c->pos += 3;
    long long item, number = -1;
    if (expect_space(c) < 0 || read_number(c, seq, false) < 0)
        return TOK_BAD;
    if (expect_space(c) < 0 || read_number(c, &item, false) < 0)
        return TOK_BAD;
    ch->item = (size_t)item;
    if (!journal_op_is_item(ch->op)) {
        size_t n;
        if (expect_space(c) < 0 || read_number(c, &number, true) < 0)
            return TOK_BAD;
        if (read_string(c, &ch->key, &n) < 0)
            return TOK_BAD;
        if (n == 0 || memchr(ch->key, '\0', n))
            return bad_at(c, c->pos - n);
    }
    ch->number = number < LONG_MIN || number > LONG_MAX ? -1 : (long)number;
    if (ch->op == JOURNAL_SET && read_string(c, &ch->value, &ch->value_len) < 0)
        return TOK_BAD;
    return read_crc(c, start, crc_ok);
}

static bool all_nul(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

/*
 * A torn entry is the last thing written: if a complete, checksummed
 * entry starts on a later line, the bytes at from were corrupted instead
 * (e.g. a length digit changed).
 */
static bool valid_entry_after(const char *data, size_t len, size_t from)
{
    for (size_t p = from + 1; p < len; p++) {
        if (data[p - 1] != '\n')
            continue;
        struct cursor c = { data, len, p, false, 0 };
        struct journal_change ch;
        memset(&ch, 0, sizeof(ch));
        long long seq;
        bool crc_ok = false;
        int rc = read_change(&c, &ch, &seq, &crc_ok);
        journal_change_free(&ch);
        if (rc == 0 && crc_ok)
            return true;
    }
    return false;
}

static int report(struct journal_log *log, const char *file, struct error *e, size_t at,
                  size_t entry, const char *what)
{
    log->bad_offset = (long long)entry;
    error_set(e, file, 0, 0, _("journal entry at byte %zu: %s (at byte %zu)"), entry, what, at);
    e->offset = (long long)at;
    return -1;
}

int journal_parse(const char *data, size_t len, const char *file, struct journal_log *log,
                  struct error *e)
{
    error_clear(e);
    memset(log, 0, sizeof(*log));
    log->bad_offset = -1;
    struct cursor c = { data, len, 0, false, 0 };
    if (len == 0 || all_nul(data, len)) {
        log->torn_bytes = len;
        return 0;
    }
    bool crc_ok = false;
    if (read_header(&c, &log->header, &crc_ok) < 0) {
        journal_header_free(&log->header);
        if (c.torn || all_nul(data + c.bad, len - c.bad)) {
            /* Never completed: nothing recorded. */
            log->torn_bytes = len;
            return 0;
        }
        return report(log, file, e, c.bad, 0, _("not a torikumi journal header"));
    }
    if (!crc_ok) {
        journal_header_free(&log->header);
        return report(log, file, e, 0, 0, _("header checksum does not match"));
    }
    long long want_seq = 1;
    while (c.pos < len) {
        size_t start = c.pos;
        if (all_nul(data + start, len - start)) {
            log->torn_bytes = len - start;
            break;
        }
        struct journal_change ch;
        memset(&ch, 0, sizeof(ch));
        long long seq = 0;
        crc_ok = false;
        int rc = read_change(&c, &ch, &seq, &crc_ok);
        /* Cut short and padded with NULs by the file system: torn as well. */
        if (rc < 0 && !c.torn && all_nul(data + c.bad, len - c.bad))
            c.torn = true;
        if (rc < 0 || !crc_ok || seq != want_seq) {
            journal_change_free(&ch);
            if (rc < 0 && c.torn) {
                if (valid_entry_after(data, len, start))
                    return report(log, file, e, start, start,
                                  _("entry runs into a later entry (corrupted, not torn)"));
                log->torn_bytes = len - start;
                break;
            }
            if (rc < 0)
                return report(log, file, e, c.bad, start, _("malformed entry"));
            if (!crc_ok)
                return report(log, file, e, start, start, _("checksum does not match"));
            char msg[80];
            snprintf(msg, sizeof(msg), _("sequence number %lld, expected %lld"), seq, want_seq);
            return report(log, file, e, start, start, msg);
        }
        want_seq++;
        xgrow((void **)&log->changes, &log->cap_changes, log->n_changes + 1,
              sizeof(*log->changes));
        log->changes[log->n_changes++] = ch;
    }
    return 0;
}

int journal_read(const char *journal_file, struct journal_log *log, struct error *e)
{
    memset(log, 0, sizeof(*log));
    log->bad_offset = -1;
    char *data;
    size_t len;
    if (read_file(journal_file, &data, &len, e) < 0)
        return -1;
    int rc = journal_parse(data, len, journal_file, log, e);
    free(data);
    return rc;
}

void journal_log_free(struct journal_log *log)
{
    journal_header_free(&log->header);
    for (size_t i = 0; i < log->n_changes; i++)
        journal_change_free(&log->changes[i]);
    free(log->changes);
    memset(log, 0, sizeof(*log));
    log->bad_offset = -1;
}

bool journal_matches(const struct journal_header *h, const struct filestamp *now,
                     struct strbuf *why)
{
    if (!now->exists) {
        if (why)
            strbuf_addstr(why, _("the sheet no longer exists"));
        return false;
    }
    if (now->size != h->loaded.size || now->hash != h->loaded.hash) {
        if (why) {
            char was[40], is[40];
            time_t tw = (time_t)h->loaded.mtime_sec, tn = (time_t)now->mtime_sec;
            sidefile_iso8601(tw, was, sizeof(was));
            sidefile_iso8601(tn, is, sizeof(is));
            strbuf_addf(why, _("the sheet changed since the journal was written "
                          "(then %lld bytes, modified %s; now %lld bytes, modified %s)"),
                        h->loaded.size, was, now->size, is);
        }
        return false;
    }
    return true;
}

/* ---- applying ----------------------------------------------------------------------- */

/* Items taken out by a recovery are not kept anywhere: free them. */
static int apply_item_op(struct sheet *s, const struct journal_change *c, struct error *e)
{
    size_t limit = c->op == JOURNAL_INSERT_ITEM ? s->n_items + 1
                 : c->op == JOURNAL_SWAP_ITEMS  ? s->n_items - (s->n_items > 0) : s->n_items;
    if (c->item >= limit)
        return error_set(e, NULL, 0, 0, _("entry at byte %lld moves item %zu of %zu"), c->offset,
                         c->item + 1, s->n_items);
    if (c->op == JOURNAL_INSERT_ITEM) {
        struct rec_record *r = rec_record_new();
        r->type = xstrdup(s->form->record_type);
        sheet_insert_item(s, c->item, r);
    } else if (c->op == JOURNAL_REMOVE_ITEM)
        rec_record_free(sheet_remove_item(s, c->item));
    else
        sheet_swap_items(s, c->item);
    return 0;
}

/*
 * Journal indices of the items the journal added, and where each landed
 * in the sheet being recovered (always at its end).
 */
struct added_items {
    size_t *journal_idx, *sheet_idx;
    size_t n, cap;
};

static bool added_lookup(const struct added_items *a, size_t journal_idx, size_t *sheet_idx)
{
    for (size_t i = 0; i < a->n; i++)
        if (a->journal_idx[i] == journal_idx) {
            *sheet_idx = a->sheet_idx[i];
            return true;
        }
    return false;
}

static void added_push(struct added_items *a, size_t journal_idx, size_t sheet_idx)
{
    size_t cap = a->cap;
    xgrow((void **)&a->journal_idx, &cap, a->n + 1, sizeof(*a->journal_idx));
    xgrow((void **)&a->sheet_idx, &a->cap, a->n + 1, sizeof(*a->sheet_idx));
    a->journal_idx[a->n] = journal_idx;
    a->sheet_idx[a->n++] = sheet_idx;
}

/* The only item of s numbered no, or -1 (none, or several). */
static long only_item_numbered(const struct sheet *s, long no)
{
    long found = -1;
    for (size_t i = 0; i < s->n_items; i++)
        if (item_number(s, &s->items[i]) == no) {
            if (found >= 0)
                return -1;
            found = (long)i;
        }
    return found;
}

/*
 * Which item of s the change is about.  The entry names the item by its
 * number (as it was just before the change): the sheet may have changed
 * on disk since (an item removed or inserted by recdel, git or another
 * clerk), and an index alone would put the text into the wrong item.
 * Items the journal added are found where they were added.
 */
static int locate_item(const struct sheet *s, const struct journal_change *c,
                       const struct added_items *added, bool sheet_unchanged, size_t *idx,
                       struct error *e)
{
    const char *label = s->form->item_label;
    if (added_lookup(added, c->item, idx))
        return 0;
    if (c->number < 0) {
        if (c->item < s->n_items && item_number(s, &s->items[c->item]) < 0) {
            *idx = c->item;
            return 0;
        }
        return error_set(e, NULL, 0, 0, _("entry at byte %lld changes the unnumbered item #%zu, "
                           "which the sheet no longer has there"), c->offset, c->item + 1);
    }
    if (c->item < s->n_items && item_number(s, &s->items[c->item]) == c->number) {
        *idx = c->item;
        return 0;
    }
    if (sheet_unchanged && c->item < s->n_items) {     /* replaying the session itself */
        *idx = c->item;
        return 0;
    }
    /* An item the journal has just put in (ins: undoing a delete, a copy) has
     * no number until its first entries give it one. */
    if (c->item < s->n_items && item_number(s, &s->items[c->item]) < 0 &&
        only_item_numbered(s, c->number) < 0) {
        *idx = c->item;
        return 0;
    }
    long found = only_item_numbered(s, c->number);
    if (found < 0)
        return error_set(e, NULL, 0, 0, _("entry at byte %lld changes %s %ld, which the sheet no "
                           "longer has (or has twice)"), c->offset, label, c->number);
    *idx = (size_t)found;
    return 0;
}

static int apply_one(struct sheet *s, struct journal_change *c, struct added_items *added,
                     bool sheet_unchanged, struct error *e)
{
    if (c->op != JOURNAL_ADD_ITEM && journal_op_is_item(c->op))
        return apply_item_op(s, c, e);
    if (c->op == JOURNAL_ADD_ITEM) {
        added_push(added, c->item, s->n_items);
        c->item = s->n_items;
        sheet_add_item(s);
        return 0;
    }
    if (!rec_valid_name(c->key, strlen(c->key)) || c->key[0] == '%')
        return error_set(e, NULL, 0, 0, _("entry at byte %lld: invalid field name"), c->offset);
    if (c->op == JOURNAL_SET &&
        (memchr(c->value, '\0', c->value_len) ||
         utf8_invalid_offset(c->value, c->value_len) != c->value_len))
        return error_set(e, NULL, 0, 0, _("entry at byte %lld: the value is not UTF-8 text"),
                         c->offset);
    size_t idx = 0;
    if (locate_item(s, c, added, sheet_unchanged, &idx, e) < 0)
        return -1;
    c->item = idx;
    struct item *it = &s->items[idx];
    if (c->op == JOURNAL_SET)
        item_set_key(s, it, c->key, c->value, c->value_len);
    else
        item_set_key(s, it, c->key, "", 0);
    return 0;
}

long journal_apply(struct sheet *s, struct journal_log *log, struct error *e)
{
    error_clear(e);
    struct added_items added = { NULL, NULL, 0, 0 };
    long rc = (long)log->n_changes;
    for (size_t i = 0; i < log->n_changes; i++)
        if (apply_one(s, &log->changes[i], &added, log->sheet_unchanged, e) < 0) {
            e->offset = log->changes[i].offset;
            rc = -1;
            break;
        }
    free(added.journal_idx);
    free(added.sheet_idx);
    return rc;
}

void journal_describe(const struct sheet *s, const struct journal_change *c, struct strbuf *out)
{
    const char *label = s && s->form ? s->form->item_label : _("item");
    if (c->op == JOURNAL_ADD_ITEM) {
        strbuf_addf(out, _("new %s (#%zu)"), label, c->item + 1);
        return;
    }
    if (journal_op_is_item(c->op)) {
        strbuf_addf(out, c->op == JOURNAL_INSERT_ITEM ? _("%s #%zu put in")
                         : c->op == JOURNAL_REMOVE_ITEM ? _("%s #%zu deleted")
                                                        : _("%s #%zu moved down"),
                    label, c->item + 1);
        return;
    }
    if (c->number >= 0)
        strbuf_addf(out, "%s %ld: ", label, c->number);
    else
        strbuf_addf(out, "%s #%zu: ", label, c->item + 1);
    int f = s && s->form ? form_field_index(s->form, c->key) : -1;
    strbuf_addstr(out, f >= 0 ? s->form->fields[f].label : c->key);
    if (c->op == JOURNAL_REMOVE) {
        strbuf_addstr(out, _(" (cleared)"));
        return;
    }
    /* The first line, at most 40 characters; the screen sanitizes before drawing. */
    strbuf_addstr(out, " = ");
    size_t n = strcspn(c->value, "\n");
    if (n > c->value_len)
        n = c->value_len;
    size_t cut = 0, chars = 0;
    while (cut < n && chars < 40) {
        uint32_t cp;
        size_t step = utf8_decode(c->value + cut, n - cut, &cp);
        cut += step ? step : 1;
        chars++;
    }
    strbuf_add(out, c->value, cut);
    if (cut < c->value_len)
        strbuf_addstr(out, "…");
}
