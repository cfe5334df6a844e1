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
done_testing
