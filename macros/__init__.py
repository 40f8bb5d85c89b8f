"""mkdocs-macros entry point: page macros that render plans, topics and tracks from data/.

Data is loaded and validated once per build (loader.start_build, called by the hook); the
MkDocs hook in macros/hooks.py adds the generated pages that call these macros.
"""
from __future__ import annotations

from pathlib import Path

from . import render
from .loader import current_collection


def define_env(env):
    data_dir = Path(env.conf["config_file_path"]).resolve().parent / "data"

    def collection():
        return current_collection(data_dir)

    @env.macro
    def render_plan(plan_id: str) -> str:
        """The full page body of one plan."""
        return render.plan_page(collection(), plan_id, env.conf["use_directory_urls"])

    @env.macro
    def render_home() -> str:
        """Home page: introduction, plan cards, structure overview, tracks and topics."""
        return render.home_page(collection())

    @env.macro
    def render_mine() -> str:
        """我的计划: the page's fixed markup; the script fills it from the saved selection."""
        return render.mine_page()

    @env.macro
    def render_topic(topic_id: str) -> str:
        return render.topic_page(collection(), topic_id)

    @env.macro
    def render_topics_index() -> str:
        return render.topics_index(collection())

    @env.macro
    def render_track(track_id: str) -> str:
        return render.track_page(collection(), track_id, env.conf["use_directory_urls"], env.conf["site_url"])
