"""What each speed-only mechanism (macros/speed/) gains: builds with it and without it, side by side.

    .venv/bin/python scripts/speed_gains.py [--sizes 5,500] [--runs 3] [--only nav_memo,...]

For each N, a copy of the project with N plans (as scripts/benchmark.py makes them) is built with
every mechanism on, then, pair by pair, with all on and with one off (`WP_SPEED_OFF`, see
macros/speed/__init__.py), alternating so a drift in the machine's speed lands on both. It prints
the median CPU time (user + system: steadier than wall time on a shared
machine) and peak memory of each side and the gain: how much longer (or larger) the
build is without the mechanism. Each pair runs in a fresh process; caches stay warm as on an
editor's second build. The figures go into BENCHMARKS.md by hand, with the date of the run.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchmark  # noqa: E402  (the same project copies and the same in-process build)

from macros.speed import MECHANISMS  # noqa: E402


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(project: Path, off: str) -> dict:
    """One build in a child process: its wall time and peak memory (benchmark.build_once) and the CPU
    seconds it used, which other work on a shared machine disturbs far less than wall time."""
    saved = dict(benchmark.ENV)
    benchmark.ENV["WP_SPEED_OFF"] = off
    try:
        before = _cpu()
        figures = benchmark.build_once(project, project.parent / "site")
        return {**figures, "cpu": _cpu() - before}
    finally:
        benchmark.ENV.clear()
        benchmark.ENV.update(saved)


def gains(project: Path, runs: int, names: list[str]) -> list[tuple]:
    build(project, "")  # warm-up: bytecode, .cache/
    rows = []
    for name in names:
        on, off = [], []
        for _ in range(runs):
            on.append(build(project, ""))
            off.append(build(project, name))
        t_on, t_off = (statistics.median(x["cpu"] for x in side) for side in (on, off))
        m_on, m_off = (statistics.median(x["maxrss_mb"] for x in side) for side in (on, off))
        rows.append((name, t_on, t_off, (t_off / t_on - 1) * 100, m_on, m_off, (m_off / m_on - 1) * 100))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5,500")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default=",".join(MECHANISMS))
    args = parser.parse_args()
    names = [n for n in args.only.split(",") if n]
    print(f"# {benchmark.machine()}; {args.runs} pairs per mechanism, medians")
    print("| N | mechanism | with (CPU s) | without (CPU s) | time gain | with (MB) | without (MB) | memory gain |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            project = benchmark.ours(Path(tmp) / "project", n)
            for name, t_on, t_off, dt, m_on, m_off, dm in gains(project, args.runs, names):
                print(f"| {n} | {name} | {t_on:.2f} | {t_off:.2f} | {dt:+.1f} % | {m_on:.0f} | {m_off:.0f} | {dm:+.1f} % |",
                      flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
