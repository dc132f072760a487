"""One form as a spreadsheet a clerk made: XLSX with openpyxl, or CSV.

usage:
  sheets.py long SEED OUT.xlsx [--at C5] [--formulas [--round]] [--text-numbers]
            [--no-notes] [--print]       one sheet, the whole form
  sheets.py quadri SEED OUT.xlsx [--text-numbers]
                                         one sheet per quadro
  sheets.py csv SEED OUT.csv --sep ';' --encoding utf-8-sig|utf-8|cp1252
            --notation it|en             the long layout as CSV

--print sets number formats with thousands separators and a page set-up
that fits the width (for LibreOffice's PDF export in a given locale).
"""

import argparse
import csv
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

import common
import layout

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
FILL = PatternFill("solid", fgColor="DDE6F0")


def fixed_properties(wb):
    wb.properties.creator = "Ufficio Servizi Sociali"
    wb.properties.lastModifiedBy = "Ufficio Servizi Sociali"
    wb.properties.created = common.FIXED
    wb.properties.modified = common.FIXED


def number_format(v, code, campo, printing):
    if isinstance(v, bool) or not isinstance(v, (int, Decimal)):
        return None
    n = common.places(code, campo)
    if printing:
        return "#,##0" if n == 0 else "#,##0.00"
    return "0" if n == 0 else "0.00"


def write_grid(ws, lines, row0, col0, text_numbers=False, printing=False, widths=None):
    """Write `lines` from (row0, col0) (1-based); returns the last row."""
    where = {}
    r = row0
    for ln in lines:
        for (code, campo), c in ln.refs.items():
            where[(code, str(campo))] = f"{get_column_letter(col0 + c)}{r}"
        r += 1
    r = row0
    width = max(len(ln.cells) for ln in lines)
    widths = widths or [11, 62, 16, 16, 18, 18, 30]
    for ln in lines:
        # the height a person gives a row of wrapped text (LibreOffice and
        # Excel do not size the rows of a file openpyxl wrote)
        if ln.style in ("head", "row"):
            need = 1
            for i, v in enumerate(ln.cells[: len(widths)]):
                if isinstance(v, str) and (i == 1 or ln.style == "head"):
                    need = max(need, -(-len(v) * 11 // (widths[i] * 10)))
            if need > 1:
                ws.row_dimensions[r].height = 12.75 * need
        back = {c: k for k, c in ln.refs.items()}
        for i, v in enumerate(ln.cells):
            cell = ws.cell(row=r, column=col0 + i)
            code, campo = back.get(i, (None, None))
            if isinstance(v, layout.Formula):
                text = v.text
                for key, addr in where.items():
                    text = text.replace("{%s.%s}" % key, addr)
                cell.value = text
                fmt = "0.00" if code != "R0B" else "0"
                cell.number_format = fmt if not printing else ("#,##0" if code == "R0B" else "#,##0.00")
            elif isinstance(v, bool):
                cell.value = common.answer(v)
            elif isinstance(v, (int, Decimal)) and code is not None:
                if text_numbers:
                    cell.value = layout.text_cell(v, code, campo, "it")
                    cell.alignment = Alignment(horizontal="right")
                else:
                    cell.value = float(v) if isinstance(v, Decimal) else v
                    cell.number_format = number_format(v, code, campo, printing)
            elif hasattr(v, "strftime"):
                cell.value = v
                cell.number_format = "DD/MM/YYYY HH:MM"
            else:
                cell.value = v if v != "" else None
            if ln.style in ("head", "group", "meta") and i < 2 or ln.style == "head":
                cell.font = BOLD
            if ln.style == "head":
                cell.fill = FILL
                cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            if ln.style == "row" and i == 1:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if ln.refs and ("relazione" in [k[1] for k in ln.refs]) and i == 1:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if ln.style in ("title", "subtitle", "quadro"):
            c = ws.cell(row=r, column=col0)
            c.font = TITLE if ln.style != "subtitle" else Font(italic=True)
            ws.merge_cells(start_row=r, start_column=col0, end_row=r, end_column=col0 + width - 1)
        if ln.style == "group":
            ws.merge_cells(start_row=r, start_column=col0 + 1, end_row=r, end_column=col0 + width - 1)
        r += 1
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(col0 + i)].width = w
    return r - 1


def long_sheet(args):
    d = common.load(args.seed)
    wb = Workbook()
    fixed_properties(wb)
    ws = wb.active
    ws.title = "Scheda " + d["edizione"]
    col, row = coordinate_from_string(args.at)
    lines = layout.form_grid(d, formulas=args.formulas, notes=not args.no_notes,
                             rounded=args.round)
    write_grid(ws, lines, row, column_index_from_string(col),
               text_numbers=args.text_numbers, printing=args.print)
    if args.print:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(args.out)
    common.fix_xlsx(args.out)


def quadri_sheets(args):
    d = common.load(args.seed)
    wb = Workbook()
    fixed_properties(wb)
    lines = layout.form_grid(d, notes=False, quadro_lines=True)
    # split at the quadro lines; the header block stays on the first sheet
    parts, cur = [], []
    for ln in lines:
        if ln.style == "quadro" and any(x.style == "quadro" for x in cur):
            parts.append(cur)
            cur = []
        if ln.style != "blank" or cur:
            cur.append(ln)
    parts.append(cur)
    for i, part in enumerate(parts):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = f"Quadro {i + 1}"
        write_grid(ws, part, 1, 1, text_numbers=args.text_numbers,
                   widths=[11, 70, 14, 14, 16, 16])
    wb.save(args.out)
    common.fix_xlsx(args.out)


def csv_form(args):
    d = common.load(args.seed)
    lines = layout.form_grid(d, notes=False)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=args.sep, lineterminator="\r\n")
    for ln in lines:
        back = {c: k for k, c in ln.refs.items()}
        out = []
        for i, v in enumerate(ln.cells):
            code, campo = back.get(i, (None, None))
            if code is not None or not isinstance(v, (int, Decimal)):
                out.append(layout.text_cell(v, code, campo, args.notation))
            else:
                out.append(str(v))
        w.writerow(out)
    with open(args.out, "w", encoding=args.encoding, newline="") as f:
        f.write(buf.getvalue())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["long", "quadri", "csv"])
    ap.add_argument("seed")
    ap.add_argument("out")
    ap.add_argument("--at", default="A1")
    ap.add_argument("--formulas", action="store_true")
    ap.add_argument("--round", action="store_true")
    ap.add_argument("--text-numbers", action="store_true")
    ap.add_argument("--no-notes", action="store_true")
    ap.add_argument("--print", action="store_true")
    ap.add_argument("--sep", default=";")
    ap.add_argument("--encoding", default="utf-8")
    ap.add_argument("--notation", default="it")
    args = ap.parse_args()
    {"long": long_sheet, "quadri": quadri_sheets, "csv": csv_form}[args.kind](args)


if __name__ == "__main__":
    main()
