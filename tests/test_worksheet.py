"""Worksheet script (docs/assets/worksheet.js) in real Chromium: ticks and fields saved per plan,
progress, copy/download, print, keyboard, broken storage, no JavaScript.

Expected texts come from the plan data (the typed model of data/plans/*.yml), never from the
script's own output.
"""
from __future__ import annotations

import json
import re
import subprocess
import time
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from markdown_reader import read as read_markdown
from support import build, copy_project, dicts, edit_plan, saved_groups, serve

pytestmark = pytest.mark.browser

KEY = "wp:v1:"


# ---------------------------------------------------------------- data oracle

def _field_items(plan):
    return [it for it in plan.items() if it.text and any(True for _ in it.text.fields())]


@pytest.fixture(scope="session")
def plans(collection):
    assert len(collection.plans) >= 2
    return collection.plans


@pytest.fixture(scope="session")
def plan_a(plans):
    """A plan with a fill-in field inside a measure's text (the hardest markup) if there is one."""
    return next((p for p in plans if _field_items(p)), plans[0])


@pytest.fixture(scope="session")
def plan_b(plans, plan_a):
    return next(p for p in plans if p.id != plan_a.id)


def plan_path(plan_id: str) -> str:
    """Where a plan page is (the offline plugin needs use_directory_urls: false)."""
    return f"plans/{plan_id}.html"


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def text_of(text, values: dict) -> str:
    """A text as shown and exported: typed values in place of placeholders, empty ones as placeholders."""
    return norm("".join(seg if isinstance(seg, str) else (values.get(seg.id) or seg.placeholder)
                        for seg in text.segments))


def item_line(item, values: dict, checked: bool) -> str:
    """An item as plain text exports it: ☑/☐, bold-free lead, colon, text."""
    body = text_of(item.text, values) if item.text else ""
    head = (item.lead + (":" if body else "")) if item.lead else ""
    return f"{'☑' if checked else '☐'} {head}{body}"


def read_item(item, values: dict, checked: bool) -> str:
    """An item of exported Markdown as a CommonMark reader shows it: "[x] " + its words."""
    return ("[x] " if checked else "[ ] ") + item_line(item, values, checked)[2:]


def md_blocks(md: str, tag: str) -> list:
    return [b for b in read_markdown(md) if b.tag == tag]


def sections_with_measures(plan):
    return [s for s in plan.sections() if s.measures and len(s.measures.items) >= 2]


def stored(page, plan_id):
    return saved_groups(page, plan_id)


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def tools_after(page, section_id):
    return page.locator(f"[id='{section_id}'] + .wp-tools")


# ---------------------------------------------------------------- saving and restoring

def test_ticks_and_fields_survive_reload_and_a_later_visit(page, context, base_url, site, plan_a):
    url = base_url + plan_path(plan_a.id)
    page.goto(url)
    items = plan_a.items()
    ticked = [items[0], items[-1]]
    field = plan_a.fields[0]
    for it in ticked:
        page.check(f"#wp-check-{it.id}")
    box = page.get_by_role("textbox", name=field.label + (f"(单位:{field.unit})" if field.unit else ""))
    box.fill("1234")

    data = stored(page, plan_a.id)
    assert data["items"] == {it.id: True for it in ticked}
    assert data["fields"] == {field.id: "1234"}
    datetime.fromisoformat(data["saved"].replace("Z", "+00:00"))

    page.reload()
    for it in items:
        assert page.is_checked(f"#wp-check-{it.id}") == (it in ticked), it.id
    assert box.input_value() == "1234"

    later = context.new_page()  # a later visit: new tab, same browser profile
    later.goto(url)
    assert later.is_checked(f"#wp-check-{ticked[0].id}")
    assert later.locator(f"input.wp-input[data-field='{field.id}']").input_value() == "1234"
    assert "已恢复" in later.locator(".wp-tools--plan .wp-note").inner_text()
    later.close()


