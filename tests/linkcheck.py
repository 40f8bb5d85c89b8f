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


def external_links(site: Path) -> list[str]:
    """Links that would leave the site (allowed only as plain <a> navigation, never as assets)."""
    out = []
    for path in site.rglob("*.html"):
        page = _parse(path)
        out += [f"{path.relative_to(site)} -> {u}" for u in page.links if urlparse(u).netloc]
    return out
