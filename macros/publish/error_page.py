"""MkDocs hook: the 404 page's URLs, from the site's address when the build knows it.

A web server answers a missing address with the 404 page *in place*: the browser keeps showing the
missing address (`/work-plans/old/folder/page.html`) and gets status 404 (nginx `error_page 404
/work-plans/404.html;`, Apache `ErrorDocument 404 /work-plans/404.html`, IIS `httpErrors` with
`responseMode="ExecuteURL"`). Relative URLs would then resolve against the missing address, so:

* The site's path known at build time (`extra.site_path`, given as WP_SITE_PATH, e.g.
  `scripts/package.sh --site-path /work-plans/`; or the path of `site_url`, given as WP_SITE_URL):
  404.html links everything root-relative under it (`/work-plans/assets/…`, `/work-plans/index.html`,
  `/work-plans/` as Material's search base and storage scope) and works at any missing address.
* Not known (a zip meant for any path and for opening from disk): 404.html gets the same kind of
  URLs as index.html (`./assets/…`, `.` as the search base), so it only works at its own address,
  `<site folder>/404.html`, and the server must *redirect* there (README, 内网发布; tested by
  tests/test_not_found.py).

The same path goes into the IIS web.config (macros/publish/security.py). The README's nginx and
Apache blocks are run in real servers by tests/test_servers.py.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.utils import is_error_template

#: a path as a web server's location: segments of URL-safe characters, no `..`, no query
_PATH = re.compile(r"/(?:[A-Za-z0-9._~!$&'()*+,;=:@%-]+/)*")


def normalize(path: str) -> str:
    """'/work-plans' → '/work-plans/'; '' → ''. Refuses what is not a plain absolute path."""
    path = path.strip()
    if not path:
        return ""
    if not path.endswith("/"):
        path += "/"
    if not _PATH.fullmatch(path) or any(seg in (".", "..") for seg in path.split("/")):
        raise PluginError(f"站点路径 {path!r} 不是以 / 开头的网址路径 (the site path must be a URL path such as "
                          f"/ or /work-plans/, without host, query or ..)")
    return path


def site_path(config) -> str:
    """The path the site is published under ('/' or '/work-plans/'), or '' when the build does not know it."""
    given = normalize(str((config.extra or {}).get("site_path") or ""))
    from_url = normalize(urlsplit(config.site_url).path or "/") if config.site_url else ""
    if given and from_url and given != from_url:
        raise PluginError(f"WP_SITE_PATH ({given}) 与 site_url 的路径 ({from_url}) 不一致 "
                          f"(the site path and the path of site_url differ)")
    return given or from_url


def on_config(config):
    site_path(config)  # a malformed path stops the build before any page is made
    return config


def on_template_context(context, template_name, config):
    if is_error_template(template_name):
        context["base_url"] = site_path(config) or "."
    return context
