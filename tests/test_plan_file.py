"""Wiped browsers and a plan file the person keeps (docs/assets/wp/mine-keep.js, mine-file.js):
navigator.storage.persist() asked for and its answer shown, 上次备份 with its date and time and a
reminder after later changes, 保存到文件 writing every change to a file (a real file handle of the
browser's origin private file system stands in for the one the save dialog gives), 打开文件 read
back through the import preview, and the words and the download where the API is missing.
"""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from support import PREFIX, storage_items

pytestmark = pytest.mark.browser

CONTEXT = dict(accept_downloads=True)
OPFS = "(await navigator.storage.getDirectory()).getFileHandle('plan.json', {create: true})"
SAVE_PICKER = f"window.showSaveFilePicker = async () => {OPFS};"
OPEN_PICKER = f"window.showOpenFilePicker = async () => [await {OPFS}];"
READ_FILE = f"async () => (await (await {OPFS}).getFile()).text()"
WHEN = r"\d{4}/\d{1,2}/\d{1,2} \d{2}:\d{2}"


def open_mine(page, base_url):
    page.goto(base_url + "mine.html")
    expect(page.locator("[data-mine][data-ready]")).to_have_count(1)


def own_part(page, title):
    page.locator("#wp-new-part").fill(title)
    page.locator("#wp-new-part").press("Enter")
    expect(page.locator(".wp-part-title", has_text=title)).to_have_count(1)


def titles(page):
    return page.locator(".wp-part-title").all_inner_texts()


def file_titles(page):
    """The part titles in the OPFS file, read as a backup by the page's own checks."""
    text = page.evaluate(READ_FILE)
    data = json.loads(text) if text else {}
    if data.get("format") != "wp-backup":
        return None
    return page.evaluate("t => WP.backup.check(t).models.mine.parts.map(p => p.title)", text)


def file_text_when(page, ready, seconds=10):
    """The OPFS file's text once ready(text) holds (written 800 ms after the last change)."""
    for _ in range(seconds * 10):
        text = page.evaluate(READ_FILE)
        if ready(text):
            return text
        page.wait_for_timeout(100)
    raise AssertionError("the file never held the change: " + text[:2000])


def persist_says(new_page, base_url, script):
    page = new_page(**CONTEXT)
    if script:
        page.add_init_script(script)
    open_mine(page, base_url)
    line = page.locator(".wp-keep-persist")
    expect(line).to_be_hidden()  # nothing saved yet: nothing asked
    own_part(page, "一")
    expect(line).to_be_visible()
    return page, line


def test_persist_is_asked_once_something_is_saved_and_its_answer_shown(new_page, base_url):
    page, line = persist_says(new_page, base_url, "")
    granted = page.evaluate("navigator.storage.persisted()")
    expect(line).to_have_text("浏览器已同意长期保存本站数据。" if granted else re.compile("没有同意长期保存本站数据.*保存到文件.*导出备份"))


@pytest.mark.parametrize("answer, words", [
    ("true", "浏览器已同意长期保存本站数据。"),
    ("false", "浏览器没有同意长期保存本站数据:有些电脑在退出登录时会清除浏览器数据"),
])
def test_both_answers_of_persist(new_page, base_url, answer, words):
    script = f"""navigator.storage.persisted = async () => false;
                 navigator.storage.persist = async () => {{ window.__asked = (window.__asked || 0) + 1; return {answer}; }};"""
    page, line = persist_says(new_page, base_url, script)
    expect(line).to_contain_text(words)
    own_part(page, "二")
    assert page.evaluate("window.__asked") == 1  # once a visit


def test_last_backup_shown_with_its_time_and_a_reminder_after_changes(new_page, base_url):
    page = new_page(**CONTEXT)
    open_mine(page, base_url)
    last, remind = page.locator(".wp-keep-last"), page.locator(".wp-keep-remind")
    expect(last).to_be_hidden()
    own_part(page, "一")
    expect(remind).to_contain_text("还没有备份过")
    with page.expect_download():
        page.locator(".wp-tools--mine").get_by_role("button", name="导出备份").click()
    expect(last).to_have_text(re.compile("^上次备份:" + WHEN + re.escape("(导出备份)") + "$"))
    expect(remind).to_be_hidden()
    page.reload()
    expect(last).to_have_text(re.compile("^上次备份:" + WHEN))
    expect(remind).to_be_hidden()
    own_part(page, "二")
    expect(remind).to_be_visible()
    expect(remind).to_contain_text("上次备份之后")
    remind.get_by_role("button", name="知道了").click()
    expect(remind).to_be_hidden()
    own_part(page, "三")  # the same day: it stays away
    expect(remind).to_be_hidden()
    # changes made yesterday, the reminder dismissed today: a change today does not bring it back
    set_keep(page, changed=-2, dismissed=0)
    page.reload()
    expect(remind).to_be_hidden()
    own_part(page, "四")
    expect(remind).to_be_hidden()
    # dismissed on an earlier day: the next change brings it back
    set_keep(page, changed=-2, dismissed=-2)
    page.reload()
    expect(remind).to_be_hidden()
    own_part(page, "五")
    expect(remind).to_be_visible()


def set_keep(page, **days):
    """Move the remembered times of mine-keep.js's record by whole days from now."""
    page.evaluate("""days => { const k = 'wp:v1:keep:backup', v = JSON.parse(localStorage.getItem(k));
        for (const [name, d] of Object.entries(days)) v[name] = new Date(Date.now() + 86400000 * d).toISOString();
        localStorage.setItem(k, JSON.stringify(v)); }""", days)


