"""A source article as numbered lines: what every reader (txt, md, docx) hands to the outline."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Line:
    no: int                 # line (txt, md) or paragraph (docx) number in the source, from 1
    depth: int              # indentation / list level: 0 is flush left
    text: str               # the text, list marker included ("• ", "1. "), spaces trimmed
    unit: str = "行"        # what `no` counts: 行 (line) or 段 (Word paragraph)
    heading: bool = False   # styled as a heading in Word / "#" in Markdown
    table: bool = False     # a table row: first cell, ":", the other cells joined by ","
    gap: bool = True        # starts a paragraph: a blank line before it (text), a new paragraph (Word)

    @property
    def where(self) -> str:
        return f"第 {self.no} {self.unit}"


class ImportFailure(Exception):
    """The source cannot be imported at all; the message is for the editor, in Chinese."""
