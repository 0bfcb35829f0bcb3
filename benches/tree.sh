#!/bin/bash
# Benchmark for `pidns-tutor tree` on a crowded host, against `pstree -p` (issue 9: at most
# 0.2x its wall time with 10,000 processes) and against the floor, benches/floor.c, the
# least a program can read to learn each process's parent and PID namespace (issue 9: at
# most 1.6x).
#
#   benches/tree.sh [PARENTS [CHILDREN [RUNS]]]      # default 100 100 10, run as root
#
# Builds --release, crowds the host with benches/crowd.sh, times the three commands in the
# same run (hyperfine when installed, else a loop timed with `date +%s%N`; medians), prints
# the ratios, what Snapshot::read_focused costs there (for the TUI) and what reading through
# procfs costs against the hand-rolled reader it replaced (benches/readers.rs), and stops
# the crowd by PID on the way out.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
parents=${1:-100}; children=${2:-100}; runs=${3:-10}

if [ "${1:-}" = "--measure" ]; then
  bin=$2; runs=$3; focused=$4; floor=$5
  echo "processes on the host: $(ls /proc | grep -c '^[0-9]')"
  echo "lines: pstree -p $(pstree -p | wc -l) (cut at 132 columns when piped; threads shown), tree $($bin | wc -l) (one process per line)"
  if command -v hyperfine >/dev/null; then
    json=$(mktemp)
    hyperfine -N --warmup 2 --runs "$runs" --export-json "$json" \
      'pstree -p' "$bin" "$floor" --output=null >&2
    python3 - "$json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
p, t, f = r[0], r[1], r[2]
for name, x in (("pstree -p", p), ("tree", t), ("floor", f)):
    print(f"{name + ':':10} median {x['median']*1000:.1f} ms (mean {x['mean']*1000:.1f} ± {x['stddev']*1000:.1f}; user {x['user']*1000:.1f}, system {x['system']*1000:.1f})")
print(f"ratio tree/pstree (medians): {t['median']/p['median']:.3f}  (target <= 0.2)")
print(f"ratio tree/floor (medians):  {t['median']/f['median']:.3f}  (target <= 1.6)")
PY
    rm -f "$json"
  else
    median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
    time_ns() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $((e - s)); }
    p=$(for _ in $(seq "$runs"); do time_ns pstree -p; done | median)
    t=$(for _ in $(seq "$runs"); do time_ns $bin; done | median)
    f=$(for _ in $(seq "$runs"); do time_ns "$floor"; done | median)
    echo "pstree -p: median $((p / 1000000)) ms"
    echo "tree:      median $((t / 1000000)) ms"
    echo "floor:     median $((f / 1000000)) ms"
    awk -v t="$t" -v p="$p" 'BEGIN {printf "ratio tree/pstree (medians): %.3f  (target <= 0.2)\n", t / p}'
    awk -v t="$t" -v f="$f" 'BEGIN {printf "ratio tree/floor (medians):  %.3f  (target <= 1.6)\n", t / f}'
  fi
  # What the TUI pays every second on the same host.
  "$focused" "$runs"
  # The same reads through procfs's Process, the tutor's reader, and the one before it.
  cargo bench --quiet --bench readers -- "$runs"
  exit 0
fi

cd "$here/.."
cargo build --release --quiet --bin pidns-tutor --example focused
cargo bench --quiet --bench readers --no-run
cc -O2 -o target/release/floor benches/floor.c
bin="$PWD/target/release/pidns-tutor tree"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), kernel $(uname -r)"
echo "pstree: $(pstree --version 2>&1 | head -1); tree: $bin; floor: target/release/floor ($(cc --version | head -1))"
echo "crowd: $parents parents x $children children"
"$here/crowd.sh" "$parents" "$children" -- "$here/tree.sh" --measure "$bin" "$runs" \
  "$PWD/target/release/examples/focused" "$PWD/target/release/floor"