def test_every_item_is_a_labelled_checkbox_and_every_field_an_input(page, base_url, site, plan_a):
    page.goto(base_url + plan_path(plan_a.id))
    items = plan_a.items()
    assert page.locator("article input.wp-check").count() == len(items)
    for it in items:
        head = (it.lead + (":" if it.text else "")) if it.lead else ""
        words = [head] + [s for s in (it.text.segments if it.text else ()) if isinstance(s, str)]
        labels = page.locator(f"#wp-check-{it.id}").evaluate("b => [...b.labels].map(l => l.textContent).join('')")
        assert re.sub(r"\s+", "", labels) == re.sub(r"\s+", "", "".join(words)), it.id
        name = norm(words[0] + (words[1] if len(words) > 1 else ""))  # up to the first field
        found = page.get_by_role("checkbox", name=name).evaluate_all("bs => bs.map(b => b.id)")
        assert f"wp-check-{it.id}" in found, it.id
    for f in plan_a.fields:
        inp = page.get_by_role("textbox", name=f.label + (f"(单位:{f.unit})" if f.unit else ""), exact=True)
        assert inp.count() == 1
        assert inp.get_attribute("data-field") == f.id
        assert inp.get_attribute("placeholder") == f.placeholder
        assert inp.is_visible() and inp.input_value() == ""
    # a field inside a measure is moved out of the <label>: a label holds no other control
    assert page.locator("label input.wp-input, label .wp-field, .wp-field").count() == 0
    for it in _field_items(plan_a):
        f = next(it.text.fields())
        inp = page.locator(f"input.wp-input[data-field='{f.id}']")
        assert inp.evaluate("i => i.closest('li.wp-item').id") == it.id
        inp.click()
        inp.press_sequentially("7")
        assert not page.is_checked(f"#wp-check-{it.id}")  # typing in it never ticks the item


def test_two_plans_keep_separate_state_and_reset_clears_only_one(page, base_url, site, plan_a, plan_b):
    a, b = plan_a.items()[0], plan_b.items()[0]
    page.goto(base_url + plan_path(plan_b.id))
    page.check(f"#wp-check-{b.id}")
    page.goto(base_url + plan_path(plan_a.id))
    assert page.locator("input.wp-check:checked").count() == 0
    page.check(f"#wp-check-{a.id}")
    assert stored(page, plan_a.id)["items"] == {a.id: True}
    assert stored(page, plan_b.id)["items"] == {b.id: True}

    reset = page.locator(".wp-tools--plan").get_by_role("button", name="重置本计划")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    reset.click()  # at once, no question: 撤销 is offered instead
    expect(page.locator(".wp-undo")).to_contain_text(plan_a.page_title)
    assert dialogs == []
    assert page.locator("input.wp-check:checked").count() == 0
    cleared = stored(page, plan_a.id)  # removals are kept as tombstones: a stale tab cannot undo them
    assert cleared["items"] == {} and cleared["fields"] == {}
    assert stored(page, plan_b.id)["items"] == {b.id: True}
    assert "已清除" in page.locator(".wp-undo").inner_text()
    page.goto(base_url + plan_path(plan_b.id))
    assert page.is_checked(f"#wp-check-{b.id}")


def _first_measures(node) -> dict | None:
    """The first measures list with 3+ items in a plan's raw data (document order)."""
    if isinstance(node, dict):
        m = node.get("measures")
        if isinstance(m, dict) and len(m.get("items", [])) >= 3:
            return m
        node = list(node.values())
    if isinstance(node, list):
        return next((m for m in map(_first_measures, node) if m), None)
    return None


def _reorder(raw: dict, removed: str, added: dict, renamed: str) -> None:
    """Reverse that list, drop one item, add a new one at the front, give one item a new id that
    keeps the old one as an alias."""
    m = _first_measures(raw)
    m["items"] = [added] + [it for it in reversed(m["items"]) if it["id"] != removed]
    for it in m["items"]:
        if it["id"] == renamed:
            it["id"] = renamed + "-renamed"
            it["aliases"] = it.get("aliases", []) + [renamed]


