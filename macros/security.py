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
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.render import render  # noqa: E402

# Inline scripts the browser runs: no src, and no data type such as application/json.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
DATA_TYPE = re.compile(r'\stype="(?!text/javascript|module)[^"]*"')
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.S)
CONFIG_FILES = {"security-headers.conf": "server/nginx.conf.j2",
                ".htaccess": "server/htaccess.j2",
                "web.config": "server/web.config.j2"}


def script_hashes(pages: dict[str, str]) -> list[str]:
    """'sha256-…' of every distinct inline script in the pages (site path -> HTML)."""
    found = set()
    for where, html in pages.items():
        if handler := EVENT_HANDLER.search(html):
            raise PluginError(f"{where}: 页面中有内联事件处理属性 {handler.group()[:60]!r},严格的内容安全策略无法允许它 "
                              f"(inline event handler: no CSP hash can allow it)")
        for m in INLINE_SCRIPT.finditer(html):
            if not DATA_TYPE.search(m.group("attrs")):
                digest = hashlib.sha256(m.group("body").encode("utf-8")).digest()
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
