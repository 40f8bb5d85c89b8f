"""ARCHITECTURE.md matches the code: every path its feature table names exists, and every source file
of the project is named there (as itself or as a folder ending in /)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = re.compile(r"^(macros/.+\.(py|j2|json|yml)|docs/.+\.(md|js|css)|overrides/.+|data/.+|scripts/.+|tests/[^/]+\.(py|yml)"
                    r"|\.ci/run|pyproject\.toml|requirements[^/]*\.lock)$")
#: what belongs to no feature: the project's own documents and editor files
NOT_FEATURES: set[str] = set()


def table_paths() -> list[str]:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = text.split("## 功能 → 文件", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "`" in line]
    return [path for row in rows for path in re.findall(r"`([^`\s]+)`", row.split("|")[2])]


def tracked() -> list[str]:
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    return sorted(p for p in out.splitlines() if SOURCE.match(p) and (ROOT / p).exists())


def test_every_named_path_exists():
    missing = [p for p in table_paths() if not (ROOT / p).exists()]
    assert missing == [], f"ARCHITECTURE.md 中的路径不存在 (paths that do not exist): {missing}"


def test_every_source_file_belongs_to_a_feature():
    named = table_paths()
    folders = tuple(p for p in named if p.endswith("/"))
    orphans = [p for p in tracked() if p not in named and not p.startswith(folders) and p not in NOT_FEATURES]
    assert orphans == [], ("这些文件不属于 ARCHITECTURE.md 中的任何功能,请在功能表中登记 "
                           f"(files in no feature row): {orphans}")
