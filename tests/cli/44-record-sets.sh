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
