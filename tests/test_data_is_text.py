"""Markup and template syntax typed into any data file is shown as text and never runs.

One copy of the project gets the same payload (a <script>, an <img onerror>, `{{ 7*191 }}` and a
`{% if %}` block) in every kind of data string: a plan's facts, headings, labels, field labels and
units, a topic, a track and the collection's title and introduction. Each string starts with its
own tag (ZZROLE, ZZTOPICNAME, …) so a test can say where it must appear. The build must show each
one literally in the page body, the navigation, <title>, the header, the meta description and the
search index, with no `1337` (the template evaluated) anywhere; Chromium loads the pages and runs
a search without the injected script or image handler ever running.
"""
from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pytest

from support import build, copy_project, edit_plan, edit_yaml, html_pages, logged_warnings, open_search, serve

PAYLOAD = ("<script>window.__pwned='script'</script><img src=\"x\" onerror=\"window.__pwned='img'\">"
           "{{ 7*191 }}{% if true %}是{% endif %} & \"引号\" | *星* [链](x)")
PLAN = "relationship-manager"
TOPIC = "performance"
TRACK = "new-teller-first-week"


def shown(tag: str) -> str:
    """What a data string holding the payload is, and so what a reader must see."""
    return tag + PAYLOAD


def _items(section):
    while "measures" not in section:
        section = section["sections"][0]
    return section["measures"]


def _inject_plan(d):
    for key in ("role", "title", "label", "kind", "focus", "audience", "summary"):
        d[key] = shown("ZZ" + key.upper())
    d["body"]["unit"] = shown("ZZBODYUNIT")
    d["intro"]["title"] = shown("ZZSECTIONTITLE")
    d["goals"]["targets"][0]["title"] = shown("ZZTARGETTITLE")
    measures = _items(d["body"]["sections"][0])
    measures["label"] = shown("ZZMEASURESLABEL")
    measures["items"][0]["title"] = shown("ZZITEMTITLE")
    d["body"]["sections"][0]["paragraphs"][0]["label"] = shown("ZZPARALABEL")
    field = d["fields"][0]
    old_unit = field["unit"]
    field["label"] = shown("ZZFIELDLABEL")
    field["unit"] = shown("ZZFIELDUNIT")

    def retext(node):  # the unit follows its field in the text (the loader checks it)
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str):
                    node[key] = re.sub(rf"(\[\[{field['id']}\]\]\s*){re.escape(old_unit)}",
                                       lambda m: m.group(1) + field["unit"], value)
                else:
                    retext(value)
        elif isinstance(node, list):
            for value in node:
                retext(value)
    retext(d)


def _inject_topics(d):
    topic = next(t for t in d["topics"] if t["id"] == TOPIC)
    topic.update(name=shown("ZZTOPICNAME"), description=shown("ZZTOPICDESC"))


def _inject_track(d):
    for key in ("title", "audience", "summary"):
        d[key] = shown("ZZTRACK" + key.upper())
    d["steps"][0]["note"] = shown("ZZTRACKNOTE")


def _inject_collection(d):
    d["title"] = shown("ZZCOLLECTIONTITLE")
    d["intro"][0] = shown("ZZCOLLECTIONINTRO")


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    """The project built with the payload in every kind of data string."""
    root = tmp_path_factory.mktemp("injected")
    project = copy_project(root / "project")
    edit_plan(project, PLAN, _inject_plan)
    edit_yaml(project / "data" / "topics.yml", _inject_topics)
    edit_yaml(project / "data" / "tracks" / f"{TRACK}.yml", _inject_track)
    edit_yaml(project / "data" / "collection.yml", _inject_collection)
    config = project / "mkdocs.yml"  # tabs and breadcrumbs print nav titles too: switched on here
    config.write_text(config.read_text(encoding="utf-8").replace(
        "    - navigation.sections\n", "    - navigation.sections\n    - navigation.tabs\n    - navigation.path\n"),
        encoding="utf-8")
    result = build(project, root / "site")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert logged_warnings(log) == [], log
    return root / "site"


