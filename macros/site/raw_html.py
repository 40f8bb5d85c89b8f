"""Python-Markdown extension: HTML blocks our templates finished are passed through untouched.

The page templates (macros/core/templates/) write headings as Markdown, so MkDocs builds the toc and
checks anchors, and everything else as finished, autoescaped HTML. Python-Markdown would parse
that HTML again, tag by tag, to find where each block ends: most of a plan page's Markdown time.
The templates wrap each such block in two marker lines (`finished` in finished.j2); this
preprocessor stores the lines between them in Markdown's own raw-HTML stash, the mechanism
Python-Markdown uses for any raw HTML, and they come back unchanged in the output. Blocks with
only blank lines between them are stored as one. HTML inside a line of Markdown (the copy-link
button in a heading, `finished_inline`) is stored the same way, so the inline parser passes over
a placeholder instead of parsing the tag.

MkDocs finds the ids of raw HTML (for link validation) by parsing it with Python's HTMLParser,
tag by tag: with the blocks stashed first (priority 21.5, before that scan at 21 and Python-
Markdown's HTML block parser at 20), their ids are read here with one regular expression instead
(the templates write every attribute double-quoted and autoescaped, so data cannot fake one) and
added to MkDocs' set right after its scan of the rest of the page (priority 20.9). Links to ids
inside the blocks are validated as before.
Data cannot forge a marker: template output is autoescaped, so `<!--` in data becomes `&lt;!--`.
Added to the build by macros/site/pages.py; without it the markers are plain HTML comments.
"""
from __future__ import annotations

import re
from html import unescape

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

START = "<!-- wp:html -->"
END = "<!-- /wp:html -->"
#: finished HTML inside a line (the copy-link button in a heading), `finished_inline` in finished.j2
_INLINE = re.compile(r"<!-- wp:inline -->(.*?)<!-- /wp:inline -->")


#: Anchors MkDocs' scan would find: any element's id, an <a>'s name (attributes double-quoted).
_ANCHOR = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"|<a\s[^>]*?\bname="([^"]*)"')


class _StashFinishedHtml(Preprocessor):
    def __init__(self, md):
        super().__init__(md)
        self.anchor_ids: set[str] = set()

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] | None = None  # lines of the open block
        closed: list[str] | None = None  # the last closed block, joined by a block right after it
        gap: list[str] = []  # blank lines since it closed
        for line in lines:
            if block is not None:
                if line == END:
                    closed, block, gap = block, None, []
                else:
                    block.append(line)
            elif line == START:
                # blocks with only blank lines between them go into the stash as one: one
                # placeholder paragraph for Python-Markdown to pass over instead of several
                block = [] if closed is None else closed + gap
                closed, gap = None, []
            elif closed is not None and not line.strip():
                gap.append(line)
            else:
                if closed is not None:
                    out += self._store(closed) + gap
                    closed, gap = None, []
                out.append(_INLINE.sub(self._store_inline, line) if "<!-- wp:inline" in line else line)
        if block is not None:
            raise ValueError(f"raw_html: a block opened with {START!r} is never closed")
        if closed is not None:
            out += self._store(closed) + gap
        return out

    def _store(self, block: list[str]) -> list[str]:
        return ["", self._stashed("\n".join(block)), ""]

    def _store_inline(self, match: re.Match) -> str:
        return self._stashed(match.group(1))

    def _stashed(self, html: str) -> str:
        """The placeholder Python-Markdown puts back as `html`; its ids join MkDocs' anchors."""
        self.anchor_ids.update(unescape(a or b) for a, b in _ANCHOR.findall(html))
        return self.md.htmlStash.store(html)


class _AddAnchorIds(Preprocessor):
    """After MkDocs' scan of the page's other raw HTML: add the stashed blocks' ids to its set."""

    def __init__(self, md, stash: _StashFinishedHtml):
        super().__init__(md)
        self.stash = stash

    def run(self, lines: list[str]) -> list[str]:
        if "mkdocs_raw_html" in self.md.preprocessors:
            self.md.preprocessors["mkdocs_raw_html"].present_anchor_ids |= self.stash.anchor_ids
        return lines


class FinishedHtmlExtension(Extension):
    def extendMarkdown(self, md):
        stash = _StashFinishedHtml(md)
        md.preprocessors.register(stash, "wp_finished_html", 21.5)
        md.preprocessors.register(_AddAnchorIds(md, stash), "wp_finished_html_ids", 20.9)