def test_save_to_file_writes_every_change_and_a_fresh_browser_imports_it(new_page, base_url, tmp_path):
    page = new_page(**CONTEXT)
    page.add_init_script(SAVE_PICKER)
    open_mine(page, base_url)
    own_part(page, "一")
    area = page.locator(".wp-file")
    area.get_by_role("button", name="保存到文件").click()
    expect(area).to_contain_text("正在保存到文件“plan.json”")
    expect(page.locator(".wp-keep-last")).to_contain_text("(保存到文件)")
    assert file_titles(page) == ["一"]
    own_part(page, "二")
    page.locator(".wp-part").first.locator(".wp-add-own input").fill("每周复盘")
    page.locator(".wp-part").first.locator(".wp-add-own input").press("Enter")
    page.locator(".wp-entry input.wp-check").check()
    text = file_text_when(page, lambda t: "二" in t and '"done": true' in t)
    assert json.loads(text)["format"] == "wp-backup"
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8")

    fresh = new_page(**CONTEXT)
    open_mine(fresh, base_url)
    with fresh.expect_file_chooser() as chooser:
        fresh.locator(".wp-tools--mine").get_by_role("button", name="导入备份").click()
    chooser.value.set_files(str(path))
    expect(fresh.locator(".wp-part")).to_have_count(2)
    assert titles(fresh) == titles(page) == ["一", "二"]
    expect(fresh.locator(".wp-entry input.wp-check")).to_be_checked()


def test_after_a_reload_it_goes_on_where_the_browser_still_allows(new_page, base_url):
    page = new_page(**CONTEXT)
    page.add_init_script(SAVE_PICKER)
    open_mine(page, base_url)
    own_part(page, "一")
    page.locator(".wp-file").get_by_role("button", name="保存到文件").click()
    expect(page.locator(".wp-file")).to_contain_text("正在保存到文件")
    page.reload()
    expect(page.locator(".wp-file")).to_contain_text("正在保存到文件“plan.json”")
    expect(page.locator(".wp-file").get_by_role("button", name="继续保存到文件")).to_be_hidden()
    own_part(page, "二")
    file_text_when(page, lambda t: "二" in t)


def test_after_a_reload_the_page_offers_to_continue(new_page, base_url):
    page = new_page(**CONTEXT)
    page.add_init_script(SAVE_PICKER)
    # the browser forgets the permission at a reload, as it does for a file the person picked
    page.add_init_script("""FileSystemHandle.prototype.queryPermission = async () => 'prompt';
        FileSystemHandle.prototype.requestPermission = async () => { window.__requested = true; return 'granted'; };""")
    open_mine(page, base_url)
    own_part(page, "一")
    page.locator(".wp-file").get_by_role("button", name="保存到文件").click()
    expect(page.locator(".wp-file")).to_contain_text("正在保存到文件")
    page.reload()
    area = page.locator(".wp-file")
    expect(area).to_contain_text("上次保存到文件“plan.json”")
    own_part(page, "二")  # not written: the browser has not allowed it yet
    page.wait_for_timeout(1200)
    assert file_titles(page) == ["一"]
    area.get_by_role("button", name="继续保存到文件").click()
    expect(area).to_contain_text("正在保存到文件“plan.json”")
    assert page.evaluate("window.__requested") is True
    file_text_when(page, lambda t: "二" in t)
    assert file_titles(page) == ["一", "二"]


def test_open_file_goes_through_the_preview(new_page, base_url):
    page = new_page(**CONTEXT)
    page.add_init_script(OPEN_PICKER)
    open_mine(page, base_url)
    own_part(page, "这里的")
    backup = {"format": "wp-backup", "version": 2, "records": {"mine:part:f1": {"format": 2, "rev": 1, "entries": {
        "head": {"value": {"plan": "", "section": "", "heading": "", "title": "文件里的"}, "rev": 1, "by": "f"}}}}}
    page.evaluate(f"""async t => {{ const w = await (await {OPFS}).createWritable(); await w.write(t); await w.close(); }}""",
                  json.dumps(backup, ensure_ascii=False))
    before = storage_items(page)
    page.locator(".wp-file").get_by_role("button", name="打开文件").click()
    preview = page.locator(".wp-import")
    expect(preview).to_contain_text("文件“plan.json”")
    expect(preview.locator(".wp-import-group", has_text="只在文件中")).to_contain_text("章节“文件里的”")
    assert storage_items(page) == before
    preview.get_by_role("button", name="合并").click()
    expect(page.locator(".wp-part")).to_have_count(2)
    assert sorted(titles(page)) == ["文件里的", "这里的"]


MISSING = "delete window.showSaveFilePicker; delete window.showOpenFilePicker;"


def _missing_words(page):
    area = page.locator(".wp-file")
    expect(area).to_contain_text("这个浏览器不能直接保存到文件")
    expect(area.get_by_role("button", name="保存到文件")).to_be_hidden()
    expect(area.get_by_role("button", name="打开文件")).to_be_hidden()
    return area.get_by_role("button", name="下载备份文件")


def test_without_the_api_the_page_says_so_and_offers_the_download(new_page, base_url):
    page = new_page(**CONTEXT)
    page.add_init_script(MISSING)
    open_mine(page, base_url)
    own_part(page, "一")
    download = _missing_words(page)
    with page.expect_download() as info:
        download.click()
    assert json.loads(open(info.value.path(), encoding="utf-8").read())["format"] == "wp-backup"


def test_from_a_folder_the_page_says_so(new_page, site):
    page = new_page(**CONTEXT)
    page.goto((site / "mine.html").as_uri())
    expect(page.locator("[data-mine][data-ready]")).to_have_count(1)
    expect(_missing_words(page)).to_be_visible()
