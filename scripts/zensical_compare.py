#!/usr/bin/env python3
"""Compare a Zensical build of the site with the MkDocs build of the same sources (scripts/zensical.sh
runs it): which pages come out, whether each page's article text is the same, its <title>, the
navigation labels, and which files of the MkDocs build (made by its hooks) are missing.

    python scripts/zensical_compare.py MKDOCS_SITE ZENSICAL_SITE
"""
from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support import article_text, html_pages  # noqa: E402  (the tests' reading of built pages)

#: files the MkDocs hooks write, with the hook that writes them
HOOK_FILES = {
    "data/index.json": "published data (macros/site/published.py)",
    "security-headers.conf": "security headers (macros/publish/security.py)",
    "assets/wp/bundle.js": "script bundle (macros/site/bundle.py)",
    "assets/bundle.css": "stylesheet bundle (macros/site/bundle.py)",
    "search/search_index.json": "plain-text search index for the site's worker (macros/site/search/index.py)",
}


#: the bundles macros/site/bundle.py writes, as the files they join (Zensical links those one by one)
BUNDLES = {"bundle.js": {"store.js", "load.js", "worksheet.js"}, "bundle.css": {"site.css", "worksheet.css"}}


def _own_assets(html: str) -> set[str]:
    """The site's own scripts and stylesheets a page links (file names; the theme's are left out)."""
    names = set()
    for url in re.findall(r'<(?:script src|link rel="stylesheet" href)="([^"]+)"', html):
        if "/javascripts/" in url or "/stylesheets/" in url or not url.endswith((".js", ".css")):
            continue
        name = url.rsplit("/", 1)[-1]
        names |= BUNDLES.get(name, {name})
    return names


def _first_difference(a: str, b: str) -> str:
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            return f"MkDocs {a[i1:i2][:60]!r} / Zensical {b[j1:j2][:60]!r}"
    return ""


def _title(html: str) -> str:
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    return found.group(1).strip() if found else "(none)"


def _nav_labels(html: str) -> list[str]:
    """The primary navigation's link labels, in order."""
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', html, re.S)
    labels = re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*(?:<[^>]+>\s*)*([^<\s][^<]*?)\s*<', nav.group(0) if nav else "")
    return list(dict.fromkeys(labels))


def compare(mkdocs_site: Path, zensical_site: Path) -> list[str]:
    lines = []
    a, b = set(html_pages(mkdocs_site)), set(html_pages(zensical_site))
    lines.append(f"pages: MkDocs {len(a)}, Zensical {len(b)}, in both {len(a & b)}")
    lines += [f"  only MkDocs: {p}" for p in sorted(a - b)] + [f"  only Zensical: {p}" for p in sorted(b - a)]
    same = []
    for page in sorted(a & b):
        ha, hb = (mkdocs_site / page).read_text(encoding="utf-8"), (zensical_site / page).read_text(encoding="utf-8")
        ta, tb = (" ".join(article_text(h).split()) for h in (ha, hb))
        if ta == tb:
            same.append(page)
        else:
            lines.append(f"  {page}: article text differs: {_first_difference(ta, tb)}")
        if missing := sorted(_own_assets(ha) - _own_assets(hb)):
            lines.append(f"  {page}: not linked by Zensical: {', '.join(missing)}")
        if _title(ha) != _title(hb):
            lines.append(f"  {page}: <title> {_title(ha)!r} / {_title(hb)!r}")
    lines.append(f"article text the same: {len(same)} of {len(a & b)} pages")
    home_a, home_b = (_nav_labels((site / "index.html").read_text(encoding="utf-8")) for site in (mkdocs_site, zensical_site))
    lines.append(f"navigation, MkDocs:   {' | '.join(home_a)}")
    lines.append(f"navigation, Zensical: {' | '.join(home_b)}")
    for path, what in HOOK_FILES.items():
        if (mkdocs_site / path).exists() and not (zensical_site / path).exists():
            lines.append(f"missing in Zensical: {path} — {what}")
    return lines


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("用法 (usage): python scripts/zensical_compare.py MKDOCS_SITE ZENSICAL_SITE")
    print("\n".join(compare(Path(sys.argv[1]), Path(sys.argv[2]))))
