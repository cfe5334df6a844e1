# In Japanese at 80x24: every question's keys are on screen and Esc picks the safe one; keys
# that do nothing say so (naming F1); a choice field says which keys choose.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
TM_LANG=ja_JP.UTF-8
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"

t "the changed-on-disk question shows its cancel key at 80 columns, and Esc cancels"
tm_keys Tab Tab
tm_wait "> 副題"
tm_type "わたしの副題"
tm_wait "sheet.rec [+]"
# Someone else gives item 1 a 副題 too: the same field on both sides asks (a change
# of another field alone would be merged without a question).
sed -i -e 's/^Plan_Goal: 27年度(実績)97.53%/Plan_Goal: 27年度(実績)97.54%/' \
    -e 's/^No: 1$/&\nSubtitle: 他の人の副題/' sheet.rec
grep -q '^Subtitle: 他の人の副題' sheet.rec || t_fail "the test's outside change was not made"
tm_keys C-s
tm_wait "[O] 自分の内容で上書き"
tm_wait "[C] 取消 (Esc)"
tm_keys Escape
tm_wait "保存していません"
grep -q '97.54%' sheet.rec || t_fail "the file was overwritten on Esc"
grep -q 'わたしの副題' sheet.rec && t_fail "Esc saved"

t "typing on a choice field says which keys choose; a key that does nothing names F1"
tm_keys F3
tm_wait "> 取組内容の実施見込み"
tm_type "あ"
tm_wait "「取組内容の実施見込み」は選択欄です: 1〜2 か Space で選び、Backspace で消します"
tm_keys F12
tm_wait "このキーはここでは使えません (F1 でキーの一覧)"
tm_keys C-b
tm_wait_gone "選択欄です"
tm_wait "このキーはここでは使えません (F1 でキーの一覧)"

t "number messages: Ctrl-G without a number, a number used twice, a number too large"
tm_keys C-g Enter
tm_wait "移動する取組項目の番号を入力してください"
tm_keys C-g
tm_type "abc"
tm_keys Enter
tm_wait "「abc」は番号ではありません。移動する取組項目の番号を入力してください"
tm_focus_back "番号" 20
tm_keys End BSpace
tm_type 3
tm_wait "番号 3 はシートの 3 番目の取組項目"
tm_type "1234567890"
tm_wait "「31234567890」は大きすぎます (999999999 まで)"

t "word-processor keys: by word (Ctrl-Left, Alt-b), Ctrl-W, Ctrl-U, Ctrl-Home/End"
tm_keys Tab Tab
tm_wait "> 副題"
tm_keys C-u
tm_wait "> 副題                                                                   0/200"
tm_type "改善策を検討する 97.53%"
tm_wait "改善策を検討する 97.53%"
tm_keys C-Left C-w                            # before %, then 53 goes
tm_wait "改善策を検討する 97.%"
tm_keys C-Left C-w
tm_wait "改善策を検討する .%"
tm_keys M-b C-w                               # back over the blank and する; 検討 goes
tm_wait "改善策をする .%"
tm_keys C-Home C-Right C-w
tm_wait "をする .%"
tm_wait_gone "改善策"
tm_keys C-End C-u
tm_wait_gone "をする .%"
tm_keys C-z
tm_wait "をする .%"

t "half-width katakana: the warning offers Ctrl-K, which makes it full width (undoable)"
tm_keys C-u
tm_type "ｶﾞｲﾄﾞﾌﾞｯｸ"
tm_wait "(Ctrl-K で全角に)"
tm_keys C-k
tm_wait "ガイドブック"
tm_wait "半角カタカナを全角にしました (Ctrl-Z で元に戻せます)"
tm_wait_gone "(Ctrl-K で全角に)"
tm_keys F1 NPage NPage NPage NPage NPage      # F1 explains the [?] mark, at its end
tm_wait "[?]"
tm_wait "警告 (半角カタカナ): 保存も完了もできます"
tm_keys Escape
tm_wait_gone "保存も完了もできます"
tm_keys C-z
tm_wait "ｶﾞｲﾄﾞﾌﾞｯｸ"

t "F6 names the stage of a field whose label two stages share"
tm_keys F3
tm_wait "> 取組内容の実施見込み"
tm_keys 2
tm_keys F6
tm_wait "中間振り返り/課題と改善策:"
tm_keys Escape

t "keys typed while the terminal is too small are not dropped silently"
tm_resize 70 20
tm_wait "端末が小さすぎます: 70x20"
tm_type "x"
tm_wait "そのキーは使われませんでした: 画面が小さすぎて結果を表示できません。"
tm_keys C-q
tm_wait "終了しません: 保存していない変更があります。"
tm_resize 80 24
tm_wait "取組項目 1/23"

t "the lock notice is Japanese too"
tm_wait "sheet.rec [+]"
first=$TM_SOCK
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "$(hostname) の $(id -un) (pid"
tm_keys C-q                                   # a notice, not a question: editing went ahead
tm_wait_exit
tm_stop
TM_SOCK=$first
done_testing
