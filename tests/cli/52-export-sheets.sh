# export of several sheets: the 24 wards' sheets (scripts/gen-wards.sh) as one table for Excel,
# one BOM and one header row, 区 and 年度 columns; under a Japanese locale the done marks read
# 完了 / 未完了, and export -> import still gives the same sheet (an empty field stays empty).
. "$TOP/tests/lib.sh"
sh "$TOP/scripts/gen-wards.sh" sheets
py() { python3 - "$@"; }

t "24 sheets, one table: one BOM, one header row, 552 rows, 24 wards, their year"
expect_exit 0 "$TORIKUMI" export -o all.csv sheets/*.rec
expect_err_contains "24 sheets, 552 items written to all.csv"
expect_eq "$(grep -c "$(printf '\357\273\277')" all.csv)" 1 "BOMs"
py all.csv <<'PY' || t_fail "not one table"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
head, body = rows[0], rows[1:]
assert len(body) == 552, len(body)
assert sum(1 for r in rows if r == head) == 1, "the header repeats"
ward, year = head.index("区"), head.index("年度")
assert len({r[ward] for r in body}) == 24
assert {r[year] for r in body} == {"2017"}
assert all(len(r) == len(head) for r in body)
# Ward order as given, items in file order within a ward.
assert body[0][ward] == "北区" and body[-1][ward] == "西成区", (body[0][ward], body[-1][ward])
PY

t "cp932 too: the same table"
expect_exit 0 "$TORIKUMI" export --encoding cp932 -o all-sjis.csv sheets/*.rec
iconv -f CP932 -t UTF-8 all-sjis.csv > all-sjis-utf8.csv || t_fail "not CP932"
tail -c +4 all.csv > all-nobom.csv
expect_same_file all-sjis-utf8.csv all-nobom.csv

t "sheets of different forms are refused, naming them; no output file"
printf '%%rec: Sheet\n\nForm: kenshu-1.0\nWard: 北区\nFiscalYear: 2017\n\n%%rec: Course\n\n' > other.rec
expect_exit 2 env TORIKUMI_FORM_PATH="$TOP/tests/forms" "$TORIKUMI" export -o mixed.csv sheets/ward-01.rec other.rec
expect_err_contains "other.rec"
expect_err_contains "one table needs one form"
[ -e mixed.csv ] && t_fail "mixed.csv was written"

t "Japanese locale: done marks read 完了 / 未完了; an absent mark stays empty"
cp sheets/ward-04.rec marks.rec          # 此花区: items 1-4 have no mid-year done mark
sed -i '0,/^Plan_Done: yes$/s//Plan_Done: no/' marks.rec
expect_exit 0 env LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 "$TORIKUMI" export -o marks.csv marks.rec
py marks.csv <<'PY' || t_fail "done marks"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
head, body = rows[0], rows[1:]
plan, mid = head.index("計画 完了"), head.index("中間振り返り 完了")
assert body[0][plan] == "未完了", body[0][plan]
assert [r[plan] for r in body[1:]] == ["完了"] * 22
assert [r[mid] for r in body[:4]] == [""] * 4, [r[mid] for r in body[:4]]
assert [r[mid] for r in body[4:]] == ["完了"] * 19
assert "yes" not in {c for r in body for c in r}
PY
expect_exit 0 env LANG=C.UTF-8 LC_ALL=C.UTF-8 "$TORIKUMI" export -o marks-en.csv marks.rec
grep -q ',yes,' marks-en.csv || t_fail "English locale: yes expected"

t "round trip under the Japanese locale: export -> import gives the same sheet"
expect_exit 0 env LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 "$TORIKUMI" import -o back.rec marks.csv
"$TORIKUMI" show marks.rec > show-a.txt
"$TORIKUMI" show back.rec > show-b.txt
expect_same_file show-a.txt show-b.txt
recsel -t Initiative -e 'No = 1' -P Plan_Done back.rec > done1.txt
expect_eq "$(cat done1.txt)" "no" "item 1's plan done mark"
expect_eq "$(recsel -t Initiative -e 'No = 2' -P Mid_Done back.rec)" "" "item 2's absent mid done mark"
done_testing
