# Sourced by tests/valgrind.sh: the crash-harness saver and the lock driver
# (load, change, save_atomic; lock_acquire/release) under valgrind.  The
# journal, lock, filestamp and sidefile modules run there through their
# unit tests (build/tests/test_*).
if [ -x build/crash/saver ] && [ -x build/crash/locker ]; then
    ./torikumi new --ward 大正区 --year 2017 --items 2 "$scratch/vg-save.rec" >/dev/null
    run "saver (load, set, save_atomic)" 0 build/crash/saver "$scratch/vg-save.rec" Title "新しい題"
    mkdir -p "$scratch/vg-ready" && touch "$scratch/vg-ready/go"
    run "locker (acquire, hold, release)" 0 build/crash/locker "$scratch/vg-save.rec" "$scratch/vg-ready" 10
else
    echo "FAIL valgrind: no build/crash/saver or locker (make crash)"; fail=1
fi
