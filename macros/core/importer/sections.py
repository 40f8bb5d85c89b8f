"""Outline nodes → plan sections: paragraphs, measures (checkable), targets, bullets, sub-sections.

Every node turned into plan text is recorded in `used`, so that whatever is left over can be
listed in the report (nothing silently lost).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import conventions as cv
from . import fields as fl
from .ids import IdRegistry, label_slug
from .outline import Node


@dataclass
class Note:
    """A place the article leaves open: written as `# 待确认:` above `path` in the YAML."""
    path: tuple
    message: str
    where: str = ""


@dataclass
class Context:
    ids: IdRegistry
    fields: list[dict] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    used: set[int] = field(default_factory=set)

    def use(self, node: Node) -> None:
        if node.line is not None:
            self.used.add(node.line.no)

    def text(self, text: str, owner: str) -> str:
        return fl.replace_placeholders(text, owner, self.ids, self.fields)


def paragraph(node: Node, ctx: Context, owner: str):
    """A paragraph: plain text, or {label, text} for "内容:…" style lines."""
    ctx.use(node)
    labelled = cv.split_label(node.text)
    if labelled and labelled[1] and cv.PARA_LABEL.match(labelled[0]):
        return {"label": labelled[0], "text": ctx.text(labelled[1], owner)}
    return ctx.text(node.text, owner)


def is_para_item(node: Node) -> bool:
    labelled = cv.split_label(node.text)
    return bool(node.kind == "item" and labelled and labelled[1] and cv.PARA_LABEL.match(labelled[0]))


def measure_slot(node: Node) -> bool:
    """"• 措施:" (empty) or "• 措施:一句话" — the measures of a section."""
    if node.kind == "slot":
        return bool(cv.MEASURE_LABEL.match(node.title))
    labelled = cv.split_label(node.text)
    return bool(node.kind == "item" and labelled and labelled[1] and cv.MEASURE_LABEL.match(labelled[0]))


def item(node: Node, iid: str, ctx: Context, path: tuple) -> dict:
    """A measure: {id, label?, title?, text?, items?}."""
    ctx.use(node)
    out: dict = {"id": iid}
    body = node.text
    if m := cv.ITEM_LABEL.match(body):
        out["label"], out["title"], body = m.group(1).replace(" ", ""), m.group(2), m.group(3)
    elif (labelled := cv.split_label(body)) and labelled[1] and len(labelled[0]) <= 16:
        out["title"], body = labelled
    if body:
        out["text"] = ctx.text(body, iid)
    elif "title" not in out:
        out["text"] = node.text
    subs = [c for c in node.children]
    if subs:
        out["items"] = [item(c, ctx.ids.claim(f"{iid}-{n}"), ctx, path + ("items", n - 1)) for n, c in enumerate(subs, 1)]
    return out


def target(node: Node, tid: str, ctx: Context) -> dict | None:
    labelled = cv.split_label(node.text)
    if not labelled or not labelled[1]:
        return None
    ctx.use(node)
    return {"id": tid, "title": labelled[0], "text": ctx.text(labelled[1], tid)}


def section(node: Node, sid: str, ctx: Context, path: tuple, goals: bool = False, prefix: str | None = None) -> dict:
    """One heading and what it holds; sub-section ids start with `prefix` (default: this id)."""
    ctx.use(node)
    out: dict = {"id": sid}
    if node.label:
        out["label"] = node.label
    if node.title:
        out["title"] = node.title
    if fl.find(node.title) or fl.find(node.label):
        ctx.notes.append(Note(path + ("title",), "标题里有占位符(XX),标题不能填空,请改写标题", _where(node)))
    paragraphs, outro, bullets, targets, subsections = [], [], [], [], []
    measures: dict = {}
    children = list(node.children)
    i = 0
    while i < len(children):
        child = children[i]
        structured = bool(measures or subsections or bullets or targets)
        if child.kind == "text":
            run = _colon_list(children, i)
            if run:
                para = paragraph(child, ctx, sid)
                (outro if structured else paragraphs).append(para)
                _list_after_colon(run, sid, ctx, measures, bullets, path)
                i += 1 + len(run)
                continue
            (outro if structured else paragraphs).append(paragraph(child, ctx, sid))
        elif goals and child.kind == "item" and (t := target(child, ctx.ids.claim(f"{sid}-{len(targets) + 1}"), ctx)):
            targets.append(t)
        elif is_para_item(child) and not child.children:
            (outro if structured else paragraphs).append(paragraph(child, ctx, sid))
        elif measure_slot(child):
            ctx.use(child)
            _add_measures(measures, child, sid, ctx, path)
        elif child.kind in ("heading", "title", "slot"):
            subsections.append(child)
        else:
            _add_items(measures, [child], sid, ctx, path)
        i += 1
    if paragraphs:
        out["paragraphs"] = paragraphs
    if targets:
        out["targets"] = targets
    if measures:
        out["measures"] = {k: measures[k] for k in ("label", "ordered", "items") if k in measures}
    if bullets:
        out["bullets"] = bullets
    if subsections:
        out["sections"] = [section(c, _sub_id(c, sid if prefix is None else prefix, n, ctx), ctx, path + ("sections", n - 1))
                           for n, c in enumerate(subsections, 1)]
    if outro:
        out["outro"] = outro
    if not any(k in out for k in ("paragraphs", "targets", "measures", "bullets", "sections", "outro")):
        ctx.notes.append(Note(path, "这一节只有标题,没有正文或措施:请补写内容,或确认原文就是这样", _where(node)))
    return out


def _sub_id(node: Node, parent: str, n: int, ctx: Context) -> str:
    slug = label_slug(node.heading_kind.name, node.label) if node.heading_kind and node.label else ""
    return ctx.ids.claim(f"{parent}-{slug or f's{n}'}" if parent else slug or f"part-{n}")


def _where(node: Node) -> str:
    return node.line.where if node.line else ""


def _colon_list(children: list[Node], i: int) -> list[Node]:
    """Unmarked lines right after a paragraph ending in a colon: the list it announces."""
    if not children[i].text.rstrip().endswith((":", ":")):
        return []
    run = []
    for child in children[i + 1:]:
        if child.kind != "text" or child.children or (run and child.line is not None and child.line.gap):
            break
        run.append(child)
    return run if len(run) >= 2 else []


def _list_after_colon(run: list[Node], sid: str, ctx: Context, measures: dict, bullets: list, path: tuple) -> None:
    """Labelled lines ("持续学习:…") become measures; plain sentences a bullet list."""
    if all((lab := cv.split_label(c.text)) and lab[1] for c in run):
        _add_items(measures, run, sid, ctx, path)
    else:
        for c in run:
            ctx.use(c)
            bullets.append(ctx.text(c.text, sid))


def _add_items(measures: dict, nodes: list[Node], sid: str, ctx: Context, path: tuple) -> None:
    items = measures.setdefault("items", [])
    for node in nodes:
        n = len(items) + 1
        items.append(item(node, ctx.ids.claim(f"{sid}-{n}"), ctx, path + ("measures", "items", n - 1)))
        if node.marker == "number":
            measures["ordered"] = True


def _add_measures(measures: dict, slot: Node, sid: str, ctx: Context, path: tuple) -> None:
    label = slot.title if slot.kind == "slot" else cv.split_label(slot.text)[0]
    if measures.get("items"):
        ctx.notes.append(Note(path + ("measures",), f"“{label}”之前已有措施,两组措施已合并为一组,请确认", _where(slot)))
    else:
        measures["label"] = label
    if slot.kind == "slot":
        _add_items(measures, slot.children, sid, ctx, path)
    else:
        rest = Node("item", None, text=cv.split_label(slot.text)[1], marker=slot.marker, children=slot.children)
        _add_items(measures, [rest], sid, ctx, path)
    if not measures.get("items"):
        measures.pop("label", None)
        ctx.notes.append(Note(path, f"“{label}”下面没有内容", _where(slot)))
