"""Word's automatic numbering, computed as Word shows it.

A numbered paragraph carries only w:numPr (numId, ilvl); its number lives in the numbering part:
w:num (numId → abstractNumId, optional w:lvlOverride/w:startOverride) and w:abstractNum/w:lvl
(w:start, w:numFmt, w:lvlText such as "%1、" or "(%1)", w:lvlRestart, w:isLgl). As in Word:
  - instances (w:num) of one abstractNum share their counters (that is how a list continues
    after a paragraph of other text); a w:startOverride restarts its level the first time its
    instance is used ("restart numbering at 1");
  - a paragraph at level L resets the deeper levels (or only those whose w:lvlRestart allows);
  - w:numFmt chineseCounting → 一、二 … 十一, decimal → 1 2, upperLetter → A, bullet → •.
Numbering may also come from the paragraph's style (a style with w:numPr), followed via basedOn.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn

CN_DIGITS = "〇一二三四五六七八九"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def chinese_counting(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + CN_DIGITS[rest] if rest < 10 else chinese_counting(rest) if rest >= 20 else "一" + chinese_counting(rest))
    return CN_DIGITS[n // 100] + "百" + tail


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _roman(n: int) -> str:
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
            (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out, n = out + s, n - v
    return out


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographDigital",
               "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese_counting(n) if fmt != "ideographDigital" else "".join(CN_DIGITS[int(d)] for d in str(n))
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else str(n)
    if fmt == "ideographTraditional":
        return TIANGAN[(n - 1) % 10]
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None   # w:lvlRestart: reset after a paragraph at this level or shallower
    legal: bool = False          # w:isLgl: show the higher levels' numbers as decimals
    indent: int | None = None    # w:ind w:left (twips), used for the paragraph's depth


@dataclass
class Numbering:
    """The numbering definitions of one document, and the running counters while reading it."""
    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → (abstractId, overrides)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    used_overrides: set[tuple[str, int]] = field(default_factory=set)

    @classmethod
    def from_document(cls, document) -> "Numbering":
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return numbering
        for abstract in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.findall(qn("w:lvl")):
                levels[int(lvl.get(qn("w:ilvl")))] = _level(lvl)
            numbering.abstract[abstract.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            overrides = {}
            for override in num.findall(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    overrides[int(override.get(qn("w:ilvl")))] = int(start.get(qn("w:val")))
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:  # a whole level redefined for this instance
                    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
                    numbering.abstract.setdefault(abstract_id, {})[int(override.get(qn("w:ilvl")))] = _level(lvl)
            numbering.nums[num.get(qn("w:numId"))] = (num.find(qn("w:abstractNumId")).get(qn("w:val")), overrides)
        return numbering

    def level(self, num_id: str, ilvl: int) -> Level | None:
        if num_id not in self.nums:
            return None
        return self.abstract.get(self.nums[num_id][0], {}).get(ilvl)

    def next_label(self, num_id: str, ilvl: int) -> str | None:
        """The number Word shows for the next paragraph of (numId, ilvl); None when not numbered."""
        if num_id in ("0", None) or num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self.counters.setdefault(abstract_id, {})
        if ilvl in overrides and (num_id, ilvl) not in self.used_overrides:
            self.used_overrides.add((num_id, ilvl))
            counters[ilvl] = overrides[ilvl]
        else:
            counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper, lvl in levels.items():
            if deeper > ilvl and (lvl.restart is None or lvl.restart != 0 and ilvl < lvl.restart):
                counters.pop(deeper, None)
        if level.fmt == "bullet":
            return "•"
        text = level.text
        for n in range(1, 10):
            if f"%{n}" in text:
                lvl = levels.get(n - 1, Level())
                value = counters.get(n - 1, lvl.start)
                fmt = "decimal" if level.legal and n - 1 < ilvl else lvl.fmt
                text = text.replace(f"%{n}", format_number(value, fmt))
        return text


def _level(lvl) -> Level:
    def val(tag, default=None):
        el = lvl.find(qn(tag))
        return el.get(qn("w:val")) if el is not None else default

    restart = val("w:lvlRestart")
    indent = None
    ind = lvl.find(qn("w:pPr") + "/" + qn("w:ind"))
    if ind is not None:
        left = ind.get(qn("w:left")) or ind.get(qn("w:start"))
        indent = int(left) if left and left.lstrip("-").isdigit() else None
    legal = lvl.find(qn("w:isLgl"))
    return Level(start=int(val("w:start", "1")), fmt=val("w:numFmt", "decimal"), text=val("w:lvlText", "") or "",
                 restart=int(restart) if restart is not None else None,
                 legal=legal is not None and legal.get(qn("w:val"), "1") not in ("0", "false"), indent=indent)


def paragraph_numpr(paragraph, style=None) -> tuple[str, int] | None:
    """(numId, ilvl) from the paragraph, else from its style chain (`style`: the paragraph's
    style when the caller has it, else python-docx looks it up)."""
    p_pr = paragraph._p.pPr
    found = _numpr(p_pr)
    if found is None and style is None:
        style = paragraph.style
    elif found is not None:
        style = None
    while found is None and style is not None:
        found = _numpr(style.element.pPr)
        style = style.base_style
    if found is None or found[0] is None:
        return None
    return found[0], found[1] or 0


def _numpr(p_pr) -> tuple[str | None, int | None] | None:
    if p_pr is None or p_pr.numPr is None:
        return None
    num_pr = p_pr.numPr
    num_id = num_pr.numId.val if num_pr.numId is not None else None
    ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else None
    return (str(num_id) if num_id is not None else None), ilvl
