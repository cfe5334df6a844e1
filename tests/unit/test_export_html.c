/*
 * test_export_html.c - the printed sheet and the report as HTML: escaping
 * (markup, entities, control and bidi characters), the layout taken from
 * the form (kaikaku-2.0 and the test form kenshu-1.0), choices as ■/□,
 * done marks as 完了, long stages stacked, and the report's years, wards,
 * chart, not-achieved list and rule problems.
 */
#include "unit.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "export_html.h"
#include "html.h"
#include "summary_html.h"

static struct sheet *parse_with(const char *header, const char *items, struct form *form)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "%%rec: Sheet\n\n%s\n\n%%rec: %s\n\n%s", header,
                form ? form->record_type : "Initiative", items);
    struct error e;
    struct sheet *s = sheet_parse(sb.buf, sb.len, "t.rec", form, &e);
    if (!s)
        fail_msg("parse: %ld:%ld %s", e.line, e.column, e.msg);
    strbuf_release(&sb);
    return s;
}

static struct sheet *parse(const char *ward, const char *year, const char *items)
{
    char header[256];
    snprintf(header, sizeof header, "Form: kaikaku-2.0\nWard: %s\nFiscalYear: %s", ward, year);
    return parse_with(header, items, NULL);
}

static char *escaped(const char *s)
{
    struct strbuf sb = STRBUF_INIT;
    html_escape(s, strlen(s), &sb);
    return strbuf_detach(&sb, NULL);
}

#define ESCAPES(in, want) do {                  \
        char *got_ = escaped(in);               \
        assert_string_equal(got_, want);        \
        free(got_);                             \
    } while (0)

static void test_escape(void **state)
{
    (void)state;
    ESCAPES("<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    ESCAPES("</td>&amp;\"", "&lt;/td&gt;&amp;amp;&quot;");
    ESCAPES("改行\nと\tタブ", "改行\nと\tタブ");
    ESCAPES("a\033[31mb", "a<span class=\"ctl\">^[</span>[31mb");
    ESCAPES("\r\x7f", "<span class=\"ctl\">^M</span><span class=\"ctl\">^?</span>");
    /* C1 and bidi controls: their stand-in, itself escaped */
    ESCAPES("前\xC2\x9B中\xE2\x80\xAE逆", "前<span class=\"ctl\">&lt;U+009B&gt;</span>中"
            "<span class=\"ctl\">&lt;U+202E&gt;</span>逆");
    ESCAPES("\xFF", "<span class=\"ctl\">&lt;FF&gt;</span>");
    ESCAPES("", "");
}

static char *item_html(const struct sheet *s, size_t idx)
{
    struct strbuf sb = STRBUF_INIT;
    export_html_item(s, idx, &sb);
    return strbuf_detach(&sb, NULL);
}

/* needle occurs in hay, and (when after is given) after it. */
static void assert_in_order(const char *hay, const char *const *needles, size_t n)
{
    const char *at = hay;
    for (size_t i = 0; i < n; i++) {
        const char *p = strstr(at, needles[i]);
        if (!p)
            fail_msg("missing (in order) at %zu: %s", i, needles[i]);
        at = p + strlen(needles[i]);
    }
}

