"""A report engine's print of the form, unlike the portal: reportlab,
DejaVu Sans, no side band, a two-column label/value grid.  The label
wraps in the left column; the column headers of a row are printed on the
line of the label's LAST line, in the right column, and the values on the
line under them (`R01 - Numero di assistenti sociali ...  2020  2024`
then `1,00  1,00`).  User rows print under a group header line instead.
A running header names the Comune, a footer `Pagina n`.

usage: grid.py SEED OUT.pdf [--thousands]
"""

import argparse
import os

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rlcanvas

import common

DEJAVU = "/usr/share/fonts/truetype/dejavu"
pdfmetrics.registerFont(TTFont("DV", os.path.join(DEJAVU, "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("DVB", os.path.join(DEJAVU, "DejaVuSans-Bold.ttf")))
pdfmetrics.registerFont(TTFont("DVI", os.path.join(DEJAVU, "DejaVuSans-Oblique.ttf")))

W, H = 595.28, 841.89
X0, X1 = 42.0, 553.0
LABEL_W = 270.0
RIGHT = X0 + LABEL_W + 12
TOP, BOTTOM = H - 70, 50
SIZE, LEAD = 7.6, 10.0


class Doc:
    def __init__(self, path, d, thousands):
        self.c = rlcanvas.Canvas(path, pagesize=(W, H), invariant=1)
        self.c.setTitle(f"Scheda {d['edizione']} - stampa")
        self.c.setAuthor("Sistema contabile comunale")
        self.c.setCreator("Report engine (reportlab)")
        self.d, self.page, self.thousands = d, 0, thousands
        name = d["ente"]["denominazione"]
        self.running = f"Comune di {name.title()}" if name else "Servizi sociali - ambito " + (d["quadro1"]["R0C"] or "")
        self.new_page()

    def new_page(self):
        if self.page:
            self.c.showPage()
        self.page += 1
        c = self.c
        c.setFont("DVB", 8)
        c.drawString(X0, H - 34, self.running)
        c.setFont("DV", 8)
        c.drawRightString(X1, H - 34, common.title(self.d))
        c.line(X0, H - 40, X1, H - 40)
        c.line(X0, 38, X1, 38)
        c.drawCentredString(W / 2, 26, f"Pagina {self.page}")
        self.y = TOP

    def need(self, h):
        if self.y - h < BOTTOM:
            self.new_page()

    def para(self, text, font="DV", size=SIZE, x=X0, width=X1 - X0, gap=3):
        lines = simpleSplit(text, font, size, width)
        self.need(len(lines) * LEAD)
        self.c.setFont(font, size)
        for ln in lines:
            self.c.drawString(x, self.y, ln)
            self.y -= LEAD
        self.y -= gap

    def fmt(self, code, campo, v):
        if v is None and code != "R0E":
            return ""
        if isinstance(v, bool):
            return common.answer(v)
        if isinstance(v, str):
            return v
        ratio = common.printed_ratio(code, v, self.d["edizione"] == "SOC26",
                                     lambda n: common.it_number(n, 0, thousands=self.thousands))
        if ratio:
            return ratio
        n = common.places(code, campo)
        n = max(n, -v.as_tuple().exponent) if not isinstance(v, int) else n
        return common.it_number(v, n, thousands=self.thousands)

    def columns(self, k):
        """x of the right edge of each of k value columns."""
        step = (X1 - RIGHT) / k
        return [RIGHT + step * (i + 1) for i in range(k)]

    def row(self, r, grouped_heads):
        label = r.label
        lines = simpleSplit(label, "DV", SIZE, LABEL_W)
        heads = [h for h, _, _ in r.cols]
        values = [self.fmt(r.code, campo, v) for _, campo, v in r.cols]
        own_heads = not grouped_heads and any(heads)
        xs = self.columns(len(values))
        step = (X1 - RIGHT) / max(len(values), 1)
        # a header too wide for its column wraps upwards: its last line
        # stays on the label's last line
        head_lines = [simpleSplit(h or "", "DVI", 6.4, step - 6) or [""] for h in heads]
        n_head = max(len(h) for h in head_lines) if own_heads else 1
        pad = max(0, n_head - len(lines))
        self.need((len(lines) + pad + (1 if own_heads else 0)) * LEAD + 2)
        c = self.c
        c.setFont("DV", SIZE)
        self.y -= pad * LEAD
        for ln in lines:
            c.drawString(X0, self.y, ln)
            self.y -= LEAD
        last = self.y + LEAD  # baseline of the label's last line
        if r.kind == "free":
            self.y -= 2
            self.para(values[0] or "", gap=6)
            return
        if own_heads:
            c.setFont("DVI", 6.4)
            for x, hl in zip(xs, head_lines):
                for i, h in enumerate(reversed(hl)):
                    c.drawRightString(x, last + i * 8, h)
            c.setFont("DV", SIZE)
            for x, v in zip(xs, values):
                c.drawRightString(x, self.y, v)
            self.y -= LEAD
        else:
            for x, v in zip(xs, values):
                c.drawRightString(x, last, v)
        c.setStrokeGray(0.8)
        c.line(X0, self.y + LEAD - 3, X1, self.y + LEAD - 3)
        c.setStrokeGray(0)
        self.y -= 2

    def group_heads(self, heads):
        lines = [simpleSplit(h, "DVI", 6.4, (X1 - RIGHT) / len(heads) - 4) for h in heads]
        n = max(len(x) for x in lines)
        self.need(n * 8 + 4 * LEAD)
        xs = self.columns(len(heads))
        self.c.setFont("DVI", 6.4)
        for x, hl in zip(xs, lines):
            for i, ln in enumerate(hl):
                self.c.drawRightString(x, self.y - (n - len(hl) + i) * 8, ln)
        self.y -= n * 8 + 3


def build(seed, out, thousands):
    d = common.load(seed)
    doc = Doc(out, d, thousands)
    ente = d["ente"]
    doc.para(common.title(d), font="DVB", size=10, gap=8)
    name = ente["denominazione"]
    if name and ente["provincia"]:
        head = ("Comune", f"{name} ({ente['provincia']})")
    else:
        head = ("Denominazione", name)
    for k, v in (head, ("Codice indentificativo", ente["codice"]),
                 ("Data ultima modifica", common.formmod.date_it(ente["data"]))):
        if v:
            doc.c.setFont("DVB", SIZE)
            doc.c.drawString(X0, doc.y, k)
            doc.c.setFont("DV", SIZE)
            doc.c.drawString(X0 + 110, doc.y, v)
            doc.y -= LEAD
    doc.y -= 6
    last_q, cur_heads = None, None
    for qn, it in common.items(d):
        if qn != last_q:
            if last_q is not None:
                doc.new_page()
            doc.para(f"Quadro {qn}", font="DVB", size=11, gap=4)
            last_q, cur_heads = qn, None
        if isinstance(it, common.Row):
            users = it.code[0] == "M" or it.code in ("R0A", "R0B")
            if users:
                heads = tuple(h for h, _, _ in it.cols)
                if heads != cur_heads:
                    doc.group_heads(heads)
                    cur_heads = heads
            else:
                cur_heads = None
            doc.row(it, users)
            continue
        kind = it[0]
        cur_heads = None
        if kind in ("group", "bar"):
            doc.para(it[1], font="DVB", size=8.2, gap=4)
        elif kind in ("note", "caption"):
            doc.para(it[1], font="DVI" if kind == "caption" else "DV", gap=4)
        elif kind == "sentences":
            for s in it[1]:
                doc.para(s, font="DVI", gap=2)
            doc.y -= 4
    doc.c.save()


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("seed")
    ap.add_argument("out")
    ap.add_argument("--thousands", action="store_true")
    a = ap.parse_args()
    build(a.seed, a.out, a.thousands)
