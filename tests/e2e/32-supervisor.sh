# A supervisor's questions, answered from `torikumi view` without the manual: which initiatives
# did not reach their goal (F5, filters, counts) and what do they plan (open one, 課題と改善策);
# search matches Japanese as typed (half-width ｶﾀｶﾅ finds カタカナ, Ａ finds A), highlighted,
# with its position N/M.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
mkdir sheets
cp "$TOP/sample-data/taisho-h29.rec" sheets/taisho.rec
# 港区: item 2 did not reach its goal and says why; item 3 did not either, but says nothing
# (its year-end stage is marked complete with a problem).
sed -e 's/^Ward: 大正区$/Ward: 港区/' -e '/^No: 2$/,/^$/s/^End_Result: achieved$/End_Result: not_achieved\nEnd_Issues: 港区の改善策/' \
    -e '/^No: 3$/,/^$/s/^End_Result: achieved$/End_Result: not_achieved/' \
    "$TOP/sample-data/taisho-h29.rec" > sheets/minato.rec
tm_start 100 30 "$TORIKUMI" view sheets/taisho.rec sheets/minato.rec
tm_wait "[1/2] taisho.rec"
t "the status line counts this sheet's problems, then all open sheets'"
tm_wait "problems: 0  (all sheets: 1)"

t "F5 lists both wards with the counts of what is shown"
tm_keys F5
tm_wait "List of 取組項目 (46)"
tm_screen | sed -n 2p | grep -q "^Ward  *No  *取組項目名" || { t_fail "no ward column"; tm_screen | sed -n 1,4p; }
tm_wait " 港区 "
tm_wait "46 取組項目: 目標達成 30, 目標未達成 16, not chosen 0; items with problems: 1"
t "a stage complete with problems is counted apart, as the filters count it"
tm_wait "complete: 計画 46 中間振り返り 0 年度評価 45+1[!]"

t "r filters by result: 目標達成, then 目標未達成 (the counts follow)"
tm_keys r
tm_wait "[目標達成]"
tm_keys r
tm_wait "List of 取組項目 (16)  [目標未達成]"
tm_wait "16 取組項目: 目標達成 0, 目標未達成 16"

t "s sorts by state; i keeps only a stage not complete; a shows all again"
tm_keys s
tm_wait "[by state]"
tm_keys i
tm_wait "[計画 not complete]"
tm_wait "Nothing matches these filters."
tm_keys a
tm_wait "List of 取組項目 (46)"

t "sorted by state, the item complete with a problem comes first; s again sorts by number"
tm_screen | sed -n 3p | grep -q "港区 .*3!" || { t_fail "the first row is not 港区 3!"; tm_screen | sed -n 1,5p; }
tm_keys s
tm_wait "[by number]"

t "opening a 目標未達成 item shows what they plan (課題と改善策)"
tm_keys r r
tm_wait "List of 取組項目 (16)"
tm_keys Enter
tm_wait "取組項目 1/23"
tm_keys F4
tm_wait "平成29年度の収納率については平成30年5月末まで確定しないため"

t "F8 then goes to the next item of the filtered list, F7 back; the status line says where"
tm_keys F8
tm_wait "取組項目 8/23"
tm_wait "2/16 of the list [目標未達成]"
tm_keys F7
tm_wait "取組項目 1/23"
tm_wait "1/16 of the list [目標未達成]"
tm_keys F7
tm_wait "this is the first one of the list [目標未達成]"

t "search: half-width katakana finds full-width, highlighted, with its position"
tm_keys g /
tm_wait "Find:"
tm_type "ｺﾝﾌﾟﾗｲｱﾝｽ"
tm_keys Enter
tm_wait "取組項目 4/23"
tm_wait "match 1/"
tm capture-pane -e -p -t t > colours.txt
grep -q "$(printf '\033')\[7mコンプライアンス" colours.txt || grep -q "7mコンプライアンス" colours.txt ||
    t_fail "the match is not in reverse video"
tm_keys n
tm_wait "match 2/"

t "full-width letters and digits find ASCII ones: ＰＤＣＡ finds PDCA in both wards"
tm_keys /
tm_type "ＰＤＣＡ"
tm_keys Enter
tm_wait "PDCA"
tm_wait "match "
tm_keys N
tm_wait "match "
tm_keys q
tm_wait_exit
done_testing
