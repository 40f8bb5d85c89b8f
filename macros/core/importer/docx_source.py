"""Read a .docx article into Lines with python-docx.

python-docx is the reader because it gives the document's own XML (numbering definitions,
numPr, line breaks, tables in body order, headers and footers) through a maintained API and is
already one of the project's dependencies; numbers that Word shows but does not store in the text
(automatic numbering) are computed by docx_numbering.py.

  - paragraphs in body order, tables between them (each row one line, cells joined by ":" and ",");
  - a line break inside a paragraph (Shift+Enter) starts a new line of the same paragraph;
  - depth from the paragraph's left indent (its own, else its numbering level's), about 0.28 inch
    (360–420 twips) a level, as Word indents lists;
  - Heading / 标题 / Title styles mark headings;
  - headers and footers are not part of the plan: their text is listed as 未导入.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from docx.oxml.ns import qn

from .docx_numbering import Numbering, paragraph_numpr
from .lines import ImportFailure, Line

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # encrypted .docx and old .doc files
TWIPS_PER_LEVEL = 400
HEADING_STYLES = ("heading", "标题", "title")


def _open(path: Path):
    head = path.read_bytes()[:8]
    if head.startswith(OLE_MAGIC):
        raise ImportFailure(f"{path.name} 是加密的 Word 文档或旧版 .doc 文件,无法读取。请在 Word 中去掉密码"
                            "(文件 → 信息 → 保护文档 → 用密码进行加密,清空密码),再“另存为” .docx 后导入。")
    if not zipfile.is_zipfile(path):
        raise ImportFailure(f"{path.name} 不是有效的 .docx 文件(可能是改了扩展名的其他文件,或文件已损坏)。"
                            "请用 Word 或 WPS 打开后“另存为” .docx 再导入。")
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise ImportFailure(f"{path.name} 已损坏或不是 Word 文档,无法打开({type(exc).__name__})。"
                            "请用 Word 打开并“另存为” .docx 后再导入。") from exc
    except Exception as exc:  # lxml's XMLSyntaxError and kin: a damaged part inside the zip
        raise ImportFailure(f"{path.name} 内容已损坏,无法读取({type(exc).__name__})。"
                            "请用 Word 打开并“另存为” .docx 后再导入。") from exc


def read_docx(path: Path) -> tuple[list[Line], str, list[tuple[str, str, str]]]:
    """(lines, how it was read, header/footer text left out)."""
    document = _open(path)
    numbering = Numbering.from_document(document)
    styles = _Styles(document)
    lines: list[Line] = []
    no = 0
    left_out = []
    for block in document.iter_inner_content():
        if block.__class__.__name__ == "Table":
            for n, row in enumerate(_rows(block)):
                no += 1
                if n == 0 and _is_header(block):
                    left_out.append((f"第 {no} 段", row, "表格的表头行"))
                else:
                    lines.append(Line(no, 1, row, unit="段", table=True))
            continue
        no += 1
        lines += _paragraph_lines(block, no, numbering, styles.of(block))
    seen = set()
    for section in document.sections:
        for kind, part in (("页眉", section.header), ("页脚", section.footer),
                           ("首页页眉", section.first_page_header), ("首页页脚", section.first_page_footer)):
            if part.is_linked_to_previous and kind.startswith("首页"):
                continue
            for p in part.paragraphs:
                text = _visible_text(p).strip()
                if text and (kind, text) not in seen:
                    seen.add((kind, text))
                    left_out.append((f"Word {kind}", text, f"Word {kind}"))
    return lines, "Word 文档(python-docx 读取,自动编号已按 Word 规则计算)", left_out


class _Styles:
    """Paragraph styles by id, looked up once: python-docx's paragraph.style searches every style
    for the default on each call (most of the reading time of a long document)."""

    def __init__(self, document):
        from docx.enum.style import WD_STYLE_TYPE
        self.by_id = {s.style_id: s for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
        self.default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)

    def of(self, paragraph):
        p_pr = paragraph._p.pPr
        style_id = p_pr.pStyle.val if p_pr is not None and p_pr.pStyle is not None else None
        return self.by_id.get(style_id, self.default) if style_id else self.default


def _paragraph_lines(paragraph, no: int, numbering: Numbering, style) -> list[Line]:
    text = _visible_text(paragraph)
    numpr = paragraph_numpr(paragraph, style)
    label = numbering.next_label(*numpr) if numpr else None
    level = numbering.level(*numpr) if numpr else None
    if not text.strip():
        return [Line(no, 0, label, unit="段")] if label else []   # empty numbering: the junk filter lists it
    heading = (style.name or "").lower().startswith(HEADING_STYLES) if style is not None else False
    depth = _depth(paragraph, level)
    out = []
    for i, part in enumerate(text.split("\n")):
        part = part.strip()
        if not part:
            continue
        if i == 0 and label:  # "一、" and "(一)" run into the text, "1." and "•" take a space
            part = f"{label}{'' if label[-1] in '、))' else ' '}{part}"
        out.append(Line(no, depth, part, unit="段", heading=heading, gap=not out))
    return out


def _visible_text(paragraph) -> str:
    """The paragraph's text with tabs as spaces; deleted revisions are not in python-docx's text."""
    return paragraph.text.replace("\t", " ").replace("\u00a0", " ").replace("\r", "\n")


def _depth(paragraph, level) -> int:
    ind = paragraph._p.pPr.find(qn("w:ind")) if paragraph._p.pPr is not None else None
    left = None
    if ind is not None:
        raw = ind.get(qn("w:left")) or ind.get(qn("w:start"))
        left = int(raw) if raw and raw.lstrip("-").isdigit() else None
    if left is None and level is not None:
        left = level.indent
    return max(0, int((left or 0) / TWIPS_PER_LEVEL + 0.5))


def _is_header(table) -> bool:
    """A first row of short names (指标 | 目标值) above at least one row of content."""
    if len(table.rows) < 2:
        return False
    cells = [c.text.strip() for c in table.rows[0].cells]
    return all(len(c) <= 6 and not any(ch.isdigit() or ch in "XX" for ch in c) for c in cells)


def _rows(table) -> list[str]:
    """Each row as "first cell:other cells"; merged cells counted once."""
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if cells:
            rows.append(cells[0] + (":" + ",".join(cells[1:]) if len(cells) > 1 else ""))
    return rows
