"""Check data files without building the site: python -m macros.validate [FILE ...]

Without arguments checks the whole data/ folder (collection, plans, cross-checks).
With files, reports the problems of those files, cross-checks included (an unknown topic, a
`related:` pointing nowhere), exactly as the build would see them.
Exit code 0 when the checked files are valid, 1 with a list of problems otherwise.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .errors import DataError
from .loader import load_collection, load_plan, shown_path

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def _problems(argv: list[str]) -> list:
    """Problems of the named files (all files when none are named)."""
    try:
        collection = load_collection(DATA_DIR)
    except DataError as exc:
        found = exc.problems
    else:
        print(f"共 {len(collection.plans)} 个计划 (plans): " + "、".join(p.id for p in collection.plans))
        found = []
    if not argv:
        return found
    problems = []
    for name in argv:
        path = Path(name).resolve()
        if not path.is_file():
            raise FileNotFoundError(name)
        if path.parent == (DATA_DIR / "plans").resolve():
            problems += [p for p in found if p.file == shown_path(path, DATA_DIR)]
        else:  # a draft outside data/plans: its own structure only; cross-checks need it in data/plans
            try:
                load_plan(path, DATA_DIR)
            except DataError as exc:
                problems += exc.problems
            print(f"{name}: 不在 data/plans/ 中,只检查了文件本身 (cross-file checks skipped)")
    return problems


def main(argv: list[str]) -> int:
    try:
        problems = _problems(argv)
    except FileNotFoundError as exc:
        print(f"找不到文件 (file not found): {exc}", file=sys.stderr)
        return 1
    if problems:
        print(DataError(problems), file=sys.stderr)
        return 1
    print("数据检查通过 (data valid)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
