# The supervisor's third question, on the 24 wards' sheets (scripts/gen-wards.sh): everything
# about 防災.  / 防災 Enter l: the items hit, one row per item with its number of hits and the
# fields they are in (4 keys, the typed word counted as one: an IME commits it at once); Enter
# opens one at its first hit, n/N still walk the occurrences, F8 goes to the next item hit (one
# key per item).  /目標未達成 finds the items whose chosen result has that label.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
sh "$TOP/scripts/gen-wards.sh" sheets
KEYS=0
key() { KEYS=$((KEYS + $#)); tm_keys "$@"; }
# What the screen must say, counted from the files: items (records) holding 防災, and hits.
items=$(cat sheets/*.rec | awk '/^No: /{inrec=1; hit=0} inrec && /防災/ && !hit {n++; hit=1} /^$/{inrec=0} END{print n}')
hits=$(grep -o 防災 sheets/*.rec | wc -l)
[ "$items" -gt 50 ] || t_fail "the generated set has only $items items with 防災"
tm_start 80 24 "$TORIKUMI" view sheets/*.rec
tm_wait "[1/24] ward-01.rec"

t "/ 防災 Enter l: the $items items hit, with their hit counts and fields, in 4 keys"
key /
tm_wait "Find:"
KEYS=$((KEYS + 1)); tm_type "防災"
key Enter
tm_wait "match 1/"
tm_wait "(l: the items hit)"
key l
tm_wait "取組項目 with \"防災\": $items ($hits matches)"
[ $KEYS -le 10 ] || t_fail "$KEYS keys to the first answer"
# 北区 6 holds 防災 in two fields, three times (the sample's text and the generator's twice).
tm_screen | grep -q "^ 北区  *6  .* 3  取組の概要, 取組の内容" || { t_fail "no row for 北区 6 with 3 hits"; tm_screen; }
tm_screen | grep -q "^ 北区  *>5  .* 1  取組の内容" || { t_fail "no row for 北区 5 with 1 hit"; tm_screen; }

t "Enter opens the item at its first hit, highlighted; n walks the occurrences"
key Down Enter
tm_wait "取組項目 6/23"
tm_wait "item 2/$items with \"防災\": 3 matches here"
tm capture-pane -e -p -t t | grep -q "7m防災" || t_fail "the hit is not in reverse video"
key n
tm_wait "match 3/$hits: 防災"
key N
tm_wait "match 2/$hits: 防災"

t "F8 reads on: the next item hit, one key per item"
before=$KEYS
for i in 3 4 5 6 7; do
    key F8
    tm_wait "item $i/$items with \"防災\""
done
expect_eq "$((KEYS - before))" 5 "keys for 5 items"
key F7
tm_wait "item 6/$items with \"防災\""

t "/目標未達成 finds the items whose result is 目標未達成 (a chosen option's label)"
key /
tm_wait "Find:"
tm_type "目標未達成"
key Enter
tm_wait "取組項目 with \"目標未達成\": 138 (138 matches)"
tm_screen | grep -q "^ 北区  *>3  .* 1  目標の達成" || { t_fail "no row for 北区 3"; tm_screen; }
key Enter
tm_wait "item 1/138 with \"目標未達成\""
tm_wait "> 目標の達成"
key q
tm_wait_exit
done_testing
