/*
 * test_editor.c - the editing session (editor.c) without a terminal:
 * undo/redo across fields and items with focus and caret; typing joins
 * one undo step only within the join window (a fake clock through
 * ed->clock_ms, never a sleep); unsaved by content, saving with the
 * Updated stamp and the on-disk conflict check; completing stages; the
 * RequiredWhen rule kept current at once; moving across open sheets and
 * new items; every change reaching the recovery journal on its clock.
 */
#include "unit.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "editor.h"
#include "filestamp.h"
#include "journal.h"
#include "rules.h"
#include "sheet.h"

static const char *HEADER =
    "%rec: Sheet\n\nForm: kaikaku-2.0\nWard: 大正区\nFiscalYear: 2017\n\n%rec: Initiative\n\n";

/* ---- the clock seam ------------------------------------------------------------ */

static long long fake_now;

static long long fake_clock(void)
{
    return fake_now;
}

/* ---- helpers -------------------------------------------------------------------- */

static struct sheet *parse_items(const char *items)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_addstr(&sb, HEADER);
    strbuf_addstr(&sb, items);
    struct sheet *s = unit_parse_sheet(sb.buf);
    strbuf_release(&sb);
    return s;
}

static struct sheet *parse_sample(void)
{
    char *text = unit_slurp(TEST_SAMPLE, NULL);
    struct sheet *s = unit_parse_sheet(text);
    free(text);
    return s;
}

static int fld(const struct editor *ed, const char *key)
{
    int f = form_field_index(editor_sheet(ed)->form, key);
    if (f < 0)
        fail_msg("no field %s in the form", key);
    return f;
}

static void start(struct editor *ed, struct sheet *s)
{
    editor_init(ed, &s, 1, 40);
    ed->clock_ms = fake_clock;
    fake_now = 1000000;
}

/* The focused field's text as the field editor has it, and its caret. */
static void assert_fe(const struct editor *ed, const char *want, size_t caret)
{
    assert_true(ed->fe_active);
    size_t len;
    const char *t = fieldedit_text(&ed->fe, &len);
    assert_int_equal(len, strlen(want));
    assert_memory_equal(t, want, len);
    assert_int_equal(fieldedit_caret(&ed->fe), caret);
}

static void assert_value(const struct editor *ed, int f, const char *want)
{
    const char *v = editor_value(ed, f);
    if (!want)
        assert_null(v);
    else {
        assert_non_null(v);
        assert_string_equal(v, want);
    }
}

/* A copy of the sample sheet in a fresh directory, loaded for editing as cmd_edit does. */
struct fixture {
    char dir[PATH_MAX];
    char path[PATH_MAX + 32];
    struct sheet *s;
    struct filestamp stamp;
};

static void fixture_open(struct fixture *fx, const char *what)
{
    assert_int_equal(unit_tmpdir(fx->dir, sizeof fx->dir, what), 0);
    snprintf(fx->path, sizeof fx->path, "%s/taisho-h29.rec", fx->dir);
    char *text = unit_slurp(TEST_SAMPLE, NULL);
    unit_write_file(fx->path, text);
    free(text);
    char *data;
    size_t len;
    struct error e;
    assert_int_equal(filestamp_read(fx->path, &data, &len, &fx->stamp, &e), 0);
    fx->s = sheet_parse(data, len, fx->path, NULL, &e);
    free(data);
    if (!fx->s)
        fail_msg("%s", e.msg);
}

static void fixture_close(struct fixture *fx)
{
    sheet_free(fx->s);
    assert_int_equal(unit_rm_tree(fx->dir), 0);
}

/* ---- undo/redo across fields ------------------------------------------------------- */

