"""Search: any part of a plan's text is found, every result contains it, and the match is marked.

The terms (tests/search_terms.yml) come from the plan text; which plans contain each one is read
from the built pages here, never written down. Phrases are also drawn from the built pages with a
fixed seed, starting anywhere inside a line of text, so the checks are not limited to a hand-made
list. The browser tests type into Material's search box in real Chromium (the site's worker,
docs/assets/search/worker.js, answers); the index tests check search_index.json without a browser.
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml
from backrefs import bre

from support import PLAN_IDS, article_text, html_pages

TERMS_FILE = Path(__file__).with_name("search_terms.yml")
THROUGH = "()（）“”‘’\"'《》〈〉「」『』【】"  # brackets and quotes a query is read through
HAN = bre.compile(r"\p{script: Han}", bre.UNICODE)
NONE = "没有找到符合条件的结果"  # Material's zh text for an empty result list


def _terms() -> dict[str, list[str]]:
    data = yaml.safe_load(TERMS_FILE.read_text(encoding="utf-8"))
    return {group: [str(t) for t in terms] for group, terms in data.items()}


TERMS = _terms()
LITERAL = [t for group, terms in TERMS.items() if group != "through-brackets" for t in terms]
THROUGH_BRACKETS = TERMS.get("through-brackets", [])


def fold(text: str) -> str:
    """Text as the search compares it: lower case, full-width digits and letters as ASCII,
    brackets and quotes left out (the same rules as the worker, written independently)."""
    out = []
    for ch in text:
        if ch in THROUGH:
            continue
        if ch.isalnum() and 0xFF10 <= ord(ch) <= 0xFF5A:
            ch = chr(ord(ch) - 0xFEE0)
        out.append(ch.lower())
    return "".join(out)


def plan_text(html: str) -> str:
    """Text of the page's <article> without <nav> blocks (links to other plans' sections, which
    the templates mark data-search-exclude), scripts and styles."""
    return article_text(html, skip=("nav", "script", "style", "button"))


@pytest.fixture(scope="module")
def texts(site) -> dict[str, str]:
    return {pid: plan_text((site / "plans" / f"{pid}.html").read_text(encoding="utf-8")) for pid in PLAN_IDS}


def containing(texts: dict[str, str], query: str) -> set[str]:
    """Plans whose page text contains every word of the query (folded)."""
    words = fold(query).split()
    return {pid for pid, text in texts.items() if all(w in fold(text) for w in words)}


@pytest.fixture(scope="module")
def expected(texts) -> dict[str, set[str]]:
    """term -> ids of the plans whose page text contains it (Latin letters in any case; for the
    through-brackets terms, with brackets and quotes left out)."""
    result = {t: {pid for pid, text in texts.items() if t.lower() in text.lower()} for t in LITERAL}
    result |= {t: containing(texts, t) for t in THROUGH_BRACKETS}
    stale = sorted(t for t, plans in result.items() if not plans)
    assert not stale, f"no plan contains these terms any more, update {TERMS_FILE.name}: {stale}"
    return result


@pytest.fixture(scope="module")
def phrases(texts) -> list[str]:
    """Phrases a reader might paste: 4 to 16 characters from anywhere inside a line of a plan's
    text (mostly not where a clause starts), drawn with a fixed seed."""
    rng = random.Random(13)
    lines = sorted({line.strip() for text in texts.values() for line in text.splitlines()
                    if len(line.strip()) >= 20 and HAN.search(line)})
    picked = []
    for line in rng.sample(lines, 12):
        size = rng.randint(4, 16)
        start = rng.randint(1, len(line) - size)
        picked.append(line[start:start + size].strip())
    return picked


def test_term_list_is_big_enough():
    assert len(LITERAL) + len(THROUGH_BRACKETS) >= 30
    assert len(set(LITERAL)) == len(LITERAL)


def test_fold_reads_through_brackets_and_widths():
    assert fold("用户数(MAU)提升") == "用户数mau提升"
    assert fold("“压舱石”") == "压舱石"
    assert fold("ＡＰＰ（Ａ／Ｂ）２") == "appa／b2"


# --- The index, without a browser ------------------------------------------------------------

@pytest.fixture(scope="module")
def index(site) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def _entry_text(entry: dict) -> str:
    return fold(" ".join([entry["title"], entry["text"], *entry.get("tags", [])]))


def test_index_is_plain_text_as_the_page_shows_it(index, site):
    teller = next(e for e in index["docs"] if e["location"] == "plans/teller.html")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", (site / "plans" / "teller.html").read_text(encoding="utf-8"))
    assert teller["title"] == h1.group(1)
    for entry in index["docs"]:  # no markup, entities or word marks: the worker escapes and marks
        value = entry["title"] + entry["text"]
        assert not re.search(r"<[a-z/][^>]*>|&[#\w]+;|\u200b", value), entry["location"]
    raw = (site / "search" / "search_index.json").read_bytes()
    assert "反洗钱".encode() in raw  # UTF-8, not \\u escapes


def test_controls_counts_and_addresses_are_not_indexed(index, site):
    """A page's buttons and progress counts, and whatever else it marks data-search-exclude (a track
    step's address and tick), are in no entry of that page: 复制 or 已完成 does not find every section."""
    from lxml import html as lxml_html
    checked = 0
    for path in html_pages(site):
        if not path.startswith(("plans/", "tracks/")):
            continue
        entries = [e for e in index["docs"] if e["location"].split("#")[0] == path]
        page_text = " ".join(e["title"] + " " + e["text"] for e in entries)
        tree = lxml_html.fromstring((site / path).read_bytes())
        controls = ("//article//button | //article//*[contains(@class, 'wp-progress')]"
                    " | //article//*[@data-search-exclude][not(self::nav or self::h2 or self::h3 or self::h4)]")
        for el in tree.xpath(controls):
            words = " ".join(el.text_content().split())
            if words:
                assert words not in page_text, (path, words)
                checked += 1
    assert checked > 100


