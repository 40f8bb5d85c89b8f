"""Load and validate data files into the typed model.

Every problem names the file and the field path; all problems of a run are
reported together so an editor can fix them in one go.
"""
from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import fastjsonschema
import yaml

from ..speed import data_cache
from . import changelog
from .errors import DataError, Problem, format_path
from .model import (Body, Collection, Field, Item, Measures, Paragraph, Plan,
                    Reference, Section, Target, Text, Topic, Track, TrackStep)
from .schema_messages import describe

FIELD_REF = re.compile(r"\[\[([^\[\]]*)\]\]")
# A bare placeholder such as XX, XXXX or X not written as a [[field]].
BARE_PLACEHOLDER = re.compile(r"(?<![A-Za-z])X+(?![A-Za-z])")
SCHEMA_DIR = "schema"


# libyaml's parser when PyYAML has it (much faster on large libraries), same safe constructor.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BaseLoader):
    """Safe YAML loader that refuses a key written twice in one mapping."""


def _construct_mapping(loader, node, deep=False):
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"字段 “{key}” 重复出现 (duplicate key)", key_node.start_mark)
        seen[key] = True
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay text (2026-11-27 as written): the schema and the change-log check read them, and a
# day that does not exist gets a message with its field path instead of a YAML error.
_UniqueKeyLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()}


def read_yaml(path: Path, shown: str):
    """A data file's content (macros/speed/data_cache.py may answer for an unchanged file)."""
    return data_cache.parsed(path, path.read_bytes(), lambda raw: _parse(raw, shown))


def _parse(raw: bytes, shown: str):
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError([Problem(shown, "", "文件不是 UTF-8 编码 (not UTF-8)")])
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else "未知位置"
        reason = getattr(exc, "problem", None) or str(exc)
        raise DataError([Problem(shown, "", f"YAML 语法错误,{where}:{reason} (YAML syntax error)")])


