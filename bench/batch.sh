#!/usr/bin/env bash
# Batch speed (issue 9): `scheda batch` on N generated forms, one form as a
# new process, and LibreOffice converting the same forms as workbooks, side
# by side with the goals.
#
#   bench/batch.sh [--without-batch] [N...]        (default N: 1000 8000)
#
# For each N: generates N distinct, consistent forms (examples/generate.rs,
# one JSON file each) and times `scheda batch DIR -o OUT --to pdf --quiet` as
# a whole process: wall time, schede/s, CPU and peak RSS (and the memory over
# time, sampled every quarter second with ps). Then one form as a
# new process (bench/process.sh), and LibreOffice Calc converting the first
# LO_FORMS (50) forms, written as single-form workbooks, to PDF in ONE
# `soffice --headless --convert-to pdf` (its best case: the profile is made
# and the program warmed by a first conversion that is not timed), and
# `scheda batch` on the same workbooks. For reference, it also times the PDF
# renderer alone on the first N forms (examples/bench, one process, no files).
#
# Needs: cargo, LibreOffice Calc (`soffice`; Debian/Ubuntu: apt-get install
# libreoffice-calc), GNU time (`/usr/bin/time`; installed with apt-get when
# missing and possible, else python3 measures the peak RSS).
#
# Environment: LO_FORMS (default 50), JOBS (passed as `--jobs`; by default
# scheda batch chooses), RUNS (bench/process.sh runs, default 20), SCHEDA
# (the binary whose `batch` is measured; by default target/dist/scheda,
# built here; bench/process.sh always times target/dist/scheda), TMPDIR
# (where forms and PDFs go: 1,000 and 8,000 forms and their PDFs take about
# 1 GB). Every temporary file is removed on exit, and none before: on a file
# system without a journal (this machine's ext4), the kernel passes over
# recently deleted inodes each time it makes a file, so a batch timed right
# after thousands of files were deleted spends up to a millisecond more per
# output in the kernel. For the same reason the script syncs the file
# system before each timed batch.
#
# --without-batch measures everything but `scheda batch` (for a build that
# does not have it yet); without it, a build with no `scheda batch` is an
# error.
set -euo pipefail
cd "$(dirname "$0")/.."

with_batch=1
sizes=()
for arg in "$@"; do
  case $arg in
    --without-batch) with_batch=0 ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    *[!0-9]* | '' | 0)
      echo "bench/batch.sh: \`$arg\` is not a number of forms (usage: bench/batch.sh [--without-batch] [N...])" >&2
      exit 2
      ;;
    *) sizes+=("$arg") ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 8000)
lo_forms=${LO_FORMS:-50}
runs=${RUNS:-20}

say() { printf '%s\n' "$*" >&2; }
die() {
  say "bench/batch.sh: error: $*"
  exit 1
}

