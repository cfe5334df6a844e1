/*
 * test_session.c - the editing session's safety without a terminal
 * (session.c), on real files in a temporary directory: the lock taken,
 * held by a running editor (edit alongside), stale (offered to take
 * over), or another computer's (broken only as it was seen); the journal written on the clock's tick and found again after
 * its editor died (a child process), and recovered into a new session;
 * a journal per editor (the second editor keeps its own, a running
 * editor's is never offered, a dead second editor's is recovered); a
 * journal that cannot be written said until it can; the file changed,
 * gone or broken on disk before a save.
 */
#include "unit.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "editor.h"
#include "save.h"
#include "session.h"
#include "sidefile.h"

/* A copy of the sample in a fresh directory, opened for editing as cmd_edit does. */
struct fixture {
    char dir[PATH_MAX];
    char path[PATH_MAX + 32];
    struct sheet *s;
    struct editor ed;
    struct session session;
};

static long long fake_now;

static long long fake_clock(void)
{
    return fake_now;
}

static void load(struct fixture *fx)
{
    char *data;
    size_t len;
    struct error e;
    struct filestamp stamp;
    assert_int_equal(filestamp_read(fx->path, &data, &len, &stamp, &e), 0);
    fx->s = sheet_parse(data, len, fx->path, NULL, &e);
    free(data);
    if (!fx->s)
        fail_msg("%s", e.msg);
    editor_init(&fx->ed, &fx->s, 1, 60);
    fx->ed.clock_ms = fake_clock;
    fx->ed.stamp = stamp;
    fx->ed.have_stamp = true;
    session_init(&fx->session, &fx->ed);
}

static void fixture_open(struct fixture *fx, const char *what)
{
    memset(fx, 0, sizeof(*fx));
    assert_int_equal(unit_tmpdir(fx->dir, sizeof fx->dir, what), 0);
    snprintf(fx->path, sizeof fx->path, "%s/sheet.rec", fx->dir);
    char *text = unit_slurp(TEST_SAMPLE, NULL);
    unit_write_file(fx->path, text);
    free(text);
    fake_now = 1000000;
    load(fx);
}

/* The same sheet opened again by another session (another fixture on the same files). */
static void fixture_reopen(struct fixture *again, const struct fixture *fx)
{
    memset(again, 0, sizeof(*again));
    memcpy(again->dir, fx->dir, sizeof(fx->dir));
    memcpy(again->path, fx->path, sizeof(fx->path));
    load(again);
}

static void fixture_end(struct fixture *fx, bool keep_journal)
{
    session_end(&fx->session, keep_journal);
    editor_free(&fx->ed);
    sheet_free(fx->s);
}

static void fixture_close(struct fixture *fx)
{
    fixture_end(fx, false);
    assert_int_equal(unit_rm_tree(fx->dir), 0);
}

static bool exists(const char *path)
{
    return access(path, F_OK) == 0;
}

/* Type text at the end of the focused text field, as keys do. */
static void type_into(struct editor *ed, const char *key, const char *text)
{
    int f = form_field_index(editor_sheet(ed)->form, key);
    assert_true(f >= 0);
    editor_focus(ed, f);
    assert_true(ed->fe_active);
    editor_replace_value(ed, text, strlen(text));
}

/* ---- the lock ------------------------------------------------------------------------ */

static void test_lock_taken_then_alongside(void **state)
{
    (void)state;
    struct fixture a, b;
    fixture_open(&a, "session-lock");
    struct error e;
    bool took;
    assert_int_equal(session_lock(&a.session, &took, &e), SESSION_LOCKED);
    assert_false(took);
    assert_non_null(a.session.lock);
    assert_true(exists(a.session.lock_file));

    /* A second editor of the sheet: told who, and edits alongside without the lock. */
    fixture_reopen(&b, &a);
    assert_int_equal(session_lock(&b.session, &took, &e), SESSION_ALONGSIDE);
    assert_null(b.session.lock);
    assert_int_equal(b.session.holder.pid, (long)getpid());
    fixture_end(&b, false);
    assert_true(exists(a.session.lock_file));      /* the second one's end leaves it */

    char *lock_file = xstrdup(a.session.lock_file);
    fixture_close(&a);
    assert_false(exists(lock_file));
    free(lock_file);
}

