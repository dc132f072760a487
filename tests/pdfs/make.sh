#!/bin/sh
# Regenerate the test PDFs under tests/fixtures/pdf/ from the seeds' canonical
# JSON (tests/fixtures/NNN_*.expected.json) and wording (the seed texts).
#
#   tests/pdfs/make.sh            build every PDF (and its .expected.json)
#   tests/pdfs/make.sh --check    build into a temporary folder and compare
#                                 with the committed files, byte for byte
#
# Needs: python3 with reportlab and pypdf (measure.py), chromium, LibreOffice
# (soffice), poppler-utils (pdftoppm), ImageMagick (convert), img2pdf, qpdf,
# and a scheda binary for the workbooks ($SCHEDA, default /tmp/scheda-bin,
# else `scheda` on PATH).  It never runs cargo.
#
# Reproducible: reportlab runs with invariant=1 (fixed dates and IDs), the
# text of the portal imitation is shuffled with fixed seeds, and the dates
# and IDs Chromium and LibreOffice write are replaced by fixed ones
# (fixpdf.py).  The same tool versions give the same bytes; REPORT.md names
# the versions the committed files were made with.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
FIX=$ROOT/tests/fixtures
OUT=$FIX/pdf
CHECK=0
if [ "${1:-}" = "--check" ]; then
    CHECK=1
    OUT=$(mktemp -d /tmp/scheda-pdfs.XXXXXX)
fi
mkdir -p "$OUT"

SCHEDA=${SCHEDA:-/tmp/scheda-bin}
[ -x "$SCHEDA" ] || SCHEDA=$(command -v scheda || true)
[ -n "$SCHEDA" ] || { echo "make.sh: no scheda binary (set SCHEDA)" >&2; exit 2; }

WORK=$(mktemp -d /tmp/scheda-pdfs-work.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export TZ=UTC SOURCE_DATE_EPOCH=1742896680 PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE=1

seed() { ls "$FIX"/"$1"_*."$2" | head -n 1; }

# The JSON a PDF holds: the seed's, with the changes the PDF makes
# (a footer date the seed text lacks; Denominazione/Codice left empty).
expected() { # SEED OUTNAME [data ISO] [anonymous]
    python3 - "$(seed "$1" expected.json)" "$OUT/$2.expected.json" "${3:-}" "${4:-}" <<'EOF'
import re, sys
src, dst, data, anon = sys.argv[1:5]
t = open(src, encoding="utf-8").read()
head, rest = t.split('"quadro1"', 1)
if data:
    head = re.sub(r'"data": null', '"data": "%s"' % data, head)
if anon:
    head = re.sub(r'"denominazione": "[^"]*"', '"denominazione": null', head)
    head = re.sub(r'"codice": "[^"]*"', '"codice": null', head)
open(dst, "w", encoding="utf-8").write(head + '"quadro1"' + rest)
EOF
}

chromium_pdf() { # HTML OUT.pdf
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --user-data-dir="$WORK/chromium-profile" \
        --print-to-pdf="$WORK/chromium.pdf" "file://$1" >/dev/null 2>&1
    python3 "$HERE/fixpdf.py" "$WORK/chromium.pdf" 20250325111800
    # object streams keep the tagged PDF well under 150 KB
    qpdf --object-streams=generate --compress-streams=y --recompress-flate \
        --compression-level=9 --deterministic-id "$WORK/chromium.pdf" "$2"
}

libreoffice_pdf() { # SEED OUTNAME
    "$SCHEDA" convert "$(seed "$1" expected.json)" -o "$WORK/$2.xlsx" >/dev/null
    # an Italian desktop: decimal comma, dotted thousands
    LC_ALL=it_IT.UTF-8 LANG=it_IT.UTF-8 soffice -env:UserInstallation="file://$WORK/lo-profile" \
        --headless --convert-to pdf --outdir "$WORK" "$WORK/$2.xlsx" >/dev/null 2>&1
    python3 "$HERE/fixpdf.py" "$WORK/$2.pdf" 20250325111800
    cp "$WORK/$2.pdf" "$OUT/$2.pdf"
}

cd "$HERE"
# wording check: every fixed text of the generators occurs in a seed
for s in 000 001 002 003; do
    missing=$(python3 form.py "$(seed $s expected.json)" "$FIX"/00[0-3]_*.txt)
    [ -z "$missing" ] || { echo "make.sh: seed $s: $missing" >&2; exit 1; }
done

# 1. the portal PDF imitation (reportlab, scrambled content order)
python3 portal.py "$(seed 000 expected.json)" "$OUT/portal-000.pdf" --seed portal-000
expected 000 portal-000
python3 portal.py "$(seed 001 expected.json)" "$OUT/portal-001.pdf" --seed portal-001
expected 001 portal-001
python3 portal.py "$(seed 002 expected.json)" "$OUT/portal-002.pdf" --seed portal-002 --footer-date 2025-04-15T10:12
expected 002 portal-002 2025-04-15T10:12
python3 portal.py "$(seed 003 expected.json)" "$OUT/portal-003.pdf" --seed portal-003
expected 003 portal-003
python3 portal.py "$(seed 003 expected.json)" "$OUT/portal-003-anonymous.pdf" --seed portal-003-anonymous --anonymous
expected 003 portal-003-anonymous "" anonymous

# 2. the portal web page, printed by Chromium
python3 html_portal.py "$(seed 000 expected.json)" "$WORK/chromium-portal-000.html"
chromium_pdf "$WORK/chromium-portal-000.html" "$OUT/chromium-portal-000.pdf"
expected 000 chromium-portal-000
python3 html_portal.py "$(seed 003 expected.json)" "$WORK/chromium-portal-003.html"
chromium_pdf "$WORK/chromium-portal-003.html" "$OUT/chromium-portal-003.pdf"
expected 003 chromium-portal-003

# 3. the IFEL page, printed by Chromium (SOC25; its SOC26 wording is unknown)
python3 html_ifel.py "$(seed 004 expected.json)" "$WORK/chromium-ifel-004.html"
chromium_pdf "$WORK/chromium-ifel-004.html" "$OUT/chromium-ifel-004.pdf"
expected 004 chromium-ifel-004

# 4. scheda's own workbook, exported by LibreOffice Calc
libreoffice_pdf 000 libreoffice-000
expected 000 libreoffice-000
libreoffice_pdf 003 libreoffice-003
expected 003 libreoffice-003

# 5. a scanned page (image only, no text layer) and a PDF that is not the form
pdftoppm -f 1 -l 1 -r 100 -gray -png "$OUT/portal-000.pdf" "$WORK/scan"
MAGICK_THREAD_LIMIT=1 convert "$WORK"/scan-1.png -background white -rotate 0.4 -gravity center \
    -crop 827x1169+0+0 +repage -seed 7 -attenuate 0.25 +noise Gaussian -colorspace Gray -strip \
    -quality 45 "$WORK/scan.jpg"
img2pdf --nodate --pagesize A4 --producer "scheda tests/pdfs/make.sh" -o "$OUT/scanned.pdf" "$WORK/scan.jpg"
python3 "$HERE/fixpdf.py" "$OUT/scanned.pdf" 20250325111800   # img2pdf draws a random /ID
python3 notaform.py "$OUT/not-a-form.pdf"

if [ $CHECK = 1 ]; then
    status=0
    for f in "$OUT"/*; do
        n=$(basename "$f")
        if cmp -s "$f" "$FIX/pdf/$n"; then echo "same      $n"; else echo "DIFFERENT $n"; status=1; fi
    done
    rm -rf "$OUT"
    exit $status
fi
ls -l "$OUT"
