#!/bin/sh
# Captures the shell pane beside the trees, live, at 160x48, with tmux:
#   docs/screens/capture-shell.sh [path/to/pidns-tutor]
# At orphan-reaping (the namespace has its own /proc), once run, opens the pane (the trees
# then show the lab NOW), asks the shell who it is, orphans a sleep by hand and lists the
# namespace; writes docs/screens/shell-pane.txt.
. "$(dirname "$0")/pane-lib.sh"
open_pane_at orphan-reaping
type_line 'echo "I am $$, my parent is $PPID"'
wait_for "I am "
type_line "sh -c 'sleep 200 & sleep 2'; ps -o pid,ppid,comm"
wait_for "PPID COMMAND"
sleep 0.3
t capture-pane -p -t s > "$out/shell-pane.txt"
echo "wrote $out/shell-pane.txt"
t send-keys -t s C-] q
sleep 0.5
