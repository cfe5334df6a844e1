#!/bin/sh
# search.sh - how fast finding text across the sheets of all 24 wards is
# (src/search.c), and what the overview table costs (src/overview.c).
#
#   sh bench/search.sh          (bench/run.sh runs it at the end)
#
# Generates 24 sheets of 10,000 items (bench/gen_sheet with seeds 101..124,
# the Ward line set to one of Osaka's 24 wards; ~1.1 GB in bench/data/,
# kept between runs) and measures in one run, with bench/search_bench.c:
#   - loading them, building the overview table, folding them for search;
#   - per query: time to the first hit from the first item, to the next hit,
#     backwards from the first item (wrapping to the end), a full count in
#     10 ms steps (and its longest step), the rank of the first hit; the
#     same without the per-item signatures (a plain scan);
#   - the first search of a fresh search object, nothing folded yet;
#   - memory (resident set size; peak from GNU time);
#   - the peer: grep -F over the same files, -q (stops at the first match)
#     and -c (counts matching lines), page cache warm.
# Prints Markdown tables (also saved to build/bench/search.md).
#
# Environment:
#   BENCH_SEARCH_SHEETS=24 BENCH_SEARCH_ITEMS=10000   how much to generate
#   BENCH_RUNS=5                                      timed runs of grep (hyperfine)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
sheets=${BENCH_SEARCH_SHEETS:-24}
items=${BENCH_SEARCH_ITEMS:-10000}
runs=${BENCH_RUNS:-5}
data=bench/data
out=build/bench
mkdir -p "$data" "$out"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/torikumi-search.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT TERM
export LC_ALL=C.UTF-8 LANG=C.UTF-8
unset LANGUAGE TORIKUMI_FORM_PATH

say() { printf '%s\n' "$*" >&2; }
die() { say "bench/search: $*"; exit 2; }
have() { command -v "$1" >/dev/null 2>&1; }

# ---- build (as bench/run.sh does) ----------------------------------------------

# The Makefile builds the bench programs (build/bench/*) with its own flags.
make -s --no-print-directory torikumi bench-progs >&2 || die "make failed"

# ---- data: 24 wards ------------------------------------------------------------------

wards="北区 都島区 福島区 此花区 中央区 西区 港区 大正区 天王寺区 浪速区 西淀川区 淀川区
東淀川区 東成区 生野区 旭区 城東区 鶴見区 阿倍野区 住之江区 住吉区 東住吉区 平野区 西成区"
newer() { [ -n "$(find "$1" -newer "$2" 2>/dev/null)" ]; }
files=
i=0
for w in $wards; do
    i=$((i + 1))
    [ $i -le "$sheets" ] || break
    f=$(printf '%s/ward-%02d.rec' "$data" $i)
    [ "$items" = 10000 ] || f=$(printf '%s/ward-%02d-%s.rec' "$data" $i "$items")
    files="$files $f"
    if [ -s "$f" ] && ! newer bench/gen_sheet.c "$f" && ! newer tests/data/seed.txt "$f"; then
        continue
    fi
    say "generating $f ($items items, $w)"
    "$out/gen_sheet" -n "$items" --seed $((100 + i)) -o "$f.tmp" || die "cannot generate $f"
    awk -v w="$w" '!done && /^Ward: / { print "Ward: " w; done = 1; next } { print }' \
        "$f.tmp" > "$f.tmp2" && rm -f "$f.tmp" && mv "$f.tmp2" "$f" || die "cannot write $f"
