"""An article → one chunk of lines per plan (篇一, 篇二 …), with each plan's head: 篇 label,
《title》, (侧重于…) focus. Lines before the first 篇 of a several-篇 article belong to no plan."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import conventions as cv
from .lines import Line
from .outline import strip_marker


@dataclass
class Chunk:
    head: dict
    lines: list[Line]
    head_lines: list[Line] = field(default_factory=list)
    number: int | None = None


def split_plans(lines: list[Line]) -> tuple[list[Line], list[Chunk]]:
    """(lines before the first 篇, chunks). An article without 篇 is one chunk."""
    starts = [i for i, line in enumerate(lines) if cv.PART.match(strip_marker(line.text)[1])]
    if not starts:
        return [], [_chunk(lines, None)]
    chunks = [_chunk(lines[a:b], lines[a]) for a, b in zip(starts, starts[1:] + [len(lines)])]
    return lines[:starts[0]], chunks


def _chunk(lines: list[Line], part_line: Line | None) -> Chunk:
    head: dict = {}
    head_lines: list[Line] = []
    rest = list(lines)
    if part_line is not None:
        m = cv.PART.match(strip_marker(part_line.text)[1])
        head["label"] = f"篇{m.group(1)}"
        head["where"] = part_line.where
        title = cv.TITLE_MARKS.search(m.group(2))
        head["title"] = title.group(1) if title else m.group(2).strip()
        if title and (extra := cv.TITLE_MARKS.sub("", m.group(2)).strip()):
            head["title_extra"] = extra  # "篇六:《…》(2025 版)": kept for the editor to place
        head_lines.append(part_line)
        rest = rest[1:]
    elif rest and (title := cv.TITLE_MARKS.search(rest[0].text)) and len(rest[0].text) <= 40:
        head["title"], head["where"] = title.group(1), rest[0].where
        head_lines.append(rest.pop(0))
    elif rest and cv.is_short_title(rest[0].text) and not cv.match_heading(rest[0].text) and (
            len(rest) > 1 and cv.FOCUS.match(rest[1].text)):
        head["title"], head["where"] = rest[0].text, rest[0].where
        head_lines.append(rest.pop(0))
    for i, line in enumerate(rest[:3]):
        if m := cv.FOCUS.match(line.text):
            head["focus"], head["focus_where"] = m.group(1), line.where
            head_lines.append(rest.pop(i))
            break
    number = cv.cn_to_int(head["label"][1:]) if head.get("label") else None
    return Chunk(head, rest, head_lines, number)
