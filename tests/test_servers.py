"""The README's nginx and Apache configuration, run as printed in real servers, at the root and under a sub-path.

Each of README.md's four blocks (```nginx site-root, ```nginx site-sub-path, ```apache site-root,
```apache site-sub-path) is taken exactly as printed, with only its placeholders replaced as the README
says (tests/servers.py), and serves the folder of `scripts/package.sh --site-path /` or
`--site-path /work-plans/`. Then, over HTTP and in Chromium: every page loads with no CSP violation;
security and cache headers on pages and on hashed files; gzip; a missing address at any depth, and a
folder without index.html (/plans/, /assets/), answers status 404 in place with the styled 404 page whose
search works and whose link leads home; the servers' own configuration files are not served; Apache
without mod_headers refuses the configuration. IIS is not run here: its generated web.config is parsed.
"""
from __future__ import annotations

import gzip
import re
import subprocess
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from playwright.sync_api import expect

from servers import Server, apache_config, config_test, placed, readme_block
from support import ROOT, html_pages, open_search

pytestmark = pytest.mark.server

SUB_PATH = "/work-plans/"
BLOCKS = {"site-root": "/", "site-sub-path": SUB_PATH}
CONFIG_FILES = (".htaccess", "web.config", "security-headers.conf")
HEADER_STYLE = """() => { const s = getComputedStyle(document.querySelector('.md-header'));
    return [s.position, s.backgroundColor, s.color, s.height]; }"""
NGINX_LINE = re.compile(r'^add_header (\S+) "([^"]*)" always;$')


