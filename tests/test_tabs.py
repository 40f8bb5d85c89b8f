"""我的计划 open in two tabs of one browser: another tab's change is shown without harm (only the
changed parts, the focused text box keeps its text, caret and focus, 冲突 when both changed the
same thing), two tabs writing at the same moment lose nothing and end with the same records, and
5,000 parts open with the right count and progress, a tick writing exactly one record."""
from __future__ import annotations

import json
import os
import random

import pytest
from playwright.sync_api import expect

from support import PART, PREFIX, saved_groups, saved_mine, storage_items
from test_keep import CONTEXT, own_part, seed

pytestmark = pytest.mark.browser

NOTE = ".wp-tabs-text"


# the id of the first section on a plan page whose own list holds measures
FIRST_WITH_MEASURES = """() => { let n = document.querySelector('.wp-measures');
    while (n && !/^H[1-6]$/.test(n.tagName)) n = n.previousElementSibling; return n.id; }"""


def two_tabs(new_page, base_url, *titles, picked=False):
    """Tab A (with these own sections, and a teller section when picked) and tab B, both on 我的计划."""
    a = new_page(**CONTEXT)
    if picked:
        a.goto(base_url + "plans/teller.html")
        pick = a.locator(f"[data-section='{a.evaluate(FIRST_WITH_MEASURES)}'] .wp-pick")  # not the goals' targets
        pick.click()
        expect(pick).to_have_text("移出我的计划")
        a.goto(base_url + "mine.html")
    else:
        seed(a, base_url, {})
    for t in titles:
        own_part(a, t)
    b = a.context.new_page()
    b.goto(base_url + "mine.html")
    expect(b.locator(".wp-part")).to_have_count(len(titles) + (1 if picked else 0))
    return a, b


def write_from(tab, js, *args):
    """A change saved by another tab's code (mine-state.js), as its page would save it."""
    return tab.evaluate("""([js, args]) => { const m = WP.mine.open(), s = m.read().state;
        const only = new Function('s', 'args', js)(s, args); return m.write(s, only); }""", [js, list(args)])


def focused(tab):
    return tab.evaluate("""() => { const a = document.activeElement;
        return {id: a.id, value: a.value, start: a.selectionStart, end: a.selectionEnd}; }""")


def test_a_half_typed_measure_survives_another_tabs_tick_and_rename(new_page, base_url):
    """Case 5: tab B has a half-typed new measure focused; tab A ticks a measure and renames a
    part. B's box keeps its text, caret and focus, the tick and the new name show in B, and "p"
    typed next goes into the box (the theme's previous-page key does not fire)."""
    a, b = two_tabs(new_page, base_url, "第一节", "第二节", picked=True)
    own = b.locator(".wp-part").nth(1).locator(".wp-add-own input")
    own.click()
    own.type("按月复盘网点")
    for _ in range(2):
        own.press("ArrowLeft")
    box_id = own.get_attribute("id")
    before = focused(b)
    assert before == {"id": box_id, "value": "按月复盘网点", "start": 4, "end": 4}
    first_box = a.locator(".wp-part").first.locator("input.wp-check").first
    first_box.check()
    key = saved_mine(a)["parts"][1]["key"]  # the part B is typing in
    assert write_from(a, "s.parts[1].title = '改名的第一节'; return [args[0]];", key) == ""

    expect(b.locator(".wp-part").first.locator("input.wp-check").first).to_be_checked()
    expect(b.locator(".wp-part-title").nth(1)).to_have_text("改名的第一节")
    expect(b.locator(NOTE)).to_contain_text("另一个标签页")
    assert focused(b) == before
    b.keyboard.type("p")
    assert focused(b)["value"] == "按月复盘p网点"  # at the caret, four characters in
    b.wait_for_timeout(300)  # a navigation, had the key reached the theme, would have begun
    assert b.url == base_url + "mine.html"
    expect(b.locator(".wp-tabs-text")).to_be_visible()
    # the tick in B's view counts in its progress, and B's own change still saves
    expect(b.locator(".wp-progress-text")).to_have_text(a.locator(".wp-progress-text").inner_text())


def test_only_the_changed_part_is_drawn_again(new_page, base_url):
    a, b = two_tabs(new_page, base_url, "一", "二", "三")
    b.evaluate("""() => document.querySelectorAll('.wp-part').forEach((p, i) => { p.__mark = i; })""")
    key = saved_mine(a)["parts"][1]["key"]
    write_from(a, "s.parts[1].own.push({key: 'x1', text: '新措施', done: false}); return [args[0]];", key)
    expect(b.locator(".wp-part").nth(1).locator(".wp-entry")).to_have_count(1)
    # the same elements, in place; only the second part's contents changed
    assert b.evaluate("() => [...document.querySelectorAll('.wp-part')].map(p => p.__mark)") == [0, 1, 2]
    write_from(a, "s.parts.reverse(); return ['mine'];")
    expect(b.locator(".wp-part-title")).to_have_text(["三", "二", "一"])
    assert b.evaluate("() => [...document.querySelectorAll('.wp-part')].map(p => p.__mark)") == [2, 1, 0]


