"""One plan's outline → the plan mapping (id, title, role, … intro, goals, body, closing).

Which top-level part is which: the body is the part (or the run of same-kind parts) holding
sub-sections; before it the first part is the introduction and a part about 目标 / 指标 / KPI the
goals; after it, the closing. What the article does not say (audience, summary) is filled from what
it does say and marked 待确认.
"""
from __future__ import annotations

import re

from . import conventions as cv
from .ids import label_slug
from .outline import Node
from .sections import Context, Note, paragraph, section

GOALS_TITLE = re.compile(r"目标|指标|KPI", re.I)


def plan_mapping(root: Node, head: dict, plan_id: str, order: int, ctx: Context) -> dict:
    """head: label, title, focus (and their lines) read from the 篇 line and (侧重于…)."""
    plan: dict = {"id": plan_id, "order": order}
    focus = head.get("focus", "")
    role = re.split(r"[,,;;]", focus)[0].strip() if focus else ""
    kinds = cv.KIND.findall(focus)
    plan["label"] = head.get("label") or "篇一"
    plan["title"] = head.get("title") or "工作计划"
    plan["role"] = role or "待填写岗位"
    plan["kind"] = kinds[-1] if kinds else "成长型"
    plan["focus"] = focus or plan["role"]
    plan["audience"] = f"{plan['role']}。"
    plan["summary"] = focus or plan["role"]
    where = head.get("where", "")
    if not head.get("label"):
        ctx.notes.append(Note(("label",), "原文没有“篇X:”篇目编号,已暂填 篇一", where))
    if head.get("title_extra"):
        ctx.notes.append(Note(("title",), f"篇目行在《标题》之外还有“{head['title_extra']}”,没有放进计划:请决定放在哪里", where))
    if not head.get("title"):
        ctx.notes.append(Note(("title",), "原文没有《标题》,已暂填“工作计划”", where))
    if not focus:
        ctx.notes.append(Note(("focus",), "原文没有“(侧重于:…)”一句:岗位、类型、侧重点需手工填写", where))
    elif not kinds:
        ctx.notes.append(Note(("kind",), "“侧重于”一句里没有“××型”,计划类型暂填 成长型", head.get("focus_where", "")))
    ctx.notes.append(Note(("audience",), "原文没有“适用人群”,已暂填岗位名称:请写一句话说明适用人群", head.get("focus_where", "")))
    ctx.notes.append(Note(("summary",), "原文没有首页简介,已暂填“侧重于”一句:请改写成一句话简介", head.get("focus_where", "")))

    tops = [c for c in root.children if c.kind != "text"]
    loose = [c for c in root.children if c.kind == "text"]
    start, end = _body_run(tops)
    if start is None:
        return plan  # caller reports "no structure"
    before, run, after = tops[:start], tops[start:end], tops[end:]
    intro_node = before[0] if before else None
    goals_node = None
    if len(before) >= 2:
        goals_node = next((n for n in before[1:] if GOALS_TITLE.search(n.title + n.label)), before[1])
    elif len(before) == 1 and GOALS_TITLE.search(before[0].title) and loose:
        intro_node, goals_node = None, before[0]
    intro = _intro(intro_node, loose, ctx)
    if intro_node is None and not loose:
        ctx.notes.append(Note(("intro",), "没有找到引言部分", where))
    extra = [n for n in before if n not in (intro_node, goals_node)]
    for n in extra:
        intro.setdefault("sections", []).append(section(n, ctx.ids.claim(f"intro-s{len(intro.get('sections', [])) + 1}"), ctx, ("intro", "sections")))
        ctx.notes.append(Note(("intro",), f"“{n.label}{n.title}”位于主体之前、又不是目标,已并入引言:请确认位置", n.line.where))
    plan["intro"] = intro
    if goals_node:
        plan["goals"] = section(goals_node, ctx.ids.claim("goals"), ctx, ("goals",), goals=True)
    plan["body"] = _body(run, ctx)
    if after:
        plan["closing"] = section(after[0], ctx.ids.claim("closing"), ctx, ("closing",))
        for n in after[1:]:
            plan["closing"].setdefault("sections", []).append(
                section(n, ctx.ids.claim(f"closing-s{len(plan['closing'].get('sections', [])) + 1}"), ctx, ("closing", "sections")))
            ctx.notes.append(Note(("closing",), f"主体之后有多个部分,“{n.label}{n.title}”已并入结尾:请确认", n.line.where))
    else:
        plan["closing"] = {"id": ctx.ids.claim("closing")}
        ctx.notes.append(Note(("closing",), "没有找到总结 / 结语部分:请补写,或确认计划没有结尾", ""))
    return plan


