# Issue 14, in Japanese at 80x24: a line that fills a field exactly has no empty row after
# it, End puts the caret after a wrapped row's last character, and lines pasted by a
# terminal without bracketed paste (keys with Enter between them) stay in their field.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
"$TORIKUMI" new --ward 大正区 --year 2017 --items 1 sheet.rec || exit 1
TM_LANG=ja_JP.UTF-8
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/1"

# A field is 74 columns wide at 80: 37 wide characters fill a row exactly.
a36=あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもや
a37=${a36}ゆ

t "a full line, Enter and one more line: no empty row between them"
tm_keys F2
tm_wait "> 趣旨・目的"
tm_type "$a37"
tm_wait "$a37"
row=$(tm_line_of "$a37")
expect_eq "$(tm_cursor)" "78,$((row - 1))" "caret beside the full row, after ゆ"
tm_keys Enter
tm_type "え"
tm_wait "    え"
expect_eq "$(tm_screen | sed -n "$((row + 1))p" | sed 's/ *$//')" "    え" "the next line right below"

t "Up and End there, Backspace deletes the ゆ the caret stands after"
tm_keys Up End
expect_eq "$(tm_cursor)" "78,$((row - 1))" "caret after ゆ"
tm_keys BSpace
tm_wait_gone "$a37"
expect_eq "$(tm_screen | sed -n "${row}p" | sed 's/ *$//')" "    $a36" "ゆ gone, the row otherwise whole"
expect_eq "$(tm_screen | sed -n "$((row + 1))p" | sed 's/ *$//')" "    え" "the next line untouched"

t "End on a wrapped row: after its last character, on that row"
tm_keys Tab
tm_wait "> 取組の概要"
tm_type "x${a36}漢字"
tm_wait "    漢字"
row=$(tm_line_of "x${a36}")
tm_keys Up Home End
expect_eq "$(tm_cursor)" "77,$((row - 1))" "caret after や, not before it"
tm_type "z"
tm_wait "x${a36}z"

t "lines pasted as keys into a one-line field stay there, joined by spaces"
tm_keys F2
tm_wait "> 趣旨・目的"
tm_focus_back "取組項目名"
tm_type "$(printf '一行目\n二行目\n三行目')"
tm_wait "【一行目 二行目 三行目】"
tm_wait "> 取組項目名"

t "keys, not a paste: text and Tab Tab at once, or Enter Enter, still move on"
tm_keys "!" Tab Tab
tm_wait "> 趣旨・目的"
tm_wait "【一行目 二行目 三行目!】"
tm_focus_back "取組項目名"
tm_keys Enter Enter
tm_wait "> 趣旨・目的"

t "lines pasted as keys into a multi-line field keep their line breaks and tab there"
tm_keys F3
tm_wait "> 取組内容の実施見込み"
tm_keys Tab Tab
tm_wait "> 課題と改善策"
tm_type "$(printf 'いち\nに\tタブ\nさん')"
tm_wait "    さん"
tm_wait "> 課題と改善策"
t "the too-small screen says that keys wait for a larger window, and a key typed says it was not used"
tm_resize 70 20
tm_wait "それまではほかのキーは使われません。"
tm_type "x"
tm_wait "そのキーは使われませんでした"
tm_resize 80 24
tm_wait "> 課題と改善策"

tm_keys C-s
tm_wait "保存しました"
tm_keys C-q
tm_wait_exit
expect_exit 0 recsel -t Initiative -P Title sheet.rec
expect_eq "$(cat "$OUT")" "一行目 二行目 三行目!" "the title, one line"
expect_exit 0 recsel -t Initiative -P Mid_Issues sheet.rec
printf 'いち\nに\tタブ\nさん\n' > want.txt
expect_same_file "$OUT" want.txt
expect_exit 0 recsel -t Initiative -P Plan_Purpose sheet.rec
expect_eq "$(cat "$OUT")" "$(printf '%s\n%s' "$a36" "え")" "趣旨・目的"
done_testing
