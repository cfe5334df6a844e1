/*
 * test_journal.c - the recovery journal: what is appended and synced
 * reads back exactly (any bytes, 10 MB values); a torn last entry is
 * ignored at every cut point; a corrupted entry is an error with its
 * offset; the header notices a sheet changed since; the sync policy;
 * a failed write leaves no half entry; replay gives the edited sheet.
 */
#include "unit.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "filestamp.h"
#include "journal.h"
#include "sidefile.h"

static char dir[256];
static char sheet_path[600];

static int setup(void **state)
{
    (void)state;
    if (unit_tmpdir(dir, sizeof dir, "journal") < 0)
        return -1;
    snprintf(sheet_path, sizeof(sheet_path), "%s/sheet.rec", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return unit_rm_tree(dir);
}

static void put(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, len), (ssize_t)len);
    close(fd);
}

static void stamp_sheet(const char *text, struct filestamp *st)
{
    put(sheet_path, text, strlen(text));
    char *data;
    size_t len;
    struct error e;
    assert_int_equal(filestamp_read(sheet_path, &data, &len, st, &e), 0);
    free(data);
}

static char *find_bytes(char *hay, size_t n, const char *needle, size_t m)
{
    for (size_t i = 0; i + m <= n; i++)
        if (!memcmp(hay + i, needle, m))
            return hay + i;
    return NULL;
}

/* A journal with three changes on disk; returns its path (caller frees). */
static char *three_changes(void)
{
    struct filestamp st;
    stamp_sheet("No: 1\nTitle: a\n", &st);
    struct error e;
    struct journal *j = journal_create(sheet_path, &st, 0, &e);
    assert_non_null(j);
    journal_append(j, 0, 1, "Title", "新しい題", strlen("新しい題"));
    journal_append(j, 0, 1, "Plan_Goal", NULL, 0);
    journal_append_add_item(j, 1);
    assert_int_equal(journal_sync(j, &e), 0);
    char *p = xstrdup(journal_path(j));
    journal_close(j);
    return p;
}

static void test_round_trip(void **state)
{
    (void)state;
    struct filestamp st;
    stamp_sheet("No: 1\nTitle: a\n", &st);
    struct error e;
    struct journal *j = journal_create(sheet_path, &st, 0, &e);
    assert_non_null(j);
    char *want_path = sidefile_path(sheet_path, SIDEFILE_JOURNAL);
    assert_string_equal(journal_path(j), want_path);
    assert_non_null(strstr(want_path, "/.sheet.rec.torikumi-journal"));
    /* Typing: three values of one field in a row keep only the last. */
    journal_append(j, 0, 1, "Title", "a", 1);
    journal_append(j, 0, 1, "Title", "ab", 2);
    journal_append(j, 0, 1, "Title", "abc", 3);
    journal_append(j, 0, 1, "Plan_Goal", NULL, 0);
    journal_append_add_item(j, 1);
    journal_append(j, 1, 2, "No", "2", 1);
    assert_int_equal(journal_pending(j), 4);
    assert_null(journal_find(sheet_path));          /* nothing on disk before a sync */
    assert_int_equal(journal_sync(j, &e), 0);
    assert_int_equal(journal_pending(j), 0);
    journal_append(j, 1, 2, "Title", "二つ目\n二行", strlen("二つ目\n二行"));
    assert_int_equal(journal_sync(j, &e), 0);
    char *found = journal_find(sheet_path);
    assert_non_null(found);
    assert_string_equal(found, want_path);

    struct journal_log log;
    assert_int_equal(journal_read(found, &log, &e), 0);
    assert_int_equal(log.n_changes, 5);
    assert_int_equal(log.torn_bytes, 0);
    assert_int_equal(log.bad_offset, -1);
    assert_int_equal(log.header.loaded.size, st.size);
    assert_true(log.header.loaded.hash == st.hash);
    assert_int_equal(log.header.loaded.mtime_sec, st.mtime_sec);
    assert_int_equal(log.header.loaded.mtime_nsec, st.mtime_nsec);
    assert_int_equal(log.header.pid, (long)getpid());
    assert_non_null(strstr(log.header.sheet_path, "/sheet.rec"));
    assert_true(journal_matches(&log.header, &st, NULL));
    const struct journal_change *c = log.changes;
    assert_int_equal(c[0].op, JOURNAL_SET);
    assert_string_equal(c[0].key, "Title");
    assert_int_equal(c[0].value_len, 3);
    assert_string_equal(c[0].value, "abc");
    assert_int_equal(c[1].op, JOURNAL_REMOVE);
    assert_string_equal(c[1].key, "Plan_Goal");
    assert_int_equal(c[2].op, JOURNAL_ADD_ITEM);
    assert_int_equal(c[2].item, 1);
    assert_int_equal(c[3].item, 1);
    assert_int_equal(c[3].number, 2);
    assert_string_equal(c[4].value, "二つ目\n二行");
    assert_int_equal(c[0].offset > 0, 1);
    journal_log_free(&log);

    assert_int_equal(journal_discard(j, &e), 0);
    assert_null(journal_find(sheet_path));
    free(found);
    free(want_path);
}

