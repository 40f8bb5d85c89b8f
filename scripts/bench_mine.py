"""How 我的计划 scales: saved records, the page's first render, a tick and an edit, in Chromium,
against a baseline commit measured in the same run.

    .venv/bin/python scripts/bench_mine.py [--sizes 50,1000,2000,5000] [--runs 9] [--baseline main]

Builds the site (and the baseline commit's site, from `git archive`, with the same Python) into a
temporary folder, serves each on 127.0.0.1, fills 我的计划 with N sections of one's own (three own
measures each, ~40 characters a measure, the first ticked) and measures, in the page:
- read: WP.mine.open().read(), every record parsed and checked (median of --runs);
- edit: one section renamed and saved, WP.mine.write(state) comparing every section (median of --runs);
- named: the same with the section named, WP.mine.write(state, [key]);
- first: from navigation until the list shows its first sections with the progress (已完成 n/m)
  counting all N; all: until every section is on the page (once each; given up after --page-limit
  seconds);
- tick: ticking (and unticking) a measure of the middle section on the page: the click's handler
  (saving included), and until the next frame is drawn (median of --runs);
- add: a measure added to the middle section on the page (typed into 添加自己的措施, Enter): the
  handler, and until the next frame (median of --runs).
Prints a table (ours, then the baseline). Nothing here is part of the test run.
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


FIRST = """n => { const p = document.querySelector('.wp-progress-text');
  return document.querySelector('.wp-part') && p && p.textContent === '已完成 ' + n + '/' + 3 * n &&
    (window.__first = window.__first || performance.now()); }"""
ALL = """n => document.querySelectorAll('.wp-part').length === n && (window.__all = window.__all || performance.now())"""
# one UI action on the middle section, timed: the handler alone, and until the next frame is drawn.
# add: a measure typed into the section's 添加自己的措施 box and Enter pressed (a form's submit where
# the box is in a form, the key itself where the page handles it)
ACT = """async ([runs, what]) => {
  const parts = document.querySelectorAll('.wp-part'), mid = Math.floor(parts.length / 2), sync = [], frame = [];
  for (let r = 0; r < runs; r++) {
    const part = document.querySelectorAll('.wp-part')[mid], box = part.querySelectorAll('input.wp-check')[1];
    const input = part.querySelector('.wp-add-own input'), form = input.closest('form');
    if (what === 'add') input.value = '新措施 ' + r;
    const t = performance.now();
    if (what === 'tick') box.click();
    else if (form) form.requestSubmit();
    else input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true, cancelable: true}));
    sync.push(performance.now() - t);
    await new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
    frame.push(performance.now() - t);
  }
  return [sync, frame];
}"""


def shown_after(page, n, limit):
    """ms from navigation until the first sections show with the whole progress, and until all n
    sections are on the page; None past limit seconds."""
    page.reload(wait_until="commit")
    out = []
    for js in (FIRST, ALL):
        try:
            page.wait_for_function(js, arg=n, timeout=limit * 1000, polling="raf")
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError: too slow to wait for
            return out + [None] * (2 - len(out))
        out.append(page.evaluate("[window.__first, window.__all]")[len(out)])
    return out


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


def measure(page, url, n, args):
    """One site, one size: a row of figures (None where the page was too slow to wait for)."""
    page.on("pageerror", lambda e: print("page error:", e, file=sys.stderr))
    page.goto(url + "mine.html")
    assert page.evaluate(FILL, n) == "", "storage refused the records"
    raw = page.evaluate("JSON.stringify(Object.entries(localStorage)).length")
    read, count = page.evaluate(READ, args.runs)
    assert count == n, (count, n)
    edit = median(page.evaluate(EDIT, [args.runs, False]))
    named = median(page.evaluate(EDIT, [args.runs, True]))
    page.evaluate(FILL, n)  # as it was: the page reloads from here
    first, shown = shown_after(page, n, args.page_limit)
    acts = [None] * 4
    if shown is not None:
        tick, add = page.evaluate(ACT, [args.runs, "tick"]), page.evaluate(ACT, [args.runs, "add"])
        added = page.evaluate("() => { const p = document.querySelectorAll('.wp-part'); "
                              "return p[Math.floor(p.length / 2)].querySelectorAll('.wp-entry').length; }")
        assert added == 3 + args.runs, (url, added)  # every measure was added
        acts = [median(tick[0]), median(tick[1]), median(add[0]), median(add[1])]
    return [n, raw, median(read), edit, named, first, shown, *acts]


def build_site(project: Path, dest: Path) -> Path:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(dest)], cwd=project, check=True)
    return dest


def baseline_project(ref: str, dest: Path) -> Path:
    """The project as it is at ref, unpacked (git archive: no checkout, no worktree)."""
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def git(*args) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def fmt(v, spec, limit):
    return f"{'>' + str(limit * 1000):>9}" if v is None else format(v, spec)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="50,1000,2000,5000")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--page-limit", type=int, default=60, help="seconds to wait for the page")
    ap.add_argument("--baseline", default="main", help="a commit to measure beside this tree ('' for none)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        sites = {"ours": build_site(ROOT, Path(tmp) / "site")}
        commits = {"ours": git("rev-parse", "--short", "HEAD") + (", with uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else "")}
        if args.baseline:
            commits[args.baseline] = git("rev-parse", "--short", args.baseline)  # fixed now: the branch may move
            sites[args.baseline] = build_site(baseline_project(commits[args.baseline], Path(tmp) / "base"), Path(tmp) / "base-site")
        servers = {name: serve(folder) for name, folder in sites.items()}
        rows = {name: [] for name in sites}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium")
            for n in (int(s) for s in args.sizes.split(",")):
                for name, (url, _) in servers.items():  # ours and the baseline, one after the other
                    context = browser.new_context()
                    rows[name].append(measure(context.new_page(), url, n, args))
                    context.close()
            browser.close()
        for _, server in servers.values():
            server.shutdown()
    head = ["sections", "saved", "read ms", "edit ms", "named ms", "first ms", "all ms",
            "tick ms", "tick+frame", "add ms", "add+frame"]
    for name, table in rows.items():
        print(f"{name} ({commits[name]})")
        print(" ".join(f"{h:>12}" for h in head))
        for n, raw, read, edit, named, first, shown, *acts in table:
            cells = [f"{n:>12}", f"{raw:>12,}", f"{read:>12.1f}", f"{edit:>12.2f}", f"{named:>12.2f}",
                     fmt(first, ">12.0f", args.page_limit), fmt(shown, ">12.0f", args.page_limit)]
            cells += [fmt(a, ">12.2f", args.page_limit) for a in acts]
            print(" ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
