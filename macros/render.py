"""Render model objects through Jinja template files (autoescaped; data is never template source)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from .jinja_cache import bytecode_cache
from .model import Collection

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Characters Python-Markdown treats specially in inline text; escaped with a backslash.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!>])")


def md_inline(value: str) -> Markup:
    """Text for a Markdown heading: HTML-escaped, then Markdown-escaped."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(value))))


@lru_cache(maxsize=4096)
def _page_url(src: str, directory_urls: bool) -> str:
    return File(src, "", "", directory_urls).url


@pass_context
def href(context, target_src: str, anchor: str = "") -> str:
    """Relative URL from the page being rendered (`here`) to another page's source path, the
    way MkDocs writes it for this site's `use_directory_urls`."""
    directory_urls = context["directory_urls"]
    url = get_relative_url(_page_url(target_src, directory_urls), _page_url(context["here"], directory_urls))
    return f"{url}#{anchor}" if anchor else url


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # '{#id}' is Markdown heading-id syntax; keep it free from Jinja comments.
        comment_start_string="{##",
        comment_end_string="##}",
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache(TEMPLATES.parent.parent),  # compiled once per change
    )
    env.filters["md"] = md_inline
    env.globals["href"] = href
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def plan_page(collection: Collection, plan_id: str, directory_urls: bool = False) -> str:
    return render("plan.md.j2", plan=collection.plan(plan_id), collection=collection,
                  here=f"plans/{plan_id}.md", directory_urls=directory_urls)


def home_page(collection: Collection) -> str:
    return render("home.md.j2", collection=collection)


def topic_page(collection: Collection, topic_id: str) -> str:
    groups: dict[str, list] = {}
    for place in collection.tagged(topic_id):
        groups.setdefault(place.plan.id, []).append(place)
    ordered = [(collection.plan(pid), places) for pid, places in groups.items()]
    return render("topic.md.j2", topic=collection.topic(topic_id), groups=ordered)


def topics_index(collection: Collection) -> str:
    rows = [(topic, collection.tagged(topic.id)) for topic in collection.topics]
    return render("topics-index.md.j2", rows=rows)


def track_page(collection: Collection, track_id: str) -> str:
    return render("track.md.j2", track=collection.track(track_id))