def test_focus_goes_to_a_neighbour_when_another_tab_removes_its_part(new_page, base_url):
    a, b = two_tabs(new_page, base_url, "一", "二", "三")
    b.locator(".wp-part").nth(1).get_by_role("button", name="改标题").focus()
    write_from(a, "s.parts.splice(1, 1); return ['mine'];")
    expect(b.locator(".wp-part-title")).to_have_text(["一", "三"])
    held = b.evaluate("() => [document.activeElement.dataset.part, document.activeElement.closest('.wp-part')?.dataset.key]")
    assert held[0] == "rename" and held[1] in [p["key"] for p in saved_mine(a)["parts"]]  # not <body>


def test_conflict_in_a_field_keeps_the_persons_text_and_offers_theirs(new_page, base_url):
    """Both tabs change the same fill-in value: B is typing in it when A's change comes."""
    a = new_page(**CONTEXT)
    a.goto(base_url + "plans/relationship-manager.html")
    item = a.locator("li:has(.wp-input) > .wp-pick--item").first
    item.click()
    expect(item).to_have_attribute("aria-pressed", "true")
    a.goto(base_url + "mine.html")
    b = a.context.new_page()
    b.goto(base_url + "mine.html")
    field = b.locator(".wp-parts input.wp-input").first
    field.click()
    field.type("300")
    a.locator(".wp-parts input.wp-input").first.fill("500")
    note = b.locator(NOTE)
    expect(note).to_contain_text("冲突")
    expect(note).to_contain_text("“500”")
    expect(field).to_be_focused()
    expect(field).to_have_value("300")
    take = b.get_by_role("button", name="改用另一个标签页的内容")
    take.click()
    expect(field).to_have_value("500")
    expect(field).to_be_focused()
    plan = field.get_attribute("data-plan")
    assert saved_groups(b, plan)["fields"][field.get_attribute("data-field")] == "500"


def test_conflict_in_an_open_editor_keeps_it_open(new_page, base_url):
    """Both tabs change the same measure's wording: B has an inline editor open on it (the page's
    convention: its container carries data-wp-editing) when A's new wording comes."""
    a, b = two_tabs(new_page, base_url, "一")
    add = a.locator(".wp-add-own input")
    add.fill("原来的措施")
    add.press("Enter")
    expect(b.locator(".wp-entry")).to_have_count(1)
    b.evaluate("""() => { const e = document.querySelector('.wp-entry'), ed = document.createElement('span');
        ed.setAttribute('data-wp-editing', ''); const t = document.createElement('textarea');
        t.setAttribute('aria-label', '改写这项措施'); ed.appendChild(t); e.appendChild(ed); t.focus(); }""")
    b.keyboard.type("乙的改写")
    key = saved_mine(a)["parts"][0]["key"]
    write_from(a, "s.parts[0].own[0].text = '甲的改写'; return [args[0]];", key)
    note = b.locator(NOTE)
    expect(note).to_contain_text("冲突")
    expect(note).to_contain_text("甲的改写")
    editor = b.locator("[data-wp-editing] textarea")
    expect(editor).to_have_value("乙的改写")
    expect(editor).to_be_focused()
    expect(b.locator(".wp-entry label")).to_have_text("甲的改写")  # around the editor, updated
    b.get_by_role("button", name="改用另一个标签页的内容").click()
    expect(editor).to_have_value("甲的改写")


# ---------------------------------------------------------------- two writes at the same moment

# Tab B may be made to lag: its storage events are held back (window.__hold) and its next reads
# of each record return what the record held before tab A's write (window.__stale), as when B
# reads and writes a record before A's write has reached it. Then B's write lacks A's change.
LAG = """(() => {
  window.__held = [];
  window.addEventListener('storage', e => {
    if (!window.__hold) return;
    e.stopImmediatePropagation();
    window.__held.push({key: e.key, oldValue: e.oldValue, newValue: e.newValue});
  }, true);
  window.__release = () => {
    window.__hold = false;
    const held = window.__held;
    window.__held = [];
    held.forEach(h => window.dispatchEvent(new StorageEvent('storage', {...h, storageArea: localStorage})));
  };
  const get = Storage.prototype.getItem;
  Storage.prototype.getItem = function (k) {
    const stale = window.__stale;
    if (stale && k in stale) { const v = stale[k]; delete stale[k]; return v; }
    return get.call(this, k);
  };
})();"""

