# Wide characters at a field's right edge move whole to the next row; the caret follows.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
"$TORIKUMI" new --ward 大正区 --year 2017 --items 1 sheet.rec || exit 1

# 80 columns: text starts at column 4 and a field is 74 columns wide.
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/1"
tm_keys F2                                  # 計画 / 趣旨・目的
tm_wait "> 趣旨・目的"

t "36 wide characters and one narrow fill 73 columns; the next wide one goes to the next row"
a36=あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもや
tm_type "${a36}x"
tm_wait "${a36}x"
expect_eq "$(tm_cursor)" "77,$(( $(tm_line_of "${a36}x") - 1 ))" "cursor after x"
tm_type "漢字"
tm_wait "    漢字"
row=$(tm_line_of "${a36}x")
expect_eq "$(tm_screen | sed -n "${row}p" | sed 's/ *$//')" "    ${a36}x" "first row, nothing split"
expect_eq "$(tm_screen | sed -n "$((row + 1))p" | sed 's/ *$//')" "    漢字" "second row"
expect_eq "$(tm_cursor)" "8,$row" "cursor after 漢字"

t "37 wide characters fill the row exactly; the caret shows beside the row, after ゆ (issue 14)"
tm_keys Tab
tm_wait "> 取組の概要"
a37=${a36}ゆ
tm_type "$a37"
tm_wait "$a37"
row=$(tm_line_of "$a37")
expect_eq "$(tm_cursor)" "78,$((row - 1))" "cursor beside the full row"

t "Left moves back over a whole wide character; Backspace removes one whole character"
tm_keys Left
expect_eq "$(tm_cursor)" "76,$((row - 1))" "cursor before ゆ"
tm_keys BSpace
tm_wait "${a36%や}ゆ"
expect_eq "$(tm_cursor)" "74,$((row - 1))" "cursor after the removal"

t "Backspace takes a base character with its combining mark (か + U+3099)"
tm_keys End
tm_type "$(printf 'か\343\202\231')"
tm_keys BSpace
tm_keys C-s
tm_wait "saved sheet.rec"
tm_keys C-q
tm_wait_exit
expect_exit 0 recsel -t Initiative -P Plan_Overview sheet.rec
expect_eq "$(cat "$OUT")" "${a36%や}ゆ" "stored text"
done_testing
