# Messages never carry raw control characters (issue 15, finding 9): file names
# (`evil\e]52;...\u202e.rec`) and values quoted in export warnings go out
# escaped, on stdout and stderr alike.
. "$TOP/tests/lib.sh"
sample=$TOP/sample-data/taisho-h29.rec
evil=$(printf 'evil\033]52;c;eA==\007\342\200\256.rec')
raw() { # file: has a raw C0 control (but tab/newline), DEL, C1 or U+202E
    LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1" ||
        grep -q "$(printf '\302[\200-\237]')" "$1" || grep -q "$(printf '\342\200\256')" "$1"
}
no_raw() { raw "$OUT" && t_fail "raw control bytes on stdout"; raw "$ERR" && t_fail "raw control bytes on stderr"; }

sed 's/^End_Result: achieved$/End_Result: x/' "$sample" > "$evil"
t "check names a hostile file escaped"
expect_exit 1 "$TORIKUMI" check "$evil" && expect_out_contains 'evil^[]52;c;eA==^G<U+202E>.rec:'
no_raw
t "a missing hostile file: the error escaped"
expect_exit 2 "$TORIKUMI" show "$(printf 'nope\033[2J.rec')" && expect_err_contains 'nope^[[2J.rec'
no_raw
t "export warnings quote values escaped"
sed "s/^End_Result: achieved\$/End_Result: $(printf '\033[2J\033]52;c;x\007')/" "$sample" > values.rec
expect_exit 0 "$TORIKUMI" export -o out.csv values.rec && expect_err_contains 'is not a choice'
no_raw
t "import errors name the hostile input escaped"
printf '\377x' > "$evil"
expect_exit 1 "$TORIKUMI" import --encoding utf-8 -o out.rec "$evil" && expect_err_contains "invalid UTF-8 byte FF"
no_raw

# Success messages and the other messages that name a file (issue 15, rest):
# every command, with a name holding ESC, an OSC 52 with BEL, RLO, U+0085 and DEL.
n=$(printf 'ev\033]52;c;eA==\007\342\200\256\302\205\177il')
shown='ev^[]52;c;eA==^G<U+202E><U+0085>^?il'
cp "$sample" "$n.rec"
t "export -o: the written file named escaped"
expect_exit 0 "$TORIKUMI" export -o "$n.csv" "$n.rec" && expect_err_contains "$shown.csv (CSV"
no_raw
t "export of several sheets: the written file named escaped"
expect_exit 0 "$TORIKUMI" export -o "$n.all.csv" "$n.rec" "$sample" && expect_err_contains "$shown.all.csv (CSV"
no_raw
t "import: the input and the written file named escaped"
expect_exit 0 "$TORIKUMI" import -o "$n.back.rec" "$n.csv" &&
expect_err_contains "$shown.csv: format csv" && expect_err_contains "written to $shown.back.rec"
no_raw
t "summary --format html: the report's file named escaped"
expect_exit 0 "$TORIKUMI" summary --format html -o "$n.html" "$n.rec" && expect_err_contains "written to $shown.html"
no_raw
t "export --format html: the printed file named escaped"
expect_exit 0 "$TORIKUMI" export --format html -o "$n.p.html" "$n.rec" && expect_err_contains "written to $shown.p.html"
no_raw
t "new --from: last year's sheet named escaped"
sed 's/^FiscalYear: .*/FiscalYear: x/' "$sample" > "$n.noyear.rec"
expect_exit 2 "$TORIKUMI" new --from "$n.noyear.rec" next.rec && expect_err_contains "$shown.noyear.rec has no valid"
no_raw
t "new over an existing file: named escaped"
expect_exit 2 "$TORIKUMI" new --ward 北区 --year 2017 "$n.rec" && expect_err_contains "$shown.rec already exists"
no_raw
t "merge: the conflicts name the file escaped"
sed 's/^Title: 「/Title: 彼ら「/' "$sample" > theirs.rec
sed 's/^Title: 「/Title: 私「/' "$sample" > "$n.ours.rec"
expect_exit 1 "$TORIKUMI" merge "$sample" "$n.ours.rec" theirs.rec && expect_err_contains "$shown.ours.rec:"
no_raw
t "show --item: a missing item names the file escaped"
expect_exit 2 "$TORIKUMI" show --item 999 "$n.rec" && expect_err_contains "$shown.rec: no"
no_raw
t "options quoted back escaped"
expect_exit 2 "$TORIKUMI" export --format "$n" "$sample" && expect_err_contains "not '$shown'"
no_raw
expect_exit 2 "$TORIKUMI" summary --result "$n" "$sample" && expect_err_contains "'$shown'"
no_raw
expect_exit 2 "$TORIKUMI" "$n" && expect_err_contains "unknown command '$shown'"
no_raw
t "git-setup: the directory named escaped"
mkdir "$n.d" && git -C "$n.d" init -q
expect_exit 0 "$TORIKUMI" git-setup "$n.d" && expect_out_contains "$shown.d: sheets (*.rec) now merge"
no_raw
t "--year: the value and the era parser's quote of it escaped"
expect_exit 2 "$TORIKUMI" new --ward 北区 --year "$n" y.rec && expect_err_contains "--year $shown:"
no_raw
expect_exit 2 "$TORIKUMI" new --ward 北区 --year "$(printf '\302\205')" y.rec && expect_err_contains "<U+0085>"
no_raw
done_testing
