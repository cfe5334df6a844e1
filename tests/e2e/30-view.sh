# torikumi view: several wards' sheets together, read-only, paged like less.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
mkdir sheets
cp "$TOP/sample-data/taisho-h29.rec" sheets/taisho.rec
sed -e 's/^Ward: 大正区$/Ward: 港区/' -e 's/^Title: 歳入の確保(介護保険料現年度・滞納繰越分の収納率アップ)$/Title: 港区の最初の取組/' \
    "$TOP/sample-data/taisho-h29.rec" > sheets/minato.rec

tm_start 80 24 "$TORIKUMI" view sheets/taisho.rec sheets/minato.rec
t "both sheets open, read-only; the header shows the ward"
tm_wait "[1/2] taisho.rec [read-only]  取組項目 1/23"
tm_wait "大正区 平成29年度 | 取組項目 1"

t "the key bar shows the pager's keys, not the editing ones; no complete key or counters"
tm_wait "Space/b Page"
tm_wait "q Quit"
tm_screen | grep -q -e "\^S Save" -e "F9 Complete" -e "(F9)" && t_fail "editing keys shown in view mode"
tm_screen | grep -q -E "[0-9]+/4000" && t_fail "a length counter is shown in view mode"

t "F1 starts with the reading keys"
tm_keys F1
tm_wait "Reading (view mode"
reading=$(tm_line_of "Reading (view mode")
thishelp=$(tm_line_of "this help")
[ -n "$reading" ] && { [ -z "$thishelp" ] || [ "$reading" -lt "$thishelp" ]; } ||
    t_fail "the reading section is not first (line $reading, F1 line $thishelp)"
tm_keys Escape
tm_wait_gone "Reading (view mode"

t "Space pages down through an item and on into the next; b pages back"
tm_keys Space
tm_wait "== 中間振り返り =="
tm_keys Space Space
tm_wait "取組項目 2/23"
tm_wait "国民健康保険料"
tm_keys b
tm_wait "取組項目 1/23"
tm_wait "== 年度評価 =="

t "G goes to the last item of the last sheet; F7 and F8 cross from sheet to sheet"
tm_keys G
tm_wait "[2/2] minato.rec [read-only]  取組項目 23/23"
tm_wait "港区 平成29年度 | 取組項目 23"
tm_keys g
tm_wait "[1/2] taisho.rec"
tm_keys C-g
tm_type 23
tm_keys Enter
tm_wait "取組項目 23/23"
tm_keys F8
tm_wait "[2/2] minato.rec [read-only]  取組項目 1/23"
tm_wait "港区の最初の取組"
tm_keys F7
tm_wait "[1/2] taisho.rec [read-only]  取組項目 23/23"

t "/ searches forward across the sheets, n repeats, N goes back"
tm_keys g /
tm_wait "Find:"
tm_type "港区の最初"
tm_keys Enter
tm_wait "[2/2] minato.rec"
tm_keys N
tm_wait "[2/2] minato.rec"

t "a search that goes past the start says it wrapped around; one that does not, does not"
tm_keys g
tm_wait "[1/2] taisho.rec"
tm_keys "?"
tm_type "港区の最初の取組"
tm_keys Enter
tm_wait "[2/2] minato.rec"
tm_wait "(search wrapped around)"
tm_keys g /
tm_type "港区の最初の取組"
tm_keys Enter
tm_wait "[2/2] minato.rec"
tm_wait "match 1/1"
tm_screen | grep -q "search wrapped around" && t_fail "a forward search from the start did not wrap"

t "F6 lists the problems of both sheets (none); q quits"
tm_keys F6
tm_wait "No problems. Every rule of the form is met."
tm_keys Escape q
tm_wait_exit
expect_eq "$TM_STATUS" 0 "exit status"
done_testing
