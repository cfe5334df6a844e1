# torikumi check: exit statuses, the line format, Japanese messages, errors with line and column.
. "$TOP/tests/lib.sh"
sample="$TOP/sample-data/taisho-h29.rec"

t "the sample sheet is clean"
expect_exit 0 "$TORIKUMI" check "$sample"
expect_out_empty

t "item 6 set to not_achieved without End_Issues fails, naming 取組項目 6 and End_Issues"
awk '/^No: /{no=$2} { if (no == 6 && $0 == "End_Result: achieved") print "End_Result: not_achieved"; else print }' \
    "$sample" > item6.rec
expect_exit 1 "$TORIKUMI" check item6.rec
line=$(grep -n '^No: 6$' item6.rec | cut -d: -f1)
expect_out_contains "item6.rec:$line: 取組項目 6: End_Issues: 課題と改善策 is required when 目標の達成 is 目標未達成"
expect_eq "$(wc -l < "$OUT" | tr -d ' ')" 1 "number of problem lines"

t "recfix agrees on that file"
recfix --check item6.rec >/dev/null 2>&1 && t_fail "recfix passed item6.rec"

t "messages are Japanese under a Japanese locale"
expect_exit 1 env LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 "$TORIKUMI" check item6.rec
expect_out_contains "取組項目 6: End_Issues: 「目標の達成」が「目標未達成」のときは「課題と改善策」は必須です"

t "problems are sorted by line, several files, worst status wins"
printf '%%rec: Sheet\n\nForm: kaikaku-2.0\nWard: 区\nFiscalYear: 2017\n\n%%rec: Initiative\n\nNo: 2\nTitle: t\nPlan_Done: maybe\n\nNo: 1\nEnd_Result: x\n' > two.rec
expect_exit 1 "$TORIKUMI" check two.rec "$sample"
# Lines 1 and 7: the bare descriptors are not the ones the form generates (issue 15).
expect_eq "$(cut -d: -f2 "$OUT" | tr '\n' ' ')" "1 7 11 13 14 " "lines in order"
expect_out_contains "two.rec:7: Sheet: Initiative: the %rec: Initiative descriptor is not the one form kaikaku-2.0 generates"

t "a syntax error exits 2 with FILE:LINE:COLUMN"
printf 'No: 1\nTitle: a\nbroken line\n' > syntax.rec
expect_exit 2 "$TORIKUMI" check syntax.rec
expect_err_contains "syntax.rec:3:7: expected a field name"

t "invalid UTF-8 exits 2 naming the byte"
printf 'No: 1\nTitle: \202\240\n' > sjis.rec
expect_exit 2 "$TORIKUMI" check sjis.rec
expect_err_contains "sjis.rec:2:8: invalid UTF-8 byte 82 at byte 13"

t "an unreadable file exits 2"
expect_exit 2 "$TORIKUMI" check no-such-file.rec
expect_err_contains "no-such-file.rec: No such file or directory"

t "an unknown form exits 2 naming the line"
printf '%%rec: Sheet\n\nForm: nosuch-9\nWard: w\nFiscalYear: 2017\n' > form.rec
expect_exit 2 "$TORIKUMI" check form.rec
expect_err_contains "form.rec:3:7: unknown form \"nosuch-9\""

t "a second form from a file works without C changes"
printf '%%rec: Sheet\n\nForm: kenshu-1.0\nWard: 港区\nFiscalYear: 2020\n\n%%rec: Course\n\nId: 100\nName: 接遇研修\nReport_Rating: poor\n' > kenshu.rec
expect_exit 1 env TORIKUMI_FORM_PATH="$TOP/tests/forms" "$TORIKUMI" check kenshu.rec
expect_out_contains "kenshu.rec:9: 研修 100: Report_Why: 悪かった理由 is required when 評価 is 悪い"
expect_exit 1 "$TORIKUMI" check --form "$TOP/tests/forms/kenshu-1.0.form" kenshu.rec

t "usage errors exit 2"
expect_exit 2 "$TORIKUMI" check
expect_exit 2 "$TORIKUMI" check --bogus x.rec
expect_exit 0 "$TORIKUMI" check --help

done_testing
