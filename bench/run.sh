#!/bin/sh
# run.sh - `make bench`: how fast `torikumi check` is, against `recfix --check`.
#
#   sh bench/run.sh
#
# Builds bench/gen_sheet and bench/roundtrip against build/libtorikumi.a
# with the Makefile's flags, generates the sheets it needs in bench/data/
# (kept between runs, remade when the generator or the seed text changes),
# then measures, in this one run:
#   1. torikumi check vs recfix --check on 10,000 records, clean and with
#      broken records, and whether both tools flag the same records;
#   2. torikumi check on 1,000 .. 20,000 records (time per MB should be flat);
#   3. sheet_load + sheet_write round trip: identical bytes, MB/s;
#   4. peak memory.
# and prints Markdown tables (also saved to build/bench/results.md).
# docs/performance.md says how to read them.
#
# Environment:
#   BENCH_RUNS=5 BENCH_WARMUP=1   timed runs / warm-up runs of torikumi (hyperfine)
#   BENCH_RECFIX_RUNS=2           timed runs of recfix on the clean 10k file (the
#                                 file with broken records gets one)
#   BENCH_RECFIX_TIMEOUT=900      seconds before a recfix run is given up
#   BENCH_NO_RECFIX=1             skip recfix altogether
#   BENCH_BAD=100                 every K-th record of 10k-bad.rec breaks a rule
#   BENCH_TORIKUMI=./torikumi     the binary to measure (e.g. one built with a proposed change)
#   BENCH_NO_HYPERFINE=1          time with a date +%s%N loop even when hyperfine is there
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2

runs=${BENCH_RUNS:-5}
warmup=${BENCH_WARMUP:-1}
recfix_runs=${BENCH_RECFIX_RUNS:-2}
recfix_timeout=${BENCH_RECFIX_TIMEOUT:-900}
bad_every=${BENCH_BAD:-100}
tk=${BENCH_TORIKUMI:-./torikumi}
data=bench/data
out=build/bench
mkdir -p "$data" "$out"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/torikumi-bench.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT TERM

# Messages in English, text in UTF-8 for both tools; the built-in form.
export LC_ALL=C.UTF-8 LANG=C.UTF-8
unset LANGUAGE TORIKUMI_FORM_PATH

say() { printf '%s\n' "$*" >&2; }
die() { say "bench: $*"; exit 2; }

# ---- build ------------------------------------------------------------------

# The Makefile builds the bench programs (build/bench/*) with its own flags.
make -s --no-print-directory torikumi bench-progs >&2 || die "make failed"

# ---- data -------------------------------------------------------------------

newer() { [ -n "$(find "$1" -newer "$2" 2>/dev/null)" ]; }

gen() { # FILE N [gen_sheet options]
    f=$1 n=$2
    shift 2
    if [ -s "$f" ] && ! newer bench/gen_sheet.c "$f" && ! newer tests/data/seed.txt "$f"; then
        return 0
    fi
    say "generating $f ($n records)"
    if ! "$out/gen_sheet" -n "$n" "$@" -o "$f.tmp" || ! mv "$f.tmp" "$f"; then
        die "cannot generate $f"
    fi
}

gen "$data/10k.rec" 10000
gen "$data/10k-bad.rec" 10000 --bad "$bad_every"
for n in 1000 2500 5000 20000; do
    case $n in 2500) name=2.5k ;; *) name=$((n / 1000))k ;; esac
    gen "$data/$name.rec" "$n"
done

# ---- timing -----------------------------------------------------------------

have() { command -v "$1" >/dev/null 2>&1; }
use_hyperfine=0
have hyperfine && [ "${BENCH_NO_HYPERFINE:-0}" != 1 ] && use_hyperfine=1
if [ $use_hyperfine = 1 ]; then
    timer="hyperfine ($(hyperfine --version | cut -d' ' -f2))"
else
    timer="date +%s%N loop"
