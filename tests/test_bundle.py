"""Pages link the scripts and stylesheets every page needs as one file of each kind
(macros/site/bundle.py): the modules listed in mkdocs.yml, minified, in their listed order."""
from __future__ import annotations

import re

from mkdocs.config import load_config

from support import ROOT, html_pages

CONFIG = load_config(str(ROOT / "mkdocs.yml"))
CSS = [str(p) for p in CONFIG.extra_css]
JS = [s.path for s in CONFIG.extra_javascript if getattr(s, "defer", False)]
LINKED = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"')


def _published(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_pages_link_the_bundles_instead_of_the_modules(site):
    assert len(CSS) >= 2 and len(JS) >= 3  # otherwise there is nothing to join
    for page in html_pages(site):
        linked = [re.sub(r"^(\.\.?/)+", "", url) for url in LINKED.findall(_published(site, page))]
        assert linked.count("assets/bundle.css") == 1 and linked.count("assets/wp/bundle.js") == 1, page
        assert not set(CSS + JS) & set(linked), page


def test_bundles_hold_every_module_minified_in_order(site):
    for bundle, modules in (("assets/bundle.css", CSS), ("assets/wp/bundle.js", JS)):
        joined = _published(site, bundle)
        at = 0
        for module in modules:
            minified = _published(site, module).strip()  # published minified beside the bundle
            found = joined.find(minified, at)
            assert found >= at, f"{module} missing from {bundle}, or out of order"
            at = found + len(minified)
        assert len(joined) < sum(len((ROOT / "docs" / m).read_text(encoding="utf-8")) for m in modules)
