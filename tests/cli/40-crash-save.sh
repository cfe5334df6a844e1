# Atomic save, proven: kill the process (SIGKILL), or fail with ENOSPC / EIO /
# a short write, at the k-th open, write, fsync, close, rename and directory
# fsync of a real save, for every k (tests/crash/shim.c, LD_PRELOAD).  After
# each: the sheet is byte for byte the old or the new one; after an error no
# temporary file is left and the program said so and exited non-zero; a
# kill may leave a temporary file, which `saver --clean` (sidefile_clean_temps)
# removes.  The order of calls shows the file and the directory were fsynced
# before success was reported.  A real full file system (a 64 KiB tmpfs):
# a save that does not fit fails cleanly and leaves the old file.
. "$TOP/tests/lib.sh"
. "$TOP/tests/crash/lib.sh"
crash_build saver || { t "build the crash harness"; t_fail "cannot build"; done_testing; }
started=$(date +%s)

# Every watched write writes at most CHUNK bytes, so a save makes many writes.
# Under ASan every run costs more: bigger pieces, fewer k (still every one).
CHUNK=256
case $TORIKUMI in */build/asan/*) CHUNK=1024 ;; esac
D=$WORK/d                  # the watched directory (absolute)
mkdir -p "$D"
run_shim() { # logfile op k action command...
    lg=$1 op=$2 k=$3 act=$4; shift 4
    CRASH_DIR=$D CRASH_LOG=$lg CRASH_OP=$op CRASH_K=$k CRASH_ACTION=$act CRASH_CHUNK=$CHUNK \
        LD_PRELOAD=$SHIM "$@" >"$OUT" 2>"$ERR"
}
temps() { ls -A "$D" | grep -c '\.tmp' ; }
count_of() { # log kind -> number of such calls in a clean run
    grep -c "^$2 " "$1"
}

# ---- the sheet: a new sheet with one item whose texts need ~30 writes of 256 bytes
"$TORIKUMI" new --ward 大正区 --year 2017 --items 2 "$D/s.rec" || exit 1
awk 'BEGIN { for (i = 0; i < 120; i++) printf "取組の方針を記す。"; print "" }' > "$WORK/long.txt"
"$WORK/saver" "$D/s.rec" Plan_Purpose "@$WORK/long.txt" >/dev/null || exit 1
cp "$D/s.rec" "$WORK/old.rec"
cp "$D/s.rec" "$WORK/tmp.rec"
"$WORK/saver" "$WORK/tmp.rec" Title "新しい題名" >/dev/null || exit 1
cp "$WORK/tmp.rec" "$WORK/new.rec"
rm -f "$WORK/tmp.rec"
cmp -s "$WORK/old.rec" "$WORK/new.rec" && { t "old and new differ"; t_fail "same bytes"; }

t "a clean save under the shim: durable (file and directory fsynced) before it says saved"
rm -f "$WORK/clean.log"
run_shim "$WORK/clean.log" none 0 kill "$WORK/saver" "$D/s.rec" Title "新しい題名"
expect_same_file "$D/s.rec" "$WORK/new.rec"
line_of() { grep -n "$2" "$1" | head -n 1 | cut -d: -f1; }
f=$(line_of "$WORK/clean.log" '^fsync \.s\.rec\.tmp')
r=$(line_of "$WORK/clean.log" '^rename \.s\.rec\.tmp[0-9a-f]* s\.rec$')
d=$(line_of "$WORK/clean.log" '^dirfsync')
s=$(line_of "$WORK/clean.log" '^report fd1 saved')
if [ -n "$f" ] && [ -n "$r" ] && [ -n "$d" ] && [ -n "$s" ] && [ "$f" -lt "$r" ] && [ "$r" -lt "$d" ] && [ "$d" -lt "$s" ]; then :
else t_fail "order: fsync(file) line $f, rename $r, fsync(dir) $d, 'saved' $s"; cat "$WORK/clean.log"; fi
n_any=$(grep -c -v '^report\|^exit' "$WORK/clean.log")
n_write=$(count_of "$WORK/clean.log" write)
echo "# a save makes $n_any watched calls ($n_write writes)"
[ "$n_write" -ge $((6000 / CHUNK)) ] || t_fail "expected at least $((6000 / CHUNK)) writes of $CHUNK bytes, got $n_write"

# What must have happened, given the call the fault hit (the log line after "inject").
expect_after_fault() { # log action
    hitline=$(grep -A1 '^inject' "$1" | tail -n 1)
    case $2 in
        kill) echo kill; return ;;
        short) echo saved; return ;;
    esac
    case $hitline in
        "close <dir>") echo saved ;;               # save.c ignores close of the directory
        "open <dir> "*|"dirfsync <dir>") echo unconfirmed ;;
        *) echo failed ;;
    esac
}

check_outcome() { # what expected-old status
    what=$1 old=$2 st=$3
    case $what in
        kill)
            if ! cmp -s "$D/s.rec" "$old" && ! cmp -s "$D/s.rec" "$WORK/new.rec"; then
                t_fail "after a kill the sheet is neither old nor new"; fi ;;
        saved)
            [ "$st" = 0 ] || t_fail "status $st, expected 0"
            expect_same_file "$D/s.rec" "$WORK/new.rec"
            expect_out_contains saved ;;
        unconfirmed)
            [ "$st" = 2 ] || t_fail "status $st, expected 2 (saved, not confirmed)"
            expect_same_file "$D/s.rec" "$WORK/new.rec"
            expect_err_contains "not confirmed" ;;
        failed)
            [ "$st" = 1 ] || t_fail "status $st, expected 1"
            expect_same_file "$D/s.rec" "$old"
            expect_err_contains "NOT saved" ;;
    esac
}

# ---- kill at every watched call of the save
t "SIGKILL at each of the $n_any calls of a save: old or new, temp files cleaned up after"
kills=0; left=0; newer=0
k=1
while [ "$k" -le "$n_any" ]; do
    cp "$WORK/old.rec" "$D/s.rec"
    rm -f "$WORK/k.log"
    run_shim "$WORK/k.log" any "$k" kill "$WORK/saver" "$D/s.rec" Title "新しい題名"
    st=$?
    [ "$st" = 137 ] || grep -q '^inject' "$WORK/k.log" || t_fail "k=$k: no kill (status $st)"
    check_outcome kill "$WORK/old.rec" "$st"
    cmp -s "$D/s.rec" "$WORK/new.rec" && newer=$((newer + 1))
    kills=$((kills + 1))
    if [ "$(temps)" -gt 0 ]; then
        left=$((left + 1))
        "$WORK/saver" --clean "$D/s.rec" >/dev/null
        [ "$(temps)" = 0 ] || t_fail "k=$k: saver --clean left a temp file"
    fi
    k=$((k + 1))
done
echo "# kills: $kills, sheet already new after $newer, temp file left by $left (removed by --clean)"
[ "$newer" -ge 1 ] || t_fail "no kill point came after the rename"

# ---- ENOSPC / EIO at every call of each kind, short writes at every write
faults=0
for kind in open write fsync close rename dirfsync; do
    n=$(count_of "$WORK/clean.log" "$kind")
    t "ENOSPC and EIO at each $kind (1..$n): the program says so; old file or (after the rename) new; no temp"
    for act in enospc eio; do
        case $act in enospc) msg="No space left on device" ;; *) msg="Input/output error" ;; esac
        k=1
        while [ "$k" -le "$n" ]; do
            cp "$WORK/old.rec" "$D/s.rec"
            rm -f "$WORK/f.log"
            run_shim "$WORK/f.log" "$kind" "$k" "$act" "$WORK/saver" "$D/s.rec" Title "新しい題名"
            st=$?
            want=$(expect_after_fault "$WORK/f.log" "$act")
            check_outcome "$want" "$WORK/old.rec" "$st"
            [ "$want" = failed ] && { grep -q "$msg" "$ERR" || t_fail "$kind #$k $act: stderr lacks '$msg'"; }
            [ "$(temps)" = 0 ] || { t_fail "$kind #$k $act: temp file left"; ls -A "$D"; rm -f "$D"/.s.rec.tmp*; }
            faults=$((faults + 1))
            k=$((k + 1))
        done
    done
done
t "a short write at each write (1..$n_write) is completed: saved, new file"
k=1
while [ "$k" -le "$n_write" ]; do
    cp "$WORK/old.rec" "$D/s.rec"
    run_shim "$WORK/f.log" write "$k" short "$WORK/saver" "$D/s.rec" Title "新しい題名"
    check_outcome saved "$WORK/old.rec" $?
    faults=$((faults + 1))
    k=$((k + 1))
done
echo "# error and short-write runs: $faults"

# ---- torikumi new: kill at every call, errors at every call; "old" is no file at all
t "torikumi new under the shim: every kill leaves no file or the whole new one"
rm -f "$D/s.rec" "$WORK/n.log"
"$TORIKUMI" new --ward 北区 --year 2018 --items 3 "$WORK/want-new.rec" || exit 1
CRASH_DIR=$D CRASH_LOG=$WORK/n.log LD_PRELOAD=$SHIM "$TORIKUMI" new --ward 北区 --year 2018 --items 3 "$D/n.rec" || t_fail "clean new failed"
expect_same_file "$D/n.rec" "$WORK/want-new.rec"
f=$(line_of "$WORK/n.log" '^fsync \.n\.rec\.tmp'); d=$(line_of "$WORK/n.log" '^dirfsync'); x=$(line_of "$WORK/n.log" '^exit')
[ -n "$f" ] && [ -n "$d" ] && [ -n "$x" ] && [ "$f" -lt "$d" ] && [ "$d" -lt "$x" ] ||
    t_fail "new: fsync(file) line $f, fsync(dir) $d, exit $x"
n_new=$(grep -c -v '^report\|^exit' "$WORK/n.log")
k=1
while [ "$k" -le "$n_new" ]; do
    rm -f "$D/n.rec" "$D"/.n.rec.tmp*
    CRASH_DIR=$D CRASH_OP=any CRASH_K=$k CRASH_ACTION=kill LD_PRELOAD=$SHIM \
        "$TORIKUMI" new --ward 北区 --year 2018 --items 3 "$D/n.rec" >/dev/null 2>&1
    [ ! -e "$D/n.rec" ] || cmp -s "$D/n.rec" "$WORK/want-new.rec" || t_fail "new, kill at $k: partial file"
    for act in enospc eio; do
        rm -f "$D/n.rec" "$D"/.n.rec.tmp*
        rm -f "$WORK/e.log"
        CRASH_DIR=$D CRASH_LOG=$WORK/e.log CRASH_OP=any CRASH_K=$k CRASH_ACTION=$act LD_PRELOAD=$SHIM \
            "$TORIKUMI" new --ward 北区 --year 2018 --items 3 "$D/n.rec" >"$OUT" 2>"$ERR"
        st=$?
        case $(expect_after_fault "$WORK/e.log" "$act") in
            failed) [ "$st" != 0 ] && [ ! -e "$D/n.rec" ] && [ -s "$ERR" ] ||
                        t_fail "new, $act at call $k: status $st, file $(ls "$D")" ;;
            unconfirmed) [ -s "$ERR" ] && cmp -s "$D/n.rec" "$WORK/want-new.rec" ||
                        t_fail "new, $act at call $k (directory): no message or wrong file" ;;
            saved) cmp -s "$D/n.rec" "$WORK/want-new.rec" || t_fail "new, $act at call $k: not saved" ;;
        esac
        [ -z "$(ls -A "$D" | grep '\.tmp')" ] || t_fail "new, $act at call $k: temp file left"
    done
    k=$((k + 1))
done
echo "# torikumi new: $n_new calls, each killed and failed with ENOSPC and EIO"

# ---- a real full file system
t "a save that does not fit on a full tmpfs fails cleanly and leaves the old file"
M=$WORK/full
mkdir -p "$M"
mounted=0
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k tmpfs "$M" 2>/dev/null; then
    mounted=1
    inside=
elif command -v unshare >/dev/null && unshare --user --map-root-user --mount true 2>/dev/null; then
    inside="unshare --user --map-root-user --mount"
else
    # No skipping: the case is what the test is for.  CI runs as root.
    t_fail "cannot mount a 64 KB tmpfs (needs root or user namespaces; run as root or enable them)"
fi
if [ "$mounted" = 1 ] || [ -n "$inside" ]; then
    # The old sheet takes ~28 KB of the 64 KB; the new one would take ~70 KB more.
    awk 'BEGIN { for (i = 0; i < 900; i++) printf "取組の方針を記す。"; print "" }' > "$WORK/big.txt"
    awk 'BEGIN { for (i = 0; i < 1500; i++) printf "取組の方針を記す。"; print "" }' > "$WORK/huge.txt"
    cat > "$WORK/full.sh" <<EOS
set -u
[ "$mounted" = 1 ] || mount -t tmpfs -o size=64k tmpfs "$M" || exit 9
cp "$WORK/old.rec" "$M/s.rec"
"$WORK/saver" "$M/s.rec" Plan_Purpose "@$WORK/big.txt" > /dev/null || exit 10
cp "$M/s.rec" "$WORK/full-old.rec"
"$WORK/saver" "$M/s.rec" Plan_Overview "@$WORK/huge.txt" > "$WORK/full.out" 2> "$WORK/full.err"
echo \$? > "$WORK/full.status"
ls -A "$M" > "$WORK/full.ls"
cp "$M/s.rec" "$WORK/full-after.rec"
"$WORK/saver" "$M/s.rec" Title "入る値" > /dev/null 2>&1
echo \$? > "$WORK/fits.status"
[ "$mounted" = 1 ] || umount "$M"
EOS
    if [ -n "$inside" ]; then $inside sh "$WORK/full.sh"; else sh "$WORK/full.sh"; fi
    [ "$mounted" = 1 ] && umount "$M"
    expect_eq "$(cat "$WORK/full.status" 2>/dev/null)" 1 "status of the save that does not fit"
    grep -q "No space left on device" "$WORK/full.err" || { t_fail "no ENOSPC message"; cat "$WORK/full.err"; }
    grep -q "NOT saved" "$WORK/full.err" || t_fail "does not say NOT saved"
    cmp -s "$WORK/full-after.rec" "$WORK/full-old.rec" || t_fail "the old sheet changed on the full tmpfs"
    echo "# full tmpfs: $(cat "$WORK/full.err")"
    expect_eq "$(cat "$WORK/full.ls")" "s.rec" "files left on the full tmpfs"
    expect_eq "$(cat "$WORK/fits.status" 2>/dev/null)" 0 "status of a save that fits, afterwards"
fi

echo "# took $(( $(date +%s) - started )) s"
done_testing
