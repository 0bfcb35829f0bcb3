#!/bin/bash
# Issue 5, target 2 (and issue 10's pane): CPU and memory of the TUI on a host crowded
# with 10,000 processes, against htop -d 10 (one refresh a second) on the same host in the
# same run.
#
#   benches/tui_cpu.sh [SECONDS]        (as root; default 30 s per measurement)
#
# Each program runs in its own detached tmux session at 160x48. CPU is the utime+stime
# ticks of the program and its descendants (the TUI's agent inside the namespace counts)
# over the window, as a percentage of one core. Peak memory is VmHWM of the main process.
set -eu
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--measure" ]; then
  shift
  bin=$1; secs=$2
  hz=$(getconf CLK_TCK)
  sock=pidns-bench-$$
  trap 'tmux -L "$sock" kill-server 2>/dev/null || true' EXIT

  # The PID and every descendant of $1, once (the set does not change at a fixed step).
  family() {
    local all=$1 frontier=$1 next
    while [ -n "$frontier" ]; do
      next=$(for p in $frontier; do cat /proc/$p/task/*/children 2>/dev/null; done | tr ' ' '\n' | grep . || true)
      all="$all $next"; frontier=$next
    done
    echo $all
  }
  ticks() {
    local sum=0 p f
    for p in $*; do
      f=$(cat /proc/$p/stat 2>/dev/null) || continue
      f=${f##*) }; set -- $f
      sum=$((sum + ${12} + ${13}))
    done
    echo $sum
  }
  # measure NAME COMMAND...: prints "NAME cpu% peakKiB". With KEYS set, those tmux keys
  # are sent once it has started (one second apart), before the window opens.
  measure() {
    local name=$1; shift
    tmux -L "$sock" new-session -d -x 160 -y 48 "$@"
    sleep 3 # let it start, spawn its lab and draw
    for key in ${KEYS:-}; do tmux -L "$sock" send-keys -t "$(tmux -L "$sock" list-panes -F '#{pane_id}')" "$key"; sleep 1; done
    [ -n "${KEYS:-}" ] && sleep 2
    local pid; pid=$(tmux -L "$sock" list-panes -F '#{pane_pid}')
    local pids; pids=$(family "$pid")
    local t0 t1; t0=$(ticks $pids); sleep "$secs"; t1=$(ticks $pids)
    local hwm; hwm=$(awk '/^VmHWM/ {print $2}' /proc/$pid/status)
    tmux -L "$sock" kill-server
    sleep 0.5
    awk -v n="$name" -v d=$((t1 - t0)) -v hz="$hz" -v s="$secs" -v m="$hwm" -v p="$(echo $pids | wc -w)" \
      'BEGIN { printf "%-34s %6.2f%% of a core  peak %6.1f MiB  (%d processes)\n", n, 100*d/hz/s, m/1024, p }'
  }
  echo "host: $(ls -d /proc/[0-9]* | wc -l) processes; ${secs} s per measurement"
  # The learner's saved step would move where each run starts.
  export NO_PROGRESS=1
  measure "htop -d 10" htop -d 10
  measure "pidns-tutor at proc-leak (live)" "$bin" --step proc-leak
  measure "pidns-tutor at namespaces (idle)" "$bin" --step namespaces
  # Issue 10: the shell pane open (s, then Enter past the root warning) and idle, its
  # trees refreshing five times a second. The idle bash in the pane counts too.
  KEYS="s Enter" measure "pidns-tutor, shell pane open (idle)" "$bin" --step proc-leak
  exit 0
fi

secs=${1:-30}
command -v htop >/dev/null || { apt-get update -qq && apt-get install -y -qq htop; }
cargo build --release -q
exec benches/crowd.sh 100 100 -- "$0" --measure "$PWD/target/release/pidns-tutor" "$secs"