def test_index_text_has_no_control_characters():
    """The worker joins all texts with U+0000 and U+0001 to fold them at once: none may remain."""
    from macros.site.search.index import plain
    assert plain("<p>a\x00b\x01c &amp; <code>d</code></p><li>e</li>") == "a b c & d e"


def test_every_page_searches_with_the_site_worker(site):
    worker = site / "assets" / "search" / "worker.js"
    assert worker.is_file()
    assert not list(site.glob("assets/javascripts/workers/*")) and not (site / "assets/javascripts/lunr").exists()
    for path in html_pages(site):
        html = (site / path).read_text(encoding="utf-8")
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))
        target = (site / path).parent / config["search"] if not config["search"].startswith("/") else site / config["search"].lstrip("/")
        assert target.resolve() == worker.resolve(), path
        assert "closest.js" not in html, path  # fetched when the search box first gets focus


def test_worker_has_no_eval(site):
    for script in ("worker.js", "closest.js"):
        source = (site / "assets" / "search" / script).read_text(encoding="utf-8")
        assert not re.search(r"\beval\s*\(|new Function|innerHTML", source), script


def test_sections_are_cut_as_materials_own_parser_cuts_them(tmp_path):
    """macros/site/search/sections.py against Material's Parser, on every page of the real site."""
    import mkdocs.structure.pages as pages
    from material.plugins.search.plugin import Parser
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from macros.site.search.index import plain
    from macros.site.search.sections import sections
    from support import ROOT

    contents = {}
    render = pages.Page.render

    def keep(self, config, files):
        render(self, config, files)
        contents[self.file.src_uri] = self.content
    pages.Page.render = keep
    try:
        build(load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    finally:
        pages.Page.render = render
    assert len(contents) >= 15

    def cut(found):
        return [(s.id, s.is_excluded(), plain("".join(s.title)), plain("".join(s.text))) for s in found]
    for uri, content in contents.items():
        material = Parser()
        material.feed(content)
        material.close()
        assert cut(sections(content)) == cut(material.data), uri
    tricky = ('intro<div><h2 id="a">A<a class="headerlink" href="#a">¶</a></h2>in a</div>after'
              '<h3 id="b" data-search-exclude>B</h3>gone<p>x &amp; <nav data-search-exclude>n</nav>y</p>'
              '<pre>a\n  b</pre><script>s</script><h4 id="c">C<br>D</h4><ul><li>1</li><li>2</li></ul>')
    material = Parser()
    material.feed(tricky)
    material.close()
    assert cut(sections(tricky)) == cut(material.data)


def test_lists_of_links_to_plans_are_not_indexed_again(index, site):
    """Topic pages and the home page list plans' headings, the home page the tracks and the topic
    index the topics; the index keeps the plans' own text and the topics' and tracks' names and
    descriptions on their own pages, not those lists."""
    locations = [entry["location"] for entry in index["docs"]]
    topics = sorted(p.name for p in (site / "topics").glob("*.html"))
    assert {f"topics/{name}" for name in topics} <= set(locations)
    assert not [loc for loc in locations if loc.startswith("topics/") and "#" in loc]
    assert "index.html#plans" not in locations and "index.html#compare" not in locations
    assert "index.html#tracks" not in locations
    assert "index.html#topics" in locations  # other home sections stay
    topic_index = " ".join(e["text"] for e in index["docs"] if e["location"].startswith("topics/index.html"))
    own = {e["location"]: e["text"] for e in index["docs"]}
    for name in topics:
        if name != "index.html":
            assert own[f"topics/{name}"] and own[f"topics/{name}"] not in topic_index, name
    assert topic_index  # its introduction stays


def test_plans_outrank_other_pages(index):
    for entry in index["docs"]:
        assert (entry.get("boost", 1) > 1) == entry["location"].startswith("plans/"), entry["location"]


def test_index_holds_every_term_and_phrase_of_every_plan(index, expected, texts, phrases):
    """The index keeps the whole text: a query is in a plan's entries exactly when it is in the
    plan's page."""
    by_plan: dict[str, str] = {}
    for entry in index["docs"]:
        page = entry["location"].split("#")[0]
        if page.startswith("plans/"):
            by_plan[page[len("plans/"):-len(".html")]] = by_plan.get(page[len("plans/"):-len(".html")], "") + "\n" + _entry_text(entry)
    wrong = {}
    for term, plans in {**expected, **{p: containing(texts, p) for p in phrases}}.items():
        found = {pid for pid, text in by_plan.items() if fold(term) in text}
        if found != plans:
            wrong[term] = (sorted(plans), sorted(found))
    assert not wrong, wrong


# --- The real search box in Chromium ---------------------------------------------------------

# Counts the queries the page sends to the search worker and the results it gets back, so a
# test reads the result list of the query it typed, not of an earlier keystroke.
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

# Every link of the result list: the page it opens, its anchor and its ?h= terms, best first.
RESULT_LINKS = """() => [...document.querySelectorAll(".md-search-result > .md-search-result__list .md-search-result__link")]
    .map(a => a.href)"""


def _type(page, term: str) -> None:
    """Type like a user: Latin letters key by key; Han characters arrive as text input (as from
    an input method) and the key that commits them is released afterwards."""
    for char in term:
        if char.isascii() and char != " ":
            page.keyboard.press(char)
        elif char == " ":
            page.keyboard.press("Space")
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
    """Clear the box, type the term, wait for its answer; the result links, best first."""
    if box.input_value():
        box.press("Control+a")
        box.press("Backspace")
        page.wait_for_function(ANSWERED, arg="", timeout=5000)
    _type(page, term)
    page.wait_for_function(ANSWERED, arg=term, timeout=5000)
    return page.evaluate(RESULT_LINKS)


def _location(url: str, base_url: str) -> str:
    """A result link as an index location (page path and #anchor, no ?h=)."""
    parsed = urlparse(url)
    return parsed.path[len(urlparse(base_url).path):] + (f"#{parsed.fragment}" if parsed.fragment else "")


def _check(page, box, base_url, index, query, plans) -> list[str]:
    """Problems with one query: a plan containing it not listed, a plan without it first, a result
    (page or section) whose indexed text lacks a word of it."""
    entries = {e["location"]: e for e in index["docs"]}
    links = _search(page, box, query)
    locations = [_location(link, base_url) for link in links]
    listed = {loc[len("plans/"):-len(".html")] for loc in locations if loc.startswith("plans/") and "#" not in loc}
    first = locations[0].split("#")[0] if locations else None
    problems = []
    if not plans <= listed:
        problems.append(f"{query}: plans {sorted(plans - listed)} not listed")
    if plans and first not in {f"plans/{p}.html" for p in plans}:
        problems.append(f"{query}: first result {first}")
    words = fold(query).split()
    for loc in locations:
        if "#" in loc or any(other.startswith(loc + "#") for other in locations):
            continue  # a page's own entry is listed above its sections even when only they match
        if not all(w in _entry_text(entries[loc]) for w in words):
            problems.append(f"{query}: {loc} does not contain it")
    return problems


@pytest.mark.browser
def test_search_box_lists_every_plan_with_the_term_and_only_what_contains_it(page, base_url, expected, index):
    box = _open_search(page, base_url)
    problems = [p for term, plans in expected.items() for p in _check(page, box, base_url, index, term, plans)]
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_any_phrase_from_anywhere_in_the_text_is_found(page, base_url, phrases, texts, index):
    """Phrases of 4 to 16 characters from random places (Han, Latin, digits, punctuation)."""
    box = _open_search(page, base_url)
    problems = []
    for phrase in phrases:
        plans = containing(texts, phrase)
        assert plans, phrase
        problems += _check(page, box, base_url, index, phrase, plans)
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_words_separated_by_spaces_must_all_be_in_a_result(page, base_url, texts, index):
    box = _open_search(page, base_url)
    problems = []
    for query in ("反洗钱 培训", "客户 数字化 营销", "柜员 服务规范"):
        plans = {pid for pid in containing(texts, query)
                 if any(all(w in _entry_text(e) for w in fold(query).split())
                        for e in index["docs"] if e["location"].startswith(f"plans/{pid}.html"))}
        assert plans, query  # some section of a plan has all the words
        problems += _check(page, box, base_url, index, query, plans)
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_result_list_marks_the_match_itself(page, base_url):
    box = _open_search(page, base_url)
    for query, marked in (("反洗钱", "反洗钱"), ("洗钱", "洗钱"), ("MAU提升", "MAU)提升"), ("ｍａｕ提升", "MAU)提升"),
                          ("a/b测试", "A/B测试")):
        _search(page, box, query)
        marks = page.locator(".md-search-result__list mark").all_inner_texts()
        assert marks and set(marks) == {marked}, (query, marks)
        text = page.locator(".md-search-result__list").inner_text()
        assert "_" not in text and "\u200b" not in text


@pytest.mark.browser
def test_page_opened_from_the_first_result_marks_the_match(page, base_url):
    for query in ("客户投诉处理流程", "洗钱"):
        box = _open_search(page, base_url)
        links = _search(page, box, query)
        assert parse_qs(urlparse(links[0]).query)["h"] == [query]
        box.press("Enter")  # Material opens the best result
        page.wait_for_url(re.compile(r".*plans/.*\?h="))
        marks = page.locator("article mark[data-md-highlight]")
        marks.first.wait_for()
        assert set(marks.all_inner_texts()) == {query}


@pytest.mark.browser
def test_a_query_without_result_says_so_and_offers_the_closest_names(page, base_url, texts):
    held = []  # the suggestions' script, held back until the search has answered
    page.route("**/search/closest.js", lambda route: held.append(route))
    page.goto(base_url + "index.html", wait_until="networkidle")
    assert held == []  # a page that is only read does not fetch it
    box = _open_search(page, base_url)
    query = "柜员区块链"
    assert not containing(texts, query)
    assert _search(page, box, query) == []
    assert page.locator(".md-search-result__meta").inner_text() == NONE
    assert len(held) == 1 and page.locator(".wp-search-closest").count() == 0
    held[0].continue_()  # arriving after the answer, it still offers names for it
    closest = page.locator(".wp-search-closest")
    assert query in closest.locator("p").inner_text()
    names = closest.locator(".md-search-result__link h1").all_inner_texts()
    assert names[0] == "新入职柜员工作计划" and 1 < len(names) <= 5, names
    page.keyboard.press("ArrowDown")  # Material's keys reach the offered links
    assert page.evaluate("document.activeElement.closest('.wp-search-closest') !== null")
    box.click()
    _search(page, box, "柜员")  # a query with results takes the offer away
    assert page.locator(".wp-search-closest").count() == 0
