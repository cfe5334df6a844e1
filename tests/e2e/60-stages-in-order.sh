# Stages in order, in Japanese at 80x24: 年度評価 completes only after 計画, never without a title;
# the mid-year review may stay open.  The sheet starts from last year's (new --from).
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
"$TORIKUMI" new --from "$TOP/sample-data/taisho-h29.rec" --year 平成30 sheet.rec || exit 1
TM_LANG=ja_JP.UTF-8
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"

t "F9 on 年度評価 before 計画 is complete is refused, saying why"
tm_keys F4
tm_wait "> 当年度の取組実績及び目標の達成状況"
tm_type "実績"
tm_keys Tab 1
tm_keys F9
tm_wait "年度評価 はまだ完了にできません:"
tm_wait "年度評価 完了: 年度評価 は 計画 を完了にした後でなければ完了にでき"
tm_keys Escape
tm_wait_gone "はまだ完了にできません"

t "once 計画 is complete, 年度評価 completes with 中間振り返り still open"
tm_keys F2
tm_wait "== 計画 =="
tm_keys F9
tm_wait "計画 を完了にしました"
tm_keys F4
tm_wait "> 当年度の取組実績及び目標の達成状況"
tm_keys F9
tm_wait "年度評価 を完了にしました"

t "an item without a title completes no stage"
tm_keys C-n
tm_wait "取組項目 24/24"
tm_keys F4
tm_wait "> 当年度の取組実績及び目標の達成状況"
tm_type "実績"
tm_keys Tab 1
tm_keys F9
tm_wait "年度評価 を完了にするには 取組項目名 の記入が必要です"
tm_keys Escape
tm_keys C-s
tm_wait "保存しました"
tm_keys C-q
tm_wait_exit
for f in Plan_Done:yes Mid_Done: End_Done:yes; do
    expect_eq "$(recsel -t Initiative -e 'No = 1' -P "${f%%:*}" sheet.rec)" "${f#*:}" "item 1 ${f%%:*}"
done
expect_eq "$(recsel -t Initiative -e 'No = 24' -P End_Done sheet.rec)" "" "item 24 not complete"

t "F5 on an empty sheet says there is no item yet, not that nothing matches a filter"
"$TORIKUMI" new --ward 大正区 --year R2 empty.rec || t_fail "new --year R2"
tm_start 80 24 "$TORIKUMI" empty.rec
tm_wait "取組項目 0/0"
tm_keys F5
tm_wait "取組項目がありません (Ctrl-N で追加できます)"
tm_screen | grep -q "絞り込み" && t_fail "the empty list speaks of filters"
tm_keys Escape C-q
tm_wait_exit
done_testing
