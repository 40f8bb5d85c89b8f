"""我的计划 in Chromium: pick from three plans, arrange, adapt, fill in, reload; take it out as Word
(read back with python-docx), rich text, print, a share link opened in a fresh browser, a backup
imported in a fresh browser; and every bad input: damaged, foreign or newer backups, cut and edited
links, blocked storage, templates edited after the pick."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import expect

from support import build, copy_project, dicts, edit_plan, saved_groups, saved_mine, serve

pytestmark = pytest.mark.browser

CONTEXT = dict(permissions=["clipboard-read", "clipboard-write"], accept_downloads=True)


def field_item(plan):
    """A top-level measure whose text holds a fill-in field, and its section."""
    for section in plan.sections():
        for it in (section.measures.items if section.measures else ()):
            if it.text and any(True for _ in it.text.fields()):
                return section, it
    raise AssertionError(f"{plan.id} has no measure with a field")


def words(it) -> str:
    """A measure's words with placeholders shown, as the model holds them."""
    body = it.text.plain() if it.text else ""
    return (it.lead + (":" if body else "") + body) if it.lead else body


@pytest.fixture
def picked(new_page, base_url, collection):
    """A page whose browser has picked: a teller section (whole), one relationship-manager measure
    with a field, a compliance-officer section (whole)."""
    page = new_page(**CONTEXT)
    teller = collection.plan("teller")
    t_section = next(s for s in teller.sections() if s.measures)
    rm = collection.plan("relationship-manager")
    r_section, r_item = field_item(rm)
    co = collection.plan("compliance-officer")
    c_section = next(s for s in co.sections() if s.measures and s.id != "intro")

    page.goto(base_url + "plans/teller.html")
    button = page.locator(f"[data-section='{t_section.id}'] .wp-pick")
    button.click()
    expect(button).to_have_text("移出我的计划")  # the words say what pressing it now does
    expect(button).to_have_accessible_name(re.compile("已加入.*移出我的计划"))
    page.goto(base_url + "plans/relationship-manager.html")
    item_button = page.locator(f"li[id='{r_item.id}'] > .wp-pick--item")
    item_button.click()
    expect(item_button).to_have_attribute("aria-pressed", "true")
    page.goto(base_url + "plans/compliance-officer.html")
    page.locator(f"[data-section='{c_section.id}'] .wp-pick").click()
    expect(page.locator(f"[data-section='{c_section.id}'] .wp-pick")).to_have_text("移出我的计划")
    return page, [(teller, t_section, None), (rm, r_section, r_item), (co, c_section, None)]


def test_pick_modules_come_when_needed_and_no_press_is_lost(new_page, base_url, collection):
    """A plan page fetches 加入我的计划's modules only when they are needed: a press that comes
    before them (no pointer or focus first, as from a touch screen or assistive software) is kept
    and done; another tab that has not loaded them follows the pick; once 我的计划 holds something,
    a plan page brings them at once to show it."""
    section = next(s for s in collection.plan("teller").sections() if s.measures)
    page = new_page()
    other = page.context.new_page()
    fetched = []
    page.context.on("request", lambda r: fetched.append(r.url.rsplit("/", 1)[-1]))
    for tab in (page, other):
        tab.goto(base_url + "plans/teller.html", wait_until="networkidle")
    assert not {"pick.js", "mine-state.js"} & set(fetched), fetched

    page.evaluate("s => document.querySelector(`[data-section='${s}'] .wp-pick`).click()", section.id)
    expect(page.locator(f"[data-section='{section.id}'] .wp-pick")).to_have_text("移出我的计划")
    expect(other.locator(f"[data-section='{section.id}'] .wp-pick")).to_have_text("移出我的计划")
    assert [p["section"] for p in saved_mine(page)["parts"]] == [section.id]

    fetched.clear()
    third = page.context.new_page()
    third.goto(base_url + "plans/teller.html")
    expect(third.locator(f"[data-section='{section.id}'] .wp-pick")).to_have_text("移出我的计划")
    assert "pick.js" in fetched


def titles(page):
    return page.locator(".wp-part-title").all_inner_texts()


