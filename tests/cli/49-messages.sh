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

# A lone CR inside an imported value (a line break inside an Excel cell) is no
# line end of an LF or CRLF file: messages name the lines as `grep -n` counts
# them.  In a file whose lines end in lone CRs, those are the lines.
for ends in LF CRLF; do
    t "import, $ends line ends, a lone CR inside a value: the next rows' lines are right"
    nl='\n'; [ $ends = CRLF ] && nl='\r\n'
    printf "番号,取組項目名,区,年度${nl}1,\"前\r後\",北区,2017${nl}2,\"x\001y\",北区,2017$nl" > lone.csv
    printf "3,\"p\rq\rr\",北区,2017${nl}4,\"x\002y\",北区,2017$nl" >> lone.csv
    expect_exit 0 "$TORIKUMI" import -o lone.rec lone.csv &&
    expect_err_contains "lone.csv:$(grep -n 'x.y' lone.csv | head -n 1 | cut -d: -f1):2: warning: 取組項目 2" &&
    expect_err_contains "lone.csv:$(grep -n 'x.y' lone.csv | tail -n 1 | cut -d: -f1):2: warning: 取組項目 4"
done
t "import, lone CR line ends (old Macintosh): each CR is a line"
printf '番号,取組項目名,区,年度\r1,a,北区,2017\r2,"x\001y",北区,2017\r' > mac.csv
expect_exit 0 "$TORIKUMI" import -o mac.rec mac.csv && expect_err_contains "mac.csv:3:2: warning: 取組項目 2"
t "import of a sheet (rec) with a lone CR inside a value: its line"
sed '/^Subtitle: /{s/^Subtitle: \(.*\)$/Subtitle: \1\r/;}' "$sample" | sed 's/\r$/\rx/' > lonecr.rec
expect_exit 1 "$TORIKUMI" import -o lonecr-out.rec lonecr.rec &&
expect_err_contains "lonecr.rec:$(grep -n "$(printf '\r')x" lonecr.rec | head -n 1 | cut -d: -f1):"

t "summary a.rec a.rec: counted once, said so"
cp "$sample" a.rec
ln -s a.rec link.rec
expect_exit 0 "$TORIKUMI" summary --counts a.rec a.rec link.rec &&
expect_err_contains "a.rec: the same sheet as one named before; counted once" &&
expect_err_contains "link.rec: the same sheet"
"$TORIKUMI" summary --counts a.rec > once.txt
expect_same_file "$OUT" once.txt
done_testing
