"""Page addresses as MkDocs writes them, without MkDocs: the core links pages to each other.

A page's source path (`plans/teller.md`) becomes its URL by MkDocs' rules: with
`use_directory_urls` off (this site, for the offline plugin) `plans/teller.html`; on,
`plans/teller/` (an `index.md` or `README.md` stands for its folder). Links between pages are
relative to the page they appear on. tests/test_urls.py holds these rules against MkDocs' own.
"""
from __future__ import annotations

import posixpath
from functools import lru_cache


@lru_cache(maxsize=4096)
def page_url(src: str, directory_urls: bool) -> str:
    """The URL of the page built from the Markdown file `src` (a path relative to docs/)."""
    stem, _ = posixpath.splitext(src)
    folder, name = posixpath.split(stem)
    if name in ("index", "README"):
        return "index.html" if not folder and not directory_urls else \
            (f"{folder}/index.html" if not directory_urls else (f"{folder}/" if folder else "./"))
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative_url(url: str, here: str) -> str:
    """`url` (relative to the site root) as a link from the page whose URL is `here`: from the
    folder of a file URL (`plans/a.html`), from the folder itself for a folder URL (`plans/a/`)."""
    folder, last = posixpath.split(here)
    base = folder if "." in last and here != "." else here
    rel = posixpath.relpath("/" + url, "/" + base)
    return rel + "/" if url.endswith("/") else rel