def test_pick_arrange_fill_and_reload(picked, base_url):
    page, picks = picked
    (teller, t_section, _), (rm, r_section, r_item), (co, c_section, _) = picks
    page.goto(base_url + "mine.html")
    expect(page.locator(".wp-part")).to_have_count(3)
    assert titles(page) == [t_section.heading, r_section.heading, c_section.heading]
    part2 = page.locator(".wp-part").nth(1)
    assert part2.locator(".wp-entry").count() == 1  # only the one measure
    assert rm.page_title in part2.locator(".wp-part-source").inner_text()
    expect(part2.locator(".wp-part-source a")).to_have_attribute("href", re.compile(rf"plans/{rm.id}\.html#{r_section.id}$"))

    # reorder from the keyboard: 下移 on the first part, focus stays on the moved part's button
    page.locator(".wp-part").first.get_by_role("button", name="下移").focus()
    page.keyboard.press("Enter")
    assert titles(page) == [r_section.heading, t_section.heading, c_section.heading]
    assert page.evaluate("document.activeElement.closest('.wp-part').querySelector('.wp-part-title').textContent") == t_section.heading

    # header, an own measure, a value in a picked measure's field, a tick
    page.locator("#wp-mine-name").fill("张三")
    page.locator("#wp-mine-unit").fill("城东支行")
    own = page.locator(".wp-part").first.locator(".wp-add-own input")
    own.fill("每周读一本业务书")
    own.press("Enter")
    field = next(r_item.text.fields())
    page.locator(f".wp-part input.wp-input[data-field='{field.id}']").fill("CFA")
    first_teller = t_section.measures.items[0]
    page.locator(f".wp-part input.wp-check[data-item='{first_teller.id}']").check()
    expect(page.locator(".wp-tools--mine .wp-progress-text")).to_have_text(re.compile(r"已完成 1/\d+"))

    page.reload()
    assert titles(page) == [r_section.heading, t_section.heading, c_section.heading]
    assert page.locator("#wp-mine-name").input_value() == "张三"
    expect(page.locator(".wp-part").first.locator(".wp-entry")).to_have_count(2)
    assert "每周读一本业务书" in page.locator(".wp-part").first.inner_text()
    assert page.locator(f".wp-part input.wp-input[data-field='{field.id}']").input_value() == "CFA"

    # one state: the tick and the value are those of the plan pages
    page.goto(base_url + f"plans/{teller.id}.html")
    expect(page.locator(f"#wp-check-{first_teller.id}")).to_be_checked()
    page.goto(base_url + f"plans/{rm.id}.html")
    expect(page.locator(f"input.wp-input[data-field='{field.id}']")).to_have_value("CFA")
    page.check(f"#wp-check-{r_item.id}")
    page.goto(base_url + "mine.html")
    expect(page.locator(f".wp-part input.wp-check[data-item='{r_item.id}']")).to_be_checked()


def test_adapt_wording_and_restore_the_original(picked, base_url):
    page, picks = picked
    (_, t_section, _) = picks[0]
    item = t_section.measures.items[0]
    page.goto(base_url + "mine.html")
    entry = page.locator(".wp-part").first.locator(".wp-entry").first
    entry.get_by_role("button", name="改写").click()
    box = page.locator("[data-wp-editing] textarea")
    expect(box).to_be_focused()
    box.fill("我的说法:每天下班前复盘半小时")
    page.locator("[data-wp-editing]").get_by_role("button", name="保存").click()
    entry = page.locator(".wp-part").first.locator(".wp-entry").first
    expect(entry).to_contain_text("我的说法")
    expect(entry.locator(".wp-entry-note")).to_have_text("已改写")
    page.reload()
    entry = page.locator(".wp-part").first.locator(".wp-entry").first
    expect(entry).to_contain_text("我的说法")
    entry.get_by_role("button", name="恢复原文").click()
    entry = page.locator(".wp-part").first.locator(".wp-entry").first
    expect(entry.locator(".wp-entry-words")).to_have_text(words(item))


def _download(page, name):
    with page.expect_download() as info:
        page.locator(".wp-tools--mine").get_by_role("button", name=name).click()
    return info.value


