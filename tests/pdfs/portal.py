"""An imitation of the official portal PDF of a SOC25/SOC26 form, drawn with
reportlab the way a report engine draws it: A4 portrait, 7 pages, the left
band naming the Quadro, each user row its own small table (label on the left,
column headers above the values on the right).

The text of each page is emitted in a SCRAMBLED order (the drawing calls of a
page are shuffled with a fixed seed), so that only the glyph positions, not
the content-stream order, give the reading order.  The title line is drawn
once in a Form XObject that every page reuses.

usage: portal.py FORM.json OUT.pdf [--footer-date ISO] [--anonymous] [--seed N]
"""

import argparse
import os
import random
import sys

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rlcanvas

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import form as formmod  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FONTS = os.path.join(HERE, "..", "..", "fonts")

W, H = 595.28, 841.89
X0, X1 = 116.0, 577.0          # content column
BAND_X, BAND_W = 18.0, 88.0    # left band
TOP, BOTTOM = H - 58.0, 52.0   # content limits
LABEL_W = 105.0                # row label cell
LABEL_SIZE = 6.8
CELL_SIZE = 5.5                # header and value cells
PAD = 2.0
CELL_W = 78.0                  # R12 description cell: 2 x this
Q_LABEL_W = 150.0              # question label cell
Q_ANS_W = 60.0

BLUE = (0.12, 0.23, 0.42)
SHADE = (0.87, 0.90, 0.95)
LIGHT = (0.94, 0.96, 0.99)
GRID = (0.45, 0.55, 0.70)

REG, BOLD, ITAL = "LiberationSans", "LiberationSans-Bold", "LiberationSans-Italic"


def register_fonts():
    for name, file in ((REG, "LiberationSans-Regular.ttf"), (BOLD, "LiberationSans-Bold.ttf"),
                       (ITAL, "LiberationSans-Italic.ttf")):
        path = os.path.join(FONTS, file)
        if not os.path.exists(path):
            path = "/usr/share/fonts/truetype/liberation/" + file
        pdfmetrics.registerFont(TTFont(name, path))


def wrap(text, font, size, width):
    out = []
    for para in text.split("\n"):
        out += simpleSplit(para, font, size, width) or [""]
    return out


class Page:
    """Collects the drawing of one page: graphics first, text in a list that
    is shuffled before it is emitted."""

    def __init__(self):
        self.graphics = []   # (kind, args)
        self.texts = []      # (font, size, color, x, y, text, align)
        self.y = TOP

    def text(self, x, y, s, font=REG, size=7.0, color=(0, 0, 0), align="left"):
        if s:
            self.texts.append((font, size, color, x, y, s, align))

    def rect(self, x, y, w, h, fill=None, stroke=GRID):
        self.graphics.append(("rect", (x, y, w, h, fill, stroke)))

    def line(self, x1, y1, x2, y2, color=GRID, width=0.5):
        self.graphics.append(("line", (x1, y1, x2, y2, color, width)))


