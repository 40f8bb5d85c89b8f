"""Onboarding tracks as paths (docs/assets/wp/path.js, macros/templates/track.md.j2): the path bar
that travels with the reader, saved progress, what each step asks, the printed handout, bad data
and bad addresses — in real Chromium over http and from file://.

Expected texts and links come from the typed model (data/tracks/*.yml, data/plans/*.yml), never
from the pages' own output.
"""
from __future__ import annotations

import json
import math
import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from macros.core import anchors
from macros.core.loader import load_collection
from macros.core.model import Item, Measures, Paragraph, Section, Text, TrackStep, Place
from support import build, copy_project, edit_plan, edit_yaml, saved_groups, serve

KEY = "wp:v1:track:"
CHARS_PER_MINUTE = 250  # the reading speed README.md documents


@pytest.fixture(scope="session")
def track(collection):
    """A track with steps on more than one plan page and two steps on one page in a row."""
    found = next(t for t in collection.tracks if len({s.target.plan.id for s in t.steps}) > 1)
    assert len(found.steps) >= 4
    return found


def step_url(track, k: int, root: str) -> str:
    step = track.steps[k - 1]
    return f"{root}plans/{step.target.plan.id}.html?path={track.id}&step={k}#{step.target.node.id}"


def bar(page):
    return page.locator("article nav.wp-path")


