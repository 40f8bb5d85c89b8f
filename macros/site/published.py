"""MkDocs hook: the plans' data files (macros/core/published.py) written into the site.

Takes each page's URL from the running build and writes every document the core makes; a file
in docs/ that would take a data file's path stops the build before anything is written.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from macros.core.loader import current_collection
from macros.core.model import Collection
from macros.core.published import documents, paths


def _collection(config) -> Collection:
    return current_collection(Path(config.config_file_path).resolve().parent / "data")


#: page URLs by source path, taken from the files of the running build in on_files
_urls: dict[str, str] = {}


def on_files(files, config):
    """Runs after macros/site/pages.py has added the plan, topic and track pages (order in
    mkdocs.yml). A page or asset in docs/ must not take a data file's path."""
    for path in paths(_collection(config)):
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} 与自动生成的计划数据文件同名,请改名或删除 "
                              f"(collides with a published data file)")
    _urls.clear()
    _urls.update((f.src_uri, f.url) for f in files.documentation_pages())
    return files


def on_post_build(config):
    site = Path(config.site_dir)
    for path, content in documents(_collection(config), _urls):
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
