# print-html.sh - the printed sheet and the report under valgrind (sourced by
# tests/valgrind.sh: run NAME STATUS COMMAND..., $scratch is a scratch directory).
sed 's/^FiscalYear: 2017$/FiscalYear: 2019/; s/^Ward: 大正区$/Ward: 北区/' sample-data/taisho-h29.rec \
    > "$scratch/vg-kita.rec"
run "export html" 0 ./torikumi export --format html -o "$scratch/vg.html" \
    sample-data/taisho-h29.rec "$scratch/vg-kita.rec"
run "summary html" 0 ./torikumi summary --format html -o "$scratch/vg-report.html" \
    sample-data/taisho-h29.rec "$scratch/vg-kita.rec"
run "export html, a missing file" 2 ./torikumi export --format html -o "$scratch/vg2.html" \
    "$scratch/missing.rec"
