# One editor per sheet, under contention: 50 processes racing for a free
# lock, and 50 racing to take over a stale one (a dead pid of this host),
# each several rounds: exactly one acquires, and a stale lock is removed
# exactly once.  A lock of another host is never taken over.
. "$TOP/tests/lib.sh"
. "$TOP/tests/crash/lib.sh"
crash_build locker || { t "build the lock driver"; t_fail "cannot build"; done_testing; }
N=50
printf 'No: 1\n' > sheet.rec
LOCK=$WORK/.sheet.rec.torikumi-lock

race() { # round-name -> $WORK/race.out (one line per process)
    R=$WORK/ready.$1
    rm -rf "$R" && mkdir "$R"
    i=0
    while [ $i -lt $N ]; do
        "$WORK/locker" "$WORK/sheet.rec" "$R" 120000 > "$R.out.$i" 2>&1 &
        i=$((i + 1))
    done
    # Start them together once all are waiting.
    tries=0
    while [ "$(ls "$R" | wc -l)" -lt $N ] && [ $tries -lt 3000 ]; do sleep 0.01; tries=$((tries + 1)); done
    touch "$R/go"
    # The winner holds the lock until every process has answered.
    tries=0
    while [ "$(cat "$R".out.* 2>/dev/null | grep -c .)" -lt $N ] && [ $tries -lt 12000 ]; do
        sleep 0.01; tries=$((tries + 1))
    done
    touch "$R/done"
    wait
    cat "$R".out.* > "$WORK/race.out"
    rm -rf "$R" "$R".out.*
}

dead_pid() { sh -c 'echo $$'; }
host=$(hostname 2>/dev/null || uname -n)
boot=$(cat /proc/sys/kernel/random/boot_id 2>/dev/null)

rounds="1 2 3"
case $TORIKUMI in */build/asan/*) rounds=1 ;; esac    # ASan start-up is slow: one round there
for round in $rounds; do
    t "round $round: $N processes race for a free lock: exactly one acquires"
    race free$round
    expect_eq "$(grep -c '^acquired' "$WORK/race.out")" 1 "winners"
    expect_eq "$(grep -c '^held [0-9]' "$WORK/race.out")" $((N - 1)) "told it is held"
    expect_eq "$(grep -c 'took-over' "$WORK/race.out")" 0 "took over a live lock"
    [ ! -e "$LOCK" ] || t_fail "the winner's release left the lock file"

    t "round $round: $N processes race to take over a stale lock: it is removed once, one acquires"
    printf 'torikumi-lock 1\nuser ghost\nhost %s\nboot %s\npid %s\nsince 2017-04-03T09:15:00+09:00\n' \
        "$host" "$boot" "$(dead_pid)" > "$LOCK"
    race stale$round
    expect_eq "$(grep -c '^acquired' "$WORK/race.out")" 1 "winners"
    expect_eq "$(grep -c 'took-over' "$WORK/race.out")" 1 "removals of the stale lock"
    expect_eq "$(grep -c '^error' "$WORK/race.out")" 0 "errors"
    [ ! -e "$LOCK" ] || t_fail "lock file left behind"
done

t "a lock of another host, even with a dead pid, is never taken over"
printf 'torikumi-lock 1\nuser tanaka\nhost another-ward-pc\nboot x\npid %s\nsince 2017-04-03T09:15:00+09:00\n' \
    "$(dead_pid)" > "$LOCK"
race other
expect_eq "$(grep -c '^acquired' "$WORK/race.out")" 0 "winners"
expect_eq "$(grep -c '^held' "$WORK/race.out")" $N "told it is held"
grep -q 'host another-ward-pc' "$LOCK" || t_fail "the other host's lock was touched"

done_testing
