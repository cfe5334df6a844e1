# A command never writes over its own input (issue 15, finding 2): import,
# export and summary refuse an output that is the input file, however it is spelt (the same
# path, a symlink, a hard link, ./x, /dev/stdout onto it, or standard input
# being that file), exit 2, and leave it byte for byte.
. "$TOP/tests/lib.sh"

printf '番号,取組項目名\r\n1,歳入の確保\r\n' | iconv -f UTF-8 -t CP932 > legacy.csv
cp legacy.csv original.csv
ln -s legacy.csv link.csv
ln legacy.csv hard.csv

refused() { # what, command...
    t "$1: refused, the input untouched"
    shift
    expect_exit 2 "$@" && expect_err_contains "the output is the input file itself"
    expect_same_file legacy.csv original.csv
}
import() { "$TORIKUMI" import --ward 大正区 --year 2017 "$@"; }
refused "import -o IN IN" import -o legacy.csv legacy.csv
refused "through a symlink" import -o link.csv legacy.csv
refused "the symlink read, the file written" import -o legacy.csv link.csv
refused "through a hard link" import -o hard.csv legacy.csv
refused "another spelling" import -o ./legacy.csv "$WORK/legacy.csv"
t "standard input being the output file: refused"
expect_exit 2 "$TORIKUMI" import --ward 大正区 --year 2017 -o legacy.csv - < legacy.csv &&
expect_err_contains "the output is the input file itself (standard input)"
expect_same_file legacy.csv original.csv

"$TORIKUMI" new --ward 大正区 --year 2017 --items 2 sheet.rec || exit 1
cp sheet.rec sheet.orig
t "export -o IN IN: refused, the sheet untouched"
expect_exit 2 "$TORIKUMI" export -o sheet.rec sheet.rec && expect_err_contains "the output is the input"
expect_same_file sheet.rec sheet.orig
t "export -o /dev/stdout with standard output on the sheet: refused"
expect_exit 2 sh -c '"$TORIKUMI" export -o /dev/stdout sheet.rec 1<>sheet.rec' &&
expect_err_contains "the output is the input"
expect_same_file sheet.rec sheet.orig

cp sheet.rec second.rec
cp second.rec second.orig
ln -s sheet.rec sheet-link.rec
t "export of several sheets over the second one: refused, both untouched"
expect_exit 2 "$TORIKUMI" export --format html -o second.rec sheet.rec second.rec &&
expect_err_contains "the output is the input"
expect_exit 2 "$TORIKUMI" export -o second.rec sheet.rec second.rec
expect_same_file second.rec second.orig
t "export over the form file given with --form: refused"
cp "$TOP/forms/kaikaku-2.0.form" k.form
cp k.form k.orig
expect_exit 2 "$TORIKUMI" export --form k.form -o k.form sheet.rec
expect_same_file k.form k.orig
t "summary --format html -o IN IN, also through a symlink: refused"
expect_exit 2 "$TORIKUMI" summary --format html -o sheet.rec sheet.rec &&
expect_err_contains "the output is the input"
expect_exit 2 "$TORIKUMI" summary --format html -o sheet-link.rec sheet.rec
expect_same_file sheet.rec sheet.orig

t "an output that is another file still works"
expect_exit 0 import -o out.rec legacy.csv
expect_exit 0 "$TORIKUMI" export -o out.csv sheet.rec
done_testing
