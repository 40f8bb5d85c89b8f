"""MkDocs hooks: validate data at config time, add one generated page per plan, build the nav.

Loaded through `hooks:` in mkdocs.yml (MkDocs imports this file by path).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # make the `macros` package importable from a hook file
    sys.path.insert(0, str(ROOT))

from macros.errors import DataError  # noqa: E402
from macros.loader import cached_collection  # noqa: E402


def _collection(config):
    data_dir = Path(config.config_file_path).resolve().parent / "data"
    try:
        return cached_collection(data_dir)
    except DataError as exc:
        raise PluginError(str(exc)) from None


def on_config(config):
    collection = _collection(config)
    config.nav = [
        {"首页": "index.md"},
        {"工作计划模板": [{p.page_title: f"plans/{p.id}.md"} for p in collection.plans]},
    ]
    return config


def on_files(files, config):
    for plan in _collection(config).plans:
        front = {"title": plan.page_title, "description": plan.summary}
        content = "---\n" + json.dumps(front, ensure_ascii=False) + "\n---\n\n"
        content += "{{ render_plan(" + json.dumps(plan.id) + ") }}\n"
        files.append(File.generated(config, f"plans/{plan.id}.md", content=content))
    return files
