#!/usr/bin/env bash
# Every output of two scheda binaries, compared byte for byte: for a change
# that must not change what scheda writes (a refactor). For every seed, its
# golden model and every sample: JSON, both text layouts, XLSX, PDF (also
# with --recompute), check --json, every output read back, the warnings and
# errors printed, the blank forms and the multi-Comune workbook.
#
#   bench/compare-outputs.sh OLD/scheda NEW/scheda
#
# Prints each file that differs and a count; exits 1 when one does.
set -u
BASE=$(realpath "${1:?usage: bench/compare-outputs.sh BASE_SCHEDA NEW_SCHEDA}")
NEW=$(realpath "${2:?usage: bench/compare-outputs.sh BASE_SCHEDA NEW_SCHEDA}")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
F=$ROOT/tests/fixtures
S=$ROOT/samples
out=$(mktemp -d); mkdir -p $out/base $out/new
inputs=()
for f in $F/00*.txt $F/00*.expected.json $F/soc26_pdftotext.txt $S/*.json; do inputs+=("$f"); done
same=0; diff=0; fail=0
compare() { # name
  if cmp -s "$out/base/$1" "$out/new/$1"; then same=$((same+1)); else diff=$((diff+1)); echo "DIFF $1"; fi
}
for bin in base new; do
  B=$BASE; [ $bin = new ] && B=$NEW
  cd $out/$bin
  for i in "${inputs[@]}"; do
    n=$(basename "$i")
    $B convert "$i" -o $n.json 2>$n.json.err
    $B convert "$i" -o $n.pdftotext.txt --layout pdftotext 2>$n.p.err
    $B convert "$i" -o $n.portal.txt --layout portal 2>$n.q.err
    $B convert "$i" -o $n.default.txt 2>$n.d.err
    $B convert "$i" -o $n.xlsx 2>$n.x.err
    $B convert "$i" -o $n.pdf 2>$n.pdf.err
    $B convert --recompute "$i" -o $n.recomputed.pdf 2>$n.rpdf.err
    $B check --json "$i" >$n.check.json 2>&1
  done
  for ed in SOC25 SOC26; do
    for ext in xlsx pdf json txt; do $B template --edizione $ed -o blank-$ed.$ext 2>blank-$ed.$ext.err; done
  done
  # the multi-Comune workbook and JSON Lines of every sample and golden
  $B convert $F/00*.expected.json $S/*.json -o ambito.xlsx 2>ambito.err
  $B convert $F/00*.expected.json $S/*.json -o ambito.jsonl 2>ambito.jsonl.err
  # read back every PDF, workbook and text written
  for f in *.pdf *.xlsx *.txt ambito.jsonl; do
    $B check --json "$f" > "$f.readback.json" 2>&1
  done
done
for f in $out/base/*; do compare "$(basename "$f")"; done
echo "identical: $same, different: $diff (outputs in $out)"
[ "$diff" = 0 ]