static void test_layout_from_the_form(void **state)
{
    (void)state;
    struct sheet *s = parse("大正区", "2017",
        "No: 6\nTitle: つながり\nSubtitle: 副題です\nPlan_Purpose: 目的\nPlan_Overview: 概要\n"
        "Plan_Goal: 目標値\nPlan_Actions: 内容\nPlan_YearGoal: 今年\nPlan_Done: yes\n"
        "Mid_Progress: off_track\nMid_Issues: 中間の課題\nEnd_Results: 実績\n"
        "End_Result: not_achieved\nEnd_Issues: 年度の課題\nUpdated: 2026-01-01T00:00:00+09:00 x\n");
    char *h = item_html(s, 0);
    static const char *const order[] = {
        "<thead>", "「市政改革プラン2.0」に基づく取組等", "大正区　平成29年度（2017年度）", "</thead>",
        "取組項目6", "【つながり】", "副題です",
        ">計画<", EXPORT_HTML_DONE, "取組の方針・目標内容", "(趣旨・目的)", "目的", "(取組の概要)",
        "概要", "(目標)", "目標値", "</td>", "<td", "当年度の取組内容", "(取組の内容)", "内容",
        "(当年度の目標)", "今年",
        ">中間振り返り<", "取組内容の実施見込み", "□実施見込み ■実施できない見込み",
        "目標の達成見込み", "□達成見込み □達成できない見込み", "</td>", "課題と改善策",
        "中間の課題",
        ">年度評価<", "当年度の取組実績及び目標の達成状況", "実績", "目標の達成",
        "□目標達成 ■目標未達成", "</td>", "課題と改善策", "年度の課題", "</table>",
    };
    assert_in_order(h, order, ARRAY_LEN(order));
    /* only 計画 is done; the stamp is not printed */
    assert_null(strstr(strstr(h, ">中間振り返り<"), EXPORT_HTML_DONE));
    assert_null(strstr(h, "2026-01-01"));
    assert_false(export_html_stacked(s, 0, 1));
    free(h);
    sheet_free(s);
}

static void test_other_form(void **state)
{
    (void)state;
    struct error e;
    struct form *kenshu = form_load_file("tests/forms/kenshu-1.0.form", &e);
    assert_non_null(kenshu);
    struct sheet *s = parse_with("Form: kenshu-1.0\nWard: 北区\nFiscalYear: 2019",
        "Id: 100\nName: 研修A\nApply_Reason: 理由\nReport_Rating: fair\nReport_Text: 報告文\n"
        "Report_Done: yes\n", kenshu);
    char *h = item_html(s, 0);
    static const char *const order[] = {
        "職員研修記録", "北区　令和元年度（2019年度）", "研修100", "【研修A】",
        ">申込<", "受講理由", "理由", ">報告<", EXPORT_HTML_DONE, "評価",
        "□良い ■普通 □悪い", "</td>", "報告", "報告文", "</td>", "悪かった理由",
    };
    assert_in_order(h, order, ARRAY_LEN(order));
    /* three cells in 報告: the table has three columns beside the stage */
    assert_non_null(strstr(h, "<col style=\"width: 30.00%\"><col style=\"width: 30.00%\">"
                              "<col style=\"width: 30.00%\"></colgroup>"));
    assert_null(strstr(h, "取組"));
    free(h);
    sheet_free(s);
    form_free(kenshu);
}

static void test_hostile_values_are_text(void **state)
{
    (void)state;
    struct sheet *s = parse("<b>区</b>", "2017",
        "No: 1\nTitle: </td></table><script>alert(1)</script>\n"
        "Plan_Purpose: &amp; \033]0;pwned\007 \xE2\x80\xAE\n"
        "End_Result: maybe\n");
    char *h = item_html(s, 0);
    assert_null(strstr(h, "<script"));
    assert_null(strstr(h, "<b>"));
    assert_null(strchr(h, '\033'));
    assert_null(strchr(h, '\007'));
    assert_null(strstr(h, "\xE2\x80\xAE"));
    assert_non_null(strstr(h, "【&lt;/td&gt;&lt;/table&gt;&lt;script&gt;alert(1)&lt;/script&gt;】"));
    assert_non_null(strstr(h, "&lt;b&gt;区&lt;/b&gt;"));
    assert_non_null(strstr(h, "&amp;amp; <span class=\"ctl\">^[</span>]0;pwned"
                              "<span class=\"ctl\">^G</span> <span class=\"ctl\">&lt;U+202E&gt;"));
    /* a value that is no choice: no box ticked, the value shown */
    assert_non_null(strstr(h, "□目標達成 □目標未達成 (maybe)"));
    free(h);
    sheet_free(s);
}