static void test_stale_lock_is_offered_then_taken_over(void **state)
{
    (void)state;
    struct fixture fx;
    fixture_open(&fx, "session-stale");
    char host[256], boot[64];
    sidefile_host(host, sizeof(host));
    sidefile_boot_id(boot, sizeof(boot));
    FILE *f = fopen(fx.session.lock_file, "w");
    assert_non_null(f);
    fprintf(f, "torikumi-lock 1\nuser someone\nhost %s\nboot %s\npid %ld\n"
               "since 2017-04-03T09:15:00+09:00\n", host, boot, unit_dead_pid());
    fclose(f);
    struct error e;
    bool took;
    assert_int_equal(session_lock(&fx.session, &took, &e), SESSION_STALE);
    assert_null(fx.session.lock);
    assert_string_equal(fx.session.holder.user, "someone");
    assert_int_equal(session_take_over(&fx.session, &e), SESSION_LOCKED);
    assert_non_null(fx.session.lock);
    fixture_close(&fx);
}

static void test_other_computers_lock_broken_only_as_seen(void **state)
{
    (void)state;
    struct fixture fx;
    fixture_open(&fx, "session-elsewhere");
    static const char *const lock_text =
        "torikumi-lock 1\nuser tanaka\nhost another-ward-pc\nboot x\npid %ld\n"
        "since 2017-04-03T09:15:00+09:00\n";
    FILE *f = fopen(fx.session.lock_file, "w");
    assert_non_null(f);
    fprintf(f, lock_text, 4711L);
    fclose(f);
    struct error e;
    bool took;
    assert_int_equal(session_lock(&fx.session, &took, &e), SESSION_ELSEWHERE);
    assert_string_equal(fx.session.holder.host, "another-ward-pc");
    /* Replaced meanwhile by another lock of that computer: not broken. */
    f = fopen(fx.session.lock_file, "w");
    fprintf(f, lock_text, 4712L);
    fclose(f);
    assert_false(session_break_lock(&fx.session, &e));
    assert_non_null(strstr(e.msg, "changed meanwhile"));
    assert_null(fx.session.lock);
    /* As seen: broken, and the lock is ours. */
    assert_int_equal(session_lock(&fx.session, &took, &e), SESSION_ELSEWHERE);
    assert_true(session_break_lock(&fx.session, &e));
    assert_non_null(fx.session.lock);
    struct lock_owner who;
    assert_int_equal(lock_inspect(fx.path, &who, &e), 1);
    assert_int_equal(who.pid, (long)getpid());
    fixture_close(&fx);
}

/* ---- the journal --------------------------------------------------------------------- */

/*
 * An editor in a child process: opens the sheet (taking the lock unless
 * another holds it), types text, lets the journal's clock tick, and dies
 * without ending its session, as after kill -9.  Returns its pid (gone).
 */
static long editor_dies_after_typing(const struct fixture *fx, const char *text,
                                     enum session_lock_state want)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct fixture child;
        fixture_reopen(&child, fx);
        struct error e;
        bool took;
        if (session_lock(&child.session, &took, &e) != want)
            _exit(3);
        if (!session_start_journal(&child.session))
            _exit(4);
        type_into(&child.ed, "Subtitle", text);
        session_tick(&child.session, fake_now);          /* not due yet: nothing written */
        if (access(journal_path(child.session.journal), F_OK) == 0)
            _exit(5);
        fake_now += JOURNAL_SYNC_MS;
        session_tick(&child.session, fake_now);
        _exit(access(journal_path(child.session.journal), F_OK) == 0 ? 0 : 6);
    }
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    return (long)pid;
}

