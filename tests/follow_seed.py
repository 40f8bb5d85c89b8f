"""A 我的计划 with statuses, deadlines and figures, written through the site's own storage modules,
for the overview and review tests (tests/test_overview.py, tests/test_reviews.py)."""
from __future__ import annotations

#: the measures of one's own the seed writes: key, words, ticked, follow-up (tracking.js's shape)
OWN = [
    ("a1", "走访重点客户十户", False, {"status": "doing", "due": "2026-10-20"}),
    ("a2", "整理客户档案", True, {"due": "2026-10-01"}),
    ("a3", "参加合规培训", False, {"due": "2026-11-05", "owner": "李四"}),
    ("a4", "暂缓的事", False, {"status": "paused", "due": "2026-09-01"}),
    ("a5", "完成季度营销方案", False, {"due": "2026-12-31"}),
    ("a6", "复盘存款结构", False, {"status": "doing", "due": "2026-11-20"}),
    ("a7", "没有截止日期的事", False, None),
]
PLAN = "relationship-manager"
TARGET = "deposit-growth"  # a number field of that plan: 新增日均存款 (万元)

SEED = """async ([own, plan, target]) => {
  const d = await WP.data.loadPlan(plan);
  const m = WP.mine.open(), st = m.read().state;
  const sec = d.sections.find(s => s.measures && s.measures.items.length >= 2);
  WP.mine.add(st, d, WP.plandoc.find(d, sec.id));
  st.parts.push({key: 'own1', plan: '', section: '', heading: '', title: '自己的章节', items: [],
    own: own.map(([key, text, done, track]) => track ? {key, text, done, track} : {key, text, done})});
  if (m.write(st)) throw new Error('not saved');
  const s = WP.store.open(plan), rec = s.read(), ids = sec.measures.items.map(it => it.id);
  rec.items[ids[0]] = true;                                     // 已完成
  rec.track[ids[1]] = {status: 'doing', due: '2026-10-10'};     // 进行中, due before the clock's day
  rec.fields[target] = '1000';
  rec.actual[target + '/2026-10-01'] = 120;
  rec.actual[target + '/2026-10-31'] = 320;
  if (s.write(rec)) throw new Error('not saved');
  return ids;
}"""


def seed(page, base_url):
    """Fills 我的计划 (one picked section of the relationship manager's plan, one of one's own) and
    returns the picked measures' ids; the page is left on 我的计划, reloaded."""
    page.goto(base_url + "mine.html")
    ids = page.evaluate(SEED, [[list(o) for o in OWN], PLAN, TARGET])
    page.reload()
    return ids


#: set the page's clock (local time) before the first navigation
def clock(page, day):
    page.clock.set_fixed_time(day + "T10:00:00")
