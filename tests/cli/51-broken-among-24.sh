# A broken sheet among the 24 wards' sheets (scripts/gen-wards.sh) does not stop `summary`: it is
# named with its error (file, line, column), counted as skipped, the other 23 make the table (in
# text and in CSV: one BOM, one header row), and the exit status (1) says something was skipped.
. "$TOP/tests/lib.sh"
sh "$TOP/scripts/gen-wards.sh" sheets
# ward-05 (中央区): a line that is not a field, in its third item.
awk '/^No: 3$/ { print "this is not a field" } { print }' sheets/ward-05.rec > broken.rec
mv broken.rec sheets/ward-05.rec
line=$(grep -n "^this is not a field" sheets/ward-05.rec | cut -d: -f1)

t "summary: the broken sheet is named with its line, the 23 others are counted"
expect_exit 1 "$TORIKUMI" summary sheets/*.rec
expect_err_contains "sheets/ward-05.rec:$line:"
expect_err_contains "sheets that could not be read, skipped: 1"
expect_out_contains "取組項目: 529"
expect_eq "$(grep -c '^中央区 ' "$OUT")" 0 "rows of the broken ward"
expect_eq "$(grep -c '^北区 ' "$OUT")" 23 "rows of 北区"

t "summary --format csv --bom: one BOM, one header row, 529 rows"
expect_exit 1 "$TORIKUMI" summary --format csv --bom sheets/*.rec
expect_eq "$(grep -c "$(printf '\357\273\277')" "$OUT")" 1 "BOMs"
python3 - "$OUT" <<'PY' || t_fail "not one table"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
header = [r for r in rows if r and r[0] == rows[0][0]]
assert len(header) == 1, header
assert len(rows) == 1 + 529, len(rows)
PY

t "nothing readable at all: exit 2"
expect_exit 2 "$TORIKUMI" summary sheets/ward-05.rec
expect_out_empty
done_testing
