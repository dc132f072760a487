#!/usr/bin/env python3
"""Measure the test PDFs under tests/fixtures/pdf/ and write the tables of
tests/pdfs/REPORT.md (between its `measures` markers):

- size;
- LCS of the plain `pdftotext` words against the seed text (lcs.py), and
  the same for the text in content-stream order (pypdf), which shows how
  much a reader that ignores positions would get;
- whether `pdftotext X.pdf - | scheda convert --from txt - --to json` gives
  the PDF's expected JSON (X.expected.json, the seed's JSON plus what the
  PDF adds), else the reader's errors or the JSON differences;
- the PDF's internals a position-based extractor meets: fonts (type,
  encoding, ToUnicode), text in Form XObjects, rotated text, text-showing
  operators (Tj strings or TJ arrays with offsets, glyphs per string).

usage: measure.py [--scheda BIN] [--print]
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
FIX = os.path.join(ROOT, "tests", "fixtures")
PDF = os.path.join(FIX, "pdf")
sys.path.insert(0, HERE)
import lcs  # noqa: E402

# PDF name -> [(seed text, --inputs)] to measure against (first = main)
SEEDS = {
    "portal-000": [("000", False)],
    "portal-001": [("001", False)],
    "portal-002": [("002", False)],
    "portal-003": [("003", True), ("soc26_pdftotext", False)],
    "portal-003-anonymous": [("003", True), ("soc26_pdftotext", False)],
    "chromium-portal-000": [("000", False)],
    "chromium-portal-003": [("003", True), ("soc26_pdftotext", False)],
    "chromium-ifel-004": [("004", False)],
    "libreoffice-000": [("000", False)],
    "libreoffice-003": [("003", True)],
}


def seed_path(s):
    if s == "soc26_pdftotext":
        return os.path.join(FIX, "soc26_pdftotext.txt")
    return glob.glob(os.path.join(FIX, f"{s}_*.txt"))[0]


def run(cmd, stdin=None):
    p = subprocess.run(cmd, input=stdin, capture_output=True)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def jdiff(got, want, path=""):
    out = []
    if isinstance(got, dict) and isinstance(want, dict):
        for k in sorted(set(got) | set(want), key=str):
            out += jdiff(got.get(k, "<absent>"), want.get(k, "<absent>"), f"{path}.{k}")
    elif got != want:
        out.append(f"`{path}`: got `{json.dumps(got, ensure_ascii=False)[:80]}`, want `{json.dumps(want, ensure_ascii=False)[:80]}`")
    return out


def reader(scheda, pdf, name, layout=False):
    _, text, _ = run(["pdftotext"] + (["-layout"] if layout else []) + [pdf, "-"])
    rc, out, err = run([scheda, "convert", "--from", "txt", "-", "-o", "-", "--to", "json"], text.encode())
    errors = [l for l in err.splitlines() if l.startswith(("error", "warning"))]
    exp = os.path.join(PDF, name + ".expected.json")
    if rc != 0 or not out.strip():
        return "fails", errors, text
    got = json.loads(out)
    if not os.path.exists(exp):
        return "reads (no expected JSON)", errors, text
    want = json.load(open(exp, encoding="utf-8"))
    d = jdiff(got, want)
    return ("EQUAL" if not d else "differs"), (d or []) + [e for e in errors if e.startswith("warning")], text


def content_order_text(pdf):
    from pypdf import PdfReader
    try:
        return "\n".join(p.extract_text() or "" for p in PdfReader(pdf).pages)
    except Exception as e:  # noqa: BLE001
        return f"<pypdf: {e}>"


def internals(pdf):
    """Fonts, Form XObjects with text, rotation, text operators."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    _, fonts_out, _ = run(["pdffonts", pdf])
    fonts = []
    for line in fonts_out.splitlines()[2:]:
        m = re.match(r"(\S+)\s+(Type 1C|Type 1|Type 3|CID TrueType|CID Type 0C|CID Type 0|TrueType|Type 0)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)", line)
        if m:
            fonts.append(f"{m.group(1)}: {m.group(2)}, {m.group(3)}, emb {m.group(4)}, ToUnicode {m.group(6)}")
    r = PdfReader(pdf)
    stats = {"Tj": 0, "TJ": 0, "'": 0, '"': 0, "TJ_with_offsets": 0, "glyphs": 0, "strings": 0,
             "rotated": 0, "mirrored": 0, "cm_flip": 0, "xobject_text": 0, "xobjects": 0, "images": 0,
             "BT": 0, "empty_BT": 0}
    encodings = {}
    for page in r.pages:
        fr = page.get("/Resources", {}).get("/Font", {})
        for key in fr:
            fd = fr[key].get_object()
            enc = fd.get("/Encoding")
            if fd.get("/Subtype") == "/Type0":
                continue
            base = str(fd.get("/BaseFont"))
            if enc is None:
                encodings[base] = "no /Encoding (font's built-in codes)"
            elif hasattr(enc, "get") and enc.get("/Differences") is not None:
                encodings[base] = f"{enc.get('/BaseEncoding', '')} + /Differences"
            else:
                encodings[base] = str(enc)

    def walk(contents, resources, depth=0):
        if contents is None:
            return
        try:
            ops = ContentStream(contents, r).operations
        except Exception:  # noqa: BLE001
            return
        shown = False
        for operands, op in ops:
            op = op.decode("latin-1") if isinstance(op, bytes) else op
            if op == "BT":
                stats["BT"] += 1
                shown = False
                if depth:
                    stats["xobject_text"] += 1
            elif op == "ET":
                if not shown:
                    stats["empty_BT"] += 1
            elif op in ("Tj", "'", '"'):
                shown = True
                stats[op] += 1
                s = operands[-1]
                stats["strings"] += 1
                stats["glyphs"] += len(bytes(s.original_bytes if hasattr(s, "original_bytes") else s))
            elif op == "TJ":
                shown = True
                stats["TJ"] += 1
                arr = operands[0]
                if any(not hasattr(x, "original_bytes") and not isinstance(x, (bytes, str)) for x in arr):
                    stats["TJ_with_offsets"] += 1
                for x in arr:
                    if hasattr(x, "original_bytes"):
                        stats["strings"] += 1
                        stats["glyphs"] += len(x.original_bytes)
            elif op == "Tm":
                a, b, c, d = [float(x) for x in operands[:4]]
                if abs(b) > 1e-6 or abs(c) > 1e-6:
                    stats["rotated"] += 1
                elif a * d < 0:
                    stats["mirrored"] += 1
            elif op == "cm":
                a, b, c, d = [float(x) for x in operands[:4]]
                if a * d - b * c < 0:
                    stats["cm_flip"] += 1
            elif op == "Do":
                xo = resources.get("/XObject", {}) if resources else {}
                obj = xo.get(operands[0])
                if obj is not None:
                    obj = obj.get_object()
                    if obj.get("/Subtype") == "/Form":
                        stats["xobjects"] += 1
                        walk(obj, obj.get("/Resources", resources), depth + 1)
                    elif obj.get("/Subtype") == "/Image":
                        stats["images"] += 1

    for page in r.pages:
        walk(page.get_contents(), page.get("/Resources"))
    out = []
    for f in fonts:
        name, rest = f.split(": ", 1)
        typ, enc, emb, uni = [x.strip() for x in rest.split(",")]
        if encodings.get("/" + name, "").startswith("no /Encoding"):
            enc = "no /Encoding (pdffonts: WinAnsi)"
        out.append(f"{name.split('+')[-1]}: {typ}, {enc}, {'embedded subset' if emb == 'emb yes' else 'not embedded'}, "
                   f"{'ToUnicode' if uni == 'ToUnicode yes' else 'no ToUnicode'}")
    fonts = out
    return fonts, stats


