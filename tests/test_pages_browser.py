"""Browser layer: every page loads in Chromium without console errors or external requests."""
from __future__ import annotations

import pytest

from support import PAGES, PLAN_IDS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", (*PAGES, "changelog.html"))
def test_page_loads_cleanly(page, base_url, path):
    response = page.goto(base_url + path)
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "zh"
    assert page.locator("article h1").count() == 1
    # `page` fixture asserts: no console error, no request leaving 127.0.0.1


def test_home_has_a_card_per_plan_linking_to_it(page, base_url, collection):
    page.goto(base_url + "index.html")
    cards = page.locator(".wp-cards li")
    assert cards.count() == len(PLAN_IDS)
    cards.nth(1).get_by_role("link").click()
    second = collection.plans[1]
    page.wait_for_url(f"**/plans/{second.id}.html")
    assert page.locator("article h1").inner_text() == second.page_title


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_toc_links_point_at_existing_sections(page, base_url, plan_id):
    page.goto(base_url + f"plans/{plan_id}.html")
    hashes = page.locator("nav.md-nav--secondary a.md-nav__link").evaluate_all("els => els.map(e => e.hash)")
    assert len(hashes) >= 5
    assert not [h for h in hashes if h.startswith("#_")]
    missing = page.evaluate("hs => hs.filter(h => !document.getElementById(decodeURIComponent(h.slice(1))))", hashes)
    assert missing == []
