"""--update: a revised article merged into an existing plan, keeping the ids people rely on.

The article decides the content; the existing file decides the ids and what the article cannot
say (order, audience, summary, topics, related, aliases). Sections match by label and title (then
title alone, then label alone) under the same parent; measures and targets by their text, exact
first, then the most similar one left in the same section (a reworded measure keeps its id, so
the published anchor and people's saved ticks stay valid). A new measure gets an id that no
measure of the plan ever had; a removed measure's id is listed, not reused.

When anything changed, an entry is put at the top of the plan's change log (`changelog:`, see
macros/core/changelog.py), dated today, naming the ids added, removed and reworded; the editor
may rewrite its summary before committing.
"""
from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import DataError
from ..loader import load_plan
from . import ImportFailure, import_source
from .ids import IdRegistry
from .report import as_text, WrittenDraft
from .write import notes_by_path, validate
from .yaml_out import HEADER, dump

KEEP_TOP = ("id", "order", "audience", "summary", "changelog")
KEEP_NODE = ("topics", "related", "aliases")
PARTS = ("intro", "goals", "body", "closing")
SIMILAR = 0.6
FIELD = re.compile(r"\[\[([^\[\]]*)\]\]")


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: int = 0
    # the ids behind the lines above, for the change log: kind -> ids in document order
    ids: dict[str, list[str]] = field(default_factory=lambda: {"added": [], "reworded": [], "removed": []})

    def note(self, kind: str, ids) -> None:
        self.ids[kind] += [i for i in ids if i not in self.ids[kind]]


def _all_ids(node) -> set[str]:
    if isinstance(node, dict):
        return ({node["id"]} if isinstance(node.get("id"), str) else set()) | {i for v in node.values() for i in _all_ids(v)}
    if isinstance(node, list):
        return {i for v in node for i in _all_ids(v)}
    return set()


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", FIELD.sub("□", text or ""))


def _item_key(item: dict) -> str:
    return _plain(item.get("title", "") + "|" + item.get("text", ""))


def merge(old: dict, new: dict) -> tuple[dict, Changes]:
    """The new plan mapping with the old ids carried over, and what changed."""
    changes = Changes()
    registry = IdRegistry(_all_ids(old))   # never hand out an id the plan already had
    renames: dict[str, str] = {}
    merged = dict(new)
    for key in KEEP_TOP:
        if key in old:
            merged[key] = old[key]
    for part in PARTS:
        if part in new:
            merged[part] = _section(old.get(part), new[part], registry, renames, changes)
    for part in PARTS:
        if part in old and part not in new:
            changes.removed.append(f"{part}(整个部分)")
            changes.note("removed", _ids_in_order(old[part]))
    merged["fields"] = _fields(old.get("fields", []), new.get("fields", []), registry, renames)
    if not merged["fields"]:
        del merged["fields"]
    merged = _rename_refs(merged, renames)
    order = [k for k in new if k not in ("fields", "changelog")]
    at = order.index("summary") + 1 if "summary" in order else len(order)
    order[at:at] = [k for k in ("changelog", "fields") if k in merged]  # after summary, as in the curated files
    return {k: merged[k] for k in order if k in merged}, changes


def _section(old: dict | None, new: dict, registry: IdRegistry, renames: dict, changes: Changes) -> dict:
    out = dict(new)
    if old is not None:
        out["id"] = old["id"] if "id" in old else new.get("id")
        for key in KEEP_NODE:
            if key in old:
                out[key] = old[key]
        if "id" not in old:
            out.pop("id", None)
    elif new.get("id"):
        out["id"] = _fresh(new["id"], registry)
        changes.added.append(f"节 {out['id']}({new.get('label', '')}{new.get('title', '')})")
        changes.note("added", [out["id"]])
    if old is not None and out.get("id") and (old.get("label"), old.get("title")) != (new.get("label"), new.get("title")):
        changes.note("reworded", [out["id"]])
    if out.get("id") and new.get("id") and out["id"] != new["id"]:
        renames[new["id"]] = out["id"]
    if "measures" in new:
        out["measures"] = dict(new["measures"])
        out["measures"]["items"] = _items((old or {}).get("measures", {}).get("items", []), new["measures"]["items"],
                                          registry, renames, changes)
    if "targets" in new:
        out["targets"] = _items((old or {}).get("targets", []), new["targets"], registry, renames, changes)
    if "sections" in new:
        olds = list((old or {}).get("sections", []))
        subs = []
        for child in new["sections"]:
            match = _match_section(olds, child)
            if match is not None:
                olds.remove(match)
            subs.append(_section(match, child, registry, renames, changes))
        out["sections"] = subs
        changes.removed += [f"节 {o['id']}({o.get('label', '')}{o.get('title', '')})" for o in olds]
        changes.note("removed", _ids_in_order(olds))
    elif old and old.get("sections"):
        changes.removed += [f"节 {o['id']}({o.get('label', '')}{o.get('title', '')})" for o in old["sections"]]
        changes.note("removed", _ids_in_order(old["sections"]))
    for key in ("measures", "targets"):
        if old and key not in new and old.get(key):
            items = old[key]["items"] if key == "measures" else old[key]
            changes.removed += [f"措施 {i['id']}" for i in items]
            changes.note("removed", _ids_in_order(items))
    return out