def settled(page):
    """The page has loaded and path.js has had its data (data/index.js) and run."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(100)


# ---------------------------------------------------------------- the pages as built

def test_step_links_are_the_published_deep_links_with_the_path_in_front(site, track):
    html = (site / "tracks" / f"{track.id}.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="wp-step-link" href="([^"]+)"', html)
    assert len(links) == len(track.steps)
    published = set(anchors.published())
    for k, (link, step) in enumerate(zip(links, track.steps), start=1):
        plan, anchor = step.target.plan.id, step.target.node.id
        assert link == f"../plans/{plan}.html?path={track.id}&amp;step={k}#{anchor}"
        assert f"plans/{plan}#{anchor}" in published  # without the query: a trainer's old link


def test_track_page_shows_what_each_step_asks(site, collection):
    for tr in collection.tracks:
        html = (site / "tracks" / f"{tr.id}.html").read_text(encoding="utf-8")
        steps = re.findall(r'<li id="step-(\d+)" class="wp-step".*?</li>', html, re.S)
        assert len(steps) == len(tr.steps)
        items = re.findall(r'(<li id="step-\d+" class="wp-step".*?</li>)', html, re.S)
        total_minutes = 0
        for item, step in zip(items, tr.steps):
            node = step.target.node
            measures = sum(1 for _ in (node.items() if isinstance(node, Section) else node.walk()))
            minutes = step.minutes
            total_minutes += minutes
            assert f"{step.target.plan.role} · {step.target.heading}" in item
            assert step.target.plan.page_title in item
            assert f"阅读约 {minutes} 分钟" in item
            assert (f"{measures} 项措施" in item) == bool(measures)
            assert f'data-key="{step.target.plan.id}#{node.id}"' in item
        assert f"共 {len(tr.steps)} 步 · 阅读约 {total_minutes} 分钟" in html
        assert f"每分钟 {CHARS_PER_MINUTE} 字" in html


def _section(text: str) -> Section:
    return Section(id="s", title="标题", paragraphs=(Paragraph(Text((text,))),),
                   measures=Measures((Item(id="m", text=Text(("做一件事",))),)))


@pytest.mark.parametrize("body,minutes", [("字" * (CHARS_PER_MINUTE - 6), 1),
                                          ("字" * (CHARS_PER_MINUTE - 5), 2),
                                          ("字 " * (CHARS_PER_MINUTE - 6) + "\n\n", 1),
                                          ("字" * (3 * CHARS_PER_MINUTE), 4)])
def test_reading_time_counts_characters_at_250_a_minute(collection, body, minutes):
    """Heading 标题 (2) + measure 做一件事 (4) + the paragraph; whitespace does not count."""
    plan = collection.plans[0]
    step = TrackStep(Place(plan, _section(body)), "说明")
    assert step.characters == 6 + len("".join(body.split()))
    assert step.minutes == minutes
    assert step.measures == 1


def test_home_page_has_a_progress_slot_per_track(site, collection):
    html = (site / "index.html").read_text(encoding="utf-8")
    for tr in collection.tracks:
        assert f'<span class="wp-track-started" data-track="{tr.id}" hidden></span>' in html


def test_path_bar_markup_only_on_plan_pages(site, collection):
    for plan in collection.plans:
        assert html_count(site / "plans" / f"{plan.id}.html", '<template id="wp-path-bar">') == 1
    for other in ("index.html", f"tracks/{collection.tracks[0].id}.html", "404.html"):
        assert html_count(site / other, "wp-path-bar") == 0
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if "返回路径" in d["text"]]


def html_count(path: Path, needle: str) -> int:
    return path.read_text(encoding="utf-8").count(needle)


# ---------------------------------------------------------------- bad data stops the build

def test_duplicate_and_missing_steps_stop_the_build_with_file_and_field(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "tracks" / "new-teller-first-week.yml"

    def breakage(data):
        data["steps"][1]["ref"] = "teller#no-such-section"
        data["steps"][4]["ref"] = data["steps"][0]["ref"]            # the same place again
    edit_yaml(path, breakage)
    result = build(project, tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "data/tracks/new-teller-first-week.yml: steps[1].ref" in log and "no-such-section" in log, log
    assert "data/tracks/new-teller-first-week.yml: steps[4].ref" in log and "steps[0]" in log, log
    assert "duplicate step" in log


def test_a_step_under_an_old_id_is_the_same_place_twice(tmp_path):
    """A renamed section keeps its old id in aliases: a track naming it by both ids repeats a step."""
    project = copy_project(tmp_path / "project")
    edit_plan(project, "teller", _rename_goals)
    path = project / "data" / "tracks" / "new-teller-first-week.yml"
    edit_yaml(path, lambda d: d["steps"].append({"ref": "teller#goals-renamed", "note": "再读一遍"}))
    with pytest.raises(Exception) as err:
        load_collection(project / "data")
    assert f"steps[{9}].ref" in str(err.value) and "steps[0]" in str(err.value)


def _rename_goals(data):
    data["goals"]["id"] = "goals-renamed"
    data["goals"]["aliases"] = ["goals"]


# ---------------------------------------------------------------- a renamed section, a public address

@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """The project with teller#goals renamed (old id kept in aliases, the track file unchanged),
    built with a public base address."""
    root = tmp_path_factory.mktemp("edited")
    project = copy_project(root / "project")
    edit_plan(project, "teller", _rename_goals)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WP_SITE_URL", "https://intranet.example/work-plans")
        result = build(project, root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    url, server = serve(root / "site")
    yield root / "site", url
    server.shutdown()
    server.server_close()


def test_addresses_are_absolute_with_a_public_base_address(edited, site, collection):
    tr = collection.track("new-teller-first-week")
    html = (edited[0] / "tracks" / f"{tr.id}.html").read_text(encoding="utf-8")
    assert "本路径地址:<span class=\"wp-address\">https://intranet.example/work-plans/tracks/new-teller-first-week.html</span>" in html
    assert "https://intranet.example/work-plans/plans/teller.html#goals-renamed" in html
    plain = (site / "tracks" / f"{tr.id}.html").read_text(encoding="utf-8")
    assert f'本路径地址(网站目录下):<span class="wp-address">tracks/{tr.id}.html</span>' in plain
    for step in tr.steps:
        assert f'<span class="wp-address">plans/{step.target.plan.id}.html#{step.target.node.id}</span>' in plain
    assert "https://" not in "".join(re.findall(r'<span class="wp-address">[^<]*', plain))


@pytest.mark.browser
def test_progress_saved_under_an_old_id_survives_the_rename(edited, new_page):
    site, url = edited
    pg = new_page()
    pg.goto(url + "tracks/new-teller-first-week.html")
    first = pg.locator("li#step-1")
    assert first.get_attribute("data-key") == "teller#goals-renamed"
    assert first.get_attribute("data-old-keys") == "teller#goals"
    pg.evaluate(f"localStorage.setItem('{KEY}new-teller-first-week', JSON.stringify({{done: {{'teller#goals': true}}}}))")
    pg.reload()
    expect(pg.locator("#wp-step-done-1")).to_be_checked()
    expect(pg.locator(".wp-track-head .wp-progress-text")).to_have_text("已完成 1/9")
    # the next save writes the new id
    pg.locator("#wp-step-done-2").check()
    saved = saved_groups(pg, "track:new-teller-first-week")
    assert set(saved["done"]) == {"teller#goals-renamed", "compliance-officer#culture-training-onboarding"}
    # and the path bar on the renamed section finds its step
    pg.goto(url + "plans/teller.html?path=new-teller-first-week&step=1#goals-renamed")
    expect(pg.locator("nav.wp-path .wp-path-count")).to_have_text("第 1 / 9 步")


# ---------------------------------------------------------------- the path bar

def _follow(page, track, root):
    """From the track page through every step with 下一步, then back with 上一步."""
    n = len(track.steps)
    page.goto(root + f"tracks/{track.id}.html")
    page.locator("li#step-1 a.wp-step-link").click()
    for k in range(1, n + 1):
        step = track.steps[k - 1]
        page.wait_for_url(f"**/plans/{step.target.plan.id}.html?path={track.id}&step={k}#{step.target.node.id}")
        b = bar(page)
        expect(b).to_have_count(1)
        expect(b.locator(".wp-path-track")).to_have_text(track.title)
        expect(b.locator(".wp-path-count")).to_have_text(re.compile(rf"^第 {k} / {n} 步"))
        expect(b.locator(".wp-path-note")).to_have_text(step.note)
        assert b.evaluate("e => getComputedStyle(e).borderLeftStyle") == "solid"  # assets/path.css applies
        # at its place: right after the section's heading (and the heading's own toolbar), or
        # inside the measure
        where = b.evaluate("""b => { const li = b.parentElement.closest('li[id]'); if (li) return li.id;
            let e = b.previousElementSibling;
            while (e && !/^H[1-6]$/.test(e.tagName)) e = e.previousElementSibling; return e && e.id; }""")
        assert where == step.target.node.id
        expect(b).to_be_in_viewport()
        expect(b.locator(".wp-path-prev")).to_have_count(0 if k == 1 else 1)
        expect(b.locator(".wp-path-next")).to_have_count(0 if k == n else 1)
        if k < n:
            b.locator(".wp-path-next").click()
    for k in range(n, 1, -1):
        bar(page).locator(".wp-path-prev").click()
        step = track.steps[k - 2]
        page.wait_for_url(f"**/plans/{step.target.plan.id}.html?path={track.id}&step={k - 1}#{step.target.node.id}")
        expect(bar(page).locator(".wp-path-count")).to_have_text(re.compile(rf"^第 {k - 1} / {n} 步"))
    bar(page).get_by_role("link", name="返回路径").click()
    page.wait_for_url(f"**/tracks/{track.id}.html#step-1")


@pytest.mark.browser
def test_follow_a_whole_track_with_next_and_back_with_previous(page, base_url, track):
    _follow(page, track, base_url)


@pytest.mark.browser
def test_follow_a_whole_track_from_disk(page, site, track):
    _follow(page, track, site.as_uri() + "/")
    assert page.url.startswith("file://")


@pytest.mark.browser
def test_without_the_path_the_page_shows_no_bar(page, base_url, track):
    step = track.steps[0]
    page.goto(base_url + f"plans/{step.target.plan.id}.html#{step.target.node.id}")
    settled(page)
    expect(page.locator(f"[id='{step.target.node.id}']")).to_be_visible()
    expect(bar(page)).to_have_count(0)
    fetched = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert not [u for u in fetched if re.search(r"/path\.(js|css)$", u)], fetched  # nor its modules


BAD = [
    ("unknown track", "path=no-such-track&step=1"),
    ("step 0", "path={track}&step=0"),
    ("step past the end", "path={track}&step=99"),
    ("step not a number", "path={track}&step=abc"),
    ("negative step", "path={track}&step=-1"),
    ("no step", "path={track}"),
    ("no track", "step=1"),
    ("markup in the track", "path=%3Cimg%20src%3Dx%3E&step=1"),
    ("a step of another page", "path={track}&step={other}"),
]


@pytest.mark.browser
@pytest.mark.parametrize("name,query", BAD, ids=[b[0] for b in BAD])
def test_bad_path_parameters_show_the_page_without_a_bar(page, base_url, track, name, query):
    """The page fixture fails the test on any console error or page exception."""
    step = track.steps[0]
    other = next(k for k, s in enumerate(track.steps, 1) if s.target.plan.id != step.target.plan.id)
    q = query.format(track=track.id, other=other)
    page.goto(base_url + f"plans/{step.target.plan.id}.html?{q}#not-a-step-anchor")
    settled(page)
    expect(page.locator("article h1")).to_be_visible()
    expect(page.locator("input.wp-check").first).to_be_visible()  # the worksheet still runs
    expect(bar(page)).to_have_count(0)


@pytest.mark.browser
def test_a_step_whose_id_another_plan_also_has_shows_no_bar_there(page, base_url, collection):
    """Ids are unique within a plan only: step k's id on the wrong plan page is not step k."""
    cases = [(tr, k, step, other) for tr in collection.tracks for k, step in enumerate(tr.steps, 1)
             for other in collection.plans if other.id != step.target.plan.id
             and any(n.id == step.target.node.id for n in [*other.sections(), *other.items()])]
    assert cases, "the data no longer has an id shared by two plans: make one in a test copy"
    tr, k, step, other = cases[0]
    page.goto(base_url + f"plans/{other.id}.html?path={tr.id}&step={k}#{step.target.node.id}")
    settled(page)
    expect(page.locator(f"article [id='{step.target.node.id}']")).to_have_count(1)
    expect(bar(page)).to_have_count(0)
    page.goto(step_url(tr, k, base_url))
    expect(bar(page)).to_have_count(1)


