"""Fixtures: one strict build of the real site per session, a local server, Debian's Chromium;
and the guard that keeps `scripts/test.sh --fast` honest: a test that drives the browser or starts
a browser-side tool must be marked `browser`, one that starts a real web server `server`."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pytest

from macros.core.loader import load_collection
from support import ROOT, build, logged_warnings, serve

CHROMIUM = "/usr/bin/chromium"

# ---------------------------------------------------------------- lanes: what needs a marker

#: fixtures that launch Chromium (through Playwright's Node driver)
BROWSER_FIXTURES = {"browser", "context", "page", "new_page"}
#: programs a test may start only under a marker: the fast lane installs none of them
MARKED_PROGRAMS = {
    **dict.fromkeys(("chromium", "node", "npm", "npx", "lighthouse", "java", "soffice", "libreoffice",
                     "pdftotext", "pdfinfo", "pdftoppm"), "browser"),
    **dict.fromkeys(("nginx", "apache2", "apache2ctl", "httpd"), "server"),
}
_running: list = []  # the test item whose setup, call or teardown runs now


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects: an unmarked test fails every lane
def pytest_collection_modifyitems(items):
    unmarked = [item.nodeid for item in items
                if BROWSER_FIXTURES & set(item.fixturenames) and not item.get_closest_marker("browser")]
    if unmarked:
        raise pytest.UsageError(
            "这些测试使用浏览器却没有标记 @pytest.mark.browser,快速测试(scripts/test.sh --fast)会启动浏览器 "
            "(tests use a browser fixture without the `browser` marker):\n  " + "\n  ".join(unmarked))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item):
    _running.append(item)
    yield
    _running.pop()


def _refuse_unmarked_programs(event, args):
    """Audit hook: starting one of MARKED_PROGRAMS from a test without its marker raises."""
    if event != "subprocess.Popen" or not _running:
        return
    program = os.path.basename(str(args[0] or (args[1][0] if args[1] else "")))
    marker = MARKED_PROGRAMS.get(program)
    if marker and not _running[-1].get_closest_marker(marker):
        raise RuntimeError(f"测试 {_running[-1].nodeid} 启动了 {program},需要标记 @pytest.mark.{marker} "
                           f"(a test that starts {program} must be marked `{marker}`)")


sys.addaudithook(_refuse_unmarked_programs)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real project built once with `mkdocs build --strict`; fails on any warning."""
    out = tmp_path_factory.mktemp("site")
    result = build(ROOT, out)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert logged_warnings(log) == [], log
    return out


@pytest.fixture(scope="session")
def packaged():
    """`packaged(site_path)`: the site folder of `scripts/package.sh --site-path SITE_PATH`, unzipped,
    made once per path in the session. It lives in a world-readable folder under /tmp, so nginx's and
    Apache's worker processes (nobody, www-data) can read it."""
    top = Path(tempfile.mkdtemp(prefix="wp-packaged-"))
    top.chmod(0o755)
    made: dict[str, Path] = {}

    def make(site_path: str) -> Path:
        if site_path not in made:
            out = top / f"zip-{len(made)}"
            env = {**os.environ, "WP_PYTHON": sys.executable, "NO_MKDOCS_2_WARNING": "1"}
            env.pop("WP_SITE_PATH", None)
            env.pop("WP_SITE_URL", None)
            result = subprocess.run([str(ROOT / "scripts" / "package.sh"), "--site-path", site_path, str(out)],
                                    env=env, capture_output=True, text=True, timeout=600)
            assert result.returncode == 0, result.stdout + result.stderr
            (zip_path,) = out.glob("*.zip")
            dest = top / f"site-{len(made)}"
            with zipfile.ZipFile(zip_path) as z:
                z.extractall(dest)
            (folder,) = dest.iterdir()
            for path in [dest, *dest.rglob("*")]:
                path.chmod(0o755 if path.is_dir() else 0o644)
            made[site_path] = folder
        return made[site_path]
    yield make
    shutil.rmtree(top)


@pytest.fixture(scope="session")
def collection():
    """The real data, loaded and validated once."""
    return load_collection(ROOT / "data")


@pytest.fixture(scope="session")
def base_url(site):
    url, server = serve(site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--disable-background-networking"])
        yield b
        b.close()


class PageWatch:
    """What a page did that a test must not accept silently."""

    def __init__(self):
        self.console_errors: list[str] = []
        self.external: list[str] = []

    def attach(self, page):
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        page.on("request", self._request)

    def _request(self, request):
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname != "127.0.0.1":
            self.external.append(request.url)


@pytest.fixture
def context(browser):
    ctx = browser.new_context(locale="zh-CN", permissions=["clipboard-read", "clipboard-write"],
                              accept_downloads=True)
    yield ctx
    ctx.close()


@pytest.fixture
def watch():
    return PageWatch()


@pytest.fixture
def page(context, watch):
    """A fresh page; at the end of the test there must be no console error and no external request."""
    pg = context.new_page()
    watch.attach(pg)
    yield pg
    assert watch.console_errors == [], watch.console_errors
    assert watch.external == [], watch.external


@pytest.fixture
def new_page(browser):
    """Factory for a page in a context of its own (viewport, colour scheme, JavaScript off …),
    watched like `page`: at the end no console error and no external request."""
    made = []

    def make(**options):
        ctx = browser.new_context(locale="zh-CN", **options)
        watch, pg = PageWatch(), ctx.new_page()
        watch.attach(pg)
        made.append((ctx, watch))
        return pg
    yield make
    for ctx, _ in made:
        ctx.close()
    for _, watch in made:
        assert watch.console_errors == [], watch.console_errors
        assert watch.external == [], watch.external
