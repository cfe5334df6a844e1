# Managing items, in Japanese at 80x24: Ctrl-T deletes (asking first), duplicates, moves and
# renumbers; each is undoable, Ctrl-N too; the F5 list offers the same on its selected row; and
# the recovery journal replays them all.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
sample="$TOP/sample-data/taisho-h29.rec"
cp "$sample" sheet.rec
journal=.sheet.rec.torikumi-journal
TM_LANG=ja_JP.UTF-8
title_of() { recsel -t Initiative -e "No = $2" -P Title "$1"; }
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"

t "delete asks first; Esc keeps the item"
tm_keys C-t
tm_wait "[D] 削除"
tm_keys d
tm_wait "削除しますか?"
tm_keys Escape
tm_wait "削除しませんでした"
tm_wait "取組項目 1/23"

t "delete, then Ctrl-Z brings it back"
tm_keys C-t d y
tm_wait "取組項目 1 を削除しました (Ctrl-Z で元に戻せます)"
tm_wait "取組項目 1/22"
tm_keys C-z
tm_wait "取組項目 1/23"
tm_wait "$(title_of "$sample" 1 | cut -c1-24)"

t "move item 2 down, then renumber as one undoable step"
tm_keys F8
tm_wait "取組項目 2/23"
tm_keys C-t n
tm_wait "23 件中 3 番目に移動しました"
tm_wait "取組項目 3/23"
tm_keys C-t r
tm_wait "番号を振り直しました: 2 件変更"
tm_keys C-z                                   # both numbers come back at once
tm_wait "取組項目 3 【$(title_of "$sample" 3 | cut -c1-8)"
tm_wait "取組項目 2/23"
tm_keys C-y                                   # and go again at once
tm_wait "取組項目 3/23"
tm_wait "取組項目 3 【$(title_of "$sample" 2 | cut -c1-8)"

t "duplicate; Ctrl-N and its undo"
tm_keys C-t c
tm_wait "取組項目 24 は 3 の複製です"
tm_wait "取組項目 4/24"
tm_keys C-n
tm_wait "取組項目 25/25"
tm_keys C-z
tm_wait "取組項目 24/24"

t "the F5 list offers the menu on its selected row"
tm_keys F5
tm_wait "^T 項目の操作"
tm_keys Home Down C-t
tm_wait "[D] 削除"
tm_keys d y
tm_wait "取組項目 2 を削除しました"
tm_keys Escape
tm_wait "取組項目 2/23"
wait_file_contains "$journal" "rmi "

t "the recovery journal replays every item change"
kill -TERM "$(tm_pid)"
tm_wait_exit
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "を削除"
tm_keys r
tm_wait "取組項目 2/23"
tm_wait "確かめてから Ctrl-S で保存して…"           # a long message is cut with a mark
tm_keys C-s
tm_wait "保存しました"
tm_keys C-q
tm_wait_exit
want="1 3 24 $(seq 4 23 | tr '\n' ' ')"
expect_eq "$(recsel -t Initiative -P No sheet.rec | grep -v '^$' | tr '\n' ' ')" "$want" \
          "numbers in sheet order"
expect_eq "$(title_of sheet.rec 3)" "$(title_of "$sample" 2)" "the moved item, renumbered 3"
expect_eq "$(title_of sheet.rec 24)" "$(title_of "$sample" 2)" "the copy"
expect_exit 0 "$TORIKUMI" check sheet.rec
expect_exit 0 recfix --check sheet.rec
done_testing
