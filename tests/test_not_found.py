"""The 404 page works wherever the site is published: at a server's root or under a sub-path.

A build that knows the site's path (`scripts/package.sh --site-path /work-plans/`, WP_SITE_PATH, or the
path of WP_SITE_URL) links everything in 404.html from that path, so servers answer any missing address
with it in place, status 404: tests/test_servers.py runs that in real nginx and Apache with the README's
blocks. This file checks the page of such a build, and the fallback of a build without a known path:
relative URLs, and a server that redirects a missing address to `<prefix>404.html` (README, "未给出
发布路径时"). Chromium opens missing addresses one and two folders deep and must get a styled page whose
search finds plans and whose link leads to the home page (macros/publish/error_page.py, overrides/404.html).
"""
from __future__ import annotations

import re
from http import HTTPStatus
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from support import QuietHandler, open_search, serve

ROOT_ABSOLUTE = re.compile(r'\b(?:href|src)="/(?!/)')
HEADER_STYLE = """() => { const s = getComputedStyle(document.querySelector('.md-header'));
    return [s.position, s.backgroundColor, s.color, s.height]; }"""


def test_without_a_known_path_404_page_uses_urls_relative_to_the_site_folder(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    assert not ROOT_ABSOLUTE.findall(html)
    assert '"base": "."' in html  # Material's search and worker are found from the page's folder
    assert re.search(r'<a href="\./index\.html" class="wp-home-link">返回首页</a>', html)
    assert 'href="./assets/stylesheets/main.' in html and 'src="./assets/javascripts/bundle.' in html


@pytest.mark.parametrize("site_path", ["/", "/intranet/work-plans/"])
def test_a_known_path_gives_root_relative_urls(packaged, site_path):
    html = (packaged(site_path) / "404.html").read_text(encoding="utf-8")
    urls = re.findall(r'\b(?:href|src)="([^"]*)"', html)
    assert urls and all(u.startswith(site_path) for u in urls if not u.startswith(("#", "'"))), urls
    assert f'"base": "{site_path}"' in html  # Material's search, its worker and its storage scope
    assert f'__md_scope=new URL("{site_path}"' in html
    assert f'<a href="{site_path}index.html" class="wp-home-link">返回首页</a>' in html
    assert f'href="{site_path}assets/stylesheets/main.' in html and f'src="{site_path}assets/javascripts/bundle.' in html


def test_a_path_that_is_not_a_path_stops_the_build(tmp_path, monkeypatch):
    from support import build, copy_project
    project = copy_project(tmp_path / "project")
    monkeypatch.setenv("WP_SITE_PATH", "/a/../b/")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0 and "站点路径" in result.stderr
    monkeypatch.setenv("WP_SITE_PATH", "/other/")
    monkeypatch.setenv("WP_SITE_URL", "https://intranet.example/work-plans/")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0 and "不一致" in result.stderr


def _handler(prefix: str):
    class SubPath(QuietHandler):
        """The built site under `prefix`; a missing address is redirected to the 404 page."""

        def translate_path(self, path):
            path = unquote(urlsplit(path).path)
            if not path.startswith(prefix):
                return "/nonexistent"
            return super().translate_path("/" + path[len(prefix):])

        def send_error(self, code, message=None, explain=None):
            if code != HTTPStatus.NOT_FOUND:
                return super().send_error(code, message, explain)
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", prefix + "404.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
    return SubPath


@pytest.fixture(scope="module", params=["/", "/intranet/work-plans/"], ids=["root", "sub-path"])
def published(request, site):
    base, server = serve(site, _handler(request.param))
    yield base.rstrip("/") + request.param
    server.shutdown()
    server.server_close()


@pytest.mark.browser
@pytest.mark.parametrize("missing", ["no-such-page.html", "plans/no-such-plan.html", "old/folder/page.html"])
def test_missing_address_gets_a_working_404_page(page, published, missing):
    page.goto(published + "index.html")
    home_style = page.evaluate(HEADER_STYLE)
    assert home_style[0] == "sticky"  # the theme's header, as a reference
    requests = []
    page.on("requestfinished", lambda r: requests.append((r.url, r.response().status)))
    response = page.goto(published + missing)
    assert response.ok and page.url == published + "404.html"
    assert page.locator("h1").inner_text() == "找不到这个页面"
    assert page.evaluate(HEADER_STYLE) == home_style  # styled exactly like the home page
    sheets = page.evaluate("() => [...document.styleSheets].filter(s => s.href).map(s => [s.href, s.cssRules.length])")
    linked = page.locator("link[rel=stylesheet]").count()
    assert len(sheets) == linked >= 3 and all(href.startswith(published) and n > 0 for href, n in sheets), sheets
    assert [u for u, status in requests if status >= 400] == []
    results = open_search(page, "反洗钱")
    first = results.first.locator("a").first.get_attribute("href")
    assert page.evaluate("h => new URL(h, location.href).href", first).startswith(published + "plans/")
    page.keyboard.press("Escape")  # close the search panel, as a user would
    page.locator("article a.wp-home-link").click()
    expect(page).to_have_url(published + "index.html")
    expect(page.locator("h1#home")).to_be_visible()
