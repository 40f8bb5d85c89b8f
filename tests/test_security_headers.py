"""The site under strict security headers, exactly as the build writes them for the servers.

The test server sends the headers of the built site's security-headers.conf (what an nginx
administrator includes; .htaccess and web.config carry the same, checked here too; tests/test_servers.py
runs them in real nginx and Apache). Every page is
loaded in Chromium and must report no Content-Security-Policy violation; on a plan page search,
ticks, fields, copy, the Markdown and Word downloads and the print layout still work.
"""
from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from playwright.sync_api import expect

from support import ROOT, html_pages, open_search, serve

NGINX_LINE = re.compile(r'^add_header (\S+) "([^"]*)" always;$')


def nginx_headers(site: Path) -> dict[str, str]:
    lines = (site / "security-headers.conf").read_text(encoding="utf-8").splitlines()
    found = [NGINX_LINE.match(line) for line in lines if line and not line.startswith("#")]
    assert all(found), lines
    return {m.group(1): m.group(2) for m in found}


@pytest.fixture(scope="module")
def headers(site) -> dict[str, str]:
    return nginx_headers(site)


@pytest.fixture(scope="module")
def strict_url(site, headers):
    class Strict(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def end_headers(self):
            for name, value in headers.items():
                self.send_header(name, value)
            super().end_headers()
    url, server = serve(site, Strict)
    yield url
    server.shutdown()
    server.server_close()


def directives(csp: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}


def test_the_policy_is_strict(headers, site):
    csp = directives(headers["Content-Security-Policy"])
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert csp["script-src"][0] == "'self'" and all(s.startswith("'sha256-") for s in csp["script-src"][1:])
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'self'"] and csp["default-src"] == ["'self'"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] in ("same-origin", "no-referrer", "strict-origin-when-cross-origin")
    # one hash per distinct inline script of the built pages: computed from them, not written down
    inline = set()
    for page in html_pages(site):
        html = (site / page).read_text(encoding="utf-8")
        inline |= {m.group(1) for m in re.finditer(r"<script>(.*?)</script>", html, re.S)}
    assert inline and len(csp["script-src"]) - 1 == len(inline)


def test_apache_and_iis_files_carry_the_same_headers(site, headers):
    htaccess = (site / ".htaccess").read_text(encoding="utf-8")
    apache = dict(re.findall(r'^\s*Header always set (\S+) "([^"]*)"$', htaccess, re.M))
    assert apache == headers
    root = ET.parse(site / "web.config").getroot()
    iis = {e.get("name"): e.get("value") for e in root.iterfind("system.webServer/httpProtocol/customHeaders/add")}
    assert iis == headers


def test_readme_includes_the_generated_file_rather_than_a_copy(headers):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"^\s*include \S+/security-headers\.conf;", readme, re.M)
    assert "sha256-" not in readme  # the hashes live in the generated file only


def _violations(page) -> list[str]:
    found = []
    page.on("console", lambda m: "Content Security Policy" in m.text and found.append(m.text))
    return found


@pytest.mark.browser
def test_every_page_loads_without_a_violation(context, strict_url, site):
    page = context.new_page()
    found = _violations(page)
    for path in html_pages(site):
        response = page.goto(strict_url + path)
        assert response.headers["content-security-policy"]  # the server really sent it
        page.wait_for_load_state("load")
        assert not found, (path, found)
    page.close()