static void test_undo_redo_across_fields(void **state)
{
    (void)state;
    struct sheet *s = parse_sample();
    struct editor ed;
    start(&ed, s);
    int title = fld(&ed, "Title"), prog = fld(&ed, "Mid_Progress"),
        outlook = fld(&ed, "Mid_Outlook"), mid_done = fld(&ed, "Mid_Done");
    int mid = s->form->fields[mid_done].stage;
    char *title0 = xstrdup(editor_value(&ed, title));
    char *title1;
    {
        /* "歳入…" with "予算" typed after 歳 (byte 3). */
        struct strbuf sb = STRBUF_INIT;
        strbuf_add(&sb, title0, 3);
        strbuf_addstr(&sb, "予算");
        strbuf_addstr(&sb, title0 + 3);
        title1 = strbuf_detach(&sb, NULL);
    }

    /* 1: type in the title of item 0, in the middle. */
    editor_focus(&ed, title);
    assert_true(fieldedit_set_caret(&ed.fe, 3));
    assert_true(editor_type(&ed, "予算", strlen("予算")));
    assert_value(&ed, title, title1);
    /* 2, 3: pick choices in item 1; 4: mark its middle review complete. */
    editor_goto_item(&ed, 1);
    editor_focus(&ed, prog);
    assert_true(editor_choice_pick(&ed, 0));
    editor_focus(&ed, outlook);
    assert_true(editor_choice_pick(&ed, 0));
    assert_false(editor_stage_done(&ed, 1, mid));
    assert_true(editor_toggle_done(&ed, mid, NULL));
    assert_true(editor_stage_done(&ed, 1, mid));
    assert_int_equal(ed.n_undo, 4);
    assert_int_equal(ed.n_redo, 0);

    /* Undo in reverse order: each restores the value and focuses its field. */
    editor_focus(&ed, title);          /* focus elsewhere: undo brings it back */
    assert_true(editor_undo(&ed));
    assert_false(editor_stage_done(&ed, 1, mid));
    assert_int_equal(ed.cur, 1);
    assert_int_equal(ed.field, mid_done);
    assert_value(&ed, outlook, "likely");

    assert_true(editor_undo(&ed));
    assert_int_equal(ed.field, outlook);
    assert_value(&ed, outlook, NULL);
    assert_value(&ed, prog, "on_track");

    assert_true(editor_undo(&ed));
    assert_int_equal(ed.field, prog);
    assert_value(&ed, prog, NULL);

    /* The typing was in item 0: undo goes back there, caret where it was. */
    assert_true(editor_undo(&ed));
    assert_int_equal(ed.cur, 0);
    assert_int_equal(ed.field, title);
    assert_value(&ed, title, title0);
    assert_fe(&ed, title0, 3);
    assert_false(editor_undo(&ed));
    assert_int_equal(ed.n_redo, 4);

    /* Redo in order. */
    assert_true(editor_redo(&ed));
    assert_int_equal(ed.cur, 0);
    assert_value(&ed, title, title1);
    assert_fe(&ed, title1, 3 + strlen("予算"));
    assert_true(editor_redo(&ed));
    assert_int_equal(ed.cur, 1);
    assert_int_equal(ed.field, prog);
    assert_value(&ed, prog, "on_track");
    assert_true(editor_redo(&ed));
    assert_int_equal(ed.field, outlook);
    assert_value(&ed, outlook, "likely");
    assert_true(editor_redo(&ed));
    assert_int_equal(ed.field, mid_done);
    assert_true(editor_stage_done(&ed, 1, mid));
    assert_false(editor_redo(&ed));

    /* Undo two, then a new edit: the redo steps are gone. */
    assert_true(editor_undo(&ed));
    assert_true(editor_undo(&ed));
    assert_int_equal(ed.n_redo, 2);
    assert_int_equal(ed.field, outlook);
    assert_true(editor_choice_pick(&ed, 1));
    assert_int_equal(ed.n_redo, 0);
    assert_false(editor_redo(&ed));
    assert_value(&ed, outlook, "unlikely");
    assert_false(editor_stage_done(&ed, 1, mid));
    assert_int_equal(ed.n_undo, 3);

    free(title0);
    free(title1);
    editor_free(&ed);
    sheet_free(s);
}

/* ---- typing joins one step within the window ------------------------------------- */

static void type_twice(long long gap_ms, size_t want_steps)
{
    struct sheet *s = parse_items("No: 1\nTitle: ab\n");
    struct editor ed;
    start(&ed, s);
    int title = fld(&ed, "Title");
    editor_focus(&ed, title);
    assert_fe(&ed, "ab", 2);
    assert_true(editor_type(&ed, "c", 1));
    fake_now += gap_ms;
    assert_true(editor_type(&ed, "d", 1));
    assert_value(&ed, title, "abcd");
    assert_int_equal(ed.n_undo, want_steps);

    assert_true(editor_undo(&ed));
    assert_value(&ed, title, want_steps == 1 ? "ab" : "abc");
    assert_fe(&ed, want_steps == 1 ? "ab" : "abc", want_steps == 1 ? 2 : 3);
    editor_free(&ed);
    sheet_free(s);
}

