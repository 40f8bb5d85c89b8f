"""Check every internal link, asset and anchor of a built site by reading its HTML files."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        url = attrs.get(LINK_ATTRS.get(tag, ""))
        if url:
            self.links.append(url)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def target_file(site: Path, url_path: str) -> Path | None:
    rel = unquote(url_path).lstrip("/")
    candidate = site / rel
    if rel == "" or rel.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def broken_links(site: Path) -> list[str]:
    """'page -> link: reason' for every internal link that does not resolve."""
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    problems = []
    base = "http://site.invalid/"
    for path, page in pages.items():
        here = base + path.relative_to(site).as_posix()
        for link in page.links:
            parsed = urlparse(link)
            if parsed.scheme in ("mailto", "tel", "data", "javascript") or (parsed.scheme and parsed.netloc):
                continue
            absolute = urlparse(urljoin(here, link))
            if absolute.netloc != "site.invalid":
                continue
            target = target_file(site, absolute.path)
            where = f"{path.relative_to(site)} -> {link}"
            if target is None:
                problems.append(f"{where}: 文件不存在 (missing file)")
                continue
            fragment = unquote(absolute.fragment)
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if fragment not in ids:
                    problems.append(f"{where}: 锚点不存在 (missing anchor)")
    return problems


def missing_anchors(site: Path, entries: list[str]) -> list[str]:
    """Entries `page#anchor` (page = source path without .md, as in data/published-anchors.txt)
    that the built site does not have, with or without directory URLs."""
    missing, pages = [], {}
    for entry in entries:
        page, _, anchor = entry.partition("#")
        if page not in pages:
            path = target_file(site, f"{page}.html") or target_file(site, f"{page}/")
            pages[page] = _parse(path).ids if path else None
        ids = pages[page]
        if ids is None or (anchor and anchor not in ids):
            missing.append(entry)
    return missing
