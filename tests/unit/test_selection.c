/*
 * test_selection.c - selecting text and the clipboard: the selection of
 * fieldedit (Shift+moves, the mark key, typing and deleting over it, undo
 * selecting it again), the clipboard's OSC 52 sequence (base64, never a
 * raw byte of the text, off for dumb terminals and NO_OSC52), and the
 * editor's cut, copy and paste across fields and items (cleaned, one undo
 * step each, into one-line, number and choice fields).
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "clipboard.h"
#include "editor.h"
#include "fieldedit.h"
#include "sheet.h"

#define KA_DAKUTEN "\xe3\x81\x8b\xe3\x82\x99"          /* か + U+3099: one character */

static long long fake_now;

static long long fake_clock(void)
{
    return fake_now;
}

static void open_field(struct fieldedit *fe, const char *text, bool single)
{
    fieldedit_init(fe, text, strlen(text), 40, single);
}

/* The text has no NUL of its own here: compare it as a string. */
#define assert_text(fe, want) assert_string_equal(fieldedit_text(fe, NULL), want)

static void assert_selected(const struct fieldedit *fe, size_t start, size_t end)
{
    size_t a, b;
    assert_true(fieldedit_selection(fe, &a, &b));
    assert_int_equal(a, start);
    assert_int_equal(b, end);
}

/* ---- the selection in one field ---------------------------------------------------- */

static void test_shift_moves_select_by_cluster(void **state)
{
    struct fieldedit fe;
    (void)state;
    open_field(&fe, "ab" KA_DAKUTEN "c", false);
    assert_false(fieldedit_selection(&fe, NULL, NULL));
    assert_true(fieldedit_extend(&fe, fieldedit_left));
    assert_true(fieldedit_extend(&fe, fieldedit_left));     /* か and its mark together */
    assert_selected(&fe, 2, strlen("ab" KA_DAKUTEN "c"));
    assert_false(fieldedit_mark_set(&fe));                  /* by Shift, not by the mark */
    assert_true(fieldedit_extend(&fe, fieldedit_right));    /* back: the selection shrinks */
    assert_selected(&fe, 2 + strlen(KA_DAKUTEN), strlen("ab" KA_DAKUTEN "c"));
    assert_true(fieldedit_left(&fe));                        /* a plain move ends it */
    assert_false(fieldedit_selection(&fe, NULL, NULL));
    assert_false(fieldedit_selecting(&fe));
    fieldedit_free(&fe);
}

static void test_typing_replaces_and_undo_selects_again(void **state)
{
    struct fieldedit fe;
    (void)state;
    open_field(&fe, "abcdef", true);
    fieldedit_set_caret(&fe, 1);
    fieldedit_extend(&fe, fieldedit_right);
    fieldedit_extend(&fe, fieldedit_right);
    fieldedit_extend(&fe, fieldedit_right);                  /* "bcd" */
    assert_true(fieldedit_type(&fe, "X", 1));
    assert_text(&fe, "aXef");
    assert_int_equal(fieldedit_caret(&fe), 2);
    assert_false(fieldedit_selection(&fe, NULL, NULL));     /* an edit ends the selection */
    assert_true(fieldedit_undo(&fe));
    assert_text(&fe, "abcdef");
    assert_selected(&fe, 1, 4);
    assert_int_equal(fieldedit_caret(&fe), 4);
    assert_true(fieldedit_redo(&fe));
    assert_text(&fe, "aXef");
    assert_false(fieldedit_selection(&fe, NULL, NULL));
    fieldedit_free(&fe);
}

