"""Per-measure follow-up in Chromium: 状态 (未开始 / 进行中 / 已完成 / 已搁置), 截止日期, 负责人, 备注
behind each measure's “⋯ 状态”, on a plan page and in 我的计划 (one record: the same tick, the same
status on both pages); the short text beside a measure and 已逾期 at the page's clock; measures of
one's own; the keyboard; the other groups of the record kept; modules fetched only when needed;
another tab; storage blocked."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from support import live_values, saved_mine, storage_items, PREFIX

pytestmark = pytest.mark.browser

PLAN = "teller"


def record(page, name: str = PLAN) -> dict:
    """A plan's saved record as {group: {key: value}}, read from storage as the browser holds it."""
    raw = storage_items(page).get(PREFIX + name)
    out: dict = {"items": {}, "fields": {}, "track": {}, "actual": {}}
    for path, value in (live_values(raw).items() if raw else ()):
        group, _, key = path.partition("/")
        if key:
            out[group][key] = value
    return out


def section(collection, plan=PLAN):
    """The first section of the plan with measures, and its first two measures."""
    s = next(s for s in collection.plan(plan).sections() if s.measures)
    return s, s.measures.items[0], s.measures.items[1]


def pick(page, s):
    """The section put into 我的计划 from its plan page."""
    button = page.locator(f"[data-section='{s.id}'] .wp-pick")
    button.click()
    expect(button).to_have_text("移出我的计划")


def item(page, item_id: str):
    return page.locator(f"li.wp-item[id='{item_id}']")


def follow_button(row):
    return row.locator(":scope > .wp-follow, :scope > .wp-entry-tools > .wp-follow")


def panel(page):
    return page.locator(".wp-follow-panel")


def open_panel(row):
    follow_button(row).click()
    expect(follow_button(row)).to_have_attribute("aria-expanded", "true")
    return row.page.locator(".wp-follow-panel")


def choose(page, name: str):
    panel(page).get_by_role("radio", name=name).check()


def status_text(row):
    return row.locator(":scope > .wp-follow-text")


def box(row):
    return row.locator(":scope > input.wp-check")


def entry(page, item_id: str):
    return page.locator(f".wp-entry:has(> input.wp-check[data-item='{item_id}'])")


def test_status_and_tick_agree_on_a_plan_page_after_reload(page, base_url, collection):
    _, first, _ = section(collection)
    page.goto(base_url + f"plans/{PLAN}.html")
    row = item(page, first.id)
    expect(panel(page)).to_have_count(0)  # calm: closed until asked for
    open_panel(row)
    choose(page, "进行中")
    expect(status_text(row)).to_have_text("进行中")
    expect(box(row)).not_to_be_checked()
    choose(page, "已完成")  # 已完成 is the tick
    expect(box(row)).to_be_checked()
    assert record(page)["items"] == {first.id: True} and record(page)["track"] == {}

    page.reload()
    row = item(page, first.id)
    expect(box(row)).to_be_checked()
    expect(panel(page)).to_have_count(0)
    open_panel(row)
    expect(panel(page).get_by_role("radio", name="已完成")).to_be_checked()
    box(row).uncheck()  # unticking: no longer 已完成
    expect(panel(page).get_by_role("radio", name="未开始")).to_be_checked()
    box(row).check()
    expect(panel(page).get_by_role("radio", name="已完成")).to_be_checked()
    choose(page, "已搁置")  # any other status unticks
    expect(box(row)).not_to_be_checked()
    expect(status_text(row)).to_have_text("已搁置")
    expect(page.locator(".wp-tools--plan .wp-progress-text")).to_have_text(re.compile(r"^已完成 0/"))

    page.reload()
    row = item(page, first.id)
    expect(box(row)).not_to_be_checked()
    expect(status_text(row)).to_have_text("已搁置")
    assert record(page)["track"] == {first.id: {"status": "paused"}} and record(page)["items"] == {}