fi

size_of() { wc -c <"$1" | tr -d ' '; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
now_ns() { date +%s%N; }

median() { # numbers on stdin -> median
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1;
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# "MEDIAN CPU": median wall time and mean user+system time in seconds of a
# command (its exit status is ignored); CPU is "-" without hyperfine.
time_cmd() { # RUNS WARMUP command...
    r=$1 w=$2
    shift 2
    if [ $use_hyperfine = 1 ]; then
        hyperfine -N -i --style none -w "$w" -r "$r" --export-json "$scratch/hf.json" \
            -- "$*" >/dev/null 2>&1 || return 1
        json_num median; json_num user; json_num system
    else
        i=0
        while [ $i -lt "$w" ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done
        i=0
        while [ $i -lt "$r" ]; do
            t0=$(now_ns)
            "$@" >/dev/null 2>&1
            t1=$(now_ns)
            echo "$t0 $t1" | awk '{ printf "%.6f\n", ($2 - $1) / 1e9 }'
            i=$((i + 1))
        done | median
        echo -
    fi | tr '\n' ' ' | awk '{ if ($2 == "-" || NF < 3) print $1, "-"; else print $1, $2 + $3 }'
}
# measure RUNS WARMUP command...: sets t (median wall) and tcpu (mean CPU or -).
measure() {
    res=$(time_cmd "$@")
    [ -n "$res" ] || die "cannot time: $*"
    t=${res% *} tcpu=${res#* }
}
json_num() { sed -n "s/.*\"$1\": *\([0-9.eE+-]*\).*/\1/p" "$scratch/hf.json" | head -n 1; }
cpu_cell() { case $1 in -) echo - ;; *) awk -v s="$1" 'BEGIN { printf "%.0f ms", s * 1000 }' ;; esac; }

ms() { awk -v s="$1" 'BEGIN { printf "%.0f", s * 1000 }'; }

# Item numbers (No) of the records a tool's output points at, one per line.
# Both tools start each problem line with FILE:LINE:.
flagged() { # DATAFILE OUTPUT
    awk -F: -v f="$1" 'NR == FNR { if ($1 == f && $2 ~ /^[0-9]+$/) want[$2] = 1; next }
        /^No: / { cur = substr($0, 5) }
        FNR in want { print (cur == "" ? "header" : cur) }' "$2" "$1" | sort -un
}

expected_bad() { # N K
    [ "$2" -gt 0 ] || return 0
    awk -v n="$1" -v k="$2" 'BEGIN { for (i = k; i <= n; i += k) print i }'
}

# One recfix run: sets rf_secs ("" on timeout), rf_rc, rf_kb, output in $scratch/recfix.out.
recfix_once() { # FILE
    t0=$(now_ns)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%M %U %S' -o "$scratch/recfix.mem" \
            timeout "$recfix_timeout" recfix --check "$1" >"$scratch/recfix.out" 2>&1
        rf_rc=$?
    else
        timeout "$recfix_timeout" recfix --check "$1" >"$scratch/recfix.out" 2>&1
        rf_rc=$?
    fi
    t1=$(now_ns)
    rf_secs=$(echo "$t0 $t1" | awk '{ printf "%.3f", ($2 - $1) / 1e9 }')
    rf_kb=$(tail -n 1 "$scratch/recfix.mem" 2>/dev/null | awk '{ print $1 }')
    rf_cpu=$(tail -n 1 "$scratch/recfix.mem" 2>/dev/null | awk 'NF == 3 { print $2 + $3 }')
    [ "$rf_rc" = 124 ] && rf_secs=
}

results=$out/results.md
: >"$results"
emit() { printf '%s\n' "$*" | tee -a "$results"; }
calc() { awk "BEGIN { $1 }"; }      # calc 'printf "%.1f", 1 / 3'

cpu=$(sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo 2>/dev/null | head -n 1)
emit "Machine: $(nproc 2>/dev/null || echo '?') cores${cpu:+ ($cpu)}, $(uname -sr), load average" \
     "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) at start; timer: $timer;" \
     "$("$tk" --version 2>/dev/null | head -n 1); $(recfix --version 2>/dev/null | head -n 1)."
emit ""

# ---- 1. torikumi check vs recfix --check ------------------------------------

do_recfix=1
[ "${BENCH_NO_RECFIX:-0}" = 1 ] && do_recfix=0
have recfix || do_recfix=0
[ $do_recfix = 1 ] || say "recfix skipped (BENCH_NO_RECFIX=1 or recfix not installed)"

emit "### torikumi check vs recfix --check (10,000 records)"
emit ""
emit "| file | MB | torikumi check: wall (CPU) | recfix --check: wall (CPU) | recfix / torikumi: wall (CPU) | exit codes (torikumi, recfix) | records flagged (torikumi, recfix, expected) | agree |"
emit "|---|---:|---:|---:|---:|---|---|---|"
rf_mem_10k=
for variant in 10k 10k-bad; do
    f=$data/$variant.rec
    k=0
    [ $variant = 10k-bad ] && k=$bad_every
    say "torikumi check $f"
    measure "$runs" "$warmup" "$tk" check "$f"
    "$tk" check "$f" >"$scratch/torikumi.out" 2>&1
    tk_rc=$?
    flagged "$f" "$scratch/torikumi.out" >"$scratch/tk.flagged"
    expected_bad 10000 "$k" >"$scratch/expected"
    tk_n=$(wc -l <"$scratch/tk.flagged" | tr -d ' ')
    ex_n=$(wc -l <"$scratch/expected" | tr -d ' ')
    tk_cell="$(ms "$t") ms ($(cpu_cell "$tcpu"))"
    if [ $do_recfix = 1 ]; then
        n=$recfix_runs
        [ $variant = 10k-bad ] && n=1
        : >"$scratch/rf.times"
        : >"$scratch/rf.cpu"
        timed_out=0
        i=0
        while [ $i -lt "$n" ]; do
            say "recfix --check $f (run $((i + 1))/$n, timeout ${recfix_timeout}s)"
            recfix_once "$f"
            if [ -z "$rf_secs" ]; then timed_out=1; break; fi
            echo "$rf_secs" >>"$scratch/rf.times"
            [ -n "$rf_cpu" ] && echo "$rf_cpu" >>"$scratch/rf.cpu"
            i=$((i + 1))
        done
        [ $variant = 10k ] && rf_mem_10k=$rf_kb
        if [ $timed_out = 1 ]; then
            rf_cell="> ${recfix_timeout} s (timeout)"
            ratio="> $(calc "printf \"%.0f\", $recfix_timeout / $t")x"
            rf_rc=timeout rf_n="?" agree="?"
        else
            rf_t=$(median <"$scratch/rf.times")
            rf_c=$(median <"$scratch/rf.cpu" 2>/dev/null || echo -)
            runs_note="$n run$([ "$n" -gt 1 ] && echo s)"
            if [ "$rf_c" = - ]; then
                rf_cell="$(calc "printf \"%.1f s\", $rf_t"), $runs_note"
            else
                rf_cell="$(calc "printf \"%.1f s (%.1f s)\", $rf_t, $rf_c"), $runs_note"
            fi
            ratio="$(calc "printf \"%.0fx\", $rf_t / $t")"
            if [ "$rf_c" != - ] && [ "$tcpu" != - ]; then
                ratio="$ratio ($(calc "printf \"%.0fx\", $rf_c / $tcpu"))"
            fi
            flagged "$f" "$scratch/recfix.out" >"$scratch/rf.flagged"
            rf_n=$(wc -l <"$scratch/rf.flagged" | tr -d ' ')
            agree=no
            if [ $((tk_rc == 0)) = $((rf_rc == 0)) ] &&
                cmp -s "$scratch/tk.flagged" "$scratch/rf.flagged" &&
                cmp -s "$scratch/tk.flagged" "$scratch/expected"; then
                agree=yes
            fi
        fi
    else
        rf_cell="skipped" ratio="-" rf_rc="-" rf_n="-"
        if cmp -s "$scratch/tk.flagged" "$scratch/expected"; then
            agree="(torikumi as expected)"
        else
            agree="(torikumi NOT as expected)"
        fi
    fi
    emit "| $variant.rec | $(mb "$(size_of "$f")") | $tk_cell | $rf_cell | $ratio | $tk_rc, $rf_rc | $tk_n, $rf_n, $ex_n | $agree |"