static void test_long_stage_is_stacked(void **state)
{
    (void)state;
    struct strbuf items = STRBUF_INIT;
    strbuf_addstr(&items, "No: 1\nTitle: 長い\nPlan_Purpose: ");
    for (int i = 0; i < 60; i++)
        strbuf_addstr(&items, "長い文章が続きます。");
    strbuf_addstr(&items, "\nPlan_Actions: 短い\n\nNo: 2\nTitle: 改行\nEnd_Issues: ");
    for (int i = 0; i < 30; i++)
        strbuf_addstr(&items, "一行\n+ ");
    strbuf_addstr(&items, "終\n");
    struct sheet *s = parse("大正区", "2017", items.buf);
    assert_true(export_html_stacked(s, 0, 1));          /* 600 characters of prose */
    assert_false(export_html_stacked(s, 0, 2));
    assert_true(export_html_stacked(s, 1, 3));          /* 31 lines */
    char *h = item_html(s, 0);
    /* stacked: the stage heading spans a row per cell, each cell spans the columns */
    assert_non_null(strstr(h, "<tbody class=\"stage stacked\">\n<tr>\n<th scope=\"rowgroup\" "
                              "rowspan=\"2\"><div>計画</div></th>\n<td colspan=\"2\">"));
    free(h);
    sheet_free(s);
    strbuf_release(&items);
}

