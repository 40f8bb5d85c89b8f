"""Material's palette stylesheet as published: only the site's colours left (macros/site/palette.py),
and the pages look the same with it as with the whole file, light and dark."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import tinycss2
import yaml
from material import __file__ as material_init

from macros.site.palette import colours, prune

SHIPPED = next((Path(material_init).parent / "templates/assets/stylesheets").glob("palette.*.min.css"))
NAMED = re.compile(r"data-md-color-(primary|accent)=([\w-]+)")


def named(css: str) -> set[tuple[str, str]]:
    return set(NAMED.findall(css))


def declarations(css: str) -> list[str]:
    """Every declaration block of the stylesheet, in order (media queries entered)."""
    out = []
    def walk(rules):
        for rule in rules:
            if rule.type == "qualified-rule":
                out.append(tinycss2.serialize(rule.content).strip())
            elif rule.type == "at-rule" and rule.content is not None:
                walk(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return out


@pytest.fixture(scope="module")
def site_palette():
    config = yaml.load((Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8"),
                       Loader=yaml.BaseLoader)
    return colours(config["theme"]["palette"])


def test_only_the_site_colours_are_published(site, site_palette):
    published = next((site / "assets/stylesheets").glob("palette.*.min.css"))
    assert published.name == SHIPPED.name  # the theme's link still finds it
    css = published.read_text(encoding="utf-8")
    shipped = SHIPPED.read_text(encoding="utf-8")
    assert named(css) == site_palette and len(named(shipped)) > 30
    assert len(css) < len(shipped) / 2
    # what stays is Material's own text: every block of the output is one of the shipped file's
    blocks = declarations(shipped)
    assert all(block in blocks for block in declarations(css))
    assert "color-scheme:dark" in css  # the dark scheme is not a colour: it stays


@pytest.mark.parametrize("palette", [
    {"primary": "deep purple", "accent": "lime"},
    [{"scheme": "default"}, {"scheme": "slate", "primary": "teal", "accent": "red"}],
], ids=["one", "two-options-defaults"])
def test_other_palettes_keep_their_colours(palette):
    want = colours(palette)
    css = prune(SHIPPED.read_text(encoding="utf-8"), want)
    assert named(css) == want
    # nothing without a colour is lost: the blocks that name no colour are all still there
    shipped = SHIPPED.read_text(encoding="utf-8")
    plain = [b for b in declarations(prune(shipped, set())) if b]
    assert plain and all(b in declarations(css) for b in plain)


def test_a_stylesheet_that_cannot_be_read_stops_the_build():
    from mkdocs.exceptions import PluginError
    with pytest.raises(PluginError, match="assets/stylesheets/palette.x.min.css"):
        prune("[data-md-color-primary=red]{color:red}}", set(), "assets/stylesheets/palette.x.min.css")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_look_the_same_as_with_the_whole_stylesheet(new_page, base_url, scheme):
    """Colours of the header, a link, the search box and the body, with the published file and with
    Material's whole file put in its place."""
    probe = """() => ["header.md-header", "article a[href]", ".md-search__input", "body", ".md-footer"]
        .map(s => { const e = document.querySelector(s), c = getComputedStyle(e);
                    return [s, c.color, c.backgroundColor, c.borderColor] })"""
    seen = []
    for whole in (False, True):
        page = new_page(color_scheme=scheme)
        if whole:
            page.route("**/palette.*.min.css", lambda route: route.fulfill(
                body=SHIPPED.read_bytes(), content_type="text/css"))
        page.goto(base_url + "plans/teller.html")
        seen.append(page.evaluate(probe))
    assert seen[0] == seen[1]
