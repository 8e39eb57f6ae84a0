#!/usr/bin/env bash
# Whole-run replay throughput (docs/benchmarks.md): N generated transactions over C cards through
# the starter pack, against reading and decoding the same file alone (the schema and no rules),
# then per-event cost as the number of cards grows at a fixed number of events.
# Usage (from the repository root, after ./mvnw -q package -DskipTests):
#   benchmarks/replay-benchmark.sh [EVENTS] [CARDS] [SCALING_EVENTS] [WORK_DIR]
# VIGIL_JAVA_OPTS defaults to -Xmx12g -XX:+UseParallelGC -XX:NewRatio=1.
set -euo pipefail
events="${1:-10000000}"
cards="${2:-1000000}"
scaling="${3:-2000000}"
work="${4:-$(mktemp -d)}"
export VIGIL_JAVA_OPTS="${VIGIL_JAVA_OPTS:--Xmx12g -XX:+UseParallelGC -XX:NewRatio=1}"
gen() { java -cp benchmarks/target/benchmarks.jar dev.vigil.bench.GenerateTransactions "$@" > /dev/null; }
mkdir -p "$work/schema-only"
cp rules/schema/events.vgl "$work/schema-only/"
summary() { grep -E "events read|alerts:|time:|peak heap" | tr -s ' ' | paste -sd ';' -; }

gen "$events" "$cards" "$work/tx.ndjson"
echo "== $events events over $cards cards"
echo "decode only:  $(./vigil replay --rules "$work/schema-only" --input "$work/tx.ndjson" --out /dev/null --no-progress 2>&1 | summary)"
echo "starter pack: $(./vigil replay --rules rules --input "$work/tx.ndjson" --out /dev/null --no-progress 2>&1 | summary)"
rm -f "$work/tx.ndjson"
for c in 10000 100000 1000000; do
  gen "$scaling" "$c" "$work/s.ndjson"
  echo "== $scaling events over $c cards: $(./vigil replay --rules rules --input "$work/s.ndjson" --out /dev/null --no-progress 2>&1 | summary)"
done
rm -rf "$work"
