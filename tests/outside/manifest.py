"""Write tests/outside/manifest.json (what each file of the corpus carries)
and the file table of tests/outside/README.md, from the table below.

usage: manifest.py FILES_DIR manifest.json

Each entry: the file, the program that made it, the seed(s) it carries (an
ATS table several, one per row, in order), extra scheda options, what makes
it hard, and `differs`: the fields where the file cannot carry the seed's
value or carries another one (JSON pointer into the model, the value the
file gives, the reason).  The test (tests/integration/outside.rs) reads
every file and compares it with the seed's model changed by `differs`.
"""

import json
import os
import re
import subprocess
import sys

import openpyxl
import reportlab

import ats
import common

HERE = os.path.dirname(os.path.abspath(__file__))


def version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except Exception:  # noqa: BLE001 - a missing tool leaves its version unknown
        return "unknown"


def tools():
    return {
        "openpyxl": f"openpyxl {openpyxl.__version__} (Python {sys.version.split()[0]})",
        "reportlab": f"reportlab {reportlab.Version}",
        "libreoffice": version(["soffice", "--version"]),
        "chromium": version(["chromium", "--version"]).split(" built")[0],
        "pdftotext": version(["pdftotext", "-v"]),
    }


def ats_differs(seeds, provincia=False, codice=False):
    """What an ATS table changes: it names every Comune (the seeds 000-002
    do not), has a Provincia column or not, no date of the form."""
    out = []
    for s in seeds:
        e = common.load(s)["ente"]
        if s in ats.NAMES:
            out.append((s, "/ente/denominazione", ats.NAMES[s][0],
                        "an ATS table names every Comune; the seed's form does not name it"))
        if provincia and s in ats.NAMES:
            out.append((s, "/ente/provincia", ats.NAMES[s][1], "the table's Provincia column"))
        if not provincia and e["provincia"]:
            out.append((s, "/ente/provincia", None, "the table has no Provincia column"))
        if not codice and e["codice"]:
            out.append((s, "/ente/codice", None, "the table has no Codice column"))
        if e["data"]:
            out.append((s, "/ente/data", None, "an ATS table carries no date of the form"))
    return out


R04_TWO = [("004", "/quadro1/R04", 33.63,
            "the cell's number format prints two decimals (the seed's R04 has six)")]

