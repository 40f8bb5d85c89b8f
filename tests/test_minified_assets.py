"""The site's own scripts and stylesheets are published minified (macros/site/minify.py), the theme's
and the vendored ones as they are. The browser tests run the minified files."""
from __future__ import annotations

from support import ROOT

DOCS = ROOT / "docs"


def _ours():
    return [p for p in DOCS.joinpath("assets").rglob("*") if p.suffix in (".js", ".css")
            and "vendor" not in p.relative_to(DOCS).parts]


def test_own_assets_are_minified(site):
    sources = _ours()
    assert len(sources) > 10
    for source in sources:
        text = source.read_text(encoding="utf-8")
        published = (site / source.relative_to(DOCS)).read_text(encoding="utf-8")
        assert text.lstrip().startswith("/*"), f"{source.name}: expected a leading comment"
        first_comment = text[text.index("/*"):text.index("*/") + 2]
        assert first_comment not in published, f"{source.name}: its comments are still published"
        assert "\n  " not in published, f"{source.name}: its indentation is still published"
        assert len(published) < len(text), source.name


def test_vendored_assets_are_published_as_shipped(site):
    vendored = [p for p in DOCS.joinpath("assets", "vendor").rglob("*") if p.suffix in (".js", ".css")]
    assert vendored
    for source in vendored:
        assert (site / source.relative_to(DOCS)).read_bytes() == source.read_bytes(), source.name


def test_inline_guard_script_is_minified(site):
    """overrides/main.html writes the storage guard inline into every page through the `jsmin` filter."""
    source = (ROOT / "overrides" / "partials" / "wp-theme-guard.js").read_text(encoding="utf-8")
    first_comment = source[source.index("/*"):source.index("*/") + 2]
    for page in ("index.html", "plans/teller.html", "mine.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "__md_get" in html and first_comment not in html, page
