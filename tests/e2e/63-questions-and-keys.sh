# In Japanese at 80x24: every question's keys are on screen and Esc picks the safe one; keys
# that do nothing say so (naming F1); a choice field says which keys choose.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
TM_LANG=ja_JP.UTF-8
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"

t "the changed-on-disk question shows its cancel key at 80 columns, and Esc cancels"
tm_keys Tab Tab
tm_wait "> 副題"
tm_type "わたしの副題"
tm_wait "sheet.rec [+]"
sed -i 's/^Plan_Goal: 27年度(実績)97.53%/Plan_Goal: 27年度(実績)97.54%/' sheet.rec
tm_keys C-s
tm_wait "[O] 自分の内容で上書き"
tm_wait "[C] 取消 (Esc)"
tm_keys Escape
tm_wait "保存していません"
grep -q '97.54%' sheet.rec || t_fail "the file was overwritten on Esc"
grep -q 'わたしの副題' sheet.rec && t_fail "Esc saved"
done_testing