def test_one_record_on_the_plan_page_and_in_mine(page, base_url, collection):
    """Status set on the plan page shows in 我的计划 and the other way round, ticks included."""
    s, first, second = section(collection)
    page.goto(base_url + f"plans/{PLAN}.html")
    pick(page, s)
    open_panel(item(page, first.id))
    choose(page, "进行中")
    panel(page).get_by_label("截止日期").fill("2099-12-15")
    expect(status_text(item(page, first.id))).to_have_text("进行中 · 截止 2099-12-15")

    page.goto(base_url + "mine.html")
    one, two = entry(page, first.id), entry(page, second.id)
    expect(status_text(one)).to_have_text("进行中 · 截止 2099-12-15")
    expect(box(one)).not_to_be_checked()
    open_panel(one)
    expect(panel(page).get_by_role("radio", name="进行中")).to_be_checked()
    expect(panel(page).get_by_label("截止日期")).to_have_value("2099-12-15")
    choose(page, "已完成")
    expect(box(one)).to_be_checked()
    expect(status_text(one)).to_have_text("已完成 · 截止 2099-12-15")
    box(two).check()  # a tick in 我的计划: 已完成 on the plan page
    open_panel(two)
    expect(panel(page).get_by_role("radio", name="已完成")).to_be_checked()
    choose(page, "已搁置")
    expect(box(two)).not_to_be_checked()

    page.reload()
    one, two = entry(page, first.id), entry(page, second.id)
    expect(box(one)).to_be_checked()
    expect(status_text(two)).to_have_text("已搁置")

    page.goto(base_url + f"plans/{PLAN}.html")
    expect(box(item(page, first.id))).to_be_checked()
    expect(status_text(item(page, second.id))).to_have_text("已搁置")
    box(item(page, first.id)).uncheck()  # unticked on the plan page: no longer 已完成 in 我的计划
    expect(status_text(item(page, first.id))).to_have_text("截止 2099-12-15")
    page.goto(base_url + "mine.html")
    one = entry(page, first.id)
    expect(box(one)).not_to_be_checked()
    open_panel(one)
    expect(panel(page).get_by_role("radio", name="未开始")).to_be_checked()


def test_due_owner_note_survive_and_other_groups_are_kept(page, base_url, collection):
    plan = "relationship-manager"  # a plan with number fields (目标值) and so 实际值 entries
    _, first, _ = section(collection, plan)
    field = next(f for f in collection.plan(plan).fields if f.kind == "number")
    page.goto(base_url + f"plans/{plan}.html")
    page.locator(f"input.wp-input[data-field='{field.id}']").fill("500")
    page.evaluate("""([id]) => { const s = WP.store.open('relationship-manager'), r = s.read();
        r.actual[id + '/2026-10-31'] = 320; s.write(r); }""", [field.id])
    page.reload()
    row = item(page, first.id)
    open_panel(row)
    panel(page).get_by_label("截止日期").fill("2099-01-31")
    panel(page).get_by_label("负责人").fill("张三")
    panel(page).get_by_label("备注").fill("等待分行审批")
    panel(page).get_by_label("备注").press("Tab")  # left: saved
    expect(status_text(row)).to_have_text("截止 2099-01-31 · 负责人:张三 · 备注:等待分行审批")

    page.reload()
    row = item(page, first.id)
    expect(status_text(row)).to_have_text("截止 2099-01-31 · 负责人:张三 · 备注:等待分行审批")
    open_panel(row)
    expect(panel(page).get_by_label("负责人")).to_have_value("张三")
    expect(panel(page).get_by_label("备注")).to_have_value("等待分行审批")
    saved = record(page, plan)
    assert saved["track"] == {first.id: {"due": "2099-01-31", "owner": "张三", "note": "等待分行审批"}}
    assert saved["fields"] == {field.id: "500"} and saved["actual"] == {f"{field.id}/2026-10-31": 320}
    panel(page).get_by_label("负责人").fill("")  # cleared: removed, the rest kept
    page.keyboard.press("Escape")  # closing at once saves what was typed
    expect(follow_button(row)).to_be_focused()
    expect(status_text(row)).to_have_text("截止 2099-01-31 · 备注:等待分行审批")
    assert record(page, plan)["track"] == {first.id: {"due": "2099-01-31", "note": "等待分行审批"}}
    assert record(page, plan)["actual"] == {f"{field.id}/2026-10-31": 320}
    open_panel(row)
    panel(page).get_by_label("负责人").fill("赵六")  # the page left at once: what was typed is kept
    page.reload()
    expect(status_text(item(page, first.id))).to_have_text("截止 2099-01-31 · 负责人:赵六 · 备注:等待分行审批")


