"""The source article (tests/fixtures/work-plans-source.txt) cut into checkable sentences."""
from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

SOURCE = Path(__file__).resolve().parent / "fixtures" / "work-plans-source.txt"
PART_MARK = re.compile(r"^篇([一二三四五六七八九十]+):")
# Markers that may be re-rendered: bullets, "1." numbering at the start of a line.
LIST_MARKER = re.compile(r"^\s*(?:•\s*|\d+\.\s+)")
SENTENCE_END = re.compile(r"[。!?;:!?;:]")
BARE_PLACEHOLDER = re.compile(r"(?<![A-Za-z])X+(?![A-Za-z])")


def normalize(text: str) -> str:
    """Compare text ignoring width variants and whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@functools.cache
def parts() -> list[list[str]]:
    """The source split into [intro, 篇一, …, 篇五], each a list of non-empty lines."""
    chunks: list[list[str]] = [[]]
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if PART_MARK.match(line):
            chunks.append([])
        if line.strip():
            chunks[-1].append(line)
    return chunks


def sentences(lines: list[str]) -> list[str]:
    """Every sentence fragment of the lines, list markers removed."""
    out = []
    for line in lines:
        for frag in SENTENCE_END.split(LIST_MARKER.sub("", line)):
            if normalize(frag):
                out.append(frag.strip())
    return out


def placeholders(lines: list[str]) -> list[str]:
    return [m.group() for line in lines for m in BARE_PLACEHOLDER.finditer(line)]