/* Recover what the dead editor typed: the text is in the sheet and in this session's journal. */
static void recover_and_check(struct fixture *fx, const char *text)
{
    struct journal_log log;
    char *file;
    struct error e;
    assert_int_equal(session_find_recovery(&fx->session, &log, &file, &e), 1);
    assert_int_equal(log.n_changes, 1);
    struct strbuf body = STRBUF_INIT;
    session_describe_recovery(&fx->session, &log, &body);
    assert_non_null(strstr(body.buf, text));
    strbuf_release(&body);
    assert_true(session_recover(&fx->session, &log, file));
    int f = form_field_index(editor_sheet(&fx->ed)->form, "Subtitle");
    assert_string_equal(editor_value(&fx->ed, f), text);
    assert_true(fx->ed.modified);
    /* The recovered changes are this session's journal now; the dead one's file is gone. */
    assert_non_null(fx->session.journal);
    assert_true(exists(journal_path(fx->session.journal)));
    if (!str_eq(file, journal_path(fx->session.journal)))
        assert_false(exists(file));
    journal_log_free(&log);
    free(file);
}

static void test_journal_written_on_tick_and_recovered(void **state)
{
    (void)state;
    struct fixture fx;
    fixture_open(&fx, "session-journal");
    editor_dies_after_typing(&fx, "打ち込んだ副題", SESSION_LOCKED);
    struct error e;
    bool took;
    assert_int_equal(session_lock(&fx.session, &took, &e), SESSION_STALE);
    assert_int_equal(session_take_over(&fx.session, &e), SESSION_LOCKED);
    recover_and_check(&fx, "打ち込んだ副題");
    fixture_close(&fx);
}

/* ---- a journal per editor -------------------------------------------------------------- */

static void test_every_editor_keeps_a_journal_of_its_own(void **state)
{
    (void)state;
    struct fixture a, b;
    fixture_open(&a, "session-each");
    struct error e;
    bool took;
    assert_int_equal(session_lock(&a.session, &took, &e), SESSION_LOCKED);
    assert_true(session_start_journal(&a.session));
    type_into(&a.ed, "Subtitle", "一人目");
    session_sync(&a.session);
    assert_false(journal_own_named(journal_path(a.session.journal)));

    /* The second editor: alongside, a journal named for it, and the first one's not offered. */
    fixture_reopen(&b, &a);
    assert_int_equal(session_lock(&b.session, &took, &e), SESSION_ALONGSIDE);
    struct journal_log log;
    char *file;
    assert_int_equal(session_find_recovery(&b.session, &log, &file, &e), 0);
    assert_true(session_start_journal(&b.session));
    type_into(&b.ed, "Plan_Goal", "二人目");
    session_sync(&b.session);
    assert_true(journal_own_named(journal_path(b.session.journal)));
    assert_true(exists(journal_path(a.session.journal)));
    assert_true(exists(journal_path(b.session.journal)));
    char **files;
    assert_int_equal(journal_list(a.path, &files), 2);
    assert_string_equal(files[0], journal_path(a.session.journal));
    assert_string_equal(files[1], journal_path(b.session.journal));
    free(files[0]);
    free(files[1]);
    free(files);
    fixture_end(&b, false);
    fixture_close(&a);
}

static void test_dead_second_editor_recovered(void **state)
{
    (void)state;
    struct fixture a, c;
    fixture_open(&a, "session-second");
    struct error e;
    bool took;
    assert_int_equal(session_lock(&a.session, &took, &e), SESSION_LOCKED);
    /* The second editor (alongside the first, which runs on) dies after typing. */
    editor_dies_after_typing(&a, "二人目が打った副題", SESSION_ALONGSIDE);
    /* A third opens the sheet: alongside too; the dead one's journal is offered. */
    fixture_reopen(&c, &a);
    assert_int_equal(session_lock(&c.session, &took, &e), SESSION_ALONGSIDE);
    recover_and_check(&c, "二人目が打った副題");
    assert_true(journal_own_named(journal_path(c.session.journal)));
    fixture_end(&c, false);
    fixture_close(&a);
}