@pytest.mark.parametrize("status, late", [("进行中", True), ("未开始", True), ("已完成", False), ("已搁置", False)])
def test_overdue_at_the_page_clock(page, base_url, collection, status, late):
    _, first, _ = section(collection)
    page.clock.set_fixed_time(dt.datetime(2026, 12, 20, 10, 0))
    page.goto(base_url + f"plans/{PLAN}.html")
    row = item(page, first.id)
    open_panel(row)
    choose(page, status)
    panel(page).get_by_label("截止日期").fill("2026-12-15")
    mark = status_text(row).locator(".wp-follow-late")
    if late:
        expect(mark).to_have_text("已逾期")
        expect(status_text(row)).to_contain_text("截止 2026-12-15 · 已逾期")
        red = mark.evaluate("e => getComputedStyle(e).color")
        assert red != status_text(row).evaluate("e => getComputedStyle(e).color")
    else:
        expect(status_text(row)).to_contain_text("截止 2026-12-15")
        expect(mark).to_have_count(0)
    panel(page).get_by_label("截止日期").fill("2026-12-20")  # due today: not yet late
    expect(status_text(row)).to_contain_text("截止 2026-12-20")
    expect(mark).to_have_count(0)


def test_overdue_in_mine_and_the_day_after(new_page, base_url, collection):
    s, first, _ = section(collection)
    page = new_page()
    page.clock.set_fixed_time(dt.datetime(2026, 12, 15, 9, 0))
    page.goto(base_url + f"plans/{PLAN}.html")
    pick(page, s)
    open_panel(item(page, first.id))
    panel(page).get_by_label("截止日期").fill("2026-12-15")
    page.goto(base_url + "mine.html")
    expect(status_text(entry(page, first.id))).to_have_text("截止 2026-12-15")
    page.clock.set_fixed_time(dt.datetime(2026, 12, 16, 9, 0))
    page.reload()
    expect(status_text(entry(page, first.id))).to_have_text("截止 2026-12-15 · 已逾期")


def test_own_measure_follow_up_in_mine(page, base_url, collection):
    s, _, _ = section(collection)
    page.goto(base_url + f"plans/{PLAN}.html")
    pick(page, s)
    page.goto(base_url + "mine.html")
    own = page.locator(".wp-part").first.locator(".wp-add-own input")
    own.fill("每周读一本业务书")
    own.press("Enter")
    row = page.locator(".wp-entry", has_text="每周读一本业务书")
    open_panel(row)
    choose(page, "进行中")
    panel(page).get_by_label("截止日期").fill("2099-03-01")
    panel(page).get_by_label("负责人").fill("李四")
    panel(page).get_by_label("负责人").press("Tab")
    expect(status_text(row)).to_have_text("进行中 · 截止 2099-03-01 · 负责人:李四")

    page.reload()
    row = page.locator(".wp-entry", has_text="每周读一本业务书")
    expect(status_text(row)).to_have_text("进行中 · 截止 2099-03-01 · 负责人:李四")
    (saved,) = saved_mine(page)["parts"][0]["own"]
    assert saved["text"] == "每周读一本业务书" and saved["track"] == {"status": "doing", "due": "2099-03-01", "owner": "李四"}
    assert saved["done"] is False
    box(row).check()
    expect(status_text(row)).to_have_text("已完成 · 截止 2099-03-01 · 负责人:李四")
    open_panel(row)
    expect(panel(page).get_by_role("radio", name="已完成")).to_be_checked()
    choose(page, "已搁置")
    expect(box(row)).not_to_be_checked()
    page.reload()
    row = page.locator(".wp-entry", has_text="每周读一本业务书")
    expect(box(row)).not_to_be_checked()
    expect(status_text(row)).to_have_text("已搁置 · 截止 2099-03-01 · 负责人:李四")
    open_panel(row)
    row.get_by_role("button", name="移除").click()  # its open panel does not hold it on the page
    expect(row).to_have_count(0)
    expect(panel(page)).to_have_count(0)


