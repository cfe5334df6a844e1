/*
 * test_fieldedit.c - editing a field: clusters removed whole, caret moves
 * by cluster and by display row with a goal column, undo/redo restoring
 * text and caret exactly (also over random edit sequences), undo grouping,
 * the history bound, paste sanitizing and the character counter.
 */
#include "unit.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "fieldedit.h"
#include "utf8.h"
#include "util.h"

#define KA_DAKUTEN "\xe3\x81\x8b\xe3\x82\x99"          /* か + U+3099 */
#define KUZU_IVS "\xe8\x91\x9b\xf3\xa0\x84\x80"        /* 葛 + U+E0100 */
#define FAMILY "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7"

/* A clock the tests move by hand. */
static long long fake_now;

static long long fake_clock(void)
{
    return fake_now;
}

static void open_field(struct fieldedit *fe, const char *text, int width, bool single)
{
    fieldedit_init(fe, text, strlen(text), width, single);
    fe->clock_ms = fake_clock;
    fake_now = 1000000;
}

static void assert_text(const struct fieldedit *fe, const char *want)
{
    size_t len;
    const char *got = fieldedit_text(fe, &len);
    assert_int_equal(len, strlen(want));
    assert_memory_equal(got, want, len);
}

#define TYPE(fe, s) fieldedit_type(fe, s, strlen(s))
#define PASTE(fe, s) fieldedit_paste(fe, s, strlen(s))

/* ---- clusters ----------------------------------------------------------- */

static void test_backspace_delete_clusters(void **state)
{
    struct fieldedit fe;
    (void)state;
    open_field(&fe, "a" KA_DAKUTEN KUZU_IVS FAMILY "b", 20, false);
    assert_int_equal(fieldedit_caret(&fe), strlen("a" KA_DAKUTEN KUZU_IVS FAMILY "b"));
    assert_true(fieldedit_backspace(&fe));
    assert_text(&fe, "a" KA_DAKUTEN KUZU_IVS FAMILY);
    assert_true(fieldedit_backspace(&fe));              /* the whole ZWJ sequence */
    assert_text(&fe, "a" KA_DAKUTEN KUZU_IVS);
    assert_true(fieldedit_backspace(&fe));              /* 葛 with its selector */
    assert_text(&fe, "a" KA_DAKUTEN);
    assert_true(fieldedit_backspace(&fe));              /* か with its mark */
    assert_text(&fe, "a");
    fieldedit_free(&fe);

    open_field(&fe, KA_DAKUTEN KUZU_IVS "x", 20, false);
    assert_true(fieldedit_text_home(&fe));
    assert_false(fieldedit_backspace(&fe));             /* nothing before */
    assert_true(fieldedit_delete(&fe));
    assert_text(&fe, KUZU_IVS "x");
    assert_true(fieldedit_delete(&fe));
    assert_text(&fe, "x");
    assert_int_equal(fieldedit_caret(&fe), 0);
    assert_true(fieldedit_text_end(&fe));
    assert_false(fieldedit_delete(&fe));                /* nothing after */
    fieldedit_free(&fe);
}

static void test_caret_never_inside_cluster(void **state)
{
    struct fieldedit fe;
    (void)state;
    /* The mark typed after its base joins it; the caret stays after both. */
    open_field(&fe, "", 20, false);
    TYPE(&fe, "\xe3\x81\x8b");
    TYPE(&fe, "\xe3\x82\x99");
    assert_text(&fe, KA_DAKUTEN);
    assert_int_equal(fieldedit_caret(&fe), 6);
    assert_true(fieldedit_left(&fe));
    assert_int_equal(fieldedit_caret(&fe), 0);
    assert_true(fieldedit_right(&fe));
    assert_int_equal(fieldedit_caret(&fe), 6);
    fieldedit_free(&fe);

    /* Typing a base before a lone mark (from a file): the caret moves past both. */
    open_field(&fe, "\xe3\x82\x99z", 20, false);
    fieldedit_text_home(&fe);
    TYPE(&fe, "\xe3\x81\x8b");
    assert_text(&fe, KA_DAKUTEN "z");
    assert_int_equal(fieldedit_caret(&fe), 6);
    fieldedit_free(&fe);

    /* Deleting a newline glues a mark to the previous base. */
    open_field(&fe, "a\n\xcc\x81" "b", 20, false);
    fieldedit_text_home(&fe);
    fieldedit_right(&fe);
    assert_true(fieldedit_delete(&fe));
    assert_text(&fe, "a\xcc\x81" "b");
    assert_int_equal(fieldedit_caret(&fe), 3);
    fieldedit_free(&fe);
}