def _body_run(tops: list[Node]) -> tuple[int | None, int]:
    """Index range of the body among the top-level parts."""
    holders = [i for i, n in enumerate(tops) if any(c.kind in ("heading", "slot") for c in n.children) and n.kind == "heading"]
    if not holders:
        holders = [i for i, n in enumerate(tops) if n.kind == "heading"]
        if not holders:
            return None, 0
    if len(holders) == 1 and not _same_kind_neighbours(tops, holders[0]):
        return holders[0], holders[0] + 1
    start, end = holders[0], holders[-1] + 1
    kind = tops[start].heading_kind
    while start > 0 and tops[start - 1].heading_kind is kind and kind is not None and not _is_wrapper_kind(tops, start - 1):
        start -= 1
    while end < len(tops) and tops[end].heading_kind is kind and kind is not None:
        end += 1
    return start, end


def _same_kind_neighbours(tops: list[Node], i: int) -> bool:
    """Is the single section-holding part one of a run of body parts (项目一…项目四), not a wrapper (三、)?"""
    kind = tops[i].heading_kind
    if kind is None or kind.rank <= 1:
        return False
    return any(n.heading_kind is kind for j, n in enumerate(tops) if j != i)


def _is_wrapper_kind(tops: list[Node], i: int) -> bool:
    return tops[i].heading_kind is not None and tops[i].heading_kind.rank <= 1


def _intro(node: Node | None, loose: list[Node], ctx: Context) -> dict:
    intro: dict = {"id": ctx.ids.claim("intro")}
    paragraphs = [paragraph(n, ctx, "intro") for n in loose]
    if node is not None:
        built = section(node, intro["id"], ctx, ("intro",))
        built["paragraphs"] = paragraphs + built.get("paragraphs", [])
        if not built["paragraphs"]:
            del built["paragraphs"]
        return built
    if paragraphs:
        intro["paragraphs"] = paragraphs
    return intro


def _body(run: list[Node], ctx: Context) -> dict:
    if len(run) == 1 and run[0].heading_kind is not None and run[0].heading_kind.rank <= 1:
        wrapper = run[0]
        body_id = ctx.ids.claim("plan")
        built = section(wrapper, body_id, ctx, ("body",), prefix="")
        sections = built.pop("sections", [])
        body = {"id": body_id, "unit": _unit(wrapper.headings())}
        for key in ("label", "title", "paragraphs"):
            if key in built:
                body[key] = built.pop(key)
        if set(built) - {"id"}:  # measures or closing lines right under the body's heading: a section of their own
            sections.append({"id": ctx.ids.claim(f"{body_id}-s{len(sections) + 1}"), **{k: v for k, v in built.items() if k != "id"}})
            ctx.notes.append(Note(("body", "sections", len(sections) - 1),
                                  "主体标题下直接有措施或段落,已单独成为一节:请补标题或移到合适的节中", wrapper.line.where))
        body["sections"] = sections
        return body
    sections = []
    for n, node in enumerate(run, 1):
        slug = label_slug(node.heading_kind.name, node.label) if node.heading_kind and node.label else f"part-{n}"
        sections.append(section(node, ctx.ids.claim(slug), ctx, ("body", "sections", n - 1)))
    return {"unit": _unit(run), "sections": sections}


def _unit(nodes: list[Node]) -> str:
    for node in nodes:
        if node.heading_kind and node.heading_kind.unit:
            unit = node.heading_kind.unit
            if unit == "模块" and node.label.startswith(("(", "(")) and not node.title.endswith("模块"):
                return "部分"
            return unit
    return "部分"
