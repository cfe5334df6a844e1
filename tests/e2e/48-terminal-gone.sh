# A terminal that goes away (the tmux server killed, as a closed window or a dropped ssh
# session) ends torikumi promptly, viewing or editing, and what was typed is kept in the
# recovery journal, even when it was typed a moment before.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
journal=.sheet.rec.torikumi-journal

wait_process_gone() { # pid
    limit=$(( $(date +%s) + TM_TIMEOUT ))
    while kill -0 "$1" 2>/dev/null; do
        if [ "$(date +%s)" -ge "$limit" ]; then
            t_fail "process $1 still runs after its terminal went away"
            ps -o pid,stat,pcpu,args -p "$1"
            kill -9 "$1"
            return 1
        fi
        sleep 0.05
    done
}

t "editing: the terminal goes away, torikumi exits and the journal holds the text"
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"
tm_keys Tab Tab
tm_wait "> 副題"
tm_type "消えた端末で打った副題"
tm_wait "消えた端末で打った副題"
pid=$(tm_pid)
tm kill-server
wait_process_gone "$pid"
grep -F -q "消えた端末で打った副題" "$journal" || t_fail "the journal lacks the text"

t "viewing: the terminal goes away, torikumi exits"
tm_start 80 24 "$TORIKUMI" view sheet.rec
tm_wait "取組項目 1/23"
pid=$(tm_pid)
tm kill-server
wait_process_gone "$pid"
done_testing
