#!/bin/sh
# Build the outside corpus (tests/outside/files/): spreadsheets, PDFs and web
# pages made by programs other than scheda (openpyxl, LibreOffice, reportlab,
# Chromium)
# from the seeds' models (tests/fixtures/NNN_*.expected.json), and the
# `pdftotext -layout` text of every PDF.  README.md lists the files,
# manifest.json says which seed(s) each one carries.
#
#   tests/outside/make.sh
#
# Needs: python3 with openpyxl and reportlab, LibreOffice (soffice),
# chromium, poppler-utils (pdftotext).  It never runs scheda or cargo.
#
# Reproducible where the tools allow: openpyxl and reportlab documents carry
# fixed dates; the PDFs' /CreationDate, /ModDate and /ID are fixed by
# tests/pdfs/fixpdf.py, the zip entries' times by common.py.  Chromium
# prints the date and time of the print in its default page header (that
# is the point of those files): those PDFs change from one run to the next;
# LibreOffice's PDF export sometimes orders its font objects differently.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$HERE/files
# A fixed place, not a temporary name: Chromium prints the page's file
# address in its footer.
WORK=/tmp/scheda-outside
rm -rf "$WORK" "$OUT"
mkdir -p "$WORK" "$OUT"
export TZ=UTC PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE=1 SOURCE_DATE_EPOCH=1744277400
cd "$HERE"

# ---------------------------------------------------------------- openpyxl
python3 sheets.py long 001 "$OUT/openpyxl-long-c5-formulas-001.xlsx" --at C5 --formulas
python3 sheets.py long 003 "$OUT/openpyxl-long-formulas-003.xlsx" --formulas --no-notes
python3 sheets.py long 002 "$OUT/openpyxl-long-text-numbers-002.xlsx" --at B4 --text-numbers
python3 sheets.py quadri 003 "$OUT/openpyxl-quadri-text-numbers-003.xlsx" --text-numbers
python3 ats.py "$OUT/openpyxl-ats-m12-utenti-2024.xlsx" --seeds 000,001,002,004 --style A \
    --comune Comune --title "Ambito territoriale - riepilogo delle schede SOC25"
python3 ats.py "$OUT/openpyxl-ats-snake-case.xlsx" --seeds 004,002 --style D \
    --comune Denominazione --provincia --codice

# ------------------------------------------------------------- LibreOffice
lo_profile() { # LOCALE -> a LibreOffice profile whose locale is LOCALE
    d=$WORK/lo-$1
    mkdir -p "$d/user"
    cat > "$d/user/registrymodifications.xcu" <<XCU
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>$1</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>$1</value></prop></item>
</oor:items>
XCU
}
lo_profile it-IT
lo_profile en-US
lo() { # LOCALE FILTER SRC OUTNAME
    soffice -env:UserInstallation="file://$WORK/lo-$1" --headless \
        --convert-to "$2" --outdir "$WORK/lo-out" "$3" >/dev/null 2>&1
    src=$(basename "$3"); ext=${2%%:*}
    mv "$WORK/lo-out/${src%.*}.$ext" "$OUT/$4"
    case $4 in *.ods|*.xlsm) python3 common.py fix-zip "$OUT/$4" ;; esac
}
python3 sheets.py long 004 "$WORK/long-004.xlsx" --at C5
lo it-IT ods "$WORK/long-004.xlsx" libreoffice-long-c5-004.ods
python3 sheets.py long 003 "$WORK/long-003.xlsx" --at D2
lo it-IT "xlsm:Calc MS Excel 2007 VBA XML" "$WORK/long-003.xlsx" libreoffice-long-d2-003.xlsm
python3 ats.py "$WORK/ats-parenthesis.xlsx" --seeds 001,000 --style B --comune Ente
lo it-IT ods "$WORK/ats-parenthesis.xlsx" libreoffice-ats-parenthesis.ods
# formulas with ROUND(...;2): LibreOffice stores their results
python3 sheets.py long 000 "$WORK/long-formulas-000.xlsx" --formulas --round
lo it-IT "xls:MS Excel 97" "$WORK/long-formulas-000.xlsx" libreoffice-long-formulas-000.xls
python3 ats.py "$WORK/ats-form-headers.xlsx" --seeds 002,004,001 --style C --comune Comune
lo it-IT "xls:MS Excel 97" "$WORK/ats-form-headers.xlsx" libreoffice-ats-form-headers.xls
python3 sheets.py long 002 "$WORK/xls-named-xlsx-002.xlsx" --at B2
lo it-IT "xls:MS Excel 97" "$WORK/xls-named-xlsx-002.xlsx" libreoffice-xls-named-xlsx-002.xls
mv "$OUT/libreoffice-xls-named-xlsx-002.xls" "$OUT/libreoffice-xls-named-xlsx-002.xlsx"

