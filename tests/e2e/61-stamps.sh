# Readable stamps, in Japanese at 80x24: Updated is local time with zone and the clerk's name
# (TORIKUMI_NAME or GECOS), shown as 和暦; a recovery stamps only items whose content changed.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
awk '{ print } $0 == "No: 1" { print "Updated: 2019-04-30T09:00:00+09:00 tanaka" }
     $0 == "No: 2" { print "Updated: 2020-06-01T10:00:00+09:00 suzuki" }' \
    "$TOP/sample-data/taisho-h29.rec" > sheet.rec
journal=.sheet.rec.torikumi-journal
TM_LANG=ja_JP.UTF-8
start() { tm_start 80 24 env TZ=Asia/Tokyo TORIKUMI_NAME='田中 花子' "$TORIKUMI" sheet.rec; }

t "the stamp is shown as 和暦 date and time"
start
tm_wait "取組項目 1/23"
tm_wait "平成31年4月30日 09:00 (+09:00) tanaka"

t "edits to item 2 that come back to nothing and a real edit to item 3, then SIGTERM"
tm_keys F8
tm_wait "取組項目 2/23"
tm_keys F3 Tab Tab
tm_wait "> 課題と改善策"
tm_type "消す"
tm_wait "消す"
tm_keys BSpace BSpace
tm_wait_gone "消す"
tm_keys F8
tm_wait "取組項目 3/23"
tm_keys F3 Tab Tab
tm_wait "> 課題と改善策"
tm_type "追記した課題"
wait_file_contains "$journal" "追記した課題"
kill -TERM "$(tm_pid)"
tm_wait_exit

t "recovering, then saving, stamps item 3 only, with the clerk's name"
start
tm_wait "追記した課題"
tm_wait "次の 1 件の変更"                         # the net change: item 2 came back to nothing
tm_screen | grep -q "取組項目 2:" && t_fail "the recovery list shows item 2's undone edits"
tm_keys r
tm_wait "取組項目 3/23"
tm_keys C-s
tm_wait "保存しました"
tm_keys F7
tm_wait "取組項目 2/23"
tm_wait "令和2年6月1日 10:00 (+09:00) suzuki"
tm_keys F8
tm_wait "取組項目 3/23"
tm_wait "(+09:00) 田中 花子"
tm_keys C-q
tm_wait_exit
expect_eq "$(recsel -t Initiative -e 'No = 1' -P Updated sheet.rec)" \
          "2019-04-30T09:00:00+09:00 tanaka" "item 1 stamp"
expect_eq "$(recsel -t Initiative -e 'No = 2' -P Updated sheet.rec)" \
          "2020-06-01T10:00:00+09:00 suzuki" "item 2 stamp (its edits came to nothing)"
stamp=$(recsel -t Initiative -e 'No = 3' -P Updated sheet.rec)
echo "$stamp" | grep -Eq '^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+09:00 田中 花子$' ||
    t_fail "item 3 stamp: $stamp"
expect_eq "$(grep -c '^Updated:' sheet.rec)" 3 "stamps in the file"
done_testing
