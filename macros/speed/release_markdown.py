"""MkDocs hook: a page's Markdown is let go once it has become HTML.

MkDocs keeps every page's Markdown (after the macros have rendered it) for the whole build,
beside the page's HTML. The plan pages' Markdown is mostly the finished HTML of the templates
(macros/site/raw_html.py), so at 500 plans it is tens of MB that nothing reads again: the theme,
the search index and the other hooks use `page.content`. Setting it to None (not "") makes a
plugin that reads it later fail loudly instead of indexing an empty page.

MkDocs works a page's title out from its Markdown each time `page.title` is read (front matter,
first heading, file name) and answers None once the Markdown is gone; the theme and the search
index read it after this hook. So the title is fixed first, as MkDocs would give it now
(tests/test_release_markdown.py: a hand-written page without a `title`).
"""
from __future__ import annotations

from mkdocs.plugins import event_priority

from macros.speed import enabled


@event_priority(-100)  # after every other on_page_content
def on_page_content(html, page, config, files):
    if enabled("release_markdown"):
        page.title = page.title  # MkDocs' `weak_property`: the value worked out now stays
        page.markdown = None
    return html
