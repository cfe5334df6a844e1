# Undo and redo across fields: typing, a choice, a stage mark; the saved file shows the result.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"
tm_keys F8
tm_wait "取組項目 2/23"
tm_keys F3                                   # 中間振り返り / 取組内容の実施見込み
tm_wait "> 取組内容の実施見込み"

t "a choice, then typing in another field"
tm_keys 2
tm_wait "(*) 2: 実施できない見込み"
tm_wait "problems: 1"
tm_keys Tab Tab
tm_wait "> 課題と改善策 (required)"
tm_type "人員を補う"
tm_wait "人員を補う"
tm_wait "problems: 0"

t "Ctrl-Z undoes the typing (one step), then the choice"
tm_keys C-z
tm_wait_gone "人員を補う"
tm_wait "problems: 1"
tm_keys C-z
tm_wait "( ) 2: 実施できない見込み"
tm_wait "problems: 0"
tm_keys C-z
tm_wait "nothing to undo"

t "all undone: nothing is unsaved any more (no [+])"
tm_screen | grep -q "sheet.rec \[+\]" && t_fail "still marked changed after undoing everything"

t "Ctrl-Y redoes both"
tm_keys C-y C-y
tm_wait "人員を補う"
tm_wait "(*) 実施できない見込み"

t "a new edit after undo drops the redo steps"
tm_keys C-z
tm_wait_gone "人員を補う"
tm_type "別の案"
tm_wait "別の案"
tm_keys C-y
tm_wait "nothing to redo"
tm_keys C-s
tm_wait "saved sheet.rec"
tm_keys C-q
tm_wait_exit
expect_exit 0 recsel -t Initiative -e 'No = 2' -P Mid_Progress,Mid_Issues sheet.rec
expect_out_contains "off_track"
expect_out_contains "別の案"
expect_out_lacks "人員を補う"

t "an item changed and changed back gets no Updated stamp; the changed one does"
cp "$TOP/sample-data/taisho-h29.rec" sheet2.rec
tm_start 80 24 "$TORIKUMI" sheet2.rec
tm_wait "取組項目 1/23"
tm_keys F2
tm_wait "> 趣旨・目的"
tm_type "あ"
tm_wait "sheet2.rec [+]"
tm_keys C-z
tm_wait_gone "sheet2.rec [+]"
tm_keys F8
tm_wait "取組項目 2/23"
tm_keys F2
tm_type "い"
tm_keys C-s
tm_wait "saved sheet2.rec"
tm_keys C-q
tm_wait_exit
expect_exit 0 recsel -t Initiative -e 'No = 1' -P Updated sheet2.rec
expect_out_empty
expect_exit 0 recsel -t Initiative -e 'No = 2' -P Updated sheet2.rec
expect_out_contains "$(date +%Y-%m-%d)"

t "typing undone to the last character: Ctrl-Q quits at once, asks nothing, writes nothing"
cp "$TOP/sample-data/taisho-h29.rec" sheet3.rec
tm_start 80 24 "$TORIKUMI" sheet3.rec
tm_wait "取組項目 1/23"
tm_keys F2
tm_wait "> 趣旨・目的"
tm_type "あい"
tm_wait "sheet3.rec [+]"
tm_keys C-z
tm_wait_gone "sheet3.rec [+]"
tm_keys C-q
tm_wait_exit
expect_eq "$TM_STATUS" 0 "exit status"
expect_same_file sheet3.rec "$TOP/sample-data/taisho-h29.rec"
done_testing
