# Two clerks on one sheet at once: the second is told who else edits it and edits too; each
# saves in turn and the file keeps both; the same field changed by both asks, showing both
# versions, and choosing theirs keeps theirs.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec

# The second clerk: a tmux server of its own (tmux 3.3a dies making a second session when
# window-size is manual).
tu() { tmux -S "$WORK/second.sock" -f /dev/null "$@"; }
tu_screen() { tu capture-pane -p -t u; }
tu_wait() { # text
    i=0
    until tu_screen | grep -F -q -- "$1"; do
        i=$((i + 1))
        [ $i -lt $((TM_TIMEOUT * 20)) ] || { t_fail "second editor: no '$1' on screen"; tu_screen; return 1; }
        sleep 0.05
    done
}
tu_start() {
    tu new-session -d -s u -x 80 -y 24 \
        "cd '$WORK' && env LANG=C.UTF-8 LC_ALL=C.UTF-8 '$TORIKUMI' sheet.rec; sleep 600"
}

t "the second editor says who else edits the sheet, and edits"
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"
first=$(tm_pid)
tu_start
tu_wait "also being edited by $(id -un) on $(hostname) (pid $first)"
tu_screen | grep -F -q "[read-only]" && t_fail "the second editor is read-only"

t "each saves a different item in turn: the file holds both"
tm_keys Tab Tab
tm_wait "> 副題"
tm_type "総務課の副題"
tm_keys C-s
tm_wait "saved sheet.rec"
tu send-keys -t u F8
tu_wait "取組項目 2/23"
tu send-keys -t u Tab Tab
tu_wait "> 副題"
tu send-keys -t u -l "企画課の副題"
tu send-keys -t u C-s
tu_wait "saved sheet.rec with the changes made on disk meanwhile (1)"
grep -qx "Subtitle: 総務課の副題" sheet.rec || t_fail "the first clerk's subtitle was lost"
grep -qx "Subtitle: 企画課の副題" sheet.rec || t_fail "the second clerk's subtitle was not saved"
expect_exit 0 "$TORIKUMI" check sheet.rec

t "the first saves again (another field of item 1): the second's work stays"
tm_keys Tab
tm_wait "> 趣旨・目的"
tm_keys End
tm_type "（追記）"
tm_keys C-s
tm_wait "saved sheet.rec with the changes made on disk meanwhile (1)"
grep -qx "Subtitle: 企画課の副題" sheet.rec || t_fail "the second clerk's subtitle was dropped"
grep -q "^Plan_Purpose: .*（追記）$" sheet.rec || t_fail "the first clerk's addition was not saved"

t "both change the same field: the second is asked, sees both, takes theirs"
tu send-keys -t u F7
tu_wait "取組項目 1/23"
tu send-keys -t u Tab Tab
tu_wait "> 副題"
tu send-keys -t u End
tu send-keys -t u -l "（企画）"
tm_keys BTab
tm_wait "> 副題"
tm_keys End
tm_type "（総務）"
tm_keys C-s
tm_wait "saved sheet.rec"
tu send-keys -t u C-s
tu_wait "Both changed the same field (1 of 1)"
tu_wait "取組項目 1 取組項目 / 副題: you and someone else both changed this"
tu_wait "mine (here)"
tu_wait "総務課の副題（企画）"
tu_wait "総務課の副題（総務）"
tu_wait "[T] take theirs"
tu send-keys -t u t
tu_wait "saved sheet.rec"
grep -qx "Subtitle: 総務課の副題（総務）" sheet.rec || t_fail "theirs was not kept"
grep -q "（企画）" sheet.rec && t_fail "mine was saved after choosing theirs"
grep -qx "Subtitle: 企画課の副題" sheet.rec || t_fail "item 2 was lost"
expect_exit 0 "$TORIKUMI" check sheet.rec

tu kill-server
tm_keys C-q
tm_wait_exit
done_testing
