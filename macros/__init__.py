"""mkdocs-macros entry point: the page macros, each a call into the core (macros/core/).

Imports nothing of MkDocs, so the same functions serve any site generator that runs
mkdocs-macros' `define_env` (Zensical's shim does). The data folder is `data/` beside the
configuration file (MkDocs: `config_file_path`; Zensical: `root_dir`), or in the working folder
where the generator says neither.
"""
from __future__ import annotations

from pathlib import Path

from .core import render
from .core.loader import current_collection


def _data_dir(env) -> Path:
    conf = env.conf if hasattr(env.conf, "get") else {}
    if conf.get("config_file_path"):
        return Path(conf["config_file_path"]).resolve().parent / "data"
    return Path(conf.get("root_dir") or Path.cwd()).resolve() / "data"


def define_env(env):
    data_dir = _data_dir(env)

    def collection():
        return current_collection(data_dir)

    def directory_urls() -> bool:
        return bool(env.conf.get("use_directory_urls", False))

    @env.macro
    def render_plan(plan_id: str) -> str:
        """The full page body of one plan."""
        return render.plan_page(collection(), plan_id, directory_urls())

    @env.macro
    def render_home() -> str:
        """Home page: introduction, plan cards, structure overview, tracks and topics."""
        return render.home_page(collection())

    @env.macro
    def render_mine() -> str:
        """我的计划: the page's fixed markup; the script fills it from the saved selection."""
        return render.mine_page()

    @env.macro
    def render_changelog() -> str:
        """更新记录: every plan's change-log entries, newest first."""
        return render.changelog_page(collection(), directory_urls())

    @env.macro
    def render_topic(topic_id: str) -> str:
        return render.topic_page(collection(), topic_id)

    @env.macro
    def render_topics_index() -> str:
        return render.topics_index(collection())

    @env.macro
    def render_track(track_id: str) -> str:
        return render.track_page(collection(), track_id, directory_urls(), env.conf.get("site_url") or "")