static void test_any_bytes_and_huge_values(void **state)
{
    (void)state;
    struct filestamp st;
    stamp_sheet("x", &st);
    struct error e;
    struct journal *j = journal_create(sheet_path, &st, 0, &e);
    const char odd[] = "a\0b\nset 9 9 9 5:Title 1:x 00000000\n\xff\xfe\r\n";
    journal_append(j, 0, -1, "Odd", odd, sizeof(odd) - 1);
    size_t big = 10u << 20;
    char *huge = xmalloc(big);
    for (size_t i = 0; i < big; i++)
        huge[i] = (char)("漢字\n\0 x"[i % 9]);
    journal_append(j, 3, 4, "Big", huge, big);
    journal_append(j, 0, -1, "Empty", "", 0);
    assert_int_equal(journal_sync(j, &e), 0);
    struct journal_log log;
    assert_int_equal(journal_read(journal_path(j), &log, &e), 0);
    assert_int_equal(log.n_changes, 3);
    assert_int_equal(log.changes[0].value_len, sizeof(odd) - 1);
    assert_memory_equal(log.changes[0].value, odd, sizeof(odd) - 1);
    assert_int_equal(log.changes[1].value_len, big);
    assert_memory_equal(log.changes[1].value, huge, big);
    assert_int_equal(log.changes[2].op, JOURNAL_SET);
    assert_int_equal(log.changes[2].value_len, 0);
    journal_log_free(&log);
    free(huge);
    journal_discard(j, &e);
}

static void test_torn_tail_at_every_cut(void **state)
{
    (void)state;
    char *jp = three_changes();
    size_t len;
    char *data = unit_slurp(jp, &len);
    struct journal_log full;
    struct error e;
    assert_int_equal(journal_parse(data, len, jp, &full, &e), 0);
    assert_int_equal(full.n_changes, 3);
    size_t last = (size_t)full.changes[2].offset;
    size_t header_end = (size_t)full.changes[0].offset;
    journal_log_free(&full);
    /* Every cut inside the last entry: two changes, the rest torn. */
    for (size_t cut = last; cut < len; cut++) {
        struct journal_log log;
        assert_int_equal(journal_parse(data, cut, jp, &log, &e), 0);
        assert_int_equal(log.n_changes, 2);
        assert_int_equal(log.torn_bytes, cut - last);
        journal_log_free(&log);
    }
    /* Every cut inside the header: nothing recorded, not an error. */
    for (size_t cut = 0; cut < header_end; cut++) {
        struct journal_log log;
        assert_int_equal(journal_parse(data, cut, jp, &log, &e), 0);
        assert_int_equal(log.n_changes, 0);
        journal_log_free(&log);
    }
    /* A tail of NUL bytes (a file system that extended the file before the data came). */
    char *padded = xmalloc(len + 4096);
    memcpy(padded, data, len);
    memset(padded + len, 0, 4096);
    struct journal_log log;
    assert_int_equal(journal_parse(padded, len + 4096, jp, &log, &e), 0);
    assert_int_equal(log.n_changes, 3);
    assert_int_equal(log.torn_bytes, 4096);
    journal_log_free(&log);
    /* Half of the last entry, then NULs. */
    memset(padded + last + 5, 0, len - last - 5);
    assert_int_equal(journal_parse(padded, len, jp, &log, &e), 0);
    assert_int_equal(log.n_changes, 2);
    journal_log_free(&log);
    free(padded);
    free(data);
    free(jp);
}

