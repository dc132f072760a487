#!/usr/bin/env bash
# One form as a new process, repeated: the cost a user pays per
# `scheda convert x.json -o x.pdf` (process start, fonts, Typst, PDF/A).
#
#   bench/process.sh [RUNS] [MODEL.json]
#
# Times the benchmarks' binary (profile dist: fat LTO, jemalloc). Prints the mean and the fastest wall time in ms.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-20}
model=${2:-tests/fixtures/002_7dd651adceaafbf1.expected.json}
out=$(mktemp --suffix=.pdf)
trap 'rm -f "$out"' EXIT

cargo build --profile dist --features jemalloc --quiet --bin scheda
cmd=(target/dist/scheda convert "$model" -o "$out")

"${cmd[@]}" >/dev/null # warm the file cache
total=0
best=
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  "${cmd[@]}" >/dev/null
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  total=$(( total + ms ))
  if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
echo "${cmd[*]}: $runs runs, mean $(( total / runs )) ms, fastest $best ms"