def test_word_file_read_back(picked, base_url, tmp_path):
    page, picks = picked
    (teller, t_section, _), (rm, r_section, r_item), (co, c_section, _) = picks
    page.goto(base_url + "mine.html")
    page.locator("#wp-mine-name").fill("李四")
    page.locator("#wp-mine-role").fill("综合柜员")
    page.locator(f".wp-part input.wp-check[data-item='{t_section.measures.items[1].id}']").check()
    own = page.locator(".wp-part").nth(2).locator(".wp-add-own input")
    own.fill("自己加的一项")
    own.press("Enter")
    field = next(r_item.text.fields())
    start = words(r_item)[:8]  # the measure's paragraph in Word starts with these words

    def measure_line(path):
        return next(p.text for p in Document(str(path)).paragraphs if start in p.text)

    empty = tmp_path / "empty.docx"
    _download(page, "下载 Word").save_as(empty)
    assert "________" in measure_line(empty) and field.placeholder not in measure_line(empty)
    page.locator(f".wp-part input.wp-input[data-field='{field.id}']").fill("CFA")
    download = _download(page, "下载 Word")
    assert download.suggested_filename.endswith(".docx") and "李四" in download.suggested_filename
    path = tmp_path / "mine.docx"
    download.save_as(path)
    doc = Document(str(path))
    paras = [p.text for p in doc.paragraphs]
    assert "李四的工作计划" in paras[0]
    cells = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert cells["姓名"] == "李四" and cells["岗位"] == "综合柜员" and "部门/网点" in cells
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [t_section.heading, r_section.heading, c_section.heading]
    joined = "\n".join(paras)
    for i, it in enumerate(t_section.measures.items):
        box = "☑" if i == 1 else "☐"
        assert any(p.startswith(box) and words(it)[:15] in p for p in paras), it.id
    assert "CFA" in measure_line(path) and "________" not in measure_line(path)  # the value in place
    assert "自己加的一项" in joined and "自定义" in joined
    assert "本人签字" in joined and "主管审阅" in joined
    section = doc.sections[0]
    assert abs(section.page_width.mm - 210) < 1 and abs(section.page_height.mm - 297) < 1


def test_rich_copy_and_print(picked, base_url, tmp_path):
    page, picks = picked
    t_section = picks[0][1]
    page.goto(base_url + "mine.html")
    page.locator("#wp-mine-name").fill("王五")
    page.locator(".wp-tools--mine").get_by_role("button", name="复制到 Word/WPS").click()
    expect(page.locator(".wp-toast")).to_contain_text("已复制")
    html, text = page.evaluate("""async () => { const [item] = await navigator.clipboard.read();
        return [await (await item.getType('text/html')).text(), await (await item.getType('text/plain')).text()]; }""")
    assert "<h2>" in html and t_section.heading in html and "☐" in html and "<table" in html
    assert text.startswith("王五的工作计划") and "☐" in text

    page.emulate_media(media="print")
    for hidden in (".wp-tools--mine", ".wp-add-part", ".wp-part-tools", ".md-header"):
        assert not page.locator(hidden).first.is_visible(), hidden
    expect(page.locator(".wp-sign")).to_be_visible()
    pdf = tmp_path / "mine.pdf"
    page.pdf(path=str(pdf), format="A4")
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    squeezed = re.sub(r"\s+", "", out)
    assert "本人签字" in squeezed and "主管审阅" in squeezed and t_section.heading in squeezed
    assert "下载Word" not in squeezed and "添加自己的章节" not in squeezed


def _share_link(page, base_url):
    page.goto(base_url + "mine.html")
    page.locator(".wp-tools--mine").get_by_role("button", name="复制分享链接").click()
    expect(page.locator(".wp-toast")).to_contain_text("分享链接")
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.startswith(base_url + "mine.html#share=")
    return link


def test_share_link_opens_read_only_and_adopting_adds(picked, new_page, base_url):
    page, picks = picked
    link = _share_link(page, base_url)
    assert len(link) < 2000

    other = new_page(**CONTEXT)  # a colleague's browser with a plan of their own
    other.goto(base_url + "mine.html")
    other.locator("#wp-new-part").fill("我自己的章节")
    other.locator("#wp-new-part").press("Enter")
    other.goto(link)
    view = other.locator(".wp-share-view")
    expect(view).to_be_visible()
    expect(view.locator(".wp-share-list > li")).to_have_count(3)
    assert other.locator(".wp-share-view input").count() == 0  # read-only
    assert titles(other) == ["我自己的章节"]  # nothing changed before adopting
    view.get_by_role("button", name="一键采用到我的计划").click()
    expect(view).to_be_hidden()
    assert titles(other) == ["我自己的章节"] + [s.heading for _, s, _ in picks]
    assert "#share=" not in other.url
    other.reload()
    assert len(titles(other)) == 4