static void test_corruption_is_reported_with_offset(void **state)
{
    (void)state;
    char *jp = three_changes();
    size_t len;
    char *data = unit_slurp(jp, &len);
    struct journal_log log;
    struct error e;
    assert_int_equal(journal_parse(data, len, jp, &log, &e), 0);
    size_t second = (size_t)log.changes[1].offset, third = (size_t)log.changes[2].offset;
    journal_log_free(&log);

    /* A changed byte in the second entry's key: checksum error at its offset, one change kept. */
    char *bad = xmalloc(len);
    memcpy(bad, data, len);
    char *key = find_bytes(bad + second, third - second, "Plan_Goal", 9);
    assert_non_null(key);
    key[0] = 'Q';
    assert_int_equal(journal_parse(bad, len, jp, &log, &e), -1);
    assert_int_equal(log.n_changes, 1);
    assert_int_equal(log.bad_offset, (long long)second);
    assert_int_equal(e.offset, (long long)second);
    assert_non_null(strstr(e.msg, "checksum"));
    char want[64];
    snprintf(want, sizeof(want), "byte %zu", second);
    assert_non_null(strstr(e.msg, want));
    journal_log_free(&log);

    /* The last complete entry with a wrong checksum is corruption, not a torn write. */
    memcpy(bad, data, len);
    bad[len - 2] = bad[len - 2] == '0' ? '1' : '0';
    assert_int_equal(journal_parse(bad, len, jp, &log, &e), -1);
    assert_int_equal(log.n_changes, 2);
    assert_int_equal(log.bad_offset, (long long)third);
    journal_log_free(&log);

    /* A length that runs past the end, though a valid entry follows: corrupted, not torn. */
    memcpy(bad, data, len);
    char *klen = find_bytes(bad + second, third - second, " 9:Plan_Goal", 12);
    assert_non_null(klen);
    klen[1] = '8';
    memcpy(klen + 1, "99999", 5);   /* " 99999lan_Goal" */
    assert_int_equal(journal_parse(bad, len, jp, &log, &e), -1);
    assert_int_equal(log.bad_offset, (long long)second);
    journal_log_free(&log);

    /* Garbage in the middle: malformed, with the offset of the bad byte. */
    memcpy(bad, data, len);
    bad[second] = 'X';
    assert_int_equal(journal_parse(bad, len, jp, &log, &e), -1);
    assert_int_equal(log.bad_offset, (long long)second);
    assert_non_null(strstr(e.msg, "malformed"));
    journal_log_free(&log);

    /* An entry repeated (sequence numbers 1 2 2 ...): reported. */
    size_t dup_len = third + (third - second);
    char *dup = xmalloc(dup_len);
    memcpy(dup, data, third);
    memcpy(dup + third, data + second, third - second);
    assert_int_equal(journal_parse(dup, dup_len, jp, &log, &e), -1);
    assert_int_equal(log.bad_offset, (long long)third);
    assert_non_null(strstr(e.msg, "sequence"));
    journal_log_free(&log);

    /* Not a journal at all. */
    assert_int_equal(journal_parse("hello\n", 6, jp, &log, &e), -1);
    assert_int_equal(log.bad_offset, 0);
    journal_log_free(&log);
    free(dup);
    free(bad);
    free(data);
    free(jp);
}

static void test_header_mismatch(void **state)
{
    (void)state;
    char *jp = three_changes();
    struct journal_log log;
    struct error e;
    assert_int_equal(journal_read(jp, &log, &e), 0);
    struct filestamp now;
    char *data;
    size_t len;
    assert_int_equal(filestamp_read(sheet_path, &data, &len, &now, &e), 0);
    free(data);
    assert_true(journal_matches(&log.header, &now, NULL));
    /* Same size, other bytes: the sheet changed since. */
    put(sheet_path, "No: 1\nTitle: b\n", 15);
    assert_int_equal(filestamp_read(sheet_path, &data, &len, &now, &e), 0);
    free(data);
    struct strbuf why = STRBUF_INIT;
    assert_false(journal_matches(&log.header, &now, &why));
    assert_non_null(strstr(why.buf, "changed since"));
    strbuf_release(&why);
    /* Back to the same bytes (a copy, new mtime): matches again. */
    put(sheet_path, "No: 1\nTitle: a\n", 15);
    assert_int_equal(filestamp_read(sheet_path, &data, &len, &now, &e), 0);
    free(data);
    assert_true(journal_matches(&log.header, &now, NULL));
    unlink(sheet_path);
    now.exists = false;
    assert_false(journal_matches(&log.header, &now, NULL));
    journal_log_free(&log);
    free(jp);
}

