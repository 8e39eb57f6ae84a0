#!/usr/bin/env bash
# Replay with state in RocksDB (docs/benchmarks.md): simulated streams over 10 thousand cards
# (10 days, about 270 thousand events), 100 thousand cards (1 day, about 270 thousand) and 1
# million cards (1 day, about 2.5 million) through the starter pack, in memory and with --state;
# reports events/s, the state's size on disk and the process's peak resident memory.
# Usage (from the repository root, after ./mvnw -q package -DskipTests):
#   benchmarks/state-benchmark.sh [WORK_DIR]
set -euo pipefail
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
export VIGIL_JAVA_OPTS="${VIGIL_JAVA_OPTS:--Xmx4g -XX:+UseParallelGC -XX:NewRatio=1}"
rss() { grep -E "Maximum resident" "$1" | awk '{printf "%d MiB", $NF/1024}'; }
summary() { grep -E "alerts:|time:" | tr -s ' ' | paste -sd ';' -; }
for run in "10000 10" "100000 1" "1000000 1"; do
  set -- $run
  ./vigil simulate --cards "$1" --days "$2" --seed 1 --out "$work/s.ndjson" --no-progress > /dev/null 2>&1
  mem=$( { /usr/bin/time -v ./vigil replay --rules rules --input "$work/s.ndjson" --out /dev/null --no-progress; } 2>&1 | tee "$work/m.txt" | summary)
  echo "== $1 cards, in memory: $mem; peak RSS $(rss "$work/m.txt")"
  rocks=$( { /usr/bin/time -v ./vigil replay --rules rules --input "$work/s.ndjson" --out /dev/null --no-progress --state "$work/state"; } 2>&1 | tee "$work/r.txt" | summary)
  echo "== $1 cards, RocksDB:   $rocks; peak RSS $(rss "$work/r.txt"); state on disk $(du -sh "$work/state/live" | cut -f1)"
done
rm -rf "$work"