def test_reordered_added_and_removed_items_keep_ticks_on_the_right_items(page, site, tmp_path, plan_a):
    project = copy_project(tmp_path / "project")
    raw = yaml.safe_load((project / "data" / "plans" / f"{plan_a.id}.yml").read_text(encoding="utf-8"))
    ids = [it["id"] for it in _first_measures(raw)["items"]]
    keep, other, gone = ids[0], ids[1], ids[-1]
    new = {"id": "worksheet-test-new-item", "text": "测试用新增措施。"}
    edit_plan(project, plan_a.id, lambda data: _reorder(data, removed=gone, added=new, renamed=other))
    renamed = other + "-renamed"
    root = tmp_path / "root"
    root.mkdir()
    result = build(project, root / "new")
    assert result.returncode == 0, result.stdout + result.stderr
    (root / "old").symlink_to(site, target_is_directory=True)
    url, server = serve(root)  # both builds on one origin: one localStorage
    try:
        page.goto(url + "old/" + plan_path(plan_a.id))
        old_order = page.locator("article input.wp-check").evaluate_all("bs => bs.map(b => b.parentNode.id)")
        page.check(f"#wp-check-{keep}")
        page.check(f"#wp-check-{gone}")
        page.check(f"#wp-check-{other}")
        keep_name = norm(page.locator(f"label[for='wp-check-{keep}']").first.inner_text())

        page.goto(url + "new/" + plan_path(plan_a.id))
        new_order = page.locator("article input.wp-check").evaluate_all("bs => bs.map(b => b.parentNode.id)")
        assert new_order != old_order and new.get("id") in new_order and gone not in new_order
        checked = page.locator("article input.wp-check:checked").evaluate_all("bs => bs.map(b => b.parentNode.id)")
        assert sorted(checked) == sorted([keep, renamed])
        assert norm(page.locator(f"#wp-check-{keep} + label").inner_text()) == keep_name
        assert not page.is_checked("#wp-check-worksheet-test-new-item")
        # nothing is rewritten on load; the next save keeps the removed measure's tick (我的计划 still
        # shows it, marked 模板中已删除) and saves the renamed one under its new id only
        assert stored(page, plan_a.id)["items"] == {keep: True, gone: True, other: True}
        page.uncheck(f"#wp-check-{keep}")
        page.check(f"#wp-check-{keep}")
        assert stored(page, plan_a.id)["items"] == {keep: True, renamed: True, gone: True}
        removed = len(list(next(i for i in plan_a.items() if i.id == gone).walk()))
        assert len(new_order) == len(old_order) - removed + 1
        assert page.locator(".wp-tools--plan .wp-progress-text").inner_text() == f"已完成 2/{len(new_order)}"
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------- broken storage

def test_corrupted_saved_data_warns_and_the_page_still_works(page, base_url, site, plan_a):
    url = base_url + plan_path(plan_a.id)
    item = plan_a.items()[0]
    page.goto(url)
    page.evaluate("k => localStorage.setItem(k, '{not json')", KEY + plan_a.id)
    page.reload()
    warning = page.locator(".wp-tools--plan .wp-warning")
    assert warning.is_visible() and "损坏" in warning.inner_text()
    assert page.locator("input.wp-check:checked").count() == 0
    page.check(f"#wp-check-{item.id}")
    assert stored(page, plan_a.id)["items"] == {item.id: True}  # saved again, now valid

    # readable JSON with some wrong shapes: good parts are used, bad parts ignored
    second = plan_a.items()[1]
    bad = {"items": {item.id: "yes", second.id: True, "no-such-item": True},
           "fields": {plan_a.fields[0].id: 5}, "saved": 7}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY + plan_a.id, json.dumps(bad)])
    page.reload()
    assert not warning.is_visible()
    checked = page.locator("article input.wp-check:checked").evaluate_all("bs => bs.map(b => b.parentNode.id)")
    assert checked == [second.id]
    assert page.locator(f"input.wp-input[data-field='{plan_a.fields[0].id}']").input_value() == ""

    for junk in ("[]", "null", '"text"', '{"items": [1, 2]}', '{"fields": "x"}'):
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY + plan_a.id, junk])
        page.reload()
        assert warning.is_visible(), junk
        assert page.locator("input.wp-check:checked").count() == 0


DISABLE_STORAGE = """
Object.defineProperty(window, 'localStorage', {configurable: true, get() {
  throw new DOMException('Access is denied for this document.', 'SecurityError'); }});
"""

FULL_STORAGE = """
const setItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (k, v) {
  if (String(k).startsWith('wp:')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  return setItem.call(this, k, v);
};
"""


