#!/bin/sh
# Captures text screenshots of the lesson's main steps, live, with tmux:
#   docs/screens/capture.sh [path/to/pidns-tutor]
# Writes docs/screens/NN-step.txt (English) and NN-step.ko.txt (Korean) at 120x36, and
# stage-NN-step.txt (and .ko.txt) in stage mode at a projector's 100x30, with
# stage-04-clone-question.txt: the prediction asked before the reveal, on stage.
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

# Shows step $1 (number) and presses Enter: every step captured here asks a prediction
# first, so this waits for it.
ask_step() {
    t send-keys -t s g "$1" Enter
    wait_for "$1/$last"
    wait_for "$ready"
    t send-keys -t s Enter
    wait_for "$question"
}

# Shows step $1 (number) and runs it: its prediction skipped (Esc), so the screen shows
# the trees rather than a verdict; a step with two moments (orphan-reaping) shows its
# BEFORE first, and Enter goes on to its AFTER, as a speaker would.
run_step() {
    ask_step "$1"
    t send-keys -t s Escape
    if [ "$2" = orphan-reaping ]; then
        # The trees' tag, not the lesson's mention of it.
        wait_for " $before   Enter"
        t send-keys -t s Enter
        wait_for " $after   b"
    fi
    wait_for "$done_text"
    sleep 0.3
}

stop() {
    t send-keys -t s q
    sleep 0.5
    path=$(t display-message -p '#{socket_path}' 2>/dev/null || true)
    t kill-server 2>/dev/null || true
    [ -z "$path" ] || rm -f "$path"
}

# The number of the last step, from the lesson itself (a replay needs no namespace).
last=$(NO_PROGRESS=1 "$bin" walk --json --replay 2>/dev/null | tail -n +2 | wc -l)

for lang in en ko; do
    sock=pidns-tutor-screens-$lang-$$
    trap 't kill-server 2>/dev/null || true' EXIT
    case $lang in
        en) ready="Press Enter to run it"; done_text="Observed just now"; suffix=""
            before=BEFORE; after=AFTER; gone="gone: demo-b"; question="predict first" ;;
        ko) ready="Enter를 누르면 실행한다"; done_text="방금 관찰한 것"; suffix=".ko"
            before=이전; after=이후; gone="사라짐: demo-b"; question="먼저 예측해 보자" ;;
    esac
    t -f /dev/null new-session -d -s s -x 120 -y 36 "NO_PROGRESS=1 $bin --lang $lang; sleep 5"
    wait_for "1/$last"
    for step in 4:clone 6:kill-parent 7:proc-leak 8:remount-proc 9:orphan-reaping 13:joining; do
        n=${step%%:*}
        id=${step#*:}
        run_step "$n" "$id"
        file=$(printf '%s/%02d-%s%s.txt' "$out" "$n" "$id" "$suffix")
        t capture-pane -p -t s > "$file"
        echo "wrote $file"
    done
    stop

    # Stage mode: no live box; the AFTER is there when demo-b is listed as gone.
    sock=pidns-tutor-stage-$lang-$$
    t -f /dev/null new-session -d -s s -x 100 -y 30 "NO_PROGRESS=1 $bin --lang $lang --stage; sleep 5"
    wait_for "1/$last"
    ask_step 4
    sleep 0.3
    file="$out/stage-04-clone-question$suffix.txt"
    t capture-pane -p -t s > "$file"
    echo "wrote $file"
    t send-keys -t s Escape
    done_text=$gone
    run_step 9 orphan-reaping
    file="$out/stage-09-orphan-reaping$suffix.txt"
    t capture-pane -p -t s > "$file"
    echo "wrote $file"
    stop
done
