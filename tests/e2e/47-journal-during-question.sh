# A question is a screen of its own (issue 10): while it is open the main loop goes on, so
# what was typed just before it reaches the recovery journal; kill -9 during the question
# loses nothing.  At 80 columns in Japanese every option of the widest question is on
# screen, and Esc answers it with the safe option (cancel).
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
journal=.sheet.rec.torikumi-journal
TM_LANG=ja_JP.UTF-8

open_and_type() { # text
    tm_start 80 24 "$TORIKUMI" sheet.rec
    tm_wait "取組項目 1/23"
    tm_keys Tab Tab
    tm_wait "> 副題"
    tm_type "$1"
    tm_wait "$1"
    # The same field changed on disk: saving asks which to keep.
    recset -t Initiative -e 'No = 1' -f Subtitle -S 他の課の副題 sheet.rec
    tm_keys C-s
    tm_wait "(1/1)"
}

t "the widest question fits 80 columns in Japanese: every option is on screen"
open_and_type "質問の前の文"
for key in "[M]" "[T]" "[E]" "[O]" "[C]"; do
    tm_screen | grep -F -q -- "$key" || t_fail "option $key is not on screen"
done

t "Esc answers with the safe option: nothing saved, the text still here"
tm_keys Escape
tm_wait "保存していません"
grep -q "質問の前の文" sheet.rec && t_fail "Esc saved"
tm_wait "sheet.rec [+]"
tm_keys C-q
tm_wait "[D]"
tm_keys d
tm_wait_exit
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec

t "text typed just before a question is journaled while it is open"
open_and_type "質問中も守られる文"
wait_file_contains "$journal" "質問中も守られる文"
kill -9 "$(tm_pid)"
tm_wait_exit

t "reopened, the text is recovered"
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "[T]"
tm_keys t
tm_wait "[R]"
tm_keys r
tm_wait "質問中も守られる文"
tm_wait "sheet.rec [+]"
tm_keys C-q
tm_wait "[D]"
tm_keys d
tm_wait_exit
done_testing
