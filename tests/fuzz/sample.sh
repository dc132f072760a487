#!/usr/bin/env bash
# Keep a sample of each target's corpus as regression inputs replayed by the
# suite (tests/integration/fuzz.rs): N inputs (default 25) under 64 KB,
# spread evenly over the corpus sorted by size.
#
#   tests/fuzz/sample.sh [-n N] TARGET...
set -euo pipefail
cd "$(dirname "$0")"
n=25
if [ "${1:-}" = "-n" ]; then
  n=$2
  shift 2
fi
for t in "$@"; do
  mkdir -p "regressions/$t"
  mapfile -t files < <(find "corpus/$t" -type f -size -64k -printf '%s %p\n' | sort -n | awk '{print $2}')
  total=${#files[@]}
  [ "$total" -gt 0 ] || { echo "sample: $t: empty corpus" >&2; continue; }
  step=$((total / n))
  [ $step -ge 1 ] || step=1
  for ((i = step - 1, k = 0; i < total && k < n; i += step, k++)); do
    cp "${files[$i]}" "regressions/$t/sample-$(basename "${files[$i]}")"
  done
  echo "sample: $t: $(find "regressions/$t" -name 'sample-*' | wc -l) samples"
done
