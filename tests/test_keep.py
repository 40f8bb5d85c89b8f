"""Nothing a person saves in 我的计划 is lost: the record format (docs/assets/wp/store.js and
mine-state.js) in real Chromium, two tabs on one browser profile, failures of storage mid-write.

Saved records are read back with the independent reader in tests/support.py, and through the page.
"""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from support import PART, PREFIX, saved_groups, saved_mine, storage_items

pytestmark = pytest.mark.browser

CONTEXT = dict(permissions=["clipboard-read", "clipboard-write"], accept_downloads=True)

# A tab that has not heard of the other tab's writes yet (a frozen background tab, a slow event):
# the page's own "storage" listeners never run.
DEAF = "window.addEventListener('storage', e => e.stopImmediatePropagation(), true);"
# window.__failIn = n: the n-th setItem from now throws QuotaExceededError, once.
FAIL = """(() => {
  const real = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    if (typeof window.__failIn === 'number' && --window.__failIn === 0) {
      window.__failIn = undefined;
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    return real.call(this, k, v);
  };
})();"""

LONG = "".join(f"第{i}条:按月复盘网点客户经营情况并记录问题。" for i in range(250))  # ~5,000 characters


def format1(**parts_and_header):
    return json.dumps({"format": 1, **parts_and_header}, ensure_ascii=False)


def seed(page, base_url, items: dict[str, str]):
    """Open 我的计划 with these raw records in storage, as an earlier version left them."""
    page.goto(base_url + "mine.html")
    page.evaluate("items => { localStorage.clear(); for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); }", items)
    page.reload()
    expect(page.locator("[data-mine][data-ready]")).to_have_count(1)


def titles(page):
    return page.locator(".wp-part-title").all_inner_texts()


def deaf_tab(page, base_url):
    """A second tab of the same browser, on 我的计划, that does not hear the first one's writes."""
    tab = page.context.new_page()
    tab.add_init_script(DEAF)
    tab.goto(base_url + "mine.html")
    return tab


def heard(tab, other):
    """Wait until tab's storage holds what other wrote: each tab's renderer gets another's writes a
    moment later. (The deaf tab's page still has not read them.)"""
    tab.wait_for_function("items => Object.entries(items).every(([k, v]) => localStorage.getItem(k) === v)",
                          arg=storage_items(other), polling=5)


def mine_with(new_page, base_url, *titles):
    """A fresh browser on 我的计划 with sections of one's own of these titles."""
    page = new_page(**CONTEXT)
    seed(page, base_url, {})
    for t in titles:
        own_part(page, t)
    return page


def own_part(page, title):
    page.locator("#wp-new-part").fill(title)
    page.locator("#wp-new-part").press("Enter")
    expect(page.locator(".wp-part-title", has_text=title)).to_have_count(1)


def test_format_1_is_read_whole_and_kept(new_page, base_url):
    """Format 1 → 2: texts of any length, every part (also one whose key is "constructor"), the
    header; the old text kept as it was."""
    page = new_page(**CONTEXT)
    old = format1(header={"name": "王五", "unit": "城东支行"}, parts=[
        {"key": "constructor", "plan": "", "section": "", "heading": "", "title": "个人提升",
         "items": [], "own": [{"key": "tostring", "text": LONG, "done": True}]},
        {"key": "p2", "plan": "", "section": "", "heading": "", "title": "客户维护" * 100, "items": [], "own": []}])
    seed(page, base_url, {PREFIX + "mine": old})
    assert titles(page) == ["个人提升", "客户维护" * 100]
    expect(page.locator(".wp-part").first.locator(".wp-entry label")).to_have_text(LONG)
    saved = saved_mine(page)
    assert saved["header"] == {"name": "王五", "unit": "城东支行"}
    assert [p["key"] for p in saved["parts"]] == ["constructor", "p2"]
    assert saved["parts"][0]["own"] == [{"key": "tostring", "text": LONG, "done": True}]
    assert storage_items(page)[PREFIX + "format1:mine"] == old
    page.reload()
    assert titles(page) == ["个人提升", "客户维护" * 100]