done
last=${files##* }
# shellcheck disable=SC2086
bytes=$(cat $files | wc -c | tr -d ' ')

# ---- queries ---------------------------------------------------------------------------

# far: a string that only the last items of the last sheet hold, typed in full-width
# digits (the text has ASCII ones: folding must match them; grep gets the ASCII form).
say "choosing a query that only the end of $last holds"
awk -v n="$items" '/^No: / { p = ($2 + 0 > n - 20) } p' "$last" |
    sed 's/^[A-Za-z_]*: //; s/^+ //' |
    grep -o '[^ ]*[0-9][0-9]*[^ 0-9][^ ]*[0-9][^ ]*' | awk 'length($0) >= 8' | sort -u \
    > "$scratch/cands"
# shellcheck disable=SC2086
cat $files | grep -o -F -f "$scratch/cands" | sort | uniq -c |
    awk '$1 == 1 { $1 = ""; sub(/^ /, ""); print length($0), $0 }' | sort -n | head -n 1 |
    cut -d' ' -f2- > "$scratch/far"
far_ascii=$(cat "$scratch/far")
[ -n "$far_ascii" ] || die "no string is unique to the end of $last"
far=$(printf '%s' "$far_ascii" | sed 's/0/０/g; s/1/１/g; s/2/２/g; s/3/３/g; s/4/４/g;
    s/5/５/g; s/6/６/g; s/7/７/g; s/8/８/g; s/9/９/g; s/\./．/g; s/%/％/g')

# name|query as typed|what grep -F gets|what it shows
cat > "$scratch/queries" <<EOF
near|区民|区民|frequent: the first item holds it
far|$far|$far_ascii|one hit, in the last items of the last sheet; typed in full-width digits
kana|ｱﾝｹｰﾄ|アンケート|half-width katakana typed, full-width in the text
one|の|の|one character, everywhere
none|該当なしの検索語|該当なしの検索語|no hit; bigrams that occur nowhere
nohit_common|区民の意見を取組|区民の意見を取組|no hit, although every bigram is common
EOF

# ---- run ---------------------------------------------------------------------------------

set --
while IFS='|' read -r name query _ _; do
    set -- "$@" -q "$name=$query"
done < "$scratch/queries"
say "search_bench on $sheets sheets (loading takes a while)"
# shellcheck disable=SC2086
if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$scratch/peak" "$out/search_bench" "$@" -c near -c far $files \
        > "$scratch/res" || die "search_bench failed"
else
    "$out/search_bench" "$@" -c near -c far $files > "$scratch/res" || die "search_bench failed"
fi
v() { awk -v k="$1" '$1 == k { print $2 }' "$scratch/res"; }
ms() { awk -v x="$1" 'BEGIN { if (x == "") print "-"; else if (x < 1) printf "%.3f ms", x;
    else if (x < 10) printf "%.1f ms", x; else if (x < 10000) printf "%.0f ms", x;
    else printf "%.1f s", x / 1000 }'; }
mb() { awk -v x="$1" 'BEGIN { printf "%.0f MB", x }'; }

use_hyperfine=0
have hyperfine && [ "${BENCH_NO_HYPERFINE:-0}" != 1 ] && use_hyperfine=1
# grep's output goes to a pipe: GNU grep stops at the first match when it
# sees its output is /dev/null, which would make -c look instant.
grep_ms() { # grep arguments -> median wall ms (page cache warm)
    if [ $use_hyperfine = 1 ]; then
        hyperfine -N -i --style none --output=pipe -w 1 -r "$runs" --export-json "$scratch/hf.json" \
            -- "$(printf '%s ' "$@")" >/dev/null 2>&1
        sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' "$scratch/hf.json" | head -n 1 |
            awk '{ printf "%.3f", $1 * 1000 }'
    else
        t0=$(date +%s%N); "$@" 2>/dev/null | cat >/dev/null; t1=$(date +%s%N)
        echo "$t0 $t1" | awk '{ printf "%.3f", ($2 - $1) / 1e6 }'
    fi
}

results=$out/search.md
: > "$results"
emit() { printf '%s\n' "$*" | tee -a "$results"; }
cpu=$(sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo 2>/dev/null | head -n 1)
emit "### Search and overview: $(v sheets) sheets, $(v items) items, $(awk -v b="$bytes" 'BEGIN { printf "%.2f GB", b / 1e9 }')"
emit ""
emit "Machine: $(nproc 2>/dev/null || echo '?') cores${cpu:+ ($cpu)}, load average" \
     "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) at start of the tables;" \
     "$(grep -o -m1 -w avx2 /proc/cpuinfo >/dev/null && echo AVX2 || echo 'no AVX2')."
emit ""
emit "| step | wall | CPU | memory (RSS) |"
emit "|---|---:|---:|---:|"
emit "| load the sheets (sheet_load_readonly) | $(ms "$(v load)") | $(ms "$(v load.cpu)") | $(mb "$(v rss.loaded)") |"
emit "| overview table, $(v overview.rows) rows (one rules check per item) | $(ms "$(v overview.build)") | $(ms "$(v overview.build.cpu)") | |"
emit "| overview: select all, by ward and number | $(ms "$(v overview.select)") | | |"
emit "| overview: only rows with problems | $(ms "$(v overview.filter)") | | |"
emit "| overview: all, by state | $(ms "$(v overview.sort_state)") | | |"
emit "| overview: counts of all rows | $(ms "$(v overview.counts)") | | |"
emit "| fold every sheet + signatures (search_prepare, $(v build.steps) slices of 10 ms; longest $(ms "$(v build.maxstep)"), CPU $(ms "$(v build.maxstep.cpu)")) | $(ms "$(v build)") | $(ms "$(v build.cpu)") | $(mb "$(v rss.built)") (+$(awk -v a="$(v rss.built)" -v b="$(v rss.loaded)" 'BEGIN { printf "%.0f", a - b }') MB; search_memory $(mb "$(v search.memory)")) |"
for name in near far; do
    emit "| first search, nothing folded yet: $name | $(ms "$(v "cold.$name")") | $(ms "$(v "cold.$name.cpu")") | |"
done
[ -s "$scratch/peak" ] && emit "| peak of the whole run (GNU time) | | | $(mb "$(awk '{ print $1 / 1024 }' "$scratch/peak")") |"
emit ""
emit "Queries (median of 5; \"first\" is search_next from the first item of the first sheet," \
     "\"prev\" is search_prev from there, which wraps to the end):"
emit ""
emit "| query | what | hits | first hit (sheet:item) | first | next | prev | full count: wall (CPU), 10 ms steps, longest step: wall (CPU) | rank of first | no signatures: first / count | grep -F -q (first match) | grep -F -c (lines) |"
emit "|---|---|---:|---|---:|---:|---:|---|---:|---:|---:|---:|"
while IFS='|' read -r name query gq what; do
    say "grep -F '$gq'"
    # shellcheck disable=SC2086
    gfirst=$(grep_ms grep -q -F "$gq" $files)
    # shellcheck disable=SC2086
    gcount=$(grep_ms grep -c -F "$gq" $files)
    # shellcheck disable=SC2086
    glines=$(grep -c -F "$gq" $files | awk -F: '{ s += $NF } END { print s }')
    emit "| \`$query\` | $what | $(v "$name.hits") | $(v "$name.where") | $(ms "$(v "$name.first")") |" \
         "$(ms "$(v "$name.next")") | $(ms "$(v "$name.prev")") |" \
         "$(ms "$(v "$name.count")") ($(ms "$(v "$name.count.cpu")")), $(v "$name.steps") steps, $(ms "$(v "$name.maxstep")") ($(ms "$(v "$name.maxstep.cpu")")) |" \
         "$(v "$name.rank") | $(ms "$(v "$name.nosig.first")") / $(ms "$(v "$name.nosig.count")") |" \
         "$(ms "$gfirst") | $(ms "$gcount") ($glines lines) |"
done < "$scratch/queries"
emit ""
say "results saved in $results"