static void test_left_right(void **state)
{
    struct fieldedit fe;
    size_t want[] = { 0, 1, 7, 14, 32, 33, 34 };
    (void)state;
    open_field(&fe, "a" KA_DAKUTEN KUZU_IVS FAMILY "\n\xff", 20, false);
    fieldedit_text_home(&fe);
    for (size_t i = 1; i < ARRAY_LEN(want); i++) {
        assert_true(fieldedit_right(&fe));
        assert_int_equal(fieldedit_caret(&fe), want[i]);
    }
    assert_false(fieldedit_right(&fe));
    for (size_t i = ARRAY_LEN(want) - 1; i-- > 0;) {
        assert_true(fieldedit_left(&fe));
        assert_int_equal(fieldedit_caret(&fe), want[i]);
    }
    assert_false(fieldedit_left(&fe));
    fieldedit_free(&fe);
}

/* ---- rows: Home/End, Up/Down, clicks ------------------------------------ */

static void test_home_end(void **state)
{
    struct fieldedit fe;
    (void)state;
    /* width 6: "あいう" | "えお\n" | "ab" */
    open_field(&fe, "あいうえお\nab", 7, false);
    assert_int_equal(fieldedit_layout(&fe)->nrows, 3);
    fieldedit_text_home(&fe);
    assert_true(fieldedit_end(&fe));                    /* soft row: after its last cluster */
    assert_int_equal(fieldedit_caret(&fe), 9);
    assert_int_equal(fieldedit_caret_pos(&fe).row, 0);
    assert_int_equal(fieldedit_caret_pos(&fe).col, 6);
    assert_false(fieldedit_end(&fe));
    fieldedit_right(&fe);                               /* start of row 1 */
    assert_int_equal(fieldedit_caret_pos(&fe).row, 1);
    assert_true(fieldedit_end(&fe));                    /* hard row: before '\n' */
    assert_int_equal(fieldedit_caret(&fe), 15);
    assert_true(fieldedit_home(&fe));
    assert_int_equal(fieldedit_caret(&fe), 9);
    assert_true(fieldedit_text_end(&fe));
    assert_int_equal(fieldedit_caret(&fe), 18);
    assert_true(fieldedit_home(&fe));
    assert_int_equal(fieldedit_caret(&fe), 16);
    assert_true(fieldedit_end(&fe));                    /* last row: end of text */
    assert_int_equal(fieldedit_caret(&fe), 18);
    assert_true(fieldedit_text_home(&fe));
    assert_int_equal(fieldedit_caret(&fe), 0);
    fieldedit_free(&fe);
}

/*
 * Issue 14: a line that fills the field exactly is followed by no empty
 * row (the caret after it shows in the cell beside the row), so Backspace
 * never acts on a line the clerk does not see; End on a wrapped row and
 * Down onto a shorter wrapped row land after its last character, shown
 * on that row, and typing or Backspace there act right there.
 */
