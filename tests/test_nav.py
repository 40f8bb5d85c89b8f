"""The navigation shortcut (overrides/partials/nav.html) and every other speed-only mechanism
(macros/speed/) change speed, not the site.

The site is built twice with the real MkDocs: once as it is, once without the override so the
theme renders its own navigation. Every page must come out the same, apart from whitespace
between tags. A test copy with more plans and pages in several folders makes each nav entry
appear on many pages under different relative URLs, which is what the memo reuses.
"""
from __future__ import annotations

import os
import re

import pytest

from support import add_plan_copies, build, copy_project

OVERRIDE = "overrides/partials/nav.html"


def _normalized(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory):
    base = tmp_path_factory.mktemp("nav")
    sites = {}
    for name in ("memo", "theme", "no-speed"):
        project = copy_project(base / name)
        add_plan_copies(project, 8)
        if name == "theme":
            (project / OVERRIDE).unlink()
        os.environ["WP_SPEED_OFF"] = "all" if name == "no-speed" else ""
        try:
            result = build(project, base / f"{name}-site")
        finally:
            del os.environ["WP_SPEED_OFF"]
        assert result.returncode == 0, result.stderr
        sites[name] = base / f"{name}-site"
    return sites


def test_every_page_is_the_same_as_the_themes(both_builds):
    memo, theme = both_builds["memo"], both_builds["theme"]
    pages = sorted(p.relative_to(theme) for p in theme.rglob("*.html"))
    assert len(pages) > 15
    assert sorted(p.relative_to(memo) for p in memo.rglob("*.html")) == pages
    for rel in pages:
        ours = _normalized((memo / rel).read_text(encoding="utf-8"))
        theirs = _normalized((theme / rel).read_text(encoding="utf-8"))
        assert ours.count('class="md-nav__link') > 10, rel
        if ours != theirs:
            at = next(i for i, (a, b) in enumerate(zip(ours + "\0", theirs + "\0")) if a != b)
            pytest.fail(f"{rel} differs from the theme's markup at {at}:\n"
                        f"  ours:  …{ours[at - 80:at + 80]}…\n  theme: …{theirs[at - 80:at + 80]}…")


def test_the_site_is_the_same_without_any_speed_mechanism(both_builds):
    """WP_SPEED_OFF=all (macros/speed/__init__.py): every file the same, pages apart from whitespace."""
    fast, slow = both_builds["memo"], both_builds["no-speed"]
    files = sorted(p.relative_to(slow) for p in slow.rglob("*") if p.is_file())
    assert sorted(p.relative_to(fast) for p in fast.rglob("*") if p.is_file()) == files
    for rel in files:
        a, b = (fast / rel).read_bytes(), (slow / rel).read_bytes()
        if rel.suffix == ".html":
            a, b = _normalized(a.decode()), _normalized(b.decode())
        assert a == b, rel
