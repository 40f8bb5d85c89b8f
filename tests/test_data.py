"""Data layer: every plan file is valid, complete and faithful to the source article."""
from __future__ import annotations

import json
import re

import pytest
import yaml
from jsonschema import Draft202012Validator

from source_text import BARE_PLACEHOLDER, normalize, parts, placeholders
from support import PLAN_IDS, ROOT

DATA = ROOT / "data"


def test_schemas_are_valid_json_schema():
    for path in (DATA / "schema").glob("*.json"):
        Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


def test_the_five_plans_in_source_order(collection):
    assert [p.id for p in collection.plans] == list(PLAN_IDS)
    labels = [p.label for p in collection.plans]
    assert labels == [re.match(r"^(篇.):", part[0]).group(1) for part in parts()[1:]]


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_plan_has_every_part(collection, plan_id):
    plan = collection.plan(plan_id)
    assert plan.intro.paragraphs, "引言不能为空"
    assert plan.closing.paragraphs or plan.closing.measures, "结尾不能为空"
    assert len(plan.body.sections) >= 4, "主体至少四个部分"
    for section in plan.body.sections:
        assert list(section.items()), f"{section.id} 没有任何措施"
    for section in plan.sections():
        assert section.heading, section.id


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_ids_are_unique_and_readable(collection, plan_id):
    plan = collection.plan(plan_id)
    ids = [s.id for s in plan.sections()] + [i.id for i in plan.items()] + [f.id for f in plan.fields]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", i) for i in ids)


@pytest.mark.parametrize("index,plan_id", list(enumerate(PLAN_IDS, start=1)))
def test_every_placeholder_of_the_source_is_a_declared_field(collection, index, plan_id):
    plan = collection.plan(plan_id)
    expected = placeholders(parts()[index])
    assert sorted(f.placeholder for f in plan.fields) == sorted(expected)
    raw = (DATA / "plans" / f"{plan_id}.yml").read_text(encoding="utf-8")
    strings = _strings(yaml.safe_load(raw))
    leftovers = [s for s in strings if BARE_PLACEHOLDER.search(re.sub(r"\[\[[^\]]*\]\]", "", s))]
    # Field declarations hold the placeholder itself; nothing else may.
    assert sorted(leftovers) == sorted(f.placeholder for f in plan.fields)


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def test_source_has_no_footer_to_carry_over():
    """The site must not show the web page's footer; the reference text holds none either."""
    text = "\n".join("\n".join(p) for p in parts())
    for marker in ("上一篇", "下一篇", "相关推荐", "发表回复"):
        assert marker not in text


@pytest.mark.parametrize("index,plan_id", list(enumerate(PLAN_IDS, start=1)))
def test_plan_strings_come_from_its_part_of_the_source(collection, index, plan_id):
    """Transcribed text is not invented: each text string (placeholders restored) is in the source part."""
    source = normalize("".join(parts()[index]))
    plan = collection.plan(plan_id)
    texts = []
    for section in plan.sections():
        texts += [p.text.plain() for p in section.paragraphs + section.outro]
        texts += [t.text.plain() for t in section.targets] + list(section.bullets)
    texts += [i.text.plain() for i in plan.items() if i.text]
    missing = [t for t in texts if normalize(t) not in source]
    assert missing == []


def test_the_editors_template_is_a_valid_plan(tmp_path):
    from macros.core.loader import load_plan
    src = DATA / "templates" / "plan-template.yml"
    copy = tmp_path / "example-role.yml"
    copy.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    plan = load_plan(copy, DATA)
    assert plan.items() and plan.fields


def _mutations(node, path=()):
    """(path, replacement) pairs: each node of a plan replaced by something a schema may refuse."""
    if isinstance(node, dict):
        yield path, {**node, "unexpected-key": "x"}
        for key in node:
            yield path, {k: v for k, v in node.items() if k != key}
            yield from _mutations(node[key], path + (key,))
    elif isinstance(node, list):
        yield path, []
        for i, child in enumerate(node):
            yield from _mutations(child, path + (i,))
    if isinstance(node, str):
        yield from ((path, value) for value in ("", "  ", "坏 id", 7))
    elif isinstance(node, int) and not isinstance(node, bool):
        yield from ((path, value) for value in (0, "7"))
    else:
        yield path, "文本"


def _replaced(data, path, value):
    if not path:
        return value
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = _replaced(data[path[0]], path[1:], value)
    return copy


def _one_per_place(plans):
    """(plan, path, replacement) for every plan's mutations, once per place in the schema: a path
    with its list indices left out (every item of a list is checked by the same subschema) and the
    kind of replacement. Covers every plan's shapes in a fraction of the (slow) full validations."""
    seen = {}
    for plan in plans:
        for path, value in _mutations(plan):
            place = tuple("*" if isinstance(step, int) else step for step in path)
            kind = tuple(sorted(value)) if isinstance(value, dict) else repr(value)
            seen.setdefault((place, kind), (plan, path, value))
    return list(seen.values())


def test_fast_schema_check_agrees_with_the_full_validator():
    """macros/core/loader.py lets a file through on fastjsonschema's word alone and asks jsonschema only
    to explain a refusal; over hundreds of broken copies of the plans the two must agree."""
    from macros.core.loader import fast_check, full_validator
    schema = str(DATA / "schema" / "plan.schema.json")
    fast, full = fast_check(schema), full_validator(schema)
    plans = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((DATA / "plans").glob("*.yml"))]
    cases = _one_per_place(plans)
    assert len(cases) > 500
    disagree, refused = [], 0
    for data, path, value in cases:
        broken = _replaced(data, path, value)
        try:
            fast(broken)
            fast_ok = True
        except Exception:
            fast_ok = False
        full_ok = not any(True for _ in full.iter_errors(broken))
        refused += not full_ok
        if fast_ok != full_ok:
            disagree.append((path, value, fast_ok, full_ok))
    assert not disagree, disagree[:10]
    assert refused > len(cases) // 2  # the mutations really break the file