static void test_backspace_and_delete_remove_the_selection(void **state)
{
    struct fieldedit fe;
    (void)state;
    open_field(&fe, "one two three", false);
    fieldedit_set_caret(&fe, 4);
    for (int i = 0; i < 3; i++)
        fieldedit_extend(&fe, fieldedit_right);             /* "two" */
    assert_true(fieldedit_backspace(&fe));
    assert_text(&fe, "one  three");
    assert_int_equal(fieldedit_caret(&fe), 4);
    assert_true(fieldedit_backspace(&fe));                   /* a plain Backspace again */
    assert_text(&fe, "one three");
    assert_true(fieldedit_undo(&fe));                        /* not joined with the selection's */
    assert_text(&fe, "one  three");
    assert_true(fieldedit_undo(&fe));
    assert_text(&fe, "one two three");
    assert_selected(&fe, 4, 7);
    fieldedit_text_home(&fe);
    fieldedit_extend(&fe, fieldedit_text_end);
    assert_true(fieldedit_delete(&fe));
    assert_text(&fe, "");
    fieldedit_free(&fe);
}

static void test_mark_key_moves_extend(void **state)
{
    struct fieldedit fe;
    (void)state;
    open_field(&fe, "line one\nline two", false);
    fieldedit_text_home(&fe);
    fieldedit_mark(&fe);
    assert_true(fieldedit_selecting(&fe));
    assert_true(fieldedit_mark_set(&fe));
    assert_false(fieldedit_selection(&fe, NULL, NULL));     /* set, nothing selected yet */
    fieldedit_down(&fe);                                     /* plain moves extend it */
    fieldedit_right(&fe);
    assert_selected(&fe, 0, strlen("line one\nl"));
    fieldedit_mark(&fe);                                     /* again: cleared */
    assert_false(fieldedit_selection(&fe, NULL, NULL));
    fieldedit_mark(&fe);
    fieldedit_left(&fe);
    assert_selected(&fe, strlen("line one\n"), strlen("line one\nl"));
    assert_true(fieldedit_paste(&fe, "L\r\nX", 4));          /* a paste replaces it, cleaned */
    assert_text(&fe, "line one\nL\nXine two");
    fieldedit_free(&fe);
}

/* ---- the clipboard and OSC 52 -------------------------------------------------------- */

static void assert_base64(const char *in, const char *want)
{
    struct strbuf out = STRBUF_INIT;
    base64_encode(in, strlen(in), &out);
    assert_string_equal(strbuf_cstr(&out), want);
    strbuf_release(&out);
}

static void test_base64(void **state)
{
    (void)state;
    assert_base64("", "");                              /* RFC 4648's vectors */
    assert_base64("f", "Zg==");
    assert_base64("fo", "Zm8=");
    assert_base64("foo", "Zm9v");
    assert_base64("foob", "Zm9vYg==");
    assert_base64("foobar", "Zm9vYmFy");
    assert_base64("\xff\xfe\x00", "//4=");
    assert_base64("あ", "44GC");
}

static void test_osc52_sequence(void **state)
{
    (void)state;
    struct strbuf out = STRBUF_INIT;
    const char text[] = "a\033]52;c;?\a\x9b" "b";
    assert_true(clipboard_osc52(text, sizeof(text) - 1, &out));
    assert_true(out.len > 8);
    assert_memory_equal(out.buf, "\033]52;c;", 7);
    assert_int_equal(out.buf[out.len - 1], '\a');
    for (size_t i = 7; i + 1 < out.len; i++)            /* nothing of the text goes raw */
        assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=",
                               out.buf[i]));
    strbuf_reset(&out);
    char *big = xmalloc(CLIPBOARD_OSC52_MAX);
    memset(big, 'x', CLIPBOARD_OSC52_MAX);
    assert_false(clipboard_osc52(big, CLIPBOARD_OSC52_MAX, &out));
    assert_int_equal(out.len, 0);
    free(big);
    strbuf_release(&out);
}

