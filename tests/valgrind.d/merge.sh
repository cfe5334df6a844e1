# Sourced by tests/valgrind.sh: torikumi merge (a clean merge and one with conflicts) and diff.
sed 's/^Plan_Goal: 27年度(実績)97.53%/Plan_Goal: ours/' "$sample" > "$scratch/m-ours.rec"
sed -e 's/^Plan_Goal: 27年度(実績)97.53%/Plan_Goal: theirs/' -e 's/^Subtitle: 担い手不足の解消$/Subtitle: t/' \
    "$sample" > "$scratch/m-theirs.rec"
cp "$scratch/m-ours.rec" "$scratch/m-result.rec"
run "merge with a conflict" 1 ./torikumi merge "$sample" "$scratch/m-result.rec" "$scratch/m-theirs.rec"
cp "$scratch/m-ours.rec" "$scratch/m-result.rec"
run "merge clean" 0 ./torikumi merge "$scratch/m-ours.rec" "$scratch/m-result.rec" "$scratch/m-theirs.rec"
run "diff" 1 ./torikumi diff "$sample" "$scratch/m-theirs.rec"
