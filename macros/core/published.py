"""The plans as machine-readable data, published next to the pages.

Written from the typed model of the running build (loader.current_collection), never from the
YAML or the rendered pages, so the data says exactly what the pages say:

    data/index.json                    every plan (title, role, counts, page URL, version),
                                       the topics and the tracks
    data/plans/<id>.json               one plan: fields, the whole section tree (text as runs)
                                       and its change log
    data/index.js, data/plans/<id>.js  the same JSON inside one call, WP.data.index({...}) /
                                       WP.data.plan("<id>", {...}), for a <script src> where
                                       fetch() is refused (pages opened from a folder, file://);
                                       docs/assets/wp/data.js loads them on demand
    data/schema/plan-data.schema.json  JSON Schema (draft 2020-12) of both documents

All paths are relative to the site root. A plan's `version` is a hash of its JSON: it changes
exactly when something a reader of the data could see changes. The MkDocs side (which URL each
page has, where files go) is macros/site/published.py.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .model import Collection, Item, Paragraph, Plan, Section, Text, TrackStep

SCHEMA_FILE = Path(__file__).resolve().parent / "plan_data.schema.json"
DATA_DIR = "data"
INDEX_JSON, INDEX_JS = f"{DATA_DIR}/index.json", f"{DATA_DIR}/index.js"
SCHEMA_PATH = f"{DATA_DIR}/schema/plan-data.schema.json"
INDEX_FORMAT = "wp-plan-index/1"
PLAN_FORMAT = "wp-plan/1"


# ---------------------------------------------------------------- model -> plain dicts

def runs(text: Text | None) -> list[dict]:
    """Literal strings and field references ({"field": id}) in reading order."""
    if text is None:
        return []
    return [{"text": s} if isinstance(s, str) else {"field": s.id} for s in text.segments]


def paragraphs(paras: tuple[Paragraph, ...]) -> list[dict]:
    return [{"label": p.label, "runs": runs(p.text)} for p in paras]


def item(it: Item) -> dict:
    return {"id": it.id, "aliases": list(it.aliases), "label": it.label, "title": it.title,
            "lead": it.lead, "runs": runs(it.text), "topics": list(it.topics),
            "items": [item(child) for child in it.items]}


def section(s: Section, level: int) -> dict:
    return {
        "id": s.id, "aliases": list(s.aliases), "level": level,
        "label": s.label, "title": s.title, "heading": s.heading, "topics": list(s.topics),
        "paragraphs": paragraphs(s.paragraphs),
        "targets": [{"id": t.id, "title": t.title, "runs": runs(t.text)} for t in s.targets],
        "measures": {"label": s.measures.label, "ordered": s.measures.ordered,
                     "items": [item(it) for it in s.measures.items]} if s.measures else None,
        "bullets": list(s.bullets),
        "sections": [section(sub, level + 1) for sub in s.sections],
        "outro": paragraphs(s.outro),
    }


def top_sections(plan: Plan) -> list[dict]:
    """The page's sections in order, levels as on the page (h2 …). A body with a heading is a
    section of its own holding the body's sections; without one they stand at the top level."""
    body = plan.body
    if body.heading:
        node = section(Section(id=body.id, label=body.label, title=body.title,
                               paragraphs=body.paragraphs, sections=body.sections), 2)
        parts = [node]
    else:
        parts = [section(s, 2) for s in body.sections]
    head = [section(plan.intro, 2)] + ([section(plan.goals, 2)] if plan.goals else [])
    return head + parts + [section(plan.closing, 2)]


def version(document: dict) -> str:
    """Hash of the document's JSON (its keys are always written in the same order)."""
    return hashlib.sha256(compact(document).encode("utf-8")).hexdigest()[:16]


def plan_document(plan: Plan, url: str) -> dict:
    doc = {
        "format": PLAN_FORMAT,
        "id": plan.id, "order": plan.order, "label": plan.label, "title": plan.title,
        "page_title": plan.page_title, "role": plan.role, "kind": plan.kind, "focus": plan.focus,
        "audience": plan.audience, "summary": plan.summary, "url": url,
        "body": {"id": plan.body.id, "heading": plan.body.heading, "unit": plan.body.unit,
                 # shown above the body's sections only when the body has no heading of its own
                 "paragraphs": [] if plan.body.heading else paragraphs(plan.body.paragraphs),
                 "first": plan.body.sections[0].id},
        "fields": [{"id": f.id, "label": f.label, "placeholder": f.placeholder, "unit": f.unit,
                    "kind": f.kind} for f in plan.fields],
        "sections": top_sections(plan),
        "changelog": changelog(plan),
    }
    return {**doc, "version": version(doc)}


