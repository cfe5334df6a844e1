# lib.sh - assertions for the shell tests in tests/cli and tests/e2e (sourced).
#
#   . "$TOP/tests/lib.sh"
#   t "check exits 1 on a missing End_Issues"
#   expect_exit 1 "$TORIKUMI" check bad.rec
#   expect_out_contains "取組項目 6: End_Issues"
#   done_testing
#
# Every assertion can fail; the script exits 1 at the end if one did.
set -u
: "${TORIKUMI:?run through tests/run.sh (TORIKUMI unset)}"
: "${TOP:?run through tests/run.sh (TOP unset)}"
T_FAILS=0
T_COUNT=0
T_NAME=
WORK=$(mktemp -d "${TMPDIR:-/tmp}/t.XXXXXX")
OUT=$WORK/.out
ERR=$WORK/.err
cd "$WORK" || exit 2

t() { T_NAME=$1; T_COUNT=$((T_COUNT + 1)); echo "# $T_NAME"; }

t_fail() {
    T_FAILS=$((T_FAILS + 1))
    echo "not ok: $T_NAME: $*"
}

# Run a command, keeping stdout in $OUT and stderr in $ERR; check its status.
expect_exit() {
    want=$1; shift
    "$@" >"$OUT" 2>"$ERR"
    got=$?
    if [ "$got" != "$want" ]; then
        t_fail "exit $got, expected $want: $*"
        echo "--- stdout"; head -n 20 "$OUT"; echo "--- stderr"; head -n 20 "$ERR"
        return 1
    fi
    return 0
}

expect_out_contains() {
    grep -F -q -- "$1" "$OUT" || { t_fail "stdout lacks: $1"; head -n 20 "$OUT"; return 1; }
}
expect_out_lacks() {
    ! grep -F -q -- "$1" "$OUT" || { t_fail "stdout has: $1"; return 1; }
}
expect_err_contains() {
    grep -F -q -- "$1" "$ERR" || { t_fail "stderr lacks: $1"; head -n 20 "$ERR"; return 1; }
}
expect_out_empty() {
    [ ! -s "$OUT" ] || { t_fail "stdout not empty"; head -n 20 "$OUT"; return 1; }
}
expect_same_file() {
    cmp -s "$1" "$2" || { t_fail "files differ: $1 $2"; diff "$1" "$2" | head -n 20; return 1; }
}
expect_eq() { # got want [what]
    [ "$1" = "$2" ] || { t_fail "${3:-value}: got '$1', expected '$2'"; return 1; }
}

done_testing() {
    if command -v tm_cleanup >/dev/null 2>&1; then tm_cleanup; fi
    cd / && rm -rf "$WORK"
    echo "# $T_COUNT cases, $T_FAILS failed"
    [ "$T_FAILS" -eq 0 ]
    exit $?
}
