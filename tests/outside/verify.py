"""Check the corpus itself, without scheda: every workbook openpyxl wrote
and every CSV holds, row code by row code, the values of the seed(s) the
manifest names (changed by `differs`), in the form's column order.  A
mistake in a generator is caught here, not blamed on scheda's readers.

usage: verify.py FILES_DIR manifest.json

Only formats Python reads without LibreOffice are checked (.xlsx written by
openpyxl, .csv); formula cells are checked to be formulas of derived fields.
"""

import csv
import json
import os
import re
import sys
from decimal import Decimal, InvalidOperation

from openpyxl import load_workbook

import common

CODE = re.compile(r"^(M\d\d|R0[A-E]|RO[AB]|R\d\d[A-Z]?)$")
HEAD_CODE = re.compile(r"(?<![A-Z0-9])(M\d\d|R0[A-E]|R\d\d[A-Z]?)(?![A-Z0-9])")
DERIVED = {"R0B", "R04"}


def number(text, notation):
    """A cell's text as a Decimal (None when it is not a number)."""
    t = text.strip()
    if notation == "it":
        t = t.replace(".", "").replace(",", ".")
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def same(expected, found, notation):
    """Whether a cell (text, number, date) holds the model's value."""
    if expected is None:
        return found in (None, "")
    if isinstance(expected, bool):
        return found == common.answer(expected)
    if hasattr(found, "strftime"):
        return found.strftime("%Y-%m-%dT%H:%M") == expected
    if isinstance(expected, (int, Decimal)):
        if isinstance(found, (int, float)):
            return Decimal(repr(found)) == Decimal(expected)
        return isinstance(found, str) and number(found, notation) == Decimal(expected)
    return found == expected


def models(entry):
    out = []
    for s in entry["seeds"]:
        d = common.load(s)
        for x in entry["differs"]:
            if x["seed"] == s:
                *path, last = x["pointer"].strip("/").split("/")
                node = d
                for k in path:
                    node = node[k]
                v = x["value"]
                node[last] = Decimal(str(v)) if isinstance(v, float) else v
        out.append(d)
    return out


def grid_of(path, encoding=None):
    """Rows of cells: every sheet of a workbook, or a CSV's lines."""
    if path.endswith(".csv"):
        raw = open(path, "rb").read()
        text = raw.decode("utf-8-sig") if raw.startswith(b"\xef\xbb\xbf") else None
        if text is None:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("cp1252")
        sep = ";" if text.count(";") > text.count(",") else ","
        return [list(r) for r in csv.reader(text.splitlines(), delimiter=sep)]
    wb = load_workbook(path)
    rows = []
    for ws in wb.worksheets:
        rows.extend([list(r) for r in ws.iter_rows(values_only=True)])
    return rows


def check_form(d, rows, notation):
    errors = []
    want = {r.code: r for r in common.rows(d)}
    seen = set()
    for i, row in enumerate(rows):
        cells = [c for c in row]
        at = next((k for k, c in enumerate(cells) if c not in (None, "")), None)
        if at is None or not isinstance(cells[at], str):
            continue
        code = common.model_code(cells[at].strip())
        if not CODE.match(cells[at].strip()) or code not in want or code in seen:
            continue
        seen.add(code)
        r = want[code]
        if r.kind == "free":
            nxt = rows[i + 1] if i + 1 < len(rows) else []
            text = next((c for c in nxt if isinstance(c, str) and c), None)
            if text != r.cols[0][2]:
                errors.append(f"{code}: relazione differs")
            continue
        values = cells[at + 2: at + 2 + len(r.cols)]
        for (_h, campo, v), found in zip(r.cols, values):
            if isinstance(found, str) and found.startswith("="):
                if code not in DERIVED and campo != "media_ore":
                    errors.append(f"{code}.{campo}: a formula in a field that is not derived")
                continue
            if code == "R0E" and v is None and found == "NON CALCOLABILE":
                continue
            if not same(v, found, notation):
                errors.append(f"{code}.{campo}: expected {v}, found {found!r}")
    missing = set(want) - seen
    if missing:
        errors.append(f"rows not found: {sorted(missing)}")
    return errors


def check_table(ds, rows, notation):
    errors = []
    head_at = next(i for i, r in enumerate(rows) if r and r[0] in ("Comune", "Denominazione", "Ente"))
    head = rows[head_at]
    body = [r for r in rows[head_at + 1:] if any(c not in (None, "") for c in r)]
    if len(body) != len(ds):
        return [f"{len(body)} rows, expected {len(ds)}"]
    for d, row in zip(ds, body):
        if row[0] != d["ente"]["denominazione"]:
            errors.append(f"Comune: expected {d['ente']['denominazione']}, found {row[0]!r}")
        cols = {}
        for k, h in enumerate(head):
            if h == "Provincia" and not same(d["ente"]["provincia"], row[k], notation):
                errors.append(f"Provincia: found {row[k]!r}")
            if h == "Codice" and not same(d["ente"]["codice"], row[k] or None, notation):
                errors.append(f"Codice: found {row[k]!r}")
            m = HEAD_CODE.search(str(h or ""))
            if m and k > 0:
                cols.setdefault(m.group(1), []).append(k)
        for r in common.rows(d):
            ks = cols.get(r.code, [])
            if len(ks) != len(r.cols):
                errors.append(f"{r.code}: {len(ks)} columns, expected {len(r.cols)}")
                continue
            for (_h, campo, v), k in zip(r.cols, ks):
                if not same(v, row[k], notation):
                    errors.append(f"{d['ente']['denominazione']} {r.code}.{campo}: expected {v}, found {row[k]!r}")
    return errors


def main():
    files_dir, manifest = sys.argv[1:3]
    failed = 0
    for e in json.load(open(manifest, encoding="utf-8"))["files"]:
        name = e["file"]
        if not (name.endswith(".csv") or (name.endswith(".xlsx") and e["program"] == "openpyxl")):
            continue
        rows = grid_of(os.path.join(files_dir, name))
        numeric = [c for r in rows for c in r if isinstance(c, str) and re.fullmatch(r"[\d.,]+", c)]
        notation = "it" if any(re.search(r",\d\d$", c) for c in numeric) else "en"
        ds = models(e)
        table = any(r and r[0] in ("Comune", "Denominazione", "Ente") and len(r) > 20 for r in rows)
        errors = check_table(ds, rows, notation) if table else check_form(ds[0], rows, notation)
        if errors:
            failed += 1
            print(f"{name}: " + "; ".join(errors[:6]), file=sys.stderr)
    if failed:
        sys.exit(f"verify.py: {failed} files do not hold their seed's values")


if __name__ == "__main__":
    main()
