"""An ATS table: one row per Comune, one column per field, headed in
people's words (not scheda's field paths).

usage: ats.py OUT.(xlsx|csv) --seeds 000,001 --style A|B|C|D
              --comune Comune|Denominazione|Ente [--provincia] [--codice]
              [--title TEXT] [--sep ';'] [--encoding utf-8] [--notation it|en]

Header styles (M12, users of the year Y = 2024):
  A  `M12 Utenti 2024`       B  `Utenti 2024 (M12)`
  C  `M12 - Numero di utenti serviti - 2024` (the form's own column titles)
  D  `M12_utenti_2024`
  E  `M12 Utenti` (the year Y nowhere: scheda needs --edizione)
Comuni the seed leaves unnamed get the names in NAMES (the manifest lists
them as values the table adds).
"""

import argparse
import csv
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

import common
import layout

NAMES = {"000": ("GARLASCO", "PV"), "001": ("LOVERE", "BG"), "002": ("VOLPEDO", "AL")}

# Short names of the single-value rows, as a person heads a column.
SHORT = {
    "R0C": "Denominazione ATS", "R0D": "Ente capofila ATS",
    "R0E": "Abitanti per assistente sociale ATS",
    "R01A": "Assistenti sociali ATS", "R01B": "Abitanti per assistente sociale",
    "R02X": "Psicologi", "R02Y": "Educatori socio-pedagogici", "R02A": "Altre figure ATS",
    "R03": "Abitanti", "R04": "Livello servizio effettivo", "R05": "Livello servizio riferimento",
    "R06": "Fabbisogno standard", "R08": "Risorse aggiuntive", "R09": "Risorse da rendicontare",
    "R13": "Spesa aumento utenti", "R14": "Spesa trasferita ATS", "R15": "Totale obiettivi",
}


def words(campo, y):
    return {
        "utenti_2019": "Utenti 2019", "utenti": f"Utenti {y}", "ore": f"Ore {y}",
        "media_ore": f"Media ore {y}", "anno_2020": "2020", "anno": str(y),
        "anno_2017": "Spesa storica 2017", "anno_2021": "Spesa storica 2021",
        "numero": "Numero", "modalita": "Modalità", "spesa": "Spesa aggiuntiva",
        "descrizione": "Descrizione", "relazione": "Relazione",
    }[campo]


def header(style, row, h, campo, y):
    code = row.code
    if row.kind == "question":
        return {"A": f"{code} Risposta", "E": f"{code} Risposta", "B": f"Risposta ({code})", "C": row.label,
                "D": f"{code}_risposta"}[style]
    if campo is None:
        name = SHORT.get(code, "")
    else:
        name = words(campo, y)
        if style == "E":  # no reporting year anywhere
            name = name.replace(f" {y}", "").replace(str(y), "anno")
    if code in ("R01", "R02") and campo:
        name = f"Assistenti sociali {name}" if code == "R01" else f"Altre figure {name}"
    if style in "AE":
        return f"{code} {name}"
    if style == "B":
        return f"{name} ({code})"
    if style == "C":
        label = row.label[len(row.label.split(" ")[0]):].lstrip(" -")
        if row.kind == "free":
            return row.label
        if campo in ("utenti_2019", "utenti", "ore", "media_ore", "numero", "modalita", "spesa"):
            return f"{code} - {h}" if h else f"{code} - {label}"
        if campo in ("anno_2020", "anno", "anno_2017", "anno_2021"):
            return f"{code} - {label} - {h}"
        return f"{code} - {label}"
    snake = name.lower().replace(" ", "_").replace("à", "a")
    return f"{code}_{snake}"


def table(seeds, style, comune, provincia, codice):
    models = [common.load(s) for s in seeds]
    y = models[0]["anno"]
    first = common.rows(models[0])
    head = [comune] + (["Provincia"] if provincia else []) + (["Codice"] if codice else [])
    for r in first:
        for h, campo, _ in r.cols:
            head.append(header(style, r, h, campo, y))
    body = []
    for s, d in zip(seeds, models):
        name, prov = NAMES.get(s, (d["ente"]["denominazione"], d["ente"]["provincia"]))
        line = [name] + ([prov] if provincia else []) + ([d["ente"]["codice"] or ""] if codice else [])
        by_code = {r.code: r for r in common.rows(d)}
        for r in first:
            for _h, campo, v in by_code[r.code].cols:
                line.append((r.code, campo, v))
        body.append(line)
    return head, body


def cell_text(c, notation):
    if isinstance(c, tuple):
        return layout.text_cell(c[2], c[0], c[1], notation)
    return c or ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seeds", required=True)
    ap.add_argument("--style", required=True, choices="ABCDE")
    ap.add_argument("--comune", default="Comune")
    ap.add_argument("--provincia", action="store_true")
    ap.add_argument("--codice", action="store_true")
    ap.add_argument("--title")
    ap.add_argument("--sep", default=";")
    ap.add_argument("--encoding", default="utf-8")
    ap.add_argument("--notation", default="it")
    a = ap.parse_args()
    head, body = table(a.seeds.split(","), a.style, a.comune, a.provincia, a.codice)
    if a.out.endswith(".csv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=a.sep, lineterminator="\r\n")
        if a.title:
            w.writerow([a.title])
        w.writerow(head)
        for line in body:
            w.writerow([cell_text(c, a.notation) for c in line])
        with open(a.out, "w", encoding=a.encoding, newline="") as f:
            f.write(buf.getvalue())
        return
    wb = Workbook()
    from sheets import fixed_properties
    fixed_properties(wb)
    ws = wb.active
    ws.title = "Comuni ATS"
    r0 = 1
    if a.title:
        ws.cell(row=1, column=1, value=a.title).font = Font(bold=True, size=12)
        r0 = 3
    for i, h in enumerate(head):
        c = ws.cell(row=r0, column=i + 1, value=h)
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(i + 1)].width = 24 if i == 0 else 13
    ws.freeze_panes = ws.cell(row=r0 + 1, column=2)
    for j, line in enumerate(body):
        for i, c in enumerate(line):
            cell = ws.cell(row=r0 + 1 + j, column=i + 1)
            if isinstance(c, tuple):
                code, campo, v = c
                if isinstance(v, bool) or v is None:
                    cell.value = common.answer(v) if isinstance(v, bool) else None
                elif isinstance(v, Decimal):
                    cell.value = float(v)
                    cell.number_format = "0.00" if common.places(code, campo) else "0"
                else:
                    cell.value = v
            else:
                cell.value = c
    wb.save(a.out)
    common.fix_xlsx(a.out)


if __name__ == "__main__":
    main()
