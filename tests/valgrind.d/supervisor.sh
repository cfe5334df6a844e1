# Sourced by tests/valgrind.sh: the supervisor's tables (summary --fields/--encoding, export of
# several sheets) and, through tmux, the hits list (8 s).
sed 's/^Ward: 大正区$/Ward: 港区/' "$sample" > "$scratch/minato.rec"
run "summary fields, cp932" 0 ./torikumi summary --format csv --encoding cp932 --not-achieved \
    --fields End_Issues "$sample" "$scratch/minato.rec"
run "export two sheets" 0 ./torikumi export -o "$scratch/two.csv" "$sample" "$scratch/minato.rec"
# (e2e/33, the pane, is as clean but takes 15 s under valgrind: run it by hand.)
# editor_test (tests/valgrind.sh) runs a terminal test with the program under valgrind.
editor_test tests/e2e/35-question-hits.sh
