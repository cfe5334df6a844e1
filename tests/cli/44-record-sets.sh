# Items never vanish silently (issue 15, finding 3): a misspelled or missing
# `%rec: Initiative`, a second one, records of an unknown set; and the header's
# Ward and Title hold no control characters (finding 8).  check reports each,
# naming the line, exit 1; the output holds no raw control byte.
. "$TOP/tests/lib.sh"
sample=$TOP/sample-data/taisho-h29.rec
line_of() { grep -n "^$1\$" "$2" | head -n 1 | cut -d: -f1; }

t "a misspelled %rec: Initiative: reported, with the 23 records it hides"
sed 's/^%rec: Initiative$/%rec: Initiativ/' "$sample" > misspelled.rec
expect_exit 1 "$TORIKUMI" check misspelled.rec &&
expect_out_contains "misspelled.rec:1: Sheet: -: no %rec: Initiative line" &&
expect_out_contains "record set Initiativ (23 records) is not one of form kaikaku-2.0"

# Every other command refuses such a sheet (exit 2, FILE:LINE as check says it)
# instead of reporting 0 items, and writes nothing.
hidden='misspelled.rec:63: record set Initiativ (23 records) is not one of form kaikaku-2.0'
for cmd in show export 'export --format html -o p.html' summary 'summary --format csv' \
           'summary --format html -o r.html' view edit 'new --from'; do
    t "$cmd on a misspelled %rec: Initiative: refused, naming the line"
    case $cmd in 'new --from') args="misspelled.rec next.rec" ;; *) args=misspelled.rec ;; esac
    # shellcheck disable=SC2086
    expect_exit 2 "$TORIKUMI" $cmd $args </dev/null && expect_err_contains "$hidden" &&
    expect_out_lacks "0 取組項目" && expect_out_lacks "取組項目: 0"
    [ -e p.html ] || [ -e r.html ] || [ -e next.rec ] && t_fail "an output file was written"
done
t "the editor says why it does not open the sheet"
expect_exit 2 "$TORIKUMI" misspelled.rec </dev/null &&
expect_err_contains "misspelled.rec: not opened for editing: records it holds would not be shown"

t "the %rec: Initiative line missing: its records are second header records"
grep -v '^%rec: Initiative$' "$sample" > missing.rec
expect_exit 1 "$TORIKUMI" check missing.rec &&
expect_out_contains "no %rec: Initiative line" &&
expect_out_contains "a second Sheet record (the header is on line 17)"

t "a second %rec: Initiative set: reported (recutils refuses the file)"
{ cat "$sample"; printf '\n%%rec: Initiative\n\nNo: 99\nTitle: x\n'; } > twice.rec
second=$(grep -n '^%rec: Initiative$' twice.rec | tail -n 1 | cut -d: -f1)
expect_exit 1 "$TORIKUMI" check twice.rec &&
expect_out_contains "twice.rec:$second: Sheet: Initiative: a second %rec: Initiative record set (the first is on line 22)"
recfix --check twice.rec >/dev/null 2>&1 && t_fail "recfix accepted it"

t "show and export: a second set and records of an unknown set are refused too"
expect_exit 2 "$TORIKUMI" show twice.rec && expect_err_contains "twice.rec:$second: a second %rec: Initiative record set"
{ cat "$sample"; printf '\n%%rec: Notes\n\nA: b\n'; } > other.rec
expect_exit 2 "$TORIKUMI" export other.rec && expect_err_contains "record set Notes (1 records)"
t "show and export: an edited descriptor alone loses nothing and still shows"
sed 's/^%doc: .*/%doc: changed/' "$sample" > doc.rec
expect_exit 0 "$TORIKUMI" show doc.rec && expect_out_contains "23 取組項目"

t "an edited descriptor: named with the entry"
sed 's/^%type: End_Result enum achieved not_achieved$/%type: End_Result enum achieved/' "$sample" > desc.rec
expect_exit 1 "$TORIKUMI" check desc.rec &&
expect_out_contains "the %rec: Initiative descriptor is not the one form kaikaku-2.0 generates: it has \"%type: End_Result enum achieved\""

for c in '\033[2J' '\007' '\177' '\r' '\302\205' '\342\200\250'; do
    t "Ward and Title with $c: reported, escaped"
    awk -v c="$(printf "$c")" '/^Ward: /{ $0 = $0 c "x" } /^Title: 「/{ $0 = $0 c } { print }' "$sample" > header.rec
    expect_exit 1 "$TORIKUMI" check header.rec &&
    expect_out_contains "header.rec:$(line_of 'Ward: .*' header.rec): Sheet: Ward: control character" &&
    expect_out_contains "Sheet: Title: control character"
    LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$OUT" && t_fail "a raw control byte in the output"
    recfix --check header.rec >/dev/null 2>&1 && t_fail "recfix accepted it"
done

t "a header field twice and a two-line Ward: reported"
awk '/^Ward: /{ print; print "Ward: 北区"; next } { print }' "$sample" > dup.rec
expect_exit 1 "$TORIKUMI" check dup.rec && expect_out_contains "Sheet: Ward: Ward appears more than once"
done_testing
