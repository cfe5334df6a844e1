# torikumi summary: the table and counts across sheets, filters, sorts, CSV, hostile text.
. "$TOP/tests/lib.sh"
sample="$TOP/sample-data/taisho-h29.rec"

# A second ward: 4 has a problem (plan marked complete without its fields), 2 is
# not achieved, 3 has a long title; 1 is achieved, and its title holds escape
# sequences and a bell (control characters: an error too).
esc=$(printf '\033')
{
    printf '%%rec: Sheet\n\nForm: kaikaku-2.0\nWard: 北区\nFiscalYear: 2017\n\n%%rec: Initiative\n\n'
    printf 'No: 4\nTitle: 問題のある取組\nPlan_Purpose: p\nPlan_Done: yes\n\n'
    printf 'No: 2\nTitle: 未達成の取組\nEnd_Results: r\nEnd_Result: not_achieved\nEnd_Issues: i\n\n'
    printf 'No: 3\nTitle: %s\n\n' "とても長い題名とても長い題名とても長い題名とても長い題名とても長い題名"
    printf 'No: 1\nTitle: =1+1 %s[31m赤%s]0;x\a\nEnd_Result: achieved\n\n' "$esc" "$esc"
} > kita.rec

# Python reads what we print back: CSV cells, display widths.
py() { python3 -c "$@"; }

t "the sample alone: a row per initiative, then the counts"
expect_exit 0 "$TORIKUMI" summary "$sample"
expect_eq "$(grep -c '^大正区 ' "$OUT")" 23 "rows"
expect_out_contains "取組項目: 23"
expect_out_contains "目標の達成: 目標達成 16, 目標未達成 7, not chosen 0"
expect_out_contains "complete: 計画 23, 中間振り返り 0, 年度評価 23"
expect_out_contains "With errors: 0"

t "two wards: sheets in the order given, numbers in order within a ward"
expect_exit 0 "$TORIKUMI" summary "$sample" kita.rec
expect_eq "$(grep -c '^大正区 \|^北区 ' "$OUT")" 27 "rows"
expect_eq "$(grep '^北区 ' "$OUT" | awk '{ print $2 }' | tr '\n' ' ')" "1 2 3 4 " "北区 numbers"
expect_eq "$(grep -n '^北区 ' "$OUT" | head -n 1 | cut -d: -f1)" 25 "北区 after 大正区 (header + 23)"
expect_out_contains "取組項目: 27"
expect_out_contains "With errors: 2"
expect_out_contains "complete [!]: 計画 1, 中間振り返り 0, 年度評価 0"

t "columns are aligned by display width"
# The display column where each row's 計画 cell starts must be the same on every row.
py '
import sys, unicodedata
def w(s): return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
cols = set()
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or ":" in line.split("  ")[0]: continue
    found = [i for i in (line.find("  " + word) for word in
             ("complete", "in progress", "empty", "計画")) if i >= 0]
    if found:
        cols.add(w(line[:min(found) + 2]))
print(len(cols), sorted(cols))
sys.exit(0 if len(cols) == 1 else 1)' "$OUT" || t_fail "stage column starts at different widths"

t "a long title is cut at 40 columns, between characters"
line=$(grep '^北区  *3 ' "$OUT")
case $line in *"とても長い題名とても長い題名とても長い..  "*) ;; *) t_fail "cut title: $line" ;; esac
printf '%s' "$line" | iconv -f UTF-8 -t UTF-8 >/dev/null || t_fail "cut in the middle of a character"

t "a hostile title: no raw escape or bell, shown escaped"
expect_exit 0 "$TORIKUMI" summary kita.rec
grep -q "$esc" "$OUT" && t_fail "raw ESC in text output"
grep -q "$(printf '\a')" "$OUT" && t_fail "raw BEL in text output"
expect_out_contains "=1+1 ^[[31m赤^[]0;x^G"
expect_exit 0 "$TORIKUMI" summary --format csv kita.rec
grep -q "$esc" "$OUT" && t_fail "raw ESC in CSV output"
expect_out_contains "\"'=1+1 ^[[31m赤^[]0;x^G\""

t "--problems, --not-achieved, --result, --incomplete"
expect_exit 0 "$TORIKUMI" summary --problems "$sample" kita.rec
expect_eq "$(grep -c '^大正区 \|^北区 ' "$OUT")" 2 "rows with problems"
expect_out_contains "問題のある取組"
expect_out_contains "取組項目: 2"
expect_exit 0 "$TORIKUMI" summary --not-achieved "$sample" kita.rec
expect_eq "$(grep -c '^大正区 \|^北区 ' "$OUT")" 8 "not achieved: 7 + 1"
expect_out_contains "目標未達成 8"
expect_exit 0 "$TORIKUMI" summary --result 目標達成 kita.rec
expect_eq "$(grep -c '^北区 ' "$OUT")" 1 "achieved, by label"
expect_exit 0 "$TORIKUMI" summary --incomplete end "$sample" kita.rec
expect_eq "$(grep -c '^大正区 ' "$OUT")" 0 "the sample's 年度評価 is complete"
expect_eq "$(grep -c '^北区 ' "$OUT")" 4 "none of 北区's is"
expect_exit 0 "$TORIKUMI" summary --incomplete 計画 --problems kita.rec
expect_eq "$(grep -c '^北区 ' "$OUT")" 2 "complete [!] is not complete; filters combine"