static void test_sync_policy(void **state)
{
    (void)state;
    struct filestamp st;
    stamp_sheet("x", &st);
    struct error e;
    struct journal *j = journal_create(sheet_path, &st, 0, &e);
    assert_int_equal(journal_maybe_sync(j, 1000, &e), 0);    /* nothing buffered */
    journal_append(j, 0, 1, "Title", "t", 1);
    assert_int_equal(journal_maybe_sync(j, 1000, &e), 0);    /* first seen at 1000 */
    assert_int_equal(journal_maybe_sync(j, 2999, &e), 0);
    assert_null(journal_find(sheet_path));
    assert_int_equal(journal_maybe_sync(j, 3000, &e), 1);    /* JOURNAL_SYNC_MS later */
    assert_int_equal(journal_pending(j), 0);
    /* JOURNAL_SYNC_CHANGES distinct changes sync at once. */
    for (int i = 0; i < JOURNAL_SYNC_CHANGES - 1; i++) {
        char key[16];
        snprintf(key, sizeof(key), "F%d", i);
        journal_append(j, 0, 1, key, "v", 1);
        assert_int_equal(journal_maybe_sync(j, 4000, &e), 0);
    }
    journal_append(j, 0, 1, "Last", "v", 1);
    assert_int_equal(journal_maybe_sync(j, 4000, &e), 1);
    struct journal_log log;
    assert_int_equal(journal_read(journal_path(j), &log, &e), 0);
    assert_int_equal(log.n_changes, 1 + JOURNAL_SYNC_CHANGES);
    journal_log_free(&log);
    journal_discard(j, &e);
}

/* ---- a write or fsync that fails ------------------------------------------------- */

static int fail_writes_from = -1, n_writes, fail_fsync;

static ssize_t f_write(int fd, const void *b, size_t n)
{
    if (fail_writes_from >= 0 && ++n_writes >= fail_writes_from) {
        /* A short write first, then ENOSPC: half an entry reaches the file. */
        if (n > 8 && n_writes == fail_writes_from)
            return save_real_io.write(fd, b, n / 2);
        errno = ENOSPC;
        return -1;
    }
    return save_real_io.write(fd, b, n);
}

static int f_fsync(int fd)
{
    if (fail_fsync) {
        errno = EIO;
        return -1;
    }
    return save_real_io.fsync(fd);
}

