"""The import report, in Chinese: what was written, what to check (待确认), what was left out
(未导入), each with its place in the source and how to fix it. Plain text for the terminal; the
same facts as a dict for the preview page (macros/site/inbox.py renders them with a template)."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import Draft, ImportResult

FIX = {
    "页码行": "页码不属于计划,无需处理。",
    "空编号": "Word 里多出的空编号段落,无需处理;若原本有内容,请在原文补上文字后重新导入。",
    "只有符号": "分隔线等装饰,无需处理。",
    "版权声明": "版权或来源说明不属于计划,无需处理。",
    "广告": "广告或网页导航文字,无需处理。",
    "页眉或页脚": "页眉页脚,无需处理;若是正文,请改写成不重复的句子。",
    "篇X": "文章开头的总说明不属于任何一篇计划;需要的话手工写进某篇的引言。",
    "未能归入": "导入程序没认出这一行属于哪一部分:请在原文给它加上所属的标题或编号后重新导入,或手工加到 YAML 中。",
    "Word": "Word 页眉 / 页脚,不属于计划正文,无需处理。",
    "表头": "表格第一行是列名,内容已按行导入,无需处理。",
}


def fix_for(reason: str) -> str:
    return next((text for key, text in FIX.items() if key in reason), "请对照原文确认。")


def yaml_path(path: tuple) -> str:
    return ".".join(str(p) for p in path) if path else "(整个文件)"


@dataclass
class WrittenDraft:
    draft: Draft
    path: str                        # where the YAML was written, as shown to the editor
    problems: list[str] = field(default_factory=list)   # validator messages, empty when valid


def count(data: dict) -> tuple[int, int]:
    """(sections, measures) in a plan mapping."""
    sections = measures = 0

    def walk(node):
        nonlocal sections, measures
        if isinstance(node, dict):
            if "id" in node and ("title" in node or "sections" in node or "paragraphs" in node) and "text" not in node:
                sections += 1
            for key, value in node.items():
                if key == "items" and isinstance(value, list):
                    measures += _items(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({k: v for k, v in data.items() if k in ("intro", "goals", "body", "closing")})
    return sections, measures


def _items(items: list) -> int:
    return sum(1 + _items(i.get("items", [])) for i in items)


def as_text(result: ImportResult, written: list[WrittenDraft]) -> str:
    out = [f"导入 {result.source.name}({result.reader})", f"生成 {len(written)} 个计划草稿:"]
    for w in written:
        d = w.draft.data
        sections, measures = count(d)
        state = "校验通过" if not w.problems else f"校验未通过 {len(w.problems)} 处(见下)"
        out.append(f"  • {w.path}:{d['label']}《{d['title']}》{d['role']} — {sections} 节,{measures} 条措施,"
                   f"{len(d.get('fields', []))} 个填空项;{state}")
        out += [f"      ✗ {p}" for p in w.problems]
    notes = [(w, n) for w in written for n in w.draft.notes]
    out.append(f"\n待确认({len(notes)} 处,文件中以“# 待确认:”标出,改好后删掉这行注释):")
    out += [f"  - {n.where or '(全文)'} → {w.path} 的 {yaml_path(n.path)}:{n.message}" for w, n in notes] or ["  (无)"]
    left = result.unimported + [u for w in written for u in w.draft.unimported]
    out.append(f"\n未导入({len(left)} 行,不在计划里):")
    out += [f"  - {where}「{_short(text)}」:{reason}。{fix_for(reason)}" for where, text, reason in left] or ["  (无)"]
    if any(w.problems for w in written):
        out.append("\n修改 YAML 后检查:.venv/bin/python -m macros.validate " + " ".join(w.path for w in written))
    return "\n".join(out)


def as_dict(result: ImportResult, written: list[WrittenDraft]) -> dict:
    """The same report as data, for the preview page's template."""
    return {
        "source": result.source.name,
        "reader": result.reader,
        "drafts": [{"path": w.path, "plan": w.draft.data, "problems": w.problems,
                    "counts": count(w.draft.data),
                    "notes": [{"where": n.where, "path": yaml_path(n.path), "message": n.message} for n in w.draft.notes]}
                   for w in written],
        "unimported": [{"where": where, "text": text, "reason": reason, "fix": fix_for(reason)}
                       for where, text, reason in result.unimported + [u for w in written for u in w.draft.unimported]],
    }


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