@lru_cache(maxsize=None)
def _schema(schema_path: str) -> dict:
    return json.loads(Path(schema_path).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def fast_check(schema_path: str):
    """Compiled check of one schema: returns for valid data, raises for invalid data.

    fastjsonschema compiles the schema to Python; it is far faster than jsonschema on a
    plan, and most files are valid. jsonschema (full_validator) walks the data again only for
    a file this check refuses, to list every problem in Chinese. The schemas use only keywords
    both understand the same way; tests/test_data.py checks that they agree on broken files.
    """
    return fastjsonschema.compile(_schema(schema_path))


@lru_cache(maxsize=None)
def full_validator(schema_path: str):
    from jsonschema import Draft202012Validator  # imported only for a refused file

    return Draft202012Validator(_schema(schema_path))


def schema_problems(data, schema_path: Path, shown: str) -> list[Problem]:
    try:
        fast_check(str(schema_path))(data)
        return []
    except fastjsonschema.JsonSchemaException as exc:
        rejected = exc
    from jsonschema.exceptions import best_match

    problems = []
    for error in full_validator(str(schema_path)).iter_errors(data):
        if error.validator == "anyOf" and error.context and "required" not in str(error.schema["anyOf"][0]):
            # Explain the branch that matches the value's type (a string paragraph that is
            # empty is "empty text", not "should be a mapping").
            relevant = [e for e in error.context if not (e.validator == "type" and not e.relative_path)]
            error = best_match(relevant or error.context)
        problems.append(Problem(shown, format_path(error.absolute_path), describe(error)))
    if not problems:  # the two validators disagree: never let the file through
        problems.append(Problem(shown, "", f"结构检查未通过:{rejected} (schema check failed)"))
    return sorted(problems, key=lambda p: p.path)


class _PlanBuilder:
    """Turns schema-valid plan data into model objects and checks what a schema cannot."""

    def __init__(self, data: dict, shown: str):
        self.data = data
        self.shown = shown
        self.problems: list[Problem] = []
        self.ids: dict[str, str] = {}
        self.fields = {}
        self.field_uses: dict[str, str] = {}
        self.references: list[Reference] = []

    def links(self, raw: dict, path: str) -> dict:
        """topics / aliases / related of a section or item; aliases take part in the id namespace."""
        for i, topic in enumerate(raw.get("topics", ())):
            self.references.append(Reference(self.shown, f"{path}.topics[{i}]", "topic", topic))
        for i, ref in enumerate(raw.get("related", ())):
            self.references.append(Reference(self.shown, f"{path}.related[{i}]", "ref", ref))
        for i, alias in enumerate(raw.get("aliases", ())):
            self.claim(alias, f"{path}.aliases[{i}]")
        return {key: tuple(raw[key]) for key in ("topics", "aliases", "related") if key in raw}

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(self.shown, path, message))

    def claim(self, ident: str, path: str) -> str:
        if ident in self.ids:
            where = path if path.endswith("]") and ".aliases[" in path else f"{path}.id"
            self.problem(where, f"id “{ident}” 重复,已在 {self.ids[ident] or '文件顶层'} 使用,页面锚点会冲突 (duplicate id / anchor)")
        else:
            self.ids[ident] = path
        return ident

    def text(self, raw: str, path: str) -> Text:
        segments: list = []
        pos = 0
        for match in FIELD_REF.finditer(raw):
            segments.append(raw[pos:match.start()])
            ref = match.group(1).strip()
            if ref not in self.fields:
                self.problem(path, f"引用了未声明的填空项 “[[{ref}]]”,请在 fields 中声明 (unknown field)")
            elif ref in self.field_uses:
                self.problem(path, f"填空项 “{ref}” 已在 {self.field_uses[ref]} 使用过,每个填空项只能用一次 (field used twice)")
            else:
                self.field_uses[ref] = path
                segments.append(self.fields[ref])
                unit = self.fields[ref].unit
                if unit and not raw[match.end():].lstrip().startswith(unit):
                    self.problem(path, f"填空项 “[[{ref}]]” 后面应紧跟它的单位 “{unit}” (unit must follow the field)")
            pos = match.end()
        segments.append(raw[pos:])
        for literal in segments:
            if isinstance(literal, str) and (bare := BARE_PLACEHOLDER.search(literal)):
                self.problem(path, f"文本中有未声明的占位符 “{bare.group()}”,请改写为 [[字段id]] 并在 fields 中声明 (undeclared placeholder)")
        return Text(tuple(s for s in segments if s != ""))

    def paragraphs(self, raw: list, path: str) -> tuple[Paragraph, ...]:
        out = []
        for i, para in enumerate(raw or ()):
            if isinstance(para, str):
                out.append(Paragraph(self.text(para, f"{path}[{i}]")))
            else:
                out.append(Paragraph(self.text(para["text"], f"{path}[{i}].text"), para.get("label", "")))
        return tuple(out)

    def item(self, raw: dict, path: str) -> Item:
        return Item(
            id=self.claim(raw["id"], path),
            label=raw.get("label", ""),
            title=raw.get("title", ""),
            text=self.text(raw["text"], f"{path}.text") if "text" in raw else None,
            items=tuple(self.item(c, f"{path}.items[{i}]") for i, c in enumerate(raw.get("items", ()))),
            **self.links(raw, path),
        )

    def section(self, raw: dict, path: str) -> Section:
        if not raw.get("label") and not raw.get("title"):
            self.problem(path, "章节至少要有 label 或 title 之一,用作标题 (section needs a heading)")
        measures = raw.get("measures")
        return Section(
            id=self.claim(raw["id"], path),
            label=raw.get("label", ""),
            title=raw.get("title", ""),
            paragraphs=self.paragraphs(raw.get("paragraphs"), f"{path}.paragraphs"),
            targets=tuple(Target(self.claim(t["id"], f"{path}.targets[{i}]"), t["title"],
                                 self.text(t["text"], f"{path}.targets[{i}].text"))
                          for i, t in enumerate(raw.get("targets", ()))),
            measures=Measures(
                items=tuple(self.item(it, f"{path}.measures.items[{i}]")
                            for i, it in enumerate(measures["items"])),
                label=measures.get("label", ""),
                ordered=measures.get("ordered", False),
            ) if measures else None,
            bullets=tuple(raw.get("bullets", ())),
            sections=tuple(self.section(s, f"{path}.sections[{i}]")
                           for i, s in enumerate(raw.get("sections", ()))),
            outro=self.paragraphs(raw.get("outro"), f"{path}.outro"),
            **self.links(raw, path),
        )

    def body(self, raw: dict) -> Body:
        has_heading = bool(raw.get("label") or raw.get("title"))
        if has_heading and "id" not in raw:
            self.problem("body", "主体部分有标题时必须有 id,用作锚点 (body heading needs an id)")
        return Body(
            unit=raw["unit"],
            id=self.claim(raw["id"], "body") if "id" in raw else "",
            label=raw.get("label", ""),
            title=raw.get("title", ""),
            paragraphs=self.paragraphs(raw.get("paragraphs"), "body.paragraphs"),
            sections=tuple(self.section(s, f"body.sections[{i}]") for i, s in enumerate(raw["sections"])),
        )

    def plan(self, expected_id: str) -> Plan:
        d = self.data
        if d["id"] != expected_id:
            self.problem("id", f"id “{d['id']}” 必须与文件名 “{expected_id}” 相同 (id must match file name)")
        self.claim(d["id"], "")
        for i, raw in enumerate(d.get("fields", ())):
            self.claim(raw["id"], f"fields[{i}]")
            self.fields[raw["id"]] = Field(raw["id"], raw["label"], raw["placeholder"],
                                           raw.get("unit", ""), raw.get("kind", "text"))
        plan = Plan(
            id=d["id"], order=d["order"], label=d["label"], title=d["title"], role=d["role"],
            kind=d["kind"], focus=d["focus"], audience=d["audience"], summary=d["summary"],
            intro=self.section(d["intro"], "intro"),
            goals=self.section(d["goals"], "goals") if "goals" in d else None,
            body=self.body(d["body"]),
            closing=self.section(d["closing"], "closing"),
            fields=tuple(self.fields.values()),
            source=self.shown,
            references=tuple(self.references),
            changelog=changelog.entries(d.get("changelog", ())),
        )
        self.problems += changelog.problems(plan, self.ids)
        for i, f in enumerate(plan.fields):
            if f.id not in self.field_uses:
                self.problem(f"fields[{i}]", f"填空项 “{f.id}” 已声明但正文中没有用 [[{f.id}]] 引用 (unused field)")
        return plan


