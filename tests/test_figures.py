"""目标值 / 实际值 in Chromium: a number field's panel on a plan page (entries added, removed with
撤销, kept after reload; 完成率 = latest 实际值 ÷ 目标值; a chart with a point per entry and a text
equivalent; text refused with nothing saved), the same figures for a target picked into 我的计划
(the whole goals section and a single target), another tab's entry shown, blocked storage working
for the visit, the keyboard, and the modules fetched only when needed."""
from __future__ import annotations

import re

import pytest
from docx import Document
from playwright.sync_api import expect

from support import PREFIX, live_values, saved_mine, storage_items

pytestmark = pytest.mark.browser

PLAN = "relationship-manager"
FIELD = "deposit-growth"          # 新增日均存款 [[deposit-growth]] 万元, in target kpi-deposits
PANEL = f"#wp-fig-{PLAN}--{FIELD}"
CONTEXT = dict(permissions=["clipboard-read", "clipboard-write"], accept_downloads=True)
BLOCKED = """Object.defineProperty(window, 'localStorage', {configurable: true, get() {
  throw new DOMException('Access is denied for this document.', 'SecurityError'); }});"""


def actuals(page) -> dict:
    raw = storage_items(page).get(PREFIX + PLAN)
    values = live_values(raw) if raw else {}
    return {p[len("actual/"):]: v for p, v in values.items() if p.startswith("actual/")}


def open_panel(page, field=FIELD):
    toggle = page.locator(f".wp-fig-toggle[data-field='{field}']")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    panel = page.locator(f"#wp-fig-{PLAN}--{field}")
    expect(panel).to_be_visible()
    return panel


def add(panel, day, value):
    panel.locator("[data-fig=day]").fill(day)
    panel.locator("[data-fig=value]").fill(value)
    panel.locator("[data-fig=add]").click()


def rows(panel):
    return [r.split("\t")[:2] for r in panel.locator("tbody tr").all_inner_texts()]


def plan_page(new_page, base_url, **options):
    page = new_page(**{**CONTEXT, **options})
    page.goto(base_url + f"plans/{PLAN}.html")
    page.locator(f"input.wp-input[data-field='{FIELD}']").fill("500")
    return page


def test_entries_survive_reload_and_completion_is_the_latest_over_the_target(new_page, base_url):
    page = plan_page(new_page, base_url)
    panel = open_panel(page)
    expect(panel.locator("[data-fig=target]")).to_have_value("500")  # the same value as the blank
    add(panel, "2026-09-30", "400")   # the older entry is the larger: a sum (144%) or the
    add(panel, "2026-10-31", "320")   # largest (80%) would not give 64%
    expect(panel.locator(".wp-fig-rate")).to_contain_text("完成率 64%")
    assert actuals(page) == {f"{FIELD}/2026-09-30": 400, f"{FIELD}/2026-10-31": 320}

    page.reload()
    summary = page.locator(f".wp-fig-toggle[data-field='{FIELD}'] + .wp-fig-sum")
    expect(summary).to_have_text("完成率 64%")
    panel = open_panel(page)
    assert rows(panel) == [["2026-10-31", "320万元"], ["2026-09-30", "400万元"]]

    panel.locator("tr[data-day='2026-10-31'] [data-fig=remove]").click()
    expect(panel.locator(".wp-fig-rate")).to_contain_text("完成率 80%")   # 400 is now the latest
    assert actuals(page) == {f"{FIELD}/2026-09-30": 400}
    expect(page.locator(".wp-undo")).to_contain_text("2026-10-31")
    page.locator(".wp-undo").get_by_role("button", name="撤销").click()
    expect(panel.locator(".wp-fig-rate")).to_contain_text("完成率 64%")
    panel.locator("tr[data-day='2026-09-30'] [data-fig=remove]").click()
    page.reload()
    assert actuals(page) == {f"{FIELD}/2026-10-31": 320}
    assert rows(open_panel(page)) == [["2026-10-31", "320万元"]]


