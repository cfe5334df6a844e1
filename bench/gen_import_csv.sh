#!/bin/sh
# gen_import_csv.sh - a large CP932 CSV for the import benchmark.
#
#   sh bench/gen_import_csv.sh [MB] [OUT.csv]     (default 50 MB, bench/data/import-50mb.csv)
#
# Builds a kaikaku-2.0 sheet from the seed's prose (tests/data/seed.txt),
# every field filled, multi-line texts, commas and quotes in values, then
# exports it with `torikumi export --encoding cp932`: the file is what
# Excel's plain "CSV" would give.  Deterministic: same MB, same bytes.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
mb=${1:-50}
out=${2:-$top/bench/data/import-${mb}mb.csv}
bin=${TORIKUMI:-$top/torikumi}
[ -x "$bin" ] || { echo "gen_import_csv.sh: build first (make)" >&2; exit 2; }
mkdir -p "$(dirname "$out")"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gen-import.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# Prose lines from the seed: no markup-only lines, no tabs (kept simple), no trailing backslash.
sed -e 's/<[^>]*>//g' -e 's/\t/ /g' -e 's/\\$//' "$top/tests/data/seed.txt" |
    grep -v '^[[:space:]]*$' | grep -v '^[-	 ]*$' > "$tmp/lines"

# CP932 is about 0.7 of the UTF-8 size for this text: aim the sheet at MB / 0.7.
target=$(( mb * 1024 * 1024 * 10 / 7 ))
"$bin" new --ward 大正区 --year 2017 "$tmp/big.rec" >/dev/null
LC_ALL=C awk -v target="$target" -v base="$(wc -c < "$tmp/big.rec")" '
    { line[n++] = $0; if (length($0) <= 150) short[ns++] = $0 }
    function text(k, m,   s, i) {           # m lines starting at k
        s = line[k % n]
        for (i = 1; i < m; i++) s = s "\n+ " line[(k + i) % n]
        return s
    }
    END {
        size = base; no = 0; k = 0
        choices_p[0] = "on_track"; choices_p[1] = "off_track"
        choices_o[0] = "likely"; choices_o[1] = "unlikely"
        while (size < target) {
            no++
            rec = "\nNo: " no "\nTitle: " short[no % ns] " (" no ")"
            rec = rec "\nSubtitle: 区政編, 改革の柱 \"" no % 7 "\""
            rec = rec "\nPlan_Purpose: " text(k + 1, 3)
            rec = rec "\nPlan_Overview: " text(k + 4, 4)
            rec = rec "\nPlan_Goal: " text(k + 8, 2)
            rec = rec "\nPlan_Actions: " text(k + 10, 4)
            rec = rec "\nPlan_YearGoal: " text(k + 14, 2)
            rec = rec "\nPlan_Done: yes"
            rec = rec "\nMid_Progress: " choices_p[no % 2]
            rec = rec "\nMid_Outlook: " choices_o[int(no / 2) % 2]
            rec = rec "\nMid_Issues: " text(k + 16, 2)
            rec = rec "\nMid_Done: yes"
            rec = rec "\nEnd_Results: " text(k + 18, 3)
            rec = rec "\nEnd_Result: " (no % 3 ? "achieved" : "not_achieved")
            rec = rec "\nEnd_Issues: " text(k + 21, 2)
            rec = rec "\nEnd_Done: yes"
            rec = rec "\nLocalNote: 区のメモ " no
            print rec
            size += length(rec) + 1           # bytes: awk runs in the C locale below
            k += 23
        }
    }' "$tmp/lines" >> "$tmp/big.rec"
LC_ALL=C.UTF-8 "$bin" export --encoding cp932 -o "$out" "$tmp/big.rec"
ls -l "$out"
