#!/bin/sh
# Captures text screenshots of the lesson's main steps, live, at 120x36, with tmux:
#   docs/screens/capture.sh [path/to/pidns-tutor]
# Writes docs/screens/NN-step.txt (English) and NN-step.ko.txt (Korean).
set -eu
bin=${1:-target/release/pidns-tutor}
out=$(dirname "$0")
t() { tmux -L "$sock" "$@"; }

wait_for() { # text
    i=0
    until t capture-pane -p | grep -qF -- "$1"; do
        i=$((i + 1))
        [ "$i" -lt 100 ] || { echo "timed out waiting for: $1" >&2; t capture-pane -p >&2; exit 1; }
        sleep 0.1
    done
}

# The number of the last step, from the lesson itself (a replay needs no namespace).
last=$(NO_PROGRESS=1 "$bin" walk --json --replay 2>/dev/null | tail -n +2 | wc -l)

for lang in en ko; do
    sock=pidns-tutor-screens-$lang-$$
    trap 't kill-server 2>/dev/null || true' EXIT
    case $lang in
        en) ready="Press Enter to run it"; done_text="Observed just now"; suffix="" ;;
        ko) ready="Enter를 누르면 실행한다"; done_text="방금 관찰한 것"; suffix=".ko" ;;
    esac
    t -f /dev/null new-session -d -s s -x 120 -y 36 "NO_PROGRESS=1 $bin --lang $lang; sleep 5"
    wait_for "1/$last"
    for step in 4:clone 6:kill-parent 7:proc-leak 8:remount-proc 9:orphan-reaping 13:joining; do
        n=${step%%:*}
        id=${step#*:}
        t send-keys -t s g "$n" Enter
        wait_for "$n/$last"
        wait_for "$ready"
        t send-keys -t s Enter
        wait_for "$done_text"
        # orphan-reaping shows the chain before the kill for 1.5 s, then the move.
        if [ "$id" = orphan-reaping ]; then sleep 2; else sleep 0.3; fi
        file=$(printf '%s/%02d-%s%s.txt' "$out" "$n" "$id" "$suffix")
        t capture-pane -p -t s > "$file"
        echo "wrote $file"
    done
    t send-keys -t s q
    sleep 0.5
    path=$(t display-message -p '#{socket_path}' 2>/dev/null || true)
    t kill-server 2>/dev/null || true
    [ -z "$path" ] || rm -f "$path"
done