static void test_failed_sync_keeps_changes_and_file_clean(void **state)
{
    (void)state;
    struct save_io faulty = save_real_io;
    faulty.write = f_write;
    faulty.fsync = f_fsync;
    journal_set_io(&faulty);
    struct filestamp st;
    stamp_sheet("x", &st);
    struct error e;
    struct journal *j = journal_create(sheet_path, &st, 0, &e);
    journal_append(j, 0, 1, "Title", "one", 3);
    assert_int_equal(journal_sync(j, &e), 0);
    size_t good_len;
    free(unit_slurp(journal_path(j), &good_len));

    journal_append(j, 0, 1, "Plan_Goal", "two, a longer value", 19);
    n_writes = 0;
    fail_writes_from = 1;
    assert_int_equal(journal_maybe_sync(j, 0, &e), 0);
    assert_int_equal(journal_maybe_sync(j, JOURNAL_SYNC_MS, &e), -1);
    assert_non_null(strstr(e.msg, strerror(ENOSPC)));
    /* The editor prefixes "recovery journal not written: "; the error does not repeat it. */
    assert_null(strstr(e.msg, "not written"));
    assert_int_equal(journal_pending(j), 1);
    size_t len;
    free(unit_slurp(journal_path(j), &len));
    assert_int_equal(len, good_len);                 /* the half entry was cut off */
    fail_writes_from = -1;
    /* Not retried at once, but JOURNAL_SYNC_MS later. */
    assert_int_equal(journal_maybe_sync(j, JOURNAL_SYNC_MS + 1, &e), 0);
    fail_fsync = 1;
    assert_int_equal(journal_maybe_sync(j, 2 * JOURNAL_SYNC_MS, &e), -1);
    assert_non_null(strstr(e.msg, "fsync"));
    free(unit_slurp(journal_path(j), &len));
    assert_int_equal(len, good_len);
    fail_fsync = 0;
    assert_int_equal(journal_maybe_sync(j, 3 * JOURNAL_SYNC_MS, &e), 1);
    struct journal_log log;
    assert_int_equal(journal_read(journal_path(j), &log, &e), 0);
    assert_int_equal(log.n_changes, 2);
    assert_string_equal(log.changes[1].value, "two, a longer value");
    journal_log_free(&log);
    journal_discard(j, &e);

    /* The first sync failing leaves no journal and no temporary file. */
    j = journal_create(sheet_path, &st, 0, &e);
    journal_append(j, 0, 1, "Title", "one", 3);
    n_writes = 0;
    fail_writes_from = 1;
    assert_int_equal(journal_sync(j, &e), -1);
    fail_writes_from = -1;
    assert_null(journal_find(sheet_path));
    DIR *d = opendir(dir);
    struct dirent *de;
    int entries = 0;
    while ((de = readdir(d)))
        entries += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
    closedir(d);
    assert_int_equal(entries, 1);                    /* the sheet only */
    journal_close(j);
    journal_set_io(NULL);
}

static void test_existing_journal_and_saves(void **state)
{
    (void)state;
    char *jp = three_changes();
    struct filestamp st;
    char *data;
    size_t len;
    struct error e;
    assert_int_equal(filestamp_read(sheet_path, &data, &len, &st, &e), 0);
    free(data);
    /* An old journal is there: a new session must recover or discard it first. */
    assert_null(journal_create(sheet_path, &st, 0, &e));
    assert_non_null(strstr(e.msg, "already exists"));
    /* Recovering: the old one stays until the new one, holding its changes, is on disk. */
    struct journal *j = journal_create(sheet_path, &st, JOURNAL_REPLACE, &e);
    assert_non_null(j);
    struct journal_log log, old;
    assert_int_equal(journal_read(jp, &old, &e), 0);
    assert_int_equal(old.n_changes, 3);
    journal_carry_over(j, &old);
    journal_append(j, 0, 1, "Title", "recovered", 9);
    assert_int_equal(journal_read(jp, &log, &e), 0);
    assert_int_equal(log.n_changes, 3);             /* not replaced before the sync */
    assert_int_equal(log.header.pid, old.header.pid);
    journal_log_free(&log);
    assert_int_equal(journal_sync(j, &e), 0);
    assert_int_equal(journal_read(jp, &log, &e), 0);
    assert_int_equal(log.n_changes, 4);             /* the three recovered, then the new one */
    assert_string_equal(log.changes[0].value, "新しい題");
    assert_int_equal(log.changes[1].op, JOURNAL_REMOVE);
    assert_int_equal(log.changes[2].op, JOURNAL_ADD_ITEM);
    assert_string_equal(log.changes[3].value, "recovered");
    journal_log_free(&log);
    journal_log_free(&old);
    journal_discard(j, &e);
    j = journal_create(sheet_path, &st, 0, &e);
    assert_non_null(j);
    journal_append(j, 0, 1, "Title", "recovered", 9);
    assert_int_equal(journal_sync(j, &e), 0);
    assert_int_equal(journal_read(jp, &log, &e), 0);
    assert_int_equal(log.n_changes, 1);
    journal_log_free(&log);
    /* Saved: the journal goes, and the next change starts a new one for the new bytes. */
    put(sheet_path, "No: 1\nTitle: recovered\n", 23);
    struct filestamp saved;
    assert_int_equal(filestamp_of_bytes(sheet_path, "No: 1\nTitle: recovered\n", 23, &saved, &e), 0);
    assert_int_equal(journal_saved(j, &saved, &e), 0);
    assert_null(journal_find(sheet_path));
    journal_append(j, 0, 1, "Title", "after save", 10);
    assert_int_equal(journal_sync(j, &e), 0);
    assert_int_equal(journal_read(jp, &log, &e), 0);
    assert_int_equal(log.n_changes, 1);
    assert_true(log.header.loaded.hash == saved.hash);
    journal_log_free(&log);
    journal_close(j);
    char *kept = journal_find(sheet_path);           /* close keeps the file */
    assert_non_null(kept);
    free(kept);
    assert_int_equal(journal_remove(sheet_path, &e), 0);
    assert_null(journal_find(sheet_path));
    free(jp);
}

