#!/bin/bash
# Crowds this host with PARENTS x CHILDREN sleeping processes (default 100 x 100 = 10,000),
# runs COMMAND (if given) while they exist, then stops every one of them by its own PID.
#
#   benches/crowd.sh [PARENTS [CHILDREN]] [-- COMMAND ...]
#
# Without COMMAND it holds the crowd until interrupted. Each parent is an `sh` that starts
# its children with `sleep 100000 &` and writes their PIDs to a file; cleanup kills exactly
# those PIDs (and the parents'), on normal exit, error or signal. Never kills by name.
# kernel.pid_max and kernel.threads-max are raised when too small, and restored.
set -eu
parents=${1:-100}; children=${2:-100}
[ $# -ge 1 ] && shift; [ $# -ge 1 ] && [ "$1" != "--" ] && shift; [ "${1:-}" = "--" ] && shift
need=$((parents * (children + 1)))
dir=$(mktemp -d /tmp/crowd.XXXXXX)
old_pid_max=$(cat /proc/sys/kernel/pid_max)
old_threads_max=$(cat /proc/sys/kernel/threads-max)
holder=

cleanup() {
  trap - EXIT INT TERM
  # Every step below must run even when one fails: `wait` for a killed parent returns 137,
  # which under `set -e` used to end the script before the sysctls and the list directory.
  set +e
  exec 2>/dev/null # bash would report each killed parent ("Killed ...")
  # Children first (so parents do not notice), then parents; by PID only.
  for f in "$dir"/kids.*; do [ -f "$f" ] && xargs -r kill -KILL <"$f" 2>/dev/null || true; done
  [ -f "$dir/parents" ] && xargs -r kill -KILL <"$dir/parents" 2>/dev/null || true
  [ -n "$holder" ] && kill -KILL "$holder" 2>/dev/null
  # Reap the parents (only them: a bare `wait` would also wait for COMMAND).
  [ -f "$dir/parents" ] && wait $(cat "$dir/parents") 2>/dev/null
  [ "$(cat /proc/sys/kernel/pid_max)" != "$old_pid_max" ] && echo "$old_pid_max" >/proc/sys/kernel/pid_max
  [ "$(cat /proc/sys/kernel/threads-max)" != "$old_threads_max" ] && echo "$old_threads_max" >/proc/sys/kernel/threads-max
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# Room for the crowd plus everything else (PIDs are not reused at once).
if [ "$old_pid_max" -lt $((need * 3)) ] && [ -w /proc/sys/kernel/pid_max ]; then
  echo $((need * 3)) >/proc/sys/kernel/pid_max
fi
if [ "$old_threads_max" -lt $((need * 2)) ] && [ -w /proc/sys/kernel/threads-max ]; then
  echo $((need * 2)) >/proc/sys/kernel/threads-max
fi
if [ "$(ulimit -u)" != unlimited ] && [ "$(ulimit -u)" -lt $((need * 2)) ]; then
  ulimit -u $((need * 2)) 2>/dev/null || ulimit -u unlimited 2>/dev/null || true
fi

i=0
while [ $i -lt "$parents" ]; do
  # The parent writes each child's PID as it starts it, then waits for them.
  sh -c 'n=0; while [ $n -lt "$1" ]; do sleep 100000 & echo $!; n=$((n + 1)); done >"$2.tmp"; mv "$2.tmp" "$2"; wait' \
    crowd-parent "$children" "$dir/kids.$i" </dev/null >/dev/null 2>&1 &
  echo $! >>"$dir/parents"
  i=$((i + 1))
done
# Ready when every parent has written its full list.
while [ "$(ls "$dir" | grep -c '^kids\.[0-9]*$')" -lt "$parents" ]; do sleep 0.2; done
echo "crowd: $((parents * children)) children under $parents parents; $(ls /proc | grep -c '^[0-9]') processes on the host" >&2

if [ $# -gt 0 ]; then
  "$@"
else
  echo "crowd: holding; Ctrl-C to stop" >&2
  # `wait` (unlike a foreground sleep) lets the trap run as soon as a signal arrives.
  while :; do sleep 3600 & holder=$!; wait "$holder" || true; done
fi
