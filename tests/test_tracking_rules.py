"""The rules of following a plan (docs/assets/wp/tracking.js) and the one summary every view and
download reads (docs/assets/wp/summary.js), run in Chromium on the built 我的计划 page; the saved
records read back with the independent reader in tests/support.py."""
from __future__ import annotations

import json

import pytest

from support import PREFIX, saved_groups

pytestmark = pytest.mark.browser

LOAD = "names => WP.load(names)"


def _page(new_page, base_url):
    page = new_page()
    page.goto(base_url + "mine.html")
    page.evaluate(LOAD, ["tracking", "summary"])
    return page


def test_the_tick_is_the_status_done_both_ways(new_page, base_url):
    page = _page(new_page, base_url)
    seen = page.evaluate("""() => {
      const T = WP.tracking, r = {items: {}, fields: {}, track: {}, actual: {}}, out = [];
      T.setFollow(r, "m", {due: "2027-01-15", owner: "张三"});
      T.setStatus(r, "m", "doing");  out.push([T.status(r, "m"), r.items.m === true]);
      T.setStatus(r, "m", "done");   out.push([T.status(r, "m"), r.items.m === true]);
      T.setStatus(r, "m", "paused"); out.push([T.status(r, "m"), r.items.m === true]);
      r.items.m = true;              out.push([T.status(r, "m"), r.items.m === true]);  // ticked elsewhere
      T.setStatus(r, "m", "todo");   out.push([T.status(r, "m"), "m" in r.items]);
      out.push(T.follow(r, "m"));
      T.setFollow(r, "m", {due: "", owner: ""});
      out.push("m" in r.track);
      // a tick under a former id (the template renamed the measure) counts; a change moves it
      r.items.old = true;
      out.push(T.status(r, ["new", "old"]));
      T.setStatus(r, ["new", "old"], "doing");
      out.push([Object.keys(r.items), r.track]);
      return out;
    }""")
    assert seen[:5] == [["doing", False], ["done", True], ["paused", False], ["done", True], ["todo", False]]
    assert seen[5] == {"due": "2027-01-15", "owner": "张三", "note": ""}
    assert seen[6] is False  # nothing left: no empty follow-up is kept
    assert seen[7] == "done"
    assert seen[8] == [[], {"new": {"status": "doing"}}]


def test_overdue_is_before_today_and_open(new_page, base_url):
    page = new_page()
    page.clock.set_fixed_time("2027-02-01T10:00:00")
    page.goto(base_url + "mine.html")
    page.evaluate(LOAD, ["tracking"])
    got = page.evaluate("""() => {
      const T = WP.tracking;
      return [T.today(), T.overdue("todo", "2027-01-31"), T.overdue("doing", "2027-01-31"),
              T.overdue("done", "2027-01-31"), T.overdue("paused", "2027-01-31"),
              T.overdue("todo", "2027-02-01"), T.overdue("todo", "")];
    }""")
    assert got == ["2027-02-01", True, True, False, False, False, False]


def test_days_and_numbers_as_people_type_them(new_page, base_url):
    page = _page(new_page, base_url)
    got = page.evaluate("""() => {
      const T = WP.tracking;
      return {days: ["2026-10-31", "2026/3/1", "2026年3月1日", "２０２８-０２-２９", "2026-02-30", "2027-02-29", "31/10/2026", ""]
                .map(t => T.day(t)),
              numbers: ["320", "1,234.5", "３２０", " -12.5 ", "12万", "abc", "1e5", "", "12%"].map(t => T.number(t))};
    }""")
    assert [d.get("day") for d in got["days"]] == ["2026-10-31", "2026-03-01", "2026-03-01", "2028-02-29",
                                                   None, None, None, None]
    assert "2026-02-30" in got["days"][4]["error"] and "年-月-日" in got["days"][4]["error"]
    assert [n.get("value") for n in got["numbers"]] == [320, 1234.5, 320, -12.5, None, None, None, None, None]
    assert "“12万”不是数字" in got["numbers"][4]["error"]


def test_completion_is_the_latest_figure_over_the_target(new_page, base_url):
    page = _page(new_page, base_url)
    got = page.evaluate("""() => {
      const T = WP.tracking, r = {items: {}, fields: {g: "500"}, track: {}, actual: {}};
      T.setActual(r, "g", "2027-02-28", 400);   // larger, but older
      T.setActual(r, "g", "2027-03-31", 320);
      T.setActual(r, "g", "2027-01-31", 120);
      const list = T.actuals(r, "g"), last = list[list.length - 1];
      T.setActual(r, "g", "2027-01-31", null);
      return {days: list.map(e => e.day), rate: T.rate(T.target(r, "g"), last.value),
              percent: T.percent(T.rate(T.target(r, "g"), last.value)), left: T.actuals(r, "g").length,
              upTo: T.asOf(list, "2027-02-28").map(e => e.value), none: T.percent(T.rate(0, 5))};
    }""")
    assert got == {"days": ["2027-01-31", "2027-02-28", "2027-03-31"], "rate": 64, "percent": "64%", "left": 2,
                   "upTo": [120, 400], "none": "—"}