static void test_typing_100ms_apart_is_one_step(void **state)
{
    (void)state;
    type_twice(100, 1);
}

static void test_typing_2s_apart_is_two_steps(void **state)
{
    (void)state;
    type_twice(2000, 2);
}

/* Within the window, but the focus left the field in between: two steps. */
static void test_typing_after_refocus_is_a_new_step(void **state)
{
    (void)state;
    struct sheet *s = parse_items("No: 1\nTitle: ab\n");
    struct editor ed;
    start(&ed, s);
    int title = fld(&ed, "Title");
    editor_focus(&ed, title);
    assert_true(editor_type(&ed, "c", 1));
    editor_focus(&ed, fld(&ed, "Subtitle"));
    editor_focus(&ed, title);
    fake_now += 100;
    assert_true(editor_type(&ed, "d", 1));
    assert_int_equal(ed.n_undo, 2);
    editor_free(&ed);
    sheet_free(s);
}

/* ---- unsaved by content; saving ---------------------------------------------------- */

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The record of item number no in text (up to the blank line), as a new string. */
static char *record_of(const char *text, long no)
{
    char want[32];
    snprintf(want, sizeof want, "\nNo: %ld\n", no);
    const char *p = strstr(text, want);
    if (!p)
        fail_msg("no item %ld", no);
    const char *end = strstr(p + 1, "\n\n");
    return xstrndup(p + 1, end ? (size_t)(end - p) : strlen(p + 1));
}

static void test_unsaved_by_content_and_save(void **state)
{
    (void)state;
    struct fixture fx;
    fixture_open(&fx, "editor-save");
    struct editor ed;
    start(&ed, fx.s);
    ed.stamp = fx.stamp;
    ed.have_stamp = true;
    int title = fld(&ed, "Title"), sub = fld(&ed, "Subtitle");
    assert_false(ed.modified);

    /* Item 0: change and change back - nothing to save. */
    editor_focus(&ed, title);
    assert_true(editor_type(&ed, "X", 1));
    assert_true(ed.modified);
    assert_int_equal(ed.open[0].n_dirty, 1);
    assert_true(editor_backspace(&ed));
    assert_false(ed.modified);
    assert_int_equal(ed.open[0].n_dirty, 0);
    /* The same by undo and by replacing the value. */
    assert_true(editor_type(&ed, "Y", 1));
    assert_true(editor_undo(&ed));
    assert_false(ed.modified);
    char *title0 = xstrdup(editor_value(&ed, title));
    assert_true(editor_replace_value(&ed, "別", strlen("別")));
    assert_true(ed.modified);
    assert_true(editor_replace_value(&ed, title0, strlen(title0)));
    assert_false(ed.modified);
    assert_int_equal(ed.open[0].n_dirty, 0);

    /* Item 2 (No 3): a real change. */
    editor_goto_item(&ed, 2);
    editor_focus(&ed, sub);
    assert_true(editor_type(&ed, "新しい副題", strlen("新しい副題")));
    assert_true(ed.modified);
    assert_int_equal(ed.open[0].n_dirty, 1);

    assert_int_equal(editor_save(&ed, false), EDITOR_SAVED);
    assert_false(ed.message_is_error);
    assert_false(ed.modified);
    assert_int_equal(ed.open[0].n_dirty, 0);
    char *text = unit_slurp(fx.path, NULL);
    /* One Updated stamp, on item 3 only; item 1 keeps its title. */
    assert_int_equal(count(text, "\nUpdated: "), 1);
    char *r3 = record_of(text, 3), *r1 = record_of(text, 1);
    assert_non_null(strstr(r3, "\nSubtitle: 新しい副題\n"));
    assert_non_null(strstr(r3, "\nUpdated: "));
    assert_null(strstr(r1, "Updated"));
    assert_non_null(strstr(r1, title0));
    free(r3);
    free(r1);
    free(text);
    assert_string_equal(editor_value(&ed, sub), "新しい副題");
    assert_non_null(editor_value(&ed, fld(&ed, "Updated")));
    free(title0);

    editor_free(&ed);
    fixture_close(&fx);
}