def test_the_chart_has_a_point_per_entry_and_says_the_figures_in_words(new_page, base_url):
    page = plan_page(new_page, base_url)
    panel = open_panel(page)
    for day, value in [("2026-09-30", "400"), ("2026-10-31", "320"), ("2026-11-30", "450")]:
        add(panel, day, value)
    chart = panel.locator("svg.wp-chart")
    expect(chart.locator("circle.wp-chart-point")).to_have_count(3)
    assert chart.get_attribute("role") == "img"
    words = chart.get_attribute("aria-label")
    for part in ["新增日均存款", "2026-09-30 400万元", "2026-10-31 320万元", "2026-11-30 450万元", "目标值 500万元"]:
        assert part in words, words
    # later days further right, larger figures higher up
    points = chart.locator("circle.wp-chart-point").evaluate_all(
        "ps => ps.map(p => [p.dataset.day, +p.getAttribute('cx'), +p.getAttribute('cy')])")
    assert [p[0] for p in points] == ["2026-09-30", "2026-10-31", "2026-11-30"]
    assert points[0][1] < points[1][1] < points[2][1]
    assert points[1][2] > points[0][2] > points[2][2]
    expect(panel.locator("table.wp-fig-list caption")).to_have_text("实际值")
    expect(panel.locator(".wp-fig-rate")).to_contain_text("完成率 90%")


@pytest.mark.parametrize("typed", ["12万", "abc"])
def test_text_in_a_number_box_is_refused_and_nothing_changes(new_page, base_url, typed):
    page = plan_page(new_page, base_url)
    panel = open_panel(page)
    add(panel, "2026-10-31", "320")
    before = storage_items(page)[PREFIX + PLAN]

    add(panel, "2026-11-30", typed)
    error = panel.locator(".wp-fig-error")
    expect(error).to_have_text(re.compile(f"“{typed}”不是数字"))
    expect(panel.locator("[data-fig=value]")).to_have_value(typed)   # what was typed stays
    expect(panel.locator("[data-fig=value]")).to_be_focused()
    panel.locator("[data-fig=target]").fill(typed)
    expect(error).to_have_text(re.compile(f"“{typed}”不是数字"))
    expect(page.locator(f"input.wp-input[data-field='{FIELD}']")).to_have_value("500")
    assert storage_items(page)[PREFIX + PLAN] == before            # byte for byte

    # a 目标值 that is not a number, typed in the page's blank: no 完成率, and why
    page.locator(f"input.wp-input[data-field='{FIELD}']").fill(typed)
    expect(panel.locator(".wp-fig-percent")).to_have_text("—")
    expect(panel.locator(".wp-fig-note")).to_contain_text(f"目标值“{typed}”不是数字")


def test_keyboard_opens_adds_removes_and_closes_without_losing_focus(new_page, base_url):
    page = plan_page(new_page, base_url)
    toggle = page.locator(f".wp-fig-toggle[data-field='{FIELD}']")
    toggle.focus()
    page.keyboard.press("Enter")
    panel = page.locator(PANEL)
    expect(panel).to_be_visible()
    expect(toggle).to_be_focused()
    panel.locator("[data-fig=day]").fill("2026-10-31")
    value = panel.locator("[data-fig=value]")
    value.fill("320")
    value.press("Enter")
    expect(panel.locator("tbody tr")).to_have_count(1)
    expect(value).to_be_focused()
    panel.locator("[data-fig=remove]").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".wp-undo [data-undo]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(panel.locator("tbody tr")).to_have_count(1)
    assert page.evaluate("document.activeElement !== document.body")
    value.focus()
    page.keyboard.press("Escape")
    expect(panel).to_have_count(0)
    expect(toggle).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "false")


def test_modules_come_only_when_needed_and_a_first_press_is_kept(new_page, base_url):
    page = new_page(**CONTEXT)
    fetched = []
    page.context.on("request", lambda r: fetched.append(r.url.rsplit("/", 1)[-1]))
    page.goto(base_url + f"plans/{PLAN}.html", wait_until="networkidle")
    assert not {"figures.js", "chart.js", "tracking.js"} & set(fetched), fetched
    # pressed with no pointer or focus first: the press waits for the module, then opens the panel
    page.evaluate("f => document.querySelector(`.wp-fig-toggle[data-field='${f}']`).click()", FIELD)
    expect(page.locator(PANEL)).to_be_visible()
    assert {"figures.js", "chart.js", "tracking.js"} <= set(fetched), fetched
    add(page.locator(PANEL), "2026-10-31", "320")

    fetched.clear()
    other = page.context.new_page()
    other.goto(base_url + f"plans/{PLAN}.html")    # the record holds 实际值: fetched at once
    expect(other.locator(f".wp-fig-toggle[data-field='{FIELD}'] + .wp-fig-sum")).to_have_text("完成率 —")
    assert "figures.js" in fetched


