#!/usr/bin/env bash
# Run every fuzz target (or those named) for SECONDS each, one after the
# other, on the nightly toolchain, starting from the seed inputs; print each
# target's executions and time from libFuzzer's last line.
#
#   tests/fuzz/run.sh [-t SECONDS] [TARGET...]     (default: 600 s, all 7)
#
# Targets: text json xlsx pdf edition server writers. A crash stops that
# target and leaves the input in tests/fuzz/artifacts/TARGET/: fix the bug,
# then copy the input to tests/fuzz/regressions/TARGET/ (the suite replays
# it: tests/integration/fuzz.rs). The corpus grows in tests/fuzz/corpus/
# (not committed). Needs: rustup's nightly toolchain, cargo-fuzz
# (`cargo install cargo-fuzz`).
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=600
if [ "${1:-}" = "-t" ]; then
  seconds=$2
  shift 2
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(text json xlsx pdf edition server writers)

cargo +nightly fuzz build --fuzz-dir tests/fuzz -s none

# Seeds: the five real forms in every format scheda reads, the test PDFs,
# the built-in edition descriptions.
seeds=tests/fuzz/corpus/seeds
if [ ! -d "$seeds" ]; then
  mkdir -p "$seeds"
  flock /tmp/cargo.lock cargo build --quiet 2>/dev/null || cargo build --quiet
  for f in tests/fixtures/*.txt; do
    stem=$(basename "$f" .txt)
    cp "$f" "$seeds/$stem.txt"
    for ext in json xlsx pdf; do
      target/debug/scheda convert "$f" -o "$seeds/$stem.$ext" >/dev/null 2>&1 || true
    done
  done
  cp tests/fixtures/pdf/*.pdf "$seeds/"
  cp templates/editions/*.toml "$seeds/"
fi

for target in "${targets[@]}"; do
  mkdir -p "tests/fuzz/corpus/$target" "tests/fuzz/artifacts/$target"
  log="tests/fuzz/artifacts/$target.log"
  echo "fuzz: $target for $seconds s (log: $log)" >&2
  status=0
  cargo +nightly fuzz run --fuzz-dir tests/fuzz -s none "$target" \
    "tests/fuzz/corpus/$target" "$seeds" "tests/fuzz/regressions/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=30 \
    -artifact_prefix="tests/fuzz/artifacts/$target/" >"$log" 2>&1 || status=$?
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  echo "fuzz: $target: exit $status; $last" >&2
  grep -E '^Done [0-9]+ runs' "$log" >&2 || true
done