static void test_full_rows_and_row_ends(void **state)
{
    struct fieldedit fe;
    struct layout_pos p;
    (void)state;
    /* width 6: "あいう\n" fills its row exactly | "えお" */
    open_field(&fe, "あいう\nえお", 6, false);
    assert_int_equal(fieldedit_layout(&fe)->nrows, 2);
    fieldedit_text_home(&fe);
    assert_true(fieldedit_end(&fe));
    assert_int_equal(fieldedit_caret(&fe), 9);          /* before the '\n' */
    p = fieldedit_caret_pos(&fe);
    assert_int_equal(p.row, 0);
    assert_int_equal(p.col, 6);                         /* beside the full row */
    assert_true(fieldedit_down(&fe));
    assert_int_equal(fieldedit_caret_pos(&fe).row, 1);
    assert_false(fieldedit_down(&fe));                  /* no row after it */
    assert_true(fieldedit_up(&fe));                     /* goal column 6: beside the row again */
    assert_int_equal(fieldedit_caret(&fe), 9);
    assert_true(fieldedit_backspace(&fe));              /* う, the character the caret follows */
    assert_text(&fe, "あい\nえお");
    fieldedit_free(&fe);

    /* The end of a text that fills its last row: no empty row either. */
    open_field(&fe, "あいう", 6, false);
    assert_int_equal(fieldedit_layout(&fe)->nrows, 1);
    p = fieldedit_caret_pos(&fe);
    assert_int_equal(p.row, 0);
    assert_int_equal(p.col, 6);
    assert_true(fieldedit_type(&fe, "え", strlen("え")));     /* wraps: after え on row 1 */
    p = fieldedit_caret_pos(&fe);
    assert_int_equal(p.row, 1);
    assert_int_equal(p.col, 2);
    fieldedit_free(&fe);

    /* width 7, wrapped: "あいう" (6) | "えおかき" (7, soft) | "く" */
    open_field(&fe, "あいうえおかきく", 7, false);
    assert_int_equal(fieldedit_layout(&fe)->nrows, 3);
    fieldedit_text_home(&fe);
    assert_true(fieldedit_end(&fe));                    /* after う, on row 0 */
    assert_int_equal(fieldedit_caret(&fe), 9);
    p = fieldedit_caret_pos(&fe);
    assert_int_equal(p.row, 0);
    assert_int_equal(p.col, 6);
    assert_true(fieldedit_type(&fe, "x", 1));           /* typed after う */
    assert_text(&fe, "あいうxえおかきく");
    assert_true(fieldedit_backspace(&fe));
    fieldedit_text_home(&fe);
    assert_true(fieldedit_end(&fe));
    assert_true(fieldedit_backspace(&fe));              /* う, not え */
    assert_text(&fe, "あいえおかきく");
    fieldedit_free(&fe);

    /* Down onto a shorter wrapped row: after its last character. */
    open_field(&fe, "あいうえおかきくけ", 7, false);    /* "あいう" | "えおか" | "きくけ" */
    fieldedit_text_home(&fe);
    assert_true(fieldedit_end(&fe));
    assert_true(fieldedit_down(&fe));
    assert_int_equal(fieldedit_caret(&fe), 18);         /* after か */
    p = fieldedit_caret_pos(&fe);
    assert_int_equal(p.row, 1);
    assert_int_equal(p.col, 6);
    assert_true(fieldedit_backspace(&fe));              /* か */
    assert_text(&fe, "あいうえおきくけ");
    fieldedit_free(&fe);

    /* A click right of a wrapped row: after its last character too. */
    open_field(&fe, "あいうえおかき", 7, false);
    assert_true(fieldedit_click(&fe, 0, 40));
    p = fieldedit_caret_pos(&fe);
    assert_int_equal(p.row, 0);
    assert_int_equal(p.col, 6);
    fieldedit_free(&fe);
}

static void test_up_down_goal_column(void **state)
{
    struct fieldedit fe;
    struct layout_pos p;
    (void)state;
    /* width 12: rows "abcdefghij\n" (10) | "xy\n" (2) | "あいうえお" (10) */
    open_field(&fe, "abcdefghij\nxy\nあいうえお", 12, false);
    fieldedit_text_home(&fe);
    for (int i = 0; i < 7; i++)
        fieldedit_right(&fe);                           /* column 7 */
    assert_true(fieldedit_down(&fe));                   /* short row: clamps to its end */
    p = fieldedit_caret_pos(&fe);
    assert_int_equal(p.row, 1);
    assert_int_equal(p.col, 2);
    assert_true(fieldedit_down(&fe));                   /* goal 7: before え (cols 6-7) */
    p = fieldedit_caret_pos(&fe);
    assert_int_equal(p.row, 2);
    assert_int_equal(p.col, 6);
    assert_false(fieldedit_down(&fe));                  /* last row */
    assert_true(fieldedit_up(&fe));
    assert_true(fieldedit_up(&fe));                     /* goal kept through both rows */
    p = fieldedit_caret_pos(&fe);
    assert_int_equal(p.row, 0);
    assert_int_equal(p.col, 7);
    assert_false(fieldedit_up(&fe));
    /* Any other move forgets the goal. */
    fieldedit_left(&fe);                                /* column 6 */
    fieldedit_down(&fe);
    fieldedit_down(&fe);
    assert_int_equal(fieldedit_caret_pos(&fe).col, 6);
    fieldedit_free(&fe);

    /* Soft rows of different widths, width 7: "あいうｱ" (7) | "ｲｳｴｵｶｷ" (6) */
    open_field(&fe, "あいうｱｲｳｴｵｶｷ", 7, false);
    assert_int_equal(fieldedit_layout(&fe)->nrows, 2);
    fieldedit_text_end(&fe);                            /* row 1, column 6 */
    assert_true(fieldedit_up(&fe));
    assert_int_equal(fieldedit_caret(&fe), 9);          /* before ｱ, column 6 */
    assert_true(fieldedit_down(&fe));
    assert_int_equal(fieldedit_caret(&fe), 30);
    fieldedit_home(&fe);
    for (int i = 0; i < 3; i++)
        fieldedit_right(&fe);                           /* column 3 */
    assert_int_equal(fieldedit_caret(&fe), 21);
    assert_true(fieldedit_up(&fe));                     /* right half of い: before it */
    assert_int_equal(fieldedit_caret(&fe), 3);
    assert_int_equal(fieldedit_caret_pos(&fe).col, 2);
    assert_true(fieldedit_down(&fe));                   /* the goal brings column 3 back */
    assert_int_equal(fieldedit_caret(&fe), 21);
    fieldedit_free(&fe);
}