done
emit ""
emit "torikumi: median wall time of $runs runs after $warmup warm-up, mean CPU (user+sys);" \
     "recfix: median of the runs shown, no warm-up, timeout ${recfix_timeout} s."
emit ""

# ---- 2. linearity -------------------------------------------------------------

emit "### torikumi check: time against file size"
emit ""
emit "| records | MB | wall | CPU | wall ms per MB | CPU ms per MB | MB/s (wall) |"
emit "|---:|---:|---:|---:|---:|---:|---:|"
: >"$scratch/linear"
for name in 1k 2.5k 5k 10k 20k; do
    f=$data/$name.rec
    say "torikumi check $f"
    b=$(size_of "$f")
    measure "$runs" "$warmup" "$tk" check "$f"
    recs=$(grep -c '^No: ' "$f")
    echo "$t $tcpu $b" >>"$scratch/linear"
    cpu_per=-
    [ "$tcpu" != - ] && cpu_per=$(calc "printf \"%.1f\", $tcpu * 1000 / ($b / 1e6)")
    emit "| $recs | $(mb "$b") | $(ms "$t") ms | $(cpu_cell "$tcpu") |" \
         "$(calc "printf \"%.1f\", $t * 1000 / ($b / 1e6)") | $cpu_per |" \
         "$(calc "printf \"%.0f\", $b / 1e6 / $t") |"
