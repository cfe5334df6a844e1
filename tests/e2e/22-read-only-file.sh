# A file the user cannot write opens read-only by itself, saying why; editing keys say so.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
chmod 0444 sheet.rec
cp sheet.rec before.rec
# root may write anything: drop to nobody when we are root.
run=""
if [ "$(id -u)" = 0 ]; then chmod 755 "$WORK"; run="setpriv --reuid=65534 --regid=65534 --clear-groups"; fi
# Typing and Ctrl-S say read-only; after quitting the file is as it was.
refuse_typing_and_saving() {
    tm_keys F2
    tm_type "x"
    tm_wait "read-only: this sheet cannot be changed here"
    tm_keys C-s
    tm_wait "read-only: this sheet cannot be changed here"
    tm_keys C-q
    tm_wait_exit
    expect_same_file sheet.rec before.rec
}

tm_start 80 24 $run "$TORIKUMI" sheet.rec
t "it opens read-only and says why"
tm_wait "[read-only]"
tm_wait "read-only: you cannot write this file"
t "typing and saving are refused with a message; nothing changes"
refuse_typing_and_saving

# Whoever we are (root in CI may write anything), a file with no write
# permission at all opens read-only, as vim does, and a save is refused.
t "a file marked read-only (0444) opens read-only even for a user who could write it"
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "[read-only]"
if [ "$(id -u)" = 0 ]; then
    tm_wait "read-only: the file has no write permission"
fi
refuse_typing_and_saving
t "no lock, journal or temp file was made next to it"
leftover=$(ls -A | grep -e 'torikumi-' -e '\.sheet\.rec\.tmp' || true)
[ -z "$leftover" ] || t_fail "left behind: $leftover"
done_testing
