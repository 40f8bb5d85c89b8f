"""Search: a plain-text index that the site's own search worker reads.

Registered under `hooks:` in mkdocs.yml, next to Material's search plugin. Pages are cut into
sections (titles and text, `data-search-exclude` respected) by Material's rules, read with lxml
instead of Python's html.parser (macros/site/search/sections.py, several times faster). This hook
changes what is written and who reads it:

1. **The index is plain text.** Each entry keeps Material's shape (`location`, `title`, `text`,
   `tags`, `boost`), but titles and texts are written without markup, HTML entities or jieba's
   zero-width word marks, as UTF-8 (Material writes `\\u6d17`, 6 bytes, for one Chinese
   character). There are no tokens, so no segmentation runs at build time: jieba's dictionary
   (most of a small build's time) is never loaded.
2. **The browser searches the text itself.** `docs/assets/search/worker.js` takes the place of
   Material's lunr worker: every page's configuration (`__config`, also on the 404 page) names
   it instead of `assets/javascripts/workers/search.*.min.js`. It finds every section whose
   text contains the query (each word of it, for a query with spaces), at any length and from
   any position, and marks the matches; see that file. Material's search box, result list,
   keyboard handling, `?h=` highlighting of the opened page and the `file://` route (offline
   plugin's `search_index.js`, iframe-worker shim) stay as they are. Material's own worker and
   lunr files are left out of the site.
3. **No dead ends.** `docs/assets/search/closest.js` lists the plans and topics whose names are
   closest to a query that found nothing. `docs/assets/wp/load.js` fetches it when the search box
   first gets focus (how every way of opening the search starts), so a page that is only read
   does not download it.
4. **Plans first.** Every entry of a page under `plans/` gets `boost` PRIMARY_BOOST; the worker
   lists pages with a higher boost first, so a plan containing the query comes before the home,
   topic and track pages that quote it.

The index's `config` holds only `separator`, which Material's page highlighter splits `?h=` with.
"""
from __future__ import annotations

import html
import json
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


from macros.site.search.sections import sections

try:
    from material.plugins.search.plugin import SearchPlugin
except ImportError:  # pragma: no cover - Material is a hard dependency of the site
    SearchPlugin = None

log = logging.getLogger("mkdocs.hooks.search_index")

#: Pages whose entries get PRIMARY_BOOST (source paths relative to docs/).
PRIMARY_PREFIXES = ("plans/",)
PRIMARY_BOOST = 1000  # > any score of a page without it (10 per word in a title, …): see worker.js
#: The site's worker (path in the site) and Material's, which it replaces.
WORKER = "assets/search/worker.js"
_MATERIAL_WORKER = re.compile(r'("search": "[^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
_MATERIAL_SEARCH_FILES = ("assets/javascripts/workers/", "assets/javascripts/lunr/")
#: What the index's config tells Material's page highlighter: words are separated by spaces.
CONFIG = {"separator": "[\\s]+"}

#: Tags Material's section parser keeps in titles and texts: block ones become a space.
_BLOCK_TAG = re.compile(r"\s*</?(?:p|pre|li|ol|ul)>\s*")
_TAG = re.compile(r"<[^>]*>")
#: Whitespace, and control characters (the worker joins all texts with U+0000 and U+0001).
_SPACES = re.compile(r"[\s\x00-\x1f\x7f]+")


def plain(value: str) -> str:
    """A title or text of Material's index (escaped HTML with a few kept tags) as plain text."""
    return _SPACES.sub(" ", html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", value)))).strip()


def _finish_entry(entry: dict, page) -> None:
    entry["title"] = plain(entry["title"])
    entry["text"] = plain(entry["text"])
    if page.file.src_uri.startswith(PRIMARY_PREFIXES):
        entry["boost"] = entry.get("boost", 1) * PRIMARY_BOOST


def _patch(index) -> None:
    """Keep Material's sections, drop its segmentation, finish the entries, write plain UTF-8."""
    for name in ("add_entry_from_context", "_segment_chinese", "create_entry_for_section",
                 "generate_search_index"):
        if not callable(getattr(index, name, None)):
            raise PluginError(f"search_index hook: Material's SearchIndex has no {name}(); "
                              "this Material version is not supported")
    def add_entry_from_context(page):  # Material's, with the page cut by search_sections
        if (page.meta.get("search") or {}).get("exclude"):
            return
        for section in sections(page.content):
            if not section.is_excluded():
                index.create_entry_for_section(section, page.toc, page.url, page)

    create_entry = index.create_entry_for_section
    generate = index.generate_search_index

    def create_entry_for_section(section, toc, url, page):
        first = len(index.entries)
        create_entry(section, toc, url, page)
        for entry in index.entries[first:]:
            _finish_entry(entry, page)

    def generate_search_index(prev):
        generate(prev)  # merges the entries of a dirty rebuild (mkdocs serve --dirty)
        return json.dumps({"config": CONFIG, "docs": index.entries}, ensure_ascii=False, separators=(",", ":"))

    index.add_entry_from_context = add_entry_from_context
    index._segment_chinese = lambda value: value  # no jieba: the worker needs no word marks
    index.create_entry_for_section = create_entry_for_section
    index.generate_search_index = generate_search_index


@event_priority(-50)  # after the search plugin created its SearchIndex in its own on_config
def on_config(config):
    plugin = next((p for p in config.plugins.values()
                   if SearchPlugin is not None and isinstance(p, SearchPlugin)), None)
    if plugin is None or not plugin.config.enabled:
        raise PluginError("search_index hook: Material's search plugin is not enabled")
    _patch(plugin.search_index)
    return config


def use_site_worker(output: str, name: str) -> str:
    """The page with its search configuration naming the site's worker instead of Material's."""
    output, found = _MATERIAL_WORKER.subn(lambda m: f'{m.group(1)}{WORKER}"', output, count=1)
    if not found:  # fails `mkdocs build --strict`: the page would search with Material's worker
        log.warning("search_index hook: no Material search worker in the configuration of %s", name)
    return output


def on_post_page(output, page, config):
    return use_site_worker(output, page.file.src_uri)


def on_post_template(output_content, template_name, config):
    if template_name == "404.html":
        return use_site_worker(output_content, template_name)
    return output_content


def on_files(files, config):
    """Material's worker and lunr files are not published: no page loads them any more."""
    for file in [f for f in files if f.dest_uri.startswith(_MATERIAL_SEARCH_FILES)]:
        files.remove(file)
    return files
