"""The article's own conventions, as patterns: 篇 marks, headings of each rank, list markers, labels.

A heading's rank says what it may contain: a 一、 chapter holds (一) modules, a 模块 holds 行动计划
and 阶段, those hold numbered steps. Ranks are a hint for nesting, not a rule the article must obey:
the outline (outline.py) also follows indentation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "零一二三四五六七八九"
CN_NUM = r"[一二三四五六七八九十百零〇两]+"
NUM = rf"(?:{CN_NUM}|\d+)"

PART = re.compile(rf"^篇({CN_NUM}|\d+)[::]\s*(.*)$")
TITLE_MARKS = re.compile(r"《(.+?)》")
FOCUS = re.compile(r"^[((]\s*侧重于?[::]\s*(.+?)\s*[))]$")
KIND = re.compile(r"([\u4e00-\u9fff]{2}型)(?:计划)?")

BULLET = re.compile(r"^[•·●○◦▪■□◆◇\-*–]\s*")
NUMBERED = re.compile(r"^(\d+)[.．、]\s*(?!\d)")
PAREN_NUMBERED = re.compile(r"^[((](\d+)[))]\s*")
SENTENCE_END = "。!?;!?;.…"
SENTENCE_START = ("我", "本人", "我们")  # "我期望在年底做到:" is a sentence, not a heading
INNER_PUNCT = re.compile(r"[,,。;;!?!?]")


@dataclass(frozen=True)
class HeadingKind:
    name: str       # used in ids: module, stage, action …
    rank: int       # smaller holds larger
    pattern: re.Pattern
    unit: str = ""  # what the body calls such a part: 模块, 项目, 象限, 章, 部分


def _h(name: str, rank: int, pattern: str, unit: str = "") -> HeadingKind:
    return HeadingKind(name, rank, re.compile(pattern), unit)


# label in group 1, title in group 2 (title may be empty: "项目实施方案:" style).
HEADINGS = [
    _h("chapter", 1, rf"^({CN_NUM}、)\s*(.+)$"),
    _h("part", 1, rf"^(第{NUM}部分)\s*[::]?\s*(.*)$", "部分"),
    _h("chapter", 2, rf"^(第{NUM}章)\s*[::]?\s*(.*)$", "章"),
    _h("module", 3, rf"^([((]{CN_NUM}[))])\s*(.+)$", "模块"),
    _h("module", 3, rf"^(模块{NUM})\s*[::]?\s*(.*)$", "模块"),
    _h("project", 3, rf"^(项目{NUM})\s*[::]\s*(.*)$", "项目"),
    _h("quadrant", 3, rf"^(第{NUM}象限)\s*[::]?\s*(.*)$", "象限"),
    _h("section", 4, rf"^(第{NUM}节)\s*[::]?\s*(.*)$", "节"),
    _h("stage", 4, rf"^(第{NUM}阶段)\s*[::]?\s*(.*)$", "阶段"),
    _h("action", 4, r"^(行动计划\s*\d+)\s*[::]\s*(.*)$", "行动计划"),
    _h("project", 4, r"^(项目[A-Z])\s*[::]?\s*(.*)$", "项目"),
    _h("quarter", 5, r"^(Q\d(?:\s*[-–~至]\s*Q\d)?)\s*[::]\s*(.*)$", "季度"),
    _h("quarter", 5, rf"^(第{NUM}季度)\s*[::]?\s*(.*)$", "季度"),
]
# A numbered line that is a heading (no sentence of its own): "1. 服务规范内化于心:".
STEP_RANK = 6
# Labels that start a paragraph ("• 内容:…", "目标:…") rather than a measure.
PARA_LABEL = re.compile(r"^(?:.{0,6}(?:内容|目标|任务|理念|背景|说明|定位)|[A-Za-z ]{0,12}Goal)$")
# Labels that announce the measures below them ("• 措施:", "• 实施步骤:").
MEASURE_LABEL = re.compile(r"^.{0,4}(?:措施|步骤|举措|行动)$")
# "行动1(渠道拉新):…" — an item's own label and title.
ITEM_LABEL = re.compile(r"^(行动\s*\d+|步骤\s*\d+|举措\s*\d+)\s*[((](.+?)[))]\s*[::]\s*(.*)$")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
LABEL_SPLIT = re.compile(r"^([^::]{1,18}?)\s*[::]\s*(.*)$")


def cn_to_int(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 3 → 3 (numbers up to 999)."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in "十百":
            total += (current or 1) * (10 if ch == "十" else 100)
            current = 0
        elif ch in CN_DIGITS or ch in "〇两":
            current = 2 if ch == "两" else CN_DIGITS.index(ch) if ch in CN_DIGITS else 0
        else:
            return None
    return total + current


def match_heading(text: str) -> tuple[HeadingKind, str, str] | None:
    """(kind, label, title) when the text starts with a heading label of the article's style."""
    for kind in HEADINGS:
        if m := kind.pattern.match(text):
            return kind, m.group(1).strip(), m.group(2).strip()
    return None


def split_label(text: str) -> tuple[str, str] | None:
    """"内容:正文" → ("内容", "正文") when the part before the colon is a short label."""
    m = LABEL_SPLIT.match(text)
    if not m or INNER_PUNCT.search(QUOTED.sub("", m.group(1))):
        return None
    return m.group(1).strip(), m.group(2).strip()


def ends_sentence(text: str) -> bool:
    return bool(text) and text.rstrip()[-1] in SENTENCE_END


def is_short_title(text: str, limit: int = 20) -> bool:
    """A line that reads as a heading: short, no sentence punctuation inside."""
    core = text.rstrip("::").strip()
    return 0 < len(core) <= limit and not INNER_PUNCT.search(core) and not ends_sentence(core)
