# The supervisor's second question, on the 24 wards' sheets (scripts/gen-wards.sh): which wards
# have not finished their mid-year review?  F5 i i w: the per-ward table of the items whose
# 中間振り返り is not complete, one row per ward with its count (4 keys); Down Enter filters
# the list to one ward.  Sheets of two fiscal years get a year column.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
sh "$TOP/scripts/gen-wards.sh" sheets
KEYS=0
key() { KEYS=$((KEYS + $#)); tm_keys "$@"; }
# A table row: the ward, then its numbers (items, not complete, complete, problems, ...).
expect_row() { # ward items not-complete complete
    tm_screen | grep -q "^[ >]$1  *$2  *$3  *$4 " ||
        { t_fail "no row: $1 $2 $3 $4"; tm_screen; }
}
tm_start 80 24 "$TORIKUMI" view sheets/*.rec
tm_wait "[1/24] ward-01.rec"

t "F5 i i w: the wards whose 中間振り返り is not complete, with their counts, in 4 keys"
key F5 i i
tm_wait "List of 取組項目 (72)  [中間振り返り not complete]"
key w
tm_wait "Per ward: 8 wards, 72 取組項目  [中間振り返り]"
[ $KEYS -le 10 ] || t_fail "$KEYS keys to the first answer"
expect_row 北区 2 2 0
expect_row 此花区 4 4 0
expect_row 港区 6 6 0
expect_row 浪速区 8 8 0
expect_row 東淀川区 10 10 0
expect_row 旭区 12 12 0
expect_row 阿倍野区 14 14 0
expect_row 東住吉区 16 16 0
expect_row All 72 72 0
tm_screen | grep -q "^ 都島区" && t_fail "a ward that finished is listed"

t "Down Enter: the list keeps that ward's items, with the stage's fields beside them"
key Down Enter
tm_wait "List of 取組項目 (4)  [中間振り返り not complete]  [此花区]"
tm_wait "取組内容の実施見込み: not chosen"

t "w on the whole list: every ward, and i counts another stage"
key a w
tm_wait "Per ward: 24 wards, 552 取組項目  [中間振り返り]"
expect_row 都島区 23 0 23
expect_row 港区 23 6 17
key i
tm_wait "Per ward: 24 wards, 552 取組項目  [年度評価]"
expect_row 港区 23 0 23
key Escape
tm_wait "List of 取組項目 (552)"
key q q
tm_wait_exit

t "sheets of two fiscal years: a year column tells them apart"
mkdir later
sed 's/^FiscalYear: 2017$/FiscalYear: 2018/' sheets/ward-07.rec > later/ward-07.rec
tm_start 80 24 "$TORIKUMI" view sheets/ward-07.rec later/ward-07.rec
tm_wait "[1/2] ward-07.rec"
tm_keys F5 w
tm_wait "Year"
tm_wait "港区  平成29年度     23             6"
tm_wait "港区  平成30年度     23             6"
t "the list has a year column too, and the ward filter keeps one year"
tm_keys Escape
tm_wait "List of 取組項目 (46)"
tm_screen | sed -n 2p | grep -q "^Ward  *Year  *No " || { t_fail "no year column"; tm_screen | sed -n 1,4p; }
tm_screen | grep -q "^ 港区  *2017  *>1 " || { t_fail "no 2017 row"; tm_screen | sed -n 1,4p; }
tm_keys w Down Enter
tm_wait "[港区 平成30年度]"
tm_wait "List of 取組項目 (23)"
tm_screen | grep -q "^ 港区  *2018  *>1 " || { t_fail "no 2018 row"; tm_screen | sed -n 1,4p; }
tm_keys q q
tm_wait_exit
done_testing