def load_plan(path: Path, data_dir: Path) -> Plan:
    shown = shown_path(path, data_dir)
    data = read_yaml(path, shown)
    if not isinstance(data, dict):
        raise DataError([Problem(shown, "", "文件内容必须是键值对(映射),现在是空的或格式不对 (top level must be a mapping)")])
    problems = schema_problems(data, data_dir / SCHEMA_DIR / "plan.schema.json", shown)
    if problems:
        raise DataError(problems)
    builder = _PlanBuilder(data, shown)
    plan = builder.plan(path.stem)
    if builder.problems:
        raise DataError(builder.problems)
    return plan


def load_collection(data_dir: Path) -> Collection:
    """Load data/collection.yml and every data/plans/*.yml; raise DataError with all problems."""
    problems: list[Problem] = []
    meta_path = data_dir / "collection.yml"
    shown = shown_path(meta_path, data_dir)
    meta = {}
    try:
        meta = read_yaml(meta_path, shown) if meta_path.exists() else None
        if meta is None:
            problems.append(Problem(shown, "", "文件不存在或为空 (missing collection file)"))
        else:
            problems += schema_problems(meta, data_dir / SCHEMA_DIR / "collection.schema.json", shown)
    except DataError as exc:
        problems += exc.problems
    plans: list[Plan] = []
    for path in sorted((data_dir / "plans").glob("*.yml")):
        try:
            plans.append(load_plan(path, data_dir))
        except DataError as exc:
            problems += exc.problems
    if not plans and not problems:
        problems.append(Problem("data/plans", "", "没有任何计划文件 (no plan files)"))
    problems += _duplicate_orders(plans)
    topics = _load_topics(data_dir, problems)
    raw_tracks = _load_tracks(data_dir, problems)
    if problems:
        raise DataError(problems)
    collection = Collection(title=meta["title"], intro=tuple(meta["intro"]),
                            plans=tuple(sorted(plans, key=lambda p: p.order)), topics=topics)
    known_topics = {t.id for t in topics}
    for plan in plans:
        for ref in plan.references:
            if ref.kind == "topic" and ref.value not in known_topics:
                problems.append(Problem(ref.file, ref.path, f"未知专题 “{ref.value}”,请使用 data/topics.yml 中的 id (unknown topic)"))
            if ref.kind == "ref":
                problems += _check_ref(collection, ref.file, ref.path, ref.value)
    tracks = []
    for shown, data in raw_tracks:
        steps, seen = [], {}
        for i, step in enumerate(data["steps"]):
            found = _check_ref(collection, shown, f"steps[{i}].ref", step["ref"])
            problems += found
            if found:
                continue
            place = collection.resolve(step["ref"])
            if place.ref in seen:
                # one place twice would share its saved 已完成 and confuse 上一步/下一步
                problems.append(Problem(shown, f"steps[{i}].ref", f"步骤 “{step['ref']}” 与 steps[{seen[place.ref]}] 指向同一处 “{place.ref}”,每处只能作为一步 (duplicate step)"))
                continue
            seen[place.ref] = i
            steps.append(TrackStep(place, step["note"]))
        tracks.append(Track(data["id"], data["order"], data["title"], data["audience"],
                            data["summary"], tuple(steps)))
    problems += _duplicate_orders(tracks, {t.id: s for t, (s, _) in zip(tracks, raw_tracks)})
    if problems:
        raise DataError(problems)
    return replace(collection, tracks=tuple(sorted(tracks, key=lambda t: t.order)))


