"""MkDocs hook: the HTTP security headers the site is published with, from one place.

The Content-Security-Policy allows scripts from the site itself and, by their SHA-256 hashes, the
theme's few inline scripts, with no 'unsafe-inline' and no 'unsafe-eval'. The hashes are taken from
the pages just built, so a theme upgrade that changes or adds an inline script changes the policy
with it instead of silently breaking it; an inline event handler (onclick="…"), which no hash can
allow, stops the build.

After every build the same headers are written for three servers into the site folder:
    security-headers.conf   nginx: `include` it in the server block (README, 内网发布)
    .htaccess               Apache (AllowOverride FileInfo or All; mod_headers)
    web.config              IIS (customHeaders)
tests/test_security_headers.py serves the built site with exactly the headers of
security-headers.conf and checks that no page reports a violation.
"""
from __future__ import annotations

import base64
import hashlib
import sys
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.render import render  # noqa: E402

CONFIG_FILES = {"security-headers.conf": "server/nginx.conf.j2",
                ".htaccess": "server/htaccess.j2",
                "web.config": "server/web.config.j2"}


class _Scripts(HTMLParser):
    """Inline scripts the browser runs (no src, no data type such as application/json), and
    event-handler attributes, of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.inline: list[str] = []
        self.handlers: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        self.handlers += [f"<{tag} {name}=…>" for name in names if name.startswith("on")]
        kind = (names.get("type") or "text/javascript").lower()
        if tag == "script" and "src" not in names and kind in ("text/javascript", "module"):
            self._open = []

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            self.inline.append("".join(self._open))
            self._open = None


def script_hashes(pages: dict[str, str]) -> list[str]:
    """'sha256-…' of every distinct inline script in the pages (site path -> HTML)."""
    found = set()
    for where, html in pages.items():
        parser = _Scripts()
        parser.feed(html)
        if parser.handlers:
            raise PluginError(f"{where}: 页面中有内联事件处理属性 {parser.handlers[0]},严格的内容安全策略无法允许它 "
                              f"(inline event handler: no CSP hash can allow it)")
        for body in parser.inline:
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            found.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(found)


def headers(hashes: list[str]) -> dict[str, str]:
    """Header name -> value, in the order they are written."""
    csp = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *hashes],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
    return {
        "Content-Security-Policy": "; ".join(f"{name} {' '.join(values)}" for name, values in csp.items()),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "X-Frame-Options": "SAMEORIGIN",
    }


def on_post_build(config):
    site = Path(config.site_dir)
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    values = headers(script_hashes(pages))
    assert not any('"' in v for v in values.values()), "header values are written in double quotes"
    for name, template in CONFIG_FILES.items():
        (site / name).write_text(render(template, headers=values), encoding="utf-8")
