#!/usr/bin/env bash
# Keyed state in RocksDB as the number of keys grows (docs/benchmarks.md, issue 5): the starter
# pack over simulated streams of 10 thousand cards (100 days), 1 million cards (1 day) and 10
# million cards (1 day), with --state DIR and the default state configuration (256 MiB block
# cache, 64 MiB write buffers, 100,000 cached keys per store) and a fixed 4 GiB heap. Reports
# events/s, microseconds an event, the state's size on disk and the peak resident memory. The 10 M
# run reads about 25 M events (5.5 GB) and takes about half an hour on a 2-core machine.
# Usage (from the repository root, after ./mvnw -q package -DskipTests):
#   benchmarks/many-keys-benchmark.sh [WORK_DIR] [RUNS]     RUNS defaults to "10000:100 1000000:1 10000000:1"
set -euo pipefail
work="${1:-$(mktemp -d)}"
runs="${2:-10000:100 1000000:1 10000000:1}"
mkdir -p "$work"
export VIGIL_JAVA_OPTS="${VIGIL_JAVA_OPTS:--Xms4g -Xmx4g -XX:+UseParallelGC -XX:NewRatio=1}"
for run in $runs; do
  cards="${run%%:*}"
  days="${run##*:}"
  VIGIL_JAVA_OPTS="-Xms12g -Xmx12g -XX:+UseParallelGC" ./vigil simulate --cards "$cards" --days "$days" --seed 1 \
    --out "$work/s.ndjson" --no-progress > /dev/null 2>&1
  rm -rf "$work/state"
  { /usr/bin/time -v ./vigil replay --rules rules --input "$work/s.ndjson" --out /dev/null --no-progress \
      --state "$work/state"; } > "$work/r.txt" 2>&1
  events=$(grep -E "events read" "$work/r.txt" | tr -dc '0-9')
  rate=$(grep -E "^time:" "$work/r.txt" | sed -E 's/.*\(([0-9]+) events\/s\).*/\1/')
  rss=$(grep -E "Maximum resident" "$work/r.txt" | awk '{printf "%d MiB", $NF/1024}')
  echo "== $cards cards, $days days: $events events; $rate events/s; $(awk "BEGIN {printf \"%.1f\", 1000000 / $rate}") us an event;" \
    "peak RSS $rss; state on disk $(du -sh "$work/state/live" | cut -f1); $(grep -E "alerts:" "$work/r.txt" | tr -s ' ')"
done
rm -rf "$work"
