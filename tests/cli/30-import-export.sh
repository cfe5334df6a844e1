# torikumi import / export end to end: encodings, -o -, errors (message, exit
# status, OUT untouched or not created), export encodings, CP932 failures,
# unknown columns, rec input in CP932, and export -> import giving the same sheet.
. "$TOP/tests/lib.sh"

nl='
'
crlf() { printf '%s' "$1" | sed 's/$/\r/'; }   # each line ends CRLF (the last too)

# A CSV as Excel writes it: BOM, CRLF rows, Alt+Enter (bare LF) inside a quoted cell.
{
    printf '\357\273\277'
    printf '番号,取組項目名,趣旨・目的,目標の達成,年度評価/課題と改善策,計画 完了,LocalNote\r\n'
    printf '1,歳入の確保,"一行目\n二行目, ""引用""",目標未達成,改善する,no,メモ\r\n'
    printf '2,"  空白  ",ｶﾀｶﾅ,achieved,,,\r\n'
} > excel.csv

t "import a UTF-8 CSV (BOM, CRLF, Alt+Enter)"
expect_exit 0 "$TORIKUMI" import --ward 大正区 --year 2017 -o utf8.rec excel.csv &&
expect_err_contains "excel.csv: format csv (detected from the content)" &&
expect_err_contains "excel.csv:1:7: warning: column G (LocalNote) is not a field of form kaikaku-2.0: its values are kept as field LocalNote" &&
expect_err_contains "excel.csv:4:3: warning: 取組項目 2: Plan_Purpose: half-width katakana" &&
expect_err_contains "2 items written to utf8.rec"
expect_eq "$(recsel -t Initiative -e 'No = 1' -P Plan_Purpose utf8.rec)" "一行目${nl}二行目, \"引用\"" "multi-line value"
expect_eq "$(recsel -t Initiative -e 'No = 1' -P End_Result utf8.rec)" "not_achieved" "choice label -> key"
expect_eq "$(recsel -t Initiative -e 'No = 2' -P Title utf8.rec)" "  空白  " "blanks kept"
expect_eq "$(recsel -t Initiative -e 'No = 1' -P LocalNote utf8.rec)" "メモ" "unknown column kept"
expect_eq "$(recsel -t Sheet -P Ward utf8.rec)" "大正区" "ward"
grep -q "$(printf '\r')" utf8.rec && t_fail "CR in the output"

t "the imported sheet is a sheet: check reads it, recfix --check passes"
"$TORIKUMI" check utf8.rec > check.out 2>&1; rc=$?
[ $rc -le 1 ] || { t_fail "torikumi check exited $rc"; cat check.out; }
if command -v recfix >/dev/null; then recfix --check utf8.rec || t_fail "recfix --check failed"; fi

t "the same CSV in CP932 (Excel's plain CSV) gives the same sheet"
tail -c +4 excel.csv | iconv -f UTF-8 -t CP932 > legacy.csv
expect_exit 0 "$TORIKUMI" import --ward 大正区 --year 2017 -o cp932.rec legacy.csv &&
expect_err_contains "csv in CP932 (detected)" &&
expect_same_file cp932.rec utf8.rec
expect_exit 0 "$TORIKUMI" import --encoding shift-jis --ward 大正区 --year 2017 -o sjis.rec legacy.csv &&
expect_same_file sjis.rec utf8.rec

t "-o - writes the sheet to standard output"
expect_exit 0 "$TORIKUMI" import --ward 大正区 --year 2017 -o - excel.csv &&
expect_same_file "$OUT" utf8.rec
expect_err_contains "written to standard output"

t "input from standard input"
"$TORIKUMI" import --ward 大正区 --year 2017 -o stdin.rec - < legacy.csv 2>err.txt || t_fail "exit $?"
expect_same_file stdin.rec utf8.rec

t "lone CR and CRLF line ends: LF in the output"
printf 'No,Title,Plan_Goal\r1,a,"x\ry"\r' > cr.csv
expect_exit 0 "$TORIKUMI" import --ward 大正区 --year 2017 -o cr.rec cr.csv &&
expect_eq "$(recsel -t Initiative -P Plan_Goal cr.rec)" "x${nl}y" "CR inside a cell"

# ---- errors -------------------------------------------------------------------

echo 'precious' > existing.rec
cp existing.rec existing.orig

bad_input() { # name expected-status expected-message csv-file [options]
    name=$1; want=$2; msg=$3; file=$4; shift 4
    t "$name: exit $want, message, OUT untouched, nothing created"
    expect_exit "$want" "$TORIKUMI" import "$@" -o existing.rec "$file" && expect_err_contains "$msg"
    expect_same_file existing.rec existing.orig
    expect_exit "$want" "$TORIKUMI" import "$@" -o new.rec "$file"
    [ ! -e new.rec ] || t_fail "new.rec was created"
    leftovers=$(ls -a | grep -v -e '^\.' -e '\.csv$' -e '\.rec$' -e '\.orig$' -e '\.out$' -e '\.txt$' || true)
    [ -z "$leftovers" ] || t_fail "left behind: $leftovers"
}

