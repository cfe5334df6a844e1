#!/bin/sh
# valgrind.sh - the unit tests and the main commands under valgrind:
# no invalid access, no uninitialised use, no leak.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
command -v valgrind >/dev/null 2>&1 || { echo "valgrind.sh: valgrind is not installed (make deps)" >&2; exit 1; }
export LC_ALL=C.UTF-8 TORIKUMI_LOCALEDIR="$top/build/locale"
vg="valgrind -q --suppressions=$top/tests/valgrind.supp --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/torikumi-vg.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
fail=0
run() { # name expected-status command...
    name=$1; want=$2; shift 2
    TMPDIR=$scratch $vg "$@" >"$scratch/out.$$" 2>"$scratch/err.$$"
    got=$?
    if [ "$got" = "$want" ]; then echo "ok   valgrind $name"
    else echo "FAIL valgrind $name (status $got, expected $want)"; tail -n 30 "$scratch/err.$$"; fail=1
    fi
    return 0
}
echo "== valgrind"
# Three groups at once, each with its own log: the unit tests (two at a
# time), the commands (in order: later ones use files earlier ones made),
# and the editor in tmux.  valgrind is single-threaded; this keeps both
# cores busy.

unit_tests() {
    export vg scratch
    for t in build/tests/test_*; do [ -x "$t" ] && echo "$t"; done |
    xargs -r -P 2 -n 1 sh -c '
        if TMPDIR=$scratch $vg "$1" > "$scratch/u.$(basename "$1")" 2>&1; then
            echo "ok   valgrind $(basename "$1")"
        else
            echo "FAIL valgrind $(basename "$1")"; tail -n 30 "$scratch/u.$(basename "$1")"
        fi' unit
}

commands() {
    sample=sample-data/taisho-h29.rec
    run "check sample" 0 ./torikumi check "$sample"
    run "show sample" 0 ./torikumi show "$sample"
    sed 's/^End_Result: achieved$/End_Result: not_achieved/' "$sample" > "$scratch/bad.rec"
    run "check bad" 1 ./torikumi check "$scratch/bad.rec"
    printf 'No: 1\nbroken line\n' > "$scratch/syntax.rec"
    run "check syntax error" 2 ./torikumi check "$scratch/syntax.rec"
    run "new" 0 ./torikumi new --ward 大正区 --year 2018 --items 3 "$scratch/new.rec"
    for extra in tests/valgrind.d/*.sh; do
        [ -f "$extra" ] || continue
        . "$extra"
    done
    [ $fail = 0 ]
}

# The editor itself, driven through tmux: terminal tests, the program under valgrind.
editor_test() { # script
    log=$scratch/vg-$(basename "$1" .sh)
    mkdir -p "$log.d"
    cat > "$log.d/vg-torikumi" <<WRAP
#!/bin/sh
exec $vg --log-file="$log.d/vg-editor.%p.log" "$top/torikumi" "\$@"
WRAP
    chmod +x "$log.d/vg-torikumi"
    if TORIKUMI="$log.d/vg-torikumi" TOP="$top" TM_TIMEOUT=60 TMPDIR="$log.d" sh "$1" \
        > "$log.out" 2>&1 && ! grep -q "ERROR SUMMARY: [1-9]\|definitely lost: [1-9]" \
        "$log.d"/vg-editor.*.log 2>/dev/null; then
        echo "ok   valgrind editor $(basename "$1")"
    else
        echo "FAIL valgrind editor $(basename "$1")"; tail -n 30 "$log.out"
        cat "$log.d"/vg-editor.*.log 2>/dev/null | tail -n 40
    fi
}

unit_tests > "$scratch/group.units" 2>&1 &
commands > "$scratch/group.commands" 2>&1 &
for t in tests/e2e/10-item6-not-achieved.sh tests/e2e/13-paste.sh tests/e2e/14-undo.sh; do
    editor_test "$t" > "$scratch/group.$(basename "$t")" 2>&1 &
done
wait
cat "$scratch"/group.*
if grep -q '^FAIL' "$scratch"/group.*; then exit 1; fi
exit 0
