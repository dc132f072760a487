#!/usr/bin/env bash
# `scheda diff` of two folders (issue 23): N forms in each (default 300),
# CHANGED of them (default 10) with one input changed in the second folder
# (R0D, the ATS's lead Comune), timed as a whole process; checks that the
# report lists exactly the changed Comuni, and nothing else.
#
#   bench/diff.sh [N] [CHANGED]
#
# The forms are seed 001's model (tests/fixtures) under N names and codes,
# written as JSON, one file each, under another file name on each side (the
# pairing goes by the Comune's code). Environment: SCHEDA (the binary; by
# default target/release/scheda, built here), RUNS (timed runs, default 5;
# the best and the median are printed), TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-300}
CHANGED=${2:-10}
RUNS=${RUNS:-5}
if [ -z "${SCHEDA:-}" ]; then
  cargo build --release --locked --quiet
  SCHEDA=target/release/scheda
fi
SCHEDA=$(realpath "$SCHEDA")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$N" "$CHANGED" <<'EOF'
import json, os, sys
work, n, changed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
seed = json.load(open("tests/fixtures/001_c36fd2931944160a.expected.json"))
os.makedirs(f"{work}/a"); os.makedirs(f"{work}/b")
step = max(1, n // max(1, changed))
picked = set(range(0, n, step)[:changed])
for i in range(n):
    form = json.loads(json.dumps(seed))
    form["ente"]["denominazione"] = f"COMUNE {i:04d}"
    form["ente"]["codice"] = f"XX{i:04d}"
    json.dump(form, open(f"{work}/a/{i:04d}.json", "w"))
    if i in picked:
        form["quadro1"]["R0D"] = "CAPOFILA CAMBIATO"
    json.dump(form, open(f"{work}/b/comune-{i:04d}.json", "w"))
open(f"{work}/changed", "w").write("\n".join(f"COMUNE {i:04d}" for i in sorted(picked)) + "\n")
EOF
# What it lists: exactly the changed Comuni, each with one difference.
set +e
"$SCHEDA" diff --json "$work/a" "$work/b" > "$work/report.json"
code=$?
set -e
[ "$code" = 1 ] || { echo "diff: exit code $code, not 1" >&2; exit 1; }
python3 - "$work" <<'EOF'
import json, sys
work = sys.argv[1]
report = json.load(open(f"{work}/report.json"))
listed = sorted(e["comune"] for e in report if e.get("differenze"))
expected = open(f"{work}/changed").read().splitlines()
assert listed == expected, (listed, expected)
assert all(len(e["differenze"]) == 1 and e["differenze"][0]["codice"] == "R0D"
           for e in report if e.get("differenze")), "one difference each, R0D"
assert all(e.get("differenze") is not None for e in report), "every Comune paired"
print(f"{len(report)} Comuni paired, {len(listed)} listed as changed: the ones changed, R0D each")
EOF
python3 - "$SCHEDA" "$work" "$N" "$CHANGED" "$RUNS" <<'EOF'
import statistics, subprocess, sys, time
scheda, work, n, changed, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
times = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run([scheda, "diff", f"{work}/a", f"{work}/b"], stdout=subprocess.DEVNULL, check=False)
    times.append(time.perf_counter() - start)
print(f"scheda diff of two folders of {n} forms, {changed} changed: best {min(times):.2f} s, "
      f"median {statistics.median(times):.2f} s ({runs} runs, {scheda})")
EOF
