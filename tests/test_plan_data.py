"""The plans as published data (macros/core/published.py): JSON valid against the published
schema, saying what the model says, with .js twins that docs/assets/wp/data.js loads one plan at a
time over http, from a folder (file://) and under a strict CSP."""
from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

from macros.core.loader import load_collection
from macros.core.published import paths, plan_document
from support import PLAN_IDS, copy_project, edit_plan, serve, QuietHandler

SCHEMA = "data/schema/plan-data.schema.json"


def _read(site, path):
    return json.loads((site / path).read_text(encoding="utf-8"))


def _walk_sections(nodes):
    for node in nodes:
        yield node
        yield from _walk_sections(node["sections"])


def _walk_items(items):
    for it in items:
        yield it
        yield from _walk_items(it["items"])


def _items(plan_doc):
    for s in _walk_sections(plan_doc["sections"]):
        if s["measures"]:
            yield from _walk_items(s["measures"]["items"])


def _plain(runs, fields):
    by_id = {f["id"]: f for f in fields}
    return "".join(r["text"] if "text" in r else by_id[r["field"]]["placeholder"] for r in runs)


# ---------------------------------------------------------------- the files

def test_every_file_validates_against_the_published_schema(site):
    schema = _read(site, SCHEMA)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    docs = {"data/index.json": _read(site, "data/index.json")}
    docs.update({f"data/plans/{p}.json": _read(site, f"data/plans/{p}.json") for p in PLAN_IDS})
    for path, doc in docs.items():
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]
        assert errors == [], path
    # the schema is not a rubber stamp: a plan without its sections, or an unknown key, is refused
    broken = dict(docs["data/plans/teller.json"])
    del broken["sections"]
    assert not validator.is_valid(broken)
    assert not validator.is_valid({**docs["data/index.json"], "extra": 1})


def test_plan_data_holds_the_model(site, collection):
    """Every section, item, target and field of the model, with its aliases, in the page's order
    and heading level; every text as runs that give back the source text."""
    for plan in collection.plans:
        doc = _read(site, f"data/plans/{plan.id}.json")
        html = (site / "plans" / f"{plan.id}.html").read_text(encoding="utf-8")
        assert doc["id"] == plan.id and doc["page_title"] == plan.page_title
        assert [f["id"] for f in doc["fields"]] == [f.id for f in plan.fields]

        sections = list(_walk_sections(doc["sections"]))
        model_sections = [s for s in plan.sections()]
        expected = [s.id for s in model_sections]
        if plan.body.heading:  # the body's heading is a section of its own, as on the page
            expected.insert(expected.index(plan.body.sections[0].id), plan.body.id)
        assert [s["id"] for s in sections] == expected, plan.id
        page_ids = re.findall(r'<h([2-6]) id="([a-z0-9-]+)"', html)
        assert [(int(level), sid) for level, sid in page_ids] == [(s["level"], s["id"]) for s in sections]
        by_id = {s["id"]: s for s in sections}
        for s in model_sections:
            node = by_id[s.id]
            assert node["heading"] == s.heading and node["aliases"] == list(s.aliases)
            assert [_plain(p["runs"], doc["fields"]) for p in node["paragraphs"]] == \
                [p.text.plain() for p in s.paragraphs]
            assert [(t["id"], _plain(t["runs"], doc["fields"])) for t in node["targets"]] == \
                [(t.id, t.text.plain()) for t in s.targets]
            assert node["bullets"] == list(s.bullets)

        items = list(_items(doc))
        assert [it["id"] for it in items] == [it.id for it in plan.items()], plan.id
        for it, model in zip(items, plan.items()):
            assert it["lead"] == model.lead and it["aliases"] == list(model.aliases)
            assert _plain(it["runs"], doc["fields"]) == (model.text.plain() if model.text else "")
        used = [r["field"] for s in sections for p in s["paragraphs"] + s["outro"] for r in p["runs"] if "field" in r]
        used += [r["field"] for it in items for r in it["runs"] if "field" in r]
        used += [r["field"] for s in sections for t in s["targets"] for r in t["runs"] if "field" in r]
        assert sorted(used) == sorted(f.id for f in plan.fields)


def test_index_lists_every_plan_with_its_files(site, collection):
    index = _read(site, "data/index.json")
    assert [p["id"] for p in index["plans"]] == [p.id for p in collection.plans]
    for entry, plan in zip(index["plans"], collection.plans):
        assert (site / entry["url"]).is_file() and entry["url"] == f"plans/{plan.id}.html"
        assert entry["counts"] == {"units": len(plan.body.sections), "sections": len(list(plan.sections())),
                                   "measures": len(plan.items()), "fields": len(plan.fields)}
        assert _read(site, entry["data"])["version"] == entry["version"]
        assert (site / entry["script"]).is_file()
    assert [t["id"] for t in index["topics"]] == [t.id for t in collection.topics]
    assert [t["id"] for t in index["tracks"]] == [t.id for t in collection.tracks]
    for thing in index["topics"] + index["tracks"]:
        assert (site / thing["url"]).is_file()


