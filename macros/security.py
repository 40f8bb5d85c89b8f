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
from collections.abc import Iterable
from pathlib import Path

from mkdocs.exceptions import PluginError
from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.render import render  # noqa: E402

CONFIG_FILES = {"security-headers.conf": "server/nginx.conf.j2",
                ".htaccess": "server/htaccess.j2",
                "web.config": "server/web.config.j2"}


#: script types the browser runs; others (application/json, …) are data and need no hash
RUNNABLE = ("text/javascript", "module")


def _inline_scripts(where: str, html: str) -> list[str]:
    """Bodies of the inline scripts the browser runs on one page.

    The page is read by lexbor (selectolax), an HTML5 parser: it splits scripts and attributes
    exactly as the browser that checks the hashes does. Stops the build on an event-handler
    attribute (onclick="…" and the like)."""
    tree = LexborHTMLParser(html)
    for node in tree.root.traverse():
        handler = next((name for name in node.attributes if name.startswith("on")), None)
        if handler:
            raise PluginError(f"{where}: 页面中有内联事件处理属性 <{node.tag} {handler}=…>,"
                              f"严格的内容安全策略无法允许它 (inline event handler: no CSP hash can allow it)")
    return [script.text(deep=True) for script in tree.css("script:not([src])")
            if (script.attributes.get("type") or "text/javascript").lower() in RUNNABLE]


def script_hashes(pages: Iterable[tuple[str, str]]) -> list[str]:
    """'sha256-…' of every distinct inline script in the pages ((site path, HTML) pairs, read one
    at a time: a large library's pages are not all held in memory at once)."""
    found = set()
    for where, html in pages:
        for body in _inline_scripts(where, html):
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
    pages = ((p.relative_to(site).as_posix(), p.read_text(encoding="utf-8")) for p in site.rglob("*.html"))
    values = headers(script_hashes(pages))
    assert not any('"' in v for v in values.values()), "header values are written in double quotes"
    for name, template in CONFIG_FILES.items():
        (site / name).write_text(render(template, headers=values), encoding="utf-8")