SHOWN = """() => ({
  header: Object.fromEntries([...document.querySelectorAll('[data-header]')].map(i => [i.dataset.header, i.value])),
  parts: [...document.querySelectorAll('.wp-part')].map(p => ({title: p.querySelector('.wp-part-title').textContent,
    own: [...p.querySelectorAll('.wp-entry')].map(e => [e.querySelector('label').textContent, e.querySelector('.wp-check').checked])}))
})"""
SEEDS = [int(os.environ["TABS_SEED"])] if os.environ.get("TABS_SEED") else [5, 77, 2026, 31337]


def do(tab, op):
    part = tab.locator(".wp-part").nth(op.get("part", 0))
    if op["kind"] == "tick":
        part.locator(".wp-entry").nth(op["entry"]).locator("input.wp-check").click()
    elif op["kind"] == "add":
        box = part.locator(".wp-add-own input")
        box.fill(op["text"])
        box.press("Enter")
    else:
        tab.locator(f"[data-header={op['field']}]").fill(op["text"])
        tab.locator("#mine-parts").focus()  # done with it (while focused, it would keep its text: 冲突)


def plan_pair(rng, model, step):
    """Two changes to the same record (one part, or the header) that do not touch the same entry."""
    if rng.random() < 0.25:
        f1, f2 = rng.sample(["name", "unit", "role"], 2)
        return [{"kind": "header", "field": f1, "text": f"甲{step}"}, {"kind": "header", "field": f2, "text": f"乙{step}"}]
    p = rng.randrange(len(model["parts"]))
    n = len(model["parts"][p]["own"])
    ops = []
    for who in "甲乙":
        taken = [o.get("entry") for o in ops]
        free = [i for i in range(n) if i not in taken]
        if free and rng.random() < 0.6:
            ops.append({"kind": "tick", "part": p, "entry": rng.choice(free)})
        else:
            ops.append({"kind": "add", "part": p, "text": f"{who}的措施{step}"})
    return ops


def expect_op(model, op):
    if op["kind"] == "header":
        model["header"][op["field"]] = op["text"]
    elif op["kind"] == "tick":
        own = model["parts"][op["part"]]["own"][op["entry"]]
        own[1] = not own[1]
    else:
        model["parts"][op["part"]]["own"].append([op["text"], False])


def in_any_order(shown):
    """Two measures added at the same moment to one part: both kept, their order is the merge's."""
    return {"header": shown["header"], "parts": [{"title": p["title"], "own": sorted(p["own"])} for p in shown["parts"]]}


def same_everywhere(a, b, model, where):
    """Both tabs show the model (and the same order), storage holds it; the model takes the order."""
    shown = []
    for tab in (a, b):
        try:
            tab.wait_for_function("([js, want]) => { const s = (0, eval)(js)(); s.parts.forEach(p => p.own.sort());"
                                  " return JSON.stringify(s) === JSON.stringify(want); }",
                                  arg=[SHOWN, in_any_order(model)], polling=20, timeout=5000)
        except Exception:  # noqa: BLE001 - show the difference rather than a timeout
            got, want = in_any_order(tab.evaluate(SHOWN)), in_any_order(model)
            assert got == want, (where, "ab"[shown.__len__()], json.dumps(
                [[g, w] for g, w in zip([got["header"]] + got["parts"], [want["header"]] + want["parts"]) if g != w],
                ensure_ascii=False), tab.evaluate("() => Object.entries(localStorage).filter(([k]) => k.indexOf('part') > 0).map(([k, v]) => [k, JSON.parse(v).entries])"))
        shown.append(tab.evaluate(SHOWN))
    assert shown[0] == shown[1], where
    items = storage_items(a)
    b.wait_for_function("items => Object.keys(items).length === localStorage.length && "
                        "Object.entries(items).every(([k, v]) => localStorage.getItem(k) === v)", arg=items, timeout=5000)
    saved = saved_mine(a, items)
    assert saved["header"] == {k: v for k, v in model["header"].items() if v}, where
    assert [[[o["text"], o["done"]] for o in p["own"]] for p in saved["parts"]] == [p["own"] for p in shown[0]["parts"]], where
    model["parts"] = shown[0]["parts"]


