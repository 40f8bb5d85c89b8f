"""What a browser transfers for 我的计划 and two plan pages, and what the follow-up modules weigh
when they are fetched on first use, beside a baseline commit built in the same run.

    .venv/bin/python scripts/bench_transfer.py [--baseline 402b933c]

Sizes are gzip bytes as a server sends them (scripts/benchmark.py's page_transfer: the page, its
CSS and JS, the search worker and index). Nothing here is part of the test run.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_mine import ROOT, baseline_project, build_site, git  # noqa: E402
from benchmark import gz, page_transfer  # noqa: E402

PAGES = {"plan page (teller)": "plans/teller.html", "plan page (relationship-manager)": "plans/relationship-manager.html",
         "我的计划, empty": "mine.html"}
SCRIPTS = ("bundle.js", "page-mine.js")
ON_DEMAND = ("follow.js", "figures.js", "chart.js", "tracking.js", "summary.js", "mine-downloads.js", "summarydoc.js")


def figures(site: Path) -> dict[str, int | None]:
    out: dict[str, int | None] = {name: page_transfer(site, site / path) for name, path in PAGES.items()}
    for name in SCRIPTS + ON_DEMAND:
        file = site / "assets" / "wp" / name
        out[("on first use: " if name in ON_DEMAND else "in the page: ") + name] = gz(file.read_bytes()) if file.is_file() else None
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", default="402b933c", help="the commit to measure beside this tree")
    args = ap.parse_args()
    commit = git("rev-parse", "--short", args.baseline)
    with tempfile.TemporaryDirectory() as tmp:
        ours = figures(build_site(ROOT, Path(tmp) / "ours"))
        base = figures(build_site(baseline_project(commit, Path(tmp) / "base"), Path(tmp) / "base-site"))
    print(f"| gzip bytes | this tree | baseline {commit} |")
    print("| --- | ---: | ---: |")
    for name in ours:
        cells = ["—" if v is None else f"{v:,}" for v in (ours[name], base.get(name))]
        print(f"| {name} | {cells[0]} | {cells[1]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
