# Sourced by tests/valgrind.sh: the supervisor's tables (summary --fields/--encoding, export of
# several sheets) and, through tmux, the hits list (8 s).
sed 's/^Ward: 大正区$/Ward: 港区/' "$sample" > "$scratch/minato.rec"
run "summary fields, cp932" 0 ./torikumi summary --format csv --encoding cp932 --not-achieved \
    --fields End_Issues "$sample" "$scratch/minato.rec"
run "export two sheets" 0 ./torikumi export -o "$scratch/two.csv" "$sample" "$scratch/minato.rec"
# (e2e/33, the pane, is as clean but takes 15 s under valgrind: run it by hand.)
for t in tests/e2e/35-question-hits.sh; do
    if TORIKUMI="$scratch/vg-torikumi" TOP="$top" TM_TIMEOUT=120 TMPDIR="$scratch" sh "$t" \
        > "$scratch/e2e.out" 2>&1 && ! grep -q "ERROR SUMMARY: [1-9]\|definitely lost: [1-9]" \
        "$scratch"/vg-editor.*.log 2>/dev/null; then
        echo "ok   valgrind editor $(basename "$t")"
    else
        echo "FAIL valgrind editor $(basename "$t")"; tail -n 30 "$scratch/e2e.out"
        cat "$scratch"/vg-editor.*.log 2>/dev/null | tail -n 40; fail=1
    fi
    rm -f "$scratch"/vg-editor.*.log
done