def test_follow_ups_and_figures_are_saved_in_the_plan_record_and_bad_ones_kept_aside(new_page, base_url):
    page = _page(new_page, base_url)
    bad = {"format": 2, "rev": 3, "entries": {
        "items/a": {"value": True, "rev": 1, "by": "x"},
        "track/a": {"value": {"due": "2027-01-31", "owner": "张三"}, "rev": 1, "by": "x"},
        "track/b": {"value": {"due": "2026-02-30"}, "rev": 1, "by": "x"},        # not a day
        "track/c": {"value": {"status": "done"}, "rev": 1, "by": "x"},           # 已完成 is the tick
        "actual/g/2027-03-31": {"value": 320, "rev": 1, "by": "x"},
        "actual/g/2027-13-01": {"value": 1, "rev": 1, "by": "x"},                # not a day
        "actual/h/2027-03-31": {"value": "320", "rev": 1, "by": "x"},            # text, not a number
    }}
    raw = json.dumps(bad, ensure_ascii=False)
    page.evaluate("raw => localStorage.setItem('wp:v1:teller', raw)", raw)
    got = page.evaluate("() => WP.store.open('teller').read()")
    assert got["items"] == {"a": True}
    assert got["track"] == {"a": {"due": "2027-01-31", "owner": "张三"}}
    assert got["actual"] == {"g/2027-03-31": 320}
    kept = page.evaluate("() => WP.store.damaged().map(d => [d.name, d.raw])")
    assert kept == [["teller", raw]]  # what could not be used is kept exactly, not lost
    # a change through the rules writes its entries and keeps the others
    page.evaluate("""() => {
      const s = WP.store.open('teller'), r = s.read();
      WP.tracking.setStatus(r, 'd', 'doing');
      WP.tracking.setActual(r, 'g', '2027-04-30', 410.5);
      return s.write(r);
    }""")
    groups = saved_groups(page, "teller")
    assert groups["items"] == {"a": True}
    assert groups["track"] == {"a": {"due": "2027-01-31", "owner": "张三"}, "d": {"status": "doing"}}
    assert groups["actual"] == {"g/2027-03-31": 320, "g/2027-04-30": 410.5}


def test_the_plan_page_keeps_follow_ups_when_it_saves_a_tick(new_page, base_url):
    page = new_page()
    page.goto(base_url + "plans/teller.html")
    first = page.locator("input.wp-check").first
    measure = first.evaluate("b => b.parentNode.id")
    record = {"format": 2, "rev": 1, "entries": {
        f"track/{measure}": {"value": {"status": "doing", "owner": "李四"}, "rev": 1, "by": "x"},
        "actual/any/2027-01-31": {"value": 5, "rev": 1, "by": "x"}}}
    page.evaluate("raw => localStorage.setItem('wp:v1:teller', raw)", json.dumps(record, ensure_ascii=False))
    page.reload()
    page.locator("input.wp-check").nth(1).check()
    page.wait_for_function("() => JSON.parse(localStorage.getItem('wp:v1:teller')).rev > 1")
    groups = saved_groups(page, "teller")
    assert groups["track"] == {measure: {"status": "doing", "owner": "李四"}}
    assert groups["actual"] == {"any/2027-01-31": 5}
    assert len(groups["items"]) == 1


def test_the_summary_counts_statuses_deadlines_and_every_target(new_page, base_url):
    page = new_page()
    page.clock.set_fixed_time("2027-02-10T09:00:00")
    page.goto(base_url + "mine.html")
    got = page.evaluate("""async () => {
      await WP.load(["summary"]);
      const plans = {"relationship-manager": await WP.data.loadPlan("relationship-manager")};
      const sec = plans["relationship-manager"].sections.find(s => s.measures && s.measures.items.length >= 3)
        || plans["relationship-manager"].sections.flatMap(s => s.sections).find(s => s.measures && s.measures.items.length >= 3);
      const ids = sec.measures.items.map(i => i.id).slice(0, 3);
      const state = {header: {name: "王五", unit: "", role: "", from: "2027-01-01", to: "2027-03-31", date: ""},
        parts: [{key: "p1", plan: "relationship-manager", section: sec.id, heading: sec.heading, title: "",
                 items: ids.map(id => ({id, text: ""})),
                 own: [{key: "o1", text: "自己的措施", done: false, track: {status: "paused", due: "2027-01-01"}}]}]};
      const r = {items: {}, fields: {"deposit-growth": "1,000", "loan-growth": "万"}, track: {}, actual: {}};
      WP.tracking.setStatus(r, ids[0], "done");
      WP.tracking.setFollow(r, ids[1], {due: "2027-02-09", owner: "赵六"});
      WP.tracking.setFollow(r, ids[2], {due: "2027-03-01"});
      WP.tracking.setActual(r, "deposit-growth", "2027-01-31", 700);
      WP.tracking.setActual(r, "deposit-growth", "2027-02-05", 250);
      const s = WP.summary.now(state, plans, {"relationship-manager": r});
      return {count: WP.summary.count(s), next: WP.summary.next(s, 5).map(n => n.measure.due),
              day: s.day, statuses: s.parts[0].measures.map(m => [m.status, m.overdue, m.owner]),
              targets: s.targets.map(t => [t.id, t.target, t.actual, t.rate, t.bad]),
              words: s.parts[0].measures[0].text.length > 0};
    }""")
    assert got["day"] == "2027-02-10"
    assert got["count"] == {"todo": 2, "doing": 0, "done": 1, "paused": 1, "overdue": 1, "total": 4}
    assert got["next"] == ["2027-02-09", "2027-03-01"]  # 已搁置 is not an open deadline
    assert got["statuses"] == [["done", False, ""], ["todo", True, "赵六"], ["todo", False, ""], ["paused", False, ""]]
    targets = {t[0]: t[1:] for t in got["targets"]}
    assert len(targets) == 7  # every number field of the plan, picked or not
    assert targets["deposit-growth"] == [1000, 250, 25, ""]  # the latest, not the sum
    assert targets["loan-growth"] == [None, None, None, "万"]
    assert got["words"]
