# Quitting with unsaved changes asks: cancel keeps editing, discard leaves the file as it was,
# save writes it.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
cp sheet.rec before.rec

t "Ctrl-Q with changes asks; C cancels and the change is still there"
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"
tm_keys Tab Tab
tm_wait "> 副題"
tm_type "変更"
tm_wait "sheet.rec [+]"
tm_keys C-q
tm_wait "Save changes to sheet.rec before quitting?"
tm_keys c
tm_wait "quit cancelled"
tm_wait "sheet.rec [+]"

t "Ctrl-Q, D discards: the file is byte for byte what it was"
tm_keys C-q
tm_wait "[D] discard changes"
tm_keys d
tm_wait_exit
expect_eq "$TM_STATUS" 0 "exit status"
tm_stop
expect_same_file sheet.rec before.rec

t "Ctrl-Q, S saves and quits"
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"
tm_keys Tab Tab
tm_wait "> 副題"
tm_type "保存する副題"
tm_keys C-q
tm_wait "[S] save and quit"
tm_keys s
tm_wait_exit
tm_stop
expect_exit 0 recsel -t Initiative -e 'No = 1' -P Subtitle sheet.rec
expect_out_contains "保存する副題"
done_testing
