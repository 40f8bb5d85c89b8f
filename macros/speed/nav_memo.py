"""MkDocs hook: nav entries rendered once per build instead of once per page.

The theme renders every nav entry on every page, so a library of N plans renders N × N entries
(most of a 500-plan build, see BENCHMARKS.md). An entry that is not the current page is a plain
link whose markup depends only on the entry and the folder of the page it is shown on (its link
is relative to that folder). overrides/partials/nav.html asks `nav_memo.entries(...)` for a
section's entries; the theme's own macro renders each one, and its markup is kept and reused for
every other page in the same folder. The current page's entry (with its table of contents) is
rendered on its own page only.

A new memo is made for every build (`on_env`), so `mkdocs serve` never shows an entry from before
an edit. tests/test_nav.py builds the site with and without the override and compares every page.
"""
from __future__ import annotations

import re

from macros.speed import enabled


#: whitespace runs in the theme's nav markup (indentation from its templates); one space means the
#: same in HTML outside <pre>, and nav entries have none: a page of a large library is markedly smaller
_SPACE = re.compile(r"\s+")


class NavMemo:
    """Markup of nav entries of one build, by section and page folder."""

    def __init__(self):
        # (section path, folder) -> markup of each child entry, None where not rendered yet
        self._lists: dict[tuple[str, str], list[str | None]] = {}

    @staticmethod
    def folder(page) -> str | None:
        """The folder relative links are resolved from, or None where that is the page itself.

        As MkDocs documents for relative URLs: the last part of a page URL is skipped when it
        contains a dot (plans/teller.html → plans). A directory URL (plans/teller/) is its own
        folder; nothing would be shared between pages, so the theme renders as usual."""
        head, _, last = page.url.rpartition("/")
        return head if "." in last else None

    def applies(self, section, page) -> bool:
        """Whether `entries` can serve this section on this page."""
        return self.folder(page) is not None and all(child.is_page for child in section.children)

    @staticmethod
    def index(section):
        """The section's index page (navigation.indexes): its first child that is one, or None."""
        return next((child for child in section.children if child.is_index), None)

    def entries(self, section, path: str, page, skip, render) -> list[str]:
        """The markup of the section's child entries in order, without `skip` (its index page).

        `render(child, id_path, level, parent)` is the theme's macro; `path` is the section's id
        path, numbered like the theme's loop (all children counted). Each entry is rendered once
        per folder; the current page's entry, which holds its table of contents, on its own page."""
        children = section.children
        known = self._lists.setdefault((path, self.folder(page)), [None] * len(children))
        out = []
        for number, (child, markup) in enumerate(zip(children, known), 1):
            if child is skip:
                continue
            if child == page:
                markup = _SPACE.sub(" ", render(child, f"{path}_{number}", 2, section))
            elif markup is None:
                markup = known[number - 1] = _SPACE.sub(" ", render(child, f"{path}_{number}", 2, section))
            out.append(markup)
        return out


def on_env(env, config, files):
    if not enabled("nav_memo"):  # overrides/partials/nav.html then renders every entry itself
        env.globals.pop("nav_memo", None)
        return env
    env.globals["nav_memo"] = NavMemo()
    return env
