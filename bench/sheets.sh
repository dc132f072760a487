#!/usr/bin/env bash
# Reading a 300-row ATS table (one Comune per row) as XLSX, ODS and CSV
# (issue 18: CSV and ODS cost at most what the XLSX costs, plus 20%).
#
#   bench/sheets.sh [--quick] [ROWS] [RUNS]
#
# --quick builds scheda's own code at opt-level 2 in the dev profile, whose
# dependencies are already optimised (a minute instead of the release
# build's eight or more); the ratios between the formats are what count.
#
# Makes the table from the seeds' models (scheda writes the XLSX; LibreOffice
# saves it as ODS and as CSV with `;` and with `,`), then times
# `readers::read` of each file in one process, in turn (examples/read.rs).
# Needs soffice (libreoffice-calc-nogui). Prints one line per file.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=
if [ "${1:-}" = --quick ]; then quick=1; shift; fi
rows=${1:-300}
runs=${2:-20}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

if [ -n "$quick" ]; then
  CARGO_PROFILE_DEV_OPT_LEVEL=2 cargo build --quiet --bin scheda --example read
  bin=${CARGO_TARGET_DIR:-target}/debug
else
  cargo build --profile dist --features jemalloc --quiet --bin scheda --example read
  bin=${CARGO_TARGET_DIR:-target}/dist
fi
seeds=(tests/fixtures/00*_*.expected.json)
: >"$dir/ats.jsonl"
for i in $(seq "$rows"); do
  seed=${seeds[$(( (i - 1) % ${#seeds[@]} ))]}
  # One line per Comune, each with its own name.
  python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); m["ente"]["denominazione"]="COMUNE %s" % sys.argv[2]; print(json.dumps(m, ensure_ascii=False))' "$seed" "$i" >>"$dir/ats.jsonl"
done
"$bin/scheda" convert "$dir/ats.jsonl" -o "$dir/ats.xlsx" 2>/dev/null
profile="file://$dir/profile"
soffice -env:UserInstallation="$profile" --headless --convert-to ods --outdir "$dir" "$dir/ats.xlsx" >/dev/null
soffice -env:UserInstallation="$profile" --headless --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76' --outdir "$dir" "$dir/ats.xlsx" >/dev/null
mv "$dir/ats.csv" "$dir/ats-semicolon.csv"
soffice -env:UserInstallation="$profile" --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir "$dir" "$dir/ats.xlsx" >/dev/null
mv "$dir/ats.csv" "$dir/ats-comma.csv"
ls -l "$dir"/ats.* "$dir"/ats-*.csv | awk '{print $5, $9}'
"$bin/examples/read" --runs "$runs" "$dir/ats.xlsx" "$dir/ats.ods" "$dir/ats-semicolon.csv" "$dir/ats-comma.csv"
