# The clerk's main path: open the sample, go to 取組項目 6, set 目標未達成, see the problem
# appear at once, type the 課題と改善策 in Japanese as an IME commits it, see it go, save,
# quit, and find the text in the file with recsel.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
chmod 640 sheet.rec

tm_start 80 24 "$TORIKUMI" sheet.rec
t "the editor opens on 取組項目 1 with no problems"
tm_wait "取組項目 1/23  problems: 0"
tm_wait "歳入の確保(介護保険料現年度"

t "Ctrl-G 6 goes to 取組項目 6"
tm_keys C-g
tm_wait "Go to 取組項目 number:"
tm_type 6
tm_keys Enter
tm_wait "取組項目 6/23"
tm_wait "人と人とのつながりづくり"

t "F4 jumps to 年度評価, Tab to 目標の達成; choosing 目標未達成 makes 課題と改善策 required at once"
tm_keys F4 Tab
tm_wait "> 目標の達成"
tm_keys Right
tm_wait "(*) 2: 目標未達成"
tm_wait "problems: 1"
tm_wait "課題と改善策 (required)  [!] 課題と改善策 is required when"

t "on 課題と改善策 the message line spells the problem out"
tm_keys Tab
tm_wait "> 課題と改善策 (required)"
tm_wait "課題と改善策 is required when 目標の達成 is 目標未達成"

t "typing Japanese into 課題と改善策 clears the problem"
tm_type "地域の会議で周知を強化し、参加を呼びかける。"
tm_wait "地域の会議で周知を強化し、参加を呼びかける。"
tm_wait "problems: 0"
tm_wait "sheet.rec [+]"

t "the caret sits right after the typed text"
row=$(tm_line_of "地域の会議で周知を強化し")
expect_eq "$(tm_cursor)" "$((4 + 44)),$((row - 1))" "cursor x,y"

t "Ctrl-S saves; the modified mark goes"
tm_keys C-s
tm_wait "saved sheet.rec"
tm_wait_gone "sheet.rec [+]"

t "Ctrl-Q quits at once when everything is saved"
tm_keys C-q
tm_wait_exit
expect_eq "$TM_STATUS" 0 "exit status"
tm_stop

t "recsel finds the text and the choice in item 6, the file passes both checkers"
expect_exit 0 recsel -t Initiative -e 'No = 6' -P End_Issues,End_Result sheet.rec
expect_out_contains "地域の会議で周知を強化し、参加を呼びかける。"
expect_out_contains "not_achieved"
expect_exit 0 "$TORIKUMI" check sheet.rec
expect_exit 0 recfix --check sheet.rec
expect_exit 0 recsel -t Initiative -e 'No = 6' -P Updated sheet.rec
grep -E -q '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2} [^ ]+$' "$OUT" ||
    t_fail "Updated is not 'ISO-8601-time login': $(cat "$OUT")"

t "only item 6 changed, the mode was kept"
diff "$TOP/sample-data/taisho-h29.rec" sheet.rec > d.txt
expect_eq "$(grep -c '^[<>]' d.txt)" 4 "changed lines (End_Result, End_Issues, Updated)"
expect_eq "$(stat -c %a sheet.rec)" 640 "mode"
done_testing
