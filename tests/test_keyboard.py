"""Keyboard and screen reader on a plan page, in Chromium: every control is reached with Tab in
reading order, shows a focus ring and works from the keyboard; progress is read out politely,
once per pause in ticking rather than once per box."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CONTROLS = "article :is(a[href], button, input, select, textarea):not([disabled])"


def _controls(page) -> list[str]:
    """A readable key for every visible control of the article, in document order."""
    return page.locator(CONTROLS).evaluate_all("""els => els
        .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
        .map(e => e.tagName + '|' + (e.id || e.dataset.field || e.dataset.act || e.getAttribute('href') || '')
                  + '|' + (e.closest('[id]') || {}).id)""")


FOCUSED = """() => { const e = document.activeElement; if (!e || !e.closest('article')) return null;
  const s = getComputedStyle(e);
  return {key: e.tagName + '|' + (e.id || e.dataset.field || e.dataset.act || e.getAttribute('href') || '')
               + '|' + (e.closest('[id]') || {}).id,
          ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'}; }"""


@pytest.mark.parametrize("plan_id", ["relationship-manager", "teller"])
def test_tab_reaches_every_control_in_reading_order_with_a_focus_ring(page, base_url, plan_id):
    page.goto(base_url + f"plans/{plan_id}.html")
    expect(page.locator("article[data-wp-ready]")).to_have_count(1)
    expected = _controls(page)
    assert len(expected) > 40
    page.locator("article h1").click()  # start reading at the title, as a person would
    seen, rings = [], []
    for _ in range(len(expected) * 2 + 10):
        page.keyboard.press("Tab")
        now = page.evaluate(FOCUSED)
        if now is None:
            if seen:
                break
            continue
        seen.append(now["key"])
        rings.append(now["ring"])
    assert seen == expected
    assert all(rings), [k for k, r in zip(seen, rings) if not r][:5]


def test_buttons_work_from_the_keyboard(page, base_url, collection):
    plan = collection.plan("teller")
    page.goto(base_url + f"plans/{plan.id}.html")
    expect(page.locator("article[data-wp-ready]")).to_have_count(1)
    section = next(s for s in plan.sections() if s.measures)
    tools = page.locator(f"[id='{section.id}'] + .wp-tools")
    tools.get_by_role("button", name="复制为纯文本").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".wp-toast")).to_contain_text("已复制")
    assert section.heading in page.evaluate("navigator.clipboard.readText()")
    page.locator(f"[id='{section.id}']").get_by_role("button", name="复制本节链接").focus()
    page.keyboard.press("Space")
    expect(page.locator(".wp-toast")).to_contain_text("链接")
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"#{section.id}")


def test_progress_is_announced_politely_once_per_pause(page, base_url, collection):
    plan = collection.plan("teller")
    section = next(s for s in plan.sections() if s.measures and len(s.measures.items) >= 3)
    items = list(section.items())
    page.goto(base_url + f"plans/{plan.id}.html")
    live = page.locator(".wp-live")
    assert live.get_attribute("aria-live") == "polite" and live.get_attribute("role") == "status"
    assert not live.is_visible() or live.bounding_box()["width"] <= 1  # for screen readers only
    page.evaluate("""() => { window.__said = [];
        new MutationObserver(() => window.__said.push(document.querySelector('.wp-live').textContent))
          .observe(document.querySelector('.wp-live'), {childList: true, characterData: true, subtree: true}); }""")
    for it in items[:3]:
        page.locator(f"#wp-check-{it.id}").focus()
        page.keyboard.press("Space")
    expect(live).to_contain_text(f"已完成 3/{len(items)}")
    page.wait_for_timeout(1200)
    said = page.evaluate("window.__said")
    assert len(said) == 1, said  # one message for the three ticks, not three
    assert section.heading in said[0] and f"整篇计划已完成 3/{len(plan.items())}" in said[0]
    # the progress lines themselves are not live regions (that would read every change)
    assert page.locator(".wp-progress[aria-live], .wp-progress-text[aria-live]").count() == 0
