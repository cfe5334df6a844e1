# A way out when saving fails (issue 15, finding 4): the sheet's directory is
# gone (as a full disk or a pulled USB stick, saving in place fails), and the
# quit question offers to save a copy as another file, which then holds the work.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
mkdir d
cp "$TOP/sample-data/taisho-h29.rec" d/sheet.rec
tm_start 80 24 "$TORIKUMI" d/sheet.rec
tm_wait "取組項目 1/23"
tm_keys Tab Tab
tm_wait "> 副題"
tm_type "救出する副題"
tm_wait "sheet.rec [+]"

t "the directory gone: saving in place fails, the work stays"
mv d gone
tm_keys C-s
tm_wait "cannot be read any more"
tm_keys o
tm_wait "NOT saved"
tm_wait "sheet.rec [+]"

t "Ctrl-Q offers a copy; it refuses an existing file, then writes a new one"
tm_keys C-q
tm_wait "[A] save a copy as another file"
tm_keys a
tm_wait "Save a copy as:"
tm_type "$WORK/gone/sheet.rec"
tm_keys Enter
tm_wait "NOT saved: that file exists already"
tm_keys C-q
tm_wait "[A] save a copy as another file"
tm_keys a
tm_wait "Save a copy as:"
tm_type "$WORK/rescue.rec"
tm_keys Enter
tm_wait "saved a copy to"
grep -q '^Subtitle: 救出する副題$' rescue.rec || t_fail "the copy lacks the work"
expect_exit 0 "$TORIKUMI" check rescue.rec
grep -q '救出する副題' gone/sheet.rec && t_fail "the original was written"
tm_keys C-q
tm_wait "[A] save a copy as another file"
tm_keys d
tm_wait_exit
done_testing
