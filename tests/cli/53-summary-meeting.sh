# summary as a table for the meeting, on the 24 wards' sheets (scripts/gen-wards.sh): the text
# fields a supervisor asks for as columns (--fields), CSV for Excel in utf-8-bom or cp932
# (--encoding, as export): one BOM, one header row; a character CP932 cannot hold stops it
# before anything is written (exit 1).
. "$TOP/tests/lib.sh"
sh "$TOP/scripts/gen-wards.sh" sheets
py() { python3 - "$@"; }

t "--not-achieved --fields End_Issues: 138 rows, each with its 課題と改善策, one BOM, one header"
expect_exit 0 "$TORIKUMI" summary --format csv --encoding utf-8-bom --not-achieved \
    --fields End_Issues,当年度の取組実績及び目標の達成状況 sheets/*.rec
cp "$OUT" meeting.csv
expect_eq "$(grep -c "$(printf '\357\273\277')" meeting.csv)" 1 "BOMs"
py meeting.csv <<'PY' || t_fail "not the table"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
head, body = rows[0], rows[1:]
assert head[-2:] == ["課題と改善策", "当年度の取組実績及び目標の達成状況"], head
assert sum(1 for r in rows if r == head) == 1
assert len(body) == 138, len(body)
ward, no = head.index("Ward"), head.index("番号")
wards = ["北区", "都島区"]
for r in body[:8]:
    w = wards.index(r[ward]) + 1
    assert r[-2].startswith("改善策%d-%s: " % (w, r[no])), r[-2]
    assert "\n区民への周知" in r[-2]          # the line break is kept in the cell
    assert r[-1], "an empty 当年度の取組実績"
PY

t "--encoding cp932: the same table in CP932, no BOM"
expect_exit 0 "$TORIKUMI" summary --format csv --encoding cp932 --not-achieved \
    --fields End_Issues,当年度の取組実績及び目標の達成状況 sheets/*.rec
iconv -f CP932 -t UTF-8 "$OUT" > meeting-sjis.csv || t_fail "not CP932"
tail -c +4 meeting.csv > meeting-nobom.csv
expect_same_file meeting-sjis.csv meeting-nobom.csv

t "text: the field as a column, on one line, cut by display width"
expect_exit 0 "$TORIKUMI" summary --not-achieved --fields End_Issues sheets/ward-01.rec
expect_out_contains "課題と改善策"
grep -q "^北区  *3 .*改善策1-3: 北区では目標に届かなかった\.\." "$OUT" || t_fail "no cut 課題と改善策 on 北区 3"
expect_eq "$(grep -c '^北区 ' "$OUT")" 6 "rows"

t "a character CP932 cannot hold: exit 1, named, nothing written"
sed 's/^Title: PDCAサイクルの徹底$/Title: PDCAサイクルの徹底〜/' sheets/ward-01.rec > wave.rec
expect_exit 1 "$TORIKUMI" summary --format csv --encoding cp932 wave.rec
expect_err_contains "U+301C"
expect_out_empty

t "a field that is not one text field, a bad encoding: exit 2"
expect_exit 2 "$TORIKUMI" summary --fields 課題と改善策 sheets/ward-01.rec
expect_err_contains "中間振り返り/課題と改善策"
expect_out_empty
expect_exit 2 "$TORIKUMI" summary --fields End_Result sheets/ward-01.rec
expect_exit 2 "$TORIKUMI" summary --encoding latin1 sheets/ward-01.rec
done_testing
