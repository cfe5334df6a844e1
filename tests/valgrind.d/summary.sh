# Sourced by tests/valgrind.sh: torikumi summary, as text and as CSV, with filters.
run "summary sample" 0 ./torikumi summary "$sample"
run "summary csv, filters, sort" 0 ./torikumi summary --format csv --bom --not-achieved --sort state "$sample" "$scratch/bad.rec"
run "summary counts, incomplete" 0 ./torikumi summary --counts --incomplete mid "$sample"
# A sheet that cannot be read is skipped (exit 1); none readable: exit 2.
run "summary unreadable skipped" 1 ./torikumi summary "$sample" "$scratch/no-such.rec"
run "summary nothing readable" 2 ./torikumi summary "$scratch/no-such.rec"
