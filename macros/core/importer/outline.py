"""Lines → an outline tree: headings nest by rank and indentation, content under its heading.

Node kinds:
  heading   a section: label + title (一、 / 第X部分 / (一) / 模块 / 行动计划 / 1. X: …)
  title     an unnumbered heading line (前言:…, 总结, 个人成长:): top level, holds no headings
  slot      "• 措施:" / "• 项目实施方案:" — a label with nothing after the colon, holding what follows
  item      a list line (• or 1.) with a sentence: a measure; deeper lines are its sub-items
  text      a paragraph
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import conventions as cv
from .lines import Line


@dataclass
class Node:
    kind: str
    line: Line | None
    text: str = ""
    label: str = ""
    title: str = ""
    depth: int = 0
    rank: int = 99
    heading_kind: cv.HeadingKind | None = None
    marker: str = ""          # "bullet", "number" or ""
    children: list["Node"] = field(default_factory=list)

    def headings(self) -> list["Node"]:
        return [c for c in self.children if c.kind in ("heading", "title", "slot") and c.has_structure()]

    def has_structure(self) -> bool:
        return self.kind == "heading" or any(c.kind != "text" for c in self.children) or self.kind == "title"


def strip_marker(text: str) -> tuple[str, str]:
    """("bullet" | "number" | "", text without the list marker)."""
    if m := cv.NUMBERED.match(text):
        return "number", text[m.end():].strip()
    if m := cv.PAREN_NUMBERED.match(text):
        return "number", text[m.end():].strip()
    if m := cv.BULLET.match(text):
        if text[:1] in "-*–" and len(text) > 1 and text[1] not in " \t":
            return "", text
        return "bullet", text[m.end():].strip()
    return "", text


def classify(line: Line) -> Node:
    """One line as a node, without children yet."""
    marker, body = strip_marker(line.text)
    node = Node("text", line, text=body, depth=line.depth, marker=marker)
    found = cv.match_heading(body)
    if found and (found[0].rank <= 3 or marker or line.depth > 0 or not cv.ends_sentence(found[2]) or found[1].startswith("行动")):
        kind, label, title = found
        if not (kind.name == "chapter" and kind.rank == 1 and (marker or cv.ends_sentence(title) and len(title) > 30)):
            node.kind, node.label, node.title, node.rank, node.heading_kind = "heading", label, title, kind.rank, kind
            return node
    labelled = cv.split_label(body)
    if labelled and not labelled[1] and marker:
        node.kind, node.title = "slot", labelled[0]
        return node
    if marker == "number" and line.depth > 0 and cv.is_short_title(body) and body.endswith((":", ":")):
        node.kind, node.title, node.rank = "heading", body.rstrip("::").strip(), cv.STEP_RANK
        return node
    if not marker and (line.heading or (line.depth == 0 and cv.is_short_title(body) and "(" not in body and "(" not in body
                                        and not body.startswith(cv.SENTENCE_START))):
        node.kind = "title"
        if labelled and labelled[1] and not line.heading or labelled and labelled[1] and cv.is_short_title(labelled[1], 30):
            node.label, node.title = labelled
        else:
            node.title = body.rstrip("::").strip()
        node.rank = 0 if line.heading and found else 1
        return node
    if marker or line.table:
        node.kind = "item"
    return node


def build(lines: list[Line]) -> Node:
    """The outline of one plan's lines under a root node."""
    root = Node("root", None, depth=-1, rank=-1)
    stack: list[Node] = [root]
    for line in lines:
        node = classify(line)
        if node.kind in ("heading", "title"):
            _close_for_heading(stack, node)
        else:
            _close_for_content(stack, node)
        stack[-1].children.append(node)
        if node.kind != "text":
            stack.append(node)
    return root


def _close_for_heading(stack: list[Node], node: Node) -> None:
    while len(stack) > 1:
        top = stack[-1]
        if node.kind == "title" and node.depth == 0:
            stack.pop()  # unnumbered headings are always top level
        elif top.kind == "title" or top.depth > node.depth:
            stack.pop()
        elif top.kind in ("slot", "item") and top.depth >= node.depth:
            stack.pop()
        elif top.kind == "heading" and top.depth == node.depth and top.rank >= node.rank:
            stack.pop()
        else:
            break


def _close_for_content(stack: list[Node], node: Node) -> None:
    while len(stack) > 1:
        top = stack[-1]
        if top.depth > node.depth or (top.kind in ("slot", "item") and top.depth >= node.depth):
            stack.pop()
        else:
            break