static void test_osc52_wanted(void **state)
{
    (void)state;
    assert_true(clipboard_osc52_wanted("xterm-256color", NULL));
    assert_true(clipboard_osc52_wanted("tmux-256color", ""));
    assert_false(clipboard_osc52_wanted("dumb", NULL));
    assert_false(clipboard_osc52_wanted("linux", NULL));
    assert_false(clipboard_osc52_wanted(NULL, NULL));
    assert_false(clipboard_osc52_wanted("", NULL));
    assert_false(clipboard_osc52_wanted("xterm", "1"));
}

/* ---- the editor: cut, copy and paste across fields and items --------------------------- */

static const char *SHEET =
    "%rec: Sheet\n\nForm: kaikaku-2.0\nWard: 大正区\nFiscalYear: 2017\n\n%rec: Initiative\n\n"
    "No: 1\nTitle: 窓口サービスの改善\nSubtitle: 待ち時間を短く\n\n"
    "No: 2\nTitle: 防災訓練\n";

static int fld(const struct editor *ed, const char *key)
{
    int f = form_field_index(editor_sheet(ed)->form, key);
    if (f < 0)
        fail_msg("no field %s in the form", key);
    return f;
}

/* The editor tests' fixture: an editor on SHEET (cmocka's setup and teardown). */
struct session {
    struct editor ed;
    struct sheet *s;
};

static int start(void **state)
{
    struct session *se = xcalloc(1, sizeof(*se));
    se->s = unit_parse_sheet(SHEET);
    editor_init(&se->ed, &se->s, 1, 40);
    se->ed.clock_ms = fake_clock;
    fake_now = 1000000;
    *state = se;
    return 0;
}

static int stop(void **state)
{
    struct session *se = *state;
    editor_free(&se->ed);
    sheet_free(se->s);
    free(se);
    return 0;
}

static void assert_value(const struct editor *ed, size_t item, const char *key, const char *want)
{
    const char *v = item_get(editor_sheet(ed), &editor_sheet(ed)->items[item], fld(ed, key));
    if (!want) {
        assert_true(!v || !*v);
        return;
    }
    assert_non_null(v);
    assert_string_equal(v, want);
}

/* Focus field key of item idx with [start, end) of it selected. */
static void select_in(struct editor *ed, size_t idx, const char *key, size_t start, size_t end)
{
    editor_goto_item(ed, idx);
    editor_focus(ed, fld(ed, key));
    fieldedit_select(&ed->fe, start, end);
}

static void test_cut_paste_across_items_undo(void **state)
{
    struct editor *ed = &((struct session *)*state)->ed;
    select_in(ed, 0, "Subtitle", strlen("待ち時間"), strlen("待ち時間を短く"));
    assert_true(editor_cut(ed));
    assert_value(ed, 0, "Subtitle", "待ち時間");
    assert_non_null(strstr(ed->message, "3"));              /* "cut 3 characters" */
    size_t n;
    assert_string_equal(clipboard_text(&ed->clip, &n), "を短く");
    select_in(ed, 1, "Title", strlen("防災"), strlen("防災"));
    fieldedit_unselect(&ed->fe);
    assert_true(editor_paste_clipboard(ed));
    assert_value(ed, 1, "Title", "防災を短く訓練");
    assert_true(editor_paste_clipboard(ed));               /* the clipboard stays */
    assert_value(ed, 1, "Title", "防災を短くを短く訓練");
    assert_true(editor_undo(ed));
    assert_true(editor_undo(ed));
    assert_value(ed, 1, "Title", "防災訓練");
    assert_true(editor_undo(ed));                           /* the cut: text back, selected */
    assert_int_equal(ed->cur, 0);
    assert_value(ed, 0, "Subtitle", "待ち時間を短く");
    size_t a, b;
    assert_true(fieldedit_selection(&ed->fe, &a, &b));
    assert_int_equal(a, strlen("待ち時間"));
    assert_int_equal(b, strlen("待ち時間を短く"));
}