static void test_save_conflict_unless_forced(void **state)
{
    (void)state;
    struct fixture fx;
    fixture_open(&fx, "editor-conflict");
    struct editor ed;
    start(&ed, fx.s);
    ed.stamp = fx.stamp;
    ed.have_stamp = true;
    editor_focus(&ed, fld(&ed, "Subtitle"));
    assert_true(editor_type(&ed, "mine", 4));

    /* Someone else saves the file meanwhile. */
    char *theirs = unit_slurp(fx.path, NULL);
    struct strbuf sb = STRBUF_INIT;
    strbuf_addstr(&sb, theirs);
    strbuf_addstr(&sb, "\nNo: 99\nTitle: theirs\n");
    unit_write_file(fx.path, sb.buf);

    assert_int_equal(editor_save(&ed, false), EDITOR_SAVE_CONFLICT);
    assert_true(ed.message_is_error);
    assert_true(ed.modified);
    char *now = unit_slurp(fx.path, NULL);
    assert_string_equal(now, sb.buf);   /* not written */
    free(now);

    assert_int_equal(editor_save(&ed, true), EDITOR_SAVED);
    assert_false(ed.modified);
    now = unit_slurp(fx.path, NULL);
    assert_non_null(strstr(now, "\nSubtitle: mine\n"));
    assert_null(strstr(now, "theirs"));
    free(now);

    /* Saved: the stamp is ours now, so the next save is no conflict. */
    assert_true(editor_type(&ed, "!", 1));
    assert_int_equal(editor_save(&ed, false), EDITOR_SAVED);

    strbuf_release(&sb);
    free(theirs);
    editor_free(&ed);
    fixture_close(&fx);
}

/* ---- stages ----------------------------------------------------------------------- */

static bool has_field(const struct problem_list *pl, int f)
{
    for (size_t i = 0; i < pl->n; i++)
        if (pl->v[i].field == f)
            return true;
    return false;
}

static void test_stage_done_refused_then_allowed(void **state)
{
    (void)state;
    /* The plan is complete: the mid-year review's own fields are all it needs. */
    struct sheet *s = parse_items("No: 1\nTitle: t\nPlan_Purpose: a\nPlan_Overview: b\n"
                                  "Plan_Goal: c\nPlan_Actions: d\nPlan_YearGoal: e\n"
                                  "Plan_Done: yes\n");
    struct editor ed;
    start(&ed, s);
    int prog = fld(&ed, "Mid_Progress"), outlook = fld(&ed, "Mid_Outlook");
    int mid = s->form->fields[prog].stage;

    struct problem_list why = { NULL, 0, 0 };
    assert_false(editor_toggle_done(&ed, mid, &why));
    assert_int_equal(why.n, 2);
    assert_true(has_field(&why, prog));
    assert_true(has_field(&why, outlook));
    assert_false(editor_stage_done(&ed, 0, mid));
    assert_int_equal(ed.n_undo, 0);
    assert_false(ed.modified);

    /* One of the two filled: still refused, the other listed. */
    editor_focus(&ed, prog);
    assert_true(editor_choice_pick(&ed, 0));
    problems_clear(&why);
    assert_false(editor_toggle_done(&ed, mid, &why));
    assert_int_equal(why.n, 1);
    assert_int_equal(why.v[0].field, outlook);

    editor_focus(&ed, outlook);
    assert_true(editor_choice_step(&ed, 1));
    assert_value(&ed, outlook, "likely");
    problems_clear(&why);
    assert_true(editor_toggle_done(&ed, mid, &why));
    assert_int_equal(why.n, 0);
    assert_true(editor_stage_done(&ed, 0, mid));
    assert_int_equal(ed.n_undo, 3);

    assert_true(editor_undo(&ed));
    assert_false(editor_stage_done(&ed, 0, mid));
    assert_true(editor_redo(&ed));
    assert_true(editor_stage_done(&ed, 0, mid));
    /* Toggling a complete stage makes it not complete, needing nothing. */
    assert_true(editor_toggle_done(&ed, mid, NULL));
    assert_false(editor_stage_done(&ed, 0, mid));
    assert_true(editor_undo(&ed));
    assert_true(editor_stage_done(&ed, 0, mid));

    problems_free(&why);
    editor_free(&ed);
    sheet_free(s);
}

