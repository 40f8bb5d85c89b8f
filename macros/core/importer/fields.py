"""Placeholders (XXXX 万元, XX%, XX 户, X 次, ____) → declared fields [[id]] with label, unit, kind.

The label is read from the sentence: for a number, the words before the placeholder in its clause
("新增日均存款 XXXX 万元" → 新增日均存款); for a name ("考取XX资格证书"), the words after it plus 名称.
A placeholder followed by a unit is a number; one followed by words is text.
"""
from __future__ import annotations

import re

UNITS = ("万元", "亿元", "千元", "元", "%", "%", "‰", "个百分点", "户", "次", "人次", "人", "个", "笔", "天", "家",
         "项", "名", "篇", "小时", "分钟", "份", "场", "期", "倍", "年", "月", "周", "单", "台", "张", "件", "位", "分")
PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:[XxＸ]{1,6}|_{2,}|＿{2,})(?![A-Za-z])")
CLAUSE_BREAK = re.compile(r"[,,。;;::!?!?、]")
LEADING_FILLER = re.compile(r"^(?:其中|并且|并|且|同时|以及|和|及)")
NUMBER_HINT = re.compile(r"(?:率|占比|比例|增长|提升|提高|降低|达到|不低于|不少于|不超过|控制在|新增|完成|实现)$")


def find(text: str) -> list[re.Match]:
    """Placeholders in a text; lowercase x only when it stands alone between spaces or units."""
    found = []
    for m in PLACEHOLDER.finditer(text):
        if m.group()[0] == "x" and not _unit_after(text, m.end()):
            continue
        found.append(m)
    return found


def _unit_after(text: str, end: int) -> str:
    rest = text[end:].lstrip(" ")
    return next((u for u in UNITS if rest.startswith(u)), "")


def describe(text: str, m: re.Match) -> dict:
    """{label, placeholder, unit?, kind} for one placeholder found in text."""
    unit = _unit_after(text, m.end())
    before = CLAUSE_BREAK.split(text[:m.start()])[-1].strip()
    before = LEADING_FILLER.sub("", before).strip()
    after = re.split(r"[,,。;;::!?!?、((]", text[m.end():])[0].strip()
    placeholder = m.group().replace("x", "X").replace("Ｘ", "X").replace("＿", "_")
    if unit or (NUMBER_HINT.search(before) and not after):
        following = re.split(r"[,,。;;::!?!?、((]", text[m.end():].lstrip(" ")[len(unit):])[0].strip()
        label = before or following or "数值"
        if following and len(before) <= 4:  # "全年完成 XX 户存量客户回访": the verb alone says too little
            label = f"{before}…{unit}{following}"
        field = {"label": label, "placeholder": placeholder}
        if unit:
            field["unit"] = "%" if unit == "%" else unit
        field["kind"] = "number"
        return field
    label = f"{after}名称" if after and len(after) <= 16 else (before or "填写内容")
    return {"label": label, "placeholder": placeholder, "kind": "text"}


def replace_placeholders(text: str, owner_id: str, registry, fields: list[dict]) -> str:
    """The text with each placeholder written as [[id]]; the new fields appended to `fields`."""
    matches = find(text)
    if not matches:
        return text
    out, pos = [], 0
    for n, m in enumerate(matches, 1):
        field = describe(text, m)
        fid = registry.claim(f"{owner_id}-value" + (f"-{n}" if len(matches) > 1 else ""))
        fields.append({"id": fid, **field})
        out.append(text[pos:m.start()])
        out.append(f"[[{fid}]]")
        pos = m.end()
        if field.get("unit") == "%" and text[pos:pos + 1] == "%":
            out.append("%")
            pos += 1
    out.append(text[pos:])
    return "".join(out)
