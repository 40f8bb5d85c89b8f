"""A template edited after the person picked from it (reconcile.js, mine-gone.js, plan-gone.js), in
Chromium: one site as it was when the person picked, ticked and filled in, one after the template
moved measures between sections, deleted a measure with a field, a field of a measure it kept and a
sub-measure, both served from one origin (one localStorage). Nothing the person did disappears: a
moved measure shows once, where the template now has it, with its tick and adapted wording (or, when
its new section is not picked, where the person has it, marked 已移至); deleted values and
sub-measures stay visible, marked 模板中已删除, on 我的计划, in its exports and on the plan page,
until the person removes them (with 撤销). A measure id "constructor" is a plain id throughout."""
from __future__ import annotations

import re

import pytest
import yaml
from docx import Document
from playwright.sync_api import expect

from support import build, copy_project, dicts, edit_plan, saved_groups, saved_mine, serve

pytestmark = pytest.mark.browser

PLAN = "relationship-manager"
A, B, C = "market-map-industry", "market-map-competitors", "new-clients-channels"   # C is never picked
T, D = "existing-clients-tiering", "existing-clients-cross-selling"
EXTRA = "market-map-industry-extra"                 # in A, moved to C
GRID, CHAIN = "market-map-industry-grid", "market-map-industry-supply-chain"
STRATEGIES, SOLUTIONS = "existing-clients-tiering-strategies", "existing-clients-cross-selling-solutions"
FIELDS = [{"id": "visit-count", "label": "走访企业数", "placeholder": "XX", "unit": "家", "kind": "number"},
          {"id": "chain-count", "label": "供应链核心企业数", "placeholder": "XX", "unit": "家", "kind": "number"}]
EDITED = "我改写过的这项措施"
CONTEXT = dict(permissions=["clipboard-read", "clipboard-write"], accept_downloads=True)


def _sections(data):
    """id -> section dict, at any depth."""
    out = {}
    for node in dicts(data):
        if "id" in node and ("measures" in node or "sections" in node or "title" in node):
            out.setdefault(node["id"], node)
    return out


def _items(section):
    return {it["id"]: it for it in section["measures"]["items"]}


def _before(data):
    """The template when the person picks: a measure whose id is "constructor", two measures with a
    fill-in field, one more measure in A."""
    s = _sections(data)
    a = s[A]["measures"]["items"]
    a[0]["id"] = "constructor"
    a[1]["text"] = a[1]["text"].rstrip("。") + ",每月走访[[visit-count]]家。"
    a[2]["text"] = a[2]["text"].rstrip("。") + ",覆盖[[chain-count]]家。"
    a.append({"id": EXTRA, "text": "每月整理一次区域产业动态并与团队分享。"})
    data["fields"] = list(data.get("fields") or []) + FIELDS


