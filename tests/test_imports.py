"""Imports that cannot hurt (docs/assets/wp/mine-import.js, backup.js): the page shows what an
import would change before anything is written, merges by default, replaces only when asked,
keeps a safety copy that 撤销导入 puts back exactly (also after a reload), restores an empty
browser in one step (a file chosen or dropped), and refuses bad files with 导入失败, storage
byte-identical. Case 1 and case 8 of "Nothing lost in 我的计划", in Chromium.
"""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from support import PART, PREFIX, saved_mine, storage_items

pytestmark = pytest.mark.browser

CONTEXT = dict(accept_downloads=True)
KEEP = PREFIX + "keep:backup"  # when the last backup was made (mine-keep.js), not a record an import touches


def open_mine(page, base_url, items: dict[str, str] | None = None):
    page.goto(base_url + "mine.html")
    if items is not None:
        page.evaluate("items => { localStorage.clear(); for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); }", items)
        page.reload()
    expect(page.locator("[data-mine][data-ready]")).to_have_count(1)


def titles(page):
    return page.locator(".wp-part-title").all_inner_texts()


def own_part(page, title):
    page.locator("#wp-new-part").fill(title)
    page.locator("#wp-new-part").press("Enter")
    expect(page.locator(".wp-part-title", has_text=title)).to_have_count(1)


def choose(page, path):
    with page.expect_file_chooser() as chooser:
        page.locator(".wp-tools--mine").get_by_role("button", name="导入备份").click()
    chooser.value.set_files(str(path))


def records_only(items):
    return {k: v for k, v in items.items() if k.startswith(PREFIX) and k != KEEP}


def key_of(page, title):
    return next(p["key"] for p in saved_mine(page)["parts"] if p["title"] == title)


def rename_in_storage(page, title, new):
    """A later edit made here (the page's own record operations), then shown."""
    page.evaluate("""([t, n]) => { const m = WP.mine.open(), s = m.read().state;
        s.parts.find(p => p.title === t).title = n; return m.write(s); }""", [title, new])
    page.reload()


def newer_in_file(backup, key, title):
    """The file's copy of a part renamed later than anything here (a higher revision)."""
    entry = backup["records"][PART[len(PREFIX):] + key]["entries"]["head"]
    entry["value"]["title"] = title
    entry["rev"] += 50


def part_only_in_file(backup, key, title):
    backup["records"][PART[len(PREFIX):] + key] = {"format": 2, "rev": 1, "entries": {
        "head": {"value": {"plan": "", "section": "", "heading": "", "title": title}, "rev": 1, "by": "file"},
        "items": {"value": [], "rev": 1, "by": "file"}, "owns": {"value": [], "rev": 1, "by": "file"}}}
    order = backup["records"]["mine"]["entries"]["order"]
    order["value"] = order["value"] + [key]
    order["rev"] += 50


@pytest.fixture
def two_sides(new_page, base_url, tmp_path):
    """Parts 一 二 三 saved, a backup taken; then here 一 is renamed and 四 added, and in the file
    二 is renamed later and 五 added. -> (page, path of the file)."""
    page = new_page(**CONTEXT)
    open_mine(page, base_url, {})
    for t in ("一", "二", "三"):
        own_part(page, t)
    backup = json.loads(page.evaluate("JSON.stringify(WP.backup.make())"))
    newer_in_file(backup, key_of(page, "二"), "二(文件中改过)")
    part_only_in_file(backup, "five5", "五")
    rename_in_storage(page, "一", "一(这里改过)")
    own_part(page, "四")
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(backup, ensure_ascii=False), encoding="utf-8")
    return page, path


def group_text(page, heading):
    return page.locator(".wp-import-group", has_text=heading).inner_text()


def test_the_preview_says_what_is_newer_where_and_writes_nothing(two_sides):
    page, path = two_sides
    before = storage_items(page)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    choose(page, path)
    preview = page.locator(".wp-import")
    expect(preview).to_be_visible()
    expect(preview.get_by_role("button", name="合并")).to_be_focused()
    here, there = group_text(page, "这里较新"), group_text(page, "文件中较新")
    assert "章节“一(这里改过)”(文件中是“一”)" in here and "章节“二" not in here
    assert "章节“二”(文件中是“二(文件中改过)”)" in there and "章节“一" not in there
    assert "章节“四”" in group_text(page, "只在这里")
    assert "章节“五”" in group_text(page, "只在文件中")
    assert "章节“三”" not in preview.inner_text()  # the same on both sides: not listed
    assert dialogs == []
    assert storage_items(page) == before  # nothing written while the person decides
    preview.get_by_role("button", name="取消").click()
    expect(preview).to_be_hidden()
    expect(page.locator(".wp-tools--mine").get_by_role("button", name="导入备份")).to_be_focused()
    assert storage_items(page) == before


