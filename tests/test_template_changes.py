"""模板已更新 in 我的计划 (template-changes.js, mine-changes.js), in Chromium: one site as it was when
the person picked a section, ticked, filled in, followed up and adapted a wording; one after the
template gained a measure in that section, reworded one (with a change log entry) and another (with
none), and deleted one; both served from one origin (one localStorage). The part says what changed,
shows each difference and lets the person take or leave each; ticks, values, follow-ups and an
adapted wording are never changed without the person's choice; once everything is decided the
notice goes for good. A part picked after the change has nothing to decide."""
from __future__ import annotations

import json

import pytest
import yaml
from playwright.sync_api import expect

from support import ROOT, build, copy_project, edit_plan, serve, storage_items

pytestmark = pytest.mark.browser

PLAN, SECTION = "teller", "skills-basics"
R1, R2 = "skills-basics-daily-review", "skills-basics-weekly-online"      # reworded: logged / not logged
DEL, KEPT = "skills-basics-mistake-notebook", "skills-basics-training-contests"
NEW = "skills-basics-peer-quiz"
NEW_TEXT = "每周与同批入职的同事互相出题抽考一次,记录答错的题目。"
R1_NEW = "每日下班后用半小时复盘当日接触到的业务规程,并把疑问记下来次日请教导师。"
R2_NEW = "每周至少完成两次线上学习平台的课程学习和自测。"
ADAPTED = "每周一次线上课程,我按自己的节奏安排"
FIELD = {"id": "contest-count", "label": "参赛次数", "placeholder": "XX", "unit": "次", "kind": "number"}
DAY, FIRST = "2026-12-01", "2026-11-27"
CONTEXT = dict(permissions=["clipboard-read", "clipboard-write"], accept_downloads=True)


def _items(data):
    for unit in data["body"]["sections"]:
        for s in unit.get("sections", []):
            if s["id"] == SECTION:
                return s["measures"]["items"]
    raise AssertionError(SECTION)


def _words(data, item_id):
    return next(it["text"] for it in _items(data) if it["id"] == item_id)


ORIGINAL = yaml.safe_load((ROOT / "data" / "plans" / f"{PLAN}.yml").read_text(encoding="utf-8"))
R1_OLD, DEL_TEXT = _words(ORIGINAL, R1), _words(ORIGINAL, DEL)


def _before(data):
    """A fill-in field in the measure that stays as it is."""
    kept = next(it for it in _items(data) if it["id"] == KEPT)
    kept["text"] = kept["text"].rstrip("。") + ",全年参加[[contest-count]]次。"
    data["fields"] = list(data.get("fields") or []) + [FIELD]


def _after(data):
    """NEW added, R1 and R2 reworded, DEL deleted; the change log names all but R2."""
    items = _items(data)
    for it in items:
        if it["id"] == R1:
            it["text"] = R1_NEW
        if it["id"] == R2:
            it["text"] = R2_NEW
    items[:] = [it for it in items if it["id"] != DEL] + [{"id": NEW, "text": NEW_TEXT}]
    data["changelog"].insert(0, {"date": DAY, "summary": "补充一项措施,改写一项,删去一项", "changes": [
        {"kind": "added", "id": NEW}, {"kind": "reworded", "id": R1},
        {"kind": "removed", "id": DEL, "title": DEL_TEXT}]})


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    top = tmp_path_factory.mktemp("changes")
    root = top / "root"
    root.mkdir()
    project = copy_project(top / "project")
    edit_plan(project, PLAN, _before)
    result = build(project, root / "old")
    assert result.returncode == 0, result.stdout + result.stderr
    edit_plan(project, PLAN, _after)
    result = build(project, root / "new")
    assert result.returncode == 0, result.stdout + result.stderr
    url, server = serve(root)
    yield url
    server.shutdown()
    server.server_close()


