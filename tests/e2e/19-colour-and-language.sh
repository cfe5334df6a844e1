# NO_COLOR turns colour off (state is shown by text marks either way); a Japanese locale shows
# the interface in Japanese (問題: N).
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
esc=$(printf '\033')

t "with colour: the stage headings are coloured"
tm_start 80 24 env TERM=screen-256color "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"
tm capture-pane -e -p -t t > colour.txt
grep -q "${esc}\[3[0-7]m\|${esc}\[38" colour.txt || t_fail "no colour escape in the capture"
tm_keys C-q
tm_wait_exit
tm_stop

t "NO_COLOR=1: no colour at all, bold and reverse video remain"
tm_start 80 24 env TERM=screen-256color NO_COLOR=1 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"
tm capture-pane -e -p -t t > plain.txt
grep -q "${esc}\[3[0-7]m\|${esc}\[38\|${esc}\[4[0-7]m" plain.txt && t_fail "colour escape with NO_COLOR"
grep -q "${esc}\[7m\|${esc}\[1m\|;7m\|;1m" plain.txt || t_fail "no bold or reverse video left"
tm_keys C-q
tm_wait_exit
tm_stop

t "under ja_JP.UTF-8 the interface is Japanese"
TM_LANG=ja_JP.UTF-8 tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "問題: 0"
tm_wait "F1 ヘルプ"
tm_wait "(必須)"
tm_keys C-g
tm_wait "移動する取組項目の番号:"
tm_type 6
tm_keys Enter F4 Tab Right
tm_wait "問題: 1"
tm_wait "課題と改善策 (必須)"
tm_keys Tab
tm_wait "「目標の達成」が「目標未達成」のときは「課題と改善策」は必須です"
tm_keys C-q
tm_wait "終了する前に sheet.rec への変更を保存しますか?"
tm_keys d
tm_wait_exit
done_testing
