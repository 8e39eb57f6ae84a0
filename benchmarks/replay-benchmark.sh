#!/usr/bin/env bash
# Whole-run replay throughput (docs/benchmarks.md): a simulated stream of CARDS customers over DAYS
# days (vigil simulate, every fraud scenario) through the starter pack, against reading and
# decoding the same file alone (the schema and no rules); then per-event cost as the number of
# cards grows at about the same number of events. Prints the simulator's own rate too.
# Decode only and the starter pack run in turns, PAIRS times (default 3), each pair one run right
# after the other, and the median of the pairs' ratios is printed: on a shared machine one run of
# each, minutes apart, can land in different spells.
# Both sides run with the default engine threads (one per core): decode only is faster so too.
# Usage (from the repository root, after ./mvnw -q package -DskipTests):
#   benchmarks/replay-benchmark.sh [CARDS] [DAYS] [WORK_DIR] [PAIRS]
# Each side runs with the heap that suits it (docs/benchmarks.md, "The spells are first-touch page
# faults"): decode only with DECODE_JAVA_OPTS (default -Xms12g -Xmx12g -XX:+UseParallelGC -Xmn2g, a
# young generation small enough to be reused, so that it does not pay for first touches of a large
# one), the starter pack and the scaling runs with VIGIL_JAVA_OPTS (default the same with -Xmn4g:
# the pack keeps gigabytes of per-card state, and a small young generation collects it too often).
set -euo pipefail
cards="${1:-1000000}"
days="${2:-4}"
work="${3:-$(mktemp -d)}"
pairs="${4:-3}"
export VIGIL_JAVA_OPTS="${VIGIL_JAVA_OPTS:--Xms12g -Xmx12g -XX:+UseParallelGC -Xmn4g}"
decode_opts="${DECODE_JAVA_OPTS:--Xms12g -Xmx12g -XX:+UseParallelGC -Xmn2g}"
mkdir -p "$work/schema-only"
cp rules/schema/events.vgl "$work/schema-only/"
summary() { grep -E "events read|records written|alerts:|time:|peak heap" | tr -s ' ' | paste -sd ';' -; }
sim() { ./vigil simulate --cards "$1" --days "$2" --seed 1 --out "$3" --no-progress 2>&1 | summary; }

echo "== simulate $cards cards over $days days: $(sim "$cards" "$days" "$work/s.ndjson")"
rate() { sed -E 's/.*\(([0-9.]+) events\/s.*/\1/'; }
ratios=()
for ((i = 1; i <= pairs; i++)); do
  decode="$(VIGIL_JAVA_OPTS="$decode_opts" ./vigil replay --rules "$work/schema-only" --input "$work/s.ndjson" --out /dev/null --no-progress 2>&1 | summary)"
  pack="$(./vigil replay --rules rules --input "$work/s.ndjson" --out /dev/null --no-progress 2>&1 | summary)"
  ratio="$(awk -v p="$(echo "$pack" | rate)" -v d="$(echo "$decode" | rate)" 'BEGIN { printf "%.1f", 100 * p / d }')"
  ratios+=("$ratio")
  echo "pair $i decode only:  $decode"
  echo "pair $i starter pack: $pack"
  echo "pair $i starter pack / decode only: $ratio %"
done
echo "median of $pairs pairs: $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }') %"
rm -f "$work/s.ndjson"
# About 2.7 million events each: a customer makes about 2.7 events a day.
for run in "10000 100" "100000 10" "1000000 1"; do
  set -- $run
  sim "$1" "$2" "$work/k.ndjson" > /dev/null
  echo "== $1 cards over $2 days: $(./vigil replay --rules rules --input "$work/k.ndjson" --out /dev/null --no-progress 2>&1 | summary)"
done
rm -rf "$work"
