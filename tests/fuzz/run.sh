#!/bin/sh
# run.sh - build every tests/fuzz/fuzz_*.c as a libFuzzer target (clang,
# -fsanitize=fuzzer,address,undefined, linked against the library objects
# built the same way) and run each for SECONDS (default 60).
#
#   sh tests/fuzz/run.sh [SECONDS] [NAME...]      (make fuzz FUZZ_SECONDS=600)
#
# Seeds come from tests/fuzz/corpus/NAME/ (NAME = the file name without
# fuzz_ and .c) and are never written; what the fuzzer finds goes to
# tests/fuzz/corpus-run/NAME/ (ignored by git), crashes to build/fuzz/.
# Exit 1 when a target finds a problem.  A new target needs nothing here:
# add tests/fuzz/fuzz_NAME.c (entry LLVMFuzzerTestOneInput) and, best,
# a few seeds in tests/fuzz/corpus/NAME/.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
secs=${1:-60}
[ $# -gt 0 ] && shift
only="$*"
CLANG=${CLANG:-clang}
command -v "$CLANG" >/dev/null 2>&1 || { echo "fuzz/run.sh: $CLANG not found (apt-get install clang)" >&2; exit 2; }
out=build/fuzz
mkdir -p "$out/obj"
make -s build/gen/form_builtin.c

pc_cflags=$(pkg-config --cflags ncursesw 2>/dev/null | sed -e 's/-D_XOPEN_SOURCE=600//' -e 's/-D_DEFAULT_SOURCE//') || pc_cflags=
pc_libs=$(pkg-config --libs ncursesw 2>/dev/null) || pc_libs=-lncursesw
cflags="-std=c11 -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined \
 -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DNCURSES_WIDECHAR=1 \
 -DTORIKUMI_VERSION=\"fuzz\" -DFORMDIR=\"/nonexistent\" -DLOCALEDIR=\"/nonexistent\" \
 $pc_cflags -Isrc -Ibuild/gen"

# The library: every module but main.c, rebuilt when its source or a header is newer.
objs=
for src in src/*.c build/gen/form_builtin.c; do
    [ "$src" = src/main.c ] && continue
    obj=$out/obj/$(basename "$src" .c).o
    if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$(find src -name '*.h' -newer "$obj" 2>/dev/null)" ]; then
        # shellcheck disable=SC2086
        $CLANG $cflags -c "$src" -o "$obj"
    fi
    objs="$objs $obj"
done

status=0
for target in tests/fuzz/fuzz_*.c; do
    [ -f "$target" ] || continue
    name=$(basename "$target" .c)
    short=${name#fuzz_}
    if [ -n "$only" ]; then
        case " $only " in *" $short "*|*" $name "*) ;; *) continue ;; esac
    fi
    # shellcheck disable=SC2086
    $CLANG $cflags -fsanitize=fuzzer "$target" $objs -o "$out/$name" $pc_libs
    seeds=tests/fuzz/corpus/$short
    work=tests/fuzz/corpus-run/$short
    mkdir -p "$work" "$seeds"
    echo "== $name: $secs s"
    if ! "$out/$name" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
            -artifact_prefix="$out/$name-" "$work" "$seeds"; then
        echo "FAIL $name: see $out/$name-*" >&2
        status=1
    fi
done
exit $status
