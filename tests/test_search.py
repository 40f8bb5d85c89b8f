"""Chinese search: every plan containing a term is listed, and the first hit contains it.

The terms (tests/search_terms.yml) come from the plan text; which plans contain each one is read
from the built pages here, never written down. The browser test types every term into Material's
search box in real Chromium, one page for all terms; the index tests check the same on
search_index.json without a browser and the invariant that makes it work (macros/search_index.py).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from backrefs import bre

from support import PLAN_IDS, article_text

TERMS_FILE = Path(__file__).with_name("search_terms.yml")
THROUGH = "()（）“”‘’\"'《》〈〉「」『』【】"  # brackets and quotes a phrase is read through
HAN_ONLY = bre.compile(r"\p{script: Han}+", bre.UNICODE)


def _terms() -> dict[str, list[str]]:
    data = yaml.safe_load(TERMS_FILE.read_text(encoding="utf-8"))
    return {group: [str(t) for t in terms] for group, terms in data.items()}


TERMS = _terms()
LITERAL = [t for group, terms in TERMS.items() if group != "through-brackets" for t in terms]
THROUGH_BRACKETS = TERMS.get("through-brackets", [])


def plan_text(html: str) -> str:
    """Text of the page's <article> without <nav> blocks (links to other plans' sections, which
    the templates mark data-search-exclude), scripts and styles."""
    return article_text(html, skip=("nav", "script", "style"))


@pytest.fixture(scope="module")
def expected(site) -> dict[str, set[str]]:
    """term -> ids of the plans whose page text contains it (Latin letters in any case)."""
    texts = {pid: plan_text((site / "plans" / f"{pid}.html").read_text(encoding="utf-8")).lower()
             for pid in PLAN_IDS}
    joined = {pid: "".join(ch for ch in text if ch not in THROUGH) for pid, text in texts.items()}
    result = {t: {pid for pid, text in texts.items() if t.lower() in text} for t in LITERAL}
    result |= {t: {pid for pid, text in joined.items() if t.lower() in text} for t in THROUGH_BRACKETS}
    stale = sorted(t for t, plans in result.items() if not plans)
    assert not stale, f"no plan contains these terms any more, update {TERMS_FILE.name}: {stale}"
    return result


def test_term_list_is_big_enough():
    assert len(LITERAL) + len(THROUGH_BRACKETS) >= 30
    assert len(set(LITERAL)) == len(LITERAL)


# --- The index, without a browser ------------------------------------------------------------

@pytest.fixture(scope="module")
def index(site) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def _tokens(index: dict, entry: dict) -> list[str]:
    """Tokens as Material's worker makes them: per field, tags cut out, split on the separator."""
    separator = re.compile(index["config"]["separator"])
    out = []
    for field in index["config"]["fields"]:
        value = entry.get(field)
        for part in value if isinstance(value, list) else [value or ""]:
            for block in re.split(r"<[^>]*>", part):
                out += [t.lower() for t in separator.split(block) if t]
    return out


def test_no_token_is_a_run_of_han_characters(index):
    """The invariant: Material's worker cuts a Chinese query at tokens of the index that are runs
    of Han characters; there must be none, so every query is searched whole."""
    bad = {t for entry in index["docs"] for t in _tokens(index, entry) if HAN_ONLY.fullmatch(t)}
    assert not bad, sorted(bad)[:20]


def test_hidden_fields_are_not_shown_and_visible_text_is_unchanged(index, site):
    fields = index["config"]["fields"]
    assert {"title", "text", "title_sub", "text_sub"} <= set(fields)
    teller = [e for e in index["docs"] if e["location"] == "plans/teller.html"][0]
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", (site / "plans" / "teller.html").read_text(encoding="utf-8"))
    assert teller["title"].replace("\u200b", "") == h1.group(1)
    for entry in index["docs"]:  # no hidden sub-token leaks into what the results show
        assert not re.search(r"\w_(\s|$)", entry["title"] + " " + entry["text"]), entry["location"]


def test_lists_of_links_to_plans_are_not_indexed_again(index, site):
    """Topic pages and the home page list plans' headings; the index keeps the plans' own text
    and the topics' names and descriptions, not those lists."""
    locations = [entry["location"] for entry in index["docs"]]
    topics = sorted(p.name for p in (site / "topics").glob("*.html"))
    assert {f"topics/{name}" for name in topics} <= set(locations)
    assert not [loc for loc in locations if loc.startswith("topics/") and "#" in loc]
    assert "index.html#plans" not in locations and "index.html#compare" not in locations
    assert "index.html#topics" in locations  # other home sections stay


def test_plans_outrank_other_pages(index):
    for entry in index["docs"]:
        assert (entry.get("boost", 1) > 1) == entry["location"].startswith("plans/"), entry["location"]


