#!/usr/bin/env bash
# Wall time of `vigil check` (cold JVM, as an analyst or CI runs it) on the starter pack and on
# 1,000 generated rules, median of N runs, with `vigil --help` as the JVM start-up baseline.
# Usage (from the repository root, after ./mvnw -q package -DskipTests): benchmarks/check-timing.sh [N]
set -euo pipefail
runs="${1:-9}"
gen="$(mktemp -d)"
trap 'rm -rf "$gen"' EXIT
java -cp benchmarks/target/benchmarks.jar dev.vigil.bench.GenerateRules 1000 "$gen" > /dev/null

median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" > /dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

echo "runs per figure: $runs"
echo "vigil --help (JVM start-up): $(median_ms ./vigil --help) ms"
echo "vigil check rules/ (13 files, 12 rules, 26 tests): $(median_ms ./vigil check rules/) ms"
echo "vigil check <1000 generated rules> (21 files): $(median_ms ./vigil check "$gen") ms"