def _duplicate_orders(things, sources=None) -> list[Problem]:
    problems, orders = [], {}
    for thing in things:
        source = sources[thing.id] if sources else thing.source
        if thing.order in orders:
            problems.append(Problem(source, "order", f"order {thing.order} 与 {orders[thing.order]} 重复 (duplicate order)"))
        orders.setdefault(thing.order, source)
    return problems


def _check_ref(collection: Collection, file: str, path: str, ref: str) -> list[Problem]:
    plan_id, _, anchor = ref.partition("#")
    try:
        collection.plan(plan_id)
    except KeyError:
        return [Problem(file, path, f"引用 “{ref}” 指向不存在的计划 “{plan_id}” (dangling reference)")]
    try:
        collection.resolve(ref)
    except KeyError:
        return [Problem(file, path, f"引用 “{ref}” 指向的章节或措施 “{anchor}” 在计划 {plan_id} 中不存在 (dangling reference)")]
    return []


def _load_topics(data_dir: Path, problems: list[Problem]) -> tuple[Topic, ...]:
    path = data_dir / "topics.yml"
    shown = shown_path(path, data_dir)
    if not path.exists():
        return ()
    try:
        data = read_yaml(path, shown)
    except DataError as exc:
        problems += exc.problems
        return ()
    found = schema_problems(data, data_dir / SCHEMA_DIR / "topics.schema.json", shown)
    problems += found
    if found:
        return ()
    seen: dict[str, int] = {}
    for i, raw in enumerate(data["topics"]):
        if raw["id"] in seen:
            problems.append(Problem(shown, f"topics[{i}].id", f"专题 id “{raw['id']}” 重复,已在 topics[{seen[raw['id']]}] 使用 (duplicate id)"))
        seen.setdefault(raw["id"], i)
    return tuple(Topic(t["id"], t["name"], t["description"]) for t in data["topics"])


def _load_tracks(data_dir: Path, problems: list[Problem]) -> list[tuple[str, dict]]:
    out = []
    for path in sorted((data_dir / "tracks").glob("*.yml")):
        shown = shown_path(path, data_dir)
        try:
            data = read_yaml(path, shown)
        except DataError as exc:
            problems += exc.problems
            continue
        if not isinstance(data, dict):
            problems.append(Problem(shown, "", "文件内容必须是键值对(映射) (top level must be a mapping)"))
            continue
        found = schema_problems(data, data_dir / SCHEMA_DIR / "track.schema.json", shown)
        if not found and data["id"] != path.stem:
            found.append(Problem(shown, "id", f"id “{data['id']}” 必须与文件名 “{path.stem}” 相同 (id must match file name)"))
        problems += found
        if not found:
            out.append((shown, data))
    return out


def shown_path(path: Path, data_dir: Path) -> str:
    """The path an editor recognises: relative to the project, e.g. data/plans/teller.yml."""
    try:
        return str(path.resolve().relative_to(data_dir.resolve().parent))
    except ValueError:
        return str(path)


_cache: dict[str, tuple[tuple, Collection]] = {}


def cached_collection(data_dir: Path) -> Collection:
    """load_collection, reused while no data file changed (one load per build, fresh on serve edits)."""
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in sorted(data_dir.rglob("*")) if p.is_file())
    key = str(data_dir.resolve())
    hit = _cache.get(key)
    if hit and hit[0] == stamp:
        return hit[1]
    collection = load_collection(data_dir)
    _cache[key] = (stamp, collection)
    return collection


_current: dict[str, Collection] = {}


def start_build(data_dir: Path) -> Collection:
    """Called once per build (hook on_config): load or reuse the data and make it current."""
    collection = cached_collection(data_dir)
    _current[str(data_dir.resolve())] = collection
    return collection


def current_collection(data_dir: Path) -> Collection:
    """The collection of the running build, without re-checking files for every page."""
    return _current.get(str(data_dir.resolve())) or start_build(data_dir)
