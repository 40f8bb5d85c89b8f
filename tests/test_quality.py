"""Quality gates, all offline: axe-core on every page (light and dark scheme, phone width, search
and menu open), the Nu HTML Checker on the whole site, Lighthouse 12 on the home page, a plan page
and 我的计划, and the repairs of Material's own markup (macros/site/html_fixes.py, docs/assets/site.css) that keep them
green. Tools come from package.json (scripts/setup.sh --test runs `npm ci`).
"""
from __future__ import annotations

import importlib.util
import json
import logging
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import expect

from macros.site.html_fixes import fix_html
from support import PLAN_IDS, ROOT, html_pages, open_search


NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SETUP_HINT = "npm 依赖缺失,请运行 scripts/setup.sh --test (missing npm tools: run scripts/setup.sh --test)"
PHONE = {"width": 375, "height": 812}


@pytest.fixture(scope="session")
def axe_source() -> str:
    assert AXE_JS.is_file(), SETUP_HINT
    return AXE_JS.read_text(encoding="utf-8")


def axe(page, source: str, where: str) -> list[str]:
    """Every axe-core violation on the page as it is now, one readable line per element."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(source)
    # a scroll fades the header's title in (a CSS transition): colours are judged once it has ended
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    out = []
    for v in result["violations"]:
        for node in v["nodes"]:
            why = " ".join(node.get("failureSummary", "").split())
            out.append(f"{where}: {v['id']} ({v['impact']}) {node['target']}: {why[:300]}")
    return out


def scheme(page) -> str:
    return page.locator("body").get_attribute("data-md-color-scheme")


def switch_to_dark(page):
    """Use the header's palette toggle, as a reader would (Material stores the choice)."""
    toggle = page.get_by_title("切换到深色模式")
    expect(toggle).to_be_visible()
    toggle.click()
    assert scheme(page) == "slate"


# ---------------------------------------------------------------- Material markup repairs

def test_material_markup_repairs_are_in_every_page(site):
    """The findings axe / Nu report on a bare Material 9.8 site stay fixed, page by page."""
    problems = []
    for path in html_pages(site):
        html = (site / path).read_text(encoding="utf-8")
        if not re.search(r'<div class="md-search"[^>]*role="dialog"[^>]*aria-label="搜索"', html):
            problems.append(f"{path}: search dialog without a name (axe aria-dialog-name)")
        for tag in re.findall(r"<input\b[^>]*>", html):
            if 'type="checkbox"' in tag and "autocomplete" in tag:
                problems.append(f"{path}: {tag} (Nu: autocomplete on a checkbox)")
        if 'tabindex=""' in html:
            problems.append(f"{path}: empty tabindex (Nu)")
        if '<form id="__md_toggles" autocomplete="off" hidden></form>' not in html:
            problems.append(f"{path}: toggles lost their autocomplete=off form owner")
        if not re.search(r'<link rel="stylesheet" href="[^"]*assets/bundle\.css">', html):
            problems.append(f"{path}: assets/bundle.css (site.css with the contrast fixes) not linked")
    assert problems == []
    published_css = re.sub(r"\s+", "", (site / "assets" / "bundle.css").read_text(encoding="utf-8"))
    assert "--md-typeset-a-color:#7ba2ee" in published_css  # published minified (macros/site/minify.py)


def test_repeated_toc_labels_get_their_parent(site, collection):
    plan = collection.plan("operations-supervisor")
    counts = Counter(s.heading for s in plan.sections() if s.sections)  # a toc entry with children
    repeated = [heading for heading, n in counts.items() if n > 1]
    assert repeated, "the data no longer has a repeated heading to test with"
    html = (site / f"plans/{plan.id}.html").read_text(encoding="utf-8")
    labels = re.findall(r'<nav class="md-nav" aria-label="([^"]*)"', html)
    for heading in repeated:
        assert any(label.endswith(f" › {heading}") for label in labels)
        assert heading not in labels


def test_html_fixes_unit():
    page = ('<body><input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
            '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
            '<div class="md-search" data-md-component="search" role="dialog"><input type="text" '
            'class="md-search__input" name="query" aria-label="搜索" placeholder="搜索">'
            '<label class="md-nav__link" for="x" tabindex="">x</label>'
            '<nav class="md-nav md-nav--secondary" aria-label="目录"><nav class="md-nav" aria-label="甲">'
            '<nav class="md-nav" aria-label="方案"></nav></nav><nav class="md-nav" aria-label="乙">'
            '<nav class="md-nav" aria-label="方案"></nav></nav></nav></body>')
    out = fix_html(page)
    assert 'role="dialog" aria-label="搜索"' in out
    assert "autocomplete" not in out.replace('<form id="__md_toggles" autocomplete="off" hidden></form>', "")
    assert out.count('form="__md_toggles"') == 2 and 'tabindex=""' not in out
    assert 'aria-label="甲 › 方案"' in out and 'aria-label="乙 › 方案"' in out
    assert fix_html(out) == out  # idempotent


