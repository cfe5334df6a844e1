# In Japanese at 80x24, nothing is cut without a mark: the F5 list's stage headings fit (中間
# for 中間振り返り), long titles and F6 lines end in "…", a status message that does not fit
# ends in "…" and F1 shows it whole; the length counter keeps a gap before the scroll mark;
# reading (view) offers no item menu in the list.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
# Item 20 without its 課題と改善策: a problem whose F6 line is longer than 80 columns.
awk '/^No: /{no=$2} !(no == 20 && /^End_Issues: /)' "$TOP/sample-data/taisho-h29.rec" > sheet.rec
TM_LANG=ja_JP.UTF-8
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"

t "the form's header ends a long title in …"
tm_screen | head -n 1 | grep -q '【歳入の確保(介護保険料現年度・滞納繰越分の収…$' ||
    t_fail "the header's title is cut without a mark: $(tm_screen | head -n 1)"

t "F5: the stage headings fit their columns, and a cut title ends in …"
tm_keys F5
tm_wait "取組項目の一覧 (23 件)"
heading=$(tm_screen | sed -n 2p)
case "$heading" in
*"計画     中間     年度評価"*) ;;
*) t_fail "stage headings: $heading" ;;
esac
tm_screen | grep -q '^>1    歳入の確保(介護保険料現年度・滞…  完了' ||
    t_fail "item 1's long title does not end in …"
tm_screen | grep -q '^ 3    歳入の確保(広告収入の確保)        完了' ||
    t_fail "a title that fits is not shown whole"

t "the length counter keeps a gap before the scroll mark"
tm_keys Escape
tm_wait "取組項目 1/23"
tm_keys F3
tm_wait "> 取組内容の実施見込み"
tm_keys Up
tm_wait "> 当年度の目標"
tm_wait "35/4000 ^"
tm_screen | grep -E -q '[0-9]/[0-9]+\^' && t_fail "a counter runs into the scroll mark"

t "a status message longer than 80 columns ends in …, and F1 shows it whole"
tm_keys C-t
tm_wait "[R]"
tm_keys n
tm_wait "取組項目 2/23"
tm_keys C-t
tm_wait "[R]"
tm_keys r
tm_wait "番号を振り直しました: 2 件変更 (Ctrl-Z で元に戻せま…"
tm_keys F1
tm_wait "メッセージの全文:"
tm_wait "元に戻せま"
tm_screen | tr -d '\n ' | grep -q '(Ctrl-Zで元に戻せます)' || t_fail "F1 does not show the whole message"
tm_keys Escape
tm_wait "F1 ヘルプ"

t "F6: a problem line longer than 80 columns ends in …, naming the stage of a shared label"
tm_keys F6
tm_wait "問題: エラー 1 件"
line=$(tm_screen | grep -F "取組項目 20  年度評価/課題と改善策:")
case "$line" in
*…) ;;
*) t_fail "the F6 line is cut without a mark: $line" ;;
esac
tm_keys Escape

tm_keys C-q
tm_wait "[D]"
tm_keys d
tm_wait_exit
tm_stop

# Read FILE in view mode, open F5 and wait for TEXT; the caller looks at the screen.
view_list() { # file text
    tm_start 80 24 "$TORIKUMI" view "$1"
    tm_wait "取組項目 "
    tm_keys F5
    tm_wait "$2"
}

t "reading: the list offers no item menu (^T)"
view_list sheet.rec "F5/Esc 戻る"
tm_screen | grep -q '項目の操作' && t_fail "view mode's list offers the item menu"
tm_keys Escape q
tm_wait_exit
tm_stop

t "reading an empty sheet: F5 says there is none, offering no Ctrl-N"
"$TORIKUMI" new --ward 大正区 --year R2 empty.rec || t_fail "new --year R2"
view_list empty.rec "取組項目がありません"
tm_screen | grep -q "Ctrl-N" && t_fail "reading offers Ctrl-N"
tm_keys Escape q
tm_wait_exit
done_testing
