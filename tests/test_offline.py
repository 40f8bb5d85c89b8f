"""Intranet and offline use: no page requests anything outside the site, the build works opened
from disk (file://) — navigation, Chinese search, checklists, copy — and scripts/package.sh makes a
zip whose index.html works the same way after unzipping.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from support import PLAN_IDS, ROOT, html_pages, open_search


ASSET_TAG = re.compile(r'<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?\b(?:src|href|data)="([^"]+)"')


# ---------------------------------------------------------------- zero external requests

def test_site_has_every_kind_of_page(site):
    pages = html_pages(site)
    assert "index.html" in pages and "404.html" in pages
    assert {f"plans/{p}.html" for p in PLAN_IDS} <= set(pages)
    assert any(p.startswith("topics/") for p in pages) and any(p.startswith("tracks/") for p in pages)


@pytest.mark.browser
def test_every_page_requests_nothing_outside_the_site(page, watch, base_url, site):
    """Load EVERY built page (home, plans, topics, tracks, 404) and wait until the network is idle
    (search index and worker included): all requests stay on 127.0.0.1, no console error."""
    pages = html_pages(site)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    for path in pages:
        page.goto(base_url + path, wait_until="networkidle")
        assert watch.external == [], f"{path}: {watch.external}"
        assert watch.console_errors == [], f"{path}: {watch.console_errors}"
    local = [u for u in requests if u.startswith(base_url)]
    assert len(local) > len(pages) * 3  # pages really loaded their styles and scripts
    print(f"\n{len(pages)} pages, {len(requests)} requests, all on 127.0.0.1")


def test_no_asset_in_the_html_points_outside_the_site(site):
    """Static check behind the browser test: scripts, styles, images, frames are all relative
    (plain <a> links to other sites would be allowed; there are none to assets)."""
    found = []
    for path in site.rglob("*.html"):
        for tag, url in ASSET_TAG.findall(path.read_text(encoding="utf-8")):
            if re.match(r"(?i)^([a-z][a-z0-9+.-]*:)?//", url) and not url.startswith("data:"):
                found.append(f"{path.relative_to(site)}: <{tag}> {url}")
    assert found == []
    assert (site / "assets/vendor/iframe-worker/shim.js").is_file()
    assert (site / "search/search_index.js").is_file()  # search data for file:// (offline plugin)


# ---------------------------------------------------------------- opened from disk (file://)

@pytest.fixture
def disk(site) -> str:
    """The built site as a file:// URL prefix."""
    return site.as_uri() + "/"


@pytest.mark.browser
def test_from_disk_navigation(page, watch, disk, collection):
    page.goto(disk + "index.html")
    expect(page.locator("article h1")).to_have_count(1)
    page.locator(".wp-cards li").nth(1).get_by_role("link").first.click()
    second = collection.plans[1]
    page.wait_for_url(f"**/plans/{second.id}.html")
    assert page.url.startswith("file://")
    expect(page.locator("article h1")).to_have_text(second.page_title)
    # the sidebar leads on to another plan and back home; all files on disk, no index.html guessing
    page.locator(".md-sidebar--primary").get_by_role("link", name=re.compile("柜员")).first.click()
    page.wait_for_url("**/plans/teller.html")
    page.locator(".md-header__button.md-logo").click()
    page.wait_for_url("**/index.html")
    assert watch.external == []


@pytest.mark.browser
def test_from_disk_chinese_search_finds_and_opens_results(page, disk):
    page.goto(disk + "plans/teller.html")
    results = open_search(page, "反洗钱")
    assert results.count() >= 1
    assert "符合条件的结果" in page.locator(".md-search-result__meta").inner_text()
    href = results.first.locator("a").first.get_attribute("href")
    assert href.startswith("file://")
    results.first.locator("a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://")
    expect(page.locator("article")).to_contain_text("反洗钱")
    open_search(page, "四不两直")


@pytest.mark.browser
def test_the_folder_shim_is_fetched_only_from_disk(page, base_url, disk):
    """The iframe-worker shim lets search run from a folder; a served page does not download it
    (nor wait for it before its first paint), a page opened from disk has it before search starts."""
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(base_url + "plans/teller.html", wait_until="networkidle")
    assert not [u for u in fetched if u.endswith("/shim.js")]
    assert page.evaluate("typeof window.IFrameWorker") == "undefined"
    page.goto(disk + "plans/teller.html", wait_until="load")
    assert [u for u in fetched if u.startswith("file://") and u.endswith("/iframe-worker/shim.js")]
    assert page.evaluate("typeof window.IFrameWorker") == "function"


@pytest.mark.browser
def test_from_disk_checklist_tick_survives_reload(page, disk):
    page.goto(disk + "plans/teller.html")
    box = page.locator("input.wp-check").first
    expect(box).to_be_visible()
    box.check()
    page.reload()
    expect(page.locator("input.wp-check").first).to_be_checked()
    expect(page.locator("input.wp-check").nth(1)).not_to_be_checked()


@pytest.mark.browser
def test_from_disk_copy_plan_as_text(page, disk):
    page.goto(disk + "plans/teller.html")
    page.locator("input.wp-check").first.check()
    page.locator(".wp-tools--plan").get_by_role("button", name="复制为纯文本").click()
    expect(page.locator(".wp-toast")).to_contain_text("已复制")
    text = page.evaluate("navigator.clipboard.readText()")
    title = page.locator("article h1").inner_text().strip()
    assert text.splitlines()[0] == title
    assert "☑" in text and "☐" in text


# ---------------------------------------------------------------- the zip for offline use

@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    env = {**os.environ, "WP_PYTHON": sys.executable}
    result = subprocess.run(["bash", str(ROOT / "scripts" / "package.sh"), str(out)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    zips = list(out.glob("*.zip"))
    assert len(zips) == 1, result.stdout
    return zips[0]


def test_package_is_a_dated_zip_of_one_folder(package):
    assert package.name == f"银行员工工作计划模板库-{date.today():%Y%m%d}.zip"
    with zipfile.ZipFile(package) as z:
        names = z.namelist()
        assert z.testzip() is None
    tops = {n.split("/", 1)[0] for n in names}
    assert tops == {f"bank-work-plans-{date.today():%Y%m%d}"}  # ASCII: safe with any unzip tool
    top = tops.pop()
    for must in ("index.html", "404.html", "README.txt", "search/search_index.js",
                 "assets/vendor/iframe-worker/shim.js", *(f"plans/{p}.html" for p in PLAN_IDS)):
        assert f"{top}/{must}" in names, must
    assert all(n.isascii() for n in names)


@pytest.mark.browser
def test_unzipped_package_works_from_disk(package, tmp_path, page, watch):
    with zipfile.ZipFile(package) as z:
        z.extractall(tmp_path)
    index = next(tmp_path.glob("*/index.html"))
    page.goto(index.as_uri())
    expect(page.locator("article h1")).to_have_count(1)
    page.locator(".wp-cards li").first.get_by_role("link").first.click()
    page.wait_for_url("**/plans/teller.html")
    open_search(page, "反洗钱")
    readme = (index.parent / "README.txt").read_text(encoding="utf-8-sig")
    assert "index.html" in readme
    assert watch.external == []
