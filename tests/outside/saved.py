"""Web pages of the form as other programs save them (for make.sh).

    python3 saved.py cp1252 IN.html OUT.html    # Windows-1252, its meta charset said so
    python3 saved.py one-line IN.html OUT.html  # no line break between tags (minified)

IN is a page of the form (intranet.py, or tests/pdfs/html_portal.py and
html_ifel.py); Chromium's own saving (`--dump-dom`) is done in make.sh.
"""

import re
import sys


def main():
    how, src, dst = sys.argv[1:4]
    page = open(src, encoding="utf-8").read()
    if how == "cp1252":
        # An older editor's "save as": the page in the Windows code page,
        # its meta tag saying so (characters it lacks as references).
        page = re.sub(r'<meta charset="utf-8">', '<meta http-equiv="Content-Type" '
                      'content="text/html; charset=windows-1252">', page, flags=re.I)
        data = page.encode("cp1252", errors="xmlcharrefreplace")
    elif how == "one-line":
        # A minifier's output: the line breaks and indentation between
        # tags gone, those inside the text kept as single spaces.
        page = re.sub(r">\s+<", "><", page)
        page = re.sub(r"\s*\n\s*", " ", page)
        data = page.encode("utf-8")
    else:
        sys.exit(f"saved.py: unknown variant {how}")
    with open(dst, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