def test_ids_named_like_built_in_names(new_page, base_url):
    page = new_page(**CONTEXT)
    seed(page, base_url, {})
    names = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]
    page.evaluate("""names => {
        const s = WP.store.open('teller'), items = {}, fields = {};
        names.forEach((n, i) => { Object.defineProperty(items, n, {value: true, enumerable: true});
                                  Object.defineProperty(fields, n, {value: '值' + i, enumerable: true}); });
        return s.write({items, fields, saved: ''});
    }""", names)
    saved = saved_groups(page, "teller")
    assert saved["items"] == {n: True for n in names}
    assert saved["fields"] == {n: f"值{i}" for i, n in enumerate(names)}
    back = page.evaluate("() => { const r = WP.store.open('teller').read(); return [Object.keys(r.items), r.fields['__proto__'], r.items.toString]; }")
    assert sorted(back[0]) == sorted(names) and back[1:] == ["值0", True]


def test_a_stale_tab_never_replaces_newer_work(new_page, base_url):
    """Tab B has not heard of tab A's changes; what B saves afterwards keeps them."""
    a = new_page(**CONTEXT)
    seed(a, base_url, {})
    own_part(a, "第一节")
    b = deaf_tab(a, base_url)
    expect(b.locator(".wp-part-title")).to_have_text(["第一节"])
    a.locator("#wp-mine-name").fill("甲")
    own_part(a, "甲的章节")
    heard(b, a)
    own_part(b, "乙的章节")  # B still believes the header is empty and there is one part
    b.locator("[data-header=unit]").fill("乙的网点")
    heard(a, b)  # A's renderer gets B's writes a moment later
    saved = saved_mine(a)
    assert saved["header"] == {"name": "甲", "unit": "乙的网点"}
    # both orders were changed from the same one: one wins, the other tab's part follows it
    assert [p["title"] for p in saved["parts"]][0] == "第一节"
    assert sorted(p["title"] for p in saved["parts"]) == sorted(["第一节", "甲的章节", "乙的章节"])
    a.reload()
    assert titles(a) == [p["title"] for p in saved["parts"]]


def test_a_removal_is_not_brought_back_by_a_stale_tab(new_page, base_url):
    a = new_page(**CONTEXT)
    seed(a, base_url, {})
    own_part(a, "留下")
    own_part(a, "移除")
    gone = saved_mine(a)["parts"][1]["key"]
    b = deaf_tab(a, base_url)
    a.locator(".wp-part").nth(1).get_by_role("button", name="移除本节").click()
    expect(a.locator(".wp-part")).to_have_count(1)
    heard(b, a)
    b.locator("[data-header=role]").fill("柜员")  # B still shows the removed part
    b.locator(".wp-part").first.locator(".wp-add-own input").fill("乙加的措施")
    b.locator(".wp-part").first.locator(".wp-add-own input").press("Enter")
    expect(b.locator(".wp-entry", has_text="乙加的措施")).to_have_count(1)
    heard(a, b)  # B's write reaches A's renderer a moment later
    saved = saved_mine(a)
    assert [p["title"] for p in saved["parts"]] == ["留下"]
    assert saved["parts"][0]["own"][0]["text"] == "乙加的措施"
    assert saved["header"] == {"role": "柜员"}
    removed = json.loads(storage_items(a)[PART + gone])
    assert all(e.get("deleted") for e in removed["entries"].values())  # tombstones, not a missing key


def test_an_edit_writes_only_its_own_record(new_page, base_url):
    page = mine_with(new_page, base_url, "一", "二", "三")
    before = storage_items(page)
    second = page.locator(".wp-part").nth(1).locator(".wp-add-own input")
    second.fill("新措施")
    second.press("Enter")
    after = storage_items(page)
    key = saved_mine(page)["parts"][1]["key"]
    assert {k for k in after if after[k] != before.get(k)} == {PART + key}
    assert json.loads(after[PART + key])["rev"] == json.loads(before[PART + key])["rev"] + 1