def test_a_cut_or_edited_share_link_says_so_and_changes_nothing(picked, base_url):
    page, _ = picked
    link = _share_link(page, base_url)
    before = titles(page)
    for bad in (link[:-9], link.replace("!3!", "!2!"), link + "%E4", link[:link.index("#share=") + 12] + "x" + link[link.index("#share=") + 13:],
                link.replace("#share=v1", "#share=v9")):
        page.goto(base_url + "index.html")
        page.goto(bad)
        warning = page.locator(".wp-tools--mine .wp-warning")
        expect(warning).to_be_visible()
        expect(warning).to_contain_text(re.compile("不完整|改动|更新版本"))
        expect(page.locator(".wp-share-view")).to_be_hidden()
        assert titles(page) == before


def test_backup_restores_the_same_plan_in_a_fresh_browser(picked, new_page, base_url, tmp_path):
    page, picks = picked
    t_section = picks[0][1]
    page.goto(base_url + "mine.html")
    page.locator("#wp-mine-name").fill("赵六")
    page.locator(f".wp-part input.wp-check[data-item='{t_section.measures.items[0].id}']").check()
    backup = tmp_path / "backup.json"
    _download(page, "导出备份").save_as(backup)
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert data["format"] == "wp-backup" and data["version"] == 2
    records = data["records"]
    assert records["mine"]["entries"]["header/name"]["value"] == "赵六"
    ticks = {p: e["value"] for p, e in records["teller"]["entries"].items() if p.startswith("items/")}
    assert ticks == {"items/" + t_section.measures.items[0].id: True}

    fresh = new_page(**CONTEXT)
    fresh.goto(base_url + "mine.html")
    expect(fresh.locator(".wp-mine-empty")).to_be_visible()
    fresh.once("dialog", lambda d: d.accept())
    with fresh.expect_file_chooser() as chooser:
        fresh.locator(".wp-tools--mine").get_by_role("button", name="导入备份").click()
    chooser.value.set_files(str(backup))
    expect(fresh.locator(".wp-part")).to_have_count(3)
    assert titles(fresh) == titles(page)
    assert fresh.locator("#wp-mine-name").input_value() == "赵六"
    expect(fresh.locator(f".wp-part input.wp-check[data-item='{t_section.measures.items[0].id}']")).to_be_checked()
    fresh.goto(base_url + "plans/teller.html")
    expect(fresh.locator(f"#wp-check-{t_section.measures.items[0].id}")).to_be_checked()


@pytest.mark.parametrize("content, words", [
    ("{ 这不是 JSON", "损坏"),
    ('{"hello": "world"}', "不是本站导出的备份"),
    ('{"format": "wp-backup", "version": 7, "records": {}}', "更新版本"),
    ('{"format": "wp-backup", "version": 1, "records": {"mine": {"parts": "oops"}}}', "已损坏"),
    ('{"format": "wp-backup", "version": 1, "records": {"teller": [1, 2]}}', "已损坏"),
], ids=["not-json", "foreign", "newer", "damaged-mine", "damaged-plan"])
def test_a_bad_backup_is_refused_and_nothing_changes(picked, base_url, tmp_path, content, words):
    page, _ = picked
    page.goto(base_url + "mine.html")
    before = (titles(page), page.evaluate("JSON.stringify(Object.entries(localStorage).sort())"))
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    with page.expect_file_chooser() as chooser:
        page.locator(".wp-tools--mine").get_by_role("button", name="导入备份").click()
    chooser.value.set_files(str(bad))
    warning = page.locator(".wp-tools--mine .wp-warning")
    expect(warning).to_contain_text(words)
    expect(warning).to_contain_text("没有任何改动")
    assert dialogs == []  # refused before asking
    assert (titles(page), page.evaluate("JSON.stringify(Object.entries(localStorage).sort())")) == before


BLOCKED = """Object.defineProperty(window, 'localStorage', {configurable: true, get() {
  throw new DOMException('Access is denied for this document.', 'SecurityError'); }});"""