static void test_symlinked_sheet_shares_the_journal(void **state)
{
    (void)state;
    struct filestamp st;
    stamp_sheet("x", &st);
    char link[700];
    snprintf(link, sizeof(link), "%s/link.rec", dir);
    assert_int_equal(symlink("sheet.rec", link), 0);
    char *a = sidefile_path(link, SIDEFILE_JOURNAL), *b = sidefile_path(sheet_path, SIDEFILE_JOURNAL);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

/* Replaying a journal gives the same sheet as the edits made directly. */
static void test_apply(void **state)
{
    (void)state;
    struct form *form = form_builtin();
    struct sheet *direct = sheet_new(form, "大正区", 2017, NULL);
    struct item *it = sheet_add_item(direct);
    item_set(direct, it, form->key_field, "1", 1);
    struct strbuf orig = STRBUF_INIT;
    sheet_write(direct, &orig);
    struct filestamp st;
    stamp_sheet(orig.buf, &st);
    struct sheet *replayed = sheet_load(sheet_path, form, &(struct error){ 0 });
    assert_non_null(replayed);

    struct error e;
    struct journal *j = journal_create(sheet_path, &st, 0, &e);
    int title = form_field_index(form, "Title"), goal = form_field_index(form, "Plan_Goal");
    const char *v1 = "歳入の確保\\", *v2 = "97.60%\n+ 行\n\\";
    item_set(direct, &direct->items[0], title, v1, strlen(v1));
    journal_append(j, 0, 1, "Title", v1, strlen(v1));
    item_set(direct, &direct->items[0], goal, v2, strlen(v2));
    journal_append(j, 0, 1, "Plan_Goal", v2, strlen(v2));
    item_set(direct, &direct->items[0], goal, "", 0);
    journal_append(j, 0, 1, "Plan_Goal", NULL, 0);
    it = sheet_add_item(direct);
    item_set(direct, it, form->key_field, "2", 1);
    journal_append_add_item(j, 1);
    journal_append(j, 1, 2, "No", "2", 1);
    item_set_key(direct, it, "LocalNote", "区のメモ", strlen("区のメモ"));
    journal_append(j, 1, 2, "LocalNote", "区のメモ", strlen("区のメモ"));
    assert_int_equal(journal_sync(j, &e), 0);

    struct journal_log log;
    assert_int_equal(journal_read(journal_path(j), &log, &e), 0);
    assert_int_equal(journal_apply(replayed, &log, &e), 5);
    struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
    sheet_write(direct, &a);
    sheet_write(replayed, &b);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.buf, b.buf, a.len);
    struct strbuf d = STRBUF_INIT;
    journal_describe(replayed, &log.changes[0], &d);
    assert_non_null(strstr(d.buf, "取組項目 1: "));
    assert_non_null(strstr(d.buf, "歳入の確保"));

    /* A change that does not fit this sheet stops with its offset. */
    log.changes[3].item = 7;
    struct sheet *again = sheet_load(sheet_path, form, &(struct error){ 0 });
    assert_int_equal(journal_apply(again, &log, &e), -1);
    assert_int_equal(e.offset, log.changes[3].offset);
    log.changes[3].item = 1;
    log.changes[0].value[0] = '\0';
    sheet_free(again);
    again = sheet_load(sheet_path, form, &(struct error){ 0 });
    assert_int_equal(journal_apply(again, &log, &e), -1);
    assert_non_null(strstr(e.msg, "not UTF-8"));
    sheet_free(again);

    journal_log_free(&log);
    journal_discard(j, &e);
    strbuf_release(&a);
    strbuf_release(&b);
    strbuf_release(&d);
    strbuf_release(&orig);
    sheet_free(direct);
    sheet_free(replayed);
    form_free(form);
}

