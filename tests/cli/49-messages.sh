# Messages that help (issue 15): CRLF line ends and a byte order mark in a sheet
# are named as such, summary counts a sheet named twice once, a journal write
# error does not say "recovery journal not written" twice (unit: test_journal).
. "$TOP/tests/lib.sh"
sample=$TOP/sample-data/taisho-h29.rec

t "CRLF line ends: named, with what to do"
sed 's/$/\r/' "$sample" > crlf.rec
expect_exit 2 "$TORIKUMI" check crlf.rec &&
expect_err_contains "crlf.rec:6:1: a carriage return (CR): the file has Windows line ends (CRLF)"
t "a byte order mark: named"
{ printf '\357\273\277'; cat "$sample"; } > bom.rec
expect_exit 2 "$TORIKUMI" check bom.rec &&
expect_err_contains "bom.rec:1:1: a UTF-8 byte order mark (BOM) starts the file"
t "import reads both (as it says)"
expect_exit 0 "$TORIKUMI" import -o fixed.rec crlf.rec
expect_exit 0 "$TORIKUMI" check fixed.rec

t "summary a.rec a.rec: counted once, said so"
cp "$sample" a.rec
ln -s a.rec link.rec
expect_exit 0 "$TORIKUMI" summary --counts a.rec a.rec link.rec &&
expect_err_contains "a.rec: the same sheet as one named before; counted once" &&
expect_err_contains "link.rec: the same sheet"
"$TORIKUMI" summary --counts a.rec > once.txt
expect_same_file "$OUT" once.txt
done_testing
