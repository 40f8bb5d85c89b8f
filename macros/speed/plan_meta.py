"""MkDocs hook: a plan page's meta is taken out again once the page is rendered.

Material's nav template looks into the meta of every nav item on every page it renders, and a page
with any meta costs several lookups more per item: in a large library most of the nav's time. So a
plan page carries its meta (title and description, set by macros/site/pages.py) only while it is
rendered itself. The title the nav shows comes from the nav configuration, not from the meta, so
the pages are the same either way (tests/test_nav.py).
"""
from __future__ import annotations

from macros.speed import enabled


def on_post_page(output, page, config):
    if enabled("plan_meta") and page.file.generated_by and page.file.src_uri.startswith("plans/"):
        page.meta.pop("title", None)
        page.meta.pop("description", None)
    return output
