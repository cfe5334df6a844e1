# A FIFO swapped in over the sheet never hangs Ctrl-S (issue 15, finding 6):
# the outside-change check opens it without blocking, says it is not a regular
# file, and saves nothing; after the FIFO is gone a save works again.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"
tm_keys Tab Tab
tm_wait "> 副題"
tm_type "FIFOの前"
tm_wait "sheet.rec [+]"

t "the sheet replaced by a FIFO: Ctrl-S answers at once, saving nothing"
mv sheet.rec saved-away.rec
mkfifo sheet.rec
tm_keys C-s
tm_wait "not a regular file"
[ -p sheet.rec ] || t_fail "the FIFO was replaced"
tm_wait "Saving failed"          # which offers a copy elsewhere; Esc cancels
tm_keys Escape
tm_wait "not a regular file"
tm_wait "sheet.rec [+]"

t "the FIFO gone, the sheet back: saved"
rm sheet.rec
mv saved-away.rec sheet.rec
tm_keys C-s
tm_wait "saved sheet.rec"
grep -q '^Subtitle: FIFOの前$' sheet.rec || t_fail "not saved"
tm_keys C-q
tm_wait_exit
done_testing
