"""A page's sections for the search index, as Material's search plugin cuts them, read with lxml.

Material's plugin parses every rendered page with Python's `html.parser` (a tokenizer written in
Python, one callback per tag) to cut it into sections: a section starts at each heading with an
id and holds the heading's text as title and the text after it. For large pages this was the
biggest part of the search plugin's time. `sections()` gives the same sections from libxml2's
parser (lxml), following the rules of Material's `Parser` (material/plugins/search/plugin.py):

- text before the first heading with an id belongs to a first section without id;
- an element with `data-search-exclude` is left out with everything in it; a heading with it
  makes its whole section excluded; `script`, `style`, `object` and `.linenodiv` are left out;
- a heading's permalink (`a.headerlink`) is not part of the title;
- a section whose heading sits inside another element ends where that element ends; the text
  after it belongs to the section before;
- text is collapsed as Material does (outside `pre`), with a space at the edges of the blocks
  Material keeps as tags (p, pre, li, ol, ul); the index hook turns it into plain text.

Titles and texts are returned HTML-escaped, as Material's parser returns them.
tests/test_search.py compares every page's sections with Material's own parser.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

import lxml.html

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCKS = frozenset({"p", "pre", "li", "ol", "ul"})  # tags Material keeps: they separate words
SKIPPED = frozenset({"script", "style", "object"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "param", "source", "track", "wbr"})


@dataclass(eq=False)
class Section:
    """What Material's SearchIndex.create_entry_for_section reads of a section."""
    depth: float = 0
    id: str | None = None
    excluded: bool = False
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def is_excluded(self) -> bool:
        return self.excluded


def _data(value: str, in_pre: bool) -> str:
    if in_pre:
        return value
    return value.replace("\n", " ") if not value.isspace() else " "


def sections(content: str) -> list[Section]:
    data: list[Section] = []
    state = {"current": None}

    def section() -> Section:
        if state["current"] is None:  # text before any heading: the page's first section
            state["current"] = Section()
            data.append(state["current"])
        return state["current"]

    def add(value: str | None, heading, in_pre: bool) -> None:
        if not value:
            return
        current = section()
        if heading is not None and heading is current_heading.get(id(current)):
            current.title.append(escape(_data(value, in_pre), quote=False))
        else:
            current.text.append(escape(_data(value, in_pre), quote=False))

    current_heading: dict[int, object] = {}

    def walk(el, depth: int, heading, in_pre: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:  # comment or processing instruction: only its tail counts
            return
        if tag in VOID:  # no text, and not even the start of a first section
            return
        attrs = el.attrib
        if tag in HEADINGS and "id" in attrs:
            if tag != "h1" and not data:
                data.append(Section(depth))
            new = Section(depth, attrs["id"] if data else None, "data-search-exclude" in attrs)
            data.append(new)
            state["current"] = new
            current_heading[id(new)] = el
            heading = el
        else:
            section()
        if ("data-search-exclude" in attrs or tag in SKIPPED or attrs.get("class") == "linenodiv"
                or (heading is not None and tag == "a" and attrs.get("class") == "headerlink")):
            return
        in_pre = in_pre or tag == "pre"
        if tag in BLOCKS:
            add(" ", heading, in_pre)
        add(el.text, heading, in_pre)
        for child in el:
            walk(child, depth + 1, heading, in_pre)
            ended(depth + 1)
            add(child.tail, heading, in_pre)
        if tag in BLOCKS:
            add(" ", heading, in_pre)

    def ended(depth: int) -> None:
        """An element at `depth` ended: a section whose heading is deeper ends with it."""
        current = state["current"]
        if current is not None and current.depth > depth:
            before = next((s for s in reversed(data) if s.depth <= depth), None)
            if before is not None:
                current.depth = float("inf")
                state["current"] = before

    root = lxml.html.fragment_fromstring(content, create_parent="div") if content.strip() else None
    if root is None:
        return data
    add(root.text, None, False)
    for child in root:
        walk(child, 1, None, False)
        ended(1)
        add(child.tail, None, False)
    return data