crlf "No,Title,目標の達成${nl}1,a,達成" > badchoice.csv
bad_input "a bad choice" 1 'badchoice.csv:2:3: row 2, column C (目標の達成): "達成" is not a choice of 目標の達成 (expected one of: achieved, not_achieved, 目標達成, 目標未達成)' badchoice.csv --ward 大正区 --year 2017

printf 'No,Title\r\n1,"open\r\n2,b\r\n' > unterminated.csv
bad_input "an unterminated quote" 1 "unterminated.csv:2:2: row 2, column B: unterminated quoted cell" unterminated.csv --ward 大正区 --year 2017

printf 'No,Title\r\n1,\201\040x\r\n' > badsjis.csv
bad_input "an invalid CP932 sequence" 1 "badsjis.csv:2:3: invalid CP932 sequence 81 20 at byte 12" badsjis.csv --encoding cp932 --ward 大正区 --year 2017

bad_input "neither UTF-8 nor CP932" 1 "not UTF-8" badsjis.csv --ward 大正区 --year 2017

crlf "No,Title${nl}1,a${nl}1,b" > dup.csv
bad_input "a number used twice" 1 "dup.csv:3:1: row 3, column A (No): number 1 is also used on row 2" dup.csv --ward 大正区 --year 2017

crlf "No,Title,課題と改善策${nl}1,a,x" > ambiguous.csv
bad_input "an ambiguous header" 1 "2 fields have this label; name one: 中間振り返り/課題と改善策 (Mid_Issues), 年度評価/課題と改善策 (End_Issues)" ambiguous.csv --ward 大正区 --year 2017

crlf "No,Title${nl}1,a,extra" > long.csv
bad_input "a row longer than the header" 1 "long.csv:2:3: row 2, column C: a value past the last column of the header" long.csv --ward 大正区 --year 2017

crlf "No,Title${nl}1,a" > plain.csv
bad_input "no ward or year" 2 "the sheet needs a ward and a fiscal year: give --ward WARD --year YEAR" plain.csv
bad_input "no year" 2 "the sheet needs a fiscal year: give --year YEAR" plain.csv --ward 大正区

t "ward and year from 区 and 年度 columns"
crlf "No,Title,区,年度${nl}1,a,西区,2019${nl}2,b,," > cols.csv
expect_exit 0 "$TORIKUMI" import -o cols.rec cols.csv &&
expect_eq "$(recsel -t Sheet -P Ward,FiscalYear cols.rec)" "西区${nl}2019" "header from columns"

t "usage errors exit 2"
expect_exit 2 "$TORIKUMI" import plain.csv && expect_err_contains "import needs -o OUT"
expect_exit 2 "$TORIKUMI" import --encoding latin1 -o x.rec plain.csv
expect_exit 2 "$TORIKUMI" import --format xml -o x.rec plain.csv && expect_err_contains "expected auto, rec, csv or sheet"
expect_exit 2 "$TORIKUMI" import --gaiji drop -o x.rec plain.csv && expect_err_contains "expected keep or error"
expect_exit 2 "$TORIKUMI" import --year 17 -o x.rec plain.csv && expect_err_contains "a Western year has four digits"
expect_exit 2 "$TORIKUMI" import --year 1988 -o x.rec plain.csv && expect_err_contains "from 1989 (平成元年度) to 2200, not 1988"
expect_exit 2 "$TORIKUMI" import -o x.rec no-such.csv && expect_err_contains "no-such.csv: No such file"
[ ! -e x.rec ] || t_fail "x.rec was created"

t "gaiji: kept with a warning, or an error with --gaiji error"
printf 'No,Title\r\n1,\360\100\r\n' > gaiji.csv
expect_exit 0 "$TORIKUMI" import --encoding cp932 --ward 大正区 --year 2017 -o gaiji.rec gaiji.csv &&
expect_err_contains "gaiji.csv:2:3: warning: user-defined character F040"
expect_exit 1 "$TORIKUMI" import --encoding cp932 --gaiji error --ward 大正区 --year 2017 -o gaiji2.rec gaiji.csv
[ ! -e gaiji2.rec ] || t_fail "gaiji2.rec was created"

t "the sheet text layout: detected, needs --ward and --year, any encoding"
expect_exit 2 "$TORIKUMI" import -o s.rec "$TOP/tests/data/seed.txt" &&
expect_err_contains "format sheet (detected from the content)" &&
expect_err_contains "give --ward WARD --year YEAR"
[ ! -e s.rec ] || t_fail "s.rec was created"
expect_exit 0 "$TORIKUMI" import --ward 大正区 --year 2017 -o s.rec "$TOP/tests/data/seed.txt" &&
expect_err_contains "sheet in UTF-8 (detected): 23 items written to s.rec"
expect_eq "$(recsel -t Initiative -c s.rec)" 23 "items"
iconv -f UTF-8 -t CP932 "$TOP/tests/data/seed.txt" > seed-sjis.txt
expect_exit 0 "$TORIKUMI" import --format sheet --ward 大正区 --year 2017 -o s2.rec seed-sjis.txt &&
expect_same_file s2.rec s.rec