def test_keyboard_opens_and_closes(page, base_url, collection):
    _, first, _ = section(collection)
    page.goto(base_url + f"plans/{PLAN}.html")
    row = item(page, first.id)
    button = follow_button(row)
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(panel(page)).to_be_visible()
    page.keyboard.press("Tab")  # into the panel, which follows its button
    focused = page.evaluate("document.activeElement.closest('.wp-follow-panel') !== null")
    assert focused
    page.keyboard.press("Escape")
    expect(panel(page)).to_have_count(0)
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Space")
    expect(panel(page)).to_be_visible()
    page.keyboard.press("Space")  # pressed again: closed
    expect(panel(page)).to_have_count(0)
    page.keyboard.press("Enter")
    expect(panel(page)).to_be_visible()
    page.keyboard.press("Escape")  # Esc on the button closes it too
    expect(panel(page)).to_have_count(0)
    expect(button).to_be_focused()
    # one open at a time
    buttons = page.locator("li.wp-item > .wp-follow")
    buttons.nth(0).click()
    buttons.nth(1).click()
    expect(panel(page)).to_have_count(1)
    expect(buttons.nth(0)).to_have_attribute("aria-expanded", "false")


def test_modules_come_when_needed_and_no_press_is_lost(new_page, base_url, collection):
    _, first, _ = section(collection)
    page = new_page()
    fetched = []
    page.on("request", lambda r: fetched.append(r.url.rsplit("/", 1)[-1]))
    page.goto(base_url + f"plans/{PLAN}.html", wait_until="networkidle")
    assert not {"follow.js", "tracking.js", "follow.css"} & set(fetched)
    # a press with no pointer or focus first: held until the module is here, then done
    page.evaluate("id => document.querySelector(`li[id='${id}'] > .wp-follow`).click()", first.id)
    expect(panel(page)).to_be_visible()
    assert {"follow.js", "tracking.js", "follow.css"} <= set(fetched)
    choose(page, "进行中")
    fetched.clear()
    page.reload(wait_until="networkidle")  # follow-ups saved: fetched at once, to show them
    assert "follow.js" in fetched
    expect(status_text(item(page, first.id))).to_have_text("进行中")


def test_another_tab_updates_the_text(page, base_url, collection):
    s, first, _ = section(collection)
    page.goto(base_url + f"plans/{PLAN}.html")
    pick(page, s)
    other = page.context.new_page()
    other.goto(base_url + f"plans/{PLAN}.html")
    mine = page.context.new_page()
    mine.goto(base_url + "mine.html")
    expect(mine.locator(".wp-entry")).not_to_have_count(0)
    open_panel(item(page, first.id))
    choose(page, "进行中")
    expect(status_text(item(other, first.id))).to_have_text("进行中")
    expect(status_text(entry(mine, first.id))).to_have_text("进行中")
    panel(page).get_by_label("截止日期").fill("2099-06-30")
    expect(status_text(item(other, first.id))).to_have_text("进行中 · 截止 2099-06-30")
    expect(status_text(entry(mine, first.id))).to_have_text("进行中 · 截止 2099-06-30")
    choose(page, "已完成")
    expect(box(item(other, first.id))).to_be_checked()
    expect(box(entry(mine, first.id))).to_be_checked()


