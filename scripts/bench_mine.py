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
Then a case of following a plan (--reviews, --review-measures): 5,000 measures of one's own with
statuses and due dates, and 50 回顾 recorded through WP.reviews (20 ticks changed and one measure
reworded between any two), measuring:
- saved: the characters localStorage holds (keys and values), those of the reviews, and room: how
  many more characters this origin's storage took before it refused (Chromium's quota, counted);
- first: until the first sections show with the whole progress; overview: until the overview
  shows the counts of every measure;
- list: 回顾 pressed until the list of reviews is drawn; compare: 比较两次回顾 (the two newest);
  record: 保存回顾 (one more review); each the handler, synchronous;
- tick: a tick's handler and until the next frame, with the overview live; recount: the overview's
  own work once the ticking pauses (WP.summary.now + count + next over every measure).
The baseline (no overview, no reviews) gets the same plan: first and tick only.
Prints a table (ours, then the baseline). Nothing here is part of the test run.
"""
from __future__ import annotations

import argparse
import functools
import os
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


FOLLOW = """n => {
  const parts = [], per = 3, statuses = [undefined, 'doing', undefined, 'paused'];
  for (let i = 0; i * per < n; i++) parts.push({key: 'f' + i, plan: '', section: '', heading: '', title: '第' + i + '节',
    items: [], own: [0, 1, 2].map(j => { const k = i * per + j, d = new Date(Date.UTC(2026, 9, 1) + (k % 120) * 864e5);
      const track = {due: d.toISOString().slice(0, 10)}, st = statuses[k % 4];
      if (st) track.status = st;
      if (k % 7 === 0) track.owner = '负责人' + (k % 13);
      return {key: 'o' + i + 'x' + j, text: '按月复盘网点客户经营情况,记录问题并提出改进措施(' + j + ')。', done: k % 5 === 0, track}; })});
  localStorage.clear();
  const m = WP.mine.open();
  m.read();
  return m.write({header: {name: '测试', unit: '', role: '', from: '', to: '', date: ''}, parts});
}"""
# 50 reviews a week apart, a few statuses moved and one measure reworded between any two (the plan
# saved, as the page would)
REVIEWS = """async count => {
  await WP.load(['review-store', 'summary']);
  const m = WP.mine.open(), st = m.read().state, times = [];
  for (let r = 0; r < count; r++) {
    for (let j = 0; j < 20; j++) { const p = st.parts[(r * 37 + j * 101) % st.parts.length]; p.own[j % 3].done = !p.own[j % 3].done; }
    st.parts[(r * 53) % st.parts.length].own[1].text = '改写过的措施 ' + r;  // the list changes too
    m.write(st);
    const day = new Date(Date.UTC(2026, 0, 1) + r * 7 * 864e5).toISOString().slice(0, 10);
    const t = performance.now(), got = WP.reviews.record(WP.summary.now(st, {}, {}, day), {done: '第' + r + '次回顾', problems: '', next: ''});
    times.push(performance.now() - t);
    if (got.problem) throw new Error('review ' + r + ': ' + got.problem);
  }
  return times;
}"""
STORED = """() => { let all = 0, rev = 0;
  for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i), n = k.length + localStorage.getItem(k).length;
    all += n; if (k.startsWith('wp:v1:review:')) rev += n; }
  return [all, rev]; }"""
# how many more characters fit: the largest filler string storage still takes (then removed)
ROOM = """() => { let lo = 0, hi = 16 * 1024 * 1024;
  while (hi - lo > 4096) { const mid = (lo + hi) >> 1;
    try { localStorage.setItem('bench:room', 'x'.repeat(mid)); localStorage.removeItem('bench:room'); lo = mid; } catch (e) { hi = mid; } }
  return lo; }"""
# the first sections with the progress counting every measure (whatever is ticked)
FIRST_ALL = """total => { const p = document.querySelector('.wp-progress-text');
  return document.querySelector('.wp-part') && p && p.textContent.endsWith('/' + total) &&
    (window.__first = window.__first || performance.now()); }"""
OVERVIEW = """n => { const t = document.querySelector('.wp-overview [data-count=todo] .wp-ov-n');
  if (!t) return false;
  const sum = ['todo', 'doing', 'done', 'paused'].reduce((a, k) => a + +document.querySelector('.wp-overview [data-count=' + k + '] .wp-ov-n').textContent, 0);
  return sum === n && (window.__overview = window.__overview || performance.now()); }"""
# one press of a review control, the handler timed (synchronous: the list, the view are drawn in it)
PRESS = """([what, runs]) => { const times = [];
  for (let r = 0; r < runs; r++) {
    const panel = document.querySelector('#wp-review'), open = document.querySelector('[data-review=open]');
    let t;
    if (what === 'list') { if (!panel.hidden) open.click(); t = performance.now(); open.click(); }
    else if (what === 'compare') { t = performance.now(); panel.querySelector('.wp-review-compare').requestSubmit(); }
    else { document.querySelector('#wp-review-done').value = '基准 ' + r; t = performance.now(); panel.querySelector('.wp-review-form').requestSubmit(); }
    times.push(performance.now() - t);
  }
  return times; }"""
RECOUNT = """runs => { const st = WP.mine.open().read().state, times = [];
  for (let r = 0; r < runs; r++) { const t = performance.now(), s = WP.summary.now(st, {}, {}, WP.tracking.today());
    WP.summary.count(s); WP.summary.next(s, 5); times.push(performance.now() - t); }
  return times; }"""


def measure_follow(page, url, args):
    """The following case on one site: a row of figures (None where not measured)."""
    page.on("pageerror", lambda e: print("page error:", e, file=sys.stderr))
    page.goto(url + "mine.html")
    sections = -(-args.review_measures // 3)
    n = 3 * sections  # three measures a section
    assert page.evaluate(FOLLOW, n) == "", "storage refused the records"
    ours = page.evaluate("!!document.querySelector('.wp-overview')")
    made = median(page.evaluate(REVIEWS, args.reviews)) if ours else None
    stored, reviews = page.evaluate(STORED)
    room = page.evaluate(ROOM)
    page.reload(wait_until="commit")
    page.wait_for_function(FIRST_ALL, arg=n, timeout=args.page_limit * 1000, polling="raf")
    first = page.evaluate("window.__first")
    overview = list_ms = compare = record = recount = None
    if ours:
        page.wait_for_function(OVERVIEW, arg=n, timeout=args.page_limit * 1000, polling="raf")
        overview = page.evaluate("window.__overview")
    page.wait_for_function(ALL, arg=sections, timeout=args.page_limit * 1000, polling="raf")
    tick = page.evaluate(ACT, [args.runs, "tick"])
    if ours:
        recount = median(page.evaluate(RECOUNT, args.runs))
        list_ms = median(page.evaluate(PRESS, ["list", args.runs]))
        compare = median(page.evaluate(PRESS, ["compare", args.runs]))
        record = median(page.evaluate(PRESS, ["record", 3]))
    return [n, args.reviews if ours else 0, stored, reviews, room, made, first, overview, list_ms, compare, record,
            median(tick[0]), median(tick[1]), recount]


def follow_table(rows, commits, limit):
    head = ["measures", "reviews", "saved chars", "of reviews", "room left", "review ms", "first ms", "overview",
            "list ms", "compare ms", "record ms", "tick ms", "tick+frame", "recount ms"]
    for name, row in rows.items():
        print(f"{name} ({commits[name]}), following a plan")
        print(" ".join(f"{h:>12}" for h in head))
        cells = [f"{row[0]:>12}", f"{row[1]:>12}", f"{row[2]:>12,}", f"{row[3]:>12,}", f"{row[4]:>12,}"]
        cells += ["{:>12}".format("—") if v is None else f"{v:>12.1f}" for v in row[5:]]
        print(" ".join(cells))


def build_site(project: Path, dest: Path) -> Path:
    # the project's own code first: the installed package may point at another checkout
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(project)] + [p for p in [os.environ.get("PYTHONPATH")] if p])}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(dest)], cwd=project, check=True, env=env)
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
    ap.add_argument("--reviews", type=int, default=50, help="reviews in the following case (0: no such case)")
    ap.add_argument("--review-measures", type=int, default=5000, help="measures in the following case")
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
            for n in (int(s) for s in args.sizes.split(",") if s):
                for name, (url, _) in servers.items():  # ours and the baseline, one after the other
                    context = browser.new_context()
                    rows[name].append(measure(context.new_page(), url, n, args))
                    context.close()
            follow = {}
            for name, (url, _) in servers.items() if args.reviews else ():
                context = browser.new_context()
                follow[name] = measure_follow(context.new_page(), url, args)
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
    if follow:
        follow_table(follow, commits, args.page_limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
