#!/bin/bash
# Benchmark for `pidns-tutor tree` against `pstree -p` on a crowded host (issue 5, target 1:
# tree at most 0.3x pstree's wall time with 10,000 processes).
#
#   benches/tree.sh [PARENTS [CHILDREN [RUNS]]]      # default 100 100 10, run as root
#
# Builds --release, crowds the host with benches/crowd.sh, times both commands in the same
# run (hyperfine when installed, else a loop timed with `date +%s%N`; medians), prints the
# ratio (and what Snapshot::read_focused costs there, for the TUI), and stops the crowd
# by PID on the way out.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
parents=${1:-100}; children=${2:-100}; runs=${3:-10}

if [ "${1:-}" = "--measure" ]; then
  bin=$2; runs=$3; focused=$4
  echo "processes on the host: $(ls /proc | grep -c '^[0-9]')"
  echo "lines: pstree -p $(pstree -p | wc -l) (cut at 132 columns when piped; threads shown), tree $($bin | wc -l) (one process per line)"
  if command -v hyperfine >/dev/null; then
    json=$(mktemp)
    hyperfine -N --warmup 2 --runs "$runs" --export-json "$json" \
      'pstree -p' "$bin" --output=null >&2
    python3 - "$json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
p, t = r[0], r[1]
print(f"pstree -p: median {p['median']*1000:.1f} ms (mean {p['mean']*1000:.1f} ± {p['stddev']*1000:.1f})")
print(f"tree:      median {t['median']*1000:.1f} ms (mean {t['mean']*1000:.1f} ± {t['stddev']*1000:.1f})")
print(f"ratio tree/pstree (medians): {t['median']/p['median']:.3f}  (target <= 0.3)")
PY
    rm -f "$json"
  else
    median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
    time_ns() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $((e - s)); }
    p=$(for _ in $(seq "$runs"); do time_ns pstree -p; done | median)
    t=$(for _ in $(seq "$runs"); do time_ns $bin; done | median)
    echo "pstree -p: median $((p / 1000000)) ms"
    echo "tree:      median $((t / 1000000)) ms"
    awk -v t="$t" -v p="$p" 'BEGIN {printf "ratio tree/pstree (medians): %.3f  (target <= 0.3)\n", t / p}'
  fi
  # What the TUI pays every second on the same host.
  "$focused" "$runs"
  exit 0
fi

cd "$here/.."
cargo build --release --quiet --bin pidns-tutor --example focused
bin="$PWD/target/release/pidns-tutor tree"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), kernel $(uname -r)"
echo "pstree: $(pstree --version 2>&1 | head -1); tree: $bin"
echo "crowd: $parents parents x $children children"
"$here/crowd.sh" "$parents" "$children" -- "$here/tree.sh" --measure "$bin" "$runs" \
  "$PWD/target/release/examples/focused"