static void test_copy_needs_a_selection(void **state)
{
    struct editor *ed = &((struct session *)*state)->ed;
    editor_focus(ed, fld(ed, "Title"));
    assert_false(editor_copy(ed));
    assert_true(ed->message[0] != '\0');                      /* says how to select */
    assert_false(editor_paste_clipboard(ed));               /* nothing copied yet */
    assert_value(ed, 0, "Title", "窓口サービスの改善");
    fieldedit_select(&ed->fe, 0, strlen("窓口"));
    assert_true(editor_copy(ed));
    assert_value(ed, 0, "Title", "窓口サービスの改善");      /* copy changes nothing */
    assert_true(editor_paste_clipboard(ed));                /* in place of the selection */
    assert_value(ed, 0, "Title", "窓口サービスの改善");
    assert_false(ed->modified);
}

static void test_paste_cleans_and_fits_the_field(void **state)
{
    struct editor *ed = &((struct session *)*state)->ed;
    clipboard_set(&ed->clip, "行1\r\n行2\033[31m\a", strlen("行1\r\n行2\033[31m\a"));
    select_in(ed, 1, "Subtitle", 0, 0);
    assert_true(editor_paste_clipboard(ed));                /* one line: a blank, no controls */
    assert_value(ed, 1, "Subtitle", "行1 行2");
    select_in(ed, 1, "Plan_Goal", 0, 0);
    assert_true(editor_paste_clipboard(ed));                /* text keeps the line break */
    assert_value(ed, 1, "Plan_Goal", "行1\n行2");
    clipboard_set(&ed->clip, "１２", strlen("１２"));
    select_in(ed, 1, "No", 0, 1);
    assert_true(editor_paste_clipboard(ed));                /* a number field: ASCII digits */
    assert_value(ed, 1, "No", "12");
}

static void test_choice_copy_and_paste(void **state)
{
    struct editor *ed = &((struct session *)*state)->ed;
    editor_focus(ed, fld(ed, "Mid_Outlook"));
    assert_false(editor_copy(ed));                          /* nothing chosen */
    assert_true(editor_choice_pick(ed, 1));
    assert_true(editor_copy(ed));
    size_t n;
    assert_string_equal(clipboard_text(&ed->clip, &n), "達成できない見込み");
    editor_goto_item(ed, 1);
    editor_focus(ed, fld(ed, "Mid_Outlook"));
    assert_true(editor_paste_clipboard(ed));                /* by its label */
    assert_value(ed, 1, "Mid_Outlook", "unlikely");
    clipboard_set(&ed->clip, " likely\n", 8);                 /* by its key, blanks around */
    assert_true(editor_paste_clipboard(ed));
    assert_value(ed, 1, "Mid_Outlook", "likely");
    clipboard_set(&ed->clip, "たぶん", strlen("たぶん"));
    assert_false(editor_paste_clipboard(ed));               /* none of its options: says so */
    assert_true(ed->message_is_error);
    assert_value(ed, 1, "Mid_Outlook", "likely");
    assert_true(editor_cut(ed));                            /* cut: copied and cleared */
    assert_value(ed, 1, "Mid_Outlook", NULL);
    assert_string_equal(clipboard_text(&ed->clip, &n), "達成見込み");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shift_moves_select_by_cluster),
        cmocka_unit_test(test_typing_replaces_and_undo_selects_again),
        cmocka_unit_test(test_backspace_and_delete_remove_the_selection),
        cmocka_unit_test(test_mark_key_moves_extend),
        cmocka_unit_test(test_base64),
        cmocka_unit_test(test_osc52_sequence),
        cmocka_unit_test(test_osc52_wanted),
        cmocka_unit_test_setup_teardown(test_cut_paste_across_items_undo, start, stop),
        cmocka_unit_test_setup_teardown(test_copy_needs_a_selection, start, stop),
        cmocka_unit_test_setup_teardown(test_paste_cleans_and_fits_the_field, start, stop),
        cmocka_unit_test_setup_teardown(test_choice_copy_and_paste, start, stop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
