# Nothing grows without bound (issue 15, finding 7): check, show and import of
# /dev/zero and /dev/urandom stop at the first byte a sheet cannot hold, within a
# small memory limit; `new --items` and `show --item` refuse numbers past their
# range, naming them as given; an empty --ward and UTF-16 input are named.
# A FIFO nothing writes to is named, never read as an empty sheet or waited on
# forever; an import killed by a signal leaves no temporary file.
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

t "a FIFO nothing writes to: each command says so within seconds, never blocks"
mkfifo nowriter.rec
k=0
for cmd in check show export summary 'import -o fifo-out.rec'; do   # at once: each waits 1 s
    k=$((k + 1))
    # shellcheck disable=SC2086
    { timeout 10 "$TORIKUMI" $cmd nowriter.rec </dev/null >/dev/null 2>"fifo.$k.err"; echo $? > "fifo.$k.rc"; } &
done
wait
k=0
for cmd in check show export summary import; do
    k=$((k + 1))
    expect_eq "$(cat "fifo.$k.rc")" 2 "$cmd: exit status"
    grep -q "nowriter.rec: not a regular file but a FIFO, and nothing writes to it" "fifo.$k.err" ||
        t_fail "$cmd: $(head -n 1 "fifo.$k.err")"
done
expect_exit 2 timeout 10 "$TORIKUMI" edit nowriter.rec </dev/null &&
expect_err_contains "nowriter.rec: not a regular file (a FIFO"
[ -e fifo-out.rec ] && t_fail "import wrote fifo-out.rec"
t "a FIFO whose writer comes a little later, or writes slowly, is read"
# (The writers give up after 10 s: a reader that never came must not hang the test.)
(sleep 0.3; timeout 10 sh -c 'cat "$1" > nowriter.rec' sh "$sample") &
expect_exit 0 timeout 10 "$TORIKUMI" show nowriter.rec && expect_out_contains "23 取組項目"
wait
timeout 10 sh -c 'exec 3>nowriter.rec; sleep 1.2; cat "$1" >&3' sh "$sample" &
expect_exit 0 timeout 10 "$TORIKUMI" import -o slow.rec nowriter.rec && cmp -s slow.rec "$sample" ||
    t_fail "slow.rec is not the sheet written slowly"
wait

# An import from an endless pipe stopped by SIGTERM, SIGINT (Ctrl-C) or SIGHUP
# leaves no temporary file and dies of the signal.
for signum in TERM:15 INT:2 HUP:1; do
    sig=${signum%:*}
    t "import from an endless pipe, SIG$sig: no temporary file left"
    { echo 'No,Title'; seq 1 999999999 | sed 's/$/,a/'; } |
        env --default-signal=INT "$TORIKUMI" import --ward 北区 --year 2017 -o endless.rec /dev/stdin 2>/dev/null &
    pid=$!
    n=0
    until ls .endless.rec.tmp* >/dev/null 2>&1 || [ $n -ge 200 ]; do sleep 0.05; n=$((n + 1)); done
    ls .endless.rec.tmp* >/dev/null 2>&1 || t_fail "no temporary file appeared (import not streaming?)"
    kill -"$sig" "$pid"
    wait "$pid"
    got=$?
    want=$((128 + ${signum#*:}))
    expect_eq "$got" "$want" "exit status"
    ls .endless.rec.tmp* >/dev/null 2>&1 && t_fail "$(ls .endless.rec.tmp*) left behind"
    [ -e endless.rec ] && t_fail "endless.rec was written"
done

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