done
spread() { # column of $scratch/linear -> largest / smallest time per MB
    awk -v c="$1" '$c != "-" { r = $c / $3; if (!n++ || r < lo) lo = r; if (r > hi) hi = r }
        END { if (n) printf "%.2f", hi / lo; else printf "-" }' "$scratch/linear"
}
emit ""
emit "Largest / smallest time per MB: wall $(spread 1), CPU $(spread 2) (1.00 = perfectly linear)."
emit ""

# ---- 3. round trip --------------------------------------------------------------

f=$data/10k.rec
b=$(size_of "$f")
say "round trip $f"
"$out/roundtrip" "$f" >"$scratch/copy.rec"
rt_rc=$?
if [ $rt_rc = 0 ] && cmp -s "$f" "$scratch/copy.rec"; then same=yes; else same="NO (exit $rt_rc)"; fi
rm -f "$scratch/copy.rec"
measure "$runs" "$warmup" "$out/roundtrip" "$f"
emit "### Round trip: sheet_load + sheet_write (bench/roundtrip.c)"
emit ""
emit "| file | MB | output identical (cmp) | wall | CPU | MB/s (wall) |"
emit "|---|---:|---|---:|---:|---:|"
emit "| 10k.rec | $(mb "$b") | $same | $(ms "$t") ms | $(cpu_cell "$tcpu") | $(calc "printf \"%.0f\", $b / 1e6 / $t") |"
emit ""

# ---- 4. peak memory ----------------------------------------------------------------

