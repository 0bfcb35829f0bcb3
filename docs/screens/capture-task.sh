#!/bin/sh
# Captures a task passed in the shell pane, live, at 160x48, with tmux:
#   docs/screens/capture-task.sh [path/to/pidns-tutor]
# At remount-proc, once run (the task shows after the guess), opens the pane, counts what
# ps lists, mounts a proc in the shell's own mount namespace, counts again, and waits for
# the task panel to say it passed; writes docs/screens/task-passed.txt.
. "$(dirname "$0")/pane-lib.sh"
open_pane_at remount-proc
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
