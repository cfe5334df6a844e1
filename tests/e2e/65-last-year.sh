# In Japanese at 80x24: a sheet made with `new --from` names last year's (Previous); Ctrl-P
# shows last year's value of the focused field read-only below it (control characters
# escaped), follows the focus and the item, and hides again; typing still goes into this
# year's field and last year's file is never written.  No previous sheet, or a missing one,
# is said clearly; `edit --previous` names one for a session.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
mkdir h29 h30
# Last year's 目標 of item 1 holds an escape character: shown escaped, never sent raw.
sed 's/^Plan_Goal: 27年度(実績)97.53%/Plan_Goal: 27年度\x1b[31m(実績)97.53%/' \
    "$TOP/sample-data/taisho-h29.rec" > h29/taisho.rec
grep -q "$(printf '\033')" h29/taisho.rec || t_fail "the test's escape character is not there"
cp h29/taisho.rec last-year.orig
"$TORIKUMI" new --from h29/taisho.rec h30/taisho.rec || t_fail "new --from"
expect_eq "$(recsel -t Sheet -P Previous h30/taisho.rec)" "../h29/taisho.rec" "Previous"
TM_LANG=ja_JP.UTF-8
tm_start 80 24 "$TORIKUMI" h30/taisho.rec
tm_wait "取組項目 1/23"

t "Ctrl-P shows last year's value of the focused field, labelled 前年度, read-only"
tm_keys F4
tm_wait "> 当年度の取組実績及び目標の達成状況"
tm_keys Tab Tab
tm_wait "> 課題と改善策"
tm_keys C-p
tm_wait "[前年度 (読み取り専用) 平成29年度] 課題と改善策  取組項目 1【"
tm_wait "平成29年度の収納率については"
tm_type "新しい課題"
tm_wait "新しい課題"
tm_wait "平成29年度の収納率については"

t "from 150 columns the pane is beside the form, below it again when narrower"
before=$(tm_screen)
tm_resize 160 40
tm_wait_change "$before"
tm_wait "^Q 終了  ^Z 元に戻す"                   # drawn again: one row of keys at 160
expect_eq "$(tm_line_of "[前年度 (読み取り専用)")" 2 "the pane's title beside the form's first row"
tm_screen | grep -q '^ \[前年度' && t_fail "the pane is below at 160 columns"
before=$(tm_screen)
tm_resize 80 24
tm_wait_change "$before"
tm_wait "^Z 元に戻す  F5 一覧  F6 問題  ^G 番号へ  ^F 検索  ^N 新規  ^E エディタ"   # two rows again
tm_screen | grep -q '^ \[前年度' || t_fail "the pane is not below at 80 columns"

t "the pane follows the focus, escapes control characters, and follows the item"
tm_keys F2
tm_wait "> 趣旨・目的"
tm_keys Tab Tab
tm_wait "] 目標  取組項目 1【"
tm_wait "27年度^[[31m(実績)97.53%"
tm_keys F8
tm_wait "取組項目 2/23"
tm_wait "取組項目 2【歳入の確保 国民健康保険"

t "Ctrl-P again hides it; saving writes this year's sheet only"
tm_keys C-p
tm_wait "前年度の内容を隠しました"
tm_wait_gone "前年度 (読み取り専用)"
tm_keys C-s
tm_wait "保存しました"
tm_keys C-q
tm_wait_exit
expect_eq "$(recsel -t Initiative -e 'No = 1' -P End_Issues h30/taisho.rec)" "新しい課題" "this year's field"
expect_same_file h29/taisho.rec last-year.orig
tm_stop

t "no previous sheet, or a missing one, is said clearly"
cp "$TOP/sample-data/taisho-h29.rec" plain.rec
tm_start 80 24 "$TORIKUMI" plain.rec
tm_wait "取組項目 1/23"
tm_keys C-p
tm_wait "前年度のシートが分かりません: torikumi new --from"
tm_keys C-q
tm_wait_exit
tm_stop
mv h29/taisho.rec h29/moved.rec
tm_start 80 24 "$TORIKUMI" h30/taisho.rec
tm_wait "取組項目 1/23"
tm_keys C-p
tm_wait "前年度のシートを読めません: h30/../h29/taisho.rec"
tm_screen | grep -q "前年度 (読み取り専用)" && t_fail "a pane is shown without last year's sheet"
tm_keys C-q
tm_wait_exit
tm_stop

t "edit --previous names last year's sheet for a session; a missing one is refused"
expect_exit 2 "$TORIKUMI" edit --previous gone.rec plain.rec
expect_err_contains "--previous gone.rec"
tm_start 80 24 "$TORIKUMI" edit --previous h29/moved.rec plain.rec
tm_wait "取組項目 1/23"
tm_keys C-p
tm_wait "[前年度 (読み取り専用) 平成29年度] 番号  取組項目 1【"
tm_keys C-q
tm_wait_exit
done_testing