emit "### Peak memory (maximum resident set size)"
emit ""
if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$tk" check "$f" >/dev/null 2>"$scratch/time.v"
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$scratch/time.v")
    emit "| command | file MB | peak RSS MB | RSS / file size |"
    emit "|---|---:|---:|---:|"
    emit "| torikumi check 10k.rec | $(mb "$b") | $(calc "printf \"%.0f\", $kb / 1024") | $(calc "printf \"%.1f\", $kb * 1024 / $b") |"
    if [ -n "$rf_mem_10k" ]; then
        emit "| recfix --check 10k.rec | $(mb "$b") | $(calc "printf \"%.0f\", $rf_mem_10k / 1024") | $(calc "printf \"%.1f\", $rf_mem_10k * 1024 / $b") |"
    fi
else
    emit "Skipped: /usr/bin/time (GNU time) is not installed."
fi
emit ""

# ---- 5. the editor: a keystroke against vim ------------------------------------------

if [ -z "${BENCH_NO_KEYS:-}" ] && command -v tmux >/dev/null && command -v vim >/dev/null; then
    emit "### The editor: one typed character (bench/keys.sh)"
    emit ""
    # Issue 14: the sample with one field of 7 million characters next to the one typed in.
    [ -s "$data/big-field.rec" ] && [ "$data/big-field.rec" -nt bench/gen_big_field.sh ] ||
        sh bench/gen_big_field.sh > "$data/big-field.rec"
    BENCH_TORIKUMI="$top/${tk#./}" sh bench/keys.sh sample-data/taisho-h29.rec "$data/1k.rec" \
        "$data/10k.rec" "$data/20k.rec" "$data/big-field.rec" \
        > "$scratch/keys.md" || say "bench/keys.sh failed"
    while IFS= read -r line; do emit "$line"; done < "$scratch/keys.md"
    emit ""
else
    emit "Editor keystrokes skipped (BENCH_NO_KEYS set, or tmux/vim missing)."
fi

# ---- 6. import of a 50 MB CP932 CSV against iconv ----------------------------------

if [ -z "${BENCH_NO_IMPORT:-}" ]; then
    emit "### Import: a 50 MB CP932 CSV against iconv -f CP932 -t UTF-8 (bench/import.sh)"
    emit ""
    TORIKUMI="$top/${tk#./}" sh bench/import.sh "" 5 > "$scratch/import.md" 2>&1 ||
        say "bench/import.sh failed"
    while IFS= read -r line; do emit "$line"; done < "$scratch/import.md"
    emit ""
fi

# ---- 6b. printing: export/summary --format html against show --------------------------

if [ -z "${BENCH_NO_PRINT:-}" ]; then
    emit "### Printing: export --format html against show (bench/print.sh)"
    emit ""
    BENCH_TORIKUMI="$tk" sh bench/print.sh > "$scratch/print.md" || say "bench/print.sh failed"
    while IFS= read -r line; do emit "$line"; done < "$scratch/print.md"
    emit ""
fi

# ---- 7. search across 24 sheets of 10,000 initiatives --------------------------------

if [ -z "${BENCH_NO_SEARCH:-}" ]; then
    sh bench/search.sh | tee -a "$results" || say "bench/search.sh failed"
fi
# ---- 8. text layout: time per byte must not grow with the text -------------------

if [ -z "${BENCH_NO_LAYOUT:-}" ]; then
    emit "### Text layout of hostile texts, 1 MB and 10 MB (bench/layout_cost.c)"
    emit ""
    "$out/layout_cost" > "$scratch/layout.md" || say "layout_cost failed"
    while IFS= read -r line; do emit "$line"; done < "$scratch/layout.md"
    emit ""
fi

# ---- 9. merging three 10,000-item sheets against git merge-file ----------------------

if [ -z "${BENCH_NO_MERGE:-}" ]; then
    emit "### Merge: three 10,000-item sheets, torikumi merge against git merge-file (bench/merge.sh)"
    emit ""
    sh bench/merge.sh 10000 > "$scratch/merge.md" || say "bench/merge.sh failed"
    while IFS= read -r line; do emit "$line"; done < "$scratch/merge.md"
    emit ""
fi
say "results saved in $results"
