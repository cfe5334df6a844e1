# Mouse clicks (as the terminal reports them: X10 encoding, ESC [ M b x y) focus fields, put
# the caret where clicked, and pick options.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
click() { # column row (0-based): press and release of button 1
    tm_type "$(printf '\033[M %b%b\033[M#%b%b' "$(printf '\\%03o' $(( $1 + 33 )))" \
        "$(printf '\\%03o' $(( $2 + 33 )))" "$(printf '\\%03o' $(( $1 + 33 )))" \
        "$(printf '\\%03o' $(( $2 + 33 )))")"
}
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"

t "a click in a text focuses the field and puts the caret on the clicked character"
row=$(( $(tm_line_of "    介護保険制度を運営していくうえで") - 1 ))
click 10 "$row"
tm_wait "> 趣旨・目的"
tm_wait_cursor "10,$row"
click 15 "$row"                               # the right half of the wide character at 14
tm_wait_cursor "14,$row"
click 11 "$row"                               # and of the one at 10: the caret moves back
tm_wait_cursor "10,$row"

t "a click on an option picks it"
tm_keys F4
tm_wait "> 当年度の取組実績及び目標の達成状況"
row=$(( $(tm_line_of "( ) 目標達成   (*) 目標未達成") - 1 ))
click 6 "$row"
tm_wait "(*) 1: 目標達成   ( ) 2: 目標未達成"
tm_wait "> 目標の達成"
tm_keys C-q
tm_wait "[D] discard changes"
tm_keys d
tm_wait_exit
done_testing