static void test_click(void **state)
{
    struct fieldedit fe;
    (void)state;
    open_field(&fe, "あいう\nabc", 10, false);
    assert_true(fieldedit_click(&fe, 0, 3));            /* right half of い */
    assert_int_equal(fieldedit_caret(&fe), 3);
    assert_true(fieldedit_click(&fe, 0, 40));           /* past the end: before '\n' */
    assert_int_equal(fieldedit_caret(&fe), 9);
    assert_true(fieldedit_click(&fe, 9, 1));            /* past the last row */
    assert_int_equal(fieldedit_caret(&fe), 11);
    fieldedit_free(&fe);
}

static void test_resize_keeps_caret(void **state)
{
    struct fieldedit fe;
    (void)state;
    open_field(&fe, "あいうえおかきくけこ", 40, false);
    fieldedit_text_home(&fe);
    for (int i = 0; i < 7; i++)
        fieldedit_right(&fe);
    fieldedit_set_width(&fe, 6);
    assert_int_equal(fieldedit_caret(&fe), 21);
    struct layout_pos p = fieldedit_caret_pos(&fe);
    assert_int_equal(p.row, 2);
    assert_int_equal(p.col, 2);
    fieldedit_free(&fe);
}

/* ---- undo / redo -------------------------------------------------------- */

struct snap {
    char *text;
    size_t len;
    size_t caret;
};

static struct snap take(const struct fieldedit *fe)
{
    struct snap s;
    const char *t = fieldedit_text(fe, &s.len);
    s.text = xstrndup(t, s.len);
    s.caret = fieldedit_caret(fe);
    return s;
}

static void assert_snap(const struct fieldedit *fe, const struct snap *s)
{
    size_t len;
    const char *t = fieldedit_text(fe, &len);
    assert_int_equal(len, s->len);
    assert_memory_equal(t, s->text, len);
    assert_int_equal(fieldedit_caret(fe), s->caret);
}

static void test_undo_redo_basic(void **state)
{
    struct fieldedit fe;
    (void)state;
    open_field(&fe, "", 10, false);
    TYPE(&fe, "あい");
    fake_now += 5000;                                   /* a pause ends the group */
    TYPE(&fe, "う");
    fieldedit_left(&fe);
    fieldedit_left(&fe);
    assert_true(fieldedit_backspace(&fe));
    assert_text(&fe, "いう");
    assert_int_equal(fieldedit_caret(&fe), 0);

    assert_true(fieldedit_undo(&fe));                   /* caret back where Backspace was */
    assert_text(&fe, "あいう");
    assert_int_equal(fieldedit_caret(&fe), 3);
    assert_true(fieldedit_undo(&fe));
    assert_text(&fe, "あい");
    assert_int_equal(fieldedit_caret(&fe), 6);
    assert_true(fieldedit_undo(&fe));
    assert_text(&fe, "");
    assert_int_equal(fieldedit_caret(&fe), 0);
    assert_false(fieldedit_undo(&fe));

    assert_true(fieldedit_redo(&fe));
    assert_text(&fe, "あい");
    assert_int_equal(fieldedit_caret(&fe), 6);
    assert_true(fieldedit_redo(&fe));
    assert_true(fieldedit_redo(&fe));
    assert_text(&fe, "いう");
    assert_int_equal(fieldedit_caret(&fe), 0);
    assert_false(fieldedit_redo(&fe));

    /* A new edit after undo drops the redo steps. */
    assert_true(fieldedit_undo(&fe));
    TYPE(&fe, "x");
    assert_false(fieldedit_redo(&fe));
    assert_text(&fe, "あxいう");
    fieldedit_free(&fe);
}

