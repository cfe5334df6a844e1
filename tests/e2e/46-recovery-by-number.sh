# Recovery puts a change into the item it was made in (issue 15, finding 1):
# item 3's 副題 is edited, the editor killed, item 1 deleted on disk with recdel;
# recovering lands the text in item 3, not in the item now at its old place (4).
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
command -v recdel >/dev/null || { t "recdel is installed"; t_fail "no recdel (make deps)"; done_testing; }
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
journal=.sheet.rec.torikumi-journal

tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"
tm_keys C-g
tm_type 3
tm_keys Enter Tab Tab
tm_wait "> 副題"
tm_type "三番の副題"
wait_file_contains "$journal" "三番の副題"
kill -9 "$(tm_pid)"
tm_wait_exit

t "item 1 deleted on disk, then recovered: the text is in item 3"
recdel -t Initiative -e 'No = 1' sheet.rec || t_fail "recdel failed"
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "This sheet is in use"
tm_keys t
tm_wait "Unsaved changes were found"
tm_wait "取組項目 3: 副題 = 三番の副題"
tm_keys r
tm_wait "recovered 1 unsaved changes"
tm_keys C-s
tm_wait "saved sheet.rec"
tm_keys C-q
tm_wait_exit
expect_eq "$(recsel -t Initiative -e 'No = 3' -P Subtitle sheet.rec)" "三番の副題" "item 3's 副題"
expect_eq "$(recsel -t Initiative -e 'No = 4' -P Subtitle sheet.rec)" \
          "$(recsel -t Initiative -e 'No = 4' -P Subtitle "$TOP/sample-data/taisho-h29.rec")" "item 4's 副題"
done_testing
