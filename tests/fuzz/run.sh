#!/bin/sh
# run.sh - run every libFuzzer target for SECONDS (default 60).  The Makefile
# builds them (make fuzz-build: tests/fuzz/fuzz_*.c with clang,
# -fsanitize=fuzzer,address,undefined, against the library compiled the same
# way into build/fuzz/); make fuzz and make fuzz-smoke build, then call this.
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
out=build/fuzz
make -s --no-print-directory fuzz-build

status=0
for target in tests/fuzz/fuzz_*.c; do
    [ -f "$target" ] || continue
    name=$(basename "$target" .c)
    short=${name#fuzz_}
    if [ -n "$only" ]; then
        case " $only " in *" $short "*|*" $name "*) ;; *) continue ;; esac
    fi
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
