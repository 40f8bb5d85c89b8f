"""Pages link the scripts and stylesheets every page needs as one file of each kind
(macros/site/bundle.py): the every-page modules of macros/site/modules.yml, minified, in order."""
from __future__ import annotations

import re

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from macros.site import bundle, modules
from support import ROOT, html_pages

MANIFEST = modules.load()
CSS = MANIFEST.bundle("styles")
JS = MANIFEST.bundle("scripts")
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


def test_a_stylesheet_listed_in_mkdocs_yml_instead_of_the_manifest_stops_the_build():
    """A file given to extra_css would be dropped by the bundles (or loaded past the manifest):
    the build says where to list it."""
    config = load_config(str(ROOT / "mkdocs.yml"), extra_css=["assets/extra.css"])
    with pytest.raises(PluginError, match="assets/extra.css.*macros/site/modules.yml"):
        bundle.on_config(config)
    assert bundle.on_config(load_config(str(ROOT / "mkdocs.yml"))).extra_css == [bundle.CSS_BUNDLE]
