"""mkdocs-macros entry point: page macros that render plans from data/.

Data is loaded and validated once per build (see loader.cached_collection); the
MkDocs hook in macros/hooks.py adds one generated page per plan file.
"""
from __future__ import annotations

from pathlib import Path

from .loader import cached_collection
from .render import home_page, plan_page


def define_env(env):
    data_dir = Path(env.conf["config_file_path"]).resolve().parent / "data"

    @env.macro
    def render_plan(plan_id: str) -> str:
        """The full page body of one plan."""
        return plan_page(cached_collection(data_dir).plan(plan_id))

    @env.macro
    def render_home() -> str:
        """Home page: introduction, plan cards and structure overview."""
        return home_page(cached_collection(data_dir))
