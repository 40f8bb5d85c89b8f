"""Locked-down desktops: every way site data can fail, on a plan page and on the home page, served
over http and opened from a folder (file://), in real Chromium.

Modes, as browser policies and damaged profiles produce them:
- blocked: reading window.localStorage / sessionStorage throws a SecurityError ("cookies and site
  data" off);
- null / missing: the storage objects are null or absent;
- full: every write throws QuotaExceededError;
- damaged: our saved progress and the theme's own keys (palette, remembered tabs) hold unreadable
  or wrongly shaped values.
In each mode search finds results, the nav and the palette toggle work, ticks, fields, progress,
copy and download work within the page, the Chinese notice appears once where progress cannot be
saved, and no uncaught error reaches the console.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from support import open_search

pytestmark = pytest.mark.browser


def _both(js: str) -> str:
    return js.replace("STORE", "localStorage") + js.replace("STORE", "sessionStorage")


MODES = {
    "blocked": _both("""Object.defineProperty(window, 'STORE', {configurable: true, get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError'); }});"""),
    "null": _both("Object.defineProperty(window, 'STORE', {configurable: true, value: null});"),
    "missing": _both("delete window.STORE; Object.defineProperty(window, 'STORE', {configurable: true, value: undefined});"),
    "full": """Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };""",
    # written before any page script runs; the theme's keys live under its scope's path
    "damaged": """(() => {
        for (let p = location.pathname; ; p = p.slice(0, p.lastIndexOf('/', p.length - 2) + 1)) {
          localStorage.setItem(p + '.__palette', '{"index": "dark", "color": 7');
          localStorage.setItem(p + '.__tabs', '5');
          localStorage.setItem(p + '.__consent', 'null nonsense');
          if (p === '/' || p.length <= 1) break;
        }
        for (const id of ['teller', 'relationship-manager', 'operations-supervisor', 'fintech-specialist', 'compliance-officer'])
          localStorage.setItem('wp:v1:' + id, '{"items": [oops');
      })();""",
}
NOTICE = {"blocked": "禁用", "null": "禁用", "missing": "禁用", "full": "已满", "damaged": "损坏"}


@pytest.fixture(params=["http", "file"])
def root(request, base_url, site) -> str:
    return base_url if request.param == "http" else site.as_uri() + "/"


def _open(new_page, mode: str, url: str):
    pg = new_page(permissions=["clipboard-read", "clipboard-write"], accept_downloads=True)
    pg.add_init_script(MODES[mode])
    pg.goto(url)
    return pg


def _palette_and_search(pg):
    body = pg.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    pg.locator("form[data-md-component=palette] label:visible").first.click()
    expect(body).not_to_have_attribute("data-md-color-scheme", before)
    results = open_search(pg, "反洗钱")
    assert results.count() >= 1
    pg.keyboard.press("Escape")
    expect(pg.locator("#__search")).not_to_be_checked()


@pytest.mark.parametrize("mode", MODES)
def test_plan_page_works_in_every_storage_mode(new_page, root, mode, collection):
    plan = collection.plan("relationship-manager")  # has fill-in fields inside measures
    pg = _open(new_page, mode, root + f"plans/{plan.id}.html")
    expect(pg.locator("article[data-wp-ready]")).to_have_count(1)
    pg.evaluate("""() => { window.__alerts = 0;
        new MutationObserver(() => window.__alerts++).observe(document.querySelector('.wp-warning'),
          {childList: true, characterData: true, subtree: true}); }""")
    items, field = plan.items(), plan.fields[0]
    total = len(items)
    warning = pg.locator(".wp-warning")
    _notice_at_load(pg, mode)

    pg.check(f"#wp-check-{items[0].id}")
    pg.check(f"#wp-check-{items[1].id}")
    pg.locator(f"input.wp-input[data-field='{field.id}']").fill("九十")
    expect(pg.locator(".wp-tools--plan .wp-progress-text")).to_have_text(f"已完成 2/{total}")
    if mode == "damaged":
        expect(warning).to_be_hidden()  # saved afresh: the damaged record is replaced
    else:
        expect(warning).to_be_visible()
        expect(warning).to_contain_text(NOTICE[mode])
        expect(warning).to_contain_text("无法保存")
        # set once (at load, or at the first failed save), never again on later changes
        assert pg.evaluate("window.__alerts") == (1 if mode == "full" else 0)

    pg.locator(".wp-tools--plan").get_by_role("button", name="复制为纯文本").click()
    expect(pg.locator(".wp-toast")).to_contain_text("已复制")
    text = pg.evaluate("navigator.clipboard.readText()")
    assert text.splitlines()[0] == plan.page_title and "九十" in text and text.count("☑") == 2

    with pg.expect_download() as info:
        pg.locator(".wp-tools--plan").get_by_role("button", name="下载 .md").click()
    content = Path(info.value.path()).read_text(encoding="utf-8")
    assert content.startswith(f"# {plan.page_title}\n") and content.count("- [x]") == 2

    _palette_and_search(pg)
    pg.locator(".md-sidebar--primary").get_by_role("link", name="新入职柜员工作计划").click()
    pg.wait_for_url("**/plans/teller.html")
    expect(pg.locator("article[data-wp-ready]")).to_have_count(1)
    _notice_at_load(pg, mode)


def _notice_at_load(pg, mode):
    """Reading fails at once when storage is off or damaged; a full one fails on the first save."""
    warning = pg.locator(".wp-warning")
    if mode == "full":
        expect(warning).to_be_hidden()
        pg.locator("input.wp-check").first.check()
    expect(warning).to_be_visible()
    expect(warning).to_contain_text(NOTICE[mode])
    assert pg.locator(".wp-warning:visible").count() == 1
    if mode == "full":
        pg.locator("input.wp-check").first.uncheck()


@pytest.mark.parametrize("mode", MODES)
def test_home_page_works_in_every_storage_mode(new_page, root, mode):
    pg = _open(new_page, mode, root + "index.html")
    expect(pg.locator("article h1")).to_have_count(1)
    _palette_and_search(pg)
    pg.locator(".wp-cards li").first.get_by_role("link").first.click()
    pg.wait_for_url("**/plans/teller.html")
    expect(pg.locator("article[data-wp-ready]")).to_have_count(1)