def _match_section(olds: list[dict], new: dict) -> dict | None:
    for same in (lambda o: (o.get("label"), o.get("title")) == (new.get("label"), new.get("title")),
                 lambda o: new.get("title") and o.get("title") == new.get("title"),
                 lambda o: new.get("label") and o.get("label") == new.get("label")):
        found = [o for o in olds if same(o)]
        if found:
            return found[0]
    return None


def _items(olds: list[dict], news: list[dict], registry: IdRegistry, renames: dict, changes: Changes) -> list[dict]:
    left = list(olds)
    matched: list[dict | None] = [None] * len(news)
    for n, item in enumerate(news):  # exact text first
        exact = next((o for o in left if _item_key(o) == _item_key(item)), None)
        if exact is not None:
            matched[n] = exact
            left.remove(exact)
    for n, item in enumerate(news):  # then the most similar left in this section
        if matched[n] is None and left:
            best = max(left, key=lambda o: difflib.SequenceMatcher(None, _item_key(o), _item_key(item)).ratio())
            if difflib.SequenceMatcher(None, _item_key(best), _item_key(item)).ratio() >= SIMILAR:
                matched[n] = best
                left.remove(best)
                changes.note("reworded", [best["id"]])
                changes.changed.append(f"措施 {best['id']}:{_short(best.get('text') or best.get('title'))} → "
                                       f"{_short(item.get('text') or item.get('title'))}")
    out = []
    for item, old in zip(news, matched):
        merged = dict(item)
        if old is not None:
            merged["id"] = old["id"]
            for key in KEEP_NODE:
                if key in old:
                    merged[key] = old[key]
            if _item_key(old) == _item_key(item):
                changes.kept += 1
        else:
            merged["id"] = _fresh(item["id"], registry)
            changes.added.append(f"措施 {merged['id']}:{_short(item.get('text') or item.get('title'))}")
            changes.note("added", [merged["id"]])
        if merged["id"] != item["id"]:
            renames[item["id"]] = merged["id"]
        if "items" in item:
            merged["items"] = _items((old or {}).get("items", []), item["items"], registry, renames, changes)
        elif old and old.get("items"):
            changes.removed += [f"措施 {i['id']}" for i in old["items"]]
            changes.note("removed", _ids_in_order(old["items"]))
        out.append({k: merged[k] for k in ("id", "label", "title", "text", "items", *KEEP_NODE) if k in merged})
    changes.removed += [f"措施 {o['id']}:{_short(o.get('text') or o.get('title'))}" for o in left]
    changes.note("removed", _ids_in_order(left))
    return out


def _ids_in_order(node) -> list[str]:
    """Every id in a piece of plan data (a section with its measures …), in document order."""
    if isinstance(node, dict):
        own = [node["id"]] if isinstance(node.get("id"), str) else []
        return own + [i for v in node.values() for i in _ids_in_order(v)]
    if isinstance(node, list):
        return [i for v in node for i in _ids_in_order(v)]
    return []


def log_entry(old: dict, merged: dict, changes: Changes, today: datetime.date | None = None) -> dict | None:
    """The change-log entry for this update (None when the plan's content is unchanged)."""
    strip = lambda plan: {k: v for k, v in plan.items() if k != "changelog"}  # noqa: E731
    if strip(old) == strip(merged):
        return None
    counts = [f"{word} {len(changes.ids[kind])} 处" for kind, word in
              (("added", "新增"), ("reworded", "改写"), ("removed", "删除")) if changes.ids[kind]]
    summary = "根据修订稿更新:" + "、".join(counts) if counts else "根据修订稿更新文字"
    return {"date": today or datetime.date.today(), "summary": summary,
            "changes": [{"kind": kind, "id": ident} for kind in ("added", "reworded", "removed")
                        for ident in changes.ids[kind]]}