@pytest.mark.parametrize("script, words", [(DISABLE_STORAGE, "禁用"), (FULL_STORAGE, "已满")], ids=["off", "full"])
def test_storage_off_or_full_warns_and_the_page_still_works(new_page, base_url, site, plan_a, script, words):
    pg = new_page(permissions=["clipboard-read", "clipboard-write"])  # fails on any console error
    pg.add_init_script(script)
    pg.goto(base_url + plan_path(plan_a.id))
    item, field = plan_a.items()[0], plan_a.fields[0]
    pg.check(f"#wp-check-{item.id}")
    pg.locator(f"input.wp-input[data-field='{field.id}']").fill("88")
    warning = pg.locator(".wp-tools--plan .wp-warning")
    assert warning.is_visible()
    assert words in warning.inner_text() and "无法保存" in warning.inner_text()
    assert warning.get_attribute("role") == "alert"
    assert pg.locator(".wp-tools--plan .wp-progress-text").inner_text() == f"已完成 1/{len(plan_a.items())}"
    assert pg.locator(f"input.wp-input[data-field='{field.id}']").input_value() == "88"
    pg.locator(".wp-tools--plan").get_by_role("button", name="复制为 Markdown").click()
    expect(pg.locator(".wp-toast")).to_contain_text("已复制")
    md = clipboard(pg)
    assert read_item(item, {field.id: "88"}, True) in [b.text for b in md_blocks(md, "li")]
    assert "88" in md  # the value typed while storage was off is exported
    field_item = next((it for it in plan_a.items() if it.text and field in it.text.fields()), None)
    if field_item:
        assert read_item(field_item, {field.id: "88"}, field_item is item) in [b.text for b in md_blocks(md, "li")]



# ---------------------------------------------------------------- progress

def test_progress_per_section_and_plan_updates_live(page, base_url, site, plan_a):
    page.goto(base_url + plan_path(plan_a.id))
    total = len(plan_a.items())
    plan_progress = page.locator(".wp-tools--plan .wp-progress-text")
    assert plan_progress.inner_text() == f"已完成 0/{total}"
    section = sections_with_measures(plan_a)[0]
    items = list(section.items())
    progress = tools_after(page, section.id).locator(".wp-progress-text")
    assert progress.inner_text() == f"已完成 0/{len(items)}"
    page.check(f"#wp-check-{items[0].id}")
    page.check(f"#wp-check-{items[1].id}")
    assert progress.inner_text() == f"已完成 2/{len(items)}"
    assert plan_progress.inner_text() == f"已完成 2/{total}"
    page.uncheck(f"#wp-check-{items[0].id}")
    assert progress.inner_text() == f"已完成 1/{len(items)}"
    # a parent section counts everything below it
    for top in plan_a.top_sections():
        sub = list(top.items())
        if sub and top.sections:
            text = tools_after(page, top.id).locator(".wp-progress-text").inner_text()
            done = sum(1 for it in sub if it.id == items[1].id)
            assert text == f"已完成 {done}/{len(sub)}"


def test_keyboard_only_ticking(page, base_url, site, plan_a):
    page.goto(base_url + plan_path(plan_a.id))
    section = sections_with_measures(plan_a)[0]
    first, second = section.measures.items[0], list(section.items())[1]
    tools_after(page, section.id).get_by_role("button").last.focus()
    page.keyboard.press("Tab")
    for _ in range(20):  # fields in the section's paragraphs come first
        if not page.evaluate("document.activeElement.classList.contains('wp-input')"):
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"wp-check-{first.id}"
    page.keyboard.press("Space")
    assert page.is_checked(f"#wp-check-{first.id}")
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.matches('.wp-input, .wp-pick, .wp-follow')"):
        page.keyboard.press("Tab")  # a field inside the first item, its 加入我的计划 and ⋯ 状态 come before the next box
    assert page.evaluate("document.activeElement.id") == f"wp-check-{second.id}"
    page.keyboard.press("Space")
    page.keyboard.press("Space")
    page.keyboard.press("Space")
    assert stored(page, plan_a.id)["items"] == {first.id: True, second.id: True}
    # clicking the label text ticks too
    page.locator(f"label[for='wp-check-{first.id}']").first.click()
    assert not page.is_checked(f"#wp-check-{first.id}")


