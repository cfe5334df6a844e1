# mutate.awk - one mutation of a sheet, for the differential test of
# `torikumi check` against `recfix --check` (tests/cli/22-check-recfix-mutations.sh).
#
#   MVAL=VALUE awk -v op=OP -v item=N -v key=FIELD -f mutate.awk sheet.rec > mutant.rec
# (VALUE through the environment: awk -v would expand its backslashes itself.)
#
# Works record by record (blank-line separated paragraphs).  In VALUE, "\n"
# starts a continuation line ("+ ...") and "\e", "\a", "\r", "\x7f" are bytes.
#   set       field KEY of item N := VALUE (added at the end when absent)
#   drop      field KEY of item N removed (with its continuation lines)
#   hset      header field KEY := VALUE;  hadd: one more header field KEY
#   dset      a line of the Initiative descriptor starting with KEY replaced by VALUE ("" drops it)
#   dadd      VALUE added to the end of the Initiative descriptor
#   dblank    a blank line inserted in the Initiative descriptor after its line N
#   rename    the "%rec: Initiative" line replaced by VALUE ("" drops it)
#   append    VALUE appended at the end of the file ("\n" a line break here)
BEGIN { RS = ""; FS = "\n"; first = 1; val = ENVIRON["MVAL"] }
function unescape(s) {
    gsub(/\\n/, "\n+ ", s); gsub(/\\e/, "\033", s); gsub(/\\a/, "\007", s)
    gsub(/\\r/, "\r", s); gsub(/\\x7f/, "\177", s); gsub(/\\t/, "\t", s)
    return s
}
function emit(s) { if (!first) printf "\n"; printf "%s\n", s; first = 0 }
# The record without field k (and its "+" lines); sets found when it was there.
function without(rec, k,    out, i, skip, n, l) {
    n = split(rec, l, "\n"); out = ""; skip = 0; found = 0
    for (i = 1; i <= n; i++) {
        if (l[i] ~ /^\+/ && skip) continue
        skip = 0
        if (index(l[i], k ":") == 1) { skip = 1; found = 1; continue }
        out = out (out == "" ? "" : "\n") l[i]
    }
    return out
}
function replace_field(rec, k, v,    n, l, i, out, done, skip) {
    n = split(rec, l, "\n"); out = ""; done = 0; skip = 0
    for (i = 1; i <= n; i++) {
        if (l[i] ~ /^\+/ && skip) continue
        skip = 0
        if (!done && index(l[i], k ":") == 1) {
            l[i] = k ":" (v == "" ? "" : " " v); done = 1; skip = 1
        }
        out = out (out == "" ? "" : "\n") l[i]
    }
    if (!done) out = out "\n" k ":" (v == "" ? "" : " " v)
    return out
}
{
    rec = $0
    if ($1 ~ /^%rec: /) type = substr($1, 7)
    is_desc = $1 ~ /^%rec: /
    is_item = !is_desc && type == "Initiative"
    is_head = !is_desc && type == "Sheet"
    v = unescape(val)
    if (is_item && $0 ~ ("(^|\n)No: " item "(\n|$)")) {
        if (op == "set") rec = replace_field(rec, key, v)
        if (op == "drop") rec = without(rec, key)
    }
    if (is_head && op == "hset") rec = replace_field(rec, key, v)
    if (is_head && op == "hadd") rec = rec "\n" key ": " v
    if (is_desc && type == "Initiative") {
        if (op == "dset") {
            n = split(rec, l, "\n"); rec = ""; done = 0
            for (i = 1; i <= n; i++) {
                if (!done && index(l[i], key) == 1) { done = 1; if (v == "") continue; l[i] = v }
                rec = rec (rec == "" ? "" : "\n") l[i]
            }
        }
        if (op == "dadd") rec = rec "\n" v
        if (op == "dblank") {
            n = split(rec, l, "\n"); rec = ""
            for (i = 1; i <= n; i++) rec = rec (i > 1 ? "\n" : "") l[i] (i == item ? "\n" : "")
        }
        if (op == "rename") {
            sub(/^%rec: Initiative(\n|$)/, v == "" ? "" : v "\n", rec)
            if (rec == "") next
        }
    }
    emit(rec)
}
END { if (op == "append") { gsub(/\\n/, "\n", val); emit(unescape(val)) } }
