#!/bin/sh
# Captures a task passed in the shell pane, live, at 160x48, with tmux:
#   docs/screens/capture-task.sh [path/to/pidns-tutor]
# At remount-proc, opens the pane, counts what ps lists, mounts a proc in the shell's own
# mount namespace, counts again, and waits for the task panel to say it passed; writes
# docs/screens/task-passed.txt.
set -eu
bin=$(realpath "${1:-target/release/pidns-tutor}")
out=$(dirname "$0")
sock=pidns-tutor-task-screen-$$
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

t -f /dev/null new-session -d -s s -x 160 -y 48 "cd / && NO_PROGRESS=1 $bin --lang en --step remount-proc; sleep 5"
wait_for "Press Enter to run it"
t send-keys -t s s
sleep 0.5
# As root the tutor warns first that the shell is still root on the host.
if t capture-pane -p | grep -qF "Enter/y: open it"; then t send-keys -t s Enter; fi
wait_for "@namespace:"
wait_for "task · ○ to do"
type_line 'ps -e | wc -l'
sleep 0.5
type_line 'mount -t proc proc /proc'
wait_for "task · ✓ passed"
type_line 'ps -e'
wait_for "PID TTY"
sleep 0.5
t capture-pane -p -t s > "$out/task-passed.txt"
echo "wrote $out/task-passed.txt"
t send-keys -t s C-] q
sleep 0.5
