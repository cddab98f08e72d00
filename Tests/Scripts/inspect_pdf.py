#!/usr/bin/env python3
"""Reads a printed plan as a reader would: the text size of every character
and the first line of every page, with pdfplumber.

    inspect_pdf.py check               exit 0 when pdfplumber imports
    inspect_pdf.py pages FILE.pdf      JSON: one object a page

Each page gives `sizes` (font size in points, rounded to 0.1, to the number of
characters set in it) and `first_line` (the first line of text below the
running header), measured inside the page's body: the running header and
footer in the page margins are left out.
"""
import json
import sys


def pages(path):
    import pdfplumber

    result = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            # The @page margins are 16 mm top and bottom; the header and footer sit in them.
            margin = 16 / 25.4 * 72
            body = page.crop((0, margin, page.width, page.height - margin))
            sizes = {}
            for char in body.chars:
                if not char["text"].strip():
                    continue
                size = round(char["size"], 1)
                sizes[size] = sizes.get(size, 0) + 1
            lines = [line.strip() for line in (body.extract_text() or "").splitlines() if line.strip()]
            result.append({
                "sizes": {str(size): count for size, count in sorted(sizes.items())},
                "first_line": lines[0] if lines else "",
            })
    return result


def main(argv):
    if len(argv) >= 2 and argv[1] == "check":
        import pdfplumber  # noqa: F401
        return 0
    if len(argv) == 3 and argv[1] == "pages":
        print(json.dumps(pages(argv[2])))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
