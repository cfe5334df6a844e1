# Sourced by tests/valgrind.sh: the crash-harness saver and the lock driver
# (load, change, save_atomic; lock_acquire/release) under valgrind.  The
# journal, lock, filestamp and sidefile modules run there through their
# unit tests (build/tests/test_*).
if cc -std=c11 -g -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc -o "$scratch/saver" \
        tests/crash/saver.c build/libtorikumi.a -lncursesw 2>"$scratch/err" &&
   cc -std=c11 -g -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc -o "$scratch/locker" \
        tests/crash/locker.c build/libtorikumi.a -lncursesw 2>>"$scratch/err"; then
    ./torikumi new --ward 大正区 --year 2017 --items 2 "$scratch/vg-save.rec" >/dev/null
    run "saver (load, set, save_atomic)" 0 "$scratch/saver" "$scratch/vg-save.rec" Title "新しい題"
    mkdir -p "$scratch/vg-ready" && touch "$scratch/vg-ready/go"
    run "locker (acquire, hold, release)" 0 "$scratch/locker" "$scratch/vg-save.rec" "$scratch/vg-ready" 10
else
    echo "FAIL valgrind: cannot build the reliability drivers"; cat "$scratch/err"; fail=1
fi
