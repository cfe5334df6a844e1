#!/bin/sh
# run.sh - run every test: cmocka unit tests, CLI scripts, terminal (tmux) scripts.
#
#   sh tests/run.sh --binary ./torikumi --units build/tests [--sanitized] [--only PATTERN] [--jobs N]
#
# Each script in tests/cli/ and tests/e2e/ runs with TORIKUMI set to the binary
# under test (absolute), TOP to the source tree and its own scratch TMPDIR.
# Tests run N at a time (default 2): every test has its own directory, tmux
# server and files, so they do not see each other.  Each result line says how
# long the test took, so the slow ones are easy to find.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
binary=./torikumi
units=build/tests
sanitized=0
only=
jobs=${TEST_JOBS:-2}
while [ $# -gt 0 ]; do
    case $1 in
        --binary) binary=$2; shift 2 ;;
        --units) units=$2; shift 2 ;;
        --sanitized) sanitized=1; shift ;;
        --only) only=$2; shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
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
scratch=$(mktemp -d "${TMPDIR:-/tmp}/torikumi-tests.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM

# The list of tests, one "name<TAB>command" a line, slowest kinds first so
# the parallel run ends together.
list=$scratch/list
: > "$list"
add() { # name command
    case $1 in *$only*) printf '%s\t%s\n' "$1" "$2" >> "$list" ;; esac
}
for t in tests/e2e/[0-9]*.sh; do [ -f "$t" ] && add "e2e/$(basename "$t")" "sh $t"; done
for t in tests/cli/*.sh; do [ -f "$t" ] && add "cli/$(basename "$t")" "sh $t"; done
for t in "$units"/test_*; do [ -x "$t" ] && add "unit/$(basename "$t")" "$t"; done

echo "== $label: $(wc -l < "$list") tests, $jobs at a time"
# One test: its own TMPDIR and log; the verdict goes to a result file.
export RUN_SCRATCH="$scratch"
tr '\t' '\n' < "$list" | xargs -r -d '\n' -n 2 -P "$jobs" sh -c '
    name=$1; cmd=$2
    key=$(echo "$name" | tr "/" "_")
    mkdir -p "$RUN_SCRATCH/tmp.$key"
    start=$(date +%s.%N)
    if TMPDIR="$RUN_SCRATCH/tmp.$key" $cmd > "$RUN_SCRATCH/$key.log" 2>&1; then v=ok; else v=FAIL; fi
    secs=$(echo "$start $(date +%s.%N)" | awk "{ printf \"%.1f\", \$2 - \$1 }")
    printf "%-4s %s (%s s)\n" "$v" "$name" "$secs"
    [ $v = ok ] || { sed "s/^/     | /" "$RUN_SCRATCH/$key.log" | tail -n 60; }
    echo "$v $name" >> "$RUN_SCRATCH/results"
' run1

pass=$(grep -c '^ok ' "$scratch/results" 2>/dev/null)
fail=$(grep -c '^FAIL ' "$scratch/results" 2>/dev/null)
echo "== $label: ${pass:-0} passed, ${fail:-0} failed"
[ "${fail:-0}" -eq 0 ] || { echo "failed:$(grep '^FAIL ' "$scratch/results" | cut -d' ' -f2 | tr '\n' ' ')"; exit 1; }
[ "${pass:-0}" -gt 0 ] || { echo "run.sh: no test ran" >&2; exit 1; }