def test_merge_is_the_default_and_keeps_newer_work_on_both_sides(two_sides):
    page, path = two_sides
    choose(page, path)
    expect(page.locator(".wp-import").get_by_role("button", name="合并")).to_be_focused()
    page.keyboard.press("Enter")  # the focused default: 合并
    expect(page.locator(".wp-import-undo")).to_be_visible()
    expect(page.locator(".wp-part")).to_have_count(5)
    assert sorted(titles(page)) == sorted(["一(这里改过)", "二(文件中改过)", "三", "四", "五"])
    assert sorted(p["title"] for p in saved_mine(page)["parts"]) == sorted(titles(page))


def test_replace_only_when_chosen(two_sides):
    page, path = two_sides
    choose(page, path)
    page.locator(".wp-import").get_by_role("button", name="全部替换").click()
    expect(page.locator(".wp-part")).to_have_count(4)
    assert titles(page) == ["一", "二(文件中改过)", "三", "五"]
    assert [p["title"] for p in saved_mine(page)["parts"]] == titles(page)


def test_undo_import_puts_back_the_exact_strings_also_after_a_reload(two_sides):
    page, path = two_sides
    before = records_only(storage_items(page))
    choose(page, path)
    page.locator(".wp-import").get_by_role("button", name="全部替换").click()
    expect(page.locator(".wp-part")).to_have_count(4)
    assert records_only(storage_items(page)) != before
    page.reload()
    bar = page.locator(".wp-import-undo")
    expect(bar).to_be_visible()
    expect(bar).to_contain_text("撤销导入")
    bar.get_by_role("button", name="撤销导入").click()
    expect(bar).to_be_hidden()
    expect(page.locator(".wp-part")).to_have_count(4)
    assert sorted(titles(page)) == sorted(["一(这里改过)", "二", "三", "四"])
    assert records_only(storage_items(page)) == before
    page.reload()
    expect(page.locator("[data-mine][data-ready]")).to_have_count(1)
    expect(bar).to_be_hidden()  # nothing left to undo


def test_dismissing_the_undo_message_forgets_the_safety_copy(two_sides):
    page, path = two_sides
    choose(page, path)
    page.locator(".wp-import").get_by_role("button", name="合并").click()
    bar = page.locator(".wp-import-undo")
    expect(bar).to_be_visible()
    assert PREFIX + "import:undo" in storage_items(page)
    bar.get_by_role("button", name="关闭").click()
    expect(bar).to_be_hidden()
    assert PREFIX + "import:undo" not in storage_items(page)
    page.reload()
    expect(page.locator("[data-mine][data-ready]")).to_have_count(1)
    expect(bar).to_be_hidden()


DROP = """text => { const dt = new DataTransfer();
  dt.items.add(new File([text], '我的计划-备份.json', {type: 'application/json'}));
  for (const type of ['dragenter', 'dragover', 'drop'])
    document.querySelector('.wp-parts').dispatchEvent(new DragEvent(type, {dataTransfer: dt, bubbles: true, cancelable: true})); }"""


def test_a_file_dropped_on_an_empty_browser_restores_in_one_step(two_sides, new_page, base_url):
    page, path = two_sides
    fresh = new_page(**CONTEXT)
    open_mine(fresh, base_url, {})
    expect(fresh.locator(".wp-mine-empty")).to_be_visible()
    fresh.evaluate(DROP, path.read_text(encoding="utf-8"))
    expect(fresh.locator(".wp-part")).to_have_count(4)
    expect(fresh.locator(".wp-import")).to_be_hidden()  # no preview: nothing here to lose
    assert titles(fresh) == ["一", "二(文件中改过)", "三", "五"]
    bar = fresh.locator(".wp-import-undo")
    expect(bar).to_be_visible()
    bar.get_by_role("button", name="撤销导入").click()
    expect(fresh.locator(".wp-part")).to_have_count(0)
    assert records_only(storage_items(fresh)) == {}


def test_a_file_chosen_on_a_wiped_browser_restores_in_one_step(two_sides, new_page, base_url):
    page, path = two_sides
    fresh = new_page(**CONTEXT)
    open_mine(fresh, base_url, {})
    choose(fresh, path)
    expect(fresh.locator(".wp-part")).to_have_count(4)
    expect(fresh.locator(".wp-import")).to_be_hidden()