def security_headers(folder: Path) -> dict[str, str]:
    """The headers every answer must carry: the build's security-headers.conf."""
    lines = (folder / "security-headers.conf").read_text(encoding="utf-8").splitlines()
    found = [NGINX_LINE.match(line) for line in lines if line and not line.startswith("#")]
    assert found and all(found), lines
    return {m.group(1): m.group(2) for m in found}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, gzipped: bool = False, follow: bool = False):
    """(status, headers, body) of one GET; body as sent (compressed when the server gzipped it)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzipped else {})
    try:
        with (urllib.request.urlopen if follow else _OPENER.open)(request, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


class Published:
    def __init__(self, server: Server, folder: Path, site_path: str):
        self.server, self.folder, self.site_path = server, folder, site_path
        self.url = server.origin + site_path


@pytest.fixture(scope="module", params=[(s, b) for s in ("nginx", "apache") for b in BLOCKS],
                ids=lambda p: f"{p[0]}-{p[1]}")
def published(request, packaged, tmp_path_factory):
    server_name, block = request.param
    folder = packaged(BLOCKS[block])
    server = Server(server_name, block, folder, tmp_path_factory.mktemp(f"{server_name}-{block}"))
    yield Published(server, folder, BLOCKS[block])
    server.stop()


# ---- the README's blocks

@pytest.mark.parametrize("server", ["nginx", "apache"])
@pytest.mark.parametrize("block", list(BLOCKS))
def test_readme_blocks_name_no_host_and_have_their_placeholders(server, block):
    text = readme_block(server, block)
    assert not re.search(r"^\s*(server_name|ServerName|ServerAlias)\b", text, re.M | re.I)
    assert not re.search(r"https?://", text)
    assert "IfModule" not in text  # a missing module fails loudly
    placed(text, server, Path("/x"), 8080)  # the site folder and the port are where the README says
    if block == "site-sub-path":
        assert f"{SUB_PATH}404.html" in text
    else:
        assert SUB_PATH not in text and re.search(r"(error_page 404|ErrorDocument 404) /404\.html", text)


@pytest.mark.parametrize("block", list(BLOCKS))
def test_apache_without_mod_headers_refuses_the_configuration(block, packaged, tmp_path):
    """No <IfModule mod_headers.c>: a server that cannot send the CSP does not start."""
    text = placed(readme_block("apache", block), "apache", packaged(BLOCKS[block]), 8080)
    with_headers = config_test("apache", apache_config(text, tmp_path, 8080, headers=True), tmp_path)
    assert with_headers.returncode == 0, with_headers.stderr
    without = config_test("apache", apache_config(text, tmp_path, 8080, headers=False), tmp_path)
    assert without.returncode != 0
    assert "Invalid command 'Header'" in without.stdout + without.stderr


def test_the_generated_htaccess_has_no_ifmodule(packaged):
    text = (packaged("/") / ".htaccess").read_text(encoding="utf-8")
    assert not re.search(r"^\s*<IfModule", text, re.M)  # named in its comment only
    assert re.search(r'^Header always set Content-Security-Policy "', text, re.M)


# ---- over HTTP

def test_pages_and_hashed_files_carry_security_and_cache_headers(published):
    expected = security_headers(published.folder)
    status, headers, body = fetch(published.url + "index.html")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert {name: headers[name] for name in expected} == expected
    assert headers["Cache-Control"] == "no-cache"
    hashed = re.findall(rb'(?:href|src)="(assets/(?:stylesheets|javascripts)/[^"]+\.[0-9a-f]{8}\.min\.(?:css|js))"', body)
    assert len(hashed) >= 3, hashed  # main and palette stylesheets, the theme's script
    for path in {h.decode() for h in hashed}:
        status, headers, _ = fetch(published.url + path)
        assert status == 200, path
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable", path
        assert {name: headers[name] for name in expected} == expected, path
    # files that keep their names between builds are revalidated
    for path in ("assets/bundle.css", "assets/wp/bundle.js", "search/search_index.json"):
        status, headers, _ = fetch(published.url + path)
        assert status == 200 and headers["Cache-Control"] == "no-cache", path
        assert headers["Content-Security-Policy"] == expected["Content-Security-Policy"], path


def test_gzip(published):
    for path, kind in (("index.html", "text/html"), ("assets/bundle.css", "text/css"),
                       ("assets/wp/bundle.js", "javascript"), ("search/search_index.json", "application/json"),
                       ("data/plans/teller.json", "application/json")):
        status, headers, body = fetch(published.url + path, gzipped=True)
        assert status == 200 and kind in headers["Content-Type"], (path, headers["Content-Type"])
        assert headers["Content-Encoding"] == "gzip", path
        assert gzip.decompress(body) == (published.folder / path).read_bytes(), path


@pytest.mark.parametrize("missing", ["no-such-page.html", "plans/no-such-plan.html", "old/folder/page.html",
                                     "plans/", "assets/", "assets/stylesheets/"])
def test_missing_addresses_and_folders_answer_404_in_place(published, missing):
    status, headers, body = fetch(published.url + missing)
    assert status == 404, (missing, status)
    html = body.decode("utf-8")
    assert '<h1 id="not-found">找不到这个页面</h1>' in html
    assert f'href="{published.site_path}assets/bundle.css"' in html  # the build's 404 page, links from the site's path
    assert headers["Content-Security-Policy"] == security_headers(published.folder)["Content-Security-Policy"]


def test_folder_addresses(published):
    """A folder with index.html answers with it; a folder without one, with or without its slash, is missing."""
    status, _, body = fetch(published.url)  # the site's own folder: its home page
    assert status == 200 and body == (published.folder / "index.html").read_bytes()
    status, _, body = fetch(published.url + "topics/")
    assert status == 200 and body == (published.folder / "topics" / "index.html").read_bytes()
    status, _, body = fetch(published.url + "plans", follow=True)  # nginx adds the slash first (301)
    assert status == 404 and "找不到这个页面".encode() in body
    site_root = published.url.rstrip("/")
    if site_root != published.server.origin:  # /work-plans without its slash: to the site, not a 404
        status, headers, _ = fetch(site_root)
        assert status == 301 and headers["Location"].endswith(SUB_PATH)


@pytest.mark.parametrize("name", CONFIG_FILES)
@pytest.mark.parametrize("where", ["", "plans/"])
def test_server_configuration_files_are_not_served(published, name, where):
    assert (published.folder / name).is_file()
    status, _, body = fetch(published.url + where + name)
    assert status in (403, 404), (name, status)
    assert b"add_header" not in body and b"Header always set" not in body and b"<configuration>" not in body


# ---- in Chromium

def _violations(page) -> list[str]:
    found = []
    page.on("console", lambda m: "Content Security Policy" in m.text and found.append(m.text))
    return found


@pytest.mark.browser
def test_every_page_loads_without_a_violation(context, published):
    page = context.new_page()
    found = _violations(page)
    for path in html_pages(published.folder):
        response = page.goto(published.url + path)
        assert response.status == 200 and response.headers["content-security-policy"], path
        page.wait_for_load_state("load")
        assert not found, (path, found)
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("missing", ["no-such-page.html", "plans/no-such-plan.html", "old/folder/page.html",
                                     "plans/", "assets/"])
def test_a_missing_address_gets_the_working_404_page(context, published, missing):
    page = context.new_page()
    found = _violations(page)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and "status of 404" not in m.text and errors.append(m.text))
    page.goto(published.url + "index.html")
    home_style = page.evaluate(HEADER_STYLE)
    assert home_style[0] == "sticky"
    failed = []
    page.on("requestfinished", lambda r: r.response().status >= 400 and failed.append(r.url))
    response = page.goto(published.url + missing)
    assert response.status == 404 and page.url == published.url + missing  # in place, not redirected
    assert page.locator("h1").inner_text() == "找不到这个页面"
    assert page.evaluate(HEADER_STYLE) == home_style  # styled exactly like the home page
    sheets = page.evaluate("() => [...document.styleSheets].filter(s => s.href).map(s => [s.href, s.cssRules.length])")
    linked = page.locator("link[rel=stylesheet]").count()
    assert len(sheets) == linked >= 3 and all(href.startswith(published.url) and n > 0 for href, n in sheets), sheets
    assert failed == [published.url + missing]  # only the missing address itself
    results = open_search(page, "反洗钱")
    first = results.first.locator("a").first.get_attribute("href")
    assert page.evaluate("h => new URL(h, location.href).href", first).startswith(published.url + "plans/")
    page.keyboard.press("Escape")
    page.locator("article a.wp-home-link").click()
    expect(page).to_have_url(published.url + "index.html")
    expect(page.locator("h1#home")).to_be_visible()
    assert not found and not errors, (found, errors)
    page.close()


# ---- IIS: the generated web.config, parsed

def _iis(folder: Path):
    root = ET.parse(folder / "web.config").getroot()
    assert root.tag == "configuration"
    return root, root.find("system.webServer")


@pytest.mark.parametrize("site_path", ["/", SUB_PATH])
def test_iis_web_config_is_complete(packaged, site_path):
    folder = packaged(site_path)
    root, web = _iis(folder)
    headers = {e.get("name"): e.get("value") for e in web.iterfind("httpProtocol/customHeaders/add")}
    assert headers == security_headers(folder)
    (errors,) = web.findall("httpErrors")
    assert errors.get("errorMode") == "Custom" and errors.get("existingResponse") == "Replace"
    (not_found,) = [e for e in errors.iterfind("error") if e.get("statusCode") == "404"]
    assert not_found.get("path") == f"{site_path}404.html" and not_found.get("responseMode") == "ExecuteURL"
    assert [e.get("statusCode") for e in errors.iterfind("remove")] == ["404", "403"]
    mime = {e.get("fileExtension"): e.get("mimeType") for e in web.iterfind("staticContent/mimeMap")}
    assert mime[".json"].startswith("application/json") and mime[".js"].startswith("text/javascript")
    assert web.find("staticContent/clientCache").get("cacheControlMode") == "DisableCache"
    assert [e.get("value") for e in web.iterfind("defaultDocument/files/add")] == ["index.html"]
    assert web.find("directoryBrowse").get("enabled") == "false"
    hidden = {e.get("segment") for e in web.iterfind("security/requestFiltering/hiddenSegments/add")}
    assert hidden == set(CONFIG_FILES)
    assert web.find("urlCompression").get("doStaticCompression") == "true"
    cached = {loc.get("path"): loc.find("system.webServer/staticContent/clientCache") for loc in root.iterfind("location")}
    assert set(cached) == {"assets/stylesheets", "assets/javascripts"}
    assert all(c.get("cacheControlMode") == "UseMaxAge" and c.get("cacheControlMaxAge") == "365.00:00:00"
               for c in cached.values())


def test_iis_web_config_without_a_known_path_redirects(site):
    """The build without a site path (the session's `site`): relative 404 page, so a redirect to it."""
    _, web = _iis(site)
    (not_found,) = web.findall("httpErrors/error")
    assert not_found.get("path") == "/404.html" and not_found.get("responseMode") == "Redirect"


# ---- scripts/package.sh --site-path

@pytest.mark.parametrize("bad", ["work-plans/", "https://intranet.example/work-plans/"])
def test_package_refuses_a_site_path_that_is_not_a_path(bad, tmp_path):
    result = subprocess.run([str(ROOT / "scripts" / "package.sh"), "--site-path", bad, str(tmp_path)],
                            env={"PATH": "/usr/bin:/bin", "WP_PYTHON": "/nonexistent"}, capture_output=True, text=True)
    assert result.returncode == 2 and "--site-path" in result.stderr
    assert not list(tmp_path.iterdir())