def test_a_date_that_is_no_day_is_refused_with_a_message(page, base_url, collection):
    """Where a browser shows type=date as a text box: what is typed is checked, nothing saved."""
    _, first, _ = section(collection)
    page.goto(base_url + f"plans/{PLAN}.html")
    row = item(page, first.id)
    open_panel(row)
    due = panel(page).get_by_label("截止日期")
    due.fill("2099-01-31")
    due.evaluate("e => { e.type = 'text'; }")
    due.fill("2026-02-30")
    due.press("Tab")
    expect(panel(page).locator(".wp-follow-error")).to_have_text(re.compile("不是有效的日期"))
    assert record(page)["track"] == {first.id: {"due": "2099-01-31"}}
    expect(status_text(row)).to_have_text("截止 2099-01-31")


def test_storage_blocked_follow_up_works_for_the_visit(new_page, base_url, collection):
    _, first, second = section(collection)
    page = new_page()
    page.add_init_script("""Object.defineProperty(window, 'localStorage', {configurable: true, get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError'); }});""")
    page.goto(base_url + f"plans/{PLAN}.html")
    row = item(page, first.id)
    open_panel(row)
    choose(page, "进行中")
    panel(page).get_by_label("负责人").fill("王五")
    panel(page).get_by_label("负责人").press("Tab")
    expect(page.locator(".wp-tools--plan .wp-warning")).to_contain_text("禁用")
    expect(status_text(row)).to_have_text("进行中 · 负责人:王五")
    box(item(page, second.id)).check()  # another save of the page keeps the follow-up
    expect(status_text(row)).to_have_text("进行中 · 负责人:王五")
    follow_button(row).click()
    open_panel(row)
    expect(panel(page).get_by_role("radio", name="进行中")).to_be_checked()


def test_storage_blocked_in_mine_follow_up_works_for_the_visit(new_page, base_url):
    page = new_page()
    page.add_init_script("""Object.defineProperty(window, 'localStorage', {configurable: true, get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError'); }});""")
    page.goto(base_url + "mine.html")
    page.locator("#wp-new-part").fill("个人技能提升")
    page.locator("#wp-new-part").press("Enter")
    own = page.locator(".wp-part").first.locator(".wp-add-own input")
    own.fill("考取初级银行从业资格")
    own.press("Enter")
    row = page.locator(".wp-entry", has_text="考取初级银行从业资格")
    open_panel(row)
    choose(page, "进行中")
    panel(page).get_by_label("截止日期").fill("2099-05-20")
    expect(page.locator(".wp-tools--mine .wp-warning")).to_contain_text("禁用")
    expect(status_text(row)).to_have_text("进行中 · 截止 2099-05-20")
    box(row).check()
    expect(status_text(row)).to_have_text("已完成 · 截止 2099-05-20")


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_with_a_panel_open_and_a_measure_overdue(new_page, base_url, collection, scheme):
    """The open panel and 已逾期 (its red chosen per scheme) pass axe-core, contrast included,
    on a plan page and in 我的计划, at 390 px."""
    from test_quality import AXE_JS, axe
    source = AXE_JS.read_text(encoding="utf-8")
    s, first, _ = section(collection)
    page = new_page(viewport={"width": 390, "height": 844})
    page.clock.set_fixed_time(dt.datetime(2026, 12, 20, 10, 0))
    page.goto(base_url + f"plans/{PLAN}.html")
    pick(page, s)
    open_panel(item(page, first.id))
    choose(page, "进行中")
    panel(page).get_by_label("截止日期").fill("2026-12-01")
    expect(status_text(item(page, first.id))).to_contain_text("已逾期")
    found = []
    for where in (f"plans/{PLAN}.html", "mine.html"):
        if where == "mine.html":
            page.goto(base_url + where)
            open_panel(entry(page, first.id))
            expect(status_text(entry(page, first.id))).to_contain_text("已逾期")
        page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
        page.locator(".wp-follow-panel").scroll_into_view_if_needed()
        found += axe(page, source, where)
    assert found == [], "\n".join(found)


