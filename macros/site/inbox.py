"""MkDocs hook: the inbox preview, only while `mkdocs serve` runs (scripts/serve.sh).

Articles dropped into data/inbox/ are converted by the core importer (macros/core/importer/
inbox.py) on every (re)build of the served site; this hook only adds the pages: inbox/index.md
(each article's report: 待确认, 未导入, where the draft was written) and inbox/<id>.md (each valid
draft rendered like a plan page). Under `mkdocs build` it does nothing, so nothing of data/inbox/
is ever published. The pages skip mkdocs-macros (render_macros: false): their text comes from
the editors' files and is rendered, escaped, by the core's own templates.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from mkdocs.structure.files import File

from macros.core import render
from macros.core.importer.inbox import InboxEntry, convert_inbox
from macros.core.loader import current_collection
from macros.core.theme_text import theme_text

HEAD = "---\nrender_macros: false\n---\n\n"
_serving = False
_entries: list[InboxEntry] = []


def _data_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "data"


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_config(config):
    global _entries
    if not _serving:
        return config
    _entries = convert_inbox(_data_dir(config))
    drafts = [{theme_text(f"预览:{plan.page_title}"): f"inbox/{plan.id}.md"} for e in _entries for plan in e.plans]
    config.nav.append({"收件箱预览": ["inbox/index.md", *drafts]})
    return config


def on_files(files, config):
    if not _serving:
        return files
    directory_urls = bool(config.use_directory_urls)
    files.append(File.generated(config, "inbox/index.md", content=HEAD + render.inbox_page(_entries, directory_urls)))
    plans = [plan for entry in _entries for plan in entry.plans]
    if plans:
        collection = current_collection(_data_dir(config))
        drafts = dataclasses.replace(collection, plans=collection.plans + tuple(plans))
        for plan in plans:
            files.append(File.generated(config, f"inbox/{plan.id}.md",
                                        content=HEAD + render.draft_page(drafts, plan.id, directory_urls)))
    return files