def changelog(plan: Plan) -> list[dict]:
    """The plan's change log, newest first, each change with the name the pages show."""
    return [{"date": e.date, "summary": e.summary,
             "changes": [{"kind": c.kind, "id": c.id, "title": plan.change_name(c),
                          "present": c.kind != "removed" and c.id in plan.anchors} for c in e.changes]}
            for e in plan.changelog]


def counts(plan: Plan) -> dict:
    return {"units": len(plan.body.sections), "sections": sum(1 for _ in plan.sections()),
            "measures": len(plan.items()), "fields": len(plan.fields)}


def track_step(step: TrackStep, urls: dict[str, str]) -> dict:
    """One step as the path bar on a plan page needs it (docs/assets/wp/path.js)."""
    place = step.target
    return {"ref": place.ref, "old_refs": list(step.old_keys), "note": step.note,
            "plan": place.plan.id, "anchor": place.node.id, "heading": place.heading,
            "url": f"{urls[f'plans/{place.plan.id}.md']}#{place.node.id}",
            "minutes": step.minutes, "measures": step.measures}


def index_document(collection: Collection, plans: list[dict], urls: dict[str, str]) -> dict:
    return {
        "format": INDEX_FORMAT,
        "title": collection.title,
        "plans": [{
            "id": plan.id, "order": plan.order, "label": plan.label, "title": plan.title,
            "page_title": plan.page_title, "role": plan.role, "kind": plan.kind,
            "summary": plan.summary, "url": doc["url"], "unit": plan.body.unit,
            "counts": counts(plan), "version": doc["version"],
            "data": plan_files(plan.id)[0], "script": plan_files(plan.id)[1],
        } for plan, doc in zip(collection.plans, plans)],
        "topics": [{"id": t.id, "name": t.name, "description": t.description,
                    "url": urls[f"topics/{t.id}.md"]} for t in collection.topics],
        "tracks": [{"id": t.id, "title": t.title, "summary": t.summary,
                    "url": urls[f"tracks/{t.id}.md"],
                    "steps": [track_step(s, urls) for s in t.steps]}
                   for t in collection.tracks],
    }


# ---------------------------------------------------------------- serialisation

def compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def to_script(call: str, *literals: str) -> str:
    """`WP.data.<call>(<JSON>, …);` from JSON texts — data only, no code to evaluate. U+2028/2029
    are escaped for engines that predate JSON being a subset of JavaScript."""
    literal = ",".join(literals).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"WP.data.{call}({literal});\n"


def plan_files(plan_id: str) -> tuple[str, str]:
    """Site paths of one plan's JSON and its .js twin."""
    return f"{DATA_DIR}/plans/{plan_id}.json", f"{DATA_DIR}/plans/{plan_id}.js"


def paths(collection: Collection) -> list[str]:
    """The site paths `documents` writes, known before anything is made."""
    return [*(path for plan in collection.plans for path in plan_files(plan.id)), INDEX_JSON, INDEX_JS, SCHEMA_PATH]


def documents(collection: Collection, urls: dict[str, str]):
    """(site path, file content) for every published data file, one at a time: a large library's
    files are written as they are made, never all held in memory (the index keeps only each
    plan's URL and version)."""
    plans = []
    for plan in collection.plans:
        doc = plan_document(plan, urls[f"plans/{plan.id}.md"])
        plans.append({"url": doc["url"], "version": doc["version"]})
        text = compact(doc)
        data, script = plan_files(plan.id)
        yield data, text + "\n"
        yield script, to_script("plan", compact(plan.id), text)
    text = compact(index_document(collection, plans, urls))
    yield INDEX_JSON, text + "\n"
    yield INDEX_JS, to_script("index", text)
    yield SCHEMA_PATH, SCHEMA_FILE.read_text(encoding="utf-8")