@pytest.mark.browser
def test_a_moved_step_is_found_by_its_section(page, base_url, track):
    """An old link whose step number now names another page still shows the step its section is."""
    k = len(track.steps)
    step = track.steps[k - 1]
    wrong = next(j for j, s in enumerate(track.steps, 1) if s.target.plan.id != step.target.plan.id)
    page.goto(base_url + f"plans/{step.target.plan.id}.html?path={track.id}&step={wrong}#{step.target.node.id}")
    expect(bar(page).locator(".wp-path-count")).to_have_text(re.compile(rf"^第 {k} / {k} 步"))


# ---------------------------------------------------------------- progress

@pytest.mark.browser
def test_mark_steps_done_reload_and_see_progress_on_track_and_home(page, base_url, track):
    n = len(track.steps)
    page.goto(step_url(track, 2, base_url))
    bar(page).get_by_label("已完成").check()
    page.goto(step_url(track, 4, base_url))
    bar(page).get_by_label("已完成").check()
    page.reload()
    expect(bar(page).get_by_label("已完成")).to_be_checked()

    page.goto(base_url + f"tracks/{track.id}.html")
    expect(page.locator(".wp-track-head .wp-progress-text")).to_have_text(f"已完成 2/{n}")
    for k in range(1, n + 1):
        box = page.locator(f"#wp-step-done-{k}")
        (expect(box).to_be_checked if k in (2, 4) else expect(box).not_to_be_checked)()
    # saved by the stable key of each place, not by position
    saved = saved_groups(page, f"track:{track.id}")
    assert set(saved["done"]) == {track.steps[1].key, track.steps[3].key}
    # ticked on the track page, seen on the step's page
    page.get_by_label("第 1 步已完成").check()
    page.reload()
    expect(page.locator(".wp-track-head .wp-progress-text")).to_have_text(f"已完成 3/{n}")
    page.goto(step_url(track, 1, base_url))
    expect(bar(page).get_by_label("已完成")).to_be_checked()

    page.goto(base_url + "index.html")
    started = page.locator(f".wp-track-started[data-track='{track.id}']")
    expect(started).to_be_visible()
    expect(started).to_have_text(f"已完成 3/{n}")
    for other in page.locator(".wp-track-started").all():
        if other.get_attribute("data-track") != track.id:
            expect(other).to_be_hidden()  # not started

    # reset at once, no question; 撤销 puts it back, a second reset clears again
    page.goto(base_url + f"tracks/{track.id}.html")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.get_by_role("button", name="重置进度").click()
    expect(page.locator(".wp-track-head .wp-progress-text")).to_have_text(f"已完成 0/{n}")
    expect(page.locator(".wp-undo")).to_contain_text(track.title)
    page.get_by_role("button", name="撤销").click()
    expect(page.locator(".wp-track-head .wp-progress-text")).to_have_text(f"已完成 3/{n}")
    page.get_by_role("button", name="重置进度").click()
    expect(page.locator(".wp-track-head .wp-progress-text")).to_have_text(f"已完成 0/{n}")
    assert dialogs == []
    page.reload()
    expect(page.locator(".wp-track-head .wp-progress-text")).to_have_text(f"已完成 0/{n}")
    page.goto(base_url + "index.html")
    settled(page)
    expect(started).to_be_hidden()