def _after(data):
    """The template edited: constructor moved A -> B, EXTRA moved A -> C, GRID deleted (with its
    field), CHAIN keeps its words but loses its field, STRATEGIES loses its last sub-measure,
    SOLUTIONS (with its sub-measures) moved D -> T."""
    s = _sections(data)
    a = _items(s[A])
    s[B]["measures"]["items"].append(a["constructor"])
    s[C]["measures"]["items"].append(a[EXTRA])
    chain = a[CHAIN]
    chain["text"] = chain["text"].replace("[[chain-count]]家", "若干家")
    s[A]["measures"]["items"] = [it for it in s[A]["measures"]["items"] if it["id"] not in ("constructor", EXTRA, GRID)]
    _items(s[T])[STRATEGIES]["items"].pop()
    d = s[D]["measures"]["items"]
    s[T]["measures"]["items"].append(next(it for it in d if it["id"] == SOLUTIONS))
    s[D]["measures"]["items"] = [it for it in d if it["id"] != SOLUTIONS]
    data["fields"] = [f for f in data["fields"] if f["id"] not in ("visit-count", "chain-count")]


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The two builds served from one origin (old/, new/), both with a plan whose id is "constructor"."""
    top = tmp_path_factory.mktemp("reconcile")
    root = top / "root"
    root.mkdir()
    old = copy_project(top / "old")
    edit_plan(old, PLAN, _before)
    teller = yaml.safe_load((old / "data" / "plans" / "teller.yml").read_text(encoding="utf-8"))
    teller.update(id="constructor", order=999, role="柜员(副本)")  # a plan whose id is a built-in name
    (old / "data" / "plans" / "constructor.yml").write_text(yaml.safe_dump(teller, allow_unicode=True, sort_keys=False),
                                                          encoding="utf-8")
    result = build(old, root / "old")
    assert result.returncode == 0, result.stdout + result.stderr
    edit_plan(old, PLAN, _after)
    result = build(old, root / "new")
    assert result.returncode == 0, result.stdout + result.stderr
    url, server = serve(root)
    yield url
    server.shutdown()
    server.server_close()


def _pick_and_fill(page, url):
    """On the template as it was: pick A, B, T, D; tick, fill in, adapt a wording."""
    page.goto(url + f"old/plans/{PLAN}.html")
    for section in (A, B, T, D):
        button = page.locator(f"[data-section='{section}'] .wp-pick")
        button.click()
        expect(button).to_have_text("移出我的计划")  # saved before the next step
    page.check("#wp-check-constructor")
    page.fill("input.wp-input[data-field='visit-count']", "35")
    page.fill("input.wp-input[data-field='chain-count']", "12")
    gone_sub = page.locator(f"li[id='{STRATEGIES}'] li.wp-item").last
    gone_id = gone_sub.get_attribute("id")
    gone_sub.locator(":scope > input.wp-check").check()
    page.locator(f"li[id='{SOLUTIONS}'] li.wp-item").first.locator(":scope > input.wp-check").check()
    kept_sub = page.locator(f"li[id='{SOLUTIONS}'] li.wp-item").first.get_attribute("id")
    expect(page.locator(".wp-tools--plan .wp-note")).to_contain_text("已自动保存")
    page.goto(url + "old/mine.html")
    expect(page.locator(".wp-part")).to_have_count(4)
    page.evaluate("""w => { const m = WP.mine.open(), st = m.read().state;
      st.parts.forEach(p => p.items.forEach(it => { if (it.id === 'constructor' || it.id === 'market-map-industry-extra') it.edit = w + it.id; }));
      if (m.write(st)) throw new Error('not saved'); }""", EDITED)
    return gone_id, kept_sub


def _part(page, heading):
    return page.locator(".wp-part", has=page.locator(".wp-part-title", has_text=heading))


def test_moves_deletions_and_sub_measures_reconciled(new_page, sites, tmp_path):
    page = new_page(**CONTEXT)
    gone_id, kept_sub = _pick_and_fill(page, sites)
    page.goto(sites + "new/mine.html")
    expect(page.locator(".wp-part")).to_have_count(4)
    headings = {s: page.locator(f"#part-{p['key']}").inner_text() for p in saved_mine(page)["parts"] for s in [p["section"]]}

    # moved into a picked section: once, there, ticked, in the person's words
    moved = page.locator("input.wp-check[data-item='constructor']")
    expect(moved).to_have_count(1)
    expect(_part(page, headings[B]).locator("input.wp-check[data-item='constructor']")).to_be_checked()
    expect(_part(page, headings[B])).to_contain_text(EDITED + "constructor")
    # moved to a section the person has not picked: stays in A, says where it went
    extra = page.locator(".wp-entry", has=page.locator(f"input[data-item='{EXTRA}']"))
    expect(extra).to_have_count(1)
    expect(_part(page, headings[A]).locator(f"input[data-item='{EXTRA}']")).to_have_count(1)
    expect(extra.locator(".wp-entry-note")).to_contain_text("已移至")
    # a deleted measure: its words, its value, marked
    grid = _part(page, headings[A]).locator(".wp-entry", has_text="模板中已删除").filter(has_text="35")
    expect(grid).to_have_count(1)
    expect(grid.locator(".wp-gone")).to_contain_text("走访企业数:35家")
    # a field deleted from a measure the template kept: the value under it, marked
    chain = page.locator(".wp-entry", has=page.locator(f"input[data-item='{CHAIN}']"))
    expect(chain.locator(".wp-gone")).to_contain_text("供应链核心企业数:12家")
    expect(chain.locator(".wp-gone")).to_contain_text("模板中已删除")
    # a deleted sub-measure: kept with its tick, marked
    gone_row = page.locator(f".wp-gone[data-id='{gone_id}']")
    expect(gone_row).to_contain_text("模板中已删除")
    expect(gone_row.locator("input.wp-check")).to_be_checked()
    # a measure moved with its sub-measures: in T now, its sub-measures and their ticks with it
    solutions = _part(page, headings[T]).locator(".wp-entry", has=page.locator(f"input[data-item='{SOLUTIONS}']"))
    expect(solutions).to_have_count(1)
    expect(solutions.locator(f"input.wp-check[data-item='{kept_sub}']")).to_be_checked()
    expect(page.locator(f"input.wp-check[data-item='{SOLUTIONS}']")).to_have_count(1)

    # saved that way: each measure in one part only
    parts = saved_mine(page)["parts"]
    owners = [p["section"] for p in parts for it in p["items"] if it["id"] == "constructor"]
    assert owners == [B], parts

    # the exports carry the values, marked
    page.locator(".wp-tools--mine button[data-act=text]").click()
    expect(page.locator(".wp-toast")).to_contain_text("复制")
    text = page.evaluate("navigator.clipboard.readText()")
    assert "走访企业数:35家,模板中已删除" in text and "供应链核心企业数:12家" in text, text
    assert text.count(EDITED + "constructor") == 1, text
    with page.expect_download() as download:
        page.locator(".wp-tools--mine button[data-act=docx]").click()
    download.value.save_as(tmp_path / "plan.docx")
    paras = "\n".join(p.text for p in Document(str(tmp_path / "plan.docx")).paragraphs)
    assert "走访企业数:35家,模板中已删除" in paras and paras.count(EDITED + "constructor") == 1, paras

    # the same after a reload
    page.reload()
    expect(page.locator("input.wp-check[data-item='constructor']")).to_have_count(1)
    expect(page.locator(".wp-gone", has_text="走访企业数:35家")).to_have_count(1)

    # the person now picks the section EXTRA moved to: it goes there, once, in their words
    page.goto(sites + f"new/plans/{PLAN}.html")
    c = page.locator(f"[data-section='{C}'] .wp-pick")
    c.click()
    expect(c).to_have_text("移出我的计划")
    owners = [p["section"] for p in saved_mine(page)["parts"] for it in p["items"] if it["id"] == EXTRA]
    assert owners == [C], owners  # saved once by the pick itself, not only when 我的计划 is opened
    page.goto(sites + "new/mine.html")
    expect(page.locator(".wp-part")).to_have_count(5)
    extra = page.locator(".wp-entry", has=page.locator(f"input[data-item='{EXTRA}']"))
    expect(extra).to_have_count(1)
    expect(extra).to_contain_text(EDITED + EXTRA)
    expect(extra.locator(".wp-entry-note")).not_to_contain_text("已移至")
    assert [p["section"] for p in saved_mine(page)["parts"] for it in p["items"] if it["id"] == EXTRA] == [C]


def test_deleted_values_removed_and_put_back(new_page, sites):
    """Case 10: a field and a measure deleted from the template; the values stay visible until the
    person removes them, on 我的计划 and on the plan page, each removal undone with 撤销."""
    page = new_page(**CONTEXT)
    gone_id, _ = _pick_and_fill(page, sites)
    page.goto(sites + "new/mine.html")
    row = page.locator(".wp-gone", has_text="走访企业数:35家")
    row.locator("button[data-gone]").click()
    expect(row).to_have_count(0)
    assert "visit-count" not in saved_groups(page, PLAN)["fields"]
    undo = page.locator(".wp-undo button")
    expect(undo).to_be_focused()
    undo.press("Enter")
    expect(row).to_have_count(1)
    expect(row.locator("button[data-gone]")).to_be_focused()
    assert saved_groups(page, PLAN)["fields"]["visit-count"] == "35"
    # a deleted sub-measure: out of 我的计划 and its tick cleared, then back
    sub = page.locator(f".wp-gone[data-id='{gone_id}']")
    sub.locator("button[data-gone]").click()
    expect(sub).to_have_count(0)
    assert gone_id not in saved_groups(page, PLAN)["items"]
    page.locator(".wp-undo button").click()
    expect(sub.locator("input.wp-check")).to_be_checked()

    # the plan page: what it has no place for, in a box, named from 我的计划
    page.goto(sites + f"new/plans/{PLAN}.html")
    box = page.locator(".wp-tools--plan .wp-leftover")
    expect(box).to_be_visible()
    expect(box).to_contain_text("模板中已删除的内容")
    expect(box).to_contain_text("走访企业数:35家")
    expect(box).to_contain_text("供应链核心企业数:12家")
    expect(box.locator("li", has_text="已勾选的措施")).to_have_count(1)  # the deleted sub-measure
    value = box.locator("li", has_text="供应链核心企业数:12家")
    value.locator("button").click()
    assert "chain-count" not in saved_groups(page, PLAN)["fields"]
    back = box.locator("li", has_text="已移除").locator("button")
    expect(back).to_be_focused()
    expect(back).to_have_text("撤销")
    back.press("Enter")
    expect(box.locator("li", has_text="供应链核心企业数:12家").locator("button")).to_be_focused()
    assert saved_groups(page, PLAN)["fields"]["chain-count"] == "12"
    # a pick on this page now: the moved measure shows as picked in its new section
    expect(page.locator("li[id='constructor'] > .wp-pick--item")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f"[data-section='{B}'] .wp-pick")).to_have_text("移出我的计划")


def test_a_plan_whose_id_is_constructor(new_page, sites):
    """Its data is loaded and its part shown like any other (not taken for a built-in of a map)."""
    page = new_page()
    page.goto(sites + "new/plans/constructor.html")
    first = page.evaluate("""() => { let n = document.querySelector('.wp-measures');
        while (n && !/^H[1-6]$/.test(n.tagName)) n = n.previousElementSibling; return n.id; }""")
    pick = page.locator(f"[data-section='{first}'] .wp-pick")  # a section of measures, not the goals' targets
    pick.click()
    expect(pick).to_have_text("移出我的计划")
    first = page.locator(".wp-measures li.wp-item > input.wp-check").first
    first.check()
    expect(page.locator(".wp-tools--plan .wp-note")).to_contain_text("已自动保存")
    page.goto(sites + "new/mine.html")
    part = page.locator(".wp-part")
    expect(part).to_have_count(1)
    expect(part.locator(".wp-part-source a")).to_have_attribute("href", re.compile(r"plans/constructor\.html#"))
    expect(part.locator(".wp-entry input.wp-check").first).to_be_checked()
    expect(part).not_to_contain_text("模板数据无法读取")
    expect(page.locator(".wp-tools--mine .wp-progress-text")).to_contain_text("已完成 1/")


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_marks_pass_axe(new_page, sites, axe_source, scheme):
    """The marks, values and 移除 buttons on both pages, at phone width, in both colour schemes."""
    from test_quality import axe
    page = new_page(viewport={"width": 390, "height": 844}, **CONTEXT)
    _pick_and_fill(page, sites)
    problems = []
    for address, shown in (("new/mine.html", ".wp-gone"), (f"new/plans/{PLAN}.html", ".wp-leftover")):
        page.goto(sites + address)
        expect(page.locator(shown).first).to_be_visible()
        page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
        page.evaluate("document.getAnimations().forEach(t => t.finish())")  # colours not caught mid-change
        problems += axe(page, axe_source, f"{address} ({scheme})")
    assert problems == [], "\n".join(problems)


from test_quality import axe_source  # noqa: E402,F401  (the fixture)


FOLLOW = """async () => {
  const data = await WP.data.loadPlan('teller');
  const secs = [];
  (function walk(list) { list.forEach(s => { if (s.measures) secs.push(s); walk(s.sections || []); }); })(data.sections);
  const [s1, s2] = secs, m = s1.measures.items[0];
  const d = structuredClone(data);             // s2 was once called "old-s2"
  (function walk(list) { list.forEach(s => { if (s.id === s2.id) s.aliases = ['old-s2']; walk(s.sections || []); }); })(d.sections);
  const state = {header: {}, parts: [
    {key: 'a', plan: 'teller', section: s1.id, heading: '', title: '', items: [{id: m.id, text: 'x'}], own: []},
    {key: 'b', plan: 'teller', section: s2.id, heading: '', title: '', items: [{id: m.id, text: 'x', edit: '我的措辞'}], own: []},
    {key: 'c', plan: 'teller', section: 'old-s2', heading: '', title: '我的标题', items: [],
     own: [{key: 'o1', text: '自己的', done: false}]},
    {key: 'constructor', plan: 'teller', section: 'gone-section', heading: '旧节', title: '', own: [],
     items: [{id: 'constructor', text: '已删除的措施', fields: [{id: 'constructor', label: '名称', placeholder: 'XX', unit: '家'}],
              sub: [{id: 'toString', text: '已删除的下级措施'}]}]}]};
  const changed = WP.reconcile.follow(state, d);
  const kept = state.parts.find(p => p.key === 'constructor').items[0];
  return {m: m.id, s1: s1.id, s2: s2.id, changed, again: WP.reconcile.follow(state, d),
          parts: state.parts.map(p => [p.key, p.section, p.title, p.items.map(i => [i.id, i.edit || '']), p.own.length]),
          gone: WP.reconcile.gone(kept, null, d)};
}"""


def test_follow_as_a_pure_function(new_page, base_url):
    """reconcile.follow on a state built by hand: one measure in two parts becomes one entry in the
    part of its section, keeping the adapted wording of the other; a part whose section was renamed
    onto another part's joins it (own measures, title); "constructor" and "toString" are plain ids;
    a second call changes nothing (no save on every load)."""
    page = new_page()
    page.goto(base_url + "mine.html")
    r = page.evaluate(FOLLOW)
    assert r["changed"] is True and r["again"] is False, r
    assert r["parts"] == [
        ["a", r["s1"], "", [[r["m"], "我的措辞"]], 0],
        ["b", r["s2"], "我的标题", [], 1],
        ["constructor", "gone-section", "", [["constructor", ""]], 0],
    ], r
    assert [f["id"] for f in r["gone"]["fields"]] == ["constructor"] and [c["id"] for c in r["gone"]["sub"]] == ["toString"], r
