#!/bin/sh
# print.sh - how fast `torikumi export --format html` (the printed sheet) and
# `torikumi summary --format html` (the report) are, against `torikumi show`
# (the sheet as text) on the same files, in the same run.
#
#   sh bench/print.sh           (bench/run.sh runs it near the end)
#
# Files: 24 sheets of 23 items (the sample with each of Osaka's 24 wards) and
# one sheet of 10,000 items (bench/gen_sheet, kept in bench/data/ as
# bench/run.sh keeps it).  Measured, wall time (median) and CPU:
#   - export --format html of the 24 sheets into one file, and 24 runs of show;
#   - export --format html and show of the 10k sheet;
#   - summary --format html of the 24 sheets, and summary (text) of them.
# Output goes to /dev/null (the work is the same; the disk is not measured).
# Prints a Markdown table (also saved to build/bench/print.md).
#
# Environment: BENCH_RUNS=5 (timed runs), BENCH_TORIKUMI=./torikumi.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
runs=${BENCH_RUNS:-5}
tk=${BENCH_TORIKUMI:-./torikumi}
case $tk in /*) ;; *) tk=$top/${tk#./} ;; esac
data=bench/data
out=build/bench
mkdir -p "$data" "$out"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/torikumi-print.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT TERM
export LC_ALL=C.UTF-8 LANG=C.UTF-8
unset LANGUAGE TORIKUMI_FORM_PATH

say() { printf '%s\n' "$*" >&2; }
die() { say "bench/print: $*"; exit 2; }

make -s --no-print-directory torikumi build/libtorikumi.a >&2 || die "make failed"

# ---- the files -------------------------------------------------------------------

wards="北区 都島区 福島区 此花区 中央区 西区 港区 大正区 天王寺区 浪速区 西淀川区 淀川区
東淀川区 東成区 生野区 旭区 城東区 鶴見区 阿倍野区 住之江区 住吉区 東住吉区 平野区 西成区"
set --
for w in $wards; do
    sed "s/^Ward: 大正区\$/Ward: $w/" sample-data/taisho-h29.rec > "$scratch/$w.rec"
    set -- "$@" "$scratch/$w.rec"
done

big=$data/10k.rec
if [ ! -s "$big" ]; then
    ${CC:-cc} -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
        -Isrc -Ibuild/gen -o "$out/gen_sheet" bench/gen_sheet.c build/libtorikumi.a -lncursesw ||
        die "cannot build bench/gen_sheet.c"
    say "generating $big (10000 records)"
    "$out/gen_sheet" -n 10000 -o "$big.tmp" && mv "$big.tmp" "$big" || die "cannot generate $big"
fi

# ---- timing (as bench/run.sh: hyperfine when there, else a date loop) -----------------

have() { command -v "$1" >/dev/null 2>&1; }
median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
        else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# "WALL CPU" in seconds of a shell command line (CPU: user+system of the children).
time_sh() {
    if have hyperfine; then
        hyperfine -i --style none -S sh -w 1 -r "$runs" --export-json "$scratch/hf.json" \
            -- "$1" >/dev/null 2>&1 || return 1
        med=$(sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' "$scratch/hf.json" | head -n 1)
        usr=$(sed -n 's/.*"user": *\([0-9.eE+-]*\).*/\1/p' "$scratch/hf.json" | head -n 1)
        sys=$(sed -n 's/.*"system": *\([0-9.eE+-]*\).*/\1/p' "$scratch/hf.json" | head -n 1)
        echo "$med $usr $sys" | awk '{ print $1, $2 + $3 }'
        return
    fi
    # CPU from GNU time when there: on a busy machine it says more than the wall time.
    i=0
    while [ $i -lt "$runs" ]; do
        t0=$(date +%s%N)
        if [ -x /usr/bin/time ]; then
            /usr/bin/time -f '%U %S' -o "$scratch/cpu" sh -c "$1" >/dev/null 2>&1
        else
            sh -c "$1" >/dev/null 2>&1
        fi
        t1=$(date +%s%N)
        cpu=$(awk 'NF == 2 { print $1 + $2 }' "$scratch/cpu" 2>/dev/null)
        echo "$t0 $t1 ${cpu:--}" | awk '{ printf "%.6f %s\n", ($2 - $1) / 1e9, $3 }'
        i=$((i + 1))
    done > "$scratch/times"
    wall=$(cut -d' ' -f1 "$scratch/times" | median)
    cpu=$(cut -d' ' -f2 "$scratch/times" | grep -v '^-$' | median 2>/dev/null)
    echo "$wall ${cpu:--}"
}
ms() { case $1 in -) echo - ;; *) awk -v s="$1" 'BEGIN { printf "%.0f ms", s * 1000 }' ;; esac; }

files="$*"
row() { # what html-command text-command
    h=$(time_sh "$2") || die "cannot time: $2"
    s=$(time_sh "$3") || die "cannot time: $3"
    set -- "$1" ${h% *} ${h#* } ${s% *} ${s#* }
    ratio=$(awk -v a="$2" -v b="$4" 'BEGIN { printf "%.2f", a / b }')
    printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$(ms "$2")" "$(ms "$3")" "$(ms "$4")" \
        "$(ms "$5")" "$ratio"
}

{
    echo "Machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $runs runs" \
         "($(have hyperfine && echo hyperfine || echo 'date loop, CPU: GNU time, medians'))."
    echo ""
    echo "| files | HTML (wall) | HTML (CPU) | text (wall) | text (CPU) | HTML / text |"
    echo "|---|---|---|---|---|---|"
    row "24 sheets × 23 items: export --format html (one file) / show ×24" \
        "$tk export --format html -o /dev/null $files" \
        "for f in $files; do $tk show \$f; done >/dev/null"
    row "24 sheets × 23 items: export --format html ×24 / show ×24" \
        "for f in $files; do $tk export --format html \$f; done >/dev/null" \
        "for f in $files; do $tk show \$f; done >/dev/null"
    row "10,000 items: export --format html / show" \
        "$tk export --format html -o /dev/null $big" "$tk show $big >/dev/null"
    row "24 sheets × 23 items: summary --format html / summary" \
        "$tk summary --format html -o /dev/null $files" "$tk summary $files >/dev/null"
    echo ""
    echo "Output sizes: $(for f in "$big"; do "$tk" export --format html "$f" | wc -c; done |
        awk '{ printf "%.1f MB", $1 / 1e6 }') of HTML for the 10k sheet" \
        "($(wc -c < "$big" | awk '{ printf "%.1f MB", $1 / 1e6 }') of sheet)."
} | tee "$out/print.md"
