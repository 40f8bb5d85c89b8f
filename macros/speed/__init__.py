"""Speed-only mechanisms, in one place: each makes builds faster (or smaller in memory) and changes
nothing in the built site. BENCHMARKS.md gives each one's measured gain; one whose gain is under 5 %
at both 5 and 500 plans does not belong here.

    data_cache        parsed data files kept as JSON by content hash (data_cache.py)
    jinja_cache       compiled Jinja templates kept between builds (jinja_cache.py)
    nav_memo          nav entries rendered once per folder, not once per page (nav_memo.py,
                      overrides/partials/nav.html)
    release_markdown  a page's Markdown let go once it is HTML: memory (release_markdown.py)
    csp_cache         the CSP check's result per page kept by the page's hash (publish/security.py)
    plan_meta         a plan page's meta only while it is rendered, not while others render the nav
                      (plan_meta.py)

`WP_SPEED_OFF=nav_memo,jinja_cache` (or `all`) turns mechanisms off for one build:
scripts/speed_gains.py measures each gain that way, and tests build with all of them off to show
that the site is the same.
"""
from __future__ import annotations

import os

MECHANISMS = ("data_cache", "jinja_cache", "nav_memo", "release_markdown", "csp_cache",
              "plan_meta")


def enabled(name: str) -> bool:
    """Whether the mechanism `name` runs in this process (read at each call: serve rebuilds too)."""
    if name not in MECHANISMS:
        raise KeyError(f"unknown speed mechanism {name!r}; known: {', '.join(MECHANISMS)}")
    off = {part.strip() for part in os.environ.get("WP_SPEED_OFF", "").split(",")}
    return not ({name, "all"} & off)
