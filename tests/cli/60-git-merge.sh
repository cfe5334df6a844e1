# Sheets in git: `torikumi git-setup`, then git merges through `torikumi merge` (by initiative and
# field) and diffs through `torikumi diff` (the form's labels), in a real repository.
. "$TOP/tests/lib.sh"
sample="$TOP/sample-data/taisho-h29.rec"

# set_field FILE NO FIELD VALUE: the field of item NO gets VALUE (added after Title when absent).
set_field() {
    awk -v no="$2" -v f="$3" -v v="$4" '
        /^No: / { cur = $2 }
        FNR == NR { if (cur == no && index($0, f ": ") == 1) has = 1; next }
        cur == no && index($0, f ": ") == 1 { print f ": " v; skip = 1; next }
        skip && /^\+/ { next }
        { skip = 0 }
        cur == no && !has && /^Title: / { print; print f ": " v; next }
        { print }' "$1" "$1" > "$1.new" && mv "$1.new" "$1"
}

git init -q repo && cd repo || exit 2
git config user.name tester && git config user.email tester@example.com
git config commit.gpgsign false

t "git-setup writes .gitattributes and the repository's config"
expect_exit 0 "$TORIKUMI" git-setup .
expect_eq "$(cat .gitattributes)" "*.rec merge=torikumi diff=torikumi"
expect_eq "$(git config merge.torikumi.driver)" "'$TORIKUMI' merge %O %A %B"
expect_eq "$(git config diff.torikumi.command)" "'$TORIKUMI' diff"
expect_exit 0 "$TORIKUMI" git-setup .
expect_eq "$(grep -c torikumi .gitattributes)" 1 ".gitattributes lines after a second run"

cp "$sample" sheet.rec && chmod u+w sheet.rec
git add .gitattributes sheet.rec && git commit -qm base

t "two branches change different items and different fields of one item: git merges cleanly"
git checkout -q -b soumu
set_field sheet.rec 1 Plan_Goal "総務課の目標"
set_field sheet.rec 5 Subtitle "総務課の副題"
git commit -qam soumu
git checkout -q -b kikaku master
set_field sheet.rec 2 Plan_Goal "企画課の目標"
set_field sheet.rec 5 Plan_Purpose "企画課による項目5の趣旨"
git commit -qam kikaku
expect_exit 0 git merge -q --no-edit soumu
expect_exit 0 "$TORIKUMI" check sheet.rec
expect_exit 0 env LC_ALL=C.UTF-8 recfix --check sheet.rec
for want in "Plan_Goal: 総務課の目標" "Subtitle: 総務課の副題" "Plan_Goal: 企画課の目標" \
            "Plan_Purpose: 企画課による項目5の趣旨"; do
    grep -qxF "$want" sheet.rec || t_fail "the merged sheet lacks: $want"
done
expect_exit 1 grep -q Merge_ sheet.rec

t "a line merge of the same two branches conflicts (a new Subtitle next to a changed Plan_Purpose)"
git show master:sheet.rec > b.txt && git show kikaku^1:sheet.rec > o.txt && git show soumu:sheet.rec > t.txt
expect_exit 1 git merge-file -p --quiet o.txt b.txt t.txt
rm -f b.txt o.txt t.txt

t "git diff shows changes per initiative with the form's labels"
expect_exit 0 git diff master HEAD -- sheet.rec
expect_out_contains "取組項目 5 "
expect_out_contains "  取組項目 / 副題"
expect_out_contains "    + 総務課の副題"
expect_out_contains "  計画 / 趣旨・目的"
expect_out_contains "    + 企画課による項目5の趣旨"

t "both branches change the same field: git merge stops, check names the conflict"
git checkout -q -b a master
set_field sheet.rec 3 Plan_Goal "Aの目標"
git commit -qam a
git checkout -q -b b master
set_field sheet.rec 3 Plan_Goal "Bの目標"
set_field sheet.rec 4 Subtitle "Bだけの変更"
git commit -qam b
expect_exit 1 git merge -q --no-edit a
expect_exit 0 sh -c 'git status --porcelain | grep -q "^UU sheet.rec"'
expect_exit 1 "$TORIKUMI" check sheet.rec
expect_out_contains 'sheet.rec:'
expect_out_contains '取組項目 3: Plan_Goal: unresolved merge conflict: ours "Bの目標", theirs "Aの目標"'
expect_eq "$(wc -l < "$OUT" | tr -d ' ')" 1 "problem lines"
expect_exit 0 env LC_ALL=C.UTF-8 recfix --check sheet.rec
grep -qxF "Subtitle: Bだけの変更" sheet.rec || t_fail "the other change was lost"
expect_exit 1 grep -q '^<<<<<<<' sheet.rec
git merge --abort

t "torikumi merge by hand: exit 0 clean, 1 with conflicts, 2 on a broken file (ours untouched)"
git show a:sheet.rec > ours.rec && git show b:sheet.rec > theirs.rec && git show master:sheet.rec > base.rec
cp ours.rec before.rec
expect_exit 1 "$TORIKUMI" merge base.rec ours.rec theirs.rec
expect_err_contains '取組項目 3: Plan_Goal: unresolved merge conflict: ours "Aの目標", theirs "Bの目標"'
printf 'No: 1\nbroken\n' > broken.rec
cp before.rec ours.rec
expect_exit 2 "$TORIKUMI" merge base.rec ours.rec broken.rec
expect_err_contains "broken.rec:2:7:"
expect_same_file ours.rec before.rec
expect_exit 0 "$TORIKUMI" merge base.rec ours.rec base.rec
expect_same_file ours.rec before.rec
expect_exit 2 "$TORIKUMI" merge base.rec ours.rec

done_testing
