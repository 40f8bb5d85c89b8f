"""Word in, plan out: a plan article (.docx, .txt, .md) → validated plan YAML drafts + a report.

No MkDocs here (core logic; `python -m macros.import_plan` is the command). The steps, one module
each: read the source into numbered lines (text_source, docx_source + docx_numbering), drop junk
(junk), split into plans by 篇 (split), build the outline by the article's conventions
(conventions, outline), map it to a plan (plan_map, sections; ids, fields), write YAML with
`# 待确认:` comments (yaml_out) and check it (write), and say what was done in Chinese (report).
merge.py carries ids over when a revised article updates an existing plan (--update); cli.py is
the command; inbox.py converts the articles dropped into data/inbox/ for the serve-time preview.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .ids import IdRegistry
from .junk import split_junk
from .lines import ImportFailure, Line
from .outline import build
from .plan_map import plan_mapping
from .sections import Context, Note
from .split import split_plans

__all__ = ["Draft", "ImportFailure", "ImportResult", "import_source", "read_source"]
SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass
class Draft:
    plan_id: str
    data: dict
    notes: list[Note]
    unimported: list[tuple[str, str, str]]   # (where, text, reason)


@dataclass
class ImportResult:
    source: Path
    reader: str
    drafts: list[Draft]
    unimported: list[tuple[str, str, str]] = field(default_factory=list)  # outside any plan


def read_source(path: Path) -> tuple[list[Line], str, list[tuple[str, str, str]]]:
    """(lines, how it was read, lines the reader itself left out) — ImportFailure when unreadable."""
    if not path.is_file():
        raise ImportFailure(f"找不到文件:{path}")
    suffix = path.suffix.lower()
    if path.stat().st_size == 0:
        raise ImportFailure(f"文件是空的:{path.name}。请确认保存了文章内容。")
    if suffix in (".txt", ".md", ".markdown"):
        from .text_source import read_text
        lines, encoding = read_text(path, markdown=suffix != ".txt")
        return lines, f"文本文件,编码 {encoding}", []
    if suffix == ".docx":
        from .docx_source import read_docx
        return read_docx(path)
    if suffix in (".doc", ".wps", ".rtf", ".pdf"):
        raise ImportFailure(f"不支持 {suffix} 文件。请在 Word 或 WPS 中“另存为” .docx(Word 文档)后再导入。")
    raise ImportFailure(f"不支持的文件类型“{suffix or '无扩展名'}”:只能导入 .docx、.txt 或 .md。")


def default_id(path: Path) -> str:
    stem = path.stem.lower().replace("_", "-").replace(" ", "-")
    return stem if SLUG.match(stem) else "new-plan"


def import_source(path: Path, plan_id: str | None = None, taken_orders: set[int] = frozenset()) -> ImportResult:
    """Read and convert; ImportFailure (a Chinese message) when nothing sensible can be made."""
    path = Path(path)
    lines, reader, left_out = read_source(path)
    kept, dropped = split_junk(lines)
    if not kept:
        raise ImportFailure(f"{path.name} 里没有可导入的文字(只有空行、页码或页眉页脚)。")
    preamble, chunks = split_plans(kept)
    result = ImportResult(path, reader, [], left_out + [(l.where, l.text, r) for l, r in dropped])
    result.unimported += [(l.where, l.text, "在第一个“篇X:”之前,不属于任何一篇计划") for l in preamble]
    base = plan_id or default_id(path)
    next_order = max(taken_orders, default=0) + 1
    for chunk in chunks:
        pid = base if len(chunks) == 1 else f"{base}-{chunk.number or len(result.drafts) + 1}"
        order = chunk.number if chunk.number and chunk.number not in taken_orders else next_order
        next_order = max(next_order, order) + 1
        result.drafts.append(_draft(chunk, pid, order, path))
        if not plan_id and base == "new-plan":
            result.drafts[-1].notes.insert(0, Note(("id",), "文件名不是英文,计划 id 暂定为 " + pid
                                                   + ":请用 --id 给一个英文 id(如 loan-officer)重新导入,文件名与 id 相同"))
    return result


def _draft(chunk, pid: str, order: int, path: Path) -> Draft:
    root = build(chunk.lines)
    ctx = Context(IdRegistry())
    data = plan_mapping(root, chunk.head, pid, order, ctx)
    if "body" not in data:
        where = chunk.head.get("where") or (chunk.lines[0].where if chunk.lines else "")
        raise ImportFailure(f"{path.name}{'(' + chunk.head['label'] + ')' if chunk.head.get('label') else ''}"
                            f" 没有可识别的结构({where} 起):找不到“一、”“(一)”“模块一”“第一章”“1.”这类标题。"
                            "请按原文格式给各部分加上编号标题后再导入。")
    if ctx.fields:
        data = {**{k: data[k] for k in list(data)[:9]}, "fields": ctx.fields, **{k: data[k] for k in list(data)[9:]}}
    used = ctx.used | {l.no for l in chunk.head_lines}
    unimported = [(l.where, l.text, "未能归入计划的任何部分") for l in chunk.lines if l.no not in used]
    return Draft(pid, data, ctx.notes, unimported)
