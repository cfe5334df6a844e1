# Resizing at any moment re-lays the screen without losing anything: 80x24 -> 200x60 -> too
# small -> 80x24, in the middle of typing.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec

tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"
tm_keys F2                                   # 計画 / 趣旨・目的 of item 1
tm_wait "> 趣旨・目的"
tm_keys C-End 2>/dev/null; tm_keys End

t "at 80 columns the purpose of item 1 wraps onto three rows"
tm_wait "    介護保険制度を運営していくうえで大切な財源である保険料の滞納は、期限内に保"
tm_type "（追記）"

t "at 200x60 the same text is re-laid on two rows of 194 columns (97 characters); the caret follows"
tm_resize 200 60
tm_wait "    介護保険制度を運営していくうえで大切な財源である保険料の滞納は、期限内に保険料を納付している被保険者との負担の公平性からみても適切でなく、安定したサービスを提供していくためにも、歳入の確保に積極"
tm_wait "    的に取り組む必要がある。（追記）"
row=$(tm_line_of "    的に取り組む必要がある。（追記）")
expect_eq "$(tm_cursor)" "$((4 + 32)),$((row - 1))" "cursor"
t "the whole screen is used: all keys fit on row 59, the status line is row 57"
expect_eq "$(tm_screen | sed -n 59p | cut -c1-7)" "F1 Help" "key bar row"
tm_screen | sed -n 59p | grep -q "\^E Editor" || t_fail "row 59 lacks ^E Editor"
expect_eq "$(tm_screen | sed -n 57p | cut -c1-14)" "sheet.rec [+] " "status row"

t "typing goes on at the caret after the resize"
tm_type "確認"
tm_wait "（追記）確認"

t "smaller than 80x24: a plain notice, and nothing is lost"
tm_resize 60 20
tm_wait "Terminal too small: 60x20"
tm_resize 80 24
tm_wait "> 趣旨・目的"
tm_wait "（追記）確認"
tm_wait "sheet.rec [+]"
tm_type "。"
tm_keys C-s
tm_wait "saved sheet.rec"
tm_keys C-q
tm_wait_exit
expect_exit 0 recsel -t Initiative -e 'No = 1' -P Plan_Purpose sheet.rec
expect_out_contains "歳入の確保に積極的に取り組む必要がある。（追記）確認。"
done_testing