static size_t undo_depth(struct fieldedit *fe)
{
    size_t n = 0;
    while (fieldedit_undo(fe))
        n++;
    while (fieldedit_redo(fe))
        ;
    return n;
}

static void test_undo_grouping(void **state)
{
    struct fieldedit fe;
    (void)state;
    open_field(&fe, "", 10, false);
    TYPE(&fe, "山");
    TYPE(&fe, "田");
    TYPE(&fe, "太郎");
    assert_int_equal(fe.undo.n, 1);               /* typed together: one step */
    fake_now += FIELDEDIT_GROUP_PAUSE_MS;
    TYPE(&fe, "さん");
    assert_int_equal(fe.undo.n, 2);               /* after a pause: new step */
    fieldedit_left(&fe);
    fieldedit_right(&fe);
    TYPE(&fe, "x");
    assert_int_equal(fe.undo.n, 3);               /* after a caret move: new step */
    TYPE(&fe, "\n");
    TYPE(&fe, "y");
    assert_int_equal(fe.undo.n, 4);               /* a newline ends its group */
    PASTE(&fe, "p");
    PASTE(&fe, "q");
    TYPE(&fe, "z");
    assert_int_equal(fe.undo.n, 7);               /* pastes: one step each */
    fieldedit_backspace(&fe);
    fieldedit_backspace(&fe);
    fieldedit_backspace(&fe);
    assert_int_equal(fe.undo.n, 8);               /* Backspaces group */
    assert_text(&fe, "山田太郎さんx\ny");
    fieldedit_text_home(&fe);
    fieldedit_delete(&fe);
    fieldedit_delete(&fe);
    assert_int_equal(fe.undo.n, 9);               /* Deletes group */
    fieldedit_backspace(&fe);                           /* nothing before: no step */
    assert_int_equal(fe.undo.n, 9);
    TYPE(&fe, "a");
    fieldedit_seal(&fe);
    TYPE(&fe, "b");
    assert_int_equal(fe.undo.n, 11);              /* an explicit seal */
    assert_int_equal(undo_depth(&fe), 11);

    /* Undo of the Backspace group restores all three and the caret. */
    fieldedit_free(&fe);
    open_field(&fe, "abc", 10, false);
    fieldedit_backspace(&fe);
    fieldedit_backspace(&fe);
    fieldedit_undo(&fe);
    assert_text(&fe, "abc");
    assert_int_equal(fieldedit_caret(&fe), 3);
    fieldedit_free(&fe);
}

/* Random edits and moves; every step's before/after state is restored exactly. */
static uint32_t rng_state = 777;

static uint32_t rng(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return (rng_state >> 16) & 0x7FFF;
}

static void random_op(struct fieldedit *fe)
{
    static const char *const pieces[] = {
        "a", "あ", "。", KA_DAKUTEN, KUZU_IVS, FAMILY, "\xe3\x82\x99", "\n", "\t",
        "word ", "取組項目", "\xcc\x81",
    };
    const char *piece = pieces[rng() % ARRAY_LEN(pieces)];
    switch (rng() % 12) {
    case 0: case 1: case 2: TYPE(fe, piece); break;
    case 3: PASTE(fe, piece); break;
    case 4: fieldedit_backspace(fe); break;
    case 5: fieldedit_delete(fe); break;
    case 6: fieldedit_left(fe); break;
    case 7: fieldedit_right(fe); break;
    case 8: fieldedit_up(fe); break;
    case 9: fieldedit_down(fe); break;
    case 10: fieldedit_home(fe); break;
    default: fake_now += rng() % 2000; break;
    }
}