# ---------------------------------------------------------------- copy and download

def _fill_and_tick(page, plan):
    values = {f.id: f"值{i}" if f.kind == "text" else str(100 + i) for i, f in enumerate(plan.fields)}
    for fid, v in values.items():
        page.locator(f"input.wp-input[data-field='{fid}']").fill(v)
    items = plan.items()
    ticked = items[::3]
    for it in ticked:
        page.check(f"#wp-check-{it.id}")
    return values, set(it.id for it in ticked)


def test_copy_plan_as_markdown_and_text(page, base_url, site, plan_a):
    page.goto(base_url + plan_path(plan_a.id))
    values, ticked = _fill_and_tick(page, plan_a)
    tools = page.locator(".wp-tools--plan")
    tools.get_by_role("button", name="复制为 Markdown").click()
    toast = page.locator(".wp-toast[aria-live='polite']")
    expect(toast).to_contain_text("已复制整篇计划(Markdown)")
    md = clipboard(page)
    blocks = read_markdown(md)
    assert (blocks[0].tag, blocks[0].text) == ("h1", plan_a.page_title)
    lis = [b for b in blocks if b.tag == "li"]
    for it in plan_a.items():
        assert read_item(it, values, it.id in ticked) in [b.text for b in lis], it.id
    for sec in plan_a.sections():
        level = int(page.locator(f"[id='{sec.id}']").evaluate("h => h.tagName[1]"))
        assert sec.heading in [b.text for b in blocks if b.tag == f"h{level}"]
        for p in sec.paragraphs:
            body = text_of(p.text, values)
            shown = [b for b in blocks if b.tag == "p" and b.text == (f"{p.label}:{body}" if p.label else body)]
            assert shown, body
            if p.label:  # the label is bold, as on the page
                assert shown[0].bold and shown[0].bold[0].rstrip(":") == p.label
        for t in sec.targets:
            target = [b for b in lis if b.ordered and b.text == f"{t.title}:{text_of(t.text, values)}"]
            assert target and target[0].bold[0] == t.title
    for f in plan_a.fields:
        assert values[f.id] in md
    # nested measures are list items inside their parent's item
    for it in plan_a.items():
        for child in it.items:
            parent = next(b for b in lis if b.text == read_item(it, values, it.id in ticked))
            nested = next(b for b in lis if b.text == read_item(child, values, child.id in ticked))
            assert nested.depth == parent.depth + 1

    tools.get_by_role("button", name="复制为纯文本").click()
    expect(toast).to_contain_text("纯文本")
    text = clipboard(page)
    tlines = text.splitlines()
    assert tlines[0] == plan_a.page_title and "#" not in text and "**" not in text
    for it in plan_a.items():
        want = item_line(it, values, it.id in ticked)
        assert any(l.lstrip("\u3000") == want for l in tlines), want
    for it in plan_a.items():
        for child in it.items:
            want = item_line(child, values, child.id in ticked)
            assert "\u3000\u3000" + want in tlines


def test_copy_section_with_placeholders_where_empty(page, base_url, site, plan_a):
    page.goto(base_url + plan_path(plan_a.id))
    section = next((s for s in plan_a.sections() if s.measures and any(i.text and any(True for _ in i.text.fields()) for i in s.items())),
                   sections_with_measures(plan_a)[0])
    items = list(section.items())
    page.check(f"#wp-check-{items[0].id}")
    tools_after(page, section.id).get_by_role("button", name="复制为 Markdown").click()
    expect(page.locator(".wp-toast")).to_contain_text("已复制")
    md = clipboard(page)
    level = int(page.locator(f"[id='{section.id}']").evaluate("h => h.tagName[1]"))
    first = read_markdown(md)[0]
    assert (first.tag, first.text) == (f"h{level}", section.heading)
    shown = [b.text for b in md_blocks(md, "li")]
    for it in items:
        assert read_item(it, {}, it is items[0]) in shown  # empty fields keep their placeholder
    others = [it for it in plan_a.items() if it not in items]
    assert not any(read_item(it, {}, False) in shown for it in others)
    assert md.count("- [") == len(items)
    assert section.heading in page.locator(".wp-toast").inner_text()


