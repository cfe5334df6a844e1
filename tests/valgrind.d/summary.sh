# Sourced by tests/valgrind.sh: torikumi summary, as text and as CSV, with filters.
run "summary sample" 0 ./torikumi summary "$sample"
run "summary csv, filters, sort" 0 ./torikumi summary --format csv --bom --not-achieved --sort state "$sample" "$scratch/bad.rec"
run "summary counts, incomplete" 0 ./torikumi summary --counts --incomplete mid "$sample"
run "summary unreadable" 2 ./torikumi summary "$sample" "$scratch/no-such.rec"
