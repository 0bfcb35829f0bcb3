# Shared by capture-shell.sh and capture-task.sh (sourced, not run): a private tmux server
# at 160x48 running the TUI at a step, and the shell pane opened in it.
#   bin: the pidns-tutor to run; out: where captures go; t: tmux on the private server.
set -eu
bin=$(realpath "${1:-target/release/pidns-tutor}")
out=$(dirname "$0")
sock=pidns-tutor-pane-screen-$$
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

# Runs the step shown, as a learner would before the task: its prediction skipped (Esc),
# and at a step with two moments on to AFTER (the task and what to try show from then).
run_here() {
    t send-keys -t s Enter
    wait_for "predict first"
    t send-keys -t s Escape
    sleep 0.5
    if t capture-pane -p | grep -qF " BEFORE   Enter"; then t send-keys -t s Enter; fi
    wait_for "Observed just now"
}

open_pane_at() { # step id
    t -f /dev/null new-session -d -s s -x 160 -y 48 "cd / && NO_PROGRESS=1 $bin --lang en --step $1; sleep 5"
    wait_for "Press Enter to run it"
    run_here
    t send-keys -t s s
    sleep 0.5
    # As root the tutor warns first that the shell is still root on the host.
    if t capture-pane -p | grep -qF "Enter/y: open it"; then t send-keys -t s Enter; fi
    wait_for "@namespace:"
}
