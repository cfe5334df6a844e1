# Nothing grows without bound (issue 15, finding 7): check, show and import of
# /dev/zero and /dev/urandom stop at the first byte a sheet cannot hold, within a
# small memory limit; `new --items` and `show --item` refuse numbers past their
# range, naming them as given; an empty --ward and UTF-16 input are named.
. "$TOP/tests/lib.sh"
sample=$TOP/sample-data/taisho-h29.rec
# 1 GB of address space: far more than any of these needs, far less than /dev/zero gives.
# (Not under ASan, which reserves terabytes of shadow memory.)
limit() { if [ -n "${ASAN_OPTIONS:-}" ]; then "$@"; else (ulimit -v 1000000; exec "$@"); fi; }

for dev in /dev/zero /dev/urandom; do
    [ -r "$dev" ] || continue
    t "check $dev: refused at once, naming the byte"
    expect_exit 2 limit timeout 20 "$TORIKUMI" check "$dev" && expect_err_contains "$dev:"  # random: any line
    t "show $dev: the same"
    expect_exit 2 limit timeout 20 "$TORIKUMI" show "$dev"
done
t "import /dev/zero: refused at the first NUL, no output"
expect_exit 1 limit timeout 20 "$TORIKUMI" import -o out.rec /dev/zero &&
expect_err_contains "/dev/zero: NUL byte at byte 0: the input is not text"
[ -e out.rec ] && t_fail "out.rec was written"
t "import of a pipe of NULs: the same"
expect_exit 1 limit timeout 20 sh -c '"$TORIKUMI" import --encoding cp932 -o - - < /dev/zero' &&
expect_err_contains "NUL byte at byte 0"
t "a sheet through a pipe still reads"
cat "$sample" | "$TORIKUMI" check /dev/stdin > "$OUT" 2> "$ERR" || t_fail "check of a pipe failed"

t "new --items 99999999999: refused, nothing written"
expect_exit 2 limit timeout 20 "$TORIKUMI" new --ward 大正区 --year 2017 --items 99999999999 big.rec &&
expect_err_contains "--items needs a whole number from 0 to 100000, not '99999999999'"
[ -e big.rec ] && t_fail "big.rec was written"
t "show --item 99999999999999999999: named as given"
expect_exit 2 "$TORIKUMI" show --item 99999999999999999999 "$sample" &&
expect_err_contains "not '99999999999999999999'"
grep -q 9223372036854775807 "$ERR" && t_fail "the number was saturated"
t "new --ward '' and a blank ward: refused (check would reject the sheet)"
expect_exit 2 "$TORIKUMI" new --ward '' --year 2017 w.rec && expect_err_contains "--ward needs a ward name"
expect_exit 2 "$TORIKUMI" new --ward '　' --year 2017 w.rec
[ -e w.rec ] && t_fail "w.rec was written"

t "UTF-16 input is named as UTF-16"
printf '\377\376N\000o\000\r\000\n\000' > u16.csv
expect_exit 1 "$TORIKUMI" import --ward 大正区 --year 2017 -o out.rec u16.csv &&
expect_err_contains "u16.csv:1:1: UTF-16 text (byte order mark FF FE)"
done_testing
