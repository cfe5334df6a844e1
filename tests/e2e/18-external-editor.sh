# Ctrl-E edits the focused text field in $EDITOR; what it writes comes back as one undo step.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
cat > fake-editor.sh <<'SH'
#!/bin/sh
# Append a line to the file and keep a copy of what the editor was given.
cp "$1" "$(dirname "$0")/given.txt"
printf '外部エディタで追記\n' >> "$1"
SH
chmod +x fake-editor.sh
export EDITOR="$WORK/fake-editor.sh"
unset VISUAL
tm_start 80 24 "$TORIKUMI" sheet.rec
tm_wait "取組項目 1/23"
tm_keys F2
tm_wait "> 趣旨・目的"

t "the editor gets the field's text; its change comes back into the field"
tm_keys C-e
tm_wait "外部エディタで追記"
tm_wait "sheet.rec [+]"
expect_eq "$(head -c 30 given.txt)" "介護保険制度を運営し" "text given to the editor"

t "one Ctrl-Z takes it back"
tm_keys C-z
tm_wait_gone "外部エディタで追記"

t "Ctrl-E on a choice field says it works on text fields only"
tm_keys F4 Tab
tm_wait "> 目標の達成"
tm_keys C-e
tm_wait "Ctrl-E edits text fields only"
tm_keys C-q
tm_wait "[D] discard changes"
tm_keys d
tm_wait_exit
done_testing
