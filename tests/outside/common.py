"""Shared pieces of the outside corpus generators (tests/outside/make.sh).

A seed's canonical JSON (tests/fixtures/NNN_*.expected.json) is turned into
the form's items, in the printed order, with the wording of
tests/pdfs/form.py (transcribed from the seed texts, independent of
scheda's templates/).  Each row item carries its model fields, so that a
generator can write typed values (numbers, dates, SI/NO) where a person
would, or text in any notation.
"""

import datetime
import os
import sys
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIX = os.path.join(ROOT, "tests", "fixtures")
sys.path.insert(0, os.path.join(ROOT, "tests", "pdfs"))
import form as formmod  # noqa: E402

SEEDS = {
    "000": "000_67ecfe3c12e4f28c",
    "001": "001_c36fd2931944160a",
    "002": "002_7dd651adceaafbf1",
    "003": "003_a8faf5e3924ac3ee",
    "004": "004_7444e9ac6383849b",
}

# Fixed document dates (openpyxl, reportlab): the corpus is rebuilt byte
# for byte where the tools allow.
FIXED = datetime.datetime(2025, 4, 10, 9, 30, 0)


def load(seed):
    """The seed's model, decimals kept as written."""
    return formmod.load(os.path.join(FIX, SEEDS[seed] + ".expected.json"))


def model_code(printed):
    """`ROA` -> `R0A`; `R00C` -> `R0C`."""
    c = {"ROA": "R0A", "ROB": "R0B"}.get(printed, printed)
    if c.startswith("R00"):
        c = "R0" + c[3:]
    return c


def quadro_of(d, code):
    for q in ("quadro1", "quadro2", "quadro3"):
        if code in d[q]:
            return q
    return "quadro4"


class Row:
    """One row of the form: code, printed label, [(header, campo, value)]."""

    def __init__(self, kind, code, label, cols, quadro):
        self.kind, self.code, self.label, self.cols, self.quadro = kind, code, label, cols, quadro

    def __repr__(self):
        return f"Row({self.code}, {self.cols})"


def items(d):
    """[(quadro number, item)] in printed order; row-like items become Row.

    Other items stay as form.py gives them: ("group", text), ("bar", text),
    ("note", text), ("sentences", [...]), ("caption", text), ("header", [...]).
    """
    f = formmod.Form(d)
    out = []
    for qn, _band, page in f.pages():
        for it in page:
            kind = it[0]
            if kind in ("row", "wide"):
                label = it[1]
                code = model_code(label.split(" ")[0])
                q = quadro_of(d, code)
                v = d[q][code]
                heads = [h for h, _ in it[2]] if kind == "row" else [None]
                if isinstance(v, dict):
                    campi = list(v.keys())
                    cols = [(h, c, v[c]) for h, c in zip(heads, campi)]
                else:
                    cols = [(heads[0], None, v)]
                out.append((qn, Row("row", code, label, cols, q)))
            elif kind == "question":
                label = it[1]
                code = label.split(" ")[0]
                v = d["quadro4"].get("risposte", {}).get(code)
                out.append((qn, Row("question", code, label, [("Risposta", None, v)], "quadro4")))
            elif kind == "free":
                out.append((qn, Row("free", it[1].split(" ")[0], it[1],
                                    [(None, "relazione", d["quadro4"]["relazione"])], "quadro4")))
            else:
                out.append((qn, it))
    return out


def rows(d):
    return [it for _, it in items(d) if isinstance(it, Row)]


def fields(d):
    """Every model field of the form as (code, campo, value), in order."""
    return [(r.code, c, v) for r in rows(d) for _h, c, v in r.cols]


def places(code, campo):
    """Decimal places the form prints for a field; 0 for counts."""
    if campo in ("utenti_2019", "utenti", "ore") or code in ("R01B", "R03", "R0E"):
        return 0
    return 2


def it_number(v, nplaces, thousands=True):
    """1984440.83 -> '1.984.440,83' (Italian notation, as text)."""
    if v is None:
        return ""
    q = Decimal(v).quantize(Decimal(1).scaleb(-nplaces), rounding=ROUND_HALF_UP)
    s = f"{q:,.{nplaces}f}" if thousands else f"{q:.{nplaces}f}"
    return s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def en_number(v, nplaces, thousands=False):
    if v is None:
        return ""
    q = Decimal(v).quantize(Decimal(1).scaleb(-nplaces), rounding=ROUND_HALF_UP)
    return f"{q:,.{nplaces}f}" if thousands else f"{q:.{nplaces}f}"


def iso_date(iso):
    """'2025-03-25T11:18' -> datetime (or None)."""
    return datetime.datetime.fromisoformat(iso) if iso else None


def printed_ratio(code, v, soc26, number):
    """R0E and R01B as the form prints them (`number` formats the count),
    or None for any other row."""
    if code == "R0E":
        if v is None:
            return "NON CALCOLABILE"
        return f"1 assistente sociale ogni:{' ' if soc26 else '  '}{number(v)} abitanti"
    if code == "R01B":
        return f"1 assistente ogni : {number(v)}"
    return None


def answer(v):
    return "" if v is None else ("SI" if v else "NO")


def title(d):
    return formmod.TITLE.format(ed=d["edizione"], y=d["anno"])


def fix_xlsx(path):
    """Make a zipped workbook reproducible: openpyxl stamps the time of the
    save in docProps/core.xml, openpyxl and LibreOffice in every zip entry."""
    import re
    import zipfile
    stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path) as z:
        parts = [(i.filename, i.compress_type, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for name, method, data in parts:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            info = zipfile.ZipInfo(name, date_time=FIXED.timetuple()[:6])
            info.compress_type = method  # an .ods keeps its `mimetype` stored
            z.writestr(info, data)


if __name__ == "__main__" and sys.argv[1:2] == ["fix-zip"]:
    fix_xlsx(sys.argv[2])
