# tmux.sh - drive the real binary in a real terminal (sourced after lib.sh).
#
#   tm_start 80 24 "$TORIKUMI" sheet.rec    start it in a private tmux server
#   tm_wait 'problems: 0'                   wait (with a timeout) until the screen shows text
#   tm_keys Tab F9 C-s                      tmux key names
#   tm_type '山田太郎'                       literal text, as an IME commits it
#   tm_paste "$(printf 'a\033[31mb')"      bracketed paste
#   tm_resize 200 60; tm_cursor; tm_screen; tm_stop
#
# Waiting polls the screen until the text shows up or TM_TIMEOUT seconds pass;
# there is no bare sleep anywhere.
TM_N=0
TM_SOCK="$WORK/tmux.0.sock"
TM_TIMEOUT=${TM_TIMEOUT:-15}
command -v tmux >/dev/null || { echo "tmux is not installed (make deps)"; exit 1; }

tm() { tmux -S "$TM_SOCK" -f /dev/null "$@"; }

tm_start() { # cols rows command...
    cols=$1; rows=$2; shift 2
    # A fresh server (and socket) each time: a killed server may still be going away.
    TM_N=$((TM_N + 1))
    TM_SOCK="$WORK/tmux.$TM_N.sock"
    rm -f "$WORK/.status"
    # The command runs through sh so that the exit status can be read back.
    script="cd '$WORK' && env LANG=${TM_LANG:-C.UTF-8} LC_ALL=${TM_LANG:-C.UTF-8} "
    for a in "$@"; do script="$script '$a'"; done
    tm new-session -d -s t -x "$cols" -y "$rows" \
        "sh -c \"$script; echo \\\$? > '$WORK/.status'; tmux -S '$TM_SOCK' wait-for -S done; sleep 600\""
    tm set-option -g window-size manual
    tm set-option -g status off
}

tm_screen() { tm capture-pane -p -t t; }

tm_wait() { # text [timeout-seconds]
    limit=$(( $(date +%s) + ${2:-$TM_TIMEOUT} ))
    while :; do
        if tm_screen | grep -F -q -- "$1"; then return 0; fi
        if [ "$(date +%s)" -ge "$limit" ]; then
            t_fail "screen never showed: $1"
            echo "--- screen:"; tm_screen
            return 1
        fi
        sleep 0.05
    done
}

tm_wait_gone() { # text [timeout-seconds]
    limit=$(( $(date +%s) + ${2:-$TM_TIMEOUT} ))
    while tm_screen | grep -F -q -- "$1"; do
        if [ "$(date +%s)" -ge "$limit" ]; then
            t_fail "screen still shows: $1"; echo "--- screen:"; tm_screen; return 1
        fi
        sleep 0.05
    done
}

# Wait for the program to exit; its status is in $TM_STATUS.
tm_wait_exit() {
    limit=$(( $(date +%s) + ${1:-$TM_TIMEOUT} ))
    while [ ! -s "$WORK/.status" ]; do
        if [ "$(date +%s)" -ge "$limit" ]; then
            t_fail "the program did not exit"; echo "--- screen:"; tm_screen; return 1
        fi
        sleep 0.05
    done
    TM_STATUS=$(cat "$WORK/.status")
}

tm_keys() { tm send-keys -t t "$@"; }
tm_type() { tm send-keys -t t -l -- "$1"; }
# -p: bracketed, as a terminal pastes when the program asked for it; -r: line ends as given.
tm_paste() { tm set-buffer -b p -- "$1" && tm paste-buffer -p -r -d -b p -t t; }
tm_resize() { tm resize-window -t t -x "$1" -y "$2"; }
# Press Shift-Tab until the field labelled LABEL has focus ("> LABEL"), at most N times.
tm_focus_back() { # label [max]
    n=0
    until tm_screen | grep -q -F -- "> $1"; do
        n=$((n + 1)); [ $n -le "${2:-8}" ] || { t_fail "Shift-Tab never reached $1"; return 1; }
        before=$(tm_screen)
        tm_keys BTab
        tm_wait_change "$before" || return 1
    done
}
# Wait (with a timeout) until the screen is no longer SCREEN: a key was handled.
tm_wait_change() { # screen [timeout-seconds]
    limit=$(( $(date +%s) + ${2:-$TM_TIMEOUT} ))
    while [ "$(tm_screen)" = "$1" ]; do
        if [ "$(date +%s)" -ge "$limit" ]; then
            t_fail "the screen did not change"; echo "--- screen:"; tm_screen; return 1
        fi
        sleep 0.05
    done
}
tm_cursor() { tm display -p -t t '#{cursor_x},#{cursor_y}'; }
# Wait (with a timeout) until the caret is at "x,y".
tm_wait_cursor() { # x,y [timeout-seconds]
    limit=$(( $(date +%s) + ${2:-$TM_TIMEOUT} ))
    until [ "$(tm_cursor)" = "$1" ]; do
        if [ "$(date +%s)" -ge "$limit" ]; then
            t_fail "the caret is at $(tm_cursor), expected $1"; echo "--- screen:"; tm_screen; return 1
        fi
        sleep 0.05
    done
}
tm_stop() { tm kill-server 2>/dev/null; }
# lib.sh's done_testing calls this: no server outlives its test, not only the
# last one started (each tm_start makes a new server; e2e/40 left three behind).
tm_stop_all() {
    for sock in "$WORK"/tmux.*.sock; do
        [ -S "$sock" ] && tmux -S "$sock" kill-server 2>/dev/null
    done
    return 0
}
tm_cleanup() { tm_stop_all; }

# The screen line holding text.
tm_line_of() { tm_screen | grep -n -F -- "$1" | head -n 1 | cut -d: -f1; }

# The pid of the program in the pane (the shell's child).
tm_pid() { pgrep -P "$(tm display -p -t "${1:-t}" '#{pane_pid}')" | head -n 1; }

# Wait (with a timeout) until a file exists and holds text.
wait_file_contains() { # file text [timeout-seconds]
    limit=$(( $(date +%s) + ${3:-$TM_TIMEOUT} ))
    until [ -f "$1" ] && grep -F -q -- "$2" "$1"; do
        if [ "$(date +%s)" -ge "$limit" ]; then t_fail "$1 never held: $2"; return 1; fi
        sleep 0.05
    done
}
wait_file_gone() { # file [timeout-seconds]
    limit=$(( $(date +%s) + ${2:-$TM_TIMEOUT} ))
    while [ -e "$1" ]; do
        if [ "$(date +%s)" -ge "$limit" ]; then t_fail "$1 is still there"; return 1; fi
        sleep 0.05
    done
}
