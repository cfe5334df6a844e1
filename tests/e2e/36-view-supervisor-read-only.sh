# The supervisor's screens stay read-only for real, and sheets changing on disk are noticed:
# on the 24 wards' sheets (scripts/gen-wards.sh) with one broken, `view` names the broken one
# and shows the other 23; the detail pane, the per-ward table, the hits list and their keys,
# then two changes made on disk while viewing (noticed, R reloads, the place is kept, on the
# form and on the list).  Afterwards the folder holds exactly what the test wrote, and (strace)
# torikumi opened nothing in it for writing, renamed or removed nothing; exit 1 (one skipped).
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
command -v strace >/dev/null || { t "strace is installed"; t_fail "no strace (make deps)"; done_testing; }
sh "$TOP/scripts/gen-wards.sh" sheets
awk '/^No: 3$/ { print "this is not a field" } { print }' sheets/ward-05.rec > broken.rec
cat broken.rec > sheets/ward-05.rec
bad_line=$(grep -n "^this is not a field" sheets/ward-05.rec | cut -d: -f1)
touch -d '2020-01-02 03:04:05.123456789' sheets/*.rec
# The listing of the sheets' directory and every file's bytes, but ward-01's (the test changes
# it); the directory's own mtime is checked after the test's last change.
snapshot() { (cd sheets && ls -la --time-style=full-iso | grep -v ' \.\{1,2\}$' |
              grep -v 'ward-01' && sha256sum $(ls | grep -v 'ward-01')); }
snapshot > before.txt
export EDITOR=/bin/true

# LeakSanitizer cannot work under ptrace (it would end the program with its own status): off
# under strace when the tests run sanitized; the other tests check for leaks.
asan="ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
tm_start 80 24 strace -f -qq -e trace=open,openat,creat,rename,renameat,renameat2,unlink,unlinkat,mkdir,link,symlink,truncate,ftruncate \
    -o "$WORK/trace.txt" env "$asan" "$TORIKUMI" view sheets/ward-01.rec sheets/ward-02.rec sheets/ward-03.rec \
    sheets/ward-04.rec sheets/ward-05.rec sheets/ward-06.rec sheets/ward-07.rec sheets/ward-08.rec \
    sheets/ward-09.rec sheets/ward-10.rec sheets/ward-11.rec sheets/ward-12.rec sheets/ward-13.rec \
    sheets/ward-14.rec sheets/ward-15.rec sheets/ward-16.rec sheets/ward-17.rec sheets/ward-18.rec \
    sheets/ward-19.rec sheets/ward-20.rec sheets/ward-21.rec sheets/ward-22.rec sheets/ward-23.rec \
    sheets/ward-24.rec

t "a broken sheet among 24: named with its error on screen, the other 23 shown"
tm_wait "[1/23] ward-01.rec"
tm_wait "1 sheets could not be read and are left out: sheets/ward-05.rec:$bad_line:"

t "the new screens and their keys"
tm_keys F5 r r
tm_wait "改善策1-3: "
tm_keys Space d d w
tm_wait "Per ward: 23 wards, 132 取組項目"
tm_keys Down Enter
tm_wait "[都島区]"
tm_keys a q /
tm_wait "Find:"
tm_type "防災"
tm_keys Enter
tm_wait "match 1/"
tm_keys l
tm_wait "取組項目 with \"防災\""
tm_keys Down Enter
tm_wait "matches here"
tm_keys n F8 x
tm_wait "read-only: this sheet cannot be changed here"

t "a sheet changed on disk while viewed: noticed; R reloads it, on the same item"
tm_keys F5 a
tm_wait "List of 取組項目 (529)"
tm_keys Enter                           # 北区 1; F7/F8 walk the items again, not the hits
tm_wait "[1/23] ward-01.rec [read-only]  取組項目 1/23"
tm_keys F8 F8 F8 F8
tm_wait "[1/23] ward-01.rec [read-only]  取組項目 5/23"
sed 's/^Title: PDCAサイクルの徹底$/Title: PDCAサイクルの徹底（改訂）/' sheets/ward-01.rec > new.rec
cat new.rec > sheets/ward-01.rec        # the same file rewritten in place
tm_wait "ward-01.rec changed on disk: R reloads it"
tm_keys R
tm_wait "reloaded from disk, keeping your place: 1 sheets"
tm_wait "PDCAサイクルの徹底（改訂）"
tm_wait "[1/23] ward-01.rec [read-only]  取組項目 5/23"

t "changed again while in the list: noticed there too; R keeps the selected row"
tm_keys F5 r r Space
tm_wait "改善策1-7: "
sed 's/改善策1-7: /改善策1-7（改訂）: /' sheets/ward-01.rec > new.rec
mv new.rec sheets/ward-01.rec        # a new file in its place (another inode), as editors save
ls -ld --time-style=full-iso sheets > dir-before.txt
tm_wait "ward-01.rec changed on disk: R reloads it"
tm_keys R
tm_wait "改善策1-7（改訂）: "
tm_screen | grep -q "^ 北区  *>7 " || { t_fail "the list lost its place"; tm_screen; }
cp sheets/ward-01.rec expected-ward-01.rec
tm_keys q q
tm_wait_exit
expect_eq "$TM_STATUS" 1 "exit status (a sheet was skipped)"

t "the folder holds what the test wrote, nothing else changed"
snapshot > after.txt
expect_same_file after.txt before.txt
ls -ld --time-style=full-iso sheets > dir-after.txt
expect_same_file dir-after.txt dir-before.txt
cmp -s sheets/ward-01.rec expected-ward-01.rec || t_fail "ward-01.rec is not what the test wrote"

t "the process opened nothing in the sheets' directory for writing, renamed or removed nothing"
grep -q 'sheets/ward-01.rec' trace.txt || t_fail "the trace does not show the sheet being read"
if grep -E 'O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|rename|unlink|mkdir|link\(|truncate' trace.txt |
    grep -v '/dev/\|/proc/\|/tmp/tmux' | grep -q .; then
    t_fail "writes in the trace:"
    grep -E 'O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|rename|unlink|mkdir|link\(|truncate' trace.txt | head
fi
done_testing