def test_blocked_storage_still_works_for_the_visit(new_page, base_url):
    page = new_page(**CONTEXT)
    page.add_init_script(BLOCKED)
    page.goto(base_url + "mine.html")
    warning = page.locator(".wp-tools--mine .wp-warning")
    expect(warning).to_contain_text("无法保存")
    page.locator("#wp-new-part").fill("本次访问的章节")
    page.locator("#wp-new-part").press("Enter")
    own = page.locator(".wp-part").first.locator(".wp-add-own input")
    own.fill("临时措施")
    own.press("Enter")
    page.locator(".wp-part input.wp-check").first.check()
    page.locator(".wp-tools--mine").get_by_role("button", name="复制为纯文本").click()
    expect(page.locator(".wp-toast")).to_contain_text("已复制")
    assert "☑ 临时措施" in page.evaluate("navigator.clipboard.readText()")
    download = _download(page, "下载 Word")
    assert download.suggested_filename.endswith(".docx")
    assert page.locator(".wp-warning:visible").count() == 1


def test_template_edited_after_the_pick(new_page, site, tmp_path, collection):
    """A measure removed from the template stays, marked 模板中已删除; a renamed one (aliases) keeps its
    tick; own text is kept."""
    teller = collection.plan("teller")
    section = next(s for s in teller.sections() if s.measures and len(s.measures.items) >= 3)
    gone, renamed = section.measures.items[0].id, section.measures.items[1].id
    project = copy_project(tmp_path / "project")

    def edit(data):
        for node in dicts(data):
            m = node.get("measures")
            if node.get("id") == section.id and m:
                m["items"] = [it for it in m["items"] if it["id"] != gone]
                for it in m["items"]:
                    if it["id"] == renamed:
                        it["id"] = renamed + "-new"
                        it["aliases"] = [renamed]
    edit_plan(project, teller.id, edit)
    root = tmp_path / "root"
    root.mkdir()
    assert build(project, root / "new").returncode == 0
    (root / "old").symlink_to(site, target_is_directory=True)
    url, server = serve(root)  # both builds on one origin: one localStorage
    try:
        page = new_page(**CONTEXT)
        page.goto(url + "old/plans/teller.html")
        pick = page.locator(f"[data-section='{section.id}'] .wp-pick")
        pick.click()
        expect(pick).to_have_text("移出我的计划")  # the pick is saved once the plan's data is here: wait for it
        page.check(f"#wp-check-{renamed}")
        page.check(f"#wp-check-{gone}")
        expect(page.locator(".wp-tools--plan .wp-note")).to_contain_text("已自动保存")
        page.goto(url + "old/mine.html")
        own = page.locator(".wp-part").first.locator(".wp-add-own input")
        own.fill("我自己的措施")
        own.press("Enter")
        expect(page.locator(".wp-part").first).to_contain_text("我自己的措施")

        page.goto(url + "new/mine.html")
        part = page.locator(".wp-part").first
        expect(part.locator(".wp-entry")).to_have_count(len(section.measures.items) + 1)
        removed = part.locator(".wp-entry", has_text="模板中已删除")
        expect(removed).to_have_count(1)
        assert words(section.measures.items[0])[:10] in removed.inner_text()
        expect(removed.locator("input.wp-check")).to_be_checked()
        expect(part.locator(f"input.wp-check[data-item='{renamed}-new']")).to_be_checked()
        assert "我自己的措施" in part.inner_text()
        # the plan page follows the rename too: its "+" shows as picked, the section as all in
        page.goto(url + "new/plans/teller.html")
        expect(page.locator(f"li[id='{renamed}-new'] > .wp-pick--item")).to_have_attribute("aria-pressed", "true")
        expect(page.locator(f"[data-section='{section.id}'] .wp-pick")).to_have_text("移出我的计划")
        page.goto(url + "new/mine.html")
        expect(page.locator(".wp-part").first.locator(".wp-entry")).to_have_count(len(section.measures.items) + 1)
    finally:
        server.shutdown()
        server.server_close()


