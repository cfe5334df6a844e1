# Bracketed paste inserts pasted text as text: line breaks kept, CR LF made LF, escape
# sequences and other control characters dropped; a pasted Ctrl-Q or newline is no command.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
"$TORIKUMI" new --ward 大正区 --year 2017 --items 1 sheet.rec || exit 1
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/1"
tm_keys Tab
tm_type "題名"
tm_keys F3 Tab Tab                            # 中間振り返り / 課題と改善策
tm_wait "> 課題と改善策"

t "a paste with escape sequences, CR LF, a tab, NUL-like and C1 controls"
tm_paste "$(printf '赤\033[31m字\033[0mです\r\n二行目\tタブ\001\021\302\233終')"
tm_wait "赤字です"
tm_wait "二行目"
tm_screen > screen.txt
grep -q "$(printf '\033')" screen.txt && t_fail "raw ESC reached the screen capture"
tm_screen | grep -F -q "[31m" && t_fail "the escape sequence's text was kept"

t "the pasted Ctrl-Q did not quit; the editor still runs and the paste is one undo step"
tm_wait "sheet.rec [+]"
tm_keys C-z
tm_wait_gone "赤字です"
tm_keys C-y
tm_wait "赤字です"
tm_keys C-s
tm_wait "saved sheet.rec"
tm_keys C-q
tm_wait_exit

t "the stored value is exactly the text, with the line break and the tab"
expect_exit 0 recsel -t Initiative -P Mid_Issues sheet.rec
printf '赤字です\n二行目\tタブ終\n' > want.txt
expect_same_file "$OUT" want.txt
expect_exit 0 recfix --check sheet.rec
done_testing
