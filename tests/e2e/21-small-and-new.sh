# A terminal smaller than 80x24 gets a plain notice; a clerk fills in a whole new initiative
# (all three stages) with Ctrl-N, Tab and F9, and the sheet passes both checkers.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec

tm_start 70 20 "$TORIKUMI" sheet.rec
t "70x20 says so plainly"
tm_wait "Terminal too small: 70x20. torikumi needs at least 80x24."
tm_resize 80 24
tm_wait "取組項目 1/23"

t "Ctrl-N adds 取組項目 24 and puts the caret on its title"
tm_keys C-n
tm_wait "new 取組項目 24 added"
tm_wait "取組項目 24/24"
tm_wait "> 取組項目名 (required)"
tm_type "新しい取組"
tm_keys F2
tm_wait "> 趣旨・目的"
tm_type "目的を書く"
tm_keys Tab
tm_type "概要を書く"
tm_keys Tab
tm_type "目標を書く"
tm_keys Tab
tm_type "内容を書く"
tm_keys Tab
tm_type "今年度の目標"
tm_keys F9
tm_wait "計画 marked complete"
tm_keys F3
tm_wait "> 取組内容の実施見込み"
tm_keys 1 Tab 1 F9
tm_wait "中間振り返り marked complete"
tm_keys F4
tm_wait "> 当年度の取組実績及び目標の達成状況"
tm_type "実績を書く"
tm_keys Tab 2 Tab
tm_type "課題を書く"
tm_keys F9
tm_wait "年度評価 marked complete"
tm_wait "problems: 0"
tm_keys C-s
tm_wait "saved sheet.rec"
tm_keys C-q
tm_wait_exit

t "the new item is in the file, complete, and both checkers pass"
expect_exit 0 recsel -t Initiative -e 'No = 24' -P Title,Plan_Done,Mid_Done,End_Result,End_Done sheet.rec
expect_eq "$(tr '\n' ' ' < "$OUT")" "新しい取組 yes yes not_achieved yes " "item 24"
expect_exit 0 "$TORIKUMI" check sheet.rec
expect_exit 0 recfix --check sheet.rec

t "numbers as a Japanese IME types them: Ctrl-G ２４, and ２５ typed into 番号 is stored as 25"
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/24"
tm_keys C-g
tm_type "２４"
tm_keys Enter
tm_wait "取組項目 24/24"
tm_keys F2
tm_focus_back "番号"
tm_keys End BSpace BSpace
tm_wait "| 取組項目 ? "
tm_type "２５"
tm_wait "| 取組項目 25 "
tm_keys C-s
tm_wait "saved sheet.rec"
tm_keys C-q
tm_wait_exit
expect_exit 0 recsel -t Initiative -e 'No = 25' -P Title sheet.rec
expect_out_contains "新しい取組"
done_testing