HIDE_CLIPBOARD = """
window.__realClipboard = navigator.clipboard;
Object.defineProperty(Navigator.prototype, 'clipboard', {configurable: true, get() { return undefined; }});
"""


def test_copy_falls_back_without_the_clipboard_api(page, base_url, site, plan_a):
    page.add_init_script(HIDE_CLIPBOARD)
    page.goto(base_url + plan_path(plan_a.id))
    assert page.evaluate("navigator.clipboard === undefined")
    section = sections_with_measures(plan_a)[0]
    items = list(section.items())
    page.check(f"#wp-check-{items[-1].id}")
    page.evaluate("window.__realClipboard.writeText('before')")
    tools_after(page, section.id).get_by_role("button", name="复制为纯文本").click()
    expect(page.locator(".wp-toast")).to_contain_text("已复制")
    text = page.evaluate("window.__realClipboard.readText()")
    assert item_line(items[-1], {}, True) in text
    assert item_line(items[0], {}, False) in text
    assert "已复制" in page.locator(".wp-toast").inner_text()
    assert page.locator("textarea").count() == 0  # the helper textarea is gone again


def test_download_markdown_named_after_the_plan(page, base_url, site, plan_a):
    page.goto(base_url + plan_path(plan_a.id))
    values, ticked = _fill_and_tick(page, plan_a)
    with page.expect_download() as info:
        page.locator(".wp-tools--plan").get_by_role("button", name="下载 .md").click()
    download = info.value
    assert download.suggested_filename == plan_a.page_title + ".md"
    content = Path(download.path()).read_text(encoding="utf-8")
    assert content.startswith(f"# {plan_a.page_title}\n")
    shown = [b.text for b in md_blocks(content, "li")]
    for it in plan_a.items():
        assert read_item(it, values, it.id in ticked) in shown
    page.locator(".wp-tools--plan").get_by_role("button", name="复制为 Markdown").click()
    expect(page.locator(".wp-toast")).to_contain_text("已复制")
    assert clipboard(page) == content


@pytest.mark.parametrize("blocked, named", [("**/wp/plan-export.js", "assets/wp/plan-export.js"),
                                             ("**/data/plans/*.js", "data/plans/")], ids=["module", "data"])
def test_a_copy_that_cannot_load_says_so_and_works_on_the_next_try(page, watch, base_url, plan_a, blocked, named):
    """The copy module and the plan's data arrive when a toolbar is first approached. When either
    cannot be fetched, the click says so in Chinese, the ticks stay, and the next click fetches again."""
    page.route(blocked, lambda route: route.abort())
    page.goto(base_url + plan_path(plan_a.id))
    first = plan_a.items()[0]
    page.check(f"#wp-check-{first.id}")
    tools = page.locator(".wp-tools--plan")
    tools.get_by_role("button", name="复制为 Markdown").click()
    toast = page.locator(".wp-toast")
    expect(toast).to_contain_text("导出失败")
    assert "无法加载" in toast.inner_text() and named in toast.inner_text()
    assert page.is_checked(f"#wp-check-{first.id}") and stored(page, plan_a.id)["items"] == {first.id: True}
    # Chromium logs the refused request itself; anything else (an unhandled rejection) still fails the test
    watch.console_errors[:] = [e for e in watch.console_errors if not e.startswith("Failed to load resource")]

    page.unroute(blocked)
    tools.get_by_role("button", name="复制为 Markdown").click()
    expect(toast).to_contain_text("已复制整篇计划(Markdown)")
    assert read_item(first, {}, True) in [li.text for li in md_blocks(clipboard(page), "li")]


# ---------------------------------------------------------------- print, small screens, no JavaScript