def test_from_a_folder(new_page, site, collection):
    page = new_page(**CONTEXT)
    disk = site.as_uri() + "/"
    teller = collection.plan("teller")
    section = next(s for s in teller.sections() if s.measures)
    page.goto(disk + "plans/teller.html")
    page.locator(f"[data-section='{section.id}'] .wp-pick").click()
    expect(page.locator(".wp-toast")).to_contain_text("加入我的计划")
    page.goto(disk + "mine.html")
    assert titles(page) == [section.heading]
    expect(page.locator(".wp-entry")).to_have_count(len(section.measures.items))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_with_content_and_the_shared_view(picked, new_page, base_url, axe_source, scheme):
    """The filled page, not only the empty one the site-wide gate sees, in both colour schemes and
    at phone width; and the read-only view of a share link."""
    from test_quality import axe
    page, _ = picked
    link = _share_link(page, base_url)
    own = page.locator(".wp-part").first.locator(".wp-add-own input")
    own.fill("自己的措施")
    own.press("Enter")
    pg = new_page(**CONTEXT, color_scheme=scheme, viewport={"width": 390, "height": 844})
    pg.goto(link)
    expect(pg.locator(".wp-share-view")).to_be_visible()
    problems = axe(pg, axe_source, f"mine.html#share ({scheme}, phone)")
    page.set_viewport_size({"width": 1280, "height": 900})
    if scheme == "dark":
        page.emulate_media(color_scheme="dark")
    page.reload()
    expect(page.locator(".wp-part")).to_have_count(3)
    problems += axe(page, axe_source, f"mine.html ({scheme})")
    assert problems == []


from test_quality import axe_source  # noqa: E402,F401  (the fixture)


def test_odd_backup_records_are_cleaned_not_fatal(new_page, base_url, tmp_path):
    """Records that pass as JSON but hold odd parts (no plan, bad keys, measures gone from the
    template) are cleaned on import; the page keeps working (the fixture fails on any console
    error). Values of the wrong type are refused (tests/test_imports.py)."""
    page = new_page(**CONTEXT)
    page.goto(base_url + "mine.html")
    odd = {"format": "wp-backup", "version": 1, "records": {"mine": {"parts": [
        {"items": [{"id": "a"}]},
        {"plan": None, "section": "x", "title": "没有来源的章节", "items": [{"id": "b"}], "own": [{"text": "一项"}]},
        {"plan": "teller", "section": "no-such-section", "key": "a:b", "heading": "旧标题",
         "items": [{"id": "gone-item", "text": "旧措施"}]}]}}}
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(odd, ensure_ascii=False), encoding="utf-8")
    page.once("dialog", lambda d: d.accept())
    with page.expect_file_chooser() as chooser:
        page.locator(".wp-tools--mine").get_by_role("button", name="导入备份").click()
    chooser.value.set_files(str(path))
    expect(page.locator(".wp-part")).to_have_count(2)
    assert titles(page) == ["没有来源的章节", "旧标题"]
    expect(page.locator(".wp-part").nth(1).locator(".wp-entry")).to_have_count(1)
    expect(page.locator(".wp-part").nth(1)).to_contain_text("模板中已删除")
    page.locator(".wp-tools--mine").get_by_role("button", name="复制为纯文本").click()
    expect(page.locator(".wp-toast")).to_contain_text("已复制")


def test_thirty_sections_fit_in_a_short_link(new_page, base_url):
    """30 sections with some of their measures each (the longer kind of link) stay under 2,000
    characters; the link opens to the same 30."""
    page = new_page(**CONTEXT)
    page.goto(base_url + "mine.html")
    count = page.evaluate("""async () => {
        await WP.load(['data', 'plandoc']);
        const index = await WP.data.loadIndex();
        const state = WP.mine.empty();
        for (const p of index.plans) {
          const data = await WP.data.loadPlan(p.id);
          const walk = list => list.forEach(s => {
            if (s.measures && s.measures.items.length > 1 && state.parts.length < 30)
              WP.mine.add(state, data, s, s.measures.items.slice(1).map(it => it.id));
            walk(s.sections); });
          walk(data.sections);
        }
        WP.mine.open().write(state);
        return state.parts.length; }""")
    assert count == 30
    page.reload()
    expect(page.locator(".wp-part")).to_have_count(30)
    link = _share_link(page, base_url)
    assert len(link) < 2000, len(link)
    print(f"\n30-section share link: {len(link)} characters")
    other = new_page(**CONTEXT)
    other.goto(link)
    expect(other.locator(".wp-share-list > li")).to_have_count(30)
    other.locator(".wp-share-view").get_by_role("button", name="一键采用到我的计划").click()
    assert titles(other) == titles(page)


