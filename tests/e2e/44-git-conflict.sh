# A git merge that stops on a field both branches changed: torikumi check names it, the editor
# asks about it on Ctrl-S with both versions, choosing resolves it, and the commit passes.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"

# set_goal FILE NO VALUE: item NO's Plan_Goal becomes VALUE (one line).
set_goal() {
    awk -v no="$2" -v v="$3" '/^No: / { cur = $2 }
        cur == no && /^Plan_Goal: / { print "Plan_Goal: " v; skip = 1; next }
        skip && /^\+/ { next } { skip = 0; print }' "$1" > "$1.new" && mv "$1.new" "$1"
}

git init -q repo && cd repo || exit 2
git config user.name tester && git config user.email tester@example.com
git config commit.gpgsign false
"$TORIKUMI" git-setup . >/dev/null || t_fail "git-setup failed"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec && chmod u+w sheet.rec
git add .gitattributes sheet.rec && git commit -qm base
git checkout -q -b soumu && set_goal sheet.rec 3 "総務課の目標" && git commit -qam soumu
git checkout -q -b kikaku master && set_goal sheet.rec 3 "企画課の目標" && git commit -qam kikaku

t "git merge stops; check names the conflict"
expect_exit 1 git merge -q --no-edit soumu
expect_exit 1 "$TORIKUMI" check sheet.rec
expect_out_contains '取組項目 3: Plan_Goal: unresolved merge conflict: ours "企画課の目標", theirs "総務課の目標"'

t "the editor asks on Ctrl-S, showing both; T takes theirs and saves"
printf 'cd "%s/repo" && exec "%s" sheet.rec\n' "$WORK" "$TORIKUMI" > "$WORK/edit-in-repo.sh"
tm_start 80 24 sh "$WORK/edit-in-repo.sh"
tm_wait "取組項目 1/23  problems: 1"
tm_keys C-s
tm_wait "Both changed the same field (1 of 1)"
tm_wait "取組項目 3 計画 / 目標: a merge (git) left both versions of this"
tm_wait "企画課の目標"
tm_wait "総務課の目標"
tm_keys t
tm_wait "conflicts resolved and saved sheet.rec"
tm_wait "problems: 0"
tm_keys C-q
tm_wait_exit
grep -qx "Plan_Goal: 総務課の目標" sheet.rec || t_fail "theirs is not in the file"
expect_exit 1 grep -q "Merge_" sheet.rec

t "the result is clean and the commit passes"
expect_exit 0 "$TORIKUMI" check sheet.rec
expect_exit 0 env LC_ALL=C.UTF-8 recfix --check sheet.rec
git add sheet.rec
expect_exit 0 git commit -qm "merge soumu"
expect_eq "$(git status --porcelain | wc -l | tr -d ' ')" 0 "uncommitted changes"
done_testing
