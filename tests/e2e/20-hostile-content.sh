# Fields holding escape sequences, C1 and bidi controls are shown escaped, never sent raw:
# the screen stays intact.  A file with NUL or invalid UTF-8 is refused before the screen opens.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
"$TORIKUMI" new --ward 大正区 --year 2017 sheet.rec || exit 1
{
    printf '\nNo: 1\nTitle: 見出し\033[2J\033]0;pwned\007\n'
    printf 'Plan_Purpose: 前\302\233[31m中\342\200\256逆\033[H後\n'
} >> sheet.rec

tm_start 80 24 "$TORIKUMI" sheet.rec
t "the screen shows the controls as text and the layout is intact"
tm_wait "取組項目 1/1"
tm_wait "見出し^[[2J^[]0;pwned^G"
tm_wait "前<U+009B>[31m中<U+202E>逆^[[H後"
tm_wait "== 計画 =="
tm_wait "F1 Help"
tm capture-pane -e -p -t t > raw.txt
grep -q "pwned" raw.txt || t_fail "the title is missing"
tm_screen | head -n 1 | grep -q "取組項目 1" || t_fail "the header line was overwritten"

t "typing around them works; check names the control characters"
tm_keys C-q
tm_wait_exit
expect_exit 1 "$TORIKUMI" check sheet.rec
expect_out_contains "Title: control character ^[ at column 4"
expect_out_contains "Plan_Purpose: control character <U+009B> at column 2"
tm_stop

t "NUL and invalid UTF-8 are refused with line and column, before any screen"
printf '\nNo: 2\nTitle: a\000b\n' >> sheet.rec
nul_line=$(wc -l < sheet.rec)
expect_exit 2 "$TORIKUMI" sheet.rec
expect_err_contains "sheet.rec:$nul_line:9: NUL byte at byte"
printf '%%rec: Sheet\n\nForm: kaikaku-2.0\nTitle: \377\n' > bad.rec
expect_exit 2 "$TORIKUMI" bad.rec
expect_err_contains "bad.rec:4:8: invalid UTF-8 byte FF"
done_testing