def test_print_stylesheet(page, base_url, site, plan_a, tmp_path):
    page.goto(base_url + plan_path(plan_a.id))
    values, ticked = _fill_and_tick(page, plan_a)
    page.emulate_media(media="print")
    for sel in (".md-header", ".md-search", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert not page.locator(sel).first.is_visible(), sel
    assert page.locator("article button:visible").count() == 0
    for fid, v in values.items():
        inp = page.locator(f"input.wp-input[data-field='{fid}']")
        assert inp.is_visible() and inp.input_value() == v
    for it in plan_a.items():
        box = page.locator(f"#wp-check-{it.id}")
        assert box.is_visible() and box.is_checked() == (it.id in ticked)
    assert page.locator(".wp-tools--plan .wp-progress-text").is_visible()
    styles = page.evaluate("""() => {
      const h = document.querySelector('article h2, article h3');
      const pages = [...document.styleSheets].flatMap(s => [...s.cssRules])
        .filter(r => r instanceof CSSMediaRule && r.conditionText === 'print')
        .flatMap(r => [...r.cssRules]).filter(r => r instanceof CSSPageRule).map(r => r.style.size);
      return {breakAfter: getComputedStyle(h).breakAfter, pages};
    }""")
    assert styles["breakAfter"] == "avoid" and "a4" in [s.lower() for s in styles["pages"]]
    pdf_path = tmp_path / "plan.pdf"
    page.pdf(path=str(pdf_path), format="A4")
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:.*pts \(A4\)", info), info
    text = norm(subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True,
                               check=True).stdout)
    squeezed = text.replace(" ", "")
    assert plan_a.page_title in squeezed
    for it in plan_a.items()[:5]:  # the words of the measures are printed
        assert re.sub(r"\s+", "", item_line(it, values, False)[2:])[:12] in squeezed, it.id
    for v in values.values():  # typed values are printed in their fields
        assert v in squeezed
    for hidden in ("复制为Markdown", "重置本计划", "搜索"):  # no buttons, no search box
        assert hidden not in squeezed


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_small_screen_and_readable_colours(new_page, base_url, site, plan_a, scheme):
    pg = new_page(viewport={"width": 375, "height": 740}, color_scheme=scheme)
    pg.goto(base_url + plan_path(plan_a.id))
    assert pg.evaluate("document.documentElement.scrollWidth") <= 375
    assert pg.locator("body").get_attribute("data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
    for btn in pg.locator(".wp-tools--plan button").all():
        box = btn.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["height"] >= 24
    pg.evaluate("document.querySelector('.wp-warning').hidden = false; document.querySelector('.wp-warning').textContent = '测试'")
    ratios = pg.evaluate(CONTRAST, [".wp-btn", ".wp-progress-text", ".wp-note", ".wp-warning",
                                    "input.wp-input", "input.wp-input::placeholder"])
    for sel, ratio in ratios.items():
        assert ratio >= 4.5, (scheme, sel, ratio)


CONTRAST = """sels => {
  const rgba = s => { const m = s.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (f, b) => [0, 1, 2].map(i => f[i] * f[3] + b[i] * (1 - f[3])).concat(1);
  const bgOf = e => { const layers = []; for (; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c); if (c[3] === 1) break; }
    return layers.reverse().reduce((acc, c) => over(c, acc), [255, 255, 255, 1]); };
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; });
    return .2126 * r + .7152 * g + .0722 * b; };
  const out = {};
  for (const s of sels) { const [sel, pseudo] = s.split('::'); const e = document.querySelector(sel); const bg = bgOf(e);
    const fg = over(rgba(getComputedStyle(e, pseudo ? '::' + pseudo : null).color), bg); const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    out[s] = (a + .05) / (b + .05); }
  return out;
}"""


def test_without_javascript_the_page_is_a_readable_template(new_page, base_url, site, plan_a):
    pg = new_page(java_script_enabled=False)
    pg.goto(base_url + plan_path(plan_a.id))
    # the toolbars are in the markup (nothing moves when the script attaches to them) but not
    # shown: without the script they could do nothing
    assert pg.locator(".wp-tools").count() > 0
    assert pg.locator(".wp-tools:visible, .wp-input, .wp-toast:visible").count() == 0
    # no space is held for toolbars that never come
    pads = pg.locator(".wp-plan-head, article h2, article h3").evaluate_all(
        "es => [...new Set(es.map(e => getComputedStyle(e).paddingBottom))]")
    assert pads == ["0px"]
    items = plan_a.items()
    assert pg.locator("article input.wp-check").count() == len(items)
    for it in items:
        assert pg.locator(f"label[for='wp-check-{it.id}']").first.is_visible()
        want = item_line(it, {}, False)[2:]  # the words, placeholders shown
        own = pg.locator(f"li[id='{it.id}']").evaluate(
            "li => [...li.childNodes].filter(n => !['UL', 'OL'].includes(n.tagName)).map(n => n.textContent).join('')")
        assert norm(own) == norm(want)
    for f in plan_a.fields:
        span = pg.locator(f".wp-field[data-field='{f.id}']")
        assert span.is_visible() and span.inner_text() == f.placeholder


@pytest.mark.parametrize("width", [375, 1280])
def test_no_layout_shift_when_the_script_runs(new_page, base_url, site, plan_a, width):
    """The page is painted before the script arrives (held back here); the script then turns
    placeholders into inputs of the same size and fills in the toolbars the page already shows,
    so nothing on screen moves."""
    pg = new_page(viewport={"width": width, "height": 900})
    pg.add_init_script("""window.__shifts = [];
      new PerformanceObserver(l => { for (const e of l.getEntries()) window.__shifts.push(e.value); })
        .observe({type: 'layout-shift', buffered: true});""")

    def slow(route):
        time.sleep(0.5)
        route.continue_()
    pg.route("**/wp/bundle.js", slow)  # store.js, load.js, worksheet.js (macros/site/bundle.py)
    pg.goto(base_url + plan_path(plan_a.id))
    expect(pg.locator("article[data-wp-ready]")).to_have_count(1)
    assert pg.locator("input.wp-input").count() == len(plan_a.fields)
    painted = pg.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    ready = pg.evaluate("performance.getEntriesByType('resource').find(r => r.name.endsWith('/wp/bundle.js')).responseEnd")
    assert painted < ready  # the check below is meaningful: content was on screen first
    pg.wait_for_timeout(200)
    assert sum(pg.evaluate("window.__shifts")) < 0.005


TRICKY = r"星号 *a* 下划线 _b_ 方括号 [c](d) 尖括号 <em>e</em> 反引号 `f` 反斜杠 \g 井号 # h"


def test_markdown_export_escapes_plan_text_and_typed_values(page, tmp_path, plan_a):
    """Markdown's special characters in plan text and in typed values come out as the same text in a
    CommonMark reader: no emphasis, link, HTML or code appears that the plan does not have."""
    project = copy_project(tmp_path / "project")
    item = next(it for it in plan_a.items() if it.text and any(True for _ in it.text.fields()))
    field = next(item.text.fields())

    def add_tricky(data):
        for node in dicts(data):
            if node.get("id") == item.id:
                node["text"] = node["text"] + TRICKY
    edit_plan(project, plan_a.id, add_tricky)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    url, server = serve(tmp_path / "site")
    try:
        page.goto(url + plan_path(plan_a.id))
        typed = r"1*2*3 _x_ [y](z) <b>w</b> `v` \u"
        page.locator(f"input.wp-input[data-field='{field.id}']").fill(typed)
        page.check(f"#wp-check-{item.id}")
        page.locator(".wp-tools--plan").get_by_role("button", name="复制为 Markdown").click()
        expect(page.locator(".wp-toast")).to_contain_text("已复制")
        md = clipboard(page)
        li = next(b for b in md_blocks(md, "li") if TRICKY in b.text)
        words = li.text[len("[x] "):]
        assert li.text.startswith("[x] ")
        assert typed in words and words.endswith(TRICKY)
        assert li.bold == ([item.lead] if item.lead else [])
        html = __import__("markdown_it").MarkdownIt("commonmark").render(md)
        assert "<em>" not in html and "<code>" not in html and "<a " not in html and "<b>" not in html
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("words", ["1. 不是列表", "2) 也不是", "# 不是标题", "> 不是引用", "- 不是列表项", "+ 也不是",
                                   "=== 不是标题线", "A &amp; B &copy; 实体照原样", "<b>不是标签</b>"])
def test_markdown_paragraphs_never_turn_into_other_blocks(page, base_url, words):
    """A paragraph (plan text or a typed value) that starts like a list, heading or quote, or holds
    an HTML entity, reads back as the same words in a CommonMark reader."""
    page.goto(base_url + "index.html")
    md = page.evaluate("""async w => { await WP.load(['export']);
        return WP.export.markdown({blocks: [{kind: 'para', runs: [{text: w}]}]}); }""", words)
    blocks = read_markdown(md)
    assert [(b.tag, b.text) for b in blocks] == [("p", words)]
