# An edited descriptor is reported and written back as the form generates it on
# save (issue 15, "check must agree with recfix"): afterwards check and recfix
# --check both pass, and the items are untouched.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
sample=$TOP/sample-data/taisho-h29.rec
sed -e 's/^%type: End_Result enum achieved not_achieved$/%type: End_Result enum achieved/' \
    -e 's/^%key: No$/%key: Title/' "$sample" > sheet.rec
t "check reports the edited descriptor"
expect_exit 1 "$TORIKUMI" check sheet.rec && expect_out_contains "descriptor is not the one form kaikaku-2.0 generates"

t "a save writes the form's descriptor back"
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"
tm_keys Tab Tab
tm_wait "> 副題"
tm_type "記述子"
tm_wait "sheet.rec [+]"
tm_keys C-s
tm_wait "saved sheet.rec"
tm_keys C-q
tm_wait_exit
expect_exit 0 "$TORIKUMI" check sheet.rec
expect_exit 0 recfix --check sheet.rec
expect_eq "$(sed -n '/^%rec: Initiative$/,/^$/p' sheet.rec)" "$(sed -n '/^%rec: Initiative$/,/^$/p' "$sample")" "descriptor"
t "against the sample, only the edited item differs (the descriptor is the form's again)"
expect_eq "$(diff "$sample" sheet.rec | grep '^[<>]' | sed 's/: .*/:/' | tr '\n' '|')" "> Subtitle:|> Updated:|" "differences"
done_testing