# --------------------------------------------------------------------- CSV
python3 sheets.py csv 004 "$OUT/csv-form-semicolon-utf8bom-004.csv" --sep ';' --encoding utf-8-sig --notation it
python3 sheets.py csv 003 "$OUT/csv-form-semicolon-cp1252-003.csv" --sep ';' --encoding cp1252 --notation it
python3 sheets.py csv 000 "$OUT/csv-form-comma-utf8-000.csv" --sep ',' --encoding utf-8 --notation en
python3 ats.py "$OUT/csv-ats-comma-cp1252.csv" --seeds 000,002 --style B --comune Comune \
    --sep ',' --encoding cp1252 --notation en
python3 ats.py "$OUT/csv-ats-semicolon-utf8.csv" --seeds 004,001,000 --style C --comune Ente \
    --sep ';' --encoding utf-8 --notation it --title "Schede SOC25 dei Comuni dell'ambito"
python3 ats.py "$OUT/csv-ats-no-year.csv" --seeds 002,001 --style E --comune Comune \
    --sep ';' --encoding utf-8 --notation it
python3 ats.py "$OUT/csv-ats-soc26-semicolon-utf8bom.csv" --seeds 003 --style A --comune Denominazione \
    --codice --sep ';' --encoding utf-8-sig --notation it

# -------------------------------------------------------------------- PDFs
python3 grid.py 000 "$OUT/reportlab-grid-000.pdf"
python3 grid.py 001 "$OUT/reportlab-grid-001.pdf"
python3 grid.py 003 "$OUT/reportlab-grid-003.pdf"
python3 grid.py 004 "$OUT/reportlab-grid-004.pdf" --thousands

chromium_print() { # SEED OUTNAME
    mkdir -p "$WORK/intranet"
    page=$WORK/intranet/scheda-$1.html
    python3 intranet.py "$1" "$page"
    # no --no-pdf-header-footer: Chromium's default header and footer
    chromium --headless --no-sandbox --disable-gpu \
        --user-data-dir="$WORK/chromium-profile" \
        --print-to-pdf="$OUT/$2" "file://$page" >/dev/null 2>&1
}
chromium_print 000 chromium-intranet-000.pdf
chromium_print 001 chromium-intranet-001.pdf
chromium_print 002 chromium-intranet-002.pdf
chromium_print 003 chromium-intranet-003.pdf

# ------------------------------------------------------- saved web pages
chromium_save() { # PAGE OUTNAME: the page as Chromium saves it (its DOM, serialized)
    chromium --headless --no-sandbox --disable-gpu \
        --user-data-dir="$WORK/chromium-profile" \
        --dump-dom "file://$1" > "$OUT/$2" 2>/dev/null
}
chromium_save "$WORK/intranet/scheda-000.html" chromium-saved-intranet-000.html
chromium_save "$WORK/intranet/scheda-003.html" chromium-saved-intranet-003.html
python3 saved.py cp1252 "$WORK/intranet/scheda-001.html" "$OUT/saved-cp1252-intranet-001.html"
python3 saved.py one-line "$WORK/intranet/scheda-002.html" "$OUT/saved-one-line-intranet-002.html"
fixture() { ls "$HERE"/../fixtures/"$1"_*.expected.json; }
python3 ../pdfs/html_portal.py "$(fixture 003)" "$WORK/portal-003.html"
chromium_save "$WORK/portal-003.html" chromium-saved-portal-003.html
python3 ../pdfs/html_ifel.py "$(fixture 004)" "$WORK/ifel-004.html"
chromium_save "$WORK/ifel-004.html" chromium-saved-ifel-004.html

python3 sheets.py long 002 "$WORK/print-it-002.xlsx" --at C5 --print --no-notes
lo it-IT pdf "$WORK/print-it-002.xlsx" libreoffice-it-002.pdf
python3 sheets.py long 001 "$WORK/print-en-001.xlsx" --print --no-notes
lo en-US pdf "$WORK/print-en-001.xlsx" libreoffice-en-001.pdf
python3 sheets.py long 004 "$WORK/print-en-004.xlsx" --at B3 --print
lo en-US pdf "$WORK/print-en-004.xlsx" libreoffice-en-004.pdf

for f in "$OUT"/*.pdf; do
    python3 "$HERE/../pdfs/fixpdf.py" "$f" 20250410093000
    pdftotext -layout "$f" "${f%.pdf}.layout.txt"
done
rm -rf "$WORK"
python3 manifest.py "$OUT" "$HERE/manifest.json"
# the corpus itself, without scheda: the sheets and CSVs hold their seeds' values
python3 verify.py "$OUT" "$HERE/manifest.json"