# file, program, seeds, options, hard, differs
FILES = [
    ("openpyxl-long-c5-formulas-001.xlsx", "openpyxl", ["001"], [],
     "the form from C5 under a merged title, a notes column, column headers repeated per group, "
     "a real date; R0B =SUM(...), means =ore/utenti (=IF(utenti=0,0,...) where 0) and R04 "
     "=R0B/R03*100 are formulas WITHOUT cached results", []),
    ("openpyxl-long-formulas-003.xlsx", "openpyxl", ["003"], [],
     "SOC26 (ROA/ROB printed with O, R02X/R02Y/R02A), formulas without cached results, "
     "Codice and Data ultima modifica in a header block", []),
    ("openpyxl-long-text-numbers-002.xlsx", "openpyxl", ["002"], [],
     "every number typed as Italian text (`53.895,69`, `2.420,47`), form from B4, Quadro 3 "
     "compiled, notes column", []),
    ("openpyxl-quadri-text-numbers-003.xlsx", "openpyxl", ["003"], [],
     "one sheet per quadro (`Quadro 1`..`Quadro 4`), numbers as Italian text, SOC26", []),
    ("openpyxl-ats-m12-utenti-2024.xlsx", "openpyxl", ["000", "001", "002", "004"], [],
     "ATS table, headers `M12 Utenti 2024`, `R01 Assistenti sociali 2020`, `R16 Risposta`; "
     "Comune column `Comune`; a title row and an empty row above the header", None),
    ("openpyxl-ats-snake-case.xlsx", "openpyxl", ["004", "002"], [],
     "ATS table, headers `M12_utenti_2019`, `R03_abitanti`; `Denominazione`, `Provincia`, "
     "`Codice` (empty) columns", ("provincia", "codice")),
    ("libreoffice-long-c5-004.ods", "libreoffice", ["004"], [],
     "`.ods` (LibreOffice, from an openpyxl workbook), form from C5, R04 with six decimals, "
     "integer means, Comune and Provincia in a header block", []),
    ("libreoffice-long-d2-003.xlsm", "libreoffice", ["003"], [],
     "`.xlsm` (a macro-enabled workbook, as LibreOffice saves it), SOC26, form from D2, "
     "Comune, Codice and Data ultima modifica in a header block", []),
    ("libreoffice-ats-parenthesis.ods", "libreoffice", ["001", "000"], [],
     "`.ods` ATS table, headers `Utenti 2024 (M12)`; Comune column `Ente`", None),
    ("libreoffice-long-formulas-000.xls", "libreoffice", ["000"], [],
     "`.xls` (Excel 97 BIFF8), formulas (SUM, ROUND(ore/utenti;2), ROUND(R0B/R03*100;2)) "
     "with the results LibreOffice computed, long relazione "
     "on the line under its label", []),
    ("libreoffice-ats-form-headers.xls", "libreoffice", ["002", "004", "001"], [],
     "`.xls` ATS table, headers in the form's words `M12 - Numero di utenti serviti - 2024`, "
     "`R03 - Numero di abitanti`, question labels in full", None),
    ("libreoffice-xls-named-xlsx-002.xlsx", "libreoffice", ["002"], [],
     "an Excel 97 `.xls` file named `.xlsx`", []),
    ("csv-form-semicolon-utf8bom-004.csv", "python csv", ["004"], [],
     "the long layout as CSV: `;`, UTF-8 with BOM, Italian notation (`1.984.440,83`, `1.131`)", []),
    ("csv-form-semicolon-cp1252-003.csv", "python csv", ["003"], [],
     "CSV `;`, Windows-1252 (accented labels), Italian notation, SOC26", []),
    ("csv-form-comma-utf8-000.csv", "python csv", ["000"], [],
     "CSV `,`, UTF-8 without BOM, plain notation (`124120.25`), quoted fields with commas and "
     "a long relazione", []),
    ("csv-ats-comma-cp1252.csv", "python csv", ["000", "002"], [],
     "ATS CSV `,`, Windows-1252, plain notation, headers `Utenti 2024 (M12)`", None),
    ("csv-ats-semicolon-utf8.csv", "python csv", ["004", "001", "000"], [],
     "ATS CSV `;`, UTF-8, Italian notation, a title line, headers in the form's words, Comune "
     "column `Ente`", None),
    ("csv-ats-no-year.csv", "python csv", ["002", "001"], ["--edizione", "SOC25"],
     "ATS CSV whose headers name no reporting year (`M12 Utenti`, `M12 Utenti 2019`, `R01 "
     "Assistenti sociali anno`) nor the edition: read with `--edizione SOC25`", None),
    ("csv-ats-soc26-semicolon-utf8bom.csv", "python csv", ["003"], [],
     "ATS CSV of one SOC26 Comune, `;`, UTF-8 with BOM, headers `M12 Utenti 2025`, "
     "`Denominazione` and `Codice` columns", ("codice",)),
    ("reportlab-grid-000.pdf", "reportlab", ["000"], [],
     "another report engine: label/value grid, the headers of R01, R02, R07... printed beside "
     "the LAST line of the wrapped label and the values on the line under them; user rows under "
     "one wrapped group header; running header and `Pagina n` footer", []),
    ("reportlab-grid-003.pdf", "reportlab", ["003"], [], "the same engine, SOC26", []),
    ("reportlab-grid-001.pdf", "reportlab", ["001"], [],
     "the same engine, Quadro 4 answered: each SI/NO on the line under its `Risposta` header, "
     "right above the next question's code", []),
    ("reportlab-grid-004.pdf", "reportlab", ["004"], [],
     "the same engine with dotted thousands (`1.984.440,83`, `81.489`, `1 assistente ogni : 1.331`) "
     "and R04 with six decimals", []),
    ("chromium-intranet-000.pdf", "chromium", ["000"], [],
     "the same, seed 000 (Quadro 3 not due: R09 0,00)", []),
    ("chromium-intranet-001.pdf", "chromium", ["001"], [],
     "a municipality's intranet page printed by Chromium with its DEFAULT header (date and time "
     "of the print, page title) and footer (file:// address, n/N); navigation bar, breadcrumb, "
     "numbers with dotted thousands", []),
    ("chromium-intranet-002.pdf", "chromium", ["002"], [],
     "the same, Quadro 3 compiled, section 4 answered", []),
    ("chromium-intranet-003.pdf", "chromium", ["003"], [], "the same, SOC26", []),
    ("chromium-saved-intranet-000.html", "chromium", ["000"], [],
     "the intranet page saved by Chromium (its DOM serialized, as \"Save page as, complete\" "
     "does): navigation bar, breadcrumb, styles, each row a table row", []),
    ("chromium-saved-intranet-003.html", "chromium", ["003"], [], "the same, SOC26", []),
    ("saved-cp1252-intranet-001.html", "python", ["001"], [],
     "the intranet page in Windows-1252, its meta tag saying so (an older editor's save)", []),
    ("saved-one-line-intranet-002.html", "python", ["002"], [],
     "the intranet page minified: no line break between its tags", []),
    ("chromium-saved-portal-003.html", "chromium", ["003"], [],
     "a page laid out as the portal's (tests/pdfs/html_portal.py) saved by Chromium: a line of "
     "column titles then the label and the values, Quadro 3 values in `<input>` fields", []),
    ("chromium-saved-ifel-004.html", "chromium", ["004"], [],
     "a page laid out as IFEL's (tests/pdfs/html_ifel.py) saved by Chromium: its tables' cells "
     "apart, R00C/R00D/R00E, answers SI/NO in cells, an empty report `<textarea>`", []),
    ("libreoffice-it-002.pdf", "libreoffice", ["002"], [],
     "a workbook exported to PDF by LibreOffice in an Italian locale (`#,##0.00` shows "
     "`53.895,69`), landscape, fit to width, LibreOffice's sheet-name header and page footer", []),
    ("libreoffice-en-001.pdf", "libreoffice", ["001"], [],
     "the same in an English locale: `7,390` hours and `461.88` means", []),
    ("libreoffice-en-004.pdf", "libreoffice", ["004"], [],
     "English locale, notes column, `1,984,440.83`; R04 shown by its two-decimal format",
     R04_TWO),
]