def test_case_1_an_older_backup_drops_nothing_done_since(new_page, base_url, tmp_path):
    """Case 1: a backup made before later work is imported; the preview says the file holds
    nothing newer, and the default merge leaves every string as it was."""
    page = new_page(**CONTEXT)
    open_mine(page, base_url, {})
    own_part(page, "一")
    path = tmp_path / "old.json"
    path.write_text(page.evaluate("JSON.stringify(WP.backup.make())"), encoding="utf-8")
    own_part(page, "二")
    rename_in_storage(page, "一", "一(后来改过)")
    before = records_only(storage_items(page))
    choose(page, path)
    preview = page.locator(".wp-import")
    expect(preview).to_contain_text("文件中没有比这里更新的内容")
    assert "章节“一(后来改过)”" in group_text(page, "这里较新")
    preview.get_by_role("button", name="合并").click()
    expect(page.locator(".wp-toast")).to_contain_text("没有任何改动")
    assert titles(page) == ["一(后来改过)", "二"]
    assert records_only(storage_items(page)) == before


def _valid(**records):
    return json.dumps({"format": "wp-backup", "version": 2, "records": records}, ensure_ascii=False)


HEAD = {"plan": "", "section": "", "heading": "", "title": "文件里的"}
GOOD_PART = {"format": 2, "rev": 1, "entries": {"head": {"value": HEAD, "rev": 1, "by": "x"}}}
BAD_FILES = {
    "not-json": ("{ 这不是 JSON", "不是有效的备份文件"),
    "truncated": (_valid(**{"mine:part:a1": GOOD_PART})[:60], "不是有效的备份文件"),
    "foreign": ('{"hello": "world"}', "不是本站导出的备份"),
    "newer-version": ('{"format": "wp-backup", "version": 3, "records": {}}', "更新版本"),
    "version-text": ('{"format": "wp-backup", "version": "2", "records": {}}', "版本无法识别"),
    "records-list": ('{"format": "wp-backup", "version": 2, "records": []}', "缺少保存的记录"),
    "v1-parts-wrong": ('{"format": "wp-backup", "version": 1, "records": {"mine": {"parts": [1, "x"]}}}', "已损坏"),
    "v1-header-list": ('{"format": "wp-backup", "version": 1, "records": {"mine": {"header": ["a"], "parts": []}}}', "已损坏"),
    "v1-mine-empty": ('{"format": "wp-backup", "version": 1, "records": {"mine": {}}}', "已损坏"),
    "entries-list": (_valid(**{"mine:part:a1": {"format": 2, "rev": 1, "entries": []}}), "已损坏"),
    "rev-text": (_valid(**{"mine:part:a1": {"format": 2, "rev": "1", "entries": {}}}), "已损坏"),
    "head-plan-number": (_valid(**{"mine:part:a1": {"format": 2, "rev": 1, "entries": {
        "head": {"value": {**HEAD, "plan": 5, "section": ""}, "rev": 1, "by": "x"}}}}), "已损坏"),
    "own-done-text": (_valid(**{"mine:part:a1": {"format": 2, "rev": 1, "entries": {
        "head": {"value": HEAD, "rev": 1, "by": "x"}, "own/o1": {"value": {"text": "t", "done": "yes"}, "rev": 1, "by": "x"}}}}), "已损坏"),
    "tick-text": (_valid(teller={"format": 2, "rev": 1, "entries": {"items/a-b": {"value": "yes", "rev": 1, "by": "x"}}}), "已损坏"),
    "proto-name": ('{"format": "wp-backup", "version": 2, "records": {"__proto__": {"format": 2, "rev": 1, "entries": {}}}}', "__proto__"),
    "constructor-name": (_valid(constructor={"format": 2, "rev": 1, "entries": {}}), "constructor"),
    "empty": (_valid(), "是空的"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_is_refused_and_storage_is_byte_identical(new_page, base_url, tmp_path, name):
    content, words = BAD_FILES[name]
    page = new_page(**CONTEXT)
    open_mine(page, base_url, {})
    own_part(page, "原有的章节")
    page.locator(".wp-part .wp-add-own input").fill("原有的措施")
    page.locator(".wp-part .wp-add-own input").press("Enter")
    expect(page.locator(".wp-entry")).to_have_count(1)
    before = storage_items(page)
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    choose(page, bad)
    warning = page.locator(".wp-tools--mine .wp-warning")
    expect(warning).to_contain_text("导入失败:")
    expect(warning).to_contain_text(words)
    expect(warning).to_contain_text("没有任何改动")
    expect(page.locator(".wp-import")).to_be_hidden()
    assert storage_items(page) == before
    assert titles(page) == ["原有的章节"]


def test_a_huge_file_is_refused_before_it_is_read(new_page, base_url, tmp_path):
    page = new_page(**CONTEXT)
    open_mine(page, base_url, {})
    own_part(page, "原有的章节")
    before = storage_items(page)
    huge = tmp_path / "huge.json"
    huge.write_text('{"format": "wp-backup", "version": 2, "records": {"x": "' + "长" * (4 * 1024 * 1024) + '"}}', encoding="utf-8")
    choose(page, huge)
    warning = page.locator(".wp-tools--mine .wp-warning")
    expect(warning).to_contain_text("导入失败:文件超过 10 MB")
    assert storage_items(page) == before


# Storage as good as full: a filler string takes all but about `room` characters of the quota.
FILL = """room => { localStorage.removeItem('filler'); let lo = 0, hi = 12e6;
  while (hi - lo > 500) { const mid = Math.floor((lo + hi) / 2);
    try { localStorage.setItem('filler', 'x'.repeat(mid)); lo = mid; } catch (e) { hi = mid; } }
  localStorage.setItem('filler', 'x'.repeat(lo - room)); return lo; }"""
MEASURE = "".join(f"第{i}条:复盘网点客户经营情况。" for i in range(200))[:2998] + "😀"  # 3,000 UTF-16 units


def test_case_8_an_import_failing_half_way_leaves_the_exact_earlier_strings(new_page, base_url, tmp_path):
    """With storage nearly full, an import whose first record fits and whose second does not is
    rolled back to the exact strings that were there (a 3,000-character measure included), and the
    page says truthfully that nothing changed."""
    assert len(MEASURE.encode("utf-16-le")) // 2 == 3000
    page = new_page(**CONTEXT)
    open_mine(page, base_url, {})
    own_part(page, "长措施")
    page.evaluate("""t => { const m = WP.mine.open(), s = m.read().state;
        s.parts[0].own.push({key: 'o' + Date.now(), text: t, done: false}); return m.write(s); }""", MEASURE)
    page.reload()
    expect(page.locator(".wp-entry-words")).to_have_text(MEASURE)
    long_part = PART[len(PREFIX):] + key_of(page, "长措施")
    backup = {"format": "wp-backup", "version": 2, "records": {
        "teller": {"format": 2, "rev": 1, "entries": {"items/a-b": {"value": True, "rev": 1, "by": "f"}}},
        long_part: {"format": 2, "rev": 1, "entries": {"own/file1": {"value": {"text": "文件里的措施", "done": False}, "rev": 1, "by": "f"}}},
        "mine:part:big1": {"format": 2, "rev": 1, "entries": {
            "head": {"value": {**HEAD, "title": "大" * 60000}, "rev": 1, "by": "f"}}}}}
    path = tmp_path / "big.json"
    path.write_text(json.dumps(backup, ensure_ascii=False), encoding="utf-8")
    page.evaluate(FILL, 20000)
    before = storage_items(page)
    writes = page.evaluate("""() => { window.__writes = []; const real = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) { window.__writes.push(k); return real.call(this, k, v); }; }""")
    choose(page, path)
    page.locator(".wp-import").get_by_role("button", name="合并").click()
    warning = page.locator(".wp-tools--mine .wp-warning")
    expect(warning).to_contain_text("导入失败:浏览器存储空间已满")
    expect(warning).to_contain_text("已保存的内容没有任何改动")
    writes = page.evaluate("window.__writes")
    # it got half-way: the first records were written, then put back
    assert PREFIX + "teller" in writes and PREFIX + long_part in writes
    after = storage_items(page)
    assert after == before
    assert MEASURE in after[next(k for k in after if k.startswith(PART))]
    expect(page.locator(".wp-import-undo")).to_be_hidden()
    page.evaluate("localStorage.removeItem('filler')")
    page.reload()
    expect(page.locator(".wp-entry-words")).to_have_text(MEASURE)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_with_the_preview_and_the_undo_message(two_sides, axe_source, scheme):
    """The preview, then 撤销导入, 上次备份's reminder and the file line, in both colour schemes."""
    from test_quality import axe
    page, path = two_sides
    page.emulate_media(color_scheme=scheme)
    choose(page, path)
    expect(page.locator(".wp-import")).to_be_visible()
    problems = axe(page, axe_source, f"mine.html, import preview ({scheme})")
    page.locator(".wp-import").get_by_role("button", name="合并").click()
    expect(page.locator(".wp-import-undo")).to_be_visible()
    expect(page.locator(".wp-keep-remind")).to_be_visible()
    problems += axe(page, axe_source, f"mine.html, after an import ({scheme})")
    assert problems == []


from test_quality import axe_source  # noqa: E402,F401  (the fixture)
