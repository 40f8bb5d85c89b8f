"""Render model objects through Jinja template files (autoescaped; data is never template source)."""
from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from ..speed.jinja_cache import bytecode_cache
from .changelog import site_entries
from .model import READING_SPEED, Collection
from .urls import page_url, relative_url

CHANGELOG_PAGE = "changelog.md"
TEMPLATES = Path(__file__).resolve().parent / "templates"
# Characters Python-Markdown treats specially in inline text (and `|`, which ends a table cell);
# escaped with a backslash.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!>|])")


def md_inline(value: str) -> Markup:
    """Text for Markdown (headings, table cells, list items): HTML-escaped, then Markdown-escaped.

    Quotes stay as they are: they mean nothing to Markdown, and the numeric entities Jinja's
    escape makes of them (`&#39;`) would reach the table of contents escaped twice.
    """
    text = str(value) if isinstance(value, Markup) else html.escape(str(value), quote=False)
    return Markup(_MD_SPECIAL.sub(r"\\\1", text))


@pass_context
def href(context, target_src: str, anchor: str = "") -> str:
    """Relative URL from the page being rendered (`here`) to another page's source path, the
    way MkDocs writes it for this site's `use_directory_urls`."""
    directory_urls = context["directory_urls"]
    url = relative_url(page_url(target_src, directory_urls), page_url(context["here"], directory_urls))
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
        bytecode_cache=bytecode_cache(TEMPLATES.parents[2]),  # compiled once per change
    )
    env.filters["md"] = md_inline
    env.globals["href"] = href
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def plan_page(collection: Collection, plan_id: str, directory_urls: bool = False) -> str:
    return render("plan.md.j2", plan=collection.plan(plan_id), collection=collection,
                  here=f"plans/{plan_id}.md", directory_urls=directory_urls)


def inbox_page(entries, directory_urls: bool = False) -> str:
    """The inbox preview's index: each dropped article's import report (macros/site/inbox.py)."""
    return render("inbox.md.j2", entries=entries, directory_urls=directory_urls)


def draft_page(collection: Collection, plan_id: str, directory_urls: bool = False) -> str:
    """A draft from data/inbox/ rendered like a plan page, at inbox/<id>.md."""
    return render("plan.md.j2", plan=collection.plan(plan_id), collection=collection,
                  here=f"inbox/{plan_id}.md", directory_urls=directory_urls)


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


def changelog_page(collection: Collection, directory_urls: bool = False) -> str:
    """The site-wide 更新记录 page: every plan's change-log entries, newest first."""
    return render("changelog.md.j2", entries=site_entries(collection), here=CHANGELOG_PAGE,
                  directory_urls=directory_urls)


def public_address(site_url: str, target_src: str, anchor: str, directory_urls: bool) -> str:
    """A page's address for print: absolute under the site's public base address (`site_url`,
    README "学习路径"), otherwise the path from the site's top folder."""
    url = page_url(target_src, directory_urls) + (f"#{anchor}" if anchor else "")
    return urljoin(site_url.rstrip("/") + "/", url) if site_url else url


def track_page(collection: Collection, track_id: str, directory_urls: bool = False, site_url: str = "") -> str:
    def address(target_src: str, anchor: str = "") -> str:
        return public_address(site_url or "", target_src, anchor, directory_urls)
    return render("track.md.j2", track=collection.track(track_id), here=f"tracks/{track_id}.md",
                  directory_urls=directory_urls, address=address, reading_speed=READING_SPEED,
                  relative=not site_url)


MINE_HEADER = (("name", "姓名", "text"), ("unit", "部门/网点", "text"), ("role", "岗位", "text"),
               ("from", "计划周期:从", "date"), ("to", "计划周期:至", "date"), ("date", "制定日期", "date"))


def mine_page() -> str:
    return render("mine.md.j2", fields=MINE_HEADER)
