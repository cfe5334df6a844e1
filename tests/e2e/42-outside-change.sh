# The file changed on disk since it was loaded (even with the same size and mtime): saving
# merges the outside change with mine by field and says so; the same field changed on both
# sides asks, showing both and what overwriting would drop: cancel leaves the file, overwrite
# writes mine; a file on disk that no longer parses is never merged into.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"
tm_keys Tab Tab
tm_wait "> 副題"
tm_type "わたしの副題"
tm_wait "sheet.rec [+]"

t "someone else changes a value: same size, same mtime"
stamp=$(stat -c %y sheet.rec)
sed -i 's/^Plan_Goal: 27年度(実績)97.53%/Plan_Goal: 27年度(実績)97.54%/' sheet.rec
touch -d "$stamp" sheet.rec
grep -q '97.54%' sheet.rec || t_fail "the outside change did not happen"
expect_eq "$(stat -c %y sheet.rec)" "$stamp" "mtime kept"

t "Ctrl-S merges: their value and mine are both in the file, and it says so"
tm_keys C-s
tm_wait "saved sheet.rec with the changes made on disk meanwhile (1)"
grep -q '^Plan_Goal: 27年度(実績)97.54%' sheet.rec || t_fail "their change was lost"
grep -q '^Subtitle: わたしの副題$' sheet.rec || t_fail "mine was not saved"
tm_wait_gone "sheet.rec [+]"

t "the same field changed on disk and here: a question with both versions; cancel keeps the file"
sed -i 's/^Subtitle: わたしの副題$/Subtitle: 他の人の副題/' sheet.rec
cp sheet.rec theirs.rec
tm_keys End
tm_type "x"
tm_wait "sheet.rec [+]"
tm_keys C-s
tm_wait "Both changed the same field (1 of 1)"
tm_wait "取組項目 1 取組項目 / 副題: you and someone else both changed this"
tm_wait "わたしの副題x"
tm_wait "他の人の副題"
tm_wait "Overwrite with mine drops every change made on disk:"
tm_wait "  取組項目 1 取組項目 / 副題"
tm_keys c
tm_wait "not saved"
expect_same_file sheet.rec theirs.rec

t "overwrite with mine: mine is saved"
tm_keys C-s
tm_wait "Both changed the same field (1 of 1)"
tm_keys o
tm_wait "saved sheet.rec"
grep -q '^Subtitle: わたしの副題x$' sheet.rec || t_fail "not saved"

t "edit both: mine is saved, then both versions are in the field to cut down and save again"
sed -i 's/^Subtitle: わたしの副題x$/Subtitle: 三人目の副題/' sheet.rec
tm_type "z"
tm_keys C-s
tm_wait "Both changed the same field (1 of 1)"
tm_wait "[E] edit both"
tm_keys e
tm_wait "now edit this field (both versions are"
tm_wait "わたしの副題xz"
tm_wait "----- theirs (on disk) -----"
tm_wait "三人目の副題"
tm_wait "sheet.rec [+]"
grep -q '^Subtitle: わたしの副題xz$' sheet.rec || t_fail "mine was not saved first"
tm_keys C-s
tm_wait "saved sheet.rec"
# 副題 is one line: the two versions are joined by blanks there.
grep -q '^Subtitle: わたしの副題xz ----- theirs (on disk) ----- 三人目の副題$' sheet.rec ||
    t_fail "the edit (both versions) was not saved"

t "a file on disk that does not parse is not merged into: the plain question, cancel"
printf 'No: 1\nbroken line\n' > sheet.rec
cp sheet.rec broken.rec
tm_type "y"
tm_keys C-s
tm_wait "The file changed on disk"
tm_wait "the file on disk does not parse"
tm_keys c
tm_wait "not saved"
expect_same_file sheet.rec broken.rec
tm_keys C-q
tm_wait "before quitting?"
tm_keys d
tm_wait_exit
done_testing