def test_another_tab_adding_an_entry_updates_the_panel(new_page, base_url):
    page = plan_page(new_page, base_url)
    panel = open_panel(page)
    other = page.context.new_page()
    other.goto(base_url + f"plans/{PLAN}.html")
    add(open_panel(other), "2026-10-31", "320")
    expect(panel.locator("tbody tr")).to_have_count(1)
    expect(panel.locator(".wp-fig-rate")).to_contain_text("完成率 64%")
    expect(page.locator(f".wp-fig-toggle[data-field='{FIELD}'] + .wp-fig-sum")).to_have_text("完成率 64%")


def mine_entry(page, target_id):
    return page.locator(f".wp-entry[data-key='i:{target_id}']")


@pytest.mark.parametrize("how", ["section", "one"])
def test_a_picked_target_shows_the_same_figures_in_mine(new_page, base_url, collection, tmp_path, how):
    plan = collection.plan(PLAN)
    goals = plan.goals
    page = plan_page(new_page, base_url)
    add(open_panel(page), "2026-09-30", "400")
    if how == "section":
        button = page.locator(f"[data-section='{goals.id}'] .wp-pick")
        button.click()
        expect(button).to_have_text("移出我的计划")
        want = [t.id for t in goals.targets]
    else:
        button = page.locator(f"li[id='kpi-deposits'] > .wp-pick--item")
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")
        want = ["kpi-deposits"]
    assert [it["id"] for it in saved_mine(page)["parts"][0]["items"]] == want

    page.goto(base_url + "mine.html")
    entry = mine_entry(page, "kpi-deposits")
    expect(entry).to_contain_text("存款增量")
    expect(entry.locator("input.wp-check")).to_have_count(0)           # a target: nothing to tick
    expect(page.locator(".wp-tools--mine .wp-progress-text")).to_have_text("已完成 0/0")
    expect(entry.locator(f"input.wp-input[data-field='{FIELD}']")).to_have_value("500")
    expect(entry.locator(".wp-fig-sum")).to_have_text("完成率 80%")   # entered on the plan page
    entry.locator(".wp-fig-toggle").click()
    panel = page.locator(PANEL)
    assert rows(panel) == [["2026-09-30", "400万元"]]
    add(panel, "2026-10-31", "320")
    expect(panel.locator(".wp-fig-rate")).to_contain_text("完成率 64%")
    expect(panel.locator("[data-fig=value]")).to_be_focused()
    page.keyboard.press("Escape")                                       # closed, the keyboard on its control
    expect(panel).to_have_count(0)
    expect(entry.locator(".wp-fig-toggle")).to_be_focused()

    page.locator(".wp-tools--mine").get_by_role("button", name="复制为 Markdown").click()
    expect(page.locator(".wp-toast")).to_contain_text("已复制")
    text = page.evaluate("navigator.clipboard.readText()")
    assert "存款增量" in text and "完成率 64%" in text, text

    with page.expect_download() as info:
        page.locator(".wp-tools--mine").get_by_role("button", name="下载 Word").click()
    info.value.save_as(tmp_path / "mine.docx")
    words = "\n".join(p.text for p in Document(tmp_path / "mine.docx").paragraphs)
    assert "存款增量" in words and "完成率 64%" in words, words

    page.goto(base_url + f"plans/{PLAN}.html")
    expect(page.locator(f".wp-fig-toggle[data-field='{FIELD}'] + .wp-fig-sum")).to_have_text("完成率 64%")
    assert rows(open_panel(page)) == [["2026-10-31", "320万元"], ["2026-09-30", "400万元"]]


def test_a_plan_page_entry_reaches_an_open_mine_tab(new_page, base_url):
    page = plan_page(new_page, base_url)
    page.locator("li[id='kpi-deposits'] > .wp-pick--item").click()
    mine = page.context.new_page()
    mine.goto(base_url + "mine.html")
    mine_entry(mine, "kpi-deposits").locator(".wp-fig-toggle").click()
    expect(mine.locator(PANEL)).to_be_visible()
    add(open_panel(page), "2026-10-31", "320")
    expect(mine.locator(PANEL + " tbody tr")).to_have_count(1)
    expect(mine_entry(mine, "kpi-deposits").locator(".wp-fig-sum")).to_have_text("完成率 64%")
    # the 目标值 changed in 我的计划's blank: its panel there and the plan page follow
    mine_entry(mine, "kpi-deposits").locator(f"input.wp-input[data-field='{FIELD}']").fill("640")
    expect(mine.locator(PANEL + " .wp-fig-percent")).to_have_text("50%")
    expect(mine.locator(PANEL + " [data-fig=target]")).to_have_value("640")
    expect(page.locator(PANEL + " .wp-fig-percent")).to_have_text("50%")
    expect(page.locator(f"input.wp-input[data-field='{FIELD}']")).to_have_value("640")