class Portal:
    def __init__(self, form, seed):
        self.f = form
        self.seed = seed

    # ----------------------------------------------------------- items
    def para(self, pg, text, font=REG, size=7.0, x=X0, width=X1 - X0, lead=8.6, color=(0, 0, 0)):
        for line in wrap(text, font, size, width):
            pg.y -= lead
            pg.text(x, pg.y + 2, line, font, size, color)

    def item(self, pg, it):
        kind = it[0]
        if kind == "header":
            top = pg.y
            for label, value in it[1]:
                pg.rect(X0, pg.y - 12, 110, 12, fill=SHADE)
                pg.rect(X0 + 110, pg.y - 12, X1 - X0 - 110, 12)
                pg.text(X0 + 3, pg.y - 9, label, BOLD, 7)
                pg.text(X0 + 113, pg.y - 9, value, REG, 7)
                pg.y -= 12
            assert top - pg.y == 36
            pg.y -= 8
        elif kind == "note":
            self.para(pg, it[1], size=7)
            pg.y -= 3
        elif kind == "group":
            pg.y -= 4
            self.para(pg, it[1], BOLD, 7.5, color=BLUE)
            pg.y -= 2
        elif kind == "bar":
            pg.y -= 6
            pg.rect(X0, pg.y - 12, X1 - X0, 12, fill=SHADE, stroke=None)
            pg.text(X0 + 4, pg.y - 9, it[1], BOLD, 7.5, BLUE)
            pg.y -= 17
        elif kind == "row":
            self.row(pg, it[1], it[2])
        elif kind == "wide":
            lines = wrap(it[1], REG, 7, X1 - X0 - 8)
            h1 = 4 + 8.6 * len(lines)
            pg.rect(X0, pg.y - h1, X1 - X0, h1, fill=LIGHT)
            for i, line in enumerate(lines):
                pg.text(X0 + 3, pg.y - 9 - 8.6 * i, line, REG, 7)
            pg.y -= h1
            pg.rect(X0, pg.y - 12, X1 - X0, 12)
            pg.text(X0 + 3, pg.y - 9, it[2], REG, 7)
            pg.y -= 16
        elif kind == "sentences":
            pg.y -= 2
            top = pg.y
            pg.y -= 3
            for s in it[1]:
                self.para(pg, s, REG, 7, X0 + 5, X1 - X0 - 10, lead=8.6)
                pg.y -= 4
            pg.rect(X0, pg.y, X1 - X0, top - pg.y, fill=(0.99, 0.98, 0.94))
            pg.y -= 6
        elif kind == "question":
            lines = wrap(it[1], REG, 7, Q_LABEL_W - 6)
            h = 4 + 8.3 * len(lines)
            pg.rect(X0, pg.y - h, Q_LABEL_W, h, fill=LIGHT)
            pg.rect(X0 + Q_LABEL_W, pg.y - h, Q_ANS_W, h)
            for i, line in enumerate(lines):
                pg.text(X0 + 3, pg.y - 9 - 8.3 * i, line, REG, 7)
            # the answer centred on the label's text (first baseline .. last)
            mid = pg.y - 9 - 8.3 * (len(lines) - 1) / 2
            pg.text(X0 + Q_LABEL_W + Q_ANS_W / 2, mid, it[2], BOLD, 7, align="center")
            pg.y -= h + 3
        elif kind == "caption":
            self.para(pg, it[1], ITAL, 7)
            pg.y -= 3
        elif kind == "free":
            lines = wrap(it[1], REG, 7, X1 - X0 - 8)
            h1 = 4 + 8.6 * len(lines)
            pg.rect(X0, pg.y - h1, X1 - X0, h1, fill=LIGHT)
            for i, line in enumerate(lines):
                pg.text(X0 + 3, pg.y - 9 - 8.6 * i, line, REG, 7)
            pg.y -= h1
            body = wrap(it[2], REG, 6.8, X1 - X0 - 12) if it[2] else []
            h2 = 8 + 8.4 * max(len(body), 1)
            pg.rect(X0, pg.y - h2, X1 - X0, h2)
            for i, line in enumerate(body):
                pg.text(X0 + 5, pg.y - 10 - 8.4 * i, line, REG, 6.8)
            pg.y -= h2 + 4
        else:
            raise ValueError(kind)

    def row(self, pg, label, cols):
        """label | header cells above value cells.

        The header cells hold their text on one line and are as wide as
        their text (or value) plus a small padding, the value in the same
        small font right below: pdftotext then reads a row as the label,
        the headers in order, the values in order (as the seeds show)."""
        lab = wrap(label, REG, LABEL_SIZE, LABEL_W - 6)
        widths = []
        for head, value in cols:
            if head is None and value and not value[0].isdigit():
                widths.append(CELL_W * 2)          # R12 description
            else:
                widths.append(max(pdfmetrics.stringWidth(head or "", REG, CELL_SIZE),
                                  pdfmetrics.stringWidth(value, REG, CELL_SIZE)) + 2 * PAD)
        has_head = any(h for h, _ in cols)
        # the value line must lie within 1.5 font sizes of the header line
        # for pdftotext to keep them in one block
        step = 1.4 * CELL_SIZE
        head_h = 1.5 + step - 0.5 if has_head else 0
        val_h = 9
        h = max(4 + 8.3 * len(lab), head_h + val_h + 2)
        top = pg.y
        hbase = top - 1.5 - 0.905 * CELL_SIZE            # first text line (headers)
        lbase = hbase + 0.905 * CELL_SIZE - 0.905 * LABEL_SIZE
        pg.rect(X0, top - h, LABEL_W, h, fill=LIGHT)
        for i, line in enumerate(lab):
            pg.text(X0 + 3, lbase - 8.3 * i, line, REG, LABEL_SIZE)
        x = X0 + LABEL_W
        vbase = hbase - (step if has_head else 0)
        for (head, value), w in zip(cols, widths):
            if has_head:
                pg.rect(x, top - head_h, w, head_h)
                pg.rect(x, top - head_h - val_h, w, val_h)
            else:
                pg.rect(x, top - val_h - 2, w, val_h + 2)
            if head:
                pg.text(x + w / 2, hbase, head, REG, CELL_SIZE, align="center")
            if head is None and w >= CELL_W * 2:
                pg.text(x + 3, vbase, value, REG, CELL_SIZE)
            else:
                pg.text(x + w / 2, vbase, value, REG, CELL_SIZE, align="center")
            x += w
        pg.rect(X0, top - h, X1 - X0, h, fill=None)
        pg.y -= h + 4

    # ----------------------------------------------------------- pages
    def draw(self, out):
        f = self.f
        c = rlcanvas.Canvas(out, pagesize=(W, H), invariant=1, pageCompression=1)
        c.setTitle(f.title)
        c.setAuthor("scheda test fixture")
        c.setCreator("scheda tests/pdfs/portal.py (reportlab)")
        pages = f.pages()
        # the title line: a Form XObject shared by the pages
        c.beginForm("title")
        c.setFont(BOLD, 8.5)
        c.setFillColorRGB(*BLUE)
        c.drawCentredString((X0 + X1) / 2, H - 38, f.title)
        c.setStrokeColorRGB(*BLUE)
        c.setLineWidth(1)
        c.line(X0, H - 44, X1, H - 44)
        c.endForm()
        for n, (quadro, band, items) in enumerate(pages, 1):
            pg = Page()
            for it in items:
                self.item(pg, it)
            if pg.y < BOTTOM:
                raise SystemExit(f"page {n} overflows: y={pg.y:.0f}")
            # band
            pg.rect(BAND_X, BOTTOM - 8, BAND_W, TOP - BOTTOM + 20, fill=SHADE, stroke=None)
            pg.text(BAND_X + 6, TOP - 6, f"Quadro {quadro}", BOLD, 9, BLUE)
            for i, line in enumerate(band):
                pg.text(BAND_X + 6, TOP - 22 - 8 * i, line, REG, 6.5, BLUE)
            # footer
            pg.line(X0, 40, X1, 40, BLUE, 0.8)
            date = f" Data {f.data}" if f.data else ""
            pg.text(X1, 31, f"Pagina {n} di {len(pages)}{date}", REG, 6.5, align="right")

            rng = random.Random(f"{self.seed}:{n}")
            rng.shuffle(pg.texts)
            for kind, a in pg.graphics:
                if kind == "rect":
                    x, y, w, h, fill, stroke = a
                    if fill:
                        c.setFillColorRGB(*fill)
                    if stroke:
                        c.setStrokeColorRGB(*stroke)
                        c.setLineWidth(0.4)
                    c.rect(x, y, w, h, stroke=1 if stroke else 0, fill=1 if fill else 0)
                else:
                    x1, y1, x2, y2, color, width = a
                    c.setStrokeColorRGB(*color)
                    c.setLineWidth(width)
                    c.line(x1, y1, x2, y2)
            c.doForm("title")
            for font, size, color, x, y, s, align in pg.texts:
                c.setFont(font, size)
                c.setFillColorRGB(*color)
                if align == "center":
                    c.drawCentredString(x, y, s)
                elif align == "right":
                    c.drawRightString(x, y, s)
                else:
                    c.drawString(x, y, s)
            c.showPage()
        c.save()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("json")
    ap.add_argument("out")
    ap.add_argument("--footer-date", help="ISO date for the footer when the form has none")
    ap.add_argument("--anonymous", action="store_true", help="leave Denominazione and Codice empty")
    ap.add_argument("--seed", default="scheda")
    a = ap.parse_args()
    data = formmod.load(a.json)
    if a.anonymous:
        data["ente"]["denominazione"] = None
        data["ente"]["codice"] = None
    register_fonts()
    Portal(formmod.Form(data, a.footer_date), a.seed).draw(a.out)


if __name__ == "__main__":
    main()
