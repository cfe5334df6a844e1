#!/bin/sh
# run.sh - run every test: cmocka unit tests, CLI scripts, terminal (tmux) scripts.
#
#   sh tests/run.sh --binary ./torikumi --units build/tests [--sanitized] [--only PATTERN]
#
# Each script in tests/cli/ and tests/e2e/ runs with TORIKUMI set to the binary
# under test (absolute), TOP to the source tree and its own scratch TMPDIR.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
binary=./torikumi
units=build/tests
sanitized=0
only=
while [ $# -gt 0 ]; do
    case $1 in
        --binary) binary=$2; shift 2 ;;
        --units) units=$2; shift 2 ;;
        --sanitized) sanitized=1; shift ;;
        --only) only=$2; shift 2 ;;
        *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
case $binary in /*) ;; *) binary=$top/${binary#./} ;; esac
[ -x "$binary" ] || { echo "run.sh: no binary $binary (run make first)" >&2; exit 2; }

export TORIKUMI="$binary" TOP="$top" LC_ALL=C.UTF-8 LANG=C.UTF-8
unset LANGUAGE TORIKUMI_FORM_PATH NO_COLOR
export TORIKUMI_LOCALEDIR="$top/build/locale"
if [ $sanitized = 1 ]; then
    export ASAN_OPTIONS=abort_on_error=0:detect_leaks=1:halt_on_error=1:exitcode=86
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=87
fi

label=plain
[ $sanitized = 1 ] && label=asan+ubsan
pass=0
fail=0
failed=
scratch=$(mktemp -d "${TMPDIR:-/tmp}/torikumi-tests.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM

run_one() { # name command...
    name=$1; shift
    case $name in *$only*) ;; *) return 0 ;; esac
    log=$scratch/$(echo "$name" | tr '/' '_').log
    mkdir -p "$scratch/tmp.$pass.$fail"
    if TMPDIR="$scratch/tmp.$pass.$fail" "$@" >"$log" 2>&1; then
        pass=$((pass + 1))
        echo "ok   $name"
    else
        fail=$((fail + 1))
        failed="$failed $name"
        echo "FAIL $name"
        sed 's/^/     | /' "$log" | tail -n 60
    fi
}

echo "== unit tests ($label)"
for t in "$units"/test_*; do
    [ -x "$t" ] || continue
    run_one "unit/$(basename "$t")" "$t"
done
echo "== command-line tests ($label)"
for t in tests/cli/*.sh; do
    [ -f "$t" ] || continue
    run_one "cli/$(basename "$t")" sh "$t"
done
echo "== terminal tests ($label)"
for t in tests/e2e/[0-9]*.sh; do
    [ -f "$t" ] || continue
    run_one "e2e/$(basename "$t")" sh "$t"
done

echo "== $label: $pass passed, $fail failed"
[ $fail -eq 0 ] || { echo "failed:$failed"; exit 1; }
