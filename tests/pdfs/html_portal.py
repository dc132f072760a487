"""An HTML page resembling the portal's web page of a SOC25/SOC26 form
(seed 003 is a copy of that page: title, header table, per row a line of
column titles then the label and the values, Quadro 3 values in <input>
fields), for printing with headless Chromium.

usage: html_portal.py FORM.json OUT.html [--footer-date ISO]
"""

import argparse
import html
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import form as formmod  # noqa: E402

CSS = """
@page { size: A4 portrait; margin: 10mm 9mm 12mm 9mm; }
* { box-sizing: border-box; }
body { font-family: "Liberation Sans", Arial, sans-serif; font-size: 8.5pt; color: #1b1b1b; margin: 0; }
.pagina { display: flex; gap: 8px; page-break-after: always; break-after: page; }
.pagina:last-child { page-break-after: auto; break-after: auto; }
.titolo { font-weight: bold; font-size: 10pt; color: #17365d; text-align: center;
          border-bottom: 2px solid #17365d; padding: 2px 0 4px 0; margin: 0 0 8px 0; }
.fascia { width: 110px; flex: none; background: #dde6f0; padding: 8px 6px; color: #17365d; min-height: 250mm; }
.fascia .q { font-weight: bold; font-size: 11pt; margin-bottom: 6px; }
.fascia .t { font-size: 8pt; }
.contenuto { flex: 1; }
table { border-collapse: collapse; margin: 0 0 4px 0; }
table.intest td { border: 1px solid #9fb3c8; padding: 2px 6px; }
table.intest td.k { background: #dde6f0; font-weight: bold; width: 150px; }
table.intest td.v { width: 380px; }
table.riga { width: 100%; }
table.riga td, table.riga th { border: 1px solid #9fb3c8; padding: 1px 4px; vertical-align: middle; }
table.riga th { font-weight: normal; font-size: 7pt; text-align: center; background: #f4f7fb; }
table.riga td.l { width: 190px; background: #f0f4f9; }
table.riga td.n { text-align: center; }
h3 { font-size: 9pt; color: #17365d; margin: 8px 0 3px 0; }
.barra { background: #dde6f0; color: #17365d; font-weight: bold; padding: 3px 6px; margin: 8px 0 4px 0; }
p { margin: 3px 0; }
.frasi { border: 1px solid #d8cfa8; background: #fcfaf0; padding: 3px 6px; margin: 4px 0 6px 0; }
.cap { font-style: italic; }
input[type=text] { font: inherit; width: 100%; border: 1px solid #7f93a8; padding: 1px 3px; text-align: right; }
input.testo { text-align: left; }
select { font: inherit; width: 60px; }
textarea { font: inherit; width: 100%; border: 1px solid #7f93a8; resize: none; overflow: hidden; }
.piede { font-size: 7pt; text-align: right; border-top: 1px solid #17365d; margin-top: 6px; padding-top: 2px; }
"""

ANNI = ("20", "Abitanti", "Popolazione")  # header cells that name a year / unit


def e(s):
    return html.escape(s or "", quote=True)


def row_style(label, cols):
    code = label.split(" ")[0]
    if code in ("R09", "R10", "R11", "R12", "R13", "R14", "R15"):
        return "campi"
    if code.startswith("R0") and code not in ("R0A", "R0B", "ROA", "ROB"):
        return "anni"
    return "blocchi"


def render_row(label, cols):
    style = row_style(label, cols)
    heads = [h for h, _ in cols]
    out = ['<table class="riga">']
    if style == "campi":
        if any(heads):
            out.append("<tr><td></td>" + "".join(f"<th>{e(h)}</th>" for h in heads) + "</tr>")
        cells = []
        for h, v in cols:
            cls = ' class="testo"' if (h is None or h.startswith("Modalità")) else ""
            val = f' value="{e(v)}"' if v else ""
            cells.append(f'<td><input type="text"{cls}{val}/></td>')
        out.append(f'<tr><td class="l">{e(label)}</td>' + "".join(cells) + "</tr>")
    elif style == "anni":
        if any(heads):
            out.append(f'<tr><td class="l" rowspan="2">{e(label)}</td>'
                       + "".join(f"<th>{e(h)}</th>" for h in heads) + "</tr>")
            out.append("<tr>" + "".join(f'<td class="n">{e(v)}</td>' for _, v in cols) + "</tr>")
        else:
            out.append(f'<tr><td class="l">{e(label)}</td>'
                       + "".join(f'<td class="n">{e(v)}</td>' for _, v in cols) + "</tr>")
    else:
        out.append('<tr><td class="l" rowspan="2">' + e(label) + "</td>"
                   + "".join(f"<th>{e(h)}</th>" for h in heads) + "</tr>")
        out.append("<tr>" + "".join(f'<td class="n">{e(v)}</td>' for _, v in cols) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def render(form):
    parts = ["<!DOCTYPE html>", '<html lang="it"><head><meta charset="utf-8">',
             f"<title>{e(form.title)}</title>", f"<style>{CSS}</style></head><body>"]
    pages = form.pages()
    for n, (quadro, band, items) in enumerate(pages, 1):
        parts.append('<div class="pagina">')
        parts.append(f'<div class="fascia"><div class="q">Quadro {quadro}</div>'
                     f'<div class="t">{"<br>".join(e(b) for b in band)}</div></div>')
        parts.append('<div class="contenuto">')
        parts.append(f'<div class="titolo">{e(form.title)}</div>')
        for it in items:
            kind = it[0]
            if kind == "header":
                parts.append('<table class="intest">' + "".join(
                    f'<tr><td class="k">{e(k)}</td><td class="v">{e(v)}</td></tr>' for k, v in it[1]) + "</table>")
            elif kind == "note":
                parts.append(f"<p>{e(it[1])}</p>")
            elif kind == "group":
                parts.append(f"<h3>{e(it[1])}</h3>")
            elif kind == "bar":
                parts.append(f'<div class="barra">{e(it[1])}</div>')
            elif kind == "row":
                parts.append(render_row(it[1], it[2]))
            elif kind == "wide":
                parts.append(f'<table class="riga"><tr><td class="l" style="width:auto">{e(it[1])}</td></tr>'
                             f"<tr><td>{e(it[2])}</td></tr></table>")
            elif kind == "sentences":
                parts.append('<div class="frasi">' + "".join(f"<p>{e(s)}</p>" for s in it[1]) + "</div>")
            elif kind == "question":
                opts = "".join(f'<option{" selected" if o == it[2] else ""}>{o}</option>' for o in ("", "SI", "NO"))
                parts.append(f'<table class="riga"><tr><td class="l" style="width:auto">{e(it[1])}</td>'
                             f'<td style="width:70px"><select>{opts}</select></td></tr></table>')
            elif kind == "caption":
                parts.append(f'<p class="cap">{e(it[1])}</p>')
            elif kind == "free":
                rows = max(3, len(it[2]) // 110 + 2)
                parts.append(f'<table class="riga"><tr><td class="l" style="width:auto">{e(it[1])}</td></tr>'
                             f'<tr><td><textarea rows="{rows}">{e(it[2])}</textarea></td></tr></table>')
        date = f" Data {form.data}" if form.data else ""
        parts.append(f'<div class="piede">Pagina {n} di {len(pages)}{date}</div>')
        parts.append("</div></div>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("json")
    ap.add_argument("out")
    ap.add_argument("--footer-date")
    a = ap.parse_args()
    f = formmod.Form(formmod.load(a.json), a.footer_date)
    with open(a.out, "w", encoding="utf-8") as fh:
        fh.write(render(f))


if __name__ == "__main__":
    main()
