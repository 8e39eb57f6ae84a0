#!/usr/bin/env bash
# Keyed state in RocksDB as the number of keys grows (docs/benchmarks.md, issue 5): the starter
# pack over simulated streams of 10 thousand cards (100 days), 1 million cards (1 day) and 10
# million cards (1 day), with --state DIR and the default state configuration (256 MiB block
# cache, 128 MiB write buffers, 100,000 cached keys a key group, shared out among the engine threads)
# and a fixed 4 GiB heap. Reports events/s, microseconds an event, the state's size on disk, the peak
# resident memory and the CPU seconds of each thread (engine-shard: the engine threads; replay-decoder:
# reading and decoding; state-io: reads ahead and writes behind; rocksdb:low and rocksdb:high:
# RocksDB's compactions and flushes; GC Thread: the collector; java: the main thread). The 10 M
# run reads about 25 M events (6.2 GB) and takes about five minutes on a 2-core machine.
# The smaller streams replay in seconds, where one run's cost swings by a quarter on a shared
# machine: each is replayed three times, and the median run is what the last lines compare the
# others against (microseconds an event, as a multiple of the first stream's).
# Usage (from the repository root, after ./mvnw -q package -DskipTests):
#   benchmarks/many-keys-benchmark.sh [WORK_DIR] [RUNS]
#   RUNS: CARDS:DAYS[:REPLAYS] ..., by default "10000:100:3 1000000:1:3 10000000:1:1"
set -euo pipefail
work="${1:-$(mktemp -d)}"
runs="${2:-10000:100:3 1000000:1:3 10000000:1:1}"
mkdir -p "$work"
export VIGIL_JAVA_OPTS="${VIGIL_JAVA_OPTS:--Xms4g -Xmx4g -XX:+UseParallelGC -XX:NewRatio=1}"
medians=()
for run in $runs; do
  IFS=: read -r cards days replays <<< "$run"
  replays="${replays:-1}"
  VIGIL_JAVA_OPTS="-Xms12g -Xmx12g -XX:+UseParallelGC" ./vigil simulate --cards "$cards" --days "$days" --seed 1 \
    --out "$work/s.ndjson" --no-progress > /dev/null 2>&1
  costs=()
  for ((n = 1; n <= replays; n++)); do
    rm -rf "$work/state" "$work/threads.txt"
    { /usr/bin/time -v ./vigil replay --rules rules --input "$work/s.ndjson" --out /dev/null --no-progress \
        --state "$work/state"; } > "$work/r.txt" 2>&1 &
    replay=$!
    # CPU seconds by thread, sampled from /proc every 5 s (the last sample of each thread counts).
    sleep 1
    java=$(pgrep -n -f "replay --rules rules --input $work/s.ndjson" || true)
    while kill -0 "$replay" 2>/dev/null; do
      for t in /proc/"$java"/task/*; do
        echo "$(basename "$t")|$(cat "$t/comm" 2>/dev/null)|$(awk '{print $14 + $15}' "$t/stat" 2>/dev/null)"
      done >> "$work/threads.txt" 2>/dev/null
      sleep 5
    done
    wait "$replay"
    events=$(grep -E "events read" "$work/r.txt" | tr -dc '0-9')
    rate=$(grep -E "^time:" "$work/r.txt" | sed -E 's/.*\(([0-9]+) events\/s.*/\1/')
    rss=$(grep -E "Maximum resident" "$work/r.txt" | awk '{printf "%d MiB", $NF/1024}')
    cost=$(awk "BEGIN {printf \"%.2f\", 1000000 / $rate}")
    costs+=("$cost")
    echo "== $cards cards, $days days: $events events; $rate events/s; $cost us an event;" \
      "peak RSS $rss; state on disk $(du -sh "$work/state/live" | cut -f1); $(grep -E "alerts:" "$work/r.txt" | tr -s ' ')"
    echo "   CPU seconds by thread: $(awk -F'|' -v hz="$(getconf CLK_TCK)" '$3 != "" { if ($3 > most[$1]) { most[$1] = $3; name[$1] = $2 } }
      END { for (t in most) { n = name[t]; sub(/#.*/, "", n); sub(/[0-9]+$/, "", n); s[n] += most[t] }
            for (n in s) if (s[n] >= 2 * hz) printf "%s %.0f; ", n, s[n] / hz }' "$work/threads.txt")"
  done
  medians+=("$cards $(printf '%s\n' "${costs[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')")
done
first=$(echo "${medians[0]}" | cut -d' ' -f2)
for m in "${medians[@]}"; do
  set -- $m
  echo "median at $1 cards: $2 us an event, $(awk "BEGIN {printf \"%.2f\", $2 / $first}")x the first stream's"
done
rm -rf "$work"
