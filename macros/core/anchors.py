"""Published anchors: the deep links trainers use must never disappear silently.

data/published-anchors.txt lists every page and anchor ever published, one
`page#anchor` per line (page = source path without .md, e.g. plans/teller#skills).
Lines are only ever added. A test checks each one still resolves in the built site;
a renamed id keeps working when its old id is listed under `aliases:` in the data.

    python -m macros.anchors            show anchors not yet in the list
    python -m macros.anchors --update   append them to the list
"""
from __future__ import annotations

import sys
from pathlib import Path

from .errors import DataError
from .loader import load_collection
from .model import Collection

ROOT = Path(__file__).resolve().parents[2]
LIST = ROOT / "data" / "published-anchors.txt"
HEADER = ("# 已发布的页面锚点:培训材料中的链接依赖它们。只增不删;改名时在数据里用 aliases 保留旧 id。\n"
          "# Published page anchors (page#anchor). Append-only; update with: python -m macros.anchors --update\n")


def current_anchors(collection: Collection) -> list[str]:
    """Every page and anchor the data produces now, in a stable order."""
    out = ["index"]
    for plan in collection.plans:
        page = f"plans/{plan.id}"
        out.append(page)
        for section in plan.sections():
            out += [f"{page}#{section.id}", *(f"{page}#{a}" for a in section.aliases)]
            out += [f"{page}#{t.id}" for t in section.targets]
        for item in plan.items():
            out += [f"{page}#{item.id}", *(f"{page}#{a}" for a in item.aliases)]
        if plan.body.id:
            out.append(f"{page}#{plan.body.id}")
    if collection.topics:
        out.append("topics/index")
    out += [f"topics/{t.id}" for t in collection.topics]
    out += [f"tracks/{t.id}" for t in collection.tracks]
    return out


def published(path: Path = LIST) -> list[str]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def main(argv: list[str]) -> int:
    try:
        now = current_anchors(load_collection(ROOT / "data"))
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    known = set(published())
    new = [a for a in now if a not in known]
    if "--update" in argv:
        text = LIST.read_text(encoding="utf-8") if LIST.exists() else HEADER
        LIST.write_text(text + "".join(f"{a}\n" for a in new), encoding="utf-8")
        print(f"已登记 {len(new)} 个新锚点 (added) → {LIST.relative_to(ROOT)}")
    else:
        print("\n".join(new) if new else "没有未登记的锚点 (all anchors published)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