def _pick(page, url):
    """On the template as it was: the section picked, R1 and DEL ticked, a value, a follow-up, R2 adapted."""
    page.goto(url + f"old/plans/{PLAN}.html")
    button = page.locator(f"[data-section='{SECTION}'] .wp-pick")
    button.click()
    expect(button).to_have_text("移出我的计划")
    page.check(f"#wp-check-{R1}")
    page.check(f"#wp-check-{DEL}")
    page.fill("input.wp-input[data-field='contest-count']", "6")
    expect(page.locator(".wp-tools--plan .wp-note")).to_contain_text("已自动保存")
    page.evaluate("""([plan, id]) => { const st = WP.store.open(plan), r = st.read();
      r.track = Object.assign({}, r.track, {[id]: {status: 'doing', owner: '张三'}});
      if (st.write(r)) throw new Error('not saved'); }""", [PLAN, DEL])
    page.goto(url + "old/mine.html")
    expect(page.locator(".wp-part")).to_have_count(1)
    page.evaluate("""([id, words]) => { const m = WP.mine.open(), st = m.read().state;
      st.parts[0].items.forEach(it => { if (it.id === id) it.edit = words; });
      if (m.write(st)) throw new Error('not saved'); }""", [R2, ADAPTED])


def _part_record(page):
    items = storage_items(page)
    key = next(k for k in items if k.startswith("wp:v1:mine:part:"))
    raw = json.loads(items[key])
    return {p: e["value"] for p, e in raw["entries"].items() if not e.get("deleted")}


def _plan_record(page):
    raw = json.loads(storage_items(page)["wp:v1:" + PLAN])
    return {p: e["value"] for p, e in raw["entries"].items() if not e.get("deleted")}


def _row(notice, kind, item_id):
    return notice.locator(f".wp-change[data-kind={kind}][data-id='{item_id}']")


def _open(page, url):
    page.goto(url + "new/mine.html")
    notice = page.locator(".wp-part .wp-changes")
    expect(notice.locator("summary")).to_contain_text(f"模板已更新({DAY}):新增 1 项,改写 2 项,删除 1 项")
    notice.locator("summary").click()
    return notice


def _kept_as_they_were(page):
    """Ticks, the value and the follow-up as the person left them."""
    rec = _plan_record(page)
    assert rec.get(f"items/{R1}") is True and rec.get(f"items/{DEL}") is True, rec
    assert rec.get("fields/contest-count") == "6", rec
    assert rec.get(f"track/{DEL}") == {"status": "doing", "owner": "张三"}, rec
    expect(page.locator(f".wp-part input.wp-check[data-item='{R1}']")).to_be_checked()
    expect(page.locator("input.wp-input[data-field='contest-count']")).to_have_value("6")