def test_a_failed_import_puts_back_the_exact_earlier_strings(new_page, base_url, tmp_path):
    """The second of three records fails to write: every key holds exactly what it held before,
    also texts longer than format 1 kept and fields this version does not know."""
    page = new_page(**CONTEXT)
    page.add_init_script(FAIL)
    teller = json.dumps({"items": {"a-b": True}, "fields": {"f": "长" * 300}, "saved": "x", "extra": [1]}, ensure_ascii=False)
    seed(page, base_url, {PREFIX + "mine": format1(parts=[{"key": "k1", "plan": "", "section": "", "heading": "",
                                                          "title": "原来的" * 200, "items": [], "own": []}]),
                          PREFIX + "teller": teller})
    before = storage_items(page)
    backup = {"format": "wp-backup", "version": 1, "records": {
        "mine": {"parts": [{"key": "k9", "title": "备份里的", "plan": "", "section": ""}]},
        "teller": {"items": {"c-d": True}}, "relationship-manager": {"items": {"e-f": True}}}}
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(backup, ensure_ascii=False), encoding="utf-8")
    # the last record the import writes does not fit (also when tried again without the safety copy)
    page.evaluate("""() => { const real = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {
          if (k === 'wp:v1:relationship-manager') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          return real.call(this, k, v); }; }""")
    with page.expect_file_chooser() as chooser:
        page.locator(".wp-tools--mine").get_by_role("button", name="导入备份").click()
    chooser.value.set_files(str(path))
    page.locator(".wp-import").get_by_role("button", name="全部替换").click()
    expect(page.locator(".wp-tools--mine .wp-warning")).to_contain_text("没有任何改动")
    assert storage_items(page) == before
    assert before[PREFIX + "teller"] == teller


def test_damaged_records_are_kept_and_go_into_backups(new_page, base_url):
    page = new_page(**CONTEXT)
    broken = '{"format": 2, "rev": 3, "entries": {"head": {"value": 5'
    odd = json.dumps({"format": 2, "rev": 1, "entries": {
        "head": {"value": {"plan": "", "section": "", "heading": "", "title": "好的"}, "rev": 1, "by": "x"},
        "own/a1": {"value": {"text": 42, "done": "yes"}, "rev": 1, "by": "x"}}})
    seed(page, base_url, {PART + "zz": broken, PART + "yy": odd})
    assert titles(page) == ["好的"]  # what can be read is used
    with page.expect_download() as info:
        page.locator(".wp-tools--mine").get_by_role("button", name="导出备份").click()
    data = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert data["damaged"] == {"damaged:mine:part:yy": odd, "damaged:mine:part:zz": broken}
    note = page.locator(".wp-damaged")
    expect(note).to_be_visible()
    expect(note).to_contain_text("有 2 条记录无法读取")
    with page.expect_download() as info:
        note.get_by_role("button", name="下载无法读取的记录").click()
    assert info.value.suggested_filename.endswith(".json")
    kept = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert kept["format"] == "wp-damaged"
    assert sorted(r["raw"] for r in kept["records"]) == sorted([broken, odd])


def test_both_tabs_change_the_same_thing_and_agree(new_page, base_url):
    """The same part renamed in two tabs from the same revision: one name wins, the same in both
    tabs, and the tab whose name lost is told (conflicts)."""
    a = new_page(**CONTEXT)
    seed(a, base_url, {})
    own_part(a, "原名")
    b = deaf_tab(a, base_url)
    # both read the same revision, then each writes
    for tab in (a, b):
        tab.evaluate("() => { window.m = WP.mine.open(); window.s = window.m.read().state; }")
    ra = a.evaluate("() => { s.parts[0].title = '甲名'; return [m.write(s), m.conflicts]; }")
    heard(b, a)
    rb = b.evaluate("() => { s.parts[0].title = '乙名'; return [m.write(s), m.conflicts]; }")
    assert ra == ["", []]
    assert rb[0] == "" and rb[1] == [PART[len(PREFIX):] + saved_mine(a)["parts"][0]["key"] + " head"]
    heard(a, b)  # tab A's renderer gets B's write a moment later
    names = [t.evaluate("WP.mine.open().read().state.parts[0].title") for t in (a, b)]
    assert names[0] == names[1] and names[0] in ("甲名", "乙名")


def test_import_merges_by_entry_and_keeps_newer_work(new_page, base_url):
    page = new_page(**CONTEXT)
    seed(page, base_url, {})
    own_part(page, "一")
    own_part(page, "二")
    backup = page.evaluate("JSON.stringify(WP.backup.make())")
    page.locator(".wp-part").first.get_by_role("button", name="改标题").click()
    page.locator("[data-wp-editing] input").fill("一(改过)")
    page.locator("[data-wp-editing] input").press("Enter")
    expect(page.locator(".wp-part-title").first).to_have_text("一(改过)")
    page.locator(".wp-part").nth(1).get_by_role("button", name="移除本节").click()
    own_part(page, "三")
    result = page.evaluate("b => WP.backup.restore(WP.backup.check(b), 'merge')", backup)
    assert result == ""
    assert [p["title"] for p in saved_mine(page)["parts"]] == ["一(改过)", "三"]


