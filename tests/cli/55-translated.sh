# Every message a user can see is translated (issue 14, "English inside
# Japanese screens"): each _()/N_() string of src/ has a Japanese msgstr in
# po/ja.po that is neither empty nor fuzzy and takes the same arguments; the
# functions that build messages are never handed a bare English literal; and
# messages built in the model (save, import, forms, encodings, journal) come
# out in Japanese under LANG=ja_JP.UTF-8.
. "$TOP/tests/lib.sh"
export LC_ALL=C.UTF-8 # xgettext reads the sources as UTF-8
for tool in xgettext msgmerge msgattrib msgfmt msggrep; do
    command -v $tool >/dev/null || { t "$tool is installed (make deps)"; t_fail "no $tool"; done_testing; }
done

t "every _() and N_() string has a Japanese translation, none fuzzy"
(cd "$TOP" && xgettext --from-code=UTF-8 -k_ -kN_ -o "$WORK/all.pot" src/*.c) 2>xgettext.err ||
    { t_fail "xgettext failed"; cat xgettext.err; }
# -N: a new string never borrows an old translation (that would hide it as fuzzy).
msgmerge --quiet -N -o merged.po "$TOP/po/ja.po" all.pot || t_fail "msgmerge failed"
msgattrib --untranslated --no-obsolete merged.po > untranslated.po
msgattrib --only-fuzzy --no-obsolete merged.po > fuzzy.po
for f in untranslated.po fuzzy.po; do
    n=$(grep -c '^msgid ' "$f"); n=$((n > 0 ? n - 1 : 0)) # less the header
    [ "$n" -eq 0 ] || { t_fail "$n string(s) in $f"; grep -A3 '^#: ' "$f" | head -n 40; }
done

t "each translation takes the arguments of its English (msgfmt --check)"
# merged.po carries the c-format marks xgettext gives every string with a %.
msgfmt --check -o /dev/null merged.po 2> msgfmt.err || { t_fail "msgfmt --check"; head -n 20 msgfmt.err; }

t "no message is built from a bare English literal"
# The functions that turn text into a message a user sees, with the argument
# that holds the text: that argument must be _("..."), never "...".  Formats
# made only of conversions and punctuation ("%s", "%s: %s") need no translation.
(cd "$TOP" && xgettext --from-code=UTF-8 -k -kerror_set:5 -kdie:2 -kimport_warn:4 -kcell_error:5 \
    -keditor_message:3 -kfail:3 -kreport:6 -kcheck_clean:2 -kcheck_strv:2 -kwarn:3 -kwarn_text:3 \
    -kwarn_at:4 -kask:2 -kui_session_ask:2 -kdraw_box:4 -kdraw_lines:2 -kcounts_line:2 \
    --omit-header -o "$WORK/bare.pot" src/*.c) 2>xgettext.err || { t_fail "xgettext failed"; cat xgettext.err; }
: > words.pot
[ -s bare.pot ] && msggrep -K -E -e '[A-Za-z]{2}' -o words.pot bare.pot
[ -s words.pot ] && { t_fail "untranslated messages:"; grep -E '^(#:|msgid|")' words.pot | head -n 60; }

ja_run() { status=$1; shift; expect_exit "$status" env LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 "$TORIKUMI" "$@"; }

t "a form file with an unknown Kind: named in Japanese"
sed '0,/^Kind: text$/s//Kind: essay/' "$TOP/forms/kaikaku-2.0.form" > broken.form
ja_run 2 check --form broken.form "$TOP/sample-data/taisho-h29.rec" &&
    expect_err_contains "broken.form:" && expect_err_contains "種類 essay" &&
    expect_err_contains "line, text, choice, integer, bool, stamp のどれか"

t "saving into a folder that does not exist: in Japanese, the sheet not written"
ja_run 2 new --ward 大正区 --year 2018 --items 2 nofolder/new.rec &&
    expect_err_contains "nofolder に一時ファイルを作れません"
[ ! -e nofolder ] || t_fail "nofolder appeared"

t "a rename that fails while saving: in Japanese (was 'rename: ...')"
. "$TOP/tests/crash/lib.sh"
mkdir d
if crash_build; then
    expect_exit 2 env LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 CRASH_DIR="$WORK/d" CRASH_OP=rename CRASH_K=1 \
        CRASH_ACTION=eio LD_PRELOAD="$SHIM" "$TORIKUMI" new --ward 大正区 --year 2018 --items 1 "$WORK/d/n.rec" &&
        expect_err_contains "d/n.rec: 名前の変更 (rename): "
    [ -z "$(ls -A d)" ] || t_fail "left behind: $(ls -A d)"
else
    t_fail "no crash harness (make crash)"
fi

t "sheet text without an item: in Japanese"
printf 'はじめに\n' > notes.txt
ja_run 1 import --format sheet -o out.rec notes.txt &&
    expect_err_contains "notes.txt:1: 取組項目が見つかりません"
[ ! -e out.rec ] || t_fail "out.rec written"
done_testing
