#!/usr/bin/env python3
"""How much of a seed text a PDF's extracted text reads in the same order.

usage: lcs.py SEED.txt PDFTEXT.txt [--inputs] [--quiet]

Prints the length of the longest common subsequence of the two texts'
whitespace-separated words as a percentage of the seed's words.  Both texts
are normalised first: ’ (U+2019) is read as ', and white space includes
NBSP.  With --inputs, the seed's `<input type="text" value="X"/>` tags (seed
003, a copy of the portal page) are read as X and empty `<input .../>` tags
are dropped, since a printed page shows the value, not the tag.
"""

import re
import sys


def words(text, inputs=False):
    text = text.replace("\u2019", "'")
    if inputs:
        text = re.sub(r'<input type="text" value="([^"]*)"\s*/>', r" \1 ", text)
        text = re.sub(r'<input type="text"\s*/>', " ", text)
    return text.split()


def lcs(a, b):
    """Bit-parallel LCS length (Hyyrö 2004) over word sequences."""
    if not a or not b:
        return 0
    masks = {}
    for i, w in enumerate(a):
        masks[w] = masks.get(w, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    for w in b:
        u = v & masks.get(w, 0)
        v = ((v + u) | (v - u)) & full
    return len(a) - bin(v).count("1")


def main(argv):
    args = [x for x in argv if not x.startswith("--")]
    if len(args) != 2:
        sys.exit(__doc__)
    inputs = "--inputs" in argv
    with open(args[0], encoding="utf-8") as f:
        seed = words(f.read(), inputs)
    with open(args[1], encoding="utf-8") as f:
        got = words(f.read())
    n = lcs(seed, got)
    pct = 100.0 * n / len(seed)
    if "--quiet" in argv:
        print(f"{pct:.1f}")
    else:
        print(f"{pct:.1f}% ({n} of {len(seed)} seed words in order; the PDF text has {len(got)} words)")


if __name__ == "__main__":
    main(sys.argv[1:])
