"""Baseline for bench/extract/run: all visible text of the page, no selection.

Everything outside <head>, <script>, <style>, <noscript>, <template> and <svg>,
blocks separated by blank lines. Standard library only.
Usage: python3 visible_text.py CASES_DIR OUT_DIR
"""
import html.parser
import os
import sys

HIDDEN = {"head", "script", "style", "noscript", "template", "svg", "title"}
BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "section",
          "article", "blockquote", "pre", "ul", "ol", "table", "header", "footer", "nav"}


class Visible(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in HIDDEN and self.hidden > 0:
            self.hidden -= 1
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def main():
    cases, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for name in sorted(os.listdir(cases)):
        page = os.path.join(cases, name, "page.html")
        if not os.path.isfile(page):
            continue
        parser = Visible()
        with open(page, "rb") as f:
            parser.feed(f.read().decode("utf-8", errors="replace"))
        parser.close()
        with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as f:
            f.write("".join(parser.parts).strip() + "\n")


if __name__ == "__main__":
    main()
