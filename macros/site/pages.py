"""MkDocs hooks: validate data at config time, add the generated pages, build the nav.

Loaded through `hooks:` in mkdocs.yml (MkDocs imports this file by path). The generated pages
(their paths, front matter and macro calls) are listed by macros/core/generated_pages.py, which
scripts/zensical.sh uses too.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File


from macros.core.errors import DataError
from macros.core.generated_pages import generated_pages, site_nav
from macros.core.loader import current_collection, start_build
from macros.site.raw_html import FinishedHtmlExtension
from macros.core.theme_text import theme_text


def _data_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "data"


def _collection(config):
    return current_collection(_data_dir(config))


def on_config(config):
    try:
        collection = start_build(_data_dir(config))
    except DataError as exc:
        raise PluginError(str(exc)) from None
    config.nav = site_nav(collection)
    config.markdown_extensions.append(FinishedHtmlExtension())
    return config


def on_files(files, config):
    for page in generated_pages(_collection(config)):
        files.append(File.generated(config, page.src, content=page.markdown()))
    return files


# A plan page's title (for <title>) and description (for <meta name="description">) come from its
# data, put into its meta while the page itself is rendered; macros/speed/plan_meta.py takes them out
# again afterwards.

def plan_of(page, config):
    """The plan a generated plan page shows (None for other pages)."""
    src = page.file.src_uri
    if page.file.generated_by and src.startswith("plans/"):
        return _collection(config).plan(src[len("plans/"):-len(".md")])
    return None


def on_page_context(context, page, config, nav):
    if plan := plan_of(page, config):
        page.meta["title"] = theme_text(plan.page_title)
        page.meta["description"] = theme_text(plan.summary)
    return context
