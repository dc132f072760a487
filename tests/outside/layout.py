"""The form laid out as a clerk lays it out in a spreadsheet: a grid of
lines (title, header block, one line per row under its column headers,
headings, notes), written by sheets.py to XLSX (openpyxl) or CSV.

A cell is a typed value (int, Decimal, str, datetime, None) or a Formula
whose `{CODE.campo}` references sheets.py resolves to cell addresses.
"""

from decimal import Decimal

import common

NOTES = {
    "M12": "dati forniti dall'Ufficio di Piano",
    "M30": "compresi servizi di segretariato",
    "R03": "fonte Istat",
    "R05": "precompilato dal Ministero",
    "R06": "precompilato",
    "R08": "vedi determina di accertamento",
}


class Formula:
    def __init__(self, text):
        self.text = text


class Line:
    """One line of the grid: `style` says how it is drawn, `cells` from
    the layout's first column; `refs` maps (code, campo) to the column of
    this line that holds it."""

    def __init__(self, style, cells, refs=None):
        self.style, self.cells, self.refs = style, cells, refs or {}


def head_of(h, campo):
    if h:
        return h
    return {"relazione": "Testo", "descrizione": "Descrizione"}.get(campo, "Valore")


def form_grid(d, formulas=False, notes=True, quadro_lines=True, header_block=True, rounded=False):
    """The grid of one form. With `formulas`, R0B is a SUM over the user
    rows, each mean is =ore/utenti and R04 is =R0B/R03*100 (no cached
    result: openpyxl cannot compute one)."""
    ed, y = d["edizione"], d["anno"]
    ente = d["ente"]
    lines = [Line("title", [common.title(d)]),
             Line("subtitle", ["Elaborazione dell'Ufficio Servizi Sociali - bozza per la Giunta"]),
             Line("blank", [])]
    if header_block:
        if ente["denominazione"]:
            lines.append(Line("meta", ["Comune", ente["denominazione"]]))
        if ente["provincia"]:
            lines.append(Line("meta", ["Provincia", ente["provincia"]]))
        if ente["codice"]:
            lines.append(Line("meta", ["Codice indentificativo", ente["codice"]]))
        if ente["data"]:
            label = "Data ultima modifica" if ed == "SOC26" else "Data"
            lines.append(Line("meta", [label, common.iso_date(ente["data"])]))
        lines.append(Line("blank", []))
    last_heads, last_q = None, None
    titles = {1: "QUADRO 1 - Autodiagnosi del numero di utenti serviti",
              2: "QUADRO 2 - Autodiagnosi della spesa per il sociale",
              3: f"QUADRO 3 - Obiettivi di servizio {y}",
              4: "QUADRO 4 - Relazione"}
    for qn, it in common.items(d):
        if qn != last_q:
            if last_q is not None:
                lines.append(Line("blank", []))
            if quadro_lines:
                lines.append(Line("quadro", [titles[qn]]))
            last_q, last_heads = qn, None
        if not isinstance(it, common.Row):
            if it[0] in ("group", "bar"):
                lines.append(Line("group", ["", it[1]]))
                last_heads = None
            continue
        r = it
        heads = tuple(head_of(h, c) for h, c, _ in r.cols)
        if heads != last_heads:
            cells = ["Codice", "Descrizione"] + list(heads)
            if notes:
                cells += [""] * (6 - len(cells)) + ["Note"]
            lines.append(Line("head", cells))
            last_heads = heads
        label = r.label[len(r.label.split(" ")[0]):].lstrip(" -")
        if r.kind == "free":  # the text on the line under its label
            lines.append(Line("row", [r.label.split(" ")[0], label]))
            lines.append(Line("row", ["", r.cols[0][2]], {(r.code, "relazione"): 1}))
            continue
        cells = [r.label.split(" ")[0], label]
        refs = {}
        for i, (_h, campo, v) in enumerate(r.cols):
            refs[(r.code, campo)] = 2 + i
            if r.kind == "question":
                v = common.answer(v)
            if r.code == "R0E" and v is None:
                v = "NON CALCOLABILE"
            cells.append(v)
        if notes:
            cells += [""] * (6 - len(cells)) + [NOTES.get(r.code, "")]
        lines.append(Line("row", cells, refs))
    if formulas:
        add_formulas(d, lines, rounded)
    return lines


def add_formulas(d, lines, rounded):
    """Replace derived values by formulas (R0B, means, R04); `rounded`
    wraps the means and R04 in ROUND(...; 2), as careful people do, so that
    a computed result is the form's two-decimal value."""

    def r2(f):
        return f"=ROUND({f[1:]},2)" if rounded else f
    users = [c for c in d["quadro1"] if c[0] == "M" or c == "R0A"]
    for ln in lines:
        if ln.style != "row":
            continue
        for (code, campo), col in ln.refs.items():
            if code == "R0B":
                ln.cells[col] = Formula(f"=SUM({{{users[0]}.{campo}}}:{{{users[-1]}.{campo}}})")
            elif campo == "media_ore":
                ore, utenti = f"{{{code}.ore}}", f"{{{code}.utenti}}"
                if d["quadro1"][code]["utenti"]:
                    ln.cells[col] = Formula(r2(f"={ore}/{utenti}"))
                else:  # what people write after seeing #DIV/0!
                    ln.cells[col] = Formula(r2(f"=IF({utenti}=0,0,{ore}/{utenti})"))
            elif code == "R04":
                ln.cells[col] = Formula(r2("={R0B.utenti}/{R03.None}*100"))


def text_cell(v, code, campo, notation):
    """A cell's value as text in `notation` ('it' or 'en')."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return common.answer(v)
    if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
        n = common.places(code, campo)
        if isinstance(v, Decimal):
            n = max(n, -v.as_tuple().exponent)  # R04 33,629149 as given
        if notation == "it":
            return common.it_number(v, n)
        return common.en_number(v, n)
    if hasattr(v, "strftime"):
        return v.strftime("%d/%m/%Y %H:%M")
    return str(v)