@pytest.mark.browser
def test_progress_from_disk_survives_reload(page, site, track):
    root = site.as_uri() + "/"
    page.goto(step_url(track, 3, root))
    bar(page).get_by_label("已完成").check()
    page.goto(root + f"tracks/{track.id}.html")
    expect(page.locator("#wp-step-done-3")).to_be_checked()
    expect(page.locator(".wp-track-head .wp-progress-text")).to_have_text(f"已完成 1/{len(track.steps)}")


BLOCKED = """Object.defineProperty(window, 'localStorage', {configurable: true, get() {
  throw new DOMException('Access is denied for this document.', 'SecurityError'); }});"""

FULL = "Storage.prototype.setItem = () => { throw new DOMException('quota', 'QuotaExceededError'); };"


@pytest.mark.browser
def test_blocked_full_or_damaged_storage_is_said_in_chinese_and_loses_nothing(new_page, base_url, track):
    pg = new_page()
    pg.add_init_script(BLOCKED)
    pg.goto(base_url + f"tracks/{track.id}.html")
    pg.get_by_label("第 1 步已完成").check()
    expect(pg.locator(".wp-track-head .wp-warning")).to_contain_text("浏览器已禁用本地存储")
    expect(pg.locator(".wp-track-head .wp-progress-text")).to_have_text(f"已完成 1/{len(track.steps)}")
    pg.goto(step_url(track, 2, base_url))
    expect(bar(pg).locator(".wp-warning")).to_contain_text("学习进度无法保存")

    full = new_page()
    full.add_init_script(FULL)
    full.goto(base_url + f"tracks/{track.id}.html")
    expect(full.locator(".wp-track-head .wp-warning")).to_be_hidden()  # reading works
    full.get_by_label("第 2 步已完成").check()
    expect(full.locator(".wp-track-head .wp-warning")).to_contain_text("存储空间已满")
    expect(full.locator("#wp-step-done-2")).to_be_checked()

    pg2 = new_page()
    pg2.goto(base_url + f"tracks/{track.id}.html")
    pg2.evaluate(f"localStorage.setItem('{KEY}{track.id}', '{{not json')")
    pg2.reload()
    expect(pg2.locator(".wp-track-head .wp-warning")).to_contain_text("已损坏")
    assert pg2.evaluate(f"localStorage.getItem('{KEY}{track.id}')") == "{not json"  # kept until a new mark


