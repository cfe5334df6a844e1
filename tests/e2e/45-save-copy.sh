# A way out when saving fails (issue 15, finding 4): the sheet's directory is
# gone (as a full disk or a pulled USB stick, saving in place fails), and the
# quit question offers to save a copy as another file, which then holds the work.  Saving
# in place failing asks too (save a copy, or cancel); on a real full disk (a small tmpfs) the
# journal's failure stays on the message line until a write succeeds.
# Not root: the same script in a user and mount namespace of its own, where
# mounting the small tmpfs below is allowed (as tests/cli/40-crash-save.sh does).
if [ "$(id -u)" != 0 ] && [ -z "${TORIKUMI_IN_USERNS:-}" ] &&
    unshare --user --map-root-user --mount true 2>/dev/null; then
    TORIKUMI_IN_USERNS=1 exec unshare --user --map-root-user --mount sh "$0" "$@"
fi
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
tm_wait "Saving failed"
tm_wait "NOT saved"
tm_wait "[A] save a copy as another file"
tm_keys Escape
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

t "a full disk: the journal's failure is said until it is written; saving fails and offers a copy"
M=$WORK/full
mkdir -p "$M"
tm_cleanup() { tm_stop_all; umount "$M" 2>/dev/null; return 0; }
# No skipping: a real full file system is what the case is for (as in tests/cli/40-crash-save.sh).
mount -t tmpfs -o size=96k tmpfs "$M" || t_fail "cannot mount a 96 KB tmpfs (run as root)"
cp "$TOP/sample-data/taisho-h29.rec" "$M/sheet.rec"      # 61 KB: a second copy does not fit
tm_start 80 24 "$TORIKUMI" "$M/sheet.rec"
tm_wait "取組項目 1/23"
[ -f "$M/.sheet.rec.torikumi-lock" ] || t_fail "no lock on the tmpfs"
dd if=/dev/zero of="$M/filler" bs=1k count=96 2>/dev/null   # the disk full: not even a journal
tm_keys Tab Tab
tm_wait "> 副題"
tm_type "満杯でも残る副題"
tm_wait "recovery journal not written"
tm_keys Tab
tm_wait "> 趣旨・目的"
tm_wait "recovery journal not written"
expect_eq "$(tm_screen | grep -c "recovery journal not written")" 1 "lines saying so"
tm_screen | grep -F "recovery journal not written" | grep -q "not written.*not written" &&
    t_fail "the journal's failure is said twice in one line"
tm_keys C-s
tm_wait "Saving failed"
tm_wait "[A] save a copy as another file"
tm_keys a
tm_wait "Save a copy as:"
tm_type "$WORK/rescue-full.rec"
tm_keys Enter
tm_wait "saved a copy to"
grep -q '^Subtitle: 満杯でも残る副題$' rescue-full.rec || t_fail "the copy lacks the work"
grep -q '満杯でも残る副題' "$M/sheet.rec" && t_fail "the full disk's sheet was written"
rm "$M/filler"
tm_keys Tab
tm_wait_gone "recovery journal not written"
wait_file_contains "$M/.sheet.rec.torikumi-journal" "満杯でも残る副題"
tm_keys C-q
tm_wait "[A] save a copy as another file"
tm_keys d
tm_wait_exit
done_testing
