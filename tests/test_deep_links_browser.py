"""Trainers' deep links in a real browser: the 复制本节链接 button in a section heading copies the section
URL (shown on hover and keyboard focus), following it scrolls there."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("plan_id,pick", [("teller", -2), ("compliance-officer", 5)])
def test_copy_link_puts_the_section_url_on_the_clipboard_and_it_scrolls_there(page, base_url, collection,
                                                                             plan_id, pick):
    plan = collection.plan(plan_id)
    section = list(plan.sections())[pick]
    page.goto(base_url + f"plans/{plan_id}.html")
    heading = page.locator(f"[id='{section.id}']")
    heading.hover()
    link = heading.get_by_role("button", name="复制本节链接")
    expect(link).to_have_css("opacity", "1")  # shown on hover
    link.click()
    expected = base_url + f"plans/{plan_id}.html#{section.id}"
    page.wait_for_function("() => document.querySelector('.wp-toast').textContent.includes('链接')")
    assert page.evaluate("navigator.clipboard.readText()") == expected

    page.goto(base_url + "index.html")
    page.goto(expected)
    page.wait_for_function("""id => {
        const top = document.getElementById(id).getBoundingClientRect().top;
        return window.scrollY > 0 && top >= 0 && top < window.innerHeight / 2;
    }""", arg=section.id)
    top = page.evaluate(f"document.getElementById('{section.id}').getBoundingClientRect().top")
    assert page.evaluate("window.scrollY") > 0
    assert 0 <= top < page.evaluate("window.innerHeight") / 2