class _Page(HTMLParser):
    """What a reader gets from one built page: text by region, attributes, and active elements."""

    REGIONS = {"title": "title", "header": "md-header__topic", "nav": "md-nav--primary",
               "article": "md-content__inner", "tabs": "md-tabs", "path": "md-path"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = {name: [] for name in self.REGIONS}
        self.all_text: list[str] = []
        self.attributes: list[str] = []
        self.description = None
        self.scripts: list[str] = []
        self.handlers: list[str] = []  # on… attributes of any element
        self.images: list[str] = []
        self.open: list[tuple[str, str | None]] = []  # (tag, region it opens)
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.attributes += [v for v in attrs.values() if v]
        self.handlers += [f"{tag} {k}" for k in attrs if k.startswith("on")]
        if tag == "img":
            self.images.append(attrs.get("src") or "")
        if tag == "meta" and attrs.get("name") == "description":
            self.description = attrs.get("content")
        self.in_script = tag == "script"
        classes = (attrs.get("class") or "").split()
        region = next((n for n, c in self.REGIONS.items() if c in classes or c == tag), None)
        if tag not in ("meta", "link", "input", "img", "br", "hr", "source"):
            self.open.append((tag, region))

    def handle_endtag(self, tag):
        self.in_script = False
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.in_script:
            self.scripts.append(data)
            return
        self.all_text.append(data)
        for _, region in self.open:
            if region:
                self.text[region].append(data)

    def joined(self, region: str) -> str:
        return "".join(self.text[region])


def read(site, rel: str) -> _Page:
    page = _Page()
    page.feed((site / rel).read_text(encoding="utf-8"))
    page.close()
    return page


# tag -> (page, region) pairs where a reader must see it, verbatim
WHERE = {
    "ZZROLE": [(f"plans/{PLAN}.html", r) for r in ("title", "header", "nav", "article")]
    + [("index.html", "nav"), ("index.html", "article"), ("plans/teller.html", "nav"), ("404.html", "nav"),
       (f"topics/{TOPIC}.html", "article")],
    "ZZTITLE": [(f"plans/{PLAN}.html", "article")],
    "ZZLABEL": [(f"plans/{PLAN}.html", "article"), ("index.html", "article")],
    "ZZKIND": [(f"plans/{PLAN}.html", "article"), ("index.html", "article")],
    "ZZFOCUS": [(f"plans/{PLAN}.html", "article"), ("index.html", "article")],
    "ZZAUDIENCE": [(f"plans/{PLAN}.html", "article")],
    "ZZSUMMARY": [("index.html", "article")],
    "ZZBODYUNIT": [(f"plans/{PLAN}.html", "article"), ("index.html", "article")],
    "ZZSECTIONTITLE": [(f"plans/{PLAN}.html", "article"), (f"plans/{PLAN}.html", "nav")],
    "ZZTARGETTITLE": [(f"plans/{PLAN}.html", "article")],
    "ZZMEASURESLABEL": [(f"plans/{PLAN}.html", "article")],
    "ZZITEMTITLE": [(f"plans/{PLAN}.html", "article")],
    "ZZPARALABEL": [(f"plans/{PLAN}.html", "article")],
    "ZZFIELDUNIT": [(f"plans/{PLAN}.html", "article")],
    "ZZTOPICNAME": [(f"topics/{TOPIC}.html", r) for r in ("title", "header", "nav", "article")]
    + [("index.html", "nav"), ("index.html", "article"), ("topics/index.html", "article"), ("404.html", "nav")],
    "ZZTOPICDESC": [(f"topics/{TOPIC}.html", "article"), ("topics/index.html", "article")],
    "ZZTRACKTITLE": [(f"tracks/{TRACK}.html", r) for r in ("title", "header", "nav", "article")]
    + [("index.html", "nav"), ("index.html", "article")],
    "ZZTRACKAUDIENCE": [(f"tracks/{TRACK}.html", "article"), ("index.html", "article")],
    "ZZTRACKSUMMARY": [(f"tracks/{TRACK}.html", "article"), ("index.html", "article")],
    "ZZTRACKNOTE": [(f"tracks/{TRACK}.html", "article")],
    "ZZCOLLECTIONTITLE": [("index.html", "article")],
    "ZZCOLLECTIONINTRO": [("index.html", "article")],
}
# meta descriptions: page -> tag
DESCRIPTIONS = {f"plans/{PLAN}.html": "ZZSUMMARY", f"topics/{TOPIC}.html": "ZZTOPICDESC",
                f"tracks/{TRACK}.html": "ZZTRACKSUMMARY"}


def test_every_page_shows_the_payload_as_text_and_runs_nothing(injected):
    pages = {rel: read(injected, rel) for rel in html_pages(injected)}
    assert {rel for rel, _ in sum(WHERE.values(), [])} <= set(pages)
    missing = [f"{tag} not in {rel} {region}" for tag, places in WHERE.items() for rel, region in places
               if shown(tag) not in pages[rel].joined(region)]
    assert missing == [], missing
    plan_page = pages[f"plans/{PLAN}.html"]
    assert "工作计划模板" in plan_page.joined("tabs") and "工作计划模板" in plan_page.joined("path")
    for rel, tag in DESCRIPTIONS.items():
        assert pages[rel].description == shown(tag), rel
    for rel, page in pages.items():
        assert not [s for s in page.scripts if "__pwned" in s], rel
        assert page.handlers == [] and "x" not in page.images, (rel, page.handlers, page.images)
        text = "".join(page.all_text) + " ".join(page.attributes)
        assert "1337" not in text, rel


def test_field_label_and_unit_reach_the_script_as_text(injected):
    page = read(injected, f"plans/{PLAN}.html")
    assert shown("ZZFIELDLABEL") in page.attributes
    assert shown("ZZFIELDUNIT") in page.attributes


def test_search_index_holds_the_payload_as_plain_text(injected):
    """The index is plain text (macros/site/search/index.py): data markup is there as the characters it
    is, never as markup the page added; the search worker escapes everything it shows
    (test_chromium_runs_no_injected_script_or_handler types a search for it)."""
    raw = (injected / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "1337" not in raw
    docs = json.loads(raw)["docs"]
    for doc in docs:
        for value in (doc.get("title") or "", doc.get("text") or ""):
            # the page's own markup never reaches the index: only the data's characters
            assert "<p" not in value and "<a " not in value and "&lt;" not in value, doc["location"]
    readable = {doc["location"]: doc["title"] + " " + doc["text"] for doc in docs}
    for tag, rel in (("ZZROLE", f"plans/{PLAN}.html"), ("ZZTOPICNAME", f"topics/{TOPIC}.html"),
                     ("ZZTRACKTITLE", f"tracks/{TRACK}.html")):
        assert shown(tag) in readable[rel], (tag, readable[rel][:300])


@pytest.mark.browser
def test_chromium_runs_no_injected_script_or_handler(injected, page):
    base, server = serve(injected)
    try:
        for rel in ("index.html", f"plans/{PLAN}.html", f"topics/{TOPIC}.html", "topics/index.html",
                    f"tracks/{TRACK}.html", "404.html"):
            page.goto(base + rel, wait_until="load")
            page.wait_for_timeout(200)
            assert page.evaluate("window.__pwned") is None, rel
        page.goto(base + f"plans/{PLAN}.html", wait_until="load")
        assert page.title() == shown("ZZROLE") + "工作计划 - 银行员工工作计划模板库"
        nav = page.locator(".md-nav--primary a.md-nav__link", has_text="ZZTOPICNAME").first
        assert nav.text_content().strip() == shown("ZZTOPICNAME")
        results = open_search(page, "zzrole")
        page.wait_for_timeout(300)
        assert "<script>window.__pwned" in results.first.inner_text()
        assert page.evaluate("window.__pwned") is None
    finally:
        server.shutdown()
        server.server_close()
