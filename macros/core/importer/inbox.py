"""data/inbox/: articles dropped by editors, converted to drafts for the preview page.

Each .docx / .txt / .md in data/inbox/ is imported; its drafts are written to
data/inbox/drafts/<id>.yml (git-ignored, never read by the build: the site reads data/plans/ only)
and checked by the validator. A draft file is rewritten only when its text changes, so that the
file watcher of `mkdocs serve` (which watches data/) does not rebuild forever.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError
from ..loader import load_plan, shown_path
from ..model import Plan
from . import ImportFailure, import_source
from .report import WrittenDraft, as_dict
from .write import notes_by_path, validate
from .yaml_out import dump

SOURCES = (".docx", ".txt", ".md")
INBOX = "inbox"
DRAFTS = "drafts"
HEADER = "# yaml-language-server: $schema=../../schema/plan.schema.json\n"


@dataclass
class InboxEntry:
    source: str                      # the file's name in data/inbox/
    error: str = ""                  # why it could not be imported (nothing written)
    report: dict = field(default_factory=dict)
    plans: list[Plan] = field(default_factory=list)   # the drafts that passed the validator


def sources(data_dir: Path) -> list[Path]:
    folder = data_dir / INBOX
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SOURCES and not p.name.startswith(("~$", ".")))\
        if folder.is_dir() else []


def convert_inbox(data_dir: Path) -> list[InboxEntry]:
    """Import every article in data/inbox/ and write its drafts; one entry per article."""
    entries = []
    taken: set[str] = set()
    for path in sources(data_dir):
        entry = InboxEntry(path.name)
        try:
            result = import_source(path)
        except ImportFailure as exc:
            entry.error = str(exc)
            entries.append(entry)
            continue
        written = []
        for draft in result.drafts:
            base, n = draft.plan_id, 2
            while draft.plan_id in taken:
                draft.plan_id, n = f"{base}-{n}", n + 1
            draft.data["id"] = draft.plan_id
            taken.add(draft.plan_id)
            target = data_dir / INBOX / DRAFTS / f"{draft.plan_id}.yml"
            _write_if_changed(target, dump(draft.data, notes_by_path(draft), HEADER))
            written.append(WrittenDraft(draft, shown_path(target, data_dir), validate(target, data_dir)))
            if not written[-1].problems:
                try:
                    entry.plans.append(load_plan(target, data_dir))
                except DataError:  # pragma: no cover - validate() said it loads
                    pass
        entry.report = as_dict(result, written)
        entries.append(entry)
    return entries


def _write_if_changed(path: Path, text: str) -> None:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
