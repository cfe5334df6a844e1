# Hostile content: sheets whose fields hold terminal escape sequences, C1
# and bidi controls, NUL, invalid UTF-8, a 10 MB field, 100,000 items.
# `check` and `show` either refuse them with a message naming line and
# column, or process them, in reasonable time; and what they print holds
# no raw ESC, C0 (but tab/newline), DEL, C1 or bidi control byte.
. "$TOP/tests/lib.sh"
LC_ALL=C
export LC_ALL

# Time limits: generous, the machine may be busy; the ASan build is slower.
limit=30
case $TORIKUMI in */build/asan/*) limit=120 ;; esac

"$TORIKUMI" new --ward 大正区 --year 2017 base.rec || exit 1
item() { # file no title [more-lines]
    if [ -n "${4:-}" ]; then
        { cat base.rec; printf '\nNo: %s\nTitle: %s\n%s\n' "$2" "$3" "$4"; } > "$1"
    else
        { cat base.rec; printf '\nNo: %s\nTitle: %s\n' "$2" "$3"; } > "$1"
    fi
}

# The bytes that must never reach a terminal: ESC, other C0 controls but tab and
# newline, DEL, C1 (as UTF-8: C2 80..C2 9F), bidi controls (U+200E U+200F U+061C
# U+202A..U+202E U+2066..U+2069), line/paragraph separators (U+2028 U+2029).
bad_bytes=$(printf '[\001-\010\013-\037\177]\\|\302[\200-\237]\\|\342\200[\216\217\250-\256]\\|\342\201[\246-\251]\\|\330\234')
expect_clean_output() { # file what
    if grep -q "$bad_bytes" "$1"; then
        t_fail "$2 printed raw control bytes:"
        grep -n "$bad_bytes" "$1" | head -n 3 | od -c | head -n 10
    fi
}
timed() { # command... (stdout $OUT, stderr $ERR, status $st)
    t0=$(date +%s)
    "$@" >"$OUT" 2>"$ERR"
    st=$?
    elapsed=$(( $(date +%s) - t0 ))
    [ "$elapsed" -le "$limit" ] || t_fail "took ${elapsed} s (limit $limit s): $*"
}

# ---- escape sequences, C1, bidi, BEL, BS, CR, DEL in every kind of place
esc=$(printf '\033[31mred\033[0m \033]0;pwned\007 \033[2J')
c1=$(printf 'csi\302\233 osc\302\235x nel\302\205')
bidi=$(printf 'abc\342\200\256fed\342\201\246iso\342\201\251 rlm\342\200\217 alm\330\234')
misc=$(printf 'bel\007 bs\010 cr\rover del\177 ls\342\200\250ps\342\200\251')
item hostile.rec 1 "$esc$c1" "$(printf 'Plan_Purpose: %s\n+ %s\nEnd_Result: %s\nLocalNote: %s\n' "$bidi" "$misc" "$esc" "$c1$bidi")"
sed "s/^Ward: .*/Ward: $esc/" hostile.rec > hostile-ward.rec

for f in hostile.rec hostile-ward.rec; do
    t "check $f: problems reported, output clean"
    timed "$TORIKUMI" check "$f"
    [ "$st" = 1 ] || t_fail "check exited $st, expected 1 (control characters are problems)"
    grep -q "$f:[0-9]" "$OUT" || t_fail "no FILE:LINE in the problems"
    expect_clean_output "$OUT" "check stdout"
    expect_clean_output "$ERR" "check stderr"
    t "show $f: shown, output clean"
    timed "$TORIKUMI" show "$f"
    [ "$st" = 0 ] || t_fail "show exited $st"
    expect_out_contains "red"
    expect_clean_output "$OUT" "show stdout"
    expect_clean_output "$ERR" "show stderr"
done

# ---- NUL and invalid UTF-8: refused, naming line and column
item nul.rec 1 "$(printf 'ok')" "$(printf 'Plan_Goal: before')"
printf 'x\000y\n' >> nul.rec
nul_line=$(wc -l < nul.rec)
printf 'Plan_Goal: \377\376 and C1 byte alone \233\n' > tail.txt
item badutf.rec 1 "ok"
cat tail.txt >> badutf.rec
bad_line=$(wc -l < badutf.rec)
for cmd in check show; do
    t "$cmd refuses a NUL byte, naming line and column"
    timed "$TORIKUMI" $cmd nul.rec
    expect_eq "$st" 2 "status"
    expect_err_contains "nul.rec:$nul_line:2: NUL byte"
    expect_clean_output "$ERR" "$cmd stderr"
    t "$cmd refuses invalid UTF-8, naming line and column"
    timed "$TORIKUMI" $cmd badutf.rec
    expect_eq "$st" 2 "status"
    expect_err_contains "badutf.rec:$bad_line:12: invalid UTF-8 byte FF"
    expect_clean_output "$ERR" "$cmd stderr"
done

# ---- a 10 MB field
awk 'BEGIN { printf "Plan_Purpose: "; for (i = 0; i < 370000; i++) printf "取組の方針を記す。"; printf "\n+ 二行目\n" }' > big.txt
item big.rec 1 "大きな値" "$(cat big.txt)"
size=$(wc -c < big.rec)
t "check a sheet with a 10 MB field ($size bytes): the length problem, in time"
timed "$TORIKUMI" check big.rec
expect_eq "$st" 1 "status"
expect_out_contains "too long"
t "show it: all of it, in time"
timed "$TORIKUMI" show big.rec
expect_eq "$st" 0 "status"
[ "$(wc -c < "$OUT")" -gt 9900000 ] || t_fail "show printed only $(wc -c < "$OUT") bytes"
expect_clean_output "$OUT" "show stdout"

# ---- 100,000 items
cp base.rec many.rec
awk 'BEGIN { for (i = 1; i <= 100000; i++)
    printf "\nNo: %d\nTitle: 取組 %d\nPlan_Purpose: 目的 %d\n+ 二行目\nEnd_Result: achieved\n", i, i, i }' >> many.rec
t "check 100,000 items: clean, in time"
timed "$TORIKUMI" check many.rec
expect_eq "$st" 0 "status"
echo "# check of 100,000 items: ${elapsed} s"
t "show 100,000 items: every one, in time"
timed "$TORIKUMI" show many.rec
expect_eq "$st" 0 "status"
expect_eq "$(grep -c '取組 [0-9]' "$OUT")" 100000 "items shown"
echo "# show of 100,000 items: ${elapsed} s"
t "the 100,000th item alone"
timed "$TORIKUMI" show --item 100000 many.rec
expect_eq "$st" 0 "status"
expect_out_contains "取組 100000"
expect_out_lacks "取組 99999"

done_testing
