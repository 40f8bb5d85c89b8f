"""Shared helpers for tests: copy the project, build it with the real MkDocs, read built pages."""
from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
import threading
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "data", "macros", "docs", "overrides")
PLAN_IDS = ("teller", "relationship-manager", "operations-supervisor",
            "fintech-specialist", "compliance-officer")
#: the home page and every plan page, as paths in the built site
PAGES = ("index.html", *(f"plans/{p}.html" for p in PLAN_IDS))


def copy_project(dest: Path) -> Path:
    """A private copy of the site sources, for tests that change data."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` exactly as a user runs it (never with -q)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site_dir)],
        cwd=project, capture_output=True, text=True, timeout=300)


def logged_warnings(log: str) -> list[str]:
    """The lines MkDocs logged at WARNING level ("WARNING -  …"). Not a plain search for the word:
    Material's end-of-life notice, printed on every build, names its switch NO_MKDOCS_2_WARNING."""
    return [line for line in log.splitlines() if line.startswith("WARNING")]


class _TextExtractor(HTMLParser):
    """Visible text of the page's <article>, without the elements named in `skip`."""

    def __init__(self, skip: tuple[str, ...]):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.skip_tags = skip
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if tag in self.skip_tags:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        if tag in self.skip_tags:
            self.skip -= 1

    def handle_data(self, data):
        if self.depth > 0 and not self.skip:
            self.parts.append(data)


def article_text(html: str, skip: tuple[str, ...] = ("script", "style")) -> str:
    parser = _TextExtractor(skip)
    parser.feed(html)
    return "\n".join(parser.parts)


def edit_yaml(path: Path, change) -> None:
    """Load a data file of a test copy, let `change` mutate the data, write it back."""
    import yaml
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def dicts(node):
    """Every mapping in a plan's data, at any depth, outermost first (for tests that edit it)."""
    if isinstance(node, dict):
        yield node
        children = node.values()
    elif isinstance(node, list):
        children = node
    else:
        return
    for child in list(children):
        yield from dicts(child)


def edit_plan(project: Path, plan_id: str, change) -> None:
    edit_yaml(project / "data" / "plans" / f"{plan_id}.yml", change)


def add_plan_copies(project: Path, total: int, vary=None) -> None:
    """Fill a test copy's data/plans up to `total` plans with numbered copies of the five (new id,
    order and role each); `vary(data, k)` may change a copy's content first."""
    import copy
    import yaml
    plans_dir = project / "data" / "plans"
    raw = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(plans_dir.glob("*.yml"))]
    for k in range(len(raw), total):
        data = copy.deepcopy(raw[k % len(raw)])
        if vary is not None:
            data = vary(data, k)
        data["id"] = f"{data['id']}-{k:03d}"
        data["order"] = 1000 + k
        data["role"] = f"{data['role']}(分行 {k:03d})"
        (plans_dir / f"{data['id']}.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def html_pages(site: Path) -> list[str]:
    """Every HTML file of a built site, as sorted site paths."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a page left before its download ended
            super().handle_error(request, client_address)


def serve(directory: Path, handler_class=QuietHandler):
    """Serve a folder on 127.0.0.1 on a free port; returns (base_url, server)."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def type_search(page, query: str):
    """Type a query into Material's search as a user would; returns the result items locator."""
    from playwright.sync_api import expect
    field = page.locator("input.md-search__input")
    button = page.locator("label.md-header__button[for='__search']")
    if button.is_visible():  # phone: the header's search button opens the panel, focused
        button.click()
        expect(field).to_be_focused()
    else:
        field.click()
    field.fill(query)
    field.press("End")  # Material searches on keyup
    return page.locator(".md-search-result__item")


def open_search(page, query: str):
    """type_search, then wait until results are shown."""
    from playwright.sync_api import expect
    results = type_search(page, query)
    expect(results.first).to_be_visible(timeout=10_000)
    return results


# ---------------------------------------------------------------- saved records, read as a person's
# browser holds them (record format 2 of docs/assets/wp/store.js), independently of the page's code

PREFIX = "wp:v1:"
PART = PREFIX + "mine:part:"


def storage_items(page) -> dict[str, str]:
    """Every key and raw string in the page's localStorage."""
    return dict(page.evaluate("Object.entries(localStorage)"))


def live_values(raw: str) -> dict:
    """path -> value of a format-2 record's entries that are not tombstones."""
    data = json.loads(raw)
    assert data["format"] == 2 and isinstance(data["rev"], int), data
    return {p: e["value"] for p, e in data["entries"].items() if not e.get("deleted")}


def saved_groups(page, name: str) -> dict | None:
    """A plan's or a track's record as {group: {id: value}, "saved": …}; None when there is none."""
    raw = storage_items(page).get(PREFIX + name)
    if raw is None:
        return None
    out: dict = {"items": {}, "fields": {}, "done": {}}
    for path, value in live_values(raw).items():
        group, _, key = path.partition("/")
        if key:
            out.setdefault(group, {})[key] = value
        else:
            out[group] = value
    return out


def _ordered(listed, present):
    return [k for k in dict.fromkeys(list(listed or []) + sorted(present)) if k in present]


def saved_mine(page, items: dict[str, str] | None = None) -> dict:
    """我的计划 as saved: {"header": {...}, "parts": [{key, plan, section, heading, title, items, own}]};
    from the page's storage, or from its raw strings (storage_items) when given."""
    items = storage_items(page) if items is None else items
    index = live_values(items[PREFIX + "mine"]) if PREFIX + "mine" in items else {}
    parts = {k[len(PART):]: live_values(v) for k, v in items.items() if k.startswith(PART)}
    parts = {k: v for k, v in parts.items() if "head" in v}
    out = []
    for key in _ordered(index.get("order"), parts):
        v = parts[key]
        ids = _ordered(v.get("items"), {p[5:] for p in v if p.startswith("item/")})
        owns = _ordered(v.get("owns"), {p[4:] for p in v if p.startswith("own/")})
        out.append({"key": key, **v["head"],
                    "items": [{"id": i, **v["item/" + i]} for i in ids],
                    "own": [{"key": o, **v["own/" + o]} for o in owns]})
    header = {p[7:]: v for p, v in index.items() if p.startswith("header/")}
    return {"header": header, "parts": out}
