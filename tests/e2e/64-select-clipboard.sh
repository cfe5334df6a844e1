# Selecting text and the clipboard, at 80x24 in Japanese: Shift+Right selects (drawn in
# reverse video, counted on the status line), Ctrl-X cuts into the program's clipboard and
# by OSC 52 into the terminal's (tmux keeps it as a buffer), Ctrl-V pastes it into another
# item's field (undoable, saved); the mark key (Ctrl-^) selects with plain arrows.  A field
# the form wants full width warns of half-width letters by column, offering Ctrl-K.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
TM_LANG=ja_JP.UTF-8
tm_start 80 24 "$TORIKUMI" sheet.rec
tm set-option -g set-clipboard on
tm_wait "取組項目 1/23"
REV=$(printf '\033[7m')

t "Shift+Right selects what it passes over, in reverse video, and says how much"
tm_keys Tab Tab
tm_wait "> 副題"
tm_type "改善策を検討"
tm_wait "改善策を検討"
tm_keys Home S-Right S-Right S-Right
tm_wait "3 文字を選択中: Ctrl-X 切り取り"
tm capture-pane -p -e -t t | grep -F -q -- "${REV}改善策" || t_fail "the selection is not in reverse video"

t "Ctrl-X cuts it, into the program's clipboard and the terminal's (OSC 52)"
tm_keys C-x
tm_wait "3 文字を切り取りました"
tm_wait "    を検討"
expect_eq "$(tm show-buffer 2>/dev/null)" "改善策" "tmux buffer set by OSC 52"

t "Ctrl-V pastes it into the next item's field; Ctrl-Z takes it back, Ctrl-Y again"
tm_keys F8
tm_wait "取組項目 2/23"
tm_keys Tab Tab
tm_wait "> 副題"
tm_keys C-v
tm_wait "    改善策"
tm_keys C-z
tm_wait_gone "    改善策"
tm_keys C-y
tm_wait "    改善策"
tm_keys C-s
tm_wait "保存しました"
awk '/^No: 2$/,/^$/' sheet.rec | grep -q '^Subtitle: 改善策$' || t_fail "item 2's 副題 was not saved"

t "the mark key (Ctrl-^) selects with plain arrows; Ctrl-C copies; Esc ends it"
tm_keys Home C-^
tm_wait "マークを設定しました"
tm_keys Right Right
tm_wait "2 文字を選択中"
tm_keys C-c
tm_wait "2 文字をコピーしました"
expect_eq "$(tm show-buffer 2>/dev/null)" "改善" "tmux buffer after Ctrl-C"
tm_keys Escape
tm_wait_gone "文字を選択中"
tm capture-pane -p -e -t t | grep -F -q -- "${REV}改善" && t_fail "still drawn selected after Esc"

t "Shift+Down selects across wrapped rows, each drawn in reverse video by display width"
tm_keys F2
tm_wait "> 趣旨・目的"
tm_keys C-Home S-Down S-Right
tm_wait "41 文字を選択中"           # item 2's first row (40) and one more
# Rows 3-20 are the body (the header and the status bar are reverse video too).
rows=$(tm capture-pane -p -e -t t | sed -n 3,20p | grep -c -F -- "${REV}")
expect_eq "$rows" 2 "body rows drawn selected"
tm_keys Escape
tm_wait_gone "文字を選択中"

tm_keys C-q
tm_wait_exit
tm_stop

t "FullWidth: the half-width letters' warning names the column and offers Ctrl-K, which converts"
sed 's/^Key: Subtitle$/&\nFullWidth: yes/' "$TOP/forms/kaikaku-2.0.form" > fw.form
grep -q '^FullWidth: yes' fw.form || t_fail "the test's form was not made"
tm_start 80 24 "$TORIKUMI" edit --form fw.form sheet.rec
tm_wait "取組項目 1/23"
tm_keys Tab Tab
tm_wait "> 副題"
tm_keys C-u
tm_type "改善A12策"
tm_wait "半角英数「A12」(3 文字目。この欄は全角で書きます) (Ctrl-K で全角に)"
tm_keys C-k
tm_wait "    改善Ａ１２策"
tm_wait "半角カタカナと半角英数を全角にしました (Ctrl-Z で元に戻せます)"
tm_wait_gone "半角英数「A12」"
done_testing
