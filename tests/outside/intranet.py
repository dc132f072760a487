"""A municipality's intranet page showing the form (not the portal's
page): a navigation bar, a breadcrumb, one table per quadro with the user
rows under one header row, the other rows as label | value cells, the
answers as SI/NO badges.  make.sh prints it with Chromium's DEFAULT header
and footer (date and page title on top, file address and n/N below).

usage: intranet.py SEED OUT.html
"""

import html
import sys

import common

CSS = """
body { font-family: "DejaVu Sans", sans-serif; font-size: 9pt; margin: 0; color: #222; }
nav { background: #2b4c2b; color: #fff; padding: 6px 12px; font-weight: bold; }
nav span { font-weight: normal; margin-left: 18px; }
.crumb { color: #666; font-size: 8pt; padding: 4px 12px; }
main { padding: 4px 12px; }
h1 { font-size: 12pt; margin: 6px 0; }
h2 { font-size: 10.5pt; background: #e4eee4; padding: 3px 6px; margin: 14px 0 4px 0; }
h3 { font-size: 9pt; margin: 8px 0 2px 0; }
table { border-collapse: collapse; width: 100%; margin-bottom: 6px; }
td, th { border: 1px solid #bbb; padding: 2px 5px; vertical-align: top; }
th { background: #f3f3f3; font-weight: normal; font-size: 8pt; }
td.num { text-align: right; white-space: nowrap; width: 70px; }
td.lbl { width: 55%; }
.badge { border: 1px solid #888; border-radius: 3px; padding: 0 4px; font-size: 8pt; }
.frase { font-style: italic; color: #444; margin: 3px 0; }
.rel { white-space: pre-wrap; border: 1px solid #bbb; padding: 4px; }
.meta td { border: none; padding: 1px 8px 1px 0; }
"""


def e(s):
    return html.escape("" if s is None else str(s), quote=True)


def fmt(code, campo, v, soc26):
    ratio = common.printed_ratio(code, v, soc26, lambda n: common.it_number(n, 0))
    if ratio:
        return e(ratio)
    if v is None:
        return ""
    if isinstance(v, bool):
        return f'<span class="badge">{common.answer(v)}</span>'
    if isinstance(v, str):
        return e(v)
    n = common.places(code, campo)
    return common.it_number(v, n)


def page(d):
    ente = d["ente"]
    name = ente["denominazione"] or ""
    out = ["<!DOCTYPE html><html lang=\"it\"><head><meta charset=\"utf-8\">",
           f"<title>Intranet - Scheda {d['edizione']} obiettivi di servizio</title>",
           f"<style>{CSS}</style></head><body>",
           f"<nav>Intranet comunale{(' - ' + e(name.title())) if name else ''}<span>Protocollo</span><span>Ragioneria</span><span>Servizi sociali</span></nav>",
           "<div class=\"crumb\">Home &rsaquo; Servizi sociali &rsaquo; Fondo di solidarietà &rsaquo; Scheda di monitoraggio</div>",
           f"<main><h1>{e(common.title(d))}</h1>", "<table class=\"meta\">"]
    for k, v in (("Denominazione", name), ("Codice indentificativo", ente["codice"]),
                 ("Data ultima modifica", common.formmod.date_it(ente["data"]))):
        if v:
            out.append(f"<tr><td><b>{e(k)}</b></td><td>{e(v)}</td></tr>")
    out.append("</table>")
    last_q, open_table, cur_heads = None, False, None
    for qn, it in common.items(d):
        if qn != last_q:
            if open_table:
                out.append("</table>")
                open_table = False
            out.append(f"<h2>Quadro {qn}</h2>")
            last_q, cur_heads = qn, None
        if isinstance(it, common.Row):
            r = it
            users = r.code[0] == "M" or r.code in ("R0A", "R0B")
            heads = tuple(h or "" for h, _, _ in r.cols)
            if r.kind == "free":
                if open_table:
                    out.append("</table>")
                    open_table = False
                out.append(f"<h3>{e(r.label)}</h3><div class=\"rel\">{e(r.cols[0][2])}</div>")
                continue
            if not open_table or heads != cur_heads:
                if open_table:
                    out.append("</table>")
                out.append("<table>")
                open_table = True
                if any(heads):
                    out.append("<tr><th></th>" + "".join(f"<th>{e(h)}</th>" for h in heads) + "</tr>")
                cur_heads = heads
            cells = "".join(f"<td class=\"num\">{fmt(r.code, c, v, d['edizione'] == 'SOC26')}</td>" for _h, c, v in r.cols)
            label = r.label if not users else r.label
            out.append(f"<tr><td class=\"lbl\">{e(label)}</td>{cells}</tr>")
            continue
        if open_table:
            out.append("</table>")
            open_table, cur_heads = False, None
        kind = it[0]
        if kind in ("group", "bar"):
            out.append(f"<h3>{e(it[1])}</h3>")
        elif kind in ("note", "caption"):
            out.append(f"<p>{e(it[1])}</p>")
        elif kind == "sentences":
            out.extend(f"<p class=\"frase\">{e(s)}</p>" for s in it[1])
    if open_table:
        out.append("</table>")
    out.append("</main></body></html>")
    return "\n".join(out)


if __name__ == "__main__":
    seed, dst = sys.argv[1:3]
    with open(dst, "w", encoding="utf-8") as f:
        f.write(page(common.load(seed)))
