/*
 * test_kana.c - half-width katakana to full width (the editor's Ctrl-K).
 */
#include "unit.h"

#include <locale.h>
#include <stdlib.h>

#include "search.h"

static void expect_full(const char *in, const char *want, bool changed)
{
    struct strbuf sb = STRBUF_INIT;
    assert_int_equal(kana_to_fullwidth(in, strlen(in), &sb), changed);
    assert_string_equal(strbuf_cstr(&sb), want);
    strbuf_release(&sb);
}

static void test_fullwidth(void **state)
{
    (void)state;
    expect_full("ｶﾞｲﾄﾞﾌﾞｯｸ", "ガイドブック", true);
    expect_full("ﾊﾟｰﾃｨｰ｡", "パーティー。", true);
    expect_full("ｳﾞｧ", "ヴァ", true);
    expect_full("ｱﾟ", "ア゜", true);                /* no such letter: the mark stays a mark */
    expect_full("漢字とABC、ア", "漢字とABC、ア", false);   /* nothing else changes */
    expect_full("", "", false);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fullwidth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