def test_damaged_or_full_storage_on_the_mine_page(new_page, base_url):
    page = new_page(**CONTEXT)
    page.goto(base_url + "mine.html")
    page.evaluate("localStorage.setItem('wp:v1:mine', '{\"parts\": [oops')")
    page.reload()
    warning = page.locator(".wp-tools--mine .wp-warning")
    expect(warning).to_contain_text("损坏")
    # the damaged text is kept aside before anything overwrites it
    assert page.evaluate("localStorage.getItem('wp:v1:damaged:mine')") == '{"parts": [oops'
    page.locator("#wp-new-part").fill("新章节")
    page.locator("#wp-new-part").press("Enter")
    expect(warning).to_be_hidden()  # saved afresh
    assert page.evaluate("localStorage.getItem('wp:v1:damaged:mine')") == '{"parts": [oops'

    full = new_page(**CONTEXT)
    full.add_init_script("""Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };""")
    full.goto(base_url + "mine.html")
    full.locator("#wp-new-part").fill("本次访问的章节")
    full.locator("#wp-new-part").press("Enter")
    expect(full.locator(".wp-tools--mine .wp-warning")).to_contain_text("已满")
    assert titles(full) == ["本次访问的章节"]
    full.locator(".wp-tools--mine").get_by_role("button", name="复制为 Markdown").click()
    expect(full.locator(".wp-toast")).to_contain_text("已复制")


def test_removing_a_part_keeps_the_keyboard_in_place(picked, base_url):
    page, picks = picked
    page.goto(base_url + "mine.html")
    page.locator(".wp-part").first.get_by_role("button", name="移除本节").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".wp-part")).to_have_count(2)
    # on 撤销, next to the list, not the top of the page (and a second Enter puts the part back)
    focused = page.evaluate("[document.activeElement.textContent, !!document.activeElement.closest('.wp-undo')]")
    assert focused == ["撤销", True]


def test_a_share_link_is_also_a_path(picked, new_page, base_url):
    """From the shared selection, 按顺序逐节阅读 opens the first section with the path bar; 下一步 walks
    the sender's order across plans, 返回路径 leads back to the selection. A bad selection in the
    address shows the page without a bar and without an error."""
    page, picks = picked
    link = _share_link(page, base_url)
    reader = new_page(**CONTEXT)
    reader.goto(link)
    reader.locator(".wp-share-view").get_by_role("link", name="按顺序逐节阅读").click()
    for k, (plan, section, _) in enumerate(picks, start=1):
        reader.wait_for_url(re.compile(rf"plans/{plan.id}\.html\?share=.*&step={k}#{section.id}$"))
        bar = reader.locator("nav.wp-path")
        expect(bar).to_be_visible()
        expect(bar.locator(".wp-path-count")).to_have_text(f"第 {k} / {len(picks)} 步")
        expect(bar).to_contain_text("收到的计划选择")
        expect(bar).to_contain_text(section.heading)
        assert bar.locator(".wp-path-check").count() == 0  # no saved progress for a shared selection
        assert reader.evaluate(f"document.getElementById('{section.id}').compareDocumentPosition("
                               "document.querySelector('nav.wp-path')) & Node.DOCUMENT_POSITION_FOLLOWING")
        if k < len(picks):
            bar.get_by_role("link", name="下一步").click()
    bar.get_by_role("link", name="上一步").click()
    reader.wait_for_url(re.compile(r"&step=2#"))
    reader.locator("nav.wp-path").get_by_role("link", name="返回路径").click()
    expect(reader.locator(".wp-share-view")).to_be_visible()

    plan, section, _ = picks[0]
    for bad in ("v1!nonsense", "", link.split("#share=")[1][:-3]):
        reader.goto(base_url + f"plans/{plan.id}.html?share={bad}&step=1#{section.id}")
        expect(reader.locator("article[data-wp-ready]")).to_have_count(1)
        reader.wait_for_timeout(300)
        assert reader.locator("nav.wp-path").count() == 0
