"""What a CommonMark reader shows for exported Markdown: the tests check exports against this, not
against a second copy of the export format. markdown-it-py renders the Markdown; the HTML is read
back into headings, paragraphs and list items with their visible text and bold parts."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark")


@dataclass
class Block:
    tag: str                   # h1 … h6, p, li
    text: str = ""             # visible text; for li without nested lists
    bold: list[str] = field(default_factory=list)
    depth: int = 0             # nesting depth of a list item (0 = top level)
    ordered: bool = False      # li of an <ol>


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.stack: list[Block] = []
        self.lists: list[str] = []
        self.in_bold = 0
        self.bold_buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self.lists.append(tag)
        elif re.fullmatch(r"h[1-6]|p|li", tag):
            if tag == "p" and self.stack and self.stack[-1].tag == "li":
                return  # loose list item paragraphs belong to the item
            b = Block(tag, depth=max(0, len(self.lists) - 1), ordered=bool(self.lists) and self.lists[-1] == "ol")
            self.blocks.append(b)
            self.stack.append(b)
        elif tag == "strong":
            self.in_bold += 1
            self.bold_buf = []

    def handle_endtag(self, tag):
        if tag in ("ul", "ol"):
            self.lists.pop()
        elif tag == "strong":
            self.in_bold -= 1
            if self.stack:
                self.stack[-1].bold.append("".join(self.bold_buf))
        elif self.stack and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and not (self.stack[-1].tag == "li" and len(self.lists) - 1 > self.stack[-1].depth):
            self.stack[-1].text += data
            if self.in_bold:
                self.bold_buf.append(data)


def read(markdown: str) -> list[Block]:
    reader = _Reader()
    reader.feed(_MD.render(markdown))
    for b in reader.blocks:
        b.text = re.sub(r"\s+", " ", b.text).strip()
    return reader.blocks
