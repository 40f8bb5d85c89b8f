"""A plan's change log (`changelog:` in data/plans/<id>.yml): checked against the plan as it is now.

The schema (data/schema/plan.schema.json) checks the shape: a YYYY-MM-DD date, a summary that is
not empty, a kind of added / removed / reworded / moved and an id. What a schema cannot see is
checked here, each problem naming the file and the field path:

- the date is a real day (no 2026-02-30) and not after the day of the build;
- entries stand newest first (the order the pages show them in);
- an id that was added, reworded or moved is a section, measure or target the plan has now, and a
  removed id is one it no longer has. History counts: an id removed by a newer entry may be named
  by an older one, and an id added again by a newer entry may have been removed before.
"""
from __future__ import annotations

import datetime
from typing import Iterable, NamedTuple

from .errors import Problem
from .model import Change, ChangeEntry, Collection, Plan


def entries(raw: list[dict]) -> tuple[ChangeEntry, ...]:
    """Schema-valid `changelog:` data as model objects, in the file's order."""
    return tuple(ChangeEntry(e["date"], e["summary"],
                             tuple(Change(c["kind"], c["id"], c.get("title", "")) for c in e["changes"]))
                 for e in raw)


def problems(plan: Plan, taken: Iterable[str], today: datetime.date | None = None) -> list[Problem]:
    """Everything wrong with the plan's change log. `taken`: every id the plan uses now (sections,
    measures, targets, fields, aliases), which a removed id must not be."""
    today = today or datetime.date.today()
    taken = set(taken)
    out: list[Problem] = []
    newer_date = None
    gone: set[str] = set()  # removed by a newer entry
    back: set[str] = set()  # added by a newer entry
    for i, entry in enumerate(plan.changelog):
        path = f"changelog[{i}]"
        day = _day(entry.date)
        if day is None:
            out.append(Problem(plan.source, f"{path}.date", f"日期 “{entry.date}” 不存在 (no such day)"))
        elif day > today:
            out.append(Problem(plan.source, f"{path}.date",
                               f"日期 “{entry.date}” 晚于今天 {today.isoformat()},更新记录只记已经发布的修改 (date in the future)"))
        elif newer_date and day > newer_date:
            out.append(Problem(plan.source, f"{path}.date",
                               f"日期 “{entry.date}” 比上一条的 {newer_date.isoformat()} 新,更新记录要按日期从新到旧排列 (entries newest first)"))
        newer_date = day or newer_date
        for j, change in enumerate(entry.changes):
            message = _id_problem(plan, change, taken, gone, back)
            if message:
                out.append(Problem(plan.source, f"{path}.changes[{j}].id", message))
        gone |= {c.id for c in entry.changes if c.kind == "removed"}
        back |= {c.id for c in entry.changes if c.kind == "added"}
    return out


def _day(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def _id_problem(plan: Plan, change: Change, taken: set[str], gone: set[str], back: set[str]) -> str:
    if change.kind == "removed":
        if change.id in taken and change.id not in back:
            return f"id “{change.id}” 记为删除(removed),但计划中仍有这个 id (removed id still in the plan)"
        return ""
    if change.id not in plan.anchors and change.id not in gone:
        return (f"id “{change.id}” 记为{change.verb}({change.kind}),但计划中没有这个章节、措施或目标"
                " (unknown id)")
    return ""


class SiteEntry(NamedTuple):
    """One entry of the site-wide 更新记录 page: the plan it belongs to and the entry."""
    plan: Plan
    entry: ChangeEntry


def site_entries(collection: Collection) -> list[SiteEntry]:
    """Every plan's entries, newest first; on one day in the plans' reading order, and within a
    plan in the order of its file (newest first)."""
    found = [(entry.date, plan.order, n, SiteEntry(plan, entry))
             for plan in collection.plans for n, entry in enumerate(plan.changelog)]
    found.sort(key=lambda row: (_neg(row[0]), row[1], row[2]))
    return [row[3] for row in found]


def _neg(date: str) -> tuple[int, ...]:
    return tuple(-int(part) for part in date.split("-"))