# ---- rec input ------------------------------------------------------------------

t "a sheet in CP932 comes back as the same UTF-8 sheet"
iconv -f UTF-8 -t CP932 utf8.rec > utf8-as-sjis.rec
expect_exit 0 "$TORIKUMI" import -o fromrec.rec utf8-as-sjis.rec &&
expect_err_contains "format rec (detected from the content)" &&
expect_same_file fromrec.rec utf8.rec

t "a rec input's header against --ward"
expect_exit 1 "$TORIKUMI" import --ward 西区 -o x.rec utf8.rec &&
expect_err_contains 'Ward is "大正区" here, but --ward says "西区"'

# ---- export ----------------------------------------------------------------------

t "export: UTF-8 with BOM by default, CRLF rows, bare LF inside cells"
expect_exit 0 "$TORIKUMI" export utf8.rec &&
cp "$OUT" export.csv
expect_eq "$(head -c 3 export.csv | od -An -tx1 | tr -d ' ')" "efbbbf" "BOM"
expect_eq "$(head -n 1 export.csv | tail -c 2 | od -An -tx1 | tr -d ' ')" "0d0a" "CRLF after the header"
expect_out_contains '"一行目'
expect_out_contains '番号,取組項目名,副題,更新,趣旨・目的'
expect_out_contains ',中間振り返り/課題と改善策,'
expect_out_contains ',年度評価/課題と改善策,'
expect_out_contains ',目標未達成,'

t "export -o: atomic, and the same bytes"
expect_exit 0 "$TORIKUMI" export -o export2.csv utf8.rec && expect_same_file export2.csv export.csv

t "export --encoding cp932 is the UTF-8 export in CP932"
expect_exit 0 "$TORIKUMI" export --encoding cp932 -o export-sjis.csv utf8.rec
iconv -f CP932 -t UTF-8 export-sjis.csv > export-sjis-utf8.csv || t_fail "not CP932"
tail -c +4 export.csv > export-nobom.csv
expect_same_file export-sjis-utf8.csv export-nobom.csv

t "export --encoding cp932 names the item, field and character it cannot write"
sed 's/^End_Issues: 改善する$/End_Issues: 改善〜する/' utf8.rec > wave.rec
cp existing.orig export-existing.csv
expect_exit 1 "$TORIKUMI" export --encoding cp932 -o export-existing.csv wave.rec &&
expect_err_contains "取組項目 1: End_Issues (課題と改善策): character U+301C 〜 has no CP932 form"
expect_same_file export-existing.csv existing.orig

t "round trip: export -> import gives the same sheet"
{
    "$TORIKUMI" new --ward 大正区 --year 2017 --title 独自の表題 rt-base.rec >/dev/null
    cat rt-base.rec
    printf '\nNo: 3\nTitle: 三, "引用", カンマ\nSubtitle:  前後  \nPlan_Purpose: 一\n+ 二\n+\n+ 四\nPlan_Done: yes\n'
    printf 'Mid_Progress: off_track\nMid_Outlook: unlikely\nMid_Issues: ｶﾅ\nEnd_Result: achieved\nEnd_Done: 1\n'
    printf 'LocalNote: a\nLocalNote: b\nX__E3_83_A1_E3_83_A2: m\n'
    printf '\nNo: 5\nTitle: 空\nOther: x,"y"\n'
} > rt.rec
for enc in utf-8-bom utf-8 cp932; do
    "$TORIKUMI" export --encoding "$enc" -o "rt-$enc.csv" rt.rec 2>/dev/null || t_fail "export $enc"
    expect_exit 0 "$TORIKUMI" import -o "rt-$enc.rec" "rt-$enc.csv"
    "$TORIKUMI" show rt.rec > show-a.txt
    "$TORIKUMI" show "rt-$enc.rec" > show-b.txt
    expect_same_file show-a.txt show-b.txt
    for f in No Title Subtitle Plan_Purpose Plan_Done Mid_Progress Mid_Outlook Mid_Issues End_Result End_Done LocalNote X__E3_83_A1_E3_83_A2 Other; do
        expect_eq "$(recsel -t Initiative -P "$f" "rt-$enc.rec")" "$(recsel -t Initiative -P "$f" rt.rec)" "$enc: $f"
    done
    expect_eq "$(recsel -t Sheet -P Ward,FiscalYear,Title "rt-$enc.rec")" "$(recsel -t Sheet -P Ward,FiscalYear,Title rt.rec)" "$enc: header"
done

if [ -f "$TOP/sample-data/taisho-h29.rec" ]; then
    t "round trip of the sample sheet"
    expect_exit 0 "$TORIKUMI" export --encoding cp932 -o sample.csv "$TOP/sample-data/taisho-h29.rec" &&
    expect_exit 0 "$TORIKUMI" import -o sample.rec sample.csv
    "$TORIKUMI" show "$TOP/sample-data/taisho-h29.rec" > show-a.txt
    "$TORIKUMI" show sample.rec > show-b.txt
    expect_same_file show-a.txt show-b.txt
fi

done_testing