@pytest.mark.parametrize("name", ["index", *PLAN_IDS])
def test_script_twin_is_one_call_holding_the_same_json(site, name):
    """Only data: one call with JSON literals (nothing to evaluate under a strict CSP)."""
    path = "data/index" if name == "index" else f"data/plans/{name}"
    script = (site / f"{path}.js").read_text(encoding="utf-8")
    if name == "index":
        match = re.fullmatch(r"WP\.data\.index\((\{.*\})\);\n", script, re.S)
        args = [json.loads(match.group(1))]
    else:
        match = re.fullmatch(r'WP\.data\.plan\(("[a-z0-9-]+"),(\{.*\})\);\n', script, re.S)
        args = [json.loads(match.group(1)), json.loads(match.group(2))]
        assert args[0] == name
    assert args[-1] == _read(site, f"{path}.json")


def test_version_changes_when_and_only_when_the_plan_changes(tmp_path, collection):
    project = copy_project(tmp_path / "project")

    def reword(d):
        d["closing"]["paragraphs"][0] = d["closing"]["paragraphs"][0] + "(修订)"
    edit_plan(project, "teller", reword)
    edited = load_collection(project / "data")
    before = {p.id: plan_document(p, "x.html")["version"] for p in collection.plans}
    after = {p.id: plan_document(p, "x.html")["version"] for p in edited.plans}
    assert after["teller"] != before["teller"]
    assert {k: v for k, v in after.items() if k != "teller"} == {k: v for k, v in before.items() if k != "teller"}


# ---------------------------------------------------------------- WP.data in the browser

LOAD = """async (id) => {
  await WP.load(["data"]);  // pages load the data module when it is needed
  const index = await WP.data.loadIndex();
  const plan = await WP.data.loadPlan(id);
  const again = await WP.data.loadPlan(id);
  return {ids: index.plans.map(p => p.id), plan: plan.id, same: plan === again,
          measures: index.plans.find(p => p.id === id).counts.measures}
}"""
MISSING = "id => WP.load(['data']).then(() => WP.data.loadPlan(id)).then(() => 'loaded', e => e.message)"


def _data_requests(page):
    seen = []
    page.on("request", lambda r: "/data/" in r.url and seen.append(r.url.rsplit("/data/", 1)[1]))
    return seen


@pytest.mark.browser
def test_loads_only_the_plan_asked_for(page, base_url, collection):
    seen = _data_requests(page)
    page.goto(base_url + "index.html")
    result = page.evaluate(LOAD, "operations-supervisor")
    assert result["ids"] == [p.id for p in collection.plans]
    assert result["plan"] == "operations-supervisor" and result["same"]
    assert result["measures"] == len(collection.plan("operations-supervisor").items())
    assert seen == ["index.js", "plans/operations-supervisor.js"]  # once each, no other plan


@pytest.mark.browser
def test_a_missing_plan_file_is_a_clear_rejection(page, watch, base_url):
    page.goto(base_url + "plans/teller.html")
    message = page.evaluate(MISSING, "no-such-plan")
    assert "无法加载" in message and "data/plans/no-such-plan.js" in message
    assert page.evaluate(MISSING, "../index") == "计划编号 “../index” 格式不对。"
    # the browser logs the 404 itself; nothing else may go wrong
    assert len(watch.console_errors) == 1 and "404" in watch.console_errors[0]
    watch.console_errors.clear()
    assert page.evaluate(LOAD, "teller")["plan"] == "teller"  # the loader still works after a failure


@pytest.mark.browser
def test_works_from_a_folder(page, watch, site):
    page.goto(site.as_uri() + "/plans/teller.html")
    assert page.evaluate(LOAD, "compliance-officer")["plan"] == "compliance-officer"
    message = page.evaluate(MISSING, "no-such-plan")
    assert "无法加载" in message
    watch.console_errors.clear()  # Chromium logs the missing local file


class _StrictHeaders(QuietHandler):
    def end_headers(self):
        self.send_header("Content-Security-Policy", "default-src 'self'; script-src 'self'; object-src 'none'")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()


@pytest.mark.browser
def test_works_under_a_strict_content_security_policy(browser, site):
    url, server = serve(site, _StrictHeaders)
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        messages = []
        page.on("console", lambda m: messages.append(m.text))
        page.goto(url + "plans/teller.html")
        assert page.evaluate(LOAD, "fintech-specialist")["plan"] == "fintech-specialist"
        refused = [m for m in messages if "Content Security Policy" in m
                   and ("eval" in m or "/data/" in m or "/wp/" in m)]
        assert refused == []
    finally:
        ctx.close()
        server.shutdown()
        server.server_close()


def test_collision_check_knows_every_published_file(site, collection):
    """on_files refuses a docs/ file at any of `paths()` before the build; the build then writes
    exactly those files under data/ (and no others)."""
    written = sorted(p.relative_to(site).as_posix() for p in (site / "data").rglob("*") if p.is_file())
    assert sorted(paths(collection)) == written
