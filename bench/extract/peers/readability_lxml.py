"""Peer for bench/extract/run: readability-lxml (Debian python3-readability).

Usage: /usr/bin/python3 readability_lxml.py CASES_DIR OUT_DIR
"""
import os
import sys

import lxml.html
from readability import Document


def main():
    cases, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for name in sorted(os.listdir(cases)):
        page = os.path.join(cases, name, "page.html")
        if not os.path.isfile(page):
            continue
        text = ""
        try:
            with open(page, "rb") as f:
                html = f.read().decode("utf-8", errors="replace")
            summary = Document(html).summary(html_partial=True)
            root = lxml.html.fromstring(summary)
            for block in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                                   "blockquote", "pre", "tr", "br"):
                block.tail = "\n\n" + (block.tail or "")
            text = root.text_content()
        except Exception as e:  # a peer failing on one page scores it empty
            print(f"{name}: {e}", file=sys.stderr)
        with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(text.strip() + "\n")


if __name__ == "__main__":
    main()
