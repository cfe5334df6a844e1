# F5 lists the items with each stage's state and the result; F6 lists the problems; Enter
# jumps to one; Ctrl-F finds text in any item.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
# Two problems to find: item 4 without its title, item 20 without its 課題と改善策.
awk '/^No: /{no=$2} !((no == 4 && /^Title: /) || (no == 20 && /^End_Issues: /))' \
    "$TOP/sample-data/taisho-h29.rec" > sheet.rec
tm_start 100 30 "$TORIKUMI" sheet.rec
tm_wait "problems: 2"

t "F5: the list shows states and results"
tm_keys F5
tm_wait "List of 取組項目 (23)"
tm_wait "計画"
tm_wait "complete [!]"
tm_wait "目標未達成"
tm_keys Down Down Down Down Down
tm_keys Enter
tm_wait "取組項目 6/23"

t "F6: both problems, by line; Enter jumps to item 20's 課題と改善策"
tm_keys F6
tm_wait "Problems: 2 errors, 0 warnings"
tm_wait "取組項目 4  取組項目名: 取組項目名 is required"
tm_wait "取組項目 20  年度評価/課題と改善策:"     # two stages have a 課題と改善策
tm_keys Down Enter
tm_wait "取組項目 20/23"
tm_wait "> 課題と改善策 (required)"

t "Ctrl-F finds text in another item and puts the caret on it"
tm_keys C-f
tm_wait "Find:"
tm_type "T-1ライブグランプリ"
tm_keys Enter
tm_wait "取組項目 8/23"
row=$(tm_line_of "T-1ライブグランプリ")
expect_eq "$(tm_cursor | cut -d, -f2)" "$((row - 1))" "caret row on the match"

t "Ctrl-F Enter repeats the search: the next match"
tm_keys C-f
tm_wait "Find: T-1ライブグランプリ"
tm_keys Enter
tm_wait "取組項目"
tm_keys C-f
tm_keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
tm_type "存在しない言葉"
tm_keys Enter
tm_wait "not found: 存在しない言葉"
tm_keys C-q
tm_wait_exit
done_testing
