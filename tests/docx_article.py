"""Write a plan article as a real .docx with python-docx, the way Word stores it.

Numbers are not typed: 一、 chapters, (一) modules and 1. steps are Word automatic numbering
(w:abstractNum definitions with chineseCounting / decimal formats, w:num instances with
w:startOverride where a list restarts), bullets are a bullet list; list levels are indented 420
twips a level as Chinese Word does. Consecutive unmarked lines become one paragraph with line
breaks. Optional: a header and footer, a page-number line in the body, a table.
"""
from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

CHAPTER = re.compile(r"^[一二三四五六七八九十]+、")
MODULE = re.compile(r"^[((][一二三四五六七八九十]+[))]")
NUMBERED = re.compile(r"^(\d+)\.\s*")
BULLET = re.compile(r"^•\s*")
STEP = 420

# abstractNum id → (numFmt, lvlText per level, indent per level)
LISTS = {
    "chapter": (10, "chineseCounting", "%1、", 0),
    "module": (11, "chineseCounting", "(%1)", 0),
    "decimal": (12, "decimal", None, STEP),
    "bullet": (13, "bullet", "\uf0b7", STEP),
}


def _abstract(abstract_id: int, fmt: str, text: str | None, step: int) -> str:
    levels = []
    for ilvl in range(6):
        lvl_text = text if text else f"%{ilvl + 1}."
        font = '<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr>' if fmt == "bullet" else ""
        levels.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{lvl_text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{step * (ilvl + 1) if step else 0}" w:hanging="{step}"/></w:pPr>{font}</w:lvl>')
    return f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>'


class ArticleWriter:
    def __init__(self):
        self.document = docx.Document()
        self.document.styles["Normal"].font.size = Pt(11)
        self.numbering = self.document.part.numbering_part.element
        for abstract_id, fmt, text, step in LISTS.values():
            self.numbering.insert(0, parse_xml(_abstract(abstract_id, fmt, text, step)))
        self.next_num = 100
        self.current: dict[tuple[str, int], int] = {}

    def new_num(self, kind: str, ilvl: int) -> int:
        """A new list instance (w:num) restarting the level at 1, as Word's "restart numbering"."""
        num_id = self.next_num
        self.next_num += 1
        self.numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{LISTS[kind][0]}"/>'
            f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
        self.current[(kind, ilvl)] = num_id
        return num_id

    def numbered(self, text: str, kind: str, ilvl: int, restart: bool, style: str | None = None):
        num_id = self.new_num(kind, ilvl) if restart or (kind, ilvl) not in self.current else self.current[(kind, ilvl)]
        paragraph = self.document.add_paragraph(text, style=style)
        p_pr = paragraph._p.get_or_add_pPr()
        p_pr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
        return paragraph

    def plain(self, lines: list[str], style: str | None = None):
        paragraph = self.document.add_paragraph(style=style)
        for i, line in enumerate(lines):
            run = paragraph.add_run(line)
            if i < len(lines) - 1:
                run.add_break()  # a line break inside the paragraph (Shift+Enter)
        return paragraph

    def save(self, path: Path) -> Path:
        self.document.save(str(path))
        return path


def write_article(text: str, path: Path, header: str = "", footer: str = "", page_line_after: int | None = None,
                  table_after: tuple[int, list[list[str]]] | None = None) -> Path:
    """The article `text` (source-article style) as .docx at `path`."""
    writer = ArticleWriter()
    if header:
        writer.document.sections[0].header.paragraphs[0].text = header
    if footer:
        writer.document.sections[0].footer.paragraphs[0].text = footer
    block: list[str] = []
    last_kind = None

    def flush():
        if block:
            writer.plain(list(block))
            block.clear()

    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        depth = (len(raw) - len(raw.lstrip(" "))) // 2
        if not line:
            flush()
        elif line.startswith("篇") and ":" in line[:4]:
            flush()
            writer.document.add_paragraph(line, style="Heading 1")
        elif depth == 0 and CHAPTER.match(line):
            flush()
            writer.numbered(CHAPTER.sub("", line), "chapter", 0, restart=line.startswith("一、"), style="Heading 2")
        elif depth == 0 and MODULE.match(line):
            flush()
            writer.numbered(MODULE.sub("", line), "module", 0, restart=line[1] == "一", style="Heading 3")
        elif m := NUMBERED.match(line):
            flush()
            writer.numbered(line[m.end():], "decimal", max(depth - 1, 0), restart=m.group(1) == "1")
        elif BULLET.match(line):
            flush()
            writer.numbered(BULLET.sub("", line), "bullet", max(depth - 1, 0), restart=False)
        else:
            block.append(line)
        if page_line_after == n:
            flush()
            writer.document.add_paragraph("第 3 页 共 9 页")
        if table_after and table_after[0] == n:
            flush()
            rows = table_after[1]
            table = writer.document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, cells in enumerate(rows):
                for c, value in enumerate(cells):
                    table.cell(r, c).text = value
        last_kind = line
    flush()
    del last_kind
    return writer.save(path)
