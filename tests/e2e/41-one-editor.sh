# One editor per sheet: a second editor is told who has the sheet (user, host, pid, since) and
# offered read-only; when the first quits, the sheet can be edited again.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"
first=$(tm_pid)

t "a second editor names who has the sheet and offers read-only"
# A server of its own: tmux 3.3a dies making a second session when window-size is manual.
tu() { tmux -S "$WORK/second.sock" -f /dev/null "$@"; }
tu new-session -d -s u -x 80 -y 24 "cd '$WORK' && env LANG=C.UTF-8 LC_ALL=C.UTF-8 '$TORIKUMI' sheet.rec; sleep 600"
screen_u() { tu capture-pane -p -t u; }
i=0
until screen_u | grep -F -q "This sheet is in use"; do
    i=$((i + 1)); [ $i -lt 300 ] || { t_fail "no lock question"; screen_u; break; }; sleep 0.05
done
screen_u | grep -F -q "is being edited by $(id -un) on $(hostname) (pid $first) since" ||
    { t_fail "the holder is not named"; screen_u; }
screen_u | grep -F -q "[T]" && t_fail "take over offered for a live lock"
tu send-keys -t u r
i=0
until screen_u | grep -F -q "read-only: being edited by $(id -un)"; do
    i=$((i + 1)); [ $i -lt 300 ] || { t_fail "no read-only message"; screen_u; break; }; sleep 0.05
done
screen_u | grep -F -q "sheet.rec [read-only]" || t_fail "the second editor is not read-only"
tu send-keys -t u q
tu kill-server

t "the first editor quits; the lock is gone; a new editor edits"
tm_keys C-q
tm_wait_exit
wait_file_gone .sheet.rec.torikumi-lock
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23  problems: 0"
tm_screen | grep -F -q "[read-only]" && t_fail "opened read-only"
tm_keys C-q
tm_wait_exit
done_testing
