#!/bin/sh
# gen_big_field.sh - the sample sheet with one field of 7 million characters (issue 14).
#
#   sh bench/gen_big_field.sh [CHARS] > big-field.rec
#
# Item 1's End_Results (年度評価 / 実績) becomes CHARS characters of Japanese prose
# (default 7,000,000, in continuation lines of 560), so bench/keys.sh can type in its
# 計画 fields (F2 End) next to it: a key must not cost the size of a field it does not
# touch.  The sheet breaks one rule (End_Results too long), as such a sheet would.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
chars=${1:-7000000}
LC_ALL=C.UTF-8 awk -v chars="$chars" '
function big(   unit, line, i, n, out) {
    unit = "区民の意見を取組に反映する。"          # 14 characters
    line = ""
    for (i = 0; i < 40; i++)
        line = line unit                           # 560 characters
    n = int((chars + 559) / 560)
    printf "End_Results: %s\n", line
    for (i = 1; i < n; i++)
        printf "+ %s\n", line
}
/^No: /              { item = $2 }
/^End_Results: / && item == 1 { big(); skip = 1; next }
skip && /^\+ /       { next }
                     { skip = 0; print }
' "$top/sample-data/taisho-h29.rec"