/* Stages in order: without a complete plan the mid-year review is refused for that too. */
static void test_stage_done_needs_the_plan_first(void **state)
{
    (void)state;
    struct sheet *s = parse_items("No: 1\nTitle: t\nMid_Progress: on_track\nMid_Outlook: likely\n");
    struct editor ed;
    start(&ed, s);
    int mid = s->form->fields[fld(&ed, "Mid_Progress")].stage;
    struct problem_list why = { NULL, 0, 0 };
    assert_false(editor_toggle_done(&ed, mid, &why));
    assert_int_equal(why.n, 1);
    assert_int_equal(why.v[0].code, PROB_STAGE_ORDER);
    assert_false(editor_stage_done(&ed, 0, mid));
    problems_free(&why);
    editor_free(&ed);
    sheet_free(s);
}

/* ---- 課題と改善策 required when not achieved ----------------------------------- */

static void test_issues_required_when_not_achieved(void **state)
{
    (void)state;
    struct sheet *s = parse_items("No: 1\nTitle: t\nEnd_Results: 実績\n\nNo: 2\nTitle: u\n");
    struct editor ed;
    start(&ed, s);
    int result = fld(&ed, "End_Result"), issues = fld(&ed, "End_Issues");
    assert_int_equal(ed.total_errors, 0);
    assert_false(editor_field_required(&ed, issues));
    assert_null(editor_field_problem(&ed, issues));

    editor_focus(&ed, result);
    assert_true(editor_choice_pick(&ed, 1));
    assert_value(&ed, result, "not_achieved");
    assert_int_equal(ed.total_errors, 1);
    assert_int_equal(ed.open[0].errors, 1);
    assert_int_equal(ed.open[0].item_errors[0], 1);
    assert_true(editor_field_required(&ed, issues));
    const struct problem *p = editor_field_problem(&ed, issues);
    assert_non_null(p);
    assert_int_equal(p->code, PROB_REQUIRED_WHEN);
    assert_int_equal(p->severity, SEV_ERROR);
    assert_int_equal(editor_stage_errors(&ed, 0, s->form->fields[issues].stage), 1);

    editor_focus(&ed, issues);
    assert_true(editor_type(&ed, "改善", strlen("改善")));
    assert_int_equal(ed.total_errors, 0);
    assert_null(editor_field_problem(&ed, issues));

    /* Undo brings the problem back; achieved clears it without the text. */
    assert_true(editor_undo(&ed));
    assert_int_equal(ed.total_errors, 1);
    editor_focus(&ed, result);
    assert_true(editor_choice_pick(&ed, 0));
    assert_int_equal(ed.total_errors, 0);
    assert_false(editor_field_required(&ed, issues));

    editor_free(&ed);
    sheet_free(s);
}

/* ---- navigation ---------------------------------------------------------------------- */

static void assert_at(const struct editor *ed, size_t sh, size_t idx)
{
    assert_int_equal(ed->cur_sheet, sh);
    assert_int_equal(ed->cur, idx);
    assert_ptr_equal(editor_sheet(ed), ed->sheets[sh]);
    assert_int_equal(ed->field, form_field_index(editor_sheet(ed)->form, "No"));
}

