# A failed write to standard output is an error (issue 15, finding 5): every
# command that prints reports it and exits 2, never 0 with the output lost.
. "$TOP/tests/lib.sh"
[ -w /dev/full ] || { t "/dev/full exists"; t_fail "no /dev/full"; done_testing; }
sample=$TOP/sample-data/taisho-h29.rec
sed 's/^End_Result: achieved$/End_Result: x/' "$sample" > bad.rec

full() { # what, command...
    t "$1 >/dev/full: exit 2, said so"
    shift
    "$@" > /dev/full 2> "$ERR"; rc=$?
    expect_eq "$rc" 2 "exit status" && expect_err_contains "standard output"
}
full "show" "$TORIKUMI" show "$sample"
full "show --item 3" "$TORIKUMI" show --item 3 "$sample"
full "check with problems" "$TORIKUMI" check bad.rec
full "export" "$TORIKUMI" export "$sample"
full "summary" "$TORIKUMI" summary "$sample"
full "import -o -" "$TORIKUMI" import -o - "$sample"
full "--help" "$TORIKUMI" --help
full "--version" "$TORIKUMI" --version

t "a clean check prints nothing: still exit 0 on /dev/full"
"$TORIKUMI" check "$sample" > /dev/full; expect_eq "$?" 0 "exit status"
done_testing