def entry(name, program, seeds, options, hard, differs):
    if differs is None:
        differs = ats_differs(seeds)
    elif isinstance(differs, tuple):
        differs = ats_differs(seeds, provincia="provincia" in differs, codice="codice" in differs)
    return {
        "file": name,
        "program": program,
        "seeds": seeds,
        "options": options,
        "hard": hard,
        "differs": [{"seed": s, "pointer": p, "value": v, "reason": r} for s, p, v, r in differs],
    }


def main():
    files_dir, out = sys.argv[1:3]
    entries = []
    for row in FILES:
        e = entry(*row)
        entries.append(e)
        if e["file"].endswith(".pdf"):
            t = dict(e, file=e["file"][:-4] + ".layout.txt", program="pdftotext",
                     hard="`pdftotext -layout` of " + e["file"] + ": columns aligned with spaces")
            entries.append(t)
    made = sorted(os.listdir(files_dir))
    listed = sorted(e["file"] for e in entries)
    if made != listed:
        sys.exit(f"manifest.py: files and table differ: {sorted(set(made) ^ set(listed))}")
    v = tools()
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"tools": v, "files": entries}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    # the file table of README.md, between its markers
    readme = os.path.join(HERE, "README.md")
    text = open(readme, encoding="utf-8").read()
    rows = ["| file | made with | seed(s) | what makes it hard |", "|---|---|---|---|"]
    for e in entries:
        tool = v.get(e["program"], e["program"]) if e["program"] != "python csv" else \
            f"Python {sys.version.split()[0]} csv"
        if e["program"] == "pdftotext":
            tool = v["pdftotext"]
        if e["program"] == "python":
            tool = f"Python {sys.version.split()[0]}"
        note = e["hard"]
        if e["differs"]:
            note += "; differs: " + ", ".join(
                f"{d['seed']} {d['pointer']} = {json.dumps(d['value'], ensure_ascii=False)}"
                for d in e["differs"])
        rows.append(f"| `{e['file']}` | {tool} | {', '.join(e['seeds'])} | {note} |")
    table = "\n".join(rows)
    text = re.sub(r"(<!-- files -->\n).*?(<!-- /files -->)",
                  lambda m: m.group(1) + table + "\n" + m.group(2), text, flags=re.S)
    with open(readme, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
