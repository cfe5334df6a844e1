/*
 * test_wordmove.c - moving and deleting by word in Japanese and Latin text.
 */
#include "unit.h"

#include <locale.h>
#include <stdlib.h>

#include "fieldedit.h"
#include "wordmove.h"

static void test_next_and_prev(void **state)
{
    (void)state;
    const char *s = "歳入の確保 97.53% アップ";
    size_t n = strlen(s);
    /* 歳入 | の | 確保 | ␣ | 97 | . | 53 | % ␣ | アップ */
    size_t k1 = word_next(s, n, 0);
    assert_int_equal(k1, strlen("歳入"));
    size_t k2 = word_next(s, n, k1);
    assert_int_equal(k2, strlen("歳入の"));
    size_t k3 = word_next(s, n, k2);                 /* past 確保 and the blank */
    assert_int_equal(k3, strlen("歳入の確保 "));
    assert_int_equal(word_next(s, n, k3), strlen("歳入の確保 97"));
    assert_int_equal(word_next(s, n, n), n);
    assert_int_equal(word_prev(s, n, n), strlen("歳入の確保 97.53% "));
    assert_int_equal(word_prev(s, n, k3), strlen("歳入の"));   /* back over the blank, then 確保 */
    assert_int_equal(word_prev(s, n, 0), 0);
    /* A base letter and its combining mark stay one. */
    const char *c = "ab\xcc\x81 x";                  /* a b+U+0301 space x */
    assert_int_equal(word_next(c, strlen(c), 0), 5);
}

static void test_fieldedit_words(void **state)
{
    (void)state;
    struct fieldedit fe;
    const char *s = "改善策を検討する";
    fieldedit_init(&fe, s, strlen(s), 40, false);
    fieldedit_text_end(&fe);
    assert_true(fieldedit_word_left(&fe));          /* before する */
    assert_true(fieldedit_delete_word_back(&fe));   /* 検討 goes */
    size_t len;
    const char *t = fieldedit_text(&fe, &len);
    assert_memory_equal(t, "改善策をする", len);
    assert_true(fieldedit_clear(&fe));
    fieldedit_text(&fe, &len);
    assert_int_equal(len, 0);
    assert_false(fieldedit_clear(&fe));
    assert_true(fieldedit_undo(&fe));               /* the clear is one step */
    t = fieldedit_text(&fe, &len);
    assert_memory_equal(t, "改善策をする", len);
    fieldedit_text_home(&fe);
    assert_true(fieldedit_word_right(&fe));         /* past the kanji run */
    assert_int_equal(fieldedit_caret(&fe), strlen("改善策"));
    assert_true(fieldedit_delete_word_back(&fe));
    t = fieldedit_text(&fe, &len);
    assert_memory_equal(t, "をする", len);
    assert_false(fieldedit_delete_word_back(&fe));  /* at the start: nothing before */
    fieldedit_free(&fe);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_next_and_prev),
        cmocka_unit_test(test_fieldedit_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
