# The file changed on disk since it was loaded (even with the same size and mtime): saving
# warns, shows the differences, and offers to overwrite, reload, or cancel.
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

t "Ctrl-S does not overwrite it: it says so and shows what differs"
tm_keys C-s
tm_wait "The file changed on disk"
tm_wait "Someone changed sheet.rec on disk after you opened it"
tm_wait "取組項目 1  目標"
tm_wait "on disk: 27年度(実績)97.54% 29年度(目標)97.60%"
tm_wait "here:    27年度(実績)97.53% 29年度(目標)97.60%"
tm_wait "取組項目 1  副題"
tm_wait "here:    わたしの副題"
tm_keys c
tm_wait "not saved"
grep -q '97.54%' sheet.rec || t_fail "the file was overwritten on cancel"

t "overwrite: mine is saved"
tm_keys C-s
tm_wait "The file changed on disk"
tm_keys o
tm_wait "saved sheet.rec"
grep -q '^Subtitle: わたしの副題$' sheet.rec || t_fail "not saved"

t "reload: theirs comes in, mine goes"
sed -i 's/^Subtitle: わたしの副題$/Subtitle: 他の人の副題/' sheet.rec
tm_keys Tab
tm_type "x"
tm_keys C-s
tm_wait "The file changed on disk"
tm_keys r
tm_wait "reloaded sheet.rec from disk"
tm_wait "他の人の副題"
tm_wait_gone "sheet.rec [+]"
tm_keys C-q
tm_wait_exit
grep -q '^Subtitle: 他の人の副題$' sheet.rec || t_fail "the reload changed the file"
done_testing
