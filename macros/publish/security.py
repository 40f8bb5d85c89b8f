"""MkDocs hook: the HTTP security headers the site is published with, from one place.

The Content-Security-Policy allows scripts from the site itself and, by their SHA-256 hashes, the
theme's few inline scripts, with no 'unsafe-inline' and no 'unsafe-eval'. The hashes are taken from
the pages just built, so a theme upgrade that changes or adds an inline script changes the policy
with it instead of silently breaking it; an inline event handler (onclick="…"), which no hash can
allow, stops the build.

After every build the same headers are written for three servers into the site folder:
    security-headers.conf   nginx: `include` it where the site is served (README, 内网发布)
    .htaccess               Apache: `Include` it in the site's <Directory> (or AllowOverride FileInfo);
                            not inside <IfModule mod_headers.c>, so a server without mod_headers refuses it
    web.config              IIS: the folder's whole configuration (headers, caching, content types, the
                            404 page in place at the site's path when the build knows it, hidden files)
tests/test_security_headers.py serves the built site with exactly the headers of
security-headers.conf and checks that no page reports a violation; tests/test_servers.py runs the
README's nginx and Apache blocks with these files in the real servers and parses web.config.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import selectolax
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from mkdocs.exceptions import PluginError
from selectolax.lexbor import LexborHTMLParser


from macros.publish.error_page import site_path
from macros.speed import cache, enabled

TEMPLATES = Path(__file__).resolve().parent / "templates"
CONFIG_FILES = {"security-headers.conf": "server/nginx.conf.j2",
                ".htaccess": "server/htaccess.j2",
                "web.config": "server/web.config.j2"}


#: script types the browser runs; others (application/json, …) are data and need no hash
RUNNABLE = ("text/javascript", "module")

#: An attribute name begins after whitespace, "/" or the closing quote of the previous value (the
#: HTML tokenizer's "before attribute name" state); attribute names are ASCII case-insensitive.
#: Folded to one spelling, a page without " on" anywhere has no on… attribute; only a page with it
#: (an id="online-…" is enough) is walked element by element.
_FOLD = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ\t\n\r\x0c/\"'", b"abcdefghijklmnopqrstuvwxyz" + b" " * 7)


def _inline_scripts(where: str, html: bytes) -> list[str]:
    """Bodies of the inline scripts the browser runs on one page (its UTF-8 bytes).

    The page is read by lexbor (selectolax), an HTML5 parser: it splits scripts and attributes
    exactly as the browser that checks the hashes does. Stops the build on an event-handler
    attribute (onclick="…" and the like)."""
    tree = LexborHTMLParser(html)
    if b" on" in html.translate(_FOLD):
        for node in tree.root.traverse():
            handler = next((name for name in node.attributes if name.startswith("on")), None)
            if handler:
                raise PluginError(f"{where}: 页面中有内联事件处理属性 <{node.tag} {handler}=…>,"
                                  f"严格的内容安全策略无法允许它 (inline event handler: no CSP hash can allow it)")
    return [script.text(deep=True) for script in tree.css("script:not([src])")
            if (script.attributes.get("type") or "text/javascript").lower() in RUNNABLE]


def _digest(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


#: What a page's check found ('sha256-…' of its inline scripts), by a hash of the page's bytes, in
#: .cache/ next to mkdocs.yml: a page built again byte for byte (most pages of every rebuild under
#: `mkdocs serve`) is not parsed again. A changed page has another key, so it is always checked;
#: the cache holds only the last build's pages. A change to this file or to lexbor starts afresh.
CACHE_FILE = f"{cache.ROOT}/csp.json"
_CACHE_VERSION = hashlib.sha256(Path(__file__).read_bytes() + selectolax.__version__.encode()).hexdigest()
_DIGEST = re.compile(r"'sha256-[A-Za-z0-9+/]{43}='")


def page_checks(pages: Iterable[tuple[str, bytes]], known: dict[str, list[str]]) -> dict[str, list[str]]:
    """What each page's check found ('sha256-…' of its inline scripts), by a hash of its bytes. The
    pages are (site path, UTF-8 bytes) pairs, read one at a time (a large library's pages are not
    all held in memory at once); a page whose key is in `known` is not parsed again."""
    found = {}
    for where, html in pages:
        key = hashlib.sha256(html).hexdigest()
        found[key] = known[key] if key in known else sorted({_digest(b) for b in _inline_scripts(where, html)})
    return found


def _read_cache(path: Path) -> dict[str, list[str]]:
    try:
        saved = json.loads(cache.read(path) or "null")
    except ValueError:
        return {}
    if not isinstance(saved, dict) or saved.get("version") != _CACHE_VERSION or not isinstance(saved.get("pages"), dict):
        return {}
    # an entry that is not a list of digests (a damaged file) is left out: that page is checked again
    return {key: digests for key, digests in saved["pages"].items()
            if isinstance(digests, list) and all(isinstance(d, str) and _DIGEST.fullmatch(d) for d in digests)}


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


@lru_cache(maxsize=1)
def _templates() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def render(template: str, **context) -> str:
    """A server configuration file from publish/templates/ (XML-escaped where it is XML)."""
    return _templates().get_template(template).render(**context)


def on_post_build(config):
    site = Path(config.site_dir)
    cache_file = Path(config.config_file_path).resolve().parent / CACHE_FILE
    pages = ((p.relative_to(site).as_posix(), p.read_bytes()) for p in site.rglob("*.html"))
    checks = page_checks(pages, _read_cache(cache_file) if enabled("csp_cache") else {})
    if enabled("csp_cache"):
        cache.write(cache_file, json.dumps({"version": _CACHE_VERSION, "pages": checks}))  # this build's pages only
    values = headers(sorted({digest for digests in checks.values() for digest in digests}))
    assert not any('"' in v for v in values.values()), "header values are written in double quotes"
    for name, template in CONFIG_FILES.items():
        (site / name).write_text(render(template, headers=values, site_path=site_path(config),
                                        hidden=list(CONFIG_FILES)), encoding="utf-8")
