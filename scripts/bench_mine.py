"""How 我的计划's saved records scale: reading N parts and saving one edit, in Chromium.

    .venv/bin/python scripts/bench_mine.py [--sizes 50,5000] [--runs 9]

Builds the site into a temporary folder, serves it on 127.0.0.1, fills 我的计划 with N sections of
one's own (three own measures each, ~40 characters a measure) and measures, in the page:
- read: WP.mine.open().read(), every record parsed and checked (median of --runs);
- edit: one section renamed and saved, WP.mine.write(state) comparing every section (median of --runs);
- named: the same with the section named, WP.mine.write(state, [key]);
- page: reloading 我的计划 until every section is on the page (once; the page's own rendering),
  given up after --page-limit seconds.
Prints a table. Nothing here is part of the test run.
"""
from __future__ import annotations

import argparse
import functools
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FILL = """n => {
  const parts = [];
  for (let i = 0; i < n; i++) parts.push({key: 'b' + i, plan: '', section: '', heading: '', title: '第' + i + '节',
    items: [], own: [0, 1, 2].map(j => ({key: 'o' + i + 'x' + j, text: '按月复盘网点客户经营情况,记录问题并提出改进措施(' + j + ')。', done: j === 0}))});
  localStorage.clear();
  const m = WP.mine.open();
  m.read();
  return m.write({header: {name: '测试', unit: '', role: '', from: '', to: '', date: ''}, parts});
}"""
READ = """runs => {
  const times = [];
  let count = 0;
  for (let r = 0; r < runs; r++) {
    const t = performance.now(), s = WP.mine.open().read().state;
    times.push(performance.now() - t);
    count = s.parts.length;
  }
  return [times, count];
}"""
EDIT = """([runs, named]) => {
  const m = WP.mine.open(), s = m.read().state, times = [];
  for (let r = 0; r < runs; r++) {
    const part = s.parts[Math.floor(s.parts.length / 2)];
    part.title = '改过的标题 ' + r + named;
    const t = performance.now(), problem = m.write(s, named ? [part.key] : undefined);
    times.push(performance.now() - t);
    if (problem) throw new Error(problem);
  }
  return times;
}"""


def shown_after(page, n, limit):
    """ms from navigation until the page shows all n sections; None past limit seconds."""
    page.reload(wait_until="commit")
    start = page.evaluate("performance.timeOrigin")
    try:
        page.wait_for_function("n => document.querySelectorAll('.wp-part').length === n", arg=n,
                               timeout=limit * 1000, polling=100)
    except Exception:  # noqa: BLE001 - Playwright's TimeoutError: too slow to wait for
        return None
    return page.evaluate("Date.now()") - start


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    handler = functools.partial(Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/", server


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="50,5000")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--page-limit", type=int, default=60, help="seconds to wait for the page")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, check=True)
        url, server = serve(site)
        rows = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium")
            page = browser.new_page()
            for n in (int(s) for s in args.sizes.split(",")):
                page.goto(url + "mine.html")
                assert page.evaluate(FILL, n) == "", "storage refused the records"
                raw = page.evaluate("JSON.stringify(Object.entries(localStorage)).length")
                read, count = page.evaluate(READ, args.runs)
                assert count == n, (count, n)
                edit = page.evaluate(EDIT, [args.runs, False])
                named = page.evaluate(EDIT, [args.runs, True])
                rows.append((n, raw, median(read), median(edit), median(named), shown_after(page, n, args.page_limit)))
            browser.close()
        server.shutdown()
    print(f"{'sections':>9} {'saved':>10} {'read ms':>9} {'edit ms':>9} {'named ms':>9} {'page ms':>9}")
    for n, raw, read, edit, named, shown in rows:
        page = f"{shown:>9.0f}" if shown is not None else f"{'>' + str(args.page_limit * 1000):>9}"
        print(f"{n:>9} {raw:>10,} {read:>9.1f} {edit:>9.2f} {named:>9.2f} {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
