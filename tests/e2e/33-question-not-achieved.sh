# The supervisor's first question, on the 24 wards' sheets (scripts/gen-wards.sh, 552
# initiatives): which initiatives did not reach their goal, and what do they plan about it?
# F5 r r: the list of the 138 目標未達成 items with the selected one's 課題と改善策 beside the
# list (3 keys); then Space reads on, one key per item.  At 80x24, and beside the list at 160x40.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
sh "$TOP/scripts/gen-wards.sh" sheets
KEYS=0
key() { KEYS=$((KEYS + $#)); tm_keys "$@"; }
# The 目標未達成 items in list order (ward order, then number): the generator's rule.
expected() {
    w=1
    while [ $w -le 24 ]; do
        n=1
        while [ $n -le 23 ]; do
            [ $(( (7 * n + 3 * w) % 4 )) -eq 0 ] && echo "$w-$n"
            n=$((n + 1))
        done
        w=$((w + 1))
    done
}
tm_start 80 24 "$TORIKUMI" view sheets/*.rec
tm_wait "[1/24] ward-01.rec"

t "F5 r r: the 目標未達成 list and the first item's 課題と改善策, in 3 keys"
key F5 r r
tm_wait "List of 取組項目 (138)  [目標未達成]"
tm_wait "改善策1-3: 北区では目標に届かなかった。"
tm_wait "課題と改善策"
tm_wait "目標の達成: 目標未達成"
tm_screen | grep -q "^ 北区  *>3 " || { t_fail "the selected row is not on screen"; tm_screen; }
[ $KEYS -le 10 ] || t_fail "$KEYS keys to the first answer"

t "Space reads on: one key per item (and one per further screenful of a long one)"
before=$KEYS
items=0; screens=0
for id in $(expected | sed -n 2,9p); do
    if tm_screen | grep -q -F "(Space: more)"; then
        key Space                               # the rest of this item's pane
        tm_wait_gone "(Space: more)"
        screens=$((screens + 1))
    fi
    key Space
    tm_wait "改善策$id: "
    items=$((items + 1))
done
expect_eq "$((KEYS - before))" "$((items + screens))" "keys for $items items and $screens more screenfuls"
tm_screen | grep -q "^ 都島区  *>10 " || { t_fail "the list does not follow"; tm_screen; }

t "b goes back: to the top of the pane, then the item before"
key b
tm_wait "改善策2-6: "

t "wide: the pane is beside the list, on the same lines"
tm_resize 160 40
tm_wait "|目標の達成: 目標未達成"
line=$(tm_line_of "|目標の達成: 目標未達成")
[ "$line" -le 4 ] || { t_fail "the pane is not beside the list (line $line)"; tm_screen; }
tm_screen | sed -n "${line}p" | grep -q "北区 .*目標未達成 *|" || { t_fail "no list row on the pane's line"; tm_screen; }

t "d hides the pane: the list takes the screen again"
key d
tm_wait_gone "課題と改善策"
key d
tm_wait "課題と改善策"
key q q
tm_wait_exit

t "in Japanese too, at 80x24"
TM_LANG=ja_JP.UTF-8 tm_start 80 24 "$TORIKUMI" view sheets/*.rec
tm_wait "[1/24] ward-01.rec"
tm_keys F5 r r
tm_wait "改善策1-3: 北区では目標に届かなかった。"
tm_wait "課題と改善策"
tm_keys q q
tm_wait_exit
done_testing
