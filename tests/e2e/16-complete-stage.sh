# F9 marks a stage complete; refused, with the reasons, while the stage has problems.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"
tm_keys C-g
tm_type 3
tm_keys Enter F3
tm_wait "> 取組内容の実施見込み"

t "F9 on an empty 中間振り返り is refused and says why"
tm_keys F9
tm_wait "中間振り返り cannot be marked complete yet:"
tm_wait "- 取組内容の実施見込み: 取組内容の実施見込み must be filled in"
tm_wait "- 目標の達成見込み: 目標の達成見込み must be filled in"
tm_keys Space
tm_wait_gone "cannot be marked complete yet"

t "with both choices made (one needing 課題と改善策), still refused until that is filled"
tm_keys 1 Tab 2
tm_wait "(*) 2: 達成できない見込み"
tm_wait "problems: 1"
tm_keys F9
tm_wait "- 課題と改善策: 課題と改善策 is required when 目標の達成見込み"
tm_keys Escape
tm_keys Tab
tm_type "広告代理店との連携を見直す"
tm_wait "problems: 0"

t "now F9 marks it complete; F9 again takes the mark off"
tm_keys F9
tm_wait "中間振り返り marked complete"
tm_wait "== 中間振り返り ==  [x] complete (F9)"
tm_keys F9
tm_wait "中間振り返り marked not complete"
tm_wait "== 中間振り返り ==  [ ] complete (F9)"
tm_keys F9
tm_wait "[x] complete (F9)"
tm_keys C-s
tm_wait "saved sheet.rec"
tm_keys C-q
tm_wait_exit
expect_exit 0 recsel -t Initiative -e 'No = 3' -P Mid_Progress,Mid_Outlook,Mid_Done sheet.rec
expect_eq "$(tr '\n' ' ' < "$OUT")" "on_track unlikely yes " "stored values"
expect_exit 0 "$TORIKUMI" check sheet.rec
expect_exit 0 recfix --check sheet.rec
done_testing