def test_differences_shown_then_left_or_taken(new_page, sites):
    page = new_page(**CONTEXT)
    _pick(page, sites)
    assert _part_record(page)["seen"] == FIRST
    notice = _open(page, sites)
    added, r1, r2, gone = (_row(notice, "added", NEW), _row(notice, "reworded", R1), _row(notice, "reworded", R2),
                           _row(notice, "removed", DEL))
    expect(added).to_contain_text(NEW_TEXT)
    expect(r1.locator("del")).to_have_text(R1_OLD)
    expect(r1.locator("ins")).to_have_text(R1_NEW)
    expect(r1).to_contain_text(DAY)
    expect(r2.locator("ins")).to_have_text(R2_NEW)          # no change log entry: found by its words
    expect(r2).to_contain_text(ADAPTED)
    expect(r2.get_by_role("button", name="采用新措辞", exact=True)).to_have_count(0)
    expect(gone).to_contain_text(DEL_TEXT)
    gone.get_by_role("link").click()                        # to the measure kept as 模板中已删除
    expect(page.locator(f".wp-part input.wp-check[data-item='{DEL}']")).to_be_focused()
    expect(page.locator(".wp-entry", has=page.locator(f"input[data-item='{DEL}']"))).to_contain_text("模板中已删除")

    added.get_by_role("button", name="加入", exact=True).click()
    expect(page.locator(f".wp-part input.wp-check[data-item='{NEW}']")).to_have_count(1)
    r1.get_by_role("button", name="保留原措辞", exact=True).click()
    r2.get_by_role("button", name="保留我的改写", exact=True).click()
    expect(notice.locator("summary")).to_contain_text("删除 1 项")
    gone.get_by_role("button", name="保留", exact=True).click()
    expect(page.locator(".wp-changes")).to_have_count(0)
    entries = page.locator(".wp-part .wp-entry")
    expect(entries.filter(has=page.locator(f"input[data-item='{R1}']"))).to_contain_text(R1_OLD)
    expect(entries.filter(has=page.locator(f"input[data-item='{R2}']"))).to_contain_text(ADAPTED)
    expect(entries.filter(has=page.locator(f"input[data-item='{DEL}']"))).to_contain_text("模板中已删除")
    _kept_as_they_were(page)
    page.locator(".wp-tools--mine button[data-act=text]").click()
    text = page.evaluate("navigator.clipboard.readText()")
    assert R1_OLD in text and R1_NEW not in text and ADAPTED in text and NEW_TEXT in text, text

    page.reload()
    expect(page.locator(f".wp-part input.wp-check[data-item='{NEW}']")).to_have_count(1)
    expect(page.locator(".wp-part .wp-entry").first).to_be_visible()
    expect(page.locator(".wp-changes")).to_have_count(0)
    saved = _part_record(page)
    assert saved["seen"] == DAY and saved[f"item/{R1}"] == {"text": R1_NEW, "edit": R1_OLD}, saved
    assert saved[f"item/{R2}"] == {"text": R2_NEW, "edit": ADAPTED} and saved[f"left/{DEL}"] == "removed", saved
    _kept_as_they_were(page)


def test_new_words_taken_adaptation_replaced_only_when_asked(new_page, sites):
    page = new_page(**CONTEXT)
    _pick(page, sites)
    notice = _open(page, sites)
    _row(notice, "reworded", R1).get_by_role("button", name="采用新措辞", exact=True).click()
    entry = page.locator(".wp-part .wp-entry").filter(has=page.locator(f"input[data-item='{R1}']"))
    expect(entry).to_contain_text(R1_NEW)
    expect(entry).not_to_contain_text("已改写")
    _row(notice, "added", NEW).get_by_role("button", name="不加入", exact=True).click()
    expect(page.locator(f".wp-part input.wp-check[data-item='{NEW}']")).to_have_count(0)
    page.locator(".wp-undo button").click()                  # 撤销: the row is back
    expect(_row(notice, "added", NEW)).to_have_count(1)
    notice.get_by_role("button", name="全部采用", exact=True).click()    # adds NEW, removes DEL, keeps the adaptation
    expect(page.locator(".wp-changes")).to_have_count(0)
    expect(page.locator(f".wp-part input.wp-check[data-item='{NEW}']")).to_have_count(1)
    expect(page.locator(f".wp-part input.wp-check[data-item='{DEL}']")).to_have_count(0)
    r2 = page.locator(".wp-part .wp-entry").filter(has=page.locator(f"input[data-item='{R2}']"))
    expect(r2).to_contain_text(ADAPTED)
    page.locator(".wp-undo button").click()                  # everything back as it was
    expect(page.locator(f".wp-part input.wp-check[data-item='{DEL}']")).to_have_count(1)
    expect(_row(notice, "reworded", R2)).to_have_count(1)
    _row(notice, "reworded", R2).get_by_role("button", name="改用新措辞(替换我的改写)", exact=True).click()   # the explicit choice
    expect(r2).to_contain_text(R2_NEW)
    expect(r2).not_to_contain_text(ADAPTED)
    rec = _plan_record(page)
    assert rec.get(f"items/{R1}") is True and rec.get(f"track/{DEL}"), rec
    page.reload()
    expect(page.locator(".wp-part .wp-changes summary")).to_contain_text(f"模板已更新({DAY}):新增 1 项,删除 1 项")