static void test_document(void **state)
{
    (void)state;
    struct sheet *s = parse("大正区", "2017", "No: 1\nTitle: a\n\nNo: 2\nTitle: b\n");
    struct strbuf sb = STRBUF_INIT;
    export_html_begin(s, 1, &sb);
    export_html_sheet(s, &sb);
    export_html_end(&sb);
    static const char *const order[] = {
        "<!DOCTYPE html>", "<html lang=\"ja\">", "<meta charset=\"utf-8\">",
        "<title>「市政改革プラン2.0」に基づく取組等 大正区</title>", "<style>",
        "size: A4 landscape", "break-before: page", "display: table-header-group",
        "break-inside: avoid", "</style>", "<body>", "取組項目1", "取組項目2", "</html>",
    };
    assert_in_order(sb.buf, order, ARRAY_LEN(order));
    /* self-contained: nothing to run, nothing fetched */
    assert_null(strstr(sb.buf, "<script"));
    assert_null(strstr(sb.buf, "<link"));
    assert_null(strstr(sb.buf, "url(http"));
    assert_null(strstr(sb.buf, "src="));
    strbuf_release(&sb);
    sheet_free(s);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

static void test_report(void **state)
{
    (void)state;
    struct sheet *sheets[3];
    sheets[0] = parse("北区", "2019",
        "No: 1\nTitle: 令和の取組\nEnd_Result: achieved\n");
    sheets[1] = parse("大正区", "2017",
        "No: 1\nTitle: 達成\nEnd_Result: achieved\n\n"
        "No: 2\nTitle: 未達成<i>\nEnd_Result: not_achieved\nEnd_Issues: 改善する&工夫\n\n"
        "No: 3\nTitle: 問題\nPlan_Done: yes\n");
    sheets[2] = parse("北区", "2017",
        "No: 5\nTitle: 北の未達成\nEnd_Result: not_achieved\nEnd_Issues: 北の課題\n");
    struct strbuf sb = STRBUF_INIT;
    struct error e;
    assert_int_equal(summary_html(sheets, 3, &sb, &e), 0);
    const char *h = sb.buf;
    /* years apart and in order; wards in the order first given (北区: sheets[0]) */
    static const char *const order[] = {
        "<h2>平成29年度（2017年度）</h2>", "<th scope=\"row\">北区</th><td class=\"n\">1</td>",
        "<th scope=\"row\">大正区</th><td class=\"n\">3</td>", "<svg", "role=\"img\"",
        "<title>目標の達成</title>", "<desc>", "北区: 目標達成 0, 目標未達成 1, not chosen 0.",
        "大正区: 目標達成 1, 目標未達成 1, not chosen 1.", "</desc>", ">目標達成 1</text>",
        "目標未達成 (2)", "課題と改善策", "北の未達成", "北の課題", "未達成&lt;i&gt;",
        "改善する&amp;工夫", "Rule problems (", "大正区", "取組項目 3", "趣旨・目的", "</section>",
        "<h2>令和元年度（2019年度）</h2>", "<th scope=\"row\">北区</th><td class=\"n\">1</td>",
    };
    assert_in_order(h, order, ARRAY_LEN(order));
    assert_non_null(strstr(h, "<h2>令和元年度（2019年度）</h2>"));
    assert_true(strstr(h, "平成29年度") < strstr(h, "令和元年度"));
    assert_int_equal(count(h, "<section class=\"year\">"), 2);
    assert_int_equal(count(h, "<svg"), 2);
    /* the 2019 北区 is not added to the 2017 北区 */
    const char *y2019 = strstr(h, "<h2>令和元年度");
    assert_null(strstr(y2019, "北の未達成"));
    assert_non_null(strstr(y2019, "目標未達成 (0)"));
    /* an empty list says so: no empty table body */
    assert_non_null(strstr(strstr(y2019, "目標未達成 (0)"), "<td colspan=\"4\">none</td>"));
    assert_null(strstr(h, "<tbody>\n</tbody>"));
    /* 取組項目 3: 計画 marked complete with its fields empty, listed with the field's label */
    assert_non_null(strstr(h, "<td>取組項目 3</td><td>趣旨・目的</td>"));
    assert_null(strstr(h, "<i>"));
    strbuf_release(&sb);
    for (int i = 0; i < 3; i++)
        sheet_free(sheets[i]);
}

/* A value's line the sheet reader would take for the layout is printed after ¶; others not. */
static void test_layout_words_marked(void **state)
{
    (void)state;
    struct sheet *s = parse("北区", "2019",
        "No: 1\nTitle: 題\nSubtitle: 年度評価\n"
        "Plan_Purpose: 目的\n+ 取組項目6\n+ 計画\n+ (取組の内容)\n+ 目標の達成 は前年並み\n"
        "+ 完了\n+ ¶印\n+ ----\n+ 北区　令和元年度（2019年度）\n+ a <br> b\n"
        "+ 計画どおり\n+ 取組の (目標)は\n+ A & B <比較>\n"
        "Mid_Issues: 実施見込み □実施できない見込み\n");
    struct strbuf sb = STRBUF_INIT;
    export_html_item(s, 0, &sb);
    const char *marked[] = {
        "<div class=\"sub\">¶年度評価</div>", "\n¶取組項目6\n", "\n¶計画\n",
        "\n¶(取組の内容)\n", "\n¶目標の達成 は前年並み\n", "\n¶完了\n", "\n¶¶印\n",
        "\n¶----\n", "\n¶北区　令和元年度（2019年度）\n", "\n¶a &lt;br&gt; b\n",
        ">¶実施見込み □実施できない見込み<",
    };
    for (size_t i = 0; i < ARRAY_LEN(marked); i++)
        if (!strstr(sb.buf, marked[i]))
            fail_msg("not marked: %s", marked[i]);
    const char *plain[] = { ">目的\n", "\n計画どおり\n", "\n取組の (目標)は\n",
                            "\nA &amp; B &lt;比較&gt;</div>" };
    for (size_t i = 0; i < ARRAY_LEN(plain); i++)
        if (!strstr(sb.buf, plain[i]))
            fail_msg("marked or missing: %s", plain[i]);
    strbuf_release(&sb);
    sheet_free(s);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_layout_from_the_form),
        cmocka_unit_test(test_other_form),
        cmocka_unit_test(test_hostile_values_are_text),
        cmocka_unit_test(test_long_stage_is_stacked),
        cmocka_unit_test(test_layout_words_marked),
        cmocka_unit_test(test_document),
        cmocka_unit_test(test_report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