static int failing;

static ssize_t failing_write(int fd, const void *buf, size_t n)
{
    if (failing) {
        errno = ENOSPC;
        return -1;
    }
    return save_real_io.write(fd, buf, n);
}

static void test_journal_problem_said_until_written(void **state)
{
    (void)state;
    struct fixture fx;
    fixture_open(&fx, "session-full");
    struct save_io io = save_real_io;
    io.write = failing_write;
    journal_set_io(&io);
    failing = 1;
    assert_true(session_start_journal(&fx.session));
    type_into(&fx.ed, "Subtitle", "満杯");
    session_sync(&fx.session);
    const char *problem = session_journal_problem(&fx.session);
    failing = 0;
    journal_set_io(NULL);
    assert_non_null(problem);
    assert_non_null(strstr(problem, strerror(ENOSPC)));
    /* Said once: the journal's own error does not repeat what the session says. */
    const char *said = "recovery journal not written";
    assert_null(strstr(strstr(problem, said) + strlen(said), said));
    /* Still said on the next tick that is not due, gone once a write succeeds (the tick says so). */
    assert_false(session_tick(&fx.session, fake_now));
    assert_non_null(session_journal_problem(&fx.session));
    fake_now += 2 * JOURNAL_SYNC_MS;
    assert_true(session_tick(&fx.session, fake_now));
    assert_null(session_journal_problem(&fx.session));
    fixture_close(&fx);
}

/* ---- the file on disk ---------------------------------------------------------------- */

static void test_file_changed_gone_or_broken_on_disk(void **state)
{
    (void)state;
    struct fixture fx;
    fixture_open(&fx, "session-disk");
    struct sheet *disk;
    struct filestamp now;
    struct error e;
    assert_int_equal(session_read_disk(&fx.session, &disk, &now, &e), SESSION_DISK_SHEET);
    struct strbuf diff = STRBUF_INIT;
    session_describe_differences(disk, editor_sheet(&fx.ed), &diff);
    assert_non_null(strstr(diff.buf, "only the file's layout"));
    sheet_free(disk);

    /* Someone else changed a field: the difference names item, field and both values. */
    type_into(&fx.ed, "Subtitle", "ここで");
    assert_int_equal(session_read_disk(&fx.session, &disk, &now, &e), SESSION_DISK_SHEET);
    strbuf_reset(&diff);
    session_describe_differences(disk, editor_sheet(&fx.ed), &diff);
    assert_non_null(strstr(diff.buf, "here:    ここで"));
    sheet_free(disk);
    strbuf_release(&diff);

    unit_write_file(fx.path, "not a sheet\n");
    assert_int_equal(session_read_disk(&fx.session, &disk, &now, &e), SESSION_DISK_UNPARSED);
    assert_null(disk);
    assert_int_equal(unlink(fx.path), 0);
    assert_int_equal(session_read_disk(&fx.session, &disk, &now, &e), SESSION_DISK_GONE);
    assert_null(disk);
    fixture_close(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lock_taken_then_alongside),
        cmocka_unit_test(test_stale_lock_is_offered_then_taken_over),
        cmocka_unit_test(test_other_computers_lock_broken_only_as_seen),
        cmocka_unit_test(test_journal_written_on_tick_and_recovered),
        cmocka_unit_test(test_every_editor_keeps_a_journal_of_its_own),
        cmocka_unit_test(test_dead_second_editor_recovered),
        cmocka_unit_test(test_journal_problem_said_until_written),
        cmocka_unit_test(test_file_changed_gone_or_broken_on_disk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
