#!/usr/bin/env python3
"""Writes a catalog of N moves made from the built-in one: its moves repeated under new ids.

    scripts/grow-catalog.py N [CATALOG] > catalog-N.yaml

Copy k of a move (k from 2) is the same move with the id `<id>-k` and the name
`<name> k`; everything else (session rules, phases, advice, answers) is the
catalog's own. It works on the text, so it needs nothing but Python.
"""
import re
import sys


def main(arguments):
    if not arguments or not arguments[0].isdigit():
        print(__doc__, file=sys.stderr)
        return 2
    count = int(arguments[0])
    path = arguments[1] if len(arguments) > 1 else "Data/catalog.yaml"
    text = open(path, encoding="utf-8").read()
    head, moves = text.split("\nmoves:\n", 1)
    # One block a move: from its "  - id:" line to the next.
    blocks = [block for block in re.split(r"(?m)^(?=  - id: )", moves) if block.startswith("  - id: ")]
    out = [head, "\nmoves:\n"]
    made = 0
    copy = 1
    while made < count:
        for block in blocks:
            if made == count:
                break
            if copy > 1:
                block = re.sub(r"(?m)^(  - id: )(\S+)", lambda m: f"{m.group(1)}{m.group(2)}-{copy}", block, count=1)
                block = re.sub(r"(?m)^(    name: )(.+)$", lambda m: f"{m.group(1)}{m.group(2)} {copy}", block, count=1)
            out.append(block.rstrip("\n") + "\n\n")
            made += 1
        copy += 1
    sys.stdout.write("".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
