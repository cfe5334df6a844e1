# import-export.sh - import and export under valgrind (sourced by tests/valgrind.sh:
# run NAME STATUS COMMAND..., $scratch is a scratch directory).
printf '\357\273\277番号,取組項目名,趣旨・目的,目標の達成,年度評価/課題と改善策,LocalNote\r\n1,a,"x\ny",目標未達成,z,m\r\n2,ｶﾅ,,achieved,,\r\n' > "$scratch/vg.csv"
tail -c +4 "$scratch/vg.csv" | iconv -f UTF-8 -t CP932 > "$scratch/vg-sjis.csv"
run "import csv" 0 ./torikumi import --ward 大正区 --year 2017 -o "$scratch/vg.rec" "$scratch/vg.csv"
run "import cp932 csv to stdout" 0 ./torikumi import --ward 大正区 --year 2017 -o - "$scratch/vg-sjis.csv"
printf 'No,Title,目標の達成\r\n1,a,達成\r\n' > "$scratch/vg-bad.csv"
run "import bad choice" 1 ./torikumi import --ward 大正区 --year 2017 -o "$scratch/vg-bad.rec" "$scratch/vg-bad.csv"
run "import without ward" 2 ./torikumi import -o "$scratch/vg-bad.rec" "$scratch/vg.csv"
iconv -f UTF-8 -t CP932 "$scratch/vg.rec" > "$scratch/vg-sjis.rec"
run "import cp932 rec" 0 ./torikumi import -o "$scratch/vg2.rec" "$scratch/vg-sjis.rec"
run "export utf-8-bom" 0 ./torikumi export -o "$scratch/vg-out.csv" "$scratch/vg.rec"
run "export cp932" 0 ./torikumi export --encoding cp932 "$scratch/vg.rec"
sed 's/^Title: a$/Title: a〜/' "$scratch/vg.rec" > "$scratch/vg-wave.rec"
run "export cp932 failure" 1 ./torikumi export --encoding cp932 "$scratch/vg-wave.rec"
run "import sheet text" 0 ./torikumi import --ward 大正区 --year 2017 -o "$scratch/vg-seed.rec" tests/data/seed.txt
