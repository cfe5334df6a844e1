#!/bin/sh
# check.sh - `make check`: the whole suite plain, under ASan+UBSan and under
# valgrind, the three at the same time.  Expects everything built (the Makefile's
# check target builds it first).  Each pass keeps its own log; the logs are
# printed whole when the pass ends, then one closing line counts them all.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
logs=$(mktemp -d "${TMPDIR:-/tmp}/torikumi-check.XXXXXX")
trap 'rm -rf "$logs"' EXIT INT TERM
start=$(date +%s)

# All three at once: the tmux tests spend most of their time waiting for
# the screen, and valgrind runs one thread; together they fill both cores.
sh tests/run.sh --binary ./torikumi --units build/tests > "$logs/plain" 2>&1 &
plain=$!
sh tests/run.sh --binary build/asan/torikumi --units build/asan/tests --sanitized > "$logs/asan" 2>&1 &
asan=$!
sh tests/valgrind.sh > "$logs/valgrind" 2>&1 &
vg=$!
wait $plain; plain_rc=$?
cat "$logs/plain"
wait $asan; asan_rc=$?
cat "$logs/asan"
wait $vg; vg_rc=$?
cat "$logs/valgrind"

passed=$(cat "$logs"/* | grep -c '^ok ')
failed=$(cat "$logs"/* | grep -c '^FAIL')
echo "== make check: $(( $(date +%s) - start )) s"
echo "check: $passed passed, $failed failed"
[ $plain_rc = 0 ] && [ $asan_rc = 0 ] && [ $vg_rc = 0 ] && [ "$failed" = 0 ]