static bool on_boundary(const struct fieldedit *fe)
{
    size_t n;
    const char *t = fieldedit_text(fe, &n);
    size_t c = fieldedit_caret(fe), p = 0;
    while (p < c)
        p = utf8_cluster_end(t, n, p);
    return p == c;
}

static void test_undo_redo_random(void **state)
{
    (void)state;
    for (long round = 0; round < unit_rounds(60); round++) {
        struct fieldedit fe;
        struct snap before[160], after[160];
        size_t n = 0;
        open_field(&fe, round % 2 ? "既存の\n文章" : "", 1 + (int)(rng() % 20), false);
        for (int i = 0; i < 150; i++) {
            struct snap b = take(&fe);
            fieldedit_seal(&fe);                /* each change one step */
            random_op(&fe);
            assert_true(on_boundary(&fe));
            struct snap a = take(&fe);
            if (a.len != b.len || memcmp(a.text, b.text, a.len) != 0) {
                before[n] = b;
                after[n++] = a;
            } else {
                free(a.text);
                free(b.text);
            }
        }
        for (size_t i = n; i-- > 0;) {
            assert_true(fieldedit_undo(&fe));
            assert_snap(&fe, &before[i]);
        }
        assert_false(fieldedit_undo(&fe));
        for (size_t i = 0; i < n; i++) {
            assert_true(fieldedit_redo(&fe));
            assert_snap(&fe, &after[i]);
        }
        assert_false(fieldedit_redo(&fe));
        for (size_t i = 0; i < n; i++) {
            free(before[i].text);
            free(after[i].text);
        }
        fieldedit_free(&fe);
    }
}

static bool same_state(const struct fieldedit *fe, const struct snap *s)
{
    size_t len;
    const char *t = fieldedit_text(fe, &len);
    return len == s->len && memcmp(t, s->text, len) == 0 && fieldedit_caret(fe) == s->caret;
}

/* Random edits with grouping left on (and a clock that sometimes pauses):
 * each undo lands on an earlier state, in order, back to the start; redo
 * goes forward the same way. */
static void test_undo_groups_random(void **state)
{
    (void)state;
    for (long round = 0; round < unit_rounds(60); round++) {
        struct fieldedit fe;
        struct snap states[201];
        size_t n = 0;
        open_field(&fe, round % 2 ? "既存の\n文章" : "", 1 + (int)(rng() % 20), false);
        states[n++] = take(&fe);
        for (int i = 0; i < 200; i++) {
            random_op(&fe);
            states[n++] = take(&fe);
        }
        size_t at = n - 1, undos = 0;
        while (fieldedit_undo(&fe)) {
            size_t i = at;
            while (i-- > 0 && !same_state(&fe, &states[i]))
                ;
            assert_true(i < at);                /* found, earlier than the last */
            at = i;
            undos++;
        }
        size_t len;
        const char *t = fieldedit_text(&fe, &len);
        assert_int_equal(len, states[0].len);
        assert_memory_equal(t, states[0].text, len);
        for (size_t r = 0; r < undos; r++) {
            assert_true(fieldedit_redo(&fe));
            size_t i = at;
            while (++i < n && !same_state(&fe, &states[i]))
                ;
            assert_true(i < n);
            at = i;
        }
        assert_false(fieldedit_redo(&fe));
        t = fieldedit_text(&fe, &len);
        assert_int_equal(len, states[n - 1].len);
        assert_memory_equal(t, states[n - 1].text, len);
        for (size_t i = 0; i < n; i++)
            free(states[i].text);
        fieldedit_free(&fe);
    }
}