static void test_step_across_open_sheets(void **state)
{
    (void)state;
    struct sheet *v[2] = { parse_items("No: 1\nTitle: a\n\nNo: 2\nTitle: b\n\nNo: 3\nTitle: c\n"),
                           parse_items("No: 1\nTitle: x\n\nNo: 2\nTitle: y\n") };
    struct editor ed;
    editor_init(&ed, v, 2, 40);
    ed.read_only = true;
    assert_at(&ed, 0, 0);
    assert_false(editor_step_item(&ed, -1));
    assert_at(&ed, 0, 0);

    assert_true(editor_step_item(&ed, 1));
    assert_at(&ed, 0, 1);
    assert_true(editor_step_item(&ed, 1));
    assert_at(&ed, 0, 2);
    assert_true(editor_step_item(&ed, 1));
    assert_at(&ed, 1, 0);
    assert_string_equal(editor_value(&ed, fld(&ed, "Title")), "x");
    assert_true(editor_step_item(&ed, 1));
    assert_at(&ed, 1, 1);
    assert_false(editor_step_item(&ed, 1));
    assert_at(&ed, 1, 1);

    assert_true(editor_step_item(&ed, -1));
    assert_at(&ed, 1, 0);
    assert_true(editor_step_item(&ed, -1));
    assert_at(&ed, 0, 2);
    assert_string_equal(editor_value(&ed, fld(&ed, "Title")), "c");

    editor_goto(&ed, 1, 99);     /* past the end: its last item */
    assert_at(&ed, 1, 1);
    editor_goto(&ed, 2, 0);      /* no such sheet: stays */
    assert_at(&ed, 1, 1);
    editor_goto(&ed, 0, 1);
    assert_at(&ed, 0, 1);

    /* Read-only: nothing changes. */
    editor_focus(&ed, fld(&ed, "Title"));
    assert_false(editor_type(&ed, "z", 1));
    assert_true(ed.message_is_error);
    assert_string_equal(editor_value(&ed, fld(&ed, "Title")), "b");

    editor_free(&ed);
    sheet_free(v[0]);
    sheet_free(v[1]);
}

static void test_step_skips_an_empty_sheet(void **state)
{
    (void)state;
    struct sheet *v[3] = { parse_items("No: 1\nTitle: a\n"), parse_items(""),
                           parse_items("No: 1\nTitle: x\n") };
    struct editor ed;
    editor_init(&ed, v, 3, 40);
    ed.read_only = true;
    assert_true(editor_step_item(&ed, 1));
    assert_at(&ed, 2, 0);
    assert_false(editor_step_item(&ed, 1));
    assert_true(editor_step_item(&ed, -1));
    assert_at(&ed, 0, 0);
    assert_false(editor_step_item(&ed, -1));
    editor_free(&ed);
    for (int i = 0; i < 3; i++)
        sheet_free(v[i]);
}

static void test_new_item_numbers_after_highest(void **state)
{
    (void)state;
    struct sheet *s = parse_items("No: 3\nTitle: a\n\nNo: 7\nTitle: b\n\nNo: 5\nTitle: c\n");
    struct editor ed;
    start(&ed, s);
    int title = fld(&ed, "Title");
    size_t errors0 = ed.total_errors;
    editor_new_item(&ed);
    assert_int_equal(s->n_items, 4);
    assert_int_equal(ed.cur, 3);
    assert_int_equal(item_number(s, &s->items[3]), 8);
    assert_int_equal(ed.field, title);
    assert_fe(&ed, "", 0);
    assert_true(ed.modified);
    assert_int_equal(ed.open[0].n_dirty, 1);
    /* Its title is missing until typed. */
    assert_int_equal(ed.total_errors, errors0 + 1);
    assert_true(editor_type(&ed, "新規", strlen("新規")));
    assert_value(&ed, title, "新規");
    assert_int_equal(ed.total_errors, errors0);

    editor_new_item(&ed);
    assert_int_equal(item_number(s, &s->items[4]), 9);
    assert_int_equal(ed.open[0].n_dirty, 2);
    editor_free(&ed);
    sheet_free(s);
}

/* ---- the recovery journal --------------------------------------------------------- */

