#!/usr/bin/env bash
# Re-records assets/recording.jsonl, the recording `--replay` and `cast` show by default,
# in a clean sandbox: a fresh PID, mount and UTS namespace with its own /proc, so nothing
# of the machine it is made on (its process names, its PIDs, its other processes) gets
# into it. The sandbox's PID 1 is the bash below; its PIDs start from 4200 (written to
# the sandbox's own ns_last_pid, which only numbers the sandbox's processes), so that
# the host's numbers in the recording never look like the namespace's own 1, 2, 3.
#
#   scripts/record-bundled.sh [path/to/pidns-tutor]     (needs root: mode root)
#
# Everything in the recording is observed by the tool itself, live; only the sandbox it
# runs in is chosen here. Check the result with: pidns-tutor walk --replay assets/recording.jsonl
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tutor=${1:-$root/target/release/pidns-tutor}
if [ ! -x "$tutor" ]; then
  echo "record-bundled: $tutor is not built (cargo build --release, or give its path)" >&2
  exit 1
fi
out=$root/assets/recording.jsonl
unshare --pid --fork --mount --uts --mount-proc \
  bash --norc --noprofile -c '
    echo 4199 > /proc/sys/kernel/ns_last_pid
    "$1" record --mode root --output "$2"
    true' bash "$tutor" "$out.new"
if grep -q 'memfd:' "$out.new"; then
  echo "record-bundled: a memfd: name got into the recording; not replacing $out" >&2
  rm -f "$out.new"
  exit 1
fi
mv "$out.new" "$out"
echo "record-bundled: wrote $out"
