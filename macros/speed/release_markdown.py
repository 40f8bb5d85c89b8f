"""MkDocs hook: a page's Markdown is let go once it has become HTML.

MkDocs keeps every page's Markdown (after the macros have rendered it) for the whole build,
beside the page's HTML. The plan pages' Markdown is mostly the finished HTML of the templates
(macros/site/raw_html.py), so at 500 plans it is tens of MB that nothing reads again: the theme,
the search index and the other hooks use `page.content`. Setting it to None (not "") makes a
plugin that reads it later fail loudly instead of indexing an empty page.
"""
from __future__ import annotations

from mkdocs.plugins import event_priority

from macros.speed import enabled


@event_priority(-100)  # after every other on_page_content
def on_page_content(html, page, config, files):
    if enabled("release_markdown"):
        page.markdown = None
    return html
