"""python -m macros.import_plan SOURCE [--id ID] [-o FILE] [--update data/plans/ID.yml]

Reads a .docx, .txt or .md plan article and writes plan YAML drafts (one per 篇), each checked by
the validator; prints the report (待确认, 未导入). Exit code 0 when every draft is valid, 1 when a
draft needs the editor (the 待确认 places), 2 when nothing could be written (the message says why).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from ..loader import shown_path
from . import ImportFailure, import_source
from .report import as_text
from .write import write_drafts

DATA_DIR = Path(__file__).resolve().parents[3] / "data"
ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m macros.import_plan",
                                description="把一篇工作计划文章(.docx / .txt / .md)转换成计划 YAML 草稿")
    p.add_argument("source", type=Path, help="文章文件:.docx、.txt 或 .md")
    p.add_argument("--id", dest="plan_id", help="计划 id(小写英文、数字和连字符,如 loan-officer);默认取文件名")
    p.add_argument("-o", "--output", type=Path, help="写到这个 .yml 文件(多篇时为文件夹);默认 data/plans/<id>.yml")
    p.add_argument("--update", type=Path, metavar="PLAN_YML",
                   help="用修订后的文章更新已有计划:未改动的措施保留原 id")
    return p


def existing_orders(data_dir: Path) -> set[int]:
    """The orders the plans in data/plans/ already use: a new draft takes a free one."""
    orders = set()
    for path in (data_dir / "plans").glob("*.yml"):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and isinstance(data.get("order"), int):
            orders.add(data["order"])
    return orders


def main(argv: list[str] | None = None, data_dir: Path = DATA_DIR) -> int:
    args = parser().parse_args(argv)
    if args.plan_id and not ID.match(args.plan_id):
        print(f"无法导入:--id “{args.plan_id}” 不是合法的 id(只能用小写英文字母、数字和连字符,字母开头)。", file=sys.stderr)
        return 2
    def shown(path: Path) -> str:
        return shown_path(path, data_dir)

    try:
        if args.update:
            from .merge import update_plan
            return update_plan(args.source, args.update, data_dir, shown)
        plan_id = args.plan_id
        if not plan_id and args.output and args.output.suffix in (".yml", ".yaml"):
            plan_id = args.output.stem  # the validator wants id == file name
        result = import_source(args.source, plan_id, existing_orders(data_dir))
        written = write_drafts(result.drafts, args.output, data_dir, shown)
    except ImportFailure as exc:
        print(f"无法导入:{exc}\n没有写出任何文件。", file=sys.stderr)
        return 2
    print(as_text(result, written))
    return 1 if any(w.problems for w in written) else 0


if __name__ == "__main__":
    sys.exit(main())
