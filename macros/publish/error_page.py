"""MkDocs hook: the 404 page links everything relative to its own place, the site's top folder.

MkDocs writes an error page with root-absolute URLs (`/assets/…`) when `site_url` is empty, so it
only works when the site is the whole web server. This site is a prebuilt zip put under any path,
so 404.html gets the same kind of URLs as index.html (`assets/…`, `plans/….html`, and `.` as
Material's search base), decided here and not by a `site_url` chosen at build time.

Relative URLs resolve against the address the browser shows, so the web server sends a browser
that asks for a missing address to `<site folder>/404.html` (a redirect) instead of answering
with that file's content at the missing address; README.md ("内网发布") has the nginx, IIS and
Apache settings, and tests/test_not_found.py serves the site that way under a sub-path.
"""
from __future__ import annotations

from mkdocs.utils import is_error_template


def on_template_context(context, template_name, config):
    if is_error_template(template_name):
        context["base_url"] = "."
    return context