t "--sort state: errors first, then the least done"
expect_exit 0 "$TORIKUMI" summary --sort state "$sample" kita.rec
expect_eq "$(sed -n 2,5p "$OUT" | awk '{ print $1 $2 }' | tr '\n' ' ')" "北区1 北区4 北区2 北区3 " \
    "errors (none complete, then one complete [!]); 2 and 3 both have 計画 empty: by number"
expect_eq "$(sed -n 6p "$OUT" | awk '{ print $1, $2 }')" "大正区 1" "then the sample"
expect_eq "$(sed -n 29p "$OUT")" "" "blank line after 27 rows"
expect_exit 0 "$TORIKUMI" summary --sort no kita.rec
expect_eq "$(sed -n 2p "$OUT" | awk '{ print $2 }')" 1 "by number"

t "CSV parses back: RFC 4180, a header row, every row"
expect_exit 0 "$TORIKUMI" summary --format csv "$sample" kita.rec
head -c 3 "$OUT" | od -An -tx1 | grep -q 'ef bb bf' && t_fail "BOM without --bom"
[ "$(head -n 1 "$OUT" | od -An -c | tr -d ' \n' | tail -c 4)" = '\r\n' ] || t_fail "no CRLF"
py '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
assert rows[0] == ["Ward", "番号", "取組項目名", "計画", "中間振り返り", "年度評価", "目標の達成", "Errors"], rows[0]
assert len(rows) == 28, len(rows)
assert all(len(r) == 8 for r in rows), "ragged"
kita = [r for r in rows if r[0] == "北区"]
assert [r[1] for r in kita] == ["1", "2", "3", "4"], kita
assert kita[3][3] == "complete [!]" and kita[3][7] != "0", kita[3]
assert kita[1][6] == "目標未達成", kita[1]
assert kita[2][2].startswith("とても長い題名") and len(kita[2][2]) == 35, "CSV titles are not cut"
' "$OUT" || t_fail "CSV does not parse back as expected"

t "--bom for Excel; --counts alone, as CSV"
expect_exit 0 "$TORIKUMI" summary --format csv --bom kita.rec
expect_eq "$(head -c 3 "$OUT" | od -An -tx1 | tr -d ' ')" "efbbbf" "BOM"
expect_exit 0 "$TORIKUMI" summary --format csv --counts "$sample" kita.rec
py '
import csv, sys
rows = dict(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
assert rows["取組項目"] == "27" and rows["目標の達成: 目標未達成"] == "8", rows
assert rows["complete: 年度評価"] == "23" and rows["With errors"] == "2", rows
' "$OUT" || t_fail "counts CSV"
expect_exit 0 "$TORIKUMI" summary --counts kita.rec
expect_out_lacks "問題のある取組"
expect_out_contains "取組項目: 4"

t "Japanese headers and messages under a Japanese locale"
expect_exit 0 env LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 "$TORIKUMI" summary kita.rec
expect_out_contains "区    番号"
expect_out_contains "エラーあり: 2"
expect_out_contains "完了[!]"
expect_exit 2 env LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 "$TORIKUMI" summary --incomplete x kita.rec
expect_err_contains "完了の印のある段階「x」はありません。次のいずれかです: plan mid end"

t "a missing sheet among others is named and skipped: the table of the others, exit 1"
expect_exit 1 "$TORIKUMI" summary "$sample" no-such.rec
expect_err_contains "no-such.rec: No such file or directory"
expect_err_contains "sheets that could not be read, skipped: 1"
expect_eq "$(grep -c '^大正区 ' "$OUT")" 23 "rows of the readable sheet"
expect_out_contains "取組項目: 23"

t "no readable sheet, bad options, other forms: exit 2, no table"
printf 'No: 1\nbroken\n' > broken.rec
expect_exit 2 "$TORIKUMI" summary broken.rec
expect_err_contains "broken.rec:2:"
expect_out_empty
expect_exit 2 "$TORIKUMI" summary
expect_exit 2 "$TORIKUMI" summary --format xml kita.rec
expect_err_contains "bad value 'xml'"
expect_exit 2 "$TORIKUMI" summary --sort title kita.rec
expect_exit 2 "$TORIKUMI" summary --result maybe kita.rec
expect_err_contains "the result has no choice 'maybe'"
printf '%%rec: Sheet\n\nForm: kenshu-1.0\nWard: 港区\nFiscalYear: 2020\n\n%%rec: Course\n\nId: 1\nName: n\n' > kenshu.rec
expect_exit 2 env TORIKUMI_FORM_PATH="$TOP/tests/forms" "$TORIKUMI" summary kita.rec kenshu.rec
expect_err_contains "kenshu.rec: uses form \"kenshu-1.0\", the other sheets \"kaikaku-2.0\""

t "another form (--form): its labels head the columns; no result field, no result column"
expect_exit 0 "$TORIKUMI" summary --form "$TOP/tests/forms/kenshu-1.0.form" kenshu.rec
expect_eq "$(head -n 1 "$OUT")" "Ward  研修番号  研修名  申込   報告   Errors" "header"
expect_out_contains "研修: 1"
expect_out_lacks "目標"
expect_exit 0 "$TORIKUMI" summary --form "$TOP/forms/kaikaku-2.0.form" "$sample"
expect_out_contains "取組項目: 23"

t "help"
expect_exit 0 "$TORIKUMI" summary --help
expect_out_contains "usage: torikumi summary"

done_testing