# ---------------------------------------------------------------- print: the trainer's handout

@pytest.mark.browser
def test_printed_track_page_is_an_a4_handout(page, base_url, track, tmp_path):
    page.goto(base_url + f"tracks/{track.id}.html")
    page.get_by_label("第 1 步已完成").check()
    page.emulate_media(media="print")
    pdf = tmp_path / "handout.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(width), round(height)) == (595, 842), info  # A4
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    for part in (track.title, track.audience, track.summary, f"tracks/{track.id}.html"):
        assert re.sub(r"\s+", "", part) in flat, part
    for k, step in enumerate(track.steps, 1):
        for part in (step.note, step.target.heading, f"plans/{step.target.plan.id}.html#{step.target.node.id}"):
            assert re.sub(r"\s+", "", part) in flat, (k, part)
        assert re.search(rf"(^|\n)\s*{k}\.", text), f"step number {k} not printed"
    for screen_only in ("重置进度", "已完成", "搜索"):
        assert screen_only not in text


# ---------------------------------------------------------------- quality gates with the bar shown

@pytest.fixture(scope="module")
def axe_js():
    from test_quality import AXE_JS, SETUP_HINT
    assert AXE_JS.is_file(), SETUP_HINT
    return AXE_JS.read_text(encoding="utf-8")


