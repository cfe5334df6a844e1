# Read-only for real: after a session that tries every editing key, Ctrl-S and Ctrl-E, each
# file's bytes, mtime and the directory listing are unchanged, and (strace) the process never
# opened anything in the sheets' directory for writing.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.sh"
command -v strace >/dev/null || { t "strace is installed"; t_fail "no strace (make deps)"; done_testing; }
mkdir sheets
cp "$TOP/sample-data/taisho-h29.rec" sheets/a.rec
sed 's/^Ward: 大正区$/Ward: 港区/' "$TOP/sample-data/taisho-h29.rec" > sheets/b.rec
touch -d '2020-01-02 03:04:05.123456789' sheets/a.rec sheets/b.rec
# The listing of the sheets' directory itself (its own mtime too), not of its parent.
snapshot() { (cd sheets && ls -la --time-style=full-iso | grep -v ' \.\.$' && sha256sum a.rec b.rec); }
snapshot > before.txt
export EDITOR=/bin/true

tm_start 80 24 strace -f -qq -e trace=open,openat,creat,rename,renameat,renameat2,unlink,unlinkat,mkdir,link,symlink,truncate,ftruncate \
    -o "$WORK/trace.txt" "$TORIKUMI" view sheets/a.rec sheets/b.rec
tm_wait "[1/2] a.rec [read-only]"

t "every editing key says read-only and changes nothing"
tm_keys F4 Tab                                  # a choice field
# (Enter, Space, j, k, b, g, G, q, / and n are the pager's own keys.)
for keys in x あ BSpace DC Left Right F9 C-s C-e C-z C-y C-n; do
    case $keys in あ) tm_type "$keys" ;; *) tm_keys "$keys" ;; esac
    tm_wait "read-only: this sheet cannot be changed here"
    tm_keys Down                                # a key that is allowed clears the message
    tm_wait_gone "read-only: this sheet cannot be changed here"
done
tm_keys F2                                      # a text field
tm_type "文字"
tm_wait "read-only: this sheet cannot be changed here"
tm_paste "貼り付け"
tm_wait "read-only: this sheet cannot be changed here"
tm_keys q
tm_wait_exit

t "bytes, mtime and the directory listing are unchanged"
snapshot > after.txt
expect_same_file after.txt before.txt

t "the process opened nothing in the sheets' directory for writing, renamed or removed nothing"
grep -q 'sheets/a.rec' trace.txt || t_fail "the trace does not show the sheet being read"
if grep -E 'O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|rename|unlink|mkdir|link\(|truncate' trace.txt |
    grep -v '/dev/\|/proc/\|/tmp/tmux' | grep -q .; then
    t_fail "writes in the trace:"
    grep -E 'O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|rename|unlink|mkdir|link\(|truncate' trace.txt | head
fi
done_testing
