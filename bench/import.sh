#!/bin/sh
# import.sh - import throughput against `iconv -f CP932 -t UTF-8` on the same file.
#
#   sh bench/import.sh [CSV] [RUNS]
#
# CSV defaults to bench/data/import-50mb.csv (made by gen_import_csv.sh
# when missing).  Each command runs RUNS times (default 5) after one
# warm-up; the median wall time is reported, and the ratio
# iconv time / import time (>= 0.5 is the goal: at least half of
# iconv's throughput).  The import is timed twice: to a file (atomic
# save, fsync included) and to standard output redirected to a file.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
csv=${1:-$top/bench/data/import-50mb.csv}
runs=${2:-5}
bin=${TORIKUMI:-$top/torikumi}
[ -x "$bin" ] || { echo "import.sh: build first (make)" >&2; exit 2; }
[ -f "$csv" ] || sh "$top/bench/gen_import_csv.sh" 50 "$csv"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-import.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export LC_ALL=C.UTF-8

now() { date +%s.%N; }
# median wall seconds of RUNS runs of "$@" (stdout to $tmp/out, stderr dropped)
median() {
    "$@" >"$tmp/out" 2>/dev/null || { echo "import.sh: failed: $*" >&2; exit 1; }
    i=0
    : >"$tmp/times"
    while [ $i -lt "$runs" ]; do
        t0=$(now)
        "$@" >"$tmp/out" 2>/dev/null
        t1=$(now)
        awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }' >>"$tmp/times"
        i=$((i + 1))
    done
    sort -n "$tmp/times" | awk '{ v[NR] = $1 } END { printf "%.3f\n", v[int((NR + 1) / 2)] }'
}

size=$(wc -c <"$csv")
t_iconv=$(median iconv -f CP932 -t UTF-8 "$csv")
t_file=$(median "$bin" import --encoding cp932 -o "$tmp/out.rec" "$csv")
t_auto=$(median "$bin" import -o "$tmp/out2.rec" "$csv")
t_stdout=$(median "$bin" import --encoding cp932 -o - "$csv")
mbps() { awk -v s="$size" -v t="$1" 'BEGIN { printf "%.0f MB/s", s / 1048576 / t }'; }
ratio() { awk -v a="$t_iconv" -v t="$1" 'BEGIN { printf "%.2f", a / t }'; }
echo "input: $csv ($size bytes), median of $runs runs"
echo "iconv -f CP932 -t UTF-8 > file          ${t_iconv} s  $(mbps "$t_iconv")"
echo "torikumi import --encoding cp932 -o F   ${t_file} s  $(mbps "$t_file")  ratio $(ratio "$t_file")"
echo "torikumi import -o F (auto-detect)      ${t_auto} s  $(mbps "$t_auto")  ratio $(ratio "$t_auto")"
echo "torikumi import --encoding cp932 -o -   ${t_stdout} s  $(mbps "$t_stdout")  ratio $(ratio "$t_stdout")"
