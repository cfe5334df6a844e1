# Ctrl-E edits the focused text field in $EDITOR; what it writes comes back as one undo step.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
cp "$TOP/sample-data/taisho-h29.rec" sheet.rec
cat > fake-editor.sh <<'SH'
#!/bin/sh
# What it does is in ./mode: append a line (keeping a copy of what it was
# given and of the recovery journal at that moment), nothing, or write CP932.
here=$(dirname "$0")
cp "$1" "$here/given.txt"
cp "$here/.sheet.rec.torikumi-journal" "$here/journal-then.txt" 2>/dev/null
case $(cat "$here/mode" 2>/dev/null) in
    noop) ;;
    cp932) printf '\223\372\226\173\214\352\n' > "$1" ;;   # 日本語 in CP932
    *) printf '外部エディタで追記\n' >> "$1" ;;
esac
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

t "an editor that changes nothing changes nothing: no trailing space on a one-line field, no [+]"
echo noop > mode
tm_keys C-s
tm_wait "saved"
cp sheet.rec saved.rec
tm_keys F2
tm_wait "> 趣旨・目的"
tm_focus_back "取組項目名"
tm_keys C-e
tm_wait "the field is unchanged"
tm_screen | grep -q "sheet.rec \[+\]" && t_fail "the sheet is marked changed"
tm_keys Tab
tm_wait "> 副題"
tm_keys C-e
tm_wait "the field is unchanged"
expect_eq "$(cat given.txt | wc -c)" "0" "an empty field is given as an empty file"

t "text the editor saved in another encoding is refused, and the field is kept"
echo cp932 > mode
tm_keys BTab
tm_wait "> 取組項目名"
tm_keys C-e
tm_wait "the edited text is not UTF-8 (byte 0: 93)"
tm_screen | grep -q "sheet.rec \[+\]" && t_fail "the sheet is marked changed"

t "what was typed before Ctrl-E is in the recovery journal while the editor runs"
echo append > mode
tm_keys End
tm_type "直前の入力"
tm_wait "直前の入力"
rm -f given.txt
tm_keys C-e
wait_file_contains given.txt "直前の入力"
tm_wait "ディタで追記"
grep -q "直前の入力" journal-then.txt 2>/dev/null || t_fail "the journal did not hold the typing when the editor started"
tm_keys C-z C-z
tm_wait_gone "直前の入力"

t "Ctrl-E on a choice field says it works on text fields only"
tm_keys F4 Tab
tm_wait "> 目標の達成"
tm_keys C-e
tm_wait "Ctrl-E edits text fields only"
t "everything since the save undone: Ctrl-Q quits without asking, the file as saved"
tm_keys C-q
tm_wait_exit
expect_same_file sheet.rec saved.rec
done_testing