static void test_change_reaches_journal_on_its_clock(void **state)
{
    (void)state;
    struct fixture fx;
    fixture_open(&fx, "editor-journal");
    struct error e;
    struct journal *j = journal_create(fx.path, &fx.stamp, 0, &e);
    if (!j)
        fail_msg("%s", e.msg);
    struct editor ed;
    start(&ed, fx.s);
    ed.journal = j;
    int title = fld(&ed, "Title");

    editor_goto_item(&ed, 2);
    char *title0 = xstrdup(editor_value(&ed, title));
    editor_focus(&ed, title);
    assert_true(editor_type(&ed, "改", strlen("改")));
    fake_now += 100;
    assert_true(editor_type(&ed, "定", strlen("定")));
    assert_true(journal_pending(j) >= 1);
    char *want = xstrdup(editor_value(&ed, title));
    assert_non_null(strstr(want, "改定"));

    /* Buffered: not on disk until JOURNAL_SYNC_MS after the first look. */
    assert_int_equal(journal_maybe_sync(j, fake_clock(), &e), 0);
    assert_int_not_equal(access(journal_path(j), F_OK), 0);
    fake_now += JOURNAL_SYNC_MS - 1;
    assert_int_equal(journal_maybe_sync(j, fake_clock(), &e), 0);
    assert_int_not_equal(access(journal_path(j), F_OK), 0);
    fake_now += 1;
    assert_int_equal(journal_maybe_sync(j, fake_clock(), &e), 1);
    assert_int_equal(journal_pending(j), 0);

    struct journal_log log;
    assert_int_equal(journal_read(journal_path(j), &log, &e), 0);
    assert_int_equal(log.n_changes, 1);
    assert_int_equal(log.changes[0].op, JOURNAL_SET);
    assert_int_equal(log.changes[0].item, 2);
    assert_int_equal(log.changes[0].number, 3);
    assert_string_equal(log.changes[0].key, "Title");
    assert_string_equal(log.changes[0].value, want);
    assert_int_equal(log.bad_offset, -1);
    journal_log_free(&log);

    /* An undo is a change too. */
    assert_true(editor_undo(&ed));
    assert_int_equal(journal_pending(j), 1);
    assert_int_equal(journal_sync(j, &e), 0);
    assert_int_equal(journal_read(journal_path(j), &log, &e), 0);
    assert_int_equal(log.n_changes, 2);
    assert_string_equal(log.changes[1].key, "Title");
    assert_string_equal(log.changes[1].value, title0);
    journal_log_free(&log);

    /* Saved: the journal is gone (its changes are in the file). */
    ed.stamp = fx.stamp;
    ed.have_stamp = true;
    editor_focus(&ed, fld(&ed, "Subtitle"));
    assert_true(editor_type(&ed, "s", 1));
    assert_int_equal(editor_save(&ed, false), EDITOR_SAVED);
    assert_false(ed.message_is_error);
    assert_int_not_equal(access(journal_path(j), F_OK), 0);

    free(title0);
    free(want);
    editor_free(&ed);
    journal_close(j);
    fixture_close(&fx);
}

/* Typing right after an undo is a new step: one undo takes back only it. */
static void test_typing_after_undo_is_a_new_step(void **state)
{
    (void)state;
    struct sheet *s = parse_items("No: 1\nTitle: t\n");
    struct editor ed;
    start(&ed, s);
    int sub = fld(&ed, "Subtitle");
    editor_focus(&ed, sub);
    assert_true(editor_type(&ed, "ab", 2));
    fake_now += 100;
    assert_true(editor_backspace(&ed));
    fake_now += 100;
    assert_true(editor_undo(&ed));
    assert_fe(&ed, "ab", 2);
    fake_now += 100;
    assert_true(editor_type(&ed, "c", 1));
    assert_value(&ed, sub, "abc");
    assert_true(editor_undo(&ed));
    assert_value(&ed, sub, "ab");
    editor_free(&ed);
    sheet_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typing_after_undo_is_a_new_step),
        cmocka_unit_test(test_undo_redo_across_fields),
        cmocka_unit_test(test_typing_100ms_apart_is_one_step),
        cmocka_unit_test(test_typing_2s_apart_is_two_steps),
        cmocka_unit_test(test_typing_after_refocus_is_a_new_step),
        cmocka_unit_test(test_unsaved_by_content_and_save),
        cmocka_unit_test(test_save_conflict_unless_forced),
        cmocka_unit_test(test_stage_done_refused_then_allowed),
        cmocka_unit_test(test_stage_done_needs_the_plan_first),
        cmocka_unit_test(test_issues_required_when_not_achieved),
        cmocka_unit_test(test_step_across_open_sheets),
        cmocka_unit_test(test_step_skips_an_empty_sheet),
        cmocka_unit_test(test_new_item_numbers_after_highest),
        cmocka_unit_test(test_change_reaches_journal_on_its_clock),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