def test_from_a_folder_and_an_early_press_in_mine(new_page, site, base_url, collection):
    """file:// (scripts fetched by <script src>), and in 我的计划 a press before follow.js is here."""
    _, first, _ = section(collection)
    page = new_page()
    page.goto(site.as_uri() + f"/plans/{PLAN}.html")
    row = item(page, first.id)
    open_panel(row)
    choose(page, "进行中")
    expect(status_text(row)).to_have_text("进行中")

    s, _, _ = section(collection)
    other = new_page()
    other.goto(base_url + f"plans/{PLAN}.html")
    pick(other, s)
    fetched = []
    other.on("request", lambda r: fetched.append(r.url.rsplit("/", 1)[-1]))
    other.goto(base_url + "mine.html", wait_until="networkidle")
    expect(entry(other, first.id)).to_have_count(1)
    assert "follow.js" not in fetched
    other.evaluate("id => document.querySelector(`.wp-entry:has(> input[data-item='${id}']) .wp-follow`).click()", first.id)
    expect(panel(other)).to_be_visible()
    expect(follow_button(entry(other, first.id))).to_have_attribute("aria-expanded", "true")


def test_a_sub_measure_has_its_own_follow_up_on_both_pages(page, base_url, collection):
    plan = collection.plan("relationship-manager")
    s = next(s for s in plan.sections() if s.measures and any(it.items for it in s.measures.items))
    parent = next(it for it in s.measures.items if it.items)
    sub = parent.items[1]
    page.goto(base_url + f"plans/{plan.id}.html")
    pick(page, s)
    row = item(page, sub.id)
    open_panel(row)
    expect(follow_button(item(page, parent.id))).to_have_attribute("aria-expanded", "false")
    choose(page, "已完成")
    expect(box(row)).to_be_checked()
    expect(box(item(page, parent.id))).not_to_be_checked()  # the measure above it is its own

    page.goto(base_url + "mine.html")
    mine_row = page.locator(f"li.wp-item:has(> input.wp-check[data-item='{sub.id}'])")
    expect(box(mine_row)).to_be_checked()
    open_panel(mine_row)
    choose(page, "进行中")
    panel(page).get_by_label("负责人").fill("周七")
    panel(page).get_by_label("负责人").press("Tab")
    expect(box(mine_row)).not_to_be_checked()
    expect(status_text(mine_row)).to_have_text("进行中 · 负责人:周七")
    page.goto(base_url + f"plans/{plan.id}.html")
    expect(box(item(page, sub.id))).not_to_be_checked()
    expect(status_text(item(page, sub.id))).to_have_text("进行中 · 负责人:周七")
    assert record(page, plan.id)["track"] == {sub.id: {"status": "doing", "owner": "周七"}}


@pytest.mark.parametrize("where", ["plan", "mine"])
def test_a_status_clicked_straight_after_typing_a_name_is_kept(page, base_url, collection, where):
    """Typing 负责人 and then clicking a status with the mouse: the name is saved as the box loses
    focus, and the line it changes above the panel must not move the status from under the
    pointer between press and release (the click would land beside it and be lost)."""
    s, first, _ = section(collection)
    page.goto(base_url + f"plans/{PLAN}.html")
    if where == "mine":
        pick(page, s)
        page.goto(base_url + "mine.html")
    row = entry(page, first.id) if where == "mine" else item(page, first.id)
    open_panel(row)
    expect(status_text(row)).to_be_hidden()  # nothing to say yet: the line appears with the name
    panel(page).get_by_label("负责人").fill("王五")
    panel(page).get_by_role("radio", name="进行中").click()
    expect(panel(page).get_by_role("radio", name="进行中")).to_be_checked()
    expect(status_text(row)).to_have_text("进行中 · 负责人:王五")
    assert record(page)["track"][first.id] == {"status": "doing", "owner": "王五"}
