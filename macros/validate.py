"""Check data files without building the site: python -m macros.validate [FILE ...]

Without arguments checks the whole data/ folder (collection, plans, cross-checks).
Exit code 0 when everything is valid, 1 with a list of problems otherwise.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .errors import DataError
from .loader import load_collection, load_plan

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def main(argv: list[str]) -> int:
    try:
        if argv:
            for name in argv:
                load_plan(Path(name).resolve(), DATA_DIR)
        else:
            collection = load_collection(DATA_DIR)
            print(f"共 {len(collection.plans)} 个计划 (plans): " + "、".join(p.id for p in collection.plans))
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    print("数据检查通过 (data valid)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
