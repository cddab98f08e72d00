#!/usr/bin/env python3
"""Checks HTML pages the way the site promises them: valid HTML5 and a sound outline.

Usage: check_html.py PAGE.html...
Each page is parsed by html5lib in strict mode (any parse error fails), then
checked for lang, a title, a meta description, exactly one h1 and the
header/nav/main/footer landmarks. Prints one line per problem and exits 1 if
any; exit 3 means html5lib is not installed.
"""
import sys

try:
    import html5lib
except ImportError:
    print("html5lib is not installed: pip install html5lib", file=sys.stderr)
    sys.exit(3)


def problems(path):
    with open(path, "rb") as handle:
        data = handle.read()
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        document = parser.parse(data, transport_encoding="utf-8")
    except html5lib.html5parser.ParseError as error:
        line, column = parser.errors[-1][0] if parser.errors else ("?", "?")
        return [f"{line}:{column}: not valid HTML5: {error}"]
    found = []
    if not data.startswith(b"<!DOCTYPE html>"):
        found.append("does not start with <!DOCTYPE html>")
    if not document.get("lang"):
        found.append("<html> has no lang")
    titles = document.findall("./head/title")
    if len(titles) != 1 or not (titles[0].text or "").strip():
        found.append("needs exactly one non-empty <title>")
    descriptions = [m for m in document.iter("meta") if m.get("name") == "description"]
    if len(descriptions) != 1 or not (descriptions[0].get("content") or "").strip():
        found.append("needs one non-empty <meta name=\"description\">")
    if not any(m.get("charset", "").lower() == "utf-8" for m in document.iter("meta")):
        found.append("needs <meta charset=\"utf-8\">")
    h1s = list(document.iter("h1"))
    if len(h1s) != 1:
        found.append(f"has {len(h1s)} <h1>, expected exactly one")
    for landmark in ("header", "nav", "main", "footer"):
        if next(document.iter(landmark), None) is None:
            found.append(f"has no <{landmark}> landmark")
    if len(list(document.iter("main"))) > 1:
        found.append("has more than one <main>")
    ids = [element.get("id") for element in document.iter() if element.get("id")]
    if len(ids) != len(set(ids)):
        found.append("repeats an id")
    return found


def main(paths):
    failed = False
    for path in paths:
        for problem in problems(path):
            print(f"{path}: {problem}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