def test_a_write_that_names_what_it_touched_compares_only_that(new_page, base_url):
    """WP.mine.write(state, only): the named parts (and "mine": header and order) are compared and
    written, nothing else; a later write without a name finds the rest."""
    page = mine_with(new_page, base_url, "一", "二", "三")
    keys = [p["key"] for p in saved_mine(page)["parts"]]
    page.evaluate("() => { window.m = WP.mine.open(); window.s = m.read().state; }")
    assert page.evaluate("k => { s.parts[1].title = '二改'; s.parts[2].title = '三改'; return m.write(s, [k]); }", keys[1]) == ""
    assert [p["title"] for p in saved_mine(page)["parts"]] == ["一", "二改", "三"]
    assert page.evaluate("() => { s.parts.splice(0, 1); s.header.name = '名'; return m.write(s, ['mine']); }") == ""
    saved = saved_mine(page)
    assert [p["title"] for p in saved["parts"]] == ["二改", "三"] and saved["header"] == {"name": "名"}
    assert page.evaluate("m.write(s)") == ""
    assert [p["title"] for p in saved_mine(page)["parts"]] == ["二改", "三改"]


# ---------------------------------------------------------------- 撤销

def no_dialogs(page):
    seen = []
    page.on("dialog", lambda d: (seen.append(d.message), d.dismiss()))
    return seen


def test_a_removed_part_comes_back_and_a_second_press_removes_nothing_more(new_page, base_url):
    page = mine_with(new_page, base_url, "一", "二", "三")
    dialogs = no_dialogs(page)
    page.locator(".wp-part").nth(1).get_by_role("button", name="移除本节").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".wp-part")).to_have_count(2)
    bar = page.locator(".wp-undo")
    expect(bar).to_contain_text("已移除“二”")
    assert page.evaluate("document.activeElement.textContent") == "撤销"
    assert [p["title"] for p in saved_mine(page)["parts"]] == ["一", "三"]
    page.keyboard.press("Enter")  # the same key again: puts it back, removes nothing
    expect(page.locator(".wp-part")).to_have_count(3)
    assert titles(page) == ["一", "二", "三"] and dialogs == []
    expect(bar).to_be_hidden()
    assert [p["title"] for p in saved_mine(page)["parts"]] == ["一", "二", "三"]
    page.reload()
    assert titles(page) == ["一", "二", "三"]


def test_a_removed_measure_comes_back_with_ctrl_z_not_while_typing(new_page, base_url):
    page = new_page(**CONTEXT)
    seed(page, base_url, {})
    own_part(page, "一")
    add = page.locator(".wp-add-own input")
    for text in ("甲措施", "乙措施"):
        add.fill(text)
        add.press("Enter")
    entries = page.locator(".wp-entry")
    entries.first.get_by_role("button", name="移除").click()
    expect(entries).to_have_count(1)
    expect(page.locator(".wp-undo")).to_contain_text("甲措施")
    page.locator("#wp-mine-name").fill("张")
    page.locator("#wp-mine-name").press("Control+z")  # inside a text box: the box's own undo
    expect(entries).to_have_count(1)
    page.locator("#mine-parts").focus()
    page.keyboard.press("Control+z")
    expect(entries).to_have_count(2)
    assert [o["text"] for o in saved_mine(page)["parts"][0]["own"]] == ["甲措施", "乙措施"]


def test_the_undo_bar_stays_thirty_seconds(new_page, base_url):
    page = new_page(**CONTEXT)
    page.clock.install()
    seed(page, base_url, {})
    own_part(page, "一")
    own_part(page, "二")
    page.locator(".wp-part").first.get_by_role("button", name="移除本节").click()
    bar = page.locator(".wp-undo")
    expect(bar).to_be_visible()
    page.clock.run_for(25_000)
    expect(bar).to_be_visible()  # the 5-second toast would be gone
    page.clock.run_for(6_000)
    expect(bar).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "mine-parts"