def test_html_fixes_warn_when_material_changes(caplog):
    """A Material upgrade that changes this markup must fail the strict build, not pass silently."""
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.html_fixes"):
        fix_html('<div class="md-search" role="dialog"><input type="checkbox" id="__drawer"></div>', "x.md")
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 2


# ---------------------------------------------------------------- Nu HTML Checker

def nu_errors(folder: Path, *options: str) -> str:
    """The Nu HTML Checker's errors for every HTML file in a folder ('' when there are none)."""
    assert VNU_JAR.is_file(), SETUP_HINT
    java = shutil.which("java")
    assert java, "需要 Java (Nu HTML Checker): apt-get install default-jre-headless"
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", *options, str(folder)],
                            capture_output=True, text=True, timeout=240)
    errors = (result.stdout + result.stderr).replace(folder.as_uri(), "").strip()
    return errors or (f"vnu exit code {result.returncode}" if result.returncode else "")


@pytest.mark.browser
def test_nu_html_checker_finds_no_errors(site):
    errors = nu_errors(site, "--skip-non-html")
    assert errors == "", errors
    print(f"\nNu HTML Checker: {len(html_pages(site))} pages, 0 errors")


@pytest.mark.browser
def test_nu_html_checker_on_plan_pages_after_the_scripts_ran(page, base_url, site, tmp_path):
    """The checklist script builds toolbars, inputs and progress bars at run time: validate the
    live DOM of every plan page too."""
    for plan in PLAN_IDS:
        page.goto(base_url + f"plans/{plan}.html")
        dom = page.evaluate("'<!DOCTYPE html>\\n' + document.documentElement.outerHTML")
        (tmp_path / f"{plan}.html").write_text(dom, encoding="utf-8")
    errors = nu_errors(tmp_path)
    assert errors == "", errors


# ---------------------------------------------------------------- axe-core

@pytest.mark.browser
def test_axe_every_page(page, base_url, site, axe_source):
    pages = html_pages(site)
    found = []
    for path in pages:
        page.goto(base_url + path)
        assert scheme(page) == "default"
        found += axe(page, axe_source, path)
    assert found == [], "\n".join(found)
    print(f"\naxe-core: {len(pages)} pages, light scheme, 0 violations")


def one_page_per_template(site: Path) -> list[str]:
    """Home, 404, every plan, and of each other folder (topics, tracks …) its index and one page:
    the dark scheme is CSS over the same markup, so one page of each kind shows every component."""
    pages = html_pages(site)
    keep = [p for p in pages if "/" not in p or p.startswith("plans/")]
    for folder in sorted({p.split("/")[0] for p in pages if "/" in p} - {"plans"}):
        inside = [p for p in pages if p.startswith(folder + "/")]
        keep += [p for p in inside if p.endswith("/index.html")][:1]
        keep += [p for p in inside if not p.endswith("/index.html")][:1]
    return keep


@pytest.mark.browser
def test_axe_in_the_dark_scheme_chosen_with_the_toggle(page, base_url, site, axe_source):
    page.goto(base_url + "index.html")
    switch_to_dark(page)
    pages = one_page_per_template(site)
    found = []
    for path in pages:
        page.goto(base_url + path)
        assert scheme(page) == "slate", f"{path}: the dark choice was not kept"
        found += axe(page, axe_source, path + " (slate)")
    assert found == [], "\n".join(found)
    print(f"\naxe-core: {len(pages)} pages, dark scheme, 0 violations")


@pytest.mark.browser
@pytest.mark.parametrize("color", ["light", "dark"])
def test_axe_on_a_phone_with_search_menu_and_highlights(new_page, base_url, axe_source, color):
    """375 px wide, scheme from the system setting: plan pages, then the states that only exist
    after interaction (search results, the navigation drawer, words highlighted from a search)."""
    pg = new_page(viewport=PHONE, color_scheme=color)
    found = []
    for plan in PLAN_IDS[:2]:  # every plan is checked at desktop width in both schemes
        pg.goto(base_url + f"plans/{plan}.html")
        assert scheme(pg) == ("slate" if color == "dark" else "default")
        found += axe(pg, axe_source, f"plans/{plan}.html")
    open_search(pg, "反洗钱")
    pg.wait_for_timeout(400)  # the search panel slides in
    found += axe(pg, axe_source, "search results")
    pg.keyboard.press("Escape")
    pg.locator("label.md-header__button[for='__drawer']").click()
    expect(pg.locator(".md-sidebar--primary")).to_be_in_viewport()
    pg.wait_for_timeout(400)
    found += axe(pg, axe_source, "navigation drawer")
    pg.goto(base_url + "plans/compliance-officer.html?h=合规")
    expect(pg.locator("article mark").first).to_be_visible()
    found += axe(pg, axe_source, "search highlights")
    assert found == [], "\n".join(found)


