"""The overview at the top of 我的计划 (docs/assets/wp/mine-overview.js) in Chromium: the counts per
status and 已逾期 against the page's clock, the next deadlines in order, each target's 完成率 from its
entries (latest 实际值 ÷ 目标值), kept up to date after a tick on the page and a change in another tab."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from follow_seed import OWN, PLAN, TARGET, clock, seed

pytestmark = pytest.mark.browser


def expected(picked: list[str], today: str) -> dict:
    """The counts the seed should give, worked out here from its data (follow_seed.SEED): the first
    picked measure ticked, the second 进行中 due 2026-10-10, the rest 未开始; the own measures as listed."""
    rows = [(True, None), (False, {"status": "doing", "due": "2026-10-10"})] + [(False, None)] * (len(picked) - 2)
    rows += [(done, track) for _, _, done, track in OWN]
    out = {"todo": 0, "doing": 0, "done": 0, "paused": 0, "overdue": 0}
    for done, track in rows:
        status = "done" if done else (track or {}).get("status", "todo")
        out[status] += 1
        due = (track or {}).get("due")
        out["overdue"] += bool(due and status in ("todo", "doing") and due < today)
    return out


def shown(page) -> dict:
    return {k: int(page.locator(f".wp-overview [data-count={k}] .wp-ov-n").inner_text())
            for k in ("todo", "doing", "done", "paused", "overdue")}


def expect_counts(page, want):
    page.wait_for_function("""want => Object.keys(want).every(k =>
        document.querySelector('.wp-overview [data-count=' + k + '] .wp-ov-n').textContent === String(want[k]))""",
                           arg=want, timeout=5000)
    assert shown(page) == want


def test_counts_follow_ticks_and_another_tab(new_page, base_url):
    page = new_page()
    clock(page, "2026-10-25")
    ids = seed(page, base_url)
    want = expected(ids, "2026-10-25")
    expect_counts(page, want)
    for word in ("未开始", "进行中", "已完成", "已搁置", "已逾期"):
        expect(page.locator(".wp-overview .wp-ov-counts")).to_contain_text(word)
    late = page.locator(".wp-overview [data-count=overdue]")
    expect(late).to_have_class(re.compile("wp-ov-count--late"))  # the colour, besides the words
    color = late.evaluate("e => getComputedStyle(e).color")
    assert color != page.locator(".wp-overview [data-count=todo]").evaluate("e => getComputedStyle(e).color")

    # a tick on the page: 参加合规培训 (未开始) becomes 已完成
    page.locator(".wp-part", has_text="参加合规培训").locator(".wp-entry", has_text="参加合规培训").locator("input.wp-check").check()
    want = {**want, "todo": want["todo"] - 1, "done": want["done"] + 1}
    expect_counts(page, want)

    # another tab puts the picked 进行中 measure (overdue) on 已搁置
    other = page.context.new_page()
    other.goto(base_url + "index.html")
    other.evaluate("""([plan, id]) => { const s = WP.store.open(plan), r = s.read();
        r.track[id] = {status: 'paused', due: '2026-10-10'}; return s.write(r); }""", [PLAN, ids[1]])
    want = {**want, "doing": want["doing"] - 1, "paused": want["paused"] + 1, "overdue": want["overdue"] - 1}
    expect_counts(page, want)


def test_overdue_follows_the_clock(new_page, base_url):
    page = new_page()
    clock(page, "2026-11-10")
    ids = seed(page, base_url)
    want = expected(ids, "2026-11-10")
    assert want["overdue"] == 3  # the seed's 2026-10-10, 2026-10-20 and 2026-11-05
    expect_counts(page, want)
    items = page.locator(".wp-ov-next-item--late")
    expect(items).to_have_count(3)
    expect(items.first.locator(".wp-ov-late")).to_have_text("已逾期")


def test_next_deadlines_in_order(new_page, base_url):
    page = new_page()
    clock(page, "2026-10-25")
    ids = seed(page, base_url)
    open_dues = ["2026-10-10"] + [t["due"] for _, _, done, t in OWN
                                  if t and t.get("due") and not done and t.get("status") != "paused"]
    want = sorted(open_dues)[:5]
    days = page.locator(".wp-ov-next-item .wp-ov-day")
    expect(days).to_have_count(len(want))
    assert [d.get_attribute("title") for d in days.all()] == want
    assert [d.inner_text() for d in days.all()] == [w[5:] for w in want]  # this year's: month-day
    first = page.locator(".wp-ov-next-item").first
    expect(first.locator(".wp-ov-part")).not_to_be_empty()
    # the nearest is done: it leaves the list, the next one moves up
    page.locator(".wp-entry", has_text="走访重点客户十户").locator("input.wp-check").check()
    rest = [d for d in sorted(open_dues) if d != "2026-10-20"][:5]
    page.wait_for_function("want => [...document.querySelectorAll('.wp-ov-next-item .wp-ov-day')].map(d => d.title).join() === want.join()",
                           arg=rest, timeout=5000)


def test_rate_from_the_latest_entry(new_page, base_url, collection):
    page = new_page()
    clock(page, "2026-11-10")
    seed(page, base_url)
    label = next(f.label for f in collection.plan(PLAN).fields if f.id == TARGET)
    row = page.locator(".wp-ov-target", has_text=label)
    # entries 120 (10-01) and 320 (10-31) against 1000: the latest, not their sum
    expect(row.locator(".wp-ov-rate")).to_have_text("完成率 32%")
    expect(row.locator(".wp-ov-fig")).to_have_text(re.compile(r"^320 / 1,000 万元$"))
    other = page.context.new_page()
    other.goto(base_url + "index.html")
    other.evaluate("""([plan, f]) => { const s = WP.store.open(plan), r = s.read();
        r.actual[f + '/2026-11-01'] = 500; return s.write(r); }""", [PLAN, TARGET])
    expect(row.locator(".wp-ov-rate")).to_have_text("完成率 50%")
    # text in the number field: said, not counted
    other.evaluate("""([plan, f]) => { const s = WP.store.open(plan), r = s.read();
        r.fields[f] = '一千'; return s.write(r); }""", [PLAN, TARGET])
    expect(row.locator(".wp-ov-fig")).to_contain_text("不是数字")
    expect(row.locator(".wp-ov-rate")).to_have_text("完成率 —")
