#!/bin/sh
# merge.sh - how fast `torikumi merge` merges three 10,000-item sheets, against
# `git merge-file` on the same three files, in the same run.
#
#   sh bench/merge.sh [N]        (N items, default 10000; bench/run.sh runs it at the end)
#
# BASE is bench/gen_sheet's sheet; OURS changes Plan_Goal of every 10th item and adds
# 100 items at the end; THEIRS changes End_Issues of every 7th item (so some items change on
# both sides, in different fields) and Title of every 13th.  Both tools read the three
# files from the page cache and write the result (torikumi to a copy of OURS, git merge-file
# with -p to /dev/null).  Prints a Markdown table with the best of BENCH_RUNS runs.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
n=${1:-10000}
runs=${BENCH_RUNS:-5}
out=build/bench
mkdir -p "$out"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/torikumi-merge.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT TERM
export LC_ALL=C.UTF-8 LANG=C.UTF-8
unset LANGUAGE TORIKUMI_FORM_PATH
say() { printf '%s\n' "$*" >&2; }
die() { say "bench/merge: $*"; exit 2; }
command -v git >/dev/null || die "git is not installed"

make -s --no-print-directory torikumi build/libtorikumi.a >&2 || die "make failed"
cc=${CC:-cc}
# shellcheck disable=SC2046
$cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -Isrc -Ibuild/gen \
    -o "$out/gen_sheet" bench/gen_sheet.c build/libtorikumi.a \
    $(pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw) || die "cannot build bench/gen_sheet.c"
"$out/gen_sheet" -n "$n" -o "$scratch/base.rec" || die "cannot generate the sheet"

# edit FIELD EVERY NEW: FIELD of every EVERY-th item (by number) becomes NEW plus the number.
edit() {
    awk -v f="$1" -v k="$2" -v v="$3" '
        /^No: / { no = $2 }
        no % k == 0 && index($0, f ": ") == 1 { print f ": " v no; skip = 1; next }
        skip && /^\+/ { next }
        { skip = 0; print }'
}
edit Plan_Goal 10 "総務課の目標 " < "$scratch/base.rec" > "$scratch/ours.rec"
awk -v n="$n" 'END { for (i = 1; i <= 100; i++) printf "\nNo: %d\nTitle: 追加 %d\n", n + i, i }' \
    /dev/null >> "$scratch/ours.rec"
edit End_Issues 7 "企画課の課題 " < "$scratch/base.rec" | edit Title 13 "新しい名前 " > "$scratch/theirs.rec"
mb=$(du -m "$scratch/base.rec" | cut -f1)

# One timed run: "WALL_MS CPU_MS EXIT" (CPU = user + sys, from GNU time; the machine may be shared,
# and CPU time is what the two tools' work costs).
timed() {
    /usr/bin/time -f "%e %U %S" -o "$scratch/time" "$@" > /dev/null 2>&1
    rc=$?
    awk -v rc="$rc" '{ printf "%d %d %d\n", $1 * 1000, ($2 + $3) * 1000, rc }' "$scratch/time"
}
[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time) is not installed"
best() { # FILE: the line with the least CPU
    sort -n -k2 "$1" | head -n 1
}
: > "$scratch/tk" && : > "$scratch/git"
i=0
while [ $i -lt "$runs" ]; do
    cp "$scratch/ours.rec" "$scratch/result.rec"
    timed ./torikumi merge "$scratch/base.rec" "$scratch/result.rec" "$scratch/theirs.rec" >> "$scratch/tk"
    timed sh -c 'git merge-file -p --quiet "$1" "$2" "$3" > /dev/null' sh \
        "$scratch/ours.rec" "$scratch/base.rec" "$scratch/theirs.rec" >> "$scratch/git"
    i=$((i + 1))
done
set -- $(best "$scratch/tk") $(best "$scratch/git")
./torikumi check "$scratch/result.rec" > /dev/null 2>&1
rc_check=$?
ratio=$(awk -v a="$2" -v b="$5" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
echo "| tool | $n items ($mb MB each), best of $runs by CPU | CPU (user+sys) | wall | exit |"
echo "|---|---|---|---|---|"
echo "| torikumi merge (writes OURS atomically, fsync) | ${ratio}x git's CPU | $2 ms | $1 ms | $3 (check of the result: $rc_check) |"
echo "| git merge-file -p (to /dev/null) | 1x | $5 ms | $4 ms | $6 |"
