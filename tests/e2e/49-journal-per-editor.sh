# Every editor of a sheet keeps its own recovery journal (issue 13): the second editor, working
# alongside the lock's holder, writes .NAME.torikumi-journal-HOST-PID; killed, its text is
# offered to whoever opens the sheet next, while the running first editor's journal is not.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec

# The other editors: a tmux server each (as in 43-two-editors.sh); a fresh socket for the
# third, as a killed server may still be going away.
TU_SOCK="$WORK/second.sock"
tu() { tmux -S "$TU_SOCK" -f /dev/null "$@"; }
tu_wait() { # text
    i=0
    until tu capture-pane -p -t u | grep -F -q -- "$1"; do
        i=$((i + 1))
        [ $i -lt $((TM_TIMEOUT * 20)) ] || { t_fail "other editor: no '$1' on screen"; tu capture-pane -p -t u; return 1; }
        sleep 0.05
    done
}
tu_start() {
    tu new-session -d -s u -x 80 -y 24 \
        "cd '$WORK' && env LANG=C.UTF-8 LC_ALL=C.UTF-8 '$TORIKUMI' sheet.rec; sleep 600"
}
tu_pid() { pgrep -P "$(tu display -p -t u '#{pane_pid}')" | head -n 1; }

t "the first editor holds the lock and journals its own text"
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"
tm_keys Tab Tab
tm_wait "> 副題"
tm_type "一人目の副題"
wait_file_contains .sheet.rec.torikumi-journal "一人目の副題"

t "the second editor, alongside, journals to a file of its own"
tu_start
tu_wait "also being edited by"
tu send-keys -t u F8
tu_wait "取組項目 2/23"
tu send-keys -t u Tab Tab
tu_wait "> 副題"
tu send-keys -t u -l "二人目の副題"
second=$(tu_pid)
own=".sheet.rec.torikumi-journal-$(hostname)-$second"
wait_file_contains "$own" "二人目の副題"

t "kill -9 the second; the next editor recovers its text, not the first one's"
kill -9 "$second"
tu kill-server
TU_SOCK="$WORK/third.sock"
tu_start
tu_wait "Unsaved changes were found"
tu_wait "二人目の副題"
tu capture-pane -p -t u | grep -F -q "一人目の副題" && t_fail "the running editor's journal was offered"
tu send-keys -t u r
tu_wait "recovered 1 unsaved changes"
tu_wait "取組項目 2/23"
tu_wait "二人目の副題"
[ -e "$own" ] && t_fail "the dead editor's journal is still there after recovering it"
[ -f .sheet.rec.torikumi-journal ] || t_fail "the first editor's journal was taken"

t "the recovered text saves, merging with the first editor's"
tu send-keys -t u C-s
tu_wait "saved sheet.rec"
grep -qx "Subtitle: 二人目の副題" sheet.rec || t_fail "the recovered text was not saved"
tu send-keys -t u C-q
tu kill-server
tm_keys C-s
tm_wait "saved sheet.rec"
grep -qx "Subtitle: 一人目の副題" sheet.rec || t_fail "the first editor's text was not saved"
grep -qx "Subtitle: 二人目の副題" sheet.rec || t_fail "the second editor's text was lost"
tm_keys C-q
tm_wait_exit
done_testing