def font_bytes_per_glyph(fonts):
    return 2 if any("Identity-H" in f for f in fonts) else 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scheda", default=os.environ.get("SCHEDA", "/tmp/scheda-bin"))
    ap.add_argument("--print", action="store_true", help="print instead of rewriting REPORT.md")
    a = ap.parse_args()

    names = sorted(os.path.basename(p)[:-4] for p in glob.glob(os.path.join(PDF, "*.pdf")))
    t1 = ["| PDF | size | LCS vs seed (pdftotext) | LCS in content-stream order (pypdf) | pdftotext + text reader | pdftotext -layout + text reader |",
          "|---|---|---|---|---|---|"]
    details = []
    t2 = ["| PDF | fonts (type, encoding, embedding, ToUnicode) | text-showing ops | TJ arrays with offsets | glyphs per shown string | Tm rotated / mirrored; cm flipping y | Form XObjects drawn / BT inside them | empty BT..ET | images |",
          "|---|---|---|---|---|---|---|---|---|"]
    for name in names:
        pdf = os.path.join(PDF, name + ".pdf")
        size = os.path.getsize(pdf)
        status, notes, text = reader(a.scheda, pdf, name)
        lstatus, lnotes, _ = reader(a.scheda, pdf, name, layout=True)
        lfirst = next((n for n in lnotes if n.startswith("error")), lnotes[0] if lnotes else "")
        lcell = lstatus + (f": {lfirst[:90]}" if lfirst and lstatus != "EQUAL" else "")
        co = content_order_text(pdf)
        figs, cofigs = [], []
        for s, inputs in SEEDS.get(name, []):
            seed = lcs.words(open(seed_path(s), encoding="utf-8").read(), inputs)
            label = s + (" (inputs read as values)" if inputs else "")
            figs.append(f"{100 * lcs.lcs(seed, lcs.words(text)) / len(seed):.1f}% vs {label}")
            cofigs.append(f"{100 * lcs.lcs(seed, lcs.words(co)) / len(seed):.1f}%")
        t1.append(f"| `{name}.pdf` | {size / 1024:.1f} KB | {'<br>'.join(figs) or 'n/a'} | "
                  f"{'<br>'.join(cofigs) or 'n/a'} | {status} | {lcell.replace('|', '/')} |")
        if notes:
            details.append(f"**`{name}.pdf`** ({status}):\n")
            details += [f"- {n}" for n in notes[:25]]
            if len(notes) > 25:
                details.append(f"- ... and {len(notes) - 25} more")
            details.append("")
        fonts, st = internals(pdf)
        ops = ", ".join(f"{k} {st[k]}" for k in ("Tj", "TJ", "'", '"') if st[k]) or "none"
        per = font_bytes_per_glyph(fonts)
        gps = f"{st['glyphs'] / per / st['strings']:.1f}" if st["strings"] else "-"
        t2.append(f"| `{name}.pdf` | {'<br>'.join(fonts) or 'none'} | {ops} | {st['TJ_with_offsets']} | {gps} | "
                  f"{st['rotated']} / {st['mirrored']}; {st['cm_flip']} | {st['xobjects']} / {st['xobject_text']} | "
                  f"{st['empty_BT']} | {st['images']} |")

    block = ("\n".join(t1) + "\n\nReader errors and JSON differences (pdftotext, then "
             "`scheda convert --from txt - -o - --to json`, compared with `X.expected.json`):\n\n"
             + ("\n".join(details) if details else "none\n")
             + "\n\nInternals (pdffonts; pypdf over the page content streams and the Form XObjects they draw):\n\n"
             + "\n".join(t2) + "\n")
    if a.print:
        print(block)
        return
    rep = os.path.join(HERE, "REPORT.md")
    t = open(rep, encoding="utf-8").read()
    start, end = "<!-- measures:begin (written by measure.py) -->", "<!-- measures:end -->"
    i, j = t.index(start) + len(start), t.index(end)
    open(rep, "w", encoding="utf-8").write(t[:i] + "\n" + block + t[j:])


if __name__ == "__main__":
    main()
