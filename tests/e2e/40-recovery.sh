# Never lose a clerk's work: after kill -9, SIGTERM or a closed terminal, reopening the sheet
# offers to recover the unsaved changes, shows them, and recovers exactly.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
cp sheet.rec original.rec
journal=.sheet.rec.torikumi-journal
lock=.sheet.rec.torikumi-lock

edit_item3() { # text
    tm_start 80 24 "$TORIKUMI" sheet.rec
    tm_wait "取組項目 1/23"
    [ -f "$lock" ] || t_fail "no lock file while editing"
    tm_keys C-g
    tm_type 3
    tm_keys Enter F3 Tab Tab
    tm_wait "> 課題と改善策"
    tm_type "$1"
    tm_wait "$1"
    wait_file_contains "$journal" "$1"           # synced within a few seconds
}

t "kill -9: the journal and a stale lock stay; reopening offers to take over, then to recover"
edit_item3 "停電前に書いた課題"
kill -9 "$(tm_pid)"
tm_wait_exit
[ -f "$lock" ] || t_fail "the lock went away"
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "This sheet is in use"
tm_wait "That editor is no longer running on this computer"
tm_keys t
tm_wait "Unsaved changes were found"
tm_wait "取組項目 3: 課題と改善策 = 停電前に書いた課題"
tm_keys r
tm_wait "recovered 1 unsaved changes"
tm_wait "sheet.rec [+]"
tm_wait "停電前に書いた課題"
tm_keys C-s
tm_wait "saved sheet.rec"
tm_keys C-q
tm_wait_exit
wait_file_gone "$journal"
wait_file_gone "$lock"
expect_exit 0 recsel -t Initiative -e 'No = 3' -P Mid_Issues sheet.rec
expect_eq "$(cat "$OUT")" "停電前に書いた課題" "recovered value"
cp sheet.rec saved.rec

t "SIGTERM: the editor writes its journal and leaves; reopening offers it; discard leaves the file"
edit_item3 "TERMの前の追記"
kill -TERM "$(tm_pid)"
tm_wait_exit
expect_eq "$TM_STATUS" 1 "exit status with unsaved changes"
[ -f "$lock" ] && t_fail "the lock was not released"
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "Unsaved changes were found"
tm_wait "TERMの前の追記"
tm_keys d
tm_wait "取組項目 1/23"
wait_file_gone "$journal"
tm_keys C-q
tm_wait_exit
expect_same_file sheet.rec saved.rec

t "closing the terminal (SIGHUP): recovered exactly on reopening"
edit_item3 "端末を閉じる前"
tm kill-server
wait_file_gone "$lock"
expect_same_file sheet.rec saved.rec
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "Unsaved changes were found"
tm_keys r
tm_wait "端末を閉じる前"
tm_keys C-s
tm_wait "saved sheet.rec"
tm_keys C-q
tm_wait_exit
expect_exit 0 recsel -t Initiative -e 'No = 3' -P Mid_Issues sheet.rec
expect_eq "$(cat "$OUT")" "停電前に書いた課題端末を閉じる前" "value after recovery"
done_testing
