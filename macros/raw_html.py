"""Python-Markdown extension: HTML blocks our templates finished are passed through untouched.

The page templates (macros/templates/) write headings as Markdown, so MkDocs builds the toc and
checks anchors, and everything else as finished, autoescaped HTML. Python-Markdown would parse
that HTML again, tag by tag, to find where each block ends: most of a plan page's Markdown time.
The templates wrap each such block in two marker lines (`finished_html` in text.j2); this
preprocessor stores the lines between them in Markdown's own raw-HTML stash, the mechanism
Python-Markdown uses for any raw HTML, and they come back unchanged in the output.

It runs after MkDocs' anchor scan of raw HTML (priority 21), so ids inside the blocks still
count for link validation, and before Python-Markdown's HTML block parser (priority 20).
Data cannot forge a marker: template output is autoescaped, so `<!--` in data becomes `&lt;!--`.
Added to the build by macros/hooks.py; without it the markers are plain HTML comments.
"""
from __future__ import annotations

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

START = "<!-- wp:html -->"
END = "<!-- /wp:html -->"


class _StashFinishedHtml(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] | None = None
        for line in lines:
            if block is None:
                if line == START:
                    block = []
                else:
                    out.append(line)
            elif line == END:
                out += ["", self.md.htmlStash.store("\n".join(block)), ""]
                block = None
            else:
                block.append(line)
        if block is not None:
            raise ValueError(f"raw_html: a block opened with {START!r} is never closed")
        return out


class FinishedHtmlExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(_StashFinishedHtml(md), "wp_finished_html", 20.5)
