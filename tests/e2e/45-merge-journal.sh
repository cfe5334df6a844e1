# The journal keeps working through a merge on save: after a save that merged an outside change,
# what is typed next goes to the journal, and after kill -9 it is recovered onto the merged file.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
journal=.sheet.rec.torikumi-journal

t "an outside change is merged on save"
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"
tm_keys Tab Tab
tm_wait "> 副題"
tm_type "保存前の副題"
sed -i 's/^Plan_Goal: 27年度(実績)97.53%/Plan_Goal: 27年度(実績)97.99%/' sheet.rec
tm_keys C-s
tm_wait "saved sheet.rec with the changes made on disk meanwhile (1)"
grep -q '97.99%' sheet.rec || t_fail "the outside change was lost"

t "typing after the merge is journaled and recovered after kill -9"
tm_type "と追記"
tm_wait "sheet.rec [+]"
wait_file_contains "$journal" "保存前の副題と追記"
kill -9 "$(tm_pid)"
tm_wait_exit
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "This sheet is in use"
tm_keys t
tm_wait "Unsaved changes were found"
tm_wait "取組項目 1: 副題 = 保存前の副題と追記"
tm_keys r
tm_wait "recovered 1 unsaved changes"
tm_keys C-s
tm_wait "saved sheet.rec"
tm_keys C-q
tm_wait_exit
grep -q '^Subtitle: 保存前の副題と追記$' sheet.rec || t_fail "the recovered change is not saved"
grep -q '97.99%' sheet.rec || t_fail "the merged outside change was lost by the recovery"
expect_exit 0 "$TORIKUMI" check sheet.rec
done_testing
