"""Readable, unique, stable ids for sections, measures, targets and fields.

An id comes from the place in the article, not from its wording: a section from its label
(模块二 → module-2, 第一阶段 → stage-1, 项目A → project-a, 行动计划1 → action-1) or its position among
its siblings (s1, s2 … when it has no label), a measure from its position in its section
(module-2-action-1-3). Importing the same article twice gives the same ids; rewording a heading
or a measure changes no id; --update (merge.py) carries the existing ids over by text.
"""
from __future__ import annotations

import re

from . import conventions as cv

MAX_LEN = 60
_NUM = re.compile(rf"({cv.NUM}|[A-Z])")


def label_slug(kind_name: str, label: str) -> str:
    """模块二 → module-2, 项目A → project-a, Q1-Q2 → q1-q2, (三) → module-3."""
    if kind_name == "quarter" and label.upper().startswith("Q"):
        return "q" + "-q".join(re.findall(r"\d", label))
    found = _NUM.search(label.replace("第", ""))
    if not found:
        return ""
    token = found.group(1)
    number = cv.cn_to_int(token) if not token.isalpha() or not token.isascii() else None
    suffix = str(number) if number is not None else token.lower()
    return f"{kind_name}-{suffix}"


class IdRegistry:
    """Hands out ids, never the same one twice in a plan."""

    def __init__(self, taken: set[str] | None = None):
        self.taken: set[str] = set(taken or ())

    def claim(self, wanted: str) -> str:
        base = re.sub(r"[^a-z0-9]+", "-", wanted.lower()).strip("-")[:MAX_LEN - 4].strip("-") or "part"
        if not base[0].isalpha():
            base = "p-" + base
        candidate, n = base, 2
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        self.taken.add(candidate)
        return candidate
