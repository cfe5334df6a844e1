#!/bin/sh
# keys.sh - what one keystroke costs in the editor, against vim, in the same run.
#
#   sh bench/keys.sh [SHEET...]        (make bench runs it on the sample and on 10k.rec)
#
# Each program runs in its own tmux pane (80x24) and gets N Japanese characters typed one
# key at a time, 20 ms apart, the way a person (or an IME committing one character) types.
# Measured per typed character:
#   - CPU time of the program (from /proc/PID/schedstat, nanoseconds on a CPU);
#   - bytes the program wrote to the terminal (tmux pipe-pane).
# torikumi types into a text field of item 1; vim (-u NONE) opens the same file and types
# in insert mode on a new line.  Results go to stdout as a Markdown table.
# make bench adds bench/data/big-field.rec (bench/gen_big_field.sh): the sample with a
# field of 7 million characters in item 1, next to the one typed in (issue 14).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
n=${BENCH_KEYS:-300}
tk=${BENCH_TORIKUMI:-$top/torikumi}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/torikumi-keys.XXXXXX") || exit 2
sock=$scratch/tmux.sock
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$scratch"' EXIT
export LC_ALL=C.UTF-8 LANG=C.UTF-8

tm() { tmux -S "$sock" -f /dev/null "$@"; }
# One character per word: `cut -c` counts bytes, not characters.
chars='あ い う え お か き く け こ さ し す せ そ た ち つ て と な に ぬ ね の は ひ ふ へ ほ ま み む め も や ゆ よ ら り る れ ろ わ を ん'

wait_for() { # text
    i=0
    while ! tm capture-pane -p -t k | grep -F -q -- "$1"; do
        i=$((i + 1))
        [ $i -gt 600 ] && { echo "keys.sh: timed out waiting for $1" >&2; return 1; }
        sleep 0.05
    done
}

cpu_ns() { cut -d' ' -f1 "/proc/$1/schedstat"; }

# measure NAME FILE START-KEYS... : prints "cpu_us_per_key bytes_per_key"
measure() {
    name=$1; file=$2; shift 2
    tm kill-server 2>/dev/null
    : > "$scratch/bytes"
    # A fresh directory each time: the last run was killed with unsaved typing, and
    # its recovery journal must not turn this start into a recovery question.
    work=$(mktemp -d "$scratch/run.XXXXXX")/work
    cp "$file" "$work"
    case $name in
        vim) tm new-session -d -s k -x 80 -y 24 "vim -u NONE -N -i NONE -n '+set nomore' '$work'" ;;
        *) tm new-session -d -s k -x 80 -y 24 "'$tk' '$work'" ;;
    esac
    tm set-option -g status off
    tm pipe-pane -o -t k "cat >> '$scratch/bytes'"
    pid=$(tm display -p -t k '#{pane_pid}')
    case $name in
        vim) wait_for "work" || return 1 ;;
        *) wait_for "problems:" || return 1 ;;
    esac
    tm send-keys -t k "$@"
    sleep 0.5
    b0=$(wc -c < "$scratch/bytes")
    c0=$(cpu_ns "$pid")
    i=0
    while [ $i -lt "$n" ]; do
        for ch in $chars; do
            [ $i -lt "$n" ] || break
            tm send-keys -t k -l "$ch"
            i=$((i + 1))
            sleep 0.02
        done
    done
    sleep 0.5
    c1=$(cpu_ns "$pid")
    b1=$(wc -c < "$scratch/bytes")
    echo "$(( (c1 - c0) / n / 1000 )) $(( (b1 - b0) / n ))"
}

[ $# -gt 0 ] || set -- sample-data/taisho-h29.rec
echo "| program | file | items | CPU per key (µs) | bytes to the terminal per key |"
echo "|---|---|---:|---:|---:|"
for f in "$@"; do
    items=$(grep -c '^No: ' "$f")
    r=$(measure torikumi "$f" F2 End) || exit 1
    echo "| torikumi | $(basename "$f") | $items | ${r% *} | ${r#* } |"
    r=$(measure vim "$f" G o) || exit 1
    echo "| vim | $(basename "$f") | $items | ${r% *} | ${r#* } |"
done