def test_blocked_storage_keeps_the_figures_for_the_visit(new_page, base_url):
    page = new_page(**CONTEXT)
    page.add_init_script(BLOCKED)
    page.goto(base_url + f"plans/{PLAN}.html")
    page.locator(f"input.wp-input[data-field='{FIELD}']").fill("500")
    panel = open_panel(page)
    add(panel, "2026-09-30", "400")
    expect(panel.locator(".wp-fig-error")).to_contain_text("只在本次访问中有效")
    add(panel, "2026-10-31", "320")
    expect(panel.locator("tbody tr")).to_have_count(2)
    expect(panel.locator("circle.wp-chart-point")).to_have_count(2)
    expect(panel.locator(".wp-fig-rate")).to_contain_text("完成率 64%")
    panel.locator("tr[data-day='2026-09-30'] [data-fig=remove]").click()
    expect(panel.locator("tbody tr")).to_have_count(1)
    page.locator(".wp-undo").get_by_role("button", name="撤销").click()
    expect(panel.locator("tbody tr")).to_have_count(2)


def test_from_a_folder(new_page, site):
    """Opened as files (file://): the modules come by script tag; 我的计划 shows the same figures."""
    page = new_page(**CONTEXT)
    disk = site.as_uri() + "/"
    page.goto(disk + f"plans/{PLAN}.html")
    page.locator(f"input.wp-input[data-field='{FIELD}']").fill("500")
    page.locator("li[id='kpi-deposits'] > .wp-pick--item").click()
    add(open_panel(page), "2026-10-31", "320")
    expect(page.locator(PANEL + " circle.wp-chart-point")).to_have_count(1)
    page.goto(disk + "mine.html")
    expect(mine_entry(page, "kpi-deposits").locator(".wp-fig-sum")).to_have_text("完成率 64%")


@pytest.mark.parametrize("width, scheme", [(1280, "light"), (390, "dark")])
def test_the_panel_fits_the_screen_in_both_schemes(new_page, base_url, tmp_path, width, scheme):
    page = plan_page(new_page, base_url, viewport={"width": width, "height": 900}, color_scheme=scheme)
    if scheme == "dark":
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    panel = open_panel(page)
    for day, value in [("2026-09-30", "400"), ("2026-10-31", "320"), ("2026-11-30", "450")]:
        add(panel, day, value)
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    colours = panel.locator("circle.wp-chart-point").first.evaluate(
        "c => [getComputedStyle(c).fill, getComputedStyle(document.body).backgroundColor]")
    assert colours[0] != colours[1], colours
    panel.scroll_into_view_if_needed()
    panel.screenshot(path=str(tmp_path / f"figures-{width}-{scheme}.png"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_with_an_open_panel_on_both_pages(new_page, base_url, axe_source, scheme):
    """Open panels with entries, a refused figure's message and the chart, on the plan page and in
    我的计划, at phone width in the dark scheme and at desktop width in the light one."""
    from test_quality import axe
    size = {"width": 390, "height": 844} if scheme == "dark" else {"width": 1280, "height": 900}
    page = plan_page(new_page, base_url, color_scheme=scheme, viewport=size)
    page.locator("li[id='kpi-deposits'] > .wp-pick--item").click()
    panel = open_panel(page)
    for day, value in [("2026-09-30", "400"), ("2026-10-31", "320"), ("2026-11-30", "abc")]:
        add(panel, day, value)
    expect(panel.locator(".wp-fig-error")).to_be_visible()
    problems = axe(page, axe_source, f"{PLAN} ({scheme})")
    page.goto(base_url + "mine.html")
    mine_entry(page, "kpi-deposits").locator(".wp-fig-toggle").click()
    expect(page.locator(PANEL + " circle.wp-chart-point")).to_have_count(2)
    problems += axe(page, axe_source, f"mine.html ({scheme})")
    assert problems == []


from test_quality import axe_source  # noqa: E402,F401  (the fixture)
