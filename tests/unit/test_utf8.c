/*
 * test_utf8.c - decoding, classes, widths, clusters, escaping.
 */
#include "unit.h"

#include <locale.h>
#include <stdlib.h>

#include "utf8.h"

static void test_decode(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(utf8_decode("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(utf8_decode("日", 3, &cp), 3);
    assert_int_equal(cp, 0x65E5);
    assert_int_equal(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(utf8_decode("\xe6\x97", 2, &cp), 1);          /* truncated */
    assert_int_equal(cp, UTF8_INVALID);
    assert_int_equal(utf8_decode("\xc0\xaf", 2, &cp), 1);          /* overlong */
    assert_int_equal(cp, UTF8_INVALID);
    assert_int_equal(utf8_decode("\xed\xa0\x80", 3, &cp), 1);      /* surrogate */
    assert_int_equal(cp, UTF8_INVALID);
    assert_int_equal(utf8_decode("\x80", 1, &cp), 1);
    assert_int_equal(cp, UTF8_INVALID);
    char buf[4];
    assert_int_equal(utf8_encode(0xFF5E, buf), 3);
    assert_memory_equal(buf, "\xef\xbd\x9e", 3);
    assert_int_equal(utf8_invalid_offset("ab\xe6\x97\xa5\xff", 6), 5);
    assert_int_equal(utf8_invalid_offset("ok", 2), 2);
    assert_int_equal(utf8_count("あいu", 7), 3);
}

static void test_classes(void **state)
{
    (void)state;
    assert_true(utf8_is_control('\x1b'));
    assert_true(utf8_is_control(0x7F));
    assert_true(utf8_is_control(0x9B));
    assert_true(utf8_is_control(0x2028));
    assert_false(utf8_is_control(0x3000));
    assert_true(utf8_is_bidi_control(0x202E));
    assert_true(utf8_is_unsafe(UTF8_INVALID));
    assert_true(utf8_is_space(0x3000));
    assert_false(utf8_is_space(0xA0));
    assert_true(utf8_is_halfwidth_kana(0xFF71));
    assert_false(utf8_is_halfwidth_kana(0x30A2));
    assert_true(utf8_is_blank(" \t\n　", strlen(" \t\n　")));
    assert_false(utf8_is_blank(" a", 2));
}

static void test_widths(void **state)
{
    (void)state;
    assert_int_equal(utf8_width('a'), 1);
    assert_int_equal(utf8_width(0x3042), 2);     /* あ */
    assert_int_equal(utf8_width(0xFF71), 1);     /* ｱ */
    assert_int_equal(utf8_width(0x3099), 0);     /* combining voiced mark */
    assert_int_equal(utf8_width(0xE0100), 0);    /* ideographic variation selector */
    assert_int_equal(utf8_width(0x1b), 2);       /* shown as ^[ */
    assert_int_equal(utf8_width(0x202E), 8);     /* shown as <U+202E> */
    assert_int_equal(utf8_str_width("取組a", strlen("取組a")), 5);
}

static void test_clusters(void **state)
{
    (void)state;
    const char *s = "か\xe3\x82\x99葛\xf3\xa0\x84\x80x";   /* か+゙, 葛+VS17, x */
    size_t n = strlen(s);
    size_t e1 = utf8_cluster_end(s, n, 0);
    assert_int_equal(e1, 6);
    size_t e2 = utf8_cluster_end(s, n, e1);
    assert_int_equal(e2, 13);
    assert_int_equal(utf8_cluster_end(s, n, e2), 14);
    assert_int_equal(utf8_cluster_start(s, n, 14), 13);
    assert_int_equal(utf8_cluster_start(s, n, 13), 6);
    assert_int_equal(utf8_cluster_start(s, n, 6), 0);
    const char *nl = "a\n\xcc\x81";     /* a combining mark after a newline stands alone */
    assert_int_equal(utf8_cluster_end(nl, 4, 1), 2);
}

static void test_escape_and_sanitize(void **state)
{
    (void)state;
    char b[16];
    assert_int_equal(utf8_escape(0x1b, 0, b), 2);
    assert_string_equal(b, "^[");
    utf8_escape(0x9B, 0, b);
    assert_string_equal(b, "<U+009B>");
    utf8_escape(UTF8_INVALID, 0xFF, b);
    assert_string_equal(b, "<FF>");
    struct strbuf sb = STRBUF_INIT;
    const char *evil = "a\x1b[31mb\tc\nd\xe2\x80\xae\xff";
    utf8_sanitize(evil, strlen(evil), true, &sb);
    assert_string_equal(sb.buf, "a^[[31mb\tc\nd<U+202E><FF>");
    strbuf_reset(&sb);
    utf8_sanitize("x\ny\t", 4, false, &sb);
    assert_string_equal(sb.buf, "x^Jy^I");
    strbuf_release(&sb);
}

static void test_fold_fullwidth_digits(void **state)
{
    (void)state;
    struct strbuf out = STRBUF_INIT;
    utf8_fold_fullwidth_digits("２０番と9、\xEF\xBC", 18, &out);   /* a cut sequence stays */
    assert_int_equal(out.len, 14);
    assert_memory_equal(out.buf, "20番と9、\xEF\xBC", 14);
    strbuf_reset(&out);
    utf8_fold_fullwidth_digits("０９ＡＺ", 12, &out);   /* letters are not digits */
    assert_string_equal(strbuf_cstr(&out), "09ＡＺ");
    strbuf_release(&out);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode),
        cmocka_unit_test(test_classes),
        cmocka_unit_test(test_widths),
        cmocka_unit_test(test_clusters),
        cmocka_unit_test(test_escape_and_sanitize),
        cmocka_unit_test(test_fold_fullwidth_digits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