def test_boosts_weigh_fields_and_pages_as_the_ranking_needs(index):
    """The weights, not only their presence: a hidden sub-token field weighs what its visible field
    weighs, a title more than text, and a plan's text more than another page's title even when
    that title matches a hundred times (macros/search_index.py, "Plans first")."""
    fields = {name: spec.get("boost", 1) for name, spec in index["config"]["fields"].items()}
    assert fields["title_sub"] == fields["title"] and fields["text_sub"] == fields["text"], fields
    assert fields["title"] > fields["text"], fields
    plan = min(e.get("boost", 1) for e in index["docs"] if e["location"].startswith("plans/"))
    other = max(e.get("boost", 1) for e in index["docs"] if not e["location"].startswith("plans/"))
    assert plan * fields["text"] > other * fields["title"] * 100, (plan, other, fields)


def test_index_finds_every_plan_containing_each_term(index, expected):
    """A term is found in a page when one of its tokens starts with the term (lunr's `term*`)."""
    tokens: dict[str, list[str]] = {}
    for entry in index["docs"]:
        page = entry["location"].split("#")[0]
        if page.startswith("plans/"):
            tokens.setdefault(page[len("plans/"):-len(".html")], []).extend(_tokens(index, entry))
    missing = {}
    for term, plans in expected.items():
        found = {pid for pid in plans if any(t.startswith(term.lower()) for t in tokens[pid])}
        if found != plans:
            missing[term] = sorted(plans - found)
    assert not missing, missing


# --- The real search box in Chromium ---------------------------------------------------------

# Counts the queries the page sends to Material's search worker and the results it gets back,
# so a test reads the result list of the query it typed, not of an earlier keystroke.
WATCH_WORKER = """(() => {
    const Native = window.Worker, seen = window.__searchQueries = { sent: [], answered: 0 };
    window.Worker = class extends Native {
        constructor(...args) {
            super(...args);
            this.addEventListener("message", ev => { if (ev.data && ev.data.type === 3) seen.answered++; });
        }
        postMessage(message, ...rest) {
            if (message && message.type === 2) seen.sent.push(message.data);
            return super.postMessage(message, ...rest);
        }
    };
})()"""

ANSWERED = """value => {
    const seen = window.__searchQueries;
    return seen.sent.length > 0 && seen.sent.length === seen.answered && seen.sent.at(-1) === value;
}"""

RESULT_PAGES = """() => [...document.querySelectorAll(".md-search-result__item > a:first-child")]
    .map(a => new URL(a.href).pathname)"""


def _type(page, term: str) -> None:
    """Type like a user: Latin letters key by key; Han characters arrive as text input (as from
    an input method) and the key that commits them is released afterwards."""
    for char in term:
        if char.isascii():
            page.keyboard.press(char)
        else:
            page.keyboard.insert_text(char)
    page.keyboard.press("Shift")


def _open_search(page, base_url):
    page.add_init_script(WATCH_WORKER)
    page.goto(base_url + "index.html")
    box = page.locator("input.md-search__input")
    box.click()
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function("() => !document.querySelector('.md-search-result__meta').textContent.includes('正在')")
    assert meta.inner_text().strip() == "键入以开始搜索"
    return box


def _search(page, box, term: str) -> list[str]:
    """Clear the box, type the term, wait for its answer; the pages listed, best first."""
    if box.input_value():
        box.press("Control+a")
        box.press("Backspace")
        page.wait_for_function(ANSWERED, arg="", timeout=5000)
    _type(page, term)
    page.wait_for_function(ANSWERED, arg=term, timeout=5000)
    return page.evaluate(RESULT_PAGES)


@pytest.mark.browser
def test_search_box_lists_every_plan_with_the_term_and_a_plan_with_it_first(page, base_url, expected):
    box = _open_search(page, base_url)
    plan_of = {f"/plans/{pid}.html": pid for pid in PLAN_IDS}
    failures = []
    for term, plans in expected.items():
        pages = _search(page, box, term)
        listed = {plan_of[p] for p in pages if p in plan_of}
        first = plan_of.get(pages[0], pages[0]) if pages else None
        if not plans <= listed or first not in plans:
            failures.append(f"{term}: expected {sorted(plans)}, listed {sorted(listed)}, first {first}")
    assert not failures, "\n".join(failures)


@pytest.mark.browser
def test_result_text_is_readable_and_highlights_the_term(page, base_url):
    box = _open_search(page, base_url)
    _search(page, box, "反洗钱")
    first = page.locator(".md-search-result__item").first
    text = first.inner_text()
    assert "反洗钱" in text and "_" not in text
    marks = first.locator("mark").all_inner_texts()
    assert any(m.replace("\u200b", "").startswith("反洗钱") for m in marks), marks
