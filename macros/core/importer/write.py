"""Drafts → YAML files, each checked by the project's own validator (loader.load_plan) after writing.

Nothing is written when the source could not be imported (ImportFailure) or a target file exists
(an existing plan is changed only through --update).
"""
from __future__ import annotations

from pathlib import Path

from ..errors import DataError
from ..loader import load_plan
from . import Draft, ImportFailure
from .report import WrittenDraft
from .yaml_out import HEADER, dump


def notes_by_path(draft: Draft) -> dict[tuple, list[str]]:
    notes: dict[tuple, list[str]] = {}
    for note in draft.notes:
        notes.setdefault(note.path, []).append(f"{note.message}(原文{note.where})" if note.where else note.message)
    return notes


def targets(drafts: list[Draft], output: Path | None, plans_dir: Path) -> list[Path]:
    if output is None:
        return [plans_dir / f"{d.plan_id}.yml" for d in drafts]
    if len(drafts) == 1 and output.suffix in (".yml", ".yaml"):
        return [output]
    if output.suffix in (".yml", ".yaml"):
        raise ImportFailure(f"文章里有 {len(drafts)} 篇计划,-o 请给一个文件夹(每篇一个文件),而不是 {output.name}。")
    return [output / f"{d.plan_id}.yml" for d in drafts]


def write_drafts(drafts: list[Draft], output: Path | None, data_dir: Path, shown, overwrite: bool = False) -> list[WrittenDraft]:
    paths = targets(drafts, output, data_dir / "plans")
    existing = [p for p in paths if p.exists() and not overwrite]
    if existing:
        raise ImportFailure("文件已存在,没有覆盖:" + "、".join(shown(p) for p in existing)
                            + "。更新已有计划请用 --update 文件,另存请用 -o 指定新文件名。")
    texts = [dump(d.data, notes_by_path(d), HEADER) for d in drafts]
    written = []
    for draft, path, text in zip(drafts, paths, texts):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(WrittenDraft(draft, shown(path), validate(path, data_dir)))
    return written


def validate(path: Path, data_dir: Path) -> list[str]:
    try:
        load_plan(path, data_dir)
    except DataError as exc:
        return [str(p) for p in exc.problems]
    return []
