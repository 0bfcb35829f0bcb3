#!/bin/sh
# Captures the shell pane beside the trees, live, at 160x48, with tmux:
#   docs/screens/capture-shell.sh [path/to/pidns-tutor]
# At orphan-reaping (the namespace has its own /proc), opens the pane, asks the shell who
# it is, orphans a sleep by hand and lists the namespace; writes docs/screens/shell-pane.txt.
set -eu
bin=$(realpath "${1:-target/release/pidns-tutor}")
out=$(dirname "$0")
sock=pidns-tutor-shell-screen-$$
t() { tmux -L "$sock" "$@"; }
trap 't kill-server 2>/dev/null || true' EXIT

wait_for() { # text
    i=0
    until t capture-pane -p | grep -qF -- "$1"; do
        i=$((i + 1))
        [ "$i" -lt 100 ] || { echo "timed out waiting for: $1" >&2; t capture-pane -p >&2; exit 1; }
        sleep 0.1
    done
}
type_line() { t send-keys -t s -l "$1"; t send-keys -t s Enter; }

t -f /dev/null new-session -d -s s -x 160 -y 48 "cd / && NO_PROGRESS=1 $bin --lang en --step orphan-reaping; sleep 5"
wait_for "Press Enter to run it"
t send-keys -t s s
sleep 0.5
# As root the tutor warns first that the shell is still root on the host.
if t capture-pane -p | grep -qF "Enter/y: open it"; then t send-keys -t s Enter; fi
wait_for "@namespace:"
type_line 'echo "I am $$, my parent is $PPID"'
wait_for "I am "
type_line "sh -c 'sleep 200 & sleep 2'; ps -o pid,ppid,comm"
wait_for "PPID COMMAND"
sleep 0.3
t capture-pane -p -t s > "$out/shell-pane.txt"
echo "wrote $out/shell-pane.txt"
t send-keys -t s C-] q
sleep 0.5
