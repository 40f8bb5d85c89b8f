"""The pages the site makes from data: where each is, its front matter and the macro call that
renders it. Each page is a small Markdown stub; the macros (macros/__init__.py) render the content
from the typed model, so the site generator validates links, builds the toc and indexes the page
like a hand-written one.

Used by the MkDocs hook that adds the pages to the build (macros/site/pages.py) and by
scripts/zensical.sh, which writes the same stubs into a copy of docs/ (Zensical runs the macros but
no MkDocs hooks). No MkDocs import.

    python -m macros.core.generated_pages DATA_DIR DOCS_DIR    # write every stub under DOCS_DIR
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator, NamedTuple

from .errors import DataError
from .loader import load_collection
from .model import Collection
from .theme_text import theme_text


class GeneratedPage(NamedTuple):
    src: str  # path under docs/, e.g. "plans/teller.md"
    front: dict  # front matter ({} for none)
    call: str  # the macro call that renders the page, e.g. 'render_plan("teller")'

    def markdown(self) -> str:
        head = "---\n" + json.dumps(self.front, ensure_ascii=False) + "\n---\n\n" if self.front else ""
        return head + "{{ " + self.call + " }}\n"


def generated_pages(collection: Collection) -> list[GeneratedPage]:
    """Every generated page, in path order (like the files of docs/: the search index lists pages
    in this order, and plans with similar ids then compress together).

    Plan pages get no front matter: their title is the nav title, and the MkDocs hook puts their
    title and description in place only while the page itself is rendered. Titles and descriptions
    from data are written the way the theme prints them (theme_text.py)."""
    return sorted(_pages(collection))


def _pages(collection: Collection) -> Iterator[GeneratedPage]:
    for plan in collection.plans:
        yield GeneratedPage(f"plans/{plan.id}.md", {}, f"render_plan({json.dumps(plan.id)})")
    if any(plan.changelog for plan in collection.plans):
        yield GeneratedPage("changelog.md", {"title": "更新记录"}, "render_changelog()")
    if collection.topics:
        yield GeneratedPage("topics/index.md", {"title": "专题索引"}, "render_topics_index()")
    for topic in collection.topics:
        yield GeneratedPage(f"topics/{topic.id}.md", {"title": theme_text(f"专题:{topic.name}"),
                                                      "description": theme_text(topic.description)},
                            f"render_topic({json.dumps(topic.id)})")
    for track in collection.tracks:
        yield GeneratedPage(f"tracks/{track.id}.md", {"title": theme_text(track.title),
                                                      "description": theme_text(track.summary)},
                            f"render_track({json.dumps(track.id)})")


def site_nav(collection: Collection) -> list[dict]:
    """The site's navigation in MkDocs' `nav:` shape: the hand-written pages, then the generated ones
    in their groups, titles written the way the theme prints them."""
    nav = [
        {"首页": "index.md"},
        {"我的计划": "mine.md"},
        {"工作计划模板": [{theme_text(p.page_title): f"plans/{p.id}.md"} for p in collection.plans]},
    ]
    if collection.tracks:
        nav.append({"入职学习路径": [{theme_text(t.title): f"tracks/{t.id}.md"} for t in collection.tracks]})
    if collection.topics:
        nav.append({"专题": ["topics/index.md"] + [{theme_text(t.name): f"topics/{t.id}.md"} for t in collection.topics]})
    if any(plan.changelog for plan in collection.plans):
        nav.append({"更新记录": "changelog.md"})
    return nav


def write_stubs(collection: Collection, docs_dir: Path) -> list[str]:
    """Write every generated page's stub under `docs_dir`; returns their paths."""
    pages = generated_pages(collection)
    for page in pages:
        path = docs_dir / page.src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown(), encoding="utf-8")
    return [page.src for page in pages]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("用法 (usage): python -m macros.core.generated_pages DATA_DIR DOCS_DIR", file=sys.stderr)
        return 2
    data_dir, docs_dir = map(Path, argv)
    try:
        written = write_stubs(load_collection(data_dir), docs_dir)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{len(written)} 个生成页面 (generated pages) → {docs_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