/* A sheet of the given item numbers, as text (caller releases). */
static struct sheet *sheet_numbered(struct form *form, const long *nos, size_t n)
{
    struct sheet *s = sheet_new(form, "大正区", 2017, NULL);
    for (size_t i = 0; i < n; i++) {
        char no[24];
        int len = snprintf(no, sizeof(no), "%ld", nos[i]);
        item_set(s, sheet_add_item(s), form->key_field, no, (size_t)len);
    }
    return s;
}

static struct sheet *reparse(struct sheet *s, struct form *form)
{
    struct strbuf text = STRBUF_INIT;
    sheet_write(s, &text);
    struct sheet *again = sheet_parse(text.buf, text.len, "sheet.rec", form, &(struct error){ 0 });
    strbuf_release(&text);
    sheet_free(s);
    return again;
}

/*
 * Item 3's 副題 was edited, then item 1 was deleted on disk (recdel):
 * recovery puts the text into item 3, not into the item now at its old
 * place (item 4).  A renumbered item is followed by its new number; an
 * item that is gone refuses the recovery, naming it.
 */
static void test_apply_finds_items_by_number(void **state)
{
    (void)state;
    struct form *form = form_builtin();
    static const long before[] = { 1, 2, 3, 4 }, after[] = { 2, 3, 4 }, gone[] = { 1, 2, 4 };
    struct sheet *orig = sheet_numbered(form, before, 4);
    struct strbuf text = STRBUF_INIT;
    sheet_write(orig, &text);
    struct filestamp st;
    stamp_sheet(text.buf, &st);
    struct error e;
    struct journal *j = journal_create(sheet_path, &st, 0, &e);
    journal_append(j, 2, 3, "Subtitle", "副題の修正", strlen("副題の修正"));
    journal_append(j, 3, 4, "No", "9", 1);
    journal_append(j, 3, 9, "Title", "九番", strlen("九番"));
    journal_append_add_item(j, 4);
    journal_append(j, 4, -1, "No", "10", 2);
    journal_append(j, 4, 10, "Title", "新しい項目", strlen("新しい項目"));
    assert_int_equal(journal_sync(j, &e), 0);
    struct journal_log log;
    assert_int_equal(journal_read(journal_path(j), &log, &e), 0);

    struct sheet *s = reparse(sheet_numbered(form, after, 3), form);
    assert_int_equal(journal_apply(s, &log, &e), 6);
    int sub = form_field_index(form, "Subtitle"), title = form_field_index(form, "Title");
    long three = sheet_find_item(s, 3), nine = sheet_find_item(s, 9), ten = sheet_find_item(s, 10);
    assert_int_equal(three, 1);
    assert_string_equal(item_get(s, &s->items[three], sub), "副題の修正");
    assert_null(item_get(s, &s->items[2], sub));
    assert_int_equal(nine, 2);
    assert_string_equal(item_get(s, &s->items[nine], title), "九番");
    assert_int_equal(ten, 3);
    assert_string_equal(item_get(s, &s->items[ten], title), "新しい項目");
    assert_int_equal(log.changes[0].item, 1);   /* where it landed, for carrying over */
    assert_int_equal(log.changes[5].item, 3);
    sheet_free(s);
    journal_log_free(&log);

    /* Item 3 itself deleted on disk: refused at its entry, naming it. */
    assert_int_equal(journal_read(journal_path(j), &log, &e), 0);
    s = reparse(sheet_numbered(form, gone, 3), form);
    assert_int_equal(journal_apply(s, &log, &e), -1);
    assert_int_equal(e.offset, log.changes[0].offset);
    assert_non_null(strstr(e.msg, "取組項目 3"));
    sheet_free(s);
    journal_log_free(&log);

    journal_discard(j, &e);
    strbuf_release(&text);
    sheet_free(orig);
    form_free(form);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_any_bytes_and_huge_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_torn_tail_at_every_cut, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corruption_is_reported_with_offset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_header_mismatch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sync_policy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_sync_keeps_changes_and_file_clean, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_existing_journal_and_saves, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symlinked_sheet_shares_the_journal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_apply, setup, teardown),
        cmocka_unit_test_setup_teardown(test_apply_finds_items_by_number, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
