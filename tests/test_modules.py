"""The manifest of browser modules (macros/site/modules.yml) against the files and the code.

Every script and stylesheet of docs/assets that the site ships is listed and every listed file
exists; needs come before their dependants in the bundle and on a page; every name a module asks
WP.load for is listed, with that module in its loaded_by, and nothing is listed as asked for that
no module asks for; no function of the site's scripts is longer than MAX_LINES. The scripts are
read with a real JavaScript parser (acorn, tests/js/facts.mjs), not with patterns.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.site import modules
from support import ROOT

DOCS = ROOT / "docs"
MAX_LINES = 80
MANIFEST = modules.load()
NODE = shutil.which("node")
PARSER = ROOT / "node_modules" / "acorn"


def _shipped() -> set[str]:
    """The site's own scripts and stylesheets: docs/assets/*.css, assets/wp/*.js, the search's
    no-result script (the search worker is the theme's to start, not a module)."""
    assets = DOCS / "assets"
    found = {*assets.glob("*.css"), *assets.glob("wp/*.js"), assets / "search" / "closest.js"}
    return {str(p.relative_to(DOCS)) for p in found}


def _listed() -> dict[str, str]:
    return {e.file: name for table in (MANIFEST.styles, MANIFEST.scripts) for name, e in table.items()}


@pytest.fixture(scope="module")
def facts():
    if not NODE or not PARSER.is_dir():
        pytest.fail("node and the npm package acorn are needed (scripts/setup.sh --test installs them)")
    files = sorted(str(DOCS / e.file) for e in MANIFEST.scripts.values())
    out = subprocess.run([NODE, str(ROOT / "tests" / "js" / "facts.mjs"), *files],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return {str(Path(f["file"]).relative_to(DOCS)): f for f in json.loads(out.stdout)}


def test_every_module_file_is_listed_and_every_listed_file_exists():
    listed = set(_listed())
    assert _shipped() - listed == set(), "not in macros/site/modules.yml"
    assert {f for f in listed if not (DOCS / f).is_file()} == set(), "listed but missing"


def _needs_first(names: list[str], table) -> None:
    for at, name in enumerate(names):
        later = [n for n in table[name].needs if n in names[at:]]
        assert not later, f"{name} runs before {later}, which it needs"


def test_the_bundle_runs_needs_before_dependants():
    by_file = {e.file: n for n, e in MANIFEST.scripts.items()}
    names = [by_file[f] for f in MANIFEST.bundle("scripts")]
    assert names and all(MANIFEST.scripts[n].every_page for n in names)
    _needs_first(names, MANIFEST.scripts)


def test_a_page_links_a_module_with_everything_it_needs_first():
    for name, entry in MANIFEST.scripts.items():
        for key in entry.pages:
            page = key + "index.md" if key.endswith("/") else key
            styles, scripts = MANIFEST.for_page(page)
            by_file = {e.file: n for n, e in MANIFEST.scripts.items()}
            names = [by_file[f] for f in scripts]
            assert name in names
            _needs_first(names, MANIFEST.scripts)
            wanted = {n for n in MANIFEST.order([name]) if not MANIFEST.scripts[n].every_page}
            assert wanted <= set(names), f"{page}: {wanted - set(names)} missing"
            assert all(MANIFEST.styles[s].file in styles for n in wanted for s in MANIFEST.scripts[n].styles)


def test_a_page_links_its_modules_joined_in_order_and_names_them(site):
    """mine.html links one file of its own modules, each minified as published beside it, in the
    manifest's order, and names them for load.js; a plan page links no module of its own."""
    mine = (site / "mine.html").read_text(encoding="utf-8")
    tags = re.findall(r'<script src="([^"]*/wp/page-[^"]+)" data-modules="([^"]*)" defer>', mine)
    _, scripts = MANIFEST.for_page("mine.md")
    assert len(tags) == 1 and tags[0][1].split() == [f.removeprefix("assets/") for f in scripts]
    joined = (site / "assets" / "wp" / tags[0][0].rsplit("/", 1)[-1]).read_text(encoding="utf-8")
    at = 0
    for module in scripts:
        found = joined.find((site / module).read_text(encoding="utf-8").strip(), at)
        assert found >= at, f"{module} missing from the page's bundle, or out of order"
        at = found
    assert not [u for u in re.findall(r'<script src="([^"]+)"', mine) if u.endswith(tuple(scripts))]
    plan = (site / "plans" / "teller.html").read_text(encoding="utf-8")
    assert not [u for u in re.findall(r'<script src="([^"]+)"', plan) if "/wp/" in u and "/wp/bundle.js" not in u]


@pytest.mark.browser  # node + acorn (npm)
def test_every_name_asked_for_on_demand_is_listed_with_its_asker(facts):
    by_file = {e.file: n for n, e in MANIFEST.scripts.items()}
    asked = set()
    for path, f in facts.items():
        for call in f["loads"]:
            assert None not in call["names"], f"{path}:{call['line']}: WP.load needs a list of names written out"
            asked |= {(by_file[path], name) for name in call["names"]}
    unknown = {name for _, name in asked if name not in MANIFEST.scripts}
    assert not unknown, f"WP.load asks for modules not in macros/site/modules.yml: {unknown}"
    listed = {(asker, name) for name, e in MANIFEST.scripts.items() for asker, _ in e.loaded_by}
    assert asked - listed == set(), "asked for by a module its loaded_by does not name"
    assert listed - asked == set(), "loaded_by names a module that never asks for it"


def test_load_js_fetches_a_module_after_its_stylesheets_and_needs():
    table = MANIFEST.on_demand()
    for name, e in MANIFEST.scripts.items():
        if e.loaded_by:
            files = ["assets/" + f for f in table[name]]
            assert files[-1] == e.file and all((DOCS / f).is_file() for f in files)
            for need in MANIFEST.order([name])[:-1]:
                entry = MANIFEST.scripts[need]
                assert entry.every_page or files.index(entry.file) < len(files) - 1, (name, need)
            assert all(MANIFEST.styles[s].file in files[:-1] for s in e.styles)


@pytest.mark.browser  # node + acorn (npm)
def test_no_function_is_longer_than_the_limit(facts):
    long = [f"{path}:{fn['line']} {fn['name']} ({fn['lines']} lines)"
            for path, f in facts.items() if path.startswith("assets/wp/")
            for fn in f["functions"] if fn["lines"] > MAX_LINES]
    assert not long, f"split these into functions of at most {MAX_LINES} lines: {long}"


@pytest.mark.parametrize("text, says", [
    ("styles: {}\nscripts:\n  a: {file: a.js, needs: [b]}\n", "未列出的 b"),
    ("styles: {}\nscripts:\n  a: {file: a.js, needs: [b]}\n  b: {file: b.js, needs: [a]}\n", "循环依赖"),
    ("styles: {}\nscripts:\n  a: {file: a.js, need: [b]}\n", "不认识的字段 need"),
    ("styles: {}\nscripts:\n  a: {file: a.js, loaded_by: {c: now}}\n", "loaded_by 写了未列出的 c"),
    ("styles: {}\nscripts:\n  a: {needs: []}\n", "需要 file"),
    ("scripts: {}\n", "顶层应只有"),
    ("styles: {}\nscripts:\n  a: {file: a.js}\n  a: {file: b.js}\n", "字段 “a” 重复出现"),
    ("styles: {}\nscripts:\n  a: {file: a.js\n", "YAML 语法错误"),
    ("styles: {}\nscripts:\n  a: {file: a.js, every_page: true, needs: [b]}\n  b: {file: b.js}\n", "也要写 every_page"),
])
def test_a_broken_manifest_is_named_in_chinese(tmp_path, text, says):
    path = tmp_path / "modules.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(modules.ManifestError, match=says):
        modules.load(path).bundle("scripts")
