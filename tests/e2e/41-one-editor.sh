# Who else edits a sheet: a second editor is told who has it (user, host, pid, since) and edits
# alongside (saves merge, tests/e2e/43-two-editors.sh); when the first quits, the lock is gone.
# Another computer's lock asks, naming host and lock file, and can be broken (issue 15).
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"
first=$(tm_pid)

t "a second editor names who has the sheet and edits alongside"
# A server of its own: tmux 3.3a dies making a second session when window-size is manual.
tu() { tmux -S "$WORK/second.sock" -f /dev/null "$@"; }
tu new-session -d -s u -x 80 -y 24 "cd '$WORK' && env LANG=C.UTF-8 LC_ALL=C.UTF-8 '$TORIKUMI' sheet.rec; sleep 600"
screen_u() { tu capture-pane -p -t u; }
i=0
until screen_u | grep -F -q "also being edited by $(id -un) on $(hostname) (pid $first) since"; do
    i=$((i + 1)); [ $i -lt $((TM_TIMEOUT * 20)) ] || { t_fail "the holder is not named"; screen_u; break; }; sleep 0.05
done
screen_u | grep -F -q "[read-only]" && t_fail "the second editor is read-only"
screen_u | grep -F -q "This sheet is in use" && t_fail "a live lock still asks"
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

t "another computer's lock: the question names host and lock file; breaking it makes the sheet ours"
printf 'torikumi-lock 1\nuser tanaka\nhost ward-pc-12\nboot x\npid 4711\nsince 2017-04-03T09:15:00+09:00\n' \
    > .sheet.rec.torikumi-lock
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "This sheet is in use on another computer"
tm_wait "tanaka on ward-pc-12 (pid 4711)"
tm_wait ".sheet.rec.torikumi-lock says so"
tm_wait "[B] break the lock (that computer is off)"
tm_wait "[E] edit alongside (Esc)"
tm_keys b
tm_wait "broke the lock"
tm_screen | grep -F -q "[read-only]" && t_fail "opened read-only"
grep -q "^pid $(tm_pid)$" .sheet.rec.torikumi-lock || t_fail "the lock is not ours after breaking it"
tm_keys C-q
tm_wait_exit
done_testing
