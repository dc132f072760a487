"""Make a PDF written by Chromium or LibreOffice reproducible: replace its
/CreationDate and /ModDate strings with a fixed date, LibreOffice's
/DocChecksum with zeros and the /ID with a hash of the rest of the file,
keeping every byte offset (same lengths), so the cross-reference table
stays valid.

usage: fixpdf.py FILE.pdf YYYYMMDDHHMMSS
"""

import hashlib
import re
import sys


def fix(path, stamp):
    data = open(path, "rb").read()

    def date(m):
        old = m.group(2)
        # keep the length: D:YYYYMMDDHHMMSS then the original tail, padded
        new = b"D:" + stamp.encode()
        tail = old[len(new):] if len(old) > len(new) else b""
        new = (new + tail)[: len(old)]
        return m.group(1) + new + m.group(3)

    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\()([^)]*)(\))", date, data)
    # LibreOffice's /DocChecksum (in the Info dictionary) changes with the time
    data = re.sub(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)", lambda m: m.group(1) + b"0" * len(m.group(2)), data)
    ids = re.findall(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]", data)
    if ids:
        blank = re.sub(rb"(/ID\s*\[\s*<)[0-9A-Fa-f]+(>\s*<)[0-9A-Fa-f]+(>\s*\])",
                       lambda m: m.group(1) + m.group(2) + m.group(3), data)
        digest = hashlib.md5(blank).hexdigest().upper().encode()

        def repl(m):
            a, b = m.group(2), m.group(4)
            return m.group(1) + digest[: len(a)].ljust(len(a), b"0") + m.group(3) + digest[: len(b)].ljust(len(b), b"0") + m.group(5)

        data = re.sub(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>\s*\])", repl, data)
    open(path, "wb").write(data)


if __name__ == "__main__":
    fix(sys.argv[1], sys.argv[2])