static void test_history_bound(void **state)
{
    struct fieldedit fe;
    (void)state;
    open_field(&fe, "", 10, false);
    for (int i = 0; i < FIELDEDIT_HISTORY_STEPS + 500; i++) {
        TYPE(&fe, "x");
        fieldedit_seal(&fe);
    }
    assert_int_equal(undo_depth(&fe), FIELDEDIT_HISTORY_STEPS);
    fieldedit_free(&fe);

    /* Bytes: a big paste pushes old steps out but is itself kept. */
    size_t big = FIELDEDIT_HISTORY_BYTES + 100;
    char *blob = xmalloc(big);
    memset(blob, 'b', big);
    open_field(&fe, "", 10, false);
    TYPE(&fe, "a");
    fieldedit_seal(&fe);
    TYPE(&fe, "c");
    fieldedit_paste(&fe, blob, big);
    assert_true(fe.history_bytes <= big);
    assert_true(fieldedit_undo(&fe));
    assert_text(&fe, "ac");
    assert_false(fieldedit_undo(&fe));
    assert_true(fieldedit_redo(&fe));
    size_t len;
    fieldedit_text(&fe, &len);
    assert_int_equal(len, big + 2);
    fieldedit_free(&fe);
    free(blob);
}

/* ---- paste policy -------------------------------------------------------- */

static void assert_sanitized(const char *in, size_t n, bool single, const char *want)
{
    struct strbuf out = STRBUF_INIT;
    fieldedit_sanitize(in, n, single, &out);
    assert_int_equal(out.len, strlen(want));
    assert_memory_equal(strbuf_cstr(&out), want, out.len);
    strbuf_release(&out);
}

#define SANE(in, want) assert_sanitized(in, sizeof(in) - 1, false, want)
#define SANE1(in, want) assert_sanitized(in, sizeof(in) - 1, true, want)