def test_part_picked_after_the_change_has_nothing_to_decide(new_page, sites):
    page = new_page()
    page.goto(sites + f"new/plans/{PLAN}.html")
    button = page.locator(f"li[id='{R1}'] .wp-pick--item")   # one measure: NEW was left out on purpose
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    page.goto(sites + "new/mine.html")
    expect(page.locator(".wp-part .wp-entry")).to_have_count(1)
    expect(page.locator(".wp-changes")).to_have_count(0)
    assert _part_record(page)["seen"] == DAY


def test_older_part_without_a_day_and_other_tab(new_page, sites):
    """A part saved before parts had a day: picked against the first entry. Decisions reach another tab."""
    a = new_page()
    _pick(a, sites)
    a.evaluate("""() => { const k = Object.keys(localStorage).find(n => n.startsWith('wp:v1:mine:part:'));
      const r = JSON.parse(localStorage.getItem(k)); delete r.entries.seen; localStorage.setItem(k, JSON.stringify(r)); }""")
    notice = _open(a, sites)
    b = a.context.new_page()
    b.goto(sites + "new/mine.html")
    b_notice = b.locator(".wp-part .wp-changes")
    expect(b_notice.locator("summary")).to_contain_text("新增 1 项,改写 2 项,删除 1 项")
    _row(notice, "added", NEW).get_by_role("button", name="加入", exact=True).click()
    expect(b.locator(f".wp-part input.wp-check[data-item='{NEW}']")).to_have_count(1)
    expect(b_notice.locator("summary")).to_contain_text("改写 2 项,删除 1 项")
    notice.get_by_role("button", name="全部忽略", exact=True).click()
    expect(a.locator(".wp-changes")).to_have_count(0)
    expect(b.locator(".wp-changes")).to_have_count(0)
    b.reload()
    expect(b.locator(".wp-part .wp-entry").first).to_be_visible()
    expect(b.locator(".wp-changes")).to_have_count(0)
    expect(b.locator(".wp-part .wp-entry").filter(has=b.locator(f"input[data-item='{R1}']"))).to_contain_text(R1_OLD)
    assert _part_record(b)["seen"] == DAY


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_notice_by_keyboard_and_axe(new_page, sites, axe_source, scheme):
    """Opened and worked through with the keyboard (focus never dropped), at phone width, no axe
    problem in either colour scheme."""
    from test_quality import axe
    page = new_page(viewport={"width": 390, "height": 844}, **CONTEXT)
    _pick(page, sites)
    page.goto(sites + "new/mine.html")
    summary = page.locator(".wp-part .wp-changes summary")
    summary.focus()
    page.keyboard.press("Enter")                              # 查看
    expect(page.locator(".wp-part .wp-changes")).to_have_attribute("open", "")
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    page.evaluate("document.getAnimations().forEach(t => t.finish())")
    problems = axe(page, axe_source, f"new/mine.html ({scheme})")
    assert problems == [], "\n".join(problems)
    page.keyboard.press("Tab")
    expect(page.locator(".wp-change[data-kind=added] [data-change=take]")).to_be_focused()
    page.keyboard.press("Enter")                              # 加入: the keyboard goes to 撤销
    expect(page.locator(".wp-undo button")).to_be_focused()
    page.keyboard.press("Enter")                              # 撤销: back on the notice, still open
    expect(summary).to_be_focused()
    expect(page.locator(".wp-part .wp-changes")).to_have_attribute("open", "")
    expect(page.locator(f".wp-part input.wp-check[data-item='{NEW}']")).to_have_count(0)


from test_quality import axe_source  # noqa: E402,F401  (the fixture)