@pytest.mark.browser
def test_plan_page_features_under_the_policy(context, strict_url, collection, tmp_path):
    plan = collection.plan("relationship-manager")
    page = context.new_page()
    found = _violations(page)
    page.goto(strict_url + f"plans/{plan.id}.html")
    expect(page.locator("article[data-wp-ready]")).to_have_count(1)
    item, field = plan.items()[0], plan.fields[0]
    page.check(f"#wp-check-{item.id}")
    page.locator(f"input.wp-input[data-field='{field.id}']").fill("三")
    expect(page.locator(".wp-tools--plan .wp-progress-text")).to_have_text(f"已完成 1/{len(plan.items())}")

    page.locator(".wp-tools--plan").get_by_role("button", name="复制为 Markdown").click()
    expect(page.locator(".wp-toast")).to_contain_text("已复制")
    assert "- [x]" in page.evaluate("navigator.clipboard.readText()")
    with page.expect_download() as info:
        page.locator(".wp-tools--plan").get_by_role("button", name="下载 .md").click()
    assert Path(info.value.path()).read_text(encoding="utf-8").startswith("# " + plan.page_title)
    blob = page.evaluate("""async () => {
        const doc = {title: 'T', blocks: [{kind: 'checklist', ordered: false, items: [
          {checked: true, runs: [{text: '一项'}], items: []}]}]};
        await WP.load(['export-docx']); const b = await WP.exportDocx(doc); return b.size; }""")
    assert blob > 1000  # the Word library loaded and ran under the policy

    assert open_search(page, "反洗钱").count() >= 1
    page.keyboard.press("Escape")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert page.locator(f"#wp-check-{item.id}").is_checked()
    assert not found, found
    page.close()


def test_an_inline_event_handler_stops_the_build(tmp_path):
    """No hash can allow onclick="…": the build refuses it instead of publishing a page that breaks,
    also when the build before it left every page's check in the cache."""
    from macros.publish.security import CACHE_FILE
    from support import build, copy_project
    project = copy_project(tmp_path / "project")
    assert build(project, tmp_path / "site").returncode == 0
    cached = json.loads((project / CACHE_FILE).read_text(encoding="utf-8"))["pages"]
    pages = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (tmp_path / "site").rglob("*.html")]
    assert pages and set(pages) == set(cached)  # every page's result, nothing else
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + '\n<button type="button" onclick="go()">按钮</button>\n',
                     encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "index.html" in result.stderr and "内联事件处理属性" in result.stderr and "onclick" in result.stderr


@pytest.mark.parametrize("damage", ["entries", "file"])
def test_a_damaged_cache_is_not_trusted(tmp_path, damage):
    """The policy comes from the pages, also when .cache/csp.json was damaged between builds."""
    from macros.publish.security import CACHE_FILE
    from support import build, copy_project
    project, site = copy_project(tmp_path / "project"), tmp_path / "site"
    assert build(project, site).returncode == 0
    policy = (site / "security-headers.conf").read_text(encoding="utf-8")
    cache = project / CACHE_FILE
    saved = json.loads(cache.read_text(encoding="utf-8"))
    saved["pages"] = {key: ["'sha256-evil'", 5] for key in saved["pages"]}
    cache.write_text(json.dumps(saved) if damage == "entries" else "{\"version\": ", encoding="utf-8")
    assert build(project, site).returncode == 0
    assert (site / "security-headers.conf").read_text(encoding="utf-8") == policy


@pytest.mark.parametrize("markup", [
    '<button onclick="go()">', "<img src=x ONERROR=go()>", "<img/onerror=go()>", '<a href="#"onmouseover="go()">',
    "<a href='#'onfocus=go()>", "<div\n\tonpointerdown=go()>", "<div\x0conclick=go()>", "<div\ronclick=go()>", "<svg><g onload=go()></g></svg>", "<p title=x onx>"])
def test_every_spelling_of_an_event_handler_is_found(markup):
    """Wherever the HTML tokenizer starts an attribute name (after whitespace, "/" or a quote) and in
    any letter case, an on… attribute stops the build."""
    from mkdocs.exceptions import PluginError
    from macros.publish.security import _inline_scripts
    page = f"<!doctype html><html><body><p>文字 {markup}</p></body></html>".encode()
    with pytest.raises(PluginError, match="内联事件处理属性"):
        _inline_scripts("x.html", page)


def test_on_in_text_ids_and_scripts_is_not_a_handler():
    from macros.publish.security import _inline_scripts
    page = ("<!doctype html><html><body><h2 id=\"online-sales\">线上 on 渠道</h2><p title='x'>ON time</p>"
            "<script>var x = ' onclick=1';</script><script type=\"application/json\">{}</script>"
            "<script src=\"a.js\"></script></body></html>").encode()
    assert _inline_scripts("x.html", page) == ["var x = ' onclick=1';"]