@pytest.mark.parametrize("seed_", SEEDS)
def test_two_tabs_writing_at_the_same_moment_converge(new_page, base_url, seed_):
    """Rapid alternating writes, some of them racing (B reads a record before A's write of it has
    reached B, then writes it): no tab's change is lost and both tabs end with the same records
    and show the same plan."""
    print(f"seed {seed_}")
    rng = random.Random(seed_)
    a = new_page(**CONTEXT)
    a.add_init_script(LAG)
    seed(a, base_url, {})
    model = {"header": {k: "" for k in ("name", "unit", "role", "from", "to", "date")}, "parts": []}
    for t in ("一", "二", "三"):
        own_part(a, t)
        model["parts"].append({"title": t, "own": []})
    for p in range(3):
        for j in range(2):
            do(a, {"kind": "add", "part": p, "text": f"措施{p}{j}"})
            model["parts"][p]["own"].append([f"措施{p}{j}", False])
    b = a.context.new_page()
    b.add_init_script(LAG)
    b.goto(base_url + "mine.html")
    raced = 0
    for step in range(24):
        where = f"seed {seed_}, step {step}"
        first, second = (a, b) if rng.random() < 0.5 else (b, a)
        if rng.random() < 0.6:  # a race: the second tab has not heard of the first one's write
            ops = plan_pair(rng, model, step)
            second.evaluate("() => { window.__hold = true; window.__stale = Object.fromEntries(Object.entries(localStorage)); }")
            do(first, ops[0])
            do(second, ops[1])
            second.evaluate("() => { window.__stale = null; window.__release(); }")
            raced += 1
        else:
            ops = [plan_pair(rng, model, step)[0]]
            do(first, ops[0])
        print(where, "race" if len(ops) == 2 else "", "A first" if first is a else "B first", ops)
        for op in ops:
            expect_op(model, op)
        same_everywhere(a, b, model, where)
    assert raced >= 8
    assert storage_items(a) == storage_items(b)


# ---------------------------------------------------------------- 5,000 parts

FILL = """n => {
  const parts = [];
  for (let i = 0; i < n; i++) parts.push({key: 'b' + i, plan: '', section: '', heading: '', title: '第' + i + '节',
    items: [], own: [0, 1, 2].map(j => ({key: 'o' + i + 'x' + j, text: '第' + i + '节的措施' + j, done: j === 0}))});
  localStorage.clear();
  const m = WP.mine.open();
  m.read();
  return m.write({header: {name: '测试', unit: '', role: '', from: '', to: '', date: ''}, parts});
}"""
# the plan's own records; "wp:v1:keep:backup" (when a change was last made, for the backup
# reminder: written once a day at most, mine-keep.js) is left out
COUNT_WRITES = """() => { window.__writes = [];
  const set = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    if (k !== 'wp:v1:keep:backup') window.__writes.push(k);
    return set.call(this, k, v);
  }; }"""


def test_five_thousand_parts_open_and_a_tick_writes_one_record(new_page, base_url):
    """Case 7, functionally: every part is on the page with the right progress at once, a tick
    writes exactly the part's record, an edit only its part."""
    page = new_page(**CONTEXT)
    seed(page, base_url, {})
    assert page.evaluate(FILL, 5000) == ""
    page.reload()
    # the moment the first parts show, the progress counts all 5,000 (drawn or not yet)
    first = page.wait_for_function("() => document.querySelector('.wp-part') && "
                                   "document.querySelector('.wp-progress-text').textContent", polling="raf", timeout=30_000)
    assert first.json_value() == "已完成 5000/15000"
    expect(page.locator(".wp-part")).to_have_count(5000, timeout=30_000)
    expect(page.locator(".wp-progress-text")).to_have_text("已完成 5000/15000")
    last = page.locator(".wp-part").last
    expect(last.locator(".wp-part-title")).to_have_text("第4999节")
    page.evaluate(COUNT_WRITES)
    box = page.locator(".wp-part").nth(2500).locator(".wp-entry").nth(1).locator("input.wp-check")
    box.check()
    expect(page.locator(".wp-progress-text")).to_have_text("已完成 5001/15000")
    assert page.evaluate("window.__writes") == [PART + "b2500"]
    record = json.loads(storage_items(page)[PART + "b2500"])
    assert record["entries"]["own/o2500x1"]["value"]["done"] is True
    page.evaluate("window.__writes = []")
    add = page.locator(".wp-part").nth(4000).locator(".wp-add-own input")
    add.fill("新加的措施")
    add.press("Enter")
    expect(page.locator(".wp-part").nth(4000).locator(".wp-entry")).to_have_count(4)
    assert page.evaluate("window.__writes") == [PART + "b4000"]
    expect(add).to_be_focused()
    # the last part is reached by keyboard from the one before it
    last.locator("[data-part=up]").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.part") == "rename"
    assert PREFIX + "mine" in storage_items(page)
