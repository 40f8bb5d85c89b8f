"""Data text for the places where the theme, not our templates, writes it into the page.

MkDocs and Material treat page titles, navigation titles and `page.meta` values as HTML: the
theme's templates print them without escaping (the navigation, the header, `<title>`,
`<meta name="description">`), and Material's search shows titles from the index as HTML.
mkdocs-macros also renders a page title that contains `{{` or `{%` as a Jinja template. So every
data string handed to MkDocs as a title or a meta value goes through `theme_text()` first: HTML
special characters become entities (quotes too, for attributes) and so do `{` and `}`, which the
browser shows unchanged but no template engine reads as syntax.

`<title>` is written from `page.meta.title` when it is set; without it Material writes
`page.title | striptags`, and `striptags` turns entities back into markup, so the hooks set
`meta.title` on every page whose title comes from data.
"""
from __future__ import annotations

import html

_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def theme_text(value: str) -> str:
    """Plain text as an HTML fragment that shows the text and that no template evaluates."""
    return html.escape(value, quote=True).translate(_BRACES)