work=$(mktemp -d -t scheda-batch.XXXXXX)
child= # the measured command running, in a process group of its own
cleanup() {
  if [ -n "$child" ]; then
    kill -TERM -- "-$child" 2>/dev/null || kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- tools -----------------------------------------------------------------

say "building the benchmarks' binary (profile dist: fat LTO, jemalloc) and the generator..."
cargo build --profile dist --features jemalloc --quiet --bin scheda --example generate --example bench
bin=${SCHEDA:-target/dist/scheda}
gen=target/dist/examples/generate
renderer=target/dist/examples/bench

batch_args=(--to pdf --quiet)
[ -n "${JOBS:-}" ] && batch_args+=(--jobs "$JOBS")
if [ $with_batch = 1 ] && ! "$bin" batch --help >/dev/null 2>&1; then
  die "this build of scheda has no \`batch\` command (issue 9): \`$bin batch --help\` failed.
Build a version that has it, or run \`bench/batch.sh --without-batch\` to measure the rest."
fi

soffice=$(command -v soffice || command -v libreoffice || true)
[ -n "$soffice" ] || die "LibreOffice is not installed (\`soffice\` is not on PATH): apt-get install libreoffice-calc"

# Peak RSS: GNU time, installed when missing and possible; else python3.
gnu_time=
if /usr/bin/time --version 2>&1 | grep -q GNU; then
  gnu_time=/usr/bin/time
elif command -v apt-get >/dev/null; then
  say "GNU time is missing: installing it (apt-get install time)..."
  sudo=
  [ "$(id -u)" = 0 ] || sudo="sudo -n"
  if $sudo apt-get install -y -qq time >/dev/null 2>&1 ||
    { $sudo apt-get update -qq >/dev/null 2>&1 && $sudo apt-get install -y -qq time >/dev/null 2>&1; }; then
    gnu_time=/usr/bin/time
  fi
fi
if [ -z "$gnu_time" ] && ! command -v python3 >/dev/null; then
  die "cannot measure peak memory: install GNU time (apt-get install time) or python3"
fi

# measure NAME CMD...: runs CMD (stdout and stderr to $work/NAME.log) and
# sets WALL (s), CPU (user+sys s) and RSS (peak resident set, KiB) of it and
# its children. Fails with the log's end if CMD fails. CMD runs in a process
# group of its own, waited for in the background, so that an interrupted
# script stops it and removes its files.
if [ -z "$gnu_time" ]; then
  cat >"$work/rusage.py" <<'EOF'
import resource, subprocess, sys
rc = subprocess.call(sys.argv[2:])
u = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write(f"{u.ru_utime} {u.ru_stime} {u.ru_maxrss}\n")
sys.exit(rc)
EOF
fi
measure() {
  local name=$1 start end rc=0 sampler
  shift
  local runner=(python3 "$work/rusage.py" "$work/$name.time")
  [ -n "$gnu_time" ] && runner=("$gnu_time" -f '%U %S %M' -o "$work/$name.time")
  start=$(date +%s%N)
  setsid --wait "${runner[@]}" "$@" >"$work/$name.log" 2>&1 </dev/null &
  child=$!
  sample_rss "$child" "$start" >"$work/$name.rss" &
  sampler=$!
  wait "$child" || rc=$?
  child=
  end=$(date +%s%N)
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  if [ $rc != 0 ]; then
    tail -n 20 "$work/$name.log" >&2
    die "\`$*\` failed with exit code $rc"
  fi
  WALL=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')
  read -r user sys RSS < <(tail -n 1 "$work/$name.time")
  CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
}

# sample_rss PGID START_NS: every quarter second, the seconds since START_NS
# and the resident memory (KiB) of the processes of group PGID (the
# measured command and its children), until the group is gone.
sample_rss() {
  local kib
  while kib=$(ps -o rss= -g "$1" 2>/dev/null | awk '{ s += $1 } END { if (NR) print s }') && [ -n "$kib" ]; do
    echo "$(awk -v ns=$(($(date +%s%N) - $2)) 'BEGIN { printf "%.2f", ns / 1e9 }') $kib"
    sleep 0.25
  done
}

# rss_course NAME: the memory of the last run of NAME over time, from its
# samples: when the highest sample came, and the memory at a tenth, half
# and nine tenths of the run (where a peak that is not flat shows).
rss_course() {
  awk -v wall="$WALL" '
    { t[NR] = $1; k[NR] = $2; if ($2 > max) { max = $2; at = $1 } }
    END {
      if (NR == 0) { print "no samples"; exit }
      for (f = 1; f <= 3; f++) {
        p = (f == 1) ? 0.1 : (f == 2) ? 0.5 : 0.9
        i = int(NR * p); if (i < 1) i = 1
        m[f] = k[i] / 1024
      }
      printf "highest sample %.0f MiB at %.1f s of %.1f s; at 10%%, 50%%, 90%% of the run: %.0f, %.0f, %.0f MiB (%d samples)",
        max / 1024, at, wall, m[1], m[2], m[3], NR
    }' "$work/$1.rss"
}

count_pdfs() { find "$1" -type f -name '*.pdf' | wc -l; }
calc() { awk "BEGIN { $1 }"; }

# --- the machine -----------------------------------------------------------

cores=$(nproc)
load=$(cut -d' ' -f1 /proc/loadavg)
busy=$(calc "print ($load > $cores) ? 1 : 0")
[ "$busy" = 1 ] && say "warning: load average $load on $cores cores: something else is running, figures will be slower"

# --- scheda batch, for each N ----------------------------------------------

rows=()   # "label|wall|per|rate|rss|cpu|goals"
ratios=() # "label|wall per scheda ms|CPU per scheda ms"
courses=() # memory over time of each scheda batch run
gen_lines=()
for n in "${sizes[@]}"; do
  in="$work/in-$n"
  say "generating $n forms..."
  start=$(date +%s%N)
  "$gen" --forms "$n" --out "$in" --quiet
  end=$(date +%s%N)
  gen_ns=$((end - start))
  gen_lines+=("generator: $n forms (JSON) in $(calc "printf \"%.2f s, %.0f forms/s\", $gen_ns / 1e9, $n * 1e9 / $gen_ns")")
  if [ $with_batch = 1 ]; then
    out="$work/out-$n"
    say "scheda batch on $n forms..."
    sync # the forms just written, out of the kernel's way (see the header)
    measure "batch-$n" "$bin" batch "$in" -o "$out" "${batch_args[@]}"
    made=$(count_pdfs "$out")
    [ "$made" = "$n" ] || die "scheda batch wrote $made PDFs for $n forms (log: see above)"
    [ -f "$out/report.csv" ] || say "warning: scheda batch wrote no $out/report.csv"
    rate=$(calc "printf \"%.0f\", $n / $WALL")
    per=$(calc "printf \"%.2f\", $WALL * 1000 / $n")
    mib=$(calc "printf \"%.0f\", $RSS / 1024")
    goals=$(calc "
      r = ($n / $WALL >= 150) ? \"ok\" : \"MISSED\";
      m = ($RSS * 1024 <= 200e6) ? \"ok\" : \"MISSED\";
      s = \"≥150/s \" r \", ≤200 MB \" m;
      if ($n == 8000) s = s \", <60 s \" (($WALL < 60) ? \"ok\" : \"MISSED\");
      print s")
    rows+=("scheda batch, $n schede|$WALL s|$per ms|$rate|$mib MiB|$(calc "printf \"%.1f\", $CPU * 1000 / $n") ms|$goals")
    ratios+=("$n JSON forms|$per|$(calc "print $CPU * 1000 / $n")")
    courses+=("scheda batch, $n schede, memory over time: $(rss_course "batch-$n")")
  fi
done

# --- the renderer alone, in one process, on the same kind of forms ----------

# What the worker threads could reach at most: examples/bench renders the
# first N forms (N the first size) with as many threads as cores (or JOBS),
# without reading or writing files.
n0=${sizes[0]}
threads=${JOBS:-$cores}
say "the renderer alone: $n0 forms, $threads threads (examples/bench)..."
"$gen" --forms "$n0" --out "$work/bench-in" --format jsonl --quiet
measure renderer "$renderer" --forms "$n0" --threads "$threads" "$work/bench-in/schede.jsonl"
rows+=("renderer alone, $n0 schede, $threads threads (examples/bench)|$WALL s|$(calc "printf \"%.2f\", $WALL * 1000 / $n0") ms|$(calc "printf \"%.0f\", $n0 / $WALL")|$(calc "printf \"%.0f\", $RSS / 1024") MiB|$(calc "printf \"%.1f\", $CPU * 1000 / $n0") ms|-")
rm -rf "$work/bench-in"

# --- the LibreOffice subset: the first LO_FORMS forms ------------------------

say "generating the first $lo_forms forms as workbooks..."
"$gen" --forms "$lo_forms" --out "$work/lo-xlsx" --format xlsx --quiet

# --- one form as a new process ---------------------------------------------

# The model bench/process.sh uses by default, as in docs/reference.md's Speed tables.
say "one form as a new process (bench/process.sh $runs)..."
process=$(bench/process.sh "$runs" 2>"$work/process.log") || {
  tail -n 20 "$work/process.log" >&2
  die "bench/process.sh failed"
}
process_mean=$(sed -n 's/.*mean \([0-9]*\) ms.*/\1/p' <<<"$process")
process_best=$(sed -n 's/.*fastest \([0-9]*\) ms.*/\1/p' <<<"$process")
rows+=("one form as a new process (bench/process.sh $runs)|$process_mean ms|$process_mean ms|$(calc "printf \"%.0f\", 1000 / $process_mean")|-|-|mean; fastest $process_best ms")

# --- scheda batch on the same workbooks ------------------------------------

if [ $with_batch = 1 ]; then
  say "scheda batch on the $lo_forms workbooks..."
  measure batch-xlsx "$bin" batch "$work/lo-xlsx" -o "$work/lo-batch" "${batch_args[@]}"
  made=$(count_pdfs "$work/lo-batch")
  [ "$made" = "$lo_forms" ] || die "scheda batch wrote $made PDFs for $lo_forms workbooks"
  per=$(calc "printf \"%.2f\", $WALL * 1000 / $lo_forms")
  rows+=("scheda batch, the $lo_forms workbooks|$WALL s|$per ms|$(calc "printf \"%.0f\", $lo_forms / $WALL")|$(calc "printf \"%.0f\", $RSS / 1024") MiB|$(calc "printf \"%.1f\", $CPU * 1000 / $lo_forms") ms|-")
  ratios+=("the same $lo_forms workbooks|$per|$(calc "print $CPU * 1000 / $lo_forms")")
fi

# --- LibreOffice -------------------------------------------------------------

profile="$work/lo-profile"
lo=("$soffice" "-env:UserInstallation=file://$profile" --headless --norestore --convert-to pdf)
say "LibreOffice: first start (not timed)..."
measure lo-warm "${lo[@]}" --outdir "$work/lo-warm" "$(find "$work/lo-xlsx" -name '*.xlsx' | sort | head -n 1)"
say "LibreOffice: $lo_forms workbooks in one soffice..."
mapfile -t books < <(find "$work/lo-xlsx" -name '*.xlsx' | sort)
measure lo "${lo[@]}" --outdir "$work/lo-pdf" "${books[@]}"
made=$(count_pdfs "$work/lo-pdf")
[ "$made" = "$lo_forms" ] || die "LibreOffice wrote $made PDFs for $lo_forms workbooks (log: $(tail -n 3 "$work/lo.log"))"
lo_per=$(calc "printf \"%.1f\", $WALL * 1000 / $lo_forms")
lo_cpu=$(calc "print $CPU * 1000 / $lo_forms")
rows+=("LibreOffice, $lo_forms workbooks, one soffice|$WALL s|$lo_per ms|$(calc "printf \"%.1f\", $lo_forms / $WALL")|$(calc "printf \"%.0f\", $RSS / 1024") MiB|$(calc "printf \"%.1f\", $CPU * 1000 / $lo_forms") ms|-")

# --- the table -------------------------------------------------------------

lo_version=$("$soffice" --version 2>/dev/null | head -n 1 | cut -d' ' -f1-2)
echo
echo "Batch speed: $("$bin" --version), $cores cores, $(date -u +%Y-%m-%d), $lo_version; load average at start $load"
printf '%s\n' "${gen_lines[@]}"
echo
{
  echo "what|wall|per scheda|schede/s|peak RSS|CPU/scheda|goals"
  printf '%s\n' "${rows[@]}"
} | if command -v column >/dev/null; then column -t -s '|'; else tr '|' '\t'; fi
echo
for r in "${ratios[@]}"; do
  IFS='|' read -r what per cpu <<<"$r"
  x=$(calc "printf \"%.0f\", $lo_per / ($per + 1e-9)")
  verdict=$(calc "print ($lo_per / ($per + 1e-9) >= 20) ? \"ok\" : \"MISSED\"")
  by_cpu=$(calc "printf \"%.0f\", $lo_cpu / ($cpu + 1e-9)")
  echo "LibreOffice / scheda batch, wall time per scheda ($what): ${x}× (goal ≥20×: $verdict); by CPU time: ${by_cpu}×"
done
[ $with_batch = 1 ] || echo "scheda batch: not measured (--without-batch)"
[ ${#courses[@]} = 0 ] || { echo; printf '%s\n' "${courses[@]}"; }