def bar_pages(collection):
    """(track, k): one step on each plan page that any track leads to, and one step at a measure
    (the bar sits inside its list item) when a track has one."""
    chosen, seen = [], set()
    for tr in collection.tracks:
        for k, step in enumerate(tr.steps, 1):
            kind = (step.target.plan.id, step.target.is_item)
            if step.target.plan.id not in {p for p, _ in seen} or (step.target.is_item and kind not in seen):
                chosen.append((tr, k))
            seen.add(kind)
    return chosen


@pytest.mark.browser
@pytest.mark.parametrize("color", ["light", "dark"])
def test_axe_with_the_bar_and_progress_shown(new_page, base_url, track, collection, axe_js, color):
    from test_quality import axe
    found = []
    for viewport in ({"width": 1400, "height": 1000}, {"width": 390, "height": 844}):
        pg = new_page(viewport=viewport, color_scheme=color)
        # every page a bar shows on at desktop width; the phone layout is the same markup
        for tr, k in bar_pages(collection) if viewport["width"] > 1000 else [(track, 2)]:
            pg.goto(step_url(tr, k, base_url))
            bar(pg).get_by_label("已完成").check()
            found += axe(pg, axe_js, f"bar {tr.id} {k} {viewport['width']} {color}")
        pg.goto(step_url(track, 2, base_url))
        bar(pg).get_by_label("已完成").check()
        pg.goto(base_url + f"tracks/{track.id}.html")
        expect(pg.locator("#wp-step-done-2")).to_be_checked()
        found += axe(pg, axe_js, f"track {viewport['width']} {color}")
        pg.goto(base_url + "index.html")
        expect(pg.locator(f".wp-track-started[data-track='{track.id}']")).to_be_visible()
        found += axe(pg, axe_js, f"home {viewport['width']} {color}")
    assert found == [], "\n".join(found)


@pytest.mark.browser
def test_nu_html_checker_on_pages_with_the_bar_shown(page, base_url, collection, tmp_path):
    from test_quality import nu_errors
    pages = bar_pages(collection)
    led_to = {s.target.plan.id for tr in collection.tracks for s in tr.steps}
    assert {tr.steps[k - 1].target.plan.id for tr, k in pages} == led_to
    assert any(tr.steps[k - 1].target.is_item for tr, k in pages) == any(
        s.target.is_item for tr in collection.tracks for s in tr.steps)
    for tr, k in bar_pages(collection):
        page.goto(step_url(tr, k, base_url))
        expect(bar(page)).to_have_count(1)
        bar(page).get_by_label("已完成").check()
        dom = page.evaluate("'<!DOCTYPE html>\\n' + document.documentElement.outerHTML")
        (tmp_path / f"{tr.id}-{k}.html").write_text(dom, encoding="utf-8")
    for tr in collection.tracks:
        page.goto(base_url + f"tracks/{tr.id}.html")
        dom = page.evaluate("'<!DOCTYPE html>\\n' + document.documentElement.outerHTML")
        (tmp_path / f"{tr.id}.html").write_text(dom, encoding="utf-8")
    page.goto(base_url + "index.html")
    (tmp_path / "index.html").write_text(page.evaluate("'<!DOCTYPE html>\\n' + document.documentElement.outerHTML"), encoding="utf-8")
    errors = nu_errors(tmp_path)
    assert errors == "", errors
