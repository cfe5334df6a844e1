#!/bin/sh
# run.sh - build every tests/fuzz/fuzz_*.c with clang (libFuzzer, ASan,
# UBSan) against the library sources and run each for N seconds.
#
#   sh tests/fuzz/run.sh [SECONDS] [NAME...]      (default 60 s, every target)
#
# Each target NAME (fuzz_NAME.c) starts from tests/fuzz/corpus/NAME/
# (read only: new inputs go to build/fuzz/corpus/NAME/).  A crash, leak,
# sanitizer report or timeout fails the run; the input that caused it is
# left in build/fuzz/ as crash-*, leak-* or timeout-*.
# FUZZ_FLAGS adds libFuzzer flags (e.g. FUZZ_FLAGS=-jobs=1).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
secs=${1:-60}
[ $# -gt 0 ] && shift
CLANG=${CLANG:-clang}
command -v "$CLANG" >/dev/null 2>&1 || { echo "fuzz: no clang (apt-get install clang)" >&2; exit 2; }

out=build/fuzz
mkdir -p "$out/gen" "$out/corpus"
sh scripts/embed.sh form_builtin_text forms/kaikaku-2.0.form > "$out/gen/form_builtin.c.tmp" &&
    mv "$out/gen/form_builtin.c.tmp" "$out/gen/form_builtin.c" || exit 2

# The library: every module but main.c and the curses layer's callers need not be excluded
# (they only link); ncursesw satisfies them.
lib_src=$(ls src/*.c | grep -v '^src/main\.c$')
flags="-std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
       -fno-omit-frame-pointer -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE
       -DNCURSES_WIDECHAR=1 -DTORIKUMI_VERSION=\"fuzz\" -DFORMDIR=\"/nonexistent\"
       -DLOCALEDIR=\"/nonexistent\" -Isrc -I$out/gen"
libs="$(pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw)"

targets=
if [ $# -gt 0 ]; then targets=$*
else for f in tests/fuzz/fuzz_*.c; do n=${f#tests/fuzz/fuzz_}; targets="$targets ${n%.c}"; done
fi

fail=0
for name in $targets; do
    src=tests/fuzz/fuzz_$name.c
    [ -f "$src" ] || { echo "fuzz: no $src" >&2; fail=1; continue; }
    echo "== fuzz_$name: build"
    # shellcheck disable=SC2086
    if ! $CLANG $flags -o "$out/fuzz_$name" "$src" $lib_src "$out/gen/form_builtin.c" $libs; then
        echo "FAIL fuzz_$name: build"; fail=1; continue
    fi
    mkdir -p "$out/corpus/$name" "$out/artifacts/$name"
    seeds=tests/fuzz/corpus/$name
    [ -d "$seeds" ] || seeds=
    echo "== fuzz_$name: $secs s"
    # shellcheck disable=SC2086
    if (cd "$out" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
            "./fuzz_$name" -max_total_time="$secs" -timeout=25 -rss_limit_mb=2048 \
            -artifact_prefix="artifacts/$name/" \
            -print_final_stats=1 ${FUZZ_FLAGS:-} "corpus/$name" ${seeds:+"$top/$seeds"} \
            > "fuzz_$name.log" 2>&1); then
        grep -E '^stat::number_of_executed_units|^Done' "$out/fuzz_$name.log" | tail -n 2
        echo "ok   fuzz_$name"
    else
        tail -n 40 "$out/fuzz_$name.log"
        echo "FAIL fuzz_$name (log: $out/fuzz_$name.log)"
        fail=1
    fi
done
exit $fail