def _fresh(wanted: str, registry: IdRegistry) -> str:
    """The importer's id when no measure of the plan ever had it, else a numbered variant."""
    if wanted not in registry.taken:
        registry.taken.add(wanted)
        return wanted
    return registry.claim(wanted)


def _fields(olds: list[dict], news: list[dict], registry: IdRegistry, renames: dict) -> list[dict]:
    left = list(olds)
    out = []
    for f in news:
        same = next((o for o in left if (o["placeholder"], o.get("unit"), o["label"]) == (f["placeholder"], f.get("unit"), f["label"])), None)
        if same is not None:
            left.remove(same)
            out.append({**f, "id": same["id"], "label": same["label"]})
            renames[f["id"]] = same["id"]
        else:
            fid = _fresh(f["id"], registry)
            renames[f["id"]] = fid
            out.append({**f, "id": fid})
    return out


def _rename_refs(node, renames: dict):
    """[[field]] references follow the fields' kept ids."""
    if isinstance(node, dict):
        return {k: _rename_refs(v, renames) for k, v in node.items()}
    if isinstance(node, list):
        return [_rename_refs(v, renames) for v in node]
    if isinstance(node, str) and "[[" in node:
        return FIELD.sub(lambda m: f"[[{renames.get(m.group(1), m.group(1))}]]", node)
    return node


def _short(text: str | None, limit: int = 24) -> str:
    text = text or ""
    return text if len(text) <= limit else text[:limit] + "…"


def update_plan(source: Path, plan_path: Path, data_dir: Path, shown) -> int:
    """Merge the revised article into plan_path, write it, print the report; exit code."""
    if not plan_path.is_file():
        raise ImportFailure(f"要更新的计划文件不存在:{plan_path}")
    try:
        load_plan(plan_path, data_dir)
    except DataError as exc:
        raise ImportFailure(f"{shown(plan_path)} 现在就没有通过校验,请先修好再更新:\n{exc}") from exc
    old = yaml.safe_load(plan_path.read_text(encoding="utf-8"))
    result = import_source(source, old["id"])
    drafts = [d for d in result.drafts if d.data.get("label") == old.get("label")] or result.drafts
    if len(drafts) != 1:
        raise ImportFailure(f"文章里有 {len(result.drafts)} 篇计划,找不到与 {old.get('label')} 对应的一篇。请只保留要更新的那一篇。")
    draft = drafts[0]
    merged, changes = merge(old, draft.data)
    entry = log_entry(old, merged, changes)
    if entry:
        merged = _with_entry(merged, entry)
    draft.data = merged
    draft.notes = [n for n in draft.notes if n.path[:1] not in (("audience",), ("summary",), ("id",))]
    text = dump(merged, notes_by_path(draft), HEADER)
    plan_path.write_text(text, encoding="utf-8")
    written = [WrittenDraft(draft, shown(plan_path), validate(plan_path, data_dir))]
    print(as_text(result, written))
    print(f"\n更新 {shown(plan_path)}:保留 {changes.kept} 条未改动措施的 id,"
          f"修改 {len(changes.changed)} 处(id 不变),新增 {len(changes.added)} 处,删除 {len(changes.removed)} 处。")
    for title, rows in (("修改(id 不变,勾选记录仍有效)", changes.changed), ("新增", changes.added),
                        ("删除(这些 id 的勾选记录将不再显示)", changes.removed)):
        if rows:
            print(f"{title}:")
            print("\n".join(f"  - {r}" for r in rows))
    if entry:
        print(f"更新记录:已在 changelog 最前面写入 {entry['date']} 的一条({entry['summary']}),"
              "提交前可以改写这句说明。")
    else:
        print("更新记录:内容没有改动,未写入更新记录。")
    return 1 if written[0].problems else 0


def _with_entry(plan: dict, entry: dict) -> dict:
    """The plan with `entry` first in its change log (the log placed after summary when new)."""
    if "changelog" in plan:
        return {**plan, "changelog": [entry, *plan["changelog"]]}
    out = {}
    for key, value in plan.items():
        out[key] = value
        if key == "summary":
            out["changelog"] = [entry]
    return out if "changelog" in out else {**plan, "changelog": [entry]}