# ---------------------------------------------------------------- phones and dark mode

@pytest.mark.browser
def test_palette_toggle_switches_and_is_remembered(page, base_url):
    page.goto(base_url + "plans/teller.html")
    assert scheme(page) == "default"
    switch_to_dark(page)
    page.reload()
    assert scheme(page) == "slate"
    page.get_by_title("切换到浅色模式").click()
    assert scheme(page) == "default"


@pytest.mark.browser
@pytest.mark.parametrize("plan", PLAN_IDS)
def test_plan_page_fits_a_375px_phone(page, base_url, plan):
    page.set_viewport_size(PHONE)
    page.goto(base_url + f"plans/{plan}.html")
    overflow = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert overflow[0] <= overflow[1], f"horizontal scroll: {overflow}"
    # every checklist item: its text rendered, at least 100 px wide, inside the 375 px
    bad = page.evaluate("""width => {
        const out = [], items = document.querySelectorAll('article .wp-item-text, article input.wp-check');
        for (const e of items) {
            const r = e.getBoundingClientRect(), text = e.matches('input') || e.innerText.trim();
            if (!e.checkVisibility({visibilityProperty: true, opacityProperty: true}) || !text
                || r.left < 0 || r.right > width + 0.5 || (!e.matches('input') && r.width < 100))
                out.push(`${e.tagName}#${e.id || e.htmlFor}: ${Math.round(r.left)}..${Math.round(r.right)}`);
        }
        return [items.length, out];
    }""", PHONE["width"])
    assert bad[0] >= 2 and bad[1] == [], bad


# ---------------------------------------------------------------- Lighthouse

def _lighthouse_script():
    spec = importlib.util.spec_from_file_location("lighthouse_gate", ROOT / "scripts" / "lighthouse.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_lighthouse_gate_names_every_miss():
    """The gate's rules on made-up figures: each miss is one line naming page and figure."""
    gate = _lighthouse_script()
    good = {"scores": {"performance": 61, "accessibility": 100, "best-practices": 100, "seo": 92},
            "cls": 0, "render_blocking": [], "transfer_kb": 100.0}
    assert gate.failures_of({"index.html": good}) == []  # performance is reported, not gated
    bad = {**good, "scores": {**good["scores"], "accessibility": 98}, "cls": 0.02,
           "render_blocking": ["http://127.0.0.1/x.css"], "transfer_kb": gate.TRANSFER_BUDGET_KB + 0.5}
    assert gate.failures_of({"mine.html": bad}) == [
        "mine.html: accessibility 98 < 100", "mine.html: cumulative layout shift 0.02 > 0",
        "mine.html: render-blocking http://127.0.0.1/x.css",
        f"mine.html: {gate.TRANSFER_BUDGET_KB + 0.5} KB transferred > {gate.TRANSFER_BUDGET_KB} KB"]


@pytest.mark.browser
def test_lighthouse_home_plan_and_mine_page(site, capsys):
    """Mobile preset, served gzip-compressed like the README's nginx example, one run per page:
    accessibility, best practices, SEO, layout shift, render-blocking requests and transfer size are
    gated (the same on every run); performance is printed (it moves with the machine's load)."""
    assert (NODE_MODULES / ".bin" / "lighthouse").exists(), SETUP_HINT
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "lighthouse.py"), "--site", str(site), "--json"],
                            capture_output=True, text=True, timeout=400)
    assert result.stdout.strip(), result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    with capsys.disabled():
        print("\nLighthouse 12 (mobile):")
        for path, r in report["results"].items():
            print(f"  {path:22} " + "  ".join(f"{k} {v}" for k, v in r["scores"].items())
                  + f"  CLS {r['cls']}  render-blocking {len(r['render_blocking'])}  {r['transfer_kb']} KB")
            for lost in r["lost"]:
                print(f"      - {lost}")
    assert report["failures"] == [], report["failures"]
    assert result.returncode == 0, result.stderr
