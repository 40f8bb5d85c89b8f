"""MkDocs hook: repair accessibility and HTML-validity findings in Material's own markup.

Registered under `hooks:` in mkdocs.yml; runs on every page (`on_post_page`) and on the
theme's 404 page (`on_post_template`). Each fix is a narrow rewrite of markup that Material
9.8 emits outside of any template block, so a post-processing step is sturdier than copying
Material's base.html into a theme override. tests/test_quality.py keeps the results
honest (axe-core on every page, Nu HTML Checker on the whole site).

Fixes (finding → rewrite):
1. axe `aria-dialog-name`: the search `<div role="dialog">` has no accessible name → add
   `aria-label` with the search field's own label ("搜索").
2. Nu "Attribute autocomplete is only allowed when the input type is …": the two hidden
   checkbox toggles (`__drawer`, `__search`) carry `autocomplete="off"`, which Material uses
   so Firefox does not restore an open drawer/search after a reload. The attribute is
   invalid on checkboxes but valid on <form>, and a control without its own autocomplete
   attribute inherits its form owner's: the toggles get `form="__md_toggles"` and an empty
   `<form id="__md_toggles" autocomplete="off" hidden>` is placed before them (the CSS
   `~` sibling selectors on the toggles are unaffected).
3. Nu "Bad value “” for attribute tabindex": section labels in the navigation are rendered
   with `tabindex=""` (navigation.sections); an empty tabindex is ignored by browsers, so
   dropping the attribute changes nothing but validity.
4. axe `landmark-unique`: the table of contents nests a `<nav aria-label="<heading>">` per
   heading with sub-headings; two headings with the same text (e.g. 项目实施方案 under two
   projects) give two identical landmarks → a label repeated within one table of contents is
   prefixed with its parent's label ("项目一… › 项目实施方案").

If Material's markup changes so that fix 1 or 2 no longer matches, the hook logs a WARNING,
which fails `mkdocs build --strict`, instead of silently shipping the findings again.
"""
from __future__ import annotations

import html
import logging
import re

log = logging.getLogger("mkdocs.hooks.html_fixes")

TOGGLE_FORM = "__md_toggles"

_SEARCH_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog"(?![^>]*aria-label)')
_SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input"[^>]*?aria-label="([^"]+)"')
_TOGGLE = re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
                     r'id="(__drawer|__search)" autocomplete="off">')
_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?) tabindex=""')
_NAV_TAG = re.compile(r'<nav\b[^>]*>|</nav>')
_ARIA_LABEL = re.compile(r'aria-label="([^"]*)"')


def fix_html(output: str, where: str = "") -> str:
    """All rewrites for one rendered page; `where` names the page in warnings."""
    if "md-search" in output:  # pages without Material's header (none today) are left alone
        output = _name_search_dialog(output, where)
        output = _move_toggle_autocomplete(output, where)
    output = _EMPTY_TABINDEX.sub(r"\1", output)
    output = _unique_nav_labels(output)
    return output


def _name_search_dialog(output: str, where: str) -> str:
    label = _SEARCH_LABEL.search(output)
    name = label.group(1) if label else "搜索"
    output, n = _SEARCH_DIALOG.subn(lambda m: m.group(0) + f' aria-label="{name}"', output, count=1)
    if n == 0 and 'role="dialog" aria-label=' not in output:
        log.warning("html_fixes: %s: Material's search dialog markup changed; "
                    "its aria-label was not added (see macros/site/html_fixes.py)", where)
    return output


def _move_toggle_autocomplete(output: str, where: str) -> str:
    output, n = _TOGGLE.subn(
        lambda m: f'<input class="md-toggle" data-md-toggle="{m.group(1)}" type="checkbox" '
                  f'id="{m.group(2)}" form="{TOGGLE_FORM}">', output)
    if n == 2:
        first = output.index(f'form="{TOGGLE_FORM}"')
        start = output.rindex("<input", 0, first)
        output = (output[:start] + f'<form id="{TOGGLE_FORM}" autocomplete="off" hidden></form>\n    '
                  + output[start:])
    elif f'id="{TOGGLE_FORM}"' not in output:
        log.warning("html_fixes: %s: Material's drawer/search toggles changed (%d of 2 matched); "
                    "autocomplete was not moved to a form (see macros/site/html_fixes.py)", where, n)
    return output


def _unique_nav_labels(output: str) -> str:
    """Prefix a <nav aria-label> repeated within one table of contents with its parent's label.

    Material renders the table of contents twice (secondary sidebar, and inside the primary
    navigation for small screens; only one is displayed at a time), so repeats are counted per
    `md-nav--secondary` tree, not per page.
    """
    tags = list(_NAV_TAG.finditer(output))
    counts: dict[tuple[int, str], int] = {}
    info = []  # per opening tag: (match, aria-label match, label, scope, parent label)
    stack: list[tuple[str | None, int]] = []
    scopes = 0
    for tag in tags:
        text = tag.group(0)
        if text == "</nav>":
            if stack:
                stack.pop()
            continue
        m = _ARIA_LABEL.search(text)
        label = html.unescape(m.group(1)) if m else None
        scope = stack[-1][1] if stack else 0
        if "md-nav--secondary" in text:
            scopes += 1
            scope = scopes
        if label is not None:
            counts[scope, label] = counts.get((scope, label), 0) + 1
        info.append((tag, m, label, scope, stack[-1][0] if stack else None))
        stack.append((label, scope))
    parts, pos = [], 0
    for tag, m, label, scope, parent in info:
        if label is not None and parent and counts[scope, label] > 1:
            new = tag.group(0)[:m.start(1)] + html.escape(f"{parent} › {label}") + tag.group(0)[m.end(1):]
            parts.append(output[pos:tag.start()] + new)
            pos = tag.end()
    parts.append(output[pos:])
    return "".join(parts)


def on_post_page(output, page, config):
    return fix_html(output, page.file.src_uri)


def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html"):
        return fix_html(output_content, template_name)
    return output_content