static void test_sanitize(void **state)
{
    (void)state;
    SANE("plain 日本語\ttab", "plain 日本語\ttab");
    SANE("a\x1b[31mred\x1b[0m b", "ared b");                 /* SGR */
    SANE("a\x1b[?2004lb", "ab");                             /* private CSI */
    SANE("a\x1b]0;title\x07" "b", "ab");                     /* OSC ... BEL */
    SANE("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\" "b", "alinkb");  /* OSC ... ST */
    SANE("a\x1bPq#0\x1b\\b", "ab");                           /* DCS */
    SANE("a\x1b(Bb\x1b" "cd", "abd");                        /* nF and Fs escapes */
    SANE("a\x1b]unterminated", "a]unterminated");            /* just the ESC */
    SANE("a\x1b", "a");
    SANE("a\x1b\xe3\x81\x82", "aあ");
    SANE("a\0b\x01\x7f" "c", "abc");                         /* NUL, C0, DEL */
    SANE("l1\r\nl2\rl3\nl4", "l1\nl2\nl3\nl4");             /* CRLF, CR */
    SANE("a\xc2\x9b" "31mb", "ab");                          /* C1 CSI with its parameters */
    SANE("a\xc2\x9d" "0;t\xc2\x9c" "b", "ab");               /* C1 OSC ... C1 ST */
    SANE("a\xc2\x85\xc2\x9c" "b", "ab");                     /* other C1 */
    SANE("abc\xe2\x80\xae" "def\xe2\x81\xa6" "g", "abcdefg"); /* bidi controls */
    SANE("a\xe2\x80\xa8" "b", "a\nb");                       /* LINE SEPARATOR */
    SANE("a\xff" "b\xe3\x81", "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd");
    SANE("か\xe3\x82\x99\xe8\x91\x9b\xf3\xa0\x84\x80", "か\xe3\x82\x99\xe8\x91\x9b\xf3\xa0\x84\x80");
    SANE1("a\r\nb\nc\rd", "a b c d");
    SANE1("a\tb", "a\tb");
    /* Many unterminated OSC introducers stay linear. */
    struct strbuf in = STRBUF_INIT, out = STRBUF_INIT;
    for (int i = 0; i < 200000; i++)
        strbuf_addstr(&in, "\x1b]x");
    fieldedit_sanitize(in.buf, in.len, false, &out);
    assert_int_equal(out.len, 400000);
    strbuf_release(&in);
    strbuf_release(&out);
}

static void test_paste_into_field(void **state)
{
    struct fieldedit fe;
    (void)state;
    open_field(&fe, "[]", 20, true);
    fieldedit_left(&fe);
    assert_true(PASTE(&fe, "\x1b[200~山田\r\n太郎\x1b[201~"));
    assert_text(&fe, "[山田 太郎]");
    assert_int_equal(fieldedit_caret(&fe), 1 + strlen("山田 太郎"));
    assert_false(PASTE(&fe, "\x1b[31m\x01"));            /* nothing left: no step */
    assert_true(fieldedit_undo(&fe));
    assert_text(&fe, "[]");
    assert_int_equal(fieldedit_caret(&fe), 1);
    fieldedit_free(&fe);

    /* Text from a file is kept as it is, and shown escaped by the layout. */
    open_field(&fe, "a\x01\xff", 20, false);
    assert_text(&fe, "a\x01\xff");
    assert_int_equal(fieldedit_layout(&fe)->rows[0].width, 1 + 2 + 4);
    fieldedit_free(&fe);
}

/* ---- counter ------------------------------------------------------------- */

static void test_counter(void **state)
{
    struct fieldedit fe;
    struct fieldedit_counter c;
    (void)state;
    open_field(&fe, "", 20, false);
    fieldedit_set_max(&fe, 5);
    TYPE(&fe, "あいうえお");
    c = fieldedit_count(&fe);
    assert_int_equal(c.chars, 5);
    assert_int_equal(c.max, 5);
    assert_false(c.exceeded);
    TYPE(&fe, "か");                                    /* allowed, only reported */
    c = fieldedit_count(&fe);
    assert_int_equal(c.chars, 6);
    assert_true(c.exceeded);
    assert_text(&fe, "あいうえおか");
    fieldedit_backspace(&fe);
    assert_false(fieldedit_count(&fe).exceeded);
    TYPE(&fe, KA_DAKUTEN);              /* か + combining ゛: one, as a person counts it */
    assert_int_equal(fieldedit_count(&fe).chars, 6);
    fieldedit_undo(&fe);
    assert_int_equal(fieldedit_count(&fe).chars, 5);
    fieldedit_set_max(&fe, 0);
    assert_false(fieldedit_count(&fe).exceeded);
    /* Invalid bytes count one each, stray continuation bytes included. */
    fieldedit_set_text(&fe, "\x80\xe3\x81" "a", 4);
    assert_int_equal(fieldedit_count(&fe).chars, 4);
    fieldedit_free(&fe);
}

/* ---- large fields --------------------------------------------------------- */

static double now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_large_field(void **state)
{
    struct fieldedit fe;
    struct strbuf sb = STRBUF_INIT;
    (void)state;
    /* ZWJ + newline: the worst case for walking back over clusters. */
    size_t size = getenv("TORIKUMI_BIG") ? 10u << 20 : 1u << 20;
    while (sb.len < size)
        strbuf_addstr(&sb, "\xe2\x80\x8d\n");
    open_field(&fe, "", 40, false);
    fieldedit_set_text(&fe, sb.buf, sb.len);
    double t0 = now_sec();
    for (int i = 0; i < 10; i++)
        fieldedit_left(&fe);
    assert_true(fieldedit_backspace(&fe));
    TYPE(&fe, "あ");
    assert_true(fieldedit_undo(&fe));
    assert_true(fieldedit_undo(&fe));
    double t = now_sec() - t0;
    printf("# %zu-byte field: 10 Left, Backspace, type, 2 undo: %.1f ms\n", sb.len, t * 1e3);
    size_t len;
    fieldedit_text(&fe, &len);
    assert_int_equal(len, sb.len);
    assert_int_equal(fieldedit_caret(&fe), sb.len - 20);
    fieldedit_free(&fe);
    strbuf_release(&sb);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    if (getenv("TEST_FILTER"))                  /* e.g. TEST_FILTER='test_kinsoku*' */
        cmocka_set_test_filter(getenv("TEST_FILTER"));
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_backspace_delete_clusters),
        cmocka_unit_test(test_caret_never_inside_cluster),
        cmocka_unit_test(test_left_right),
        cmocka_unit_test(test_home_end),
        cmocka_unit_test(test_full_rows_and_row_ends),
        cmocka_unit_test(test_up_down_goal_column),
        cmocka_unit_test(test_click),
        cmocka_unit_test(test_resize_keeps_caret),
        cmocka_unit_test(test_undo_redo_basic),
        cmocka_unit_test(test_undo_grouping),
        cmocka_unit_test(test_undo_redo_random),
        cmocka_unit_test(test_undo_groups_random),
        cmocka_unit_test(test_history_bound),
        cmocka_unit_test(test_sanitize),
        cmocka_unit_test(test_paste_into_field),
        cmocka_unit_test(test_counter),
        cmocka_unit_test(test_large_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
