"""回顾 on 我的计划 (docs/assets/wp/review.js, review-store.js) in Chromium: a review recorded, read
back after a reload, opened read-only (it keeps its statuses while the plan moves on), two compared,
deleted and put back with 撤销, planned review dates; reviews in a backup restored in a fresh
browser; a review of a newer format (in storage or in a backup) said in Chinese with nothing lost;
blocked storage keeps reviews for the visit. The API the downloads use (WP.reviews) is read too."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from follow_seed import OWN, PLAN, TARGET, clock, seed

pytestmark = pytest.mark.browser

CONTEXT = dict(accept_downloads=True)
BLOCKED = """Object.defineProperty(window, 'localStorage', {configurable: true, get() {
  throw new DOMException('Access is denied for this document.', 'SecurityError'); }});"""
STORAGE = "JSON.stringify(Object.entries(localStorage).sort())"
BLOBS = "Object.keys(localStorage).filter(k => k.startsWith('wp:v1:review:blob:')).sort()"


def open_panel(page):
    page.locator(".wp-overview").get_by_role("button", name="回顾").click()
    expect(page.locator("#wp-review")).to_be_visible()


def record(page, day, done="", problems="", nxt=""):
    page.locator("#wp-review-day").fill(day)
    page.get_by_label("本期完成情况").fill(done)
    page.get_by_label("存在问题").fill(problems)
    page.get_by_label("下一步打算").fill(nxt)
    page.get_by_role("button", name="保存回顾").click()
    expect(page.locator(".wp-review-row", has_text=day)).to_have_count(1)


def row(page, day):
    return page.locator(".wp-review-row", has_text=day)


def status_in_view(page, words):
    return page.locator(".wp-review-view .wp-rv-measure", has_text=words).locator(".wp-rv-status").inner_text()


def test_record_reload_and_reopen_read_only(new_page, base_url):
    page = new_page()
    clock(page, "2026-10-25")
    ids = seed(page, base_url)
    open_panel(page)
    assert page.locator("#wp-review-day").input_value() == "2026-10-25"  # today, by the page's clock
    expect(page.locator("#wp-review-day")).to_be_focused()
    record(page, "2026-10-15", "拜访客户 12 户", "贷款投放慢", "加快审批")
    page.reload()
    open_panel(page)
    r = row(page, "2026-10-15")
    expect(r).to_contain_text("已完成 2")  # the first picked measure and 整理客户档案
    r.get_by_role("button", name="查看").click()
    view = page.locator(".wp-review-view")
    expect(view).to_be_focused()
    expect(view).to_contain_text("回顾:2026-10-15(只读)")
    for words in ("拜访客户 12 户", "贷款投放慢", "加快审批", "本期完成情况", "存在问题", "下一步打算"):
        expect(view).to_contain_text(words)
    assert status_in_view(page, "参加合规培训") == "未开始"
    assert view.locator("input, textarea, select").count() == 0  # read-only

    # the plan moves on; the review keeps what it recorded
    page.locator(".wp-entry", has_text="参加合规培训").locator("input.wp-check").check()
    view.get_by_role("button", name="关闭").click()
    expect(r.get_by_role("button", name="查看")).to_be_focused()
    r.get_by_role("button", name="查看").click()
    assert status_in_view(page, "参加合规培训") == "未开始"

    # the downloads' API: the summary as of the review's day (figures as of that day)
    got = page.evaluate("""async () => { await WP.load(['review-store']); const l = WP.reviews.list();
        return [l, WP.reviews.summary(l[0].key)]; }""")
    listed, summary = got
    assert [(x["day"], set(x)) for x in listed] == [("2026-10-15", {"key", "day", "made"})]
    assert summary["review"] == {"key": listed[0]["key"], "day": "2026-10-15"}
    assert summary["text"] == {"done": "拜访客户 12 户", "problems": "贷款投放慢", "next": "加快审批"}
    target = next(t for t in summary["targets"] if t["id"] == TARGET)
    assert (target["actual"], target["target"], target["rate"]) == (120, 1000, 12)  # 320 came on 10-31
    measures = [m for p in summary["parts"] for m in p["measures"]]
    assert len(measures) == len(ids) + len(OWN)
    a1 = next(m for m in measures if m.get("key") == "a1")
    assert (a1["status"], a1["due"], a1["overdue"]) == ("doing", "2026-10-20", False)  # not yet on 10-15
    a3 = next(m for m in measures if m.get("key") == "a3")
    assert a3["owner"] == "李四"


def test_two_reviews_compared(new_page, base_url):
    page = new_page()
    clock(page, "2026-11-02")
    seed(page, base_url)
    open_panel(page)
    record(page, "2026-10-15", "第一次")
    blobs = page.evaluate(BLOBS)
    assert blobs  # the measure list, stored once
    page.locator(".wp-entry", has_text="复盘存款结构").locator("input.wp-check").check()  # 进行中 -> 已完成
    record(page, "2026-10-31", "第二次")  # 320 was entered for 10-31
    assert page.evaluate(BLOBS) == blobs  # the same list: shared, not stored again
    assert [r["day"] for r in page.evaluate("WP.reviews.list()")] == ["2026-10-31", "2026-10-15"]  # newest first
    form = page.locator(".wp-review-compare")
    expect(form).to_be_visible()
    form.get_by_role("button", name="比较两次回顾").click()
    view = page.locator(".wp-review-view")
    expect(view).to_contain_text("比较:2026-10-15 → 2026-10-31")
    moved = view.locator(".wp-rv-moved")
    expect(moved).to_have_count(1)
    expect(moved).to_contain_text("复盘存款结构")
    expect(moved.locator(".wp-rv-from-to")).to_have_text("进行中 → 已完成")
    late = view.locator(".wp-rv-late")
    expect(late).to_have_count(1)  # 走访重点客户十户, due 10-20: overdue on 10-31, not on 10-15
    expect(late).to_contain_text("走访重点客户十户")
    target = view.locator(".wp-rv-target")
    expect(target).to_have_count(1)
    expect(target).to_contain_text("120 → 320")
    expect(target).to_contain_text("完成率 12% → 32%")


def test_delete_and_put_back(new_page, base_url):
    page = new_page()
    clock(page, "2026-10-25")
    seed(page, base_url)
    open_panel(page)
    record(page, "2026-10-15", "要删除的回顾")
    before = page.evaluate("() => WP.reviews.list().map(r => r.key)")
    row(page, "2026-10-15").get_by_role("button", name="删除").click()
    expect(row(page, "2026-10-15")).to_have_count(0)
    assert page.evaluate("WP.reviews.list()") == []
    undo = page.locator(".wp-undo").get_by_role("button", name="撤销")
    expect(undo).to_be_focused()
    undo.click()
    expect(row(page, "2026-10-15")).to_have_count(1)
    page.reload()
    open_panel(page)
    assert page.evaluate("() => WP.reviews.list().map(r => r.key)") == before
    row(page, "2026-10-15").get_by_role("button", name="查看").click()
    expect(page.locator(".wp-review-view")).to_contain_text("要删除的回顾")


def test_planned_review_dates(new_page, base_url):
    page = new_page()
    clock(page, "2026-10-25")
    page.goto(base_url + "mine.html")
    open_panel(page)
    page.get_by_role("button", name="添加回顾日期").click()
    expect(page.locator(".wp-review-plan-error")).to_contain_text("请填写日期")
    for day in ("2026-12-31", "2026-11-30", "2027-01-15"):
        page.locator("#wp-review-planned").fill(day)
        page.get_by_role("button", name="添加回顾日期").click()
    expect(page.locator(".wp-review-planned-day")).to_have_count(3)
    page.reload()
    open_panel(page)
    assert page.locator(".wp-review-planned-day").all_inner_texts() == ["2026-11-30", "2026-12-31", "2027-01-15"]
    page.get_by_role("button", name="移除回顾日期 2026-12-31").click()
    expect(page.get_by_role("button", name="移除回顾日期 2027-01-15")).to_be_focused()
    assert page.evaluate("async () => { await WP.load(['review-store']); return WP.reviews.planned(); }") == ["2026-11-30", "2027-01-15"]


def test_backup_with_reviews_restored_in_a_fresh_browser(new_page, base_url, tmp_path):
    page = new_page(**CONTEXT)
    clock(page, "2026-10-25")
    seed(page, base_url)
    open_panel(page)
    record(page, "2026-10-15", "备份里的回顾")
    page.locator("#wp-review-planned").fill("2026-12-31")
    page.get_by_role("button", name="添加回顾日期").click()
    with page.expect_download() as d:
        page.locator(".wp-tools--mine").get_by_role("button", name="导出备份").click()
    backup = tmp_path / "backup.json"
    d.value.save_as(backup)
    names = json.loads(backup.read_text(encoding="utf-8"))["records"]
    assert any(n.startswith("review:blob:") for n in names) and "review:planned" in names

    fresh = new_page(**CONTEXT)
    clock(fresh, "2026-10-26")
    fresh.goto(base_url + "mine.html")
    fresh.once("dialog", lambda dlg: dlg.accept())
    with fresh.expect_file_chooser() as chooser:
        fresh.locator(".wp-tools--mine").get_by_role("button", name="导入备份").click()
    chooser.value.set_files(str(backup))
    expect(fresh.locator(".wp-part")).to_have_count(2)
    open_panel(fresh)
    row(fresh, "2026-10-15").get_by_role("button", name="查看").click()
    expect(fresh.locator(".wp-review-view")).to_contain_text("备份里的回顾")
    assert status_in_view(fresh, "复盘存款结构") == "进行中"
    assert fresh.locator(".wp-review-planned-day").all_inner_texts() == ["2026-12-31"]


NEWER = {"format": 2, "rev": 1, "entries": {
    "format": {"value": 2, "rev": 1, "by": "x"}, "day": {"value": "2027-03-31", "rev": 1, "by": "x"},
    "snapshot": {"value": {"kind": "a later layout"}, "rev": 1, "by": "x"}}}


def test_a_review_of_a_newer_format_is_kept_and_said(new_page, base_url, tmp_path):
    page = new_page(**CONTEXT)
    clock(page, "2026-10-25")
    seed(page, base_url)
    raw = json.dumps(NEWER, ensure_ascii=False)
    page.evaluate("raw => localStorage.setItem('wp:v1:review:rnewer', raw)", raw)
    page.reload()
    open_panel(page)
    r = row(page, "2027-03-31")
    expect(r).to_contain_text("更新版本")
    expect(r.get_by_role("button", name="查看")).to_be_hidden()
    expect(r.get_by_role("button", name="删除")).to_be_hidden()
    record(page, "2026-10-25", "这一版的回顾")
    assert page.evaluate("localStorage.getItem('wp:v1:review:rnewer')") == raw  # untouched
    assert page.evaluate("WP.store.damaged().length") == 0
    assert [x["day"] for x in page.evaluate("WP.reviews.list()")] == ["2026-10-25"]

    # a backup holding it is refused as a whole, in Chinese, and nothing changes
    page.evaluate("() => localStorage.removeItem('wp:v1:review:rnewer')")
    before = page.evaluate(STORAGE)
    file = tmp_path / "newer.json"
    file.write_text(json.dumps({"format": "wp-backup", "version": 2, "records": {"review:rnewer": NEWER}},
                               ensure_ascii=False), encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        page.locator(".wp-tools--mine").get_by_role("button", name="导入备份").click()
    chooser.value.set_files(str(file))
    warning = page.locator(".wp-tools--mine .wp-warning")
    expect(warning).to_contain_text("回顾来自更新版本")
    expect(warning).to_contain_text("没有任何改动")
    assert page.evaluate(STORAGE) == before


def test_blocked_storage_keeps_reviews_for_the_visit(new_page, base_url, tmp_path):
    page = new_page(**CONTEXT)
    clock(page, "2026-10-25")
    page.add_init_script(BLOCKED)
    page.goto(base_url + "mine.html")
    page.locator("#wp-new-part").fill("本次访问的章节")
    page.locator("#wp-new-part").press("Enter")
    own = page.locator(".wp-part").first.locator(".wp-add-own input")
    own.fill("临时措施")
    own.press("Enter")
    expect(page.locator(".wp-overview [data-count=todo] .wp-ov-n")).to_have_text("1")
    open_panel(page)
    record(page, "2026-10-25", "只在本次访问")
    expect(page.locator(".wp-tools--mine .wp-warning")).to_contain_text("这次回顾只保留到关闭页面为止")
    page.locator(".wp-part input.wp-check").first.check()
    expect(page.locator(".wp-overview [data-count=done] .wp-ov-n")).to_have_text("1")
    row(page, "2026-10-25").get_by_role("button", name="查看").click()
    expect(page.locator(".wp-review-view")).to_contain_text("只在本次访问")
    assert status_in_view(page, "临时措施") == "未开始"
    for day in ("2026-12-31", "2026-11-30"):
        page.locator("#wp-review-planned").fill(day)
        page.get_by_role("button", name="添加回顾日期").click()
    expect(page.locator(".wp-review-planned-day")).to_have_text(["2026-11-30", "2026-12-31"])
    # a backup made now holds what this visit kept
    with page.expect_download() as d:
        page.locator(".wp-tools--mine").get_by_role("button", name="导出备份").click()
    d.value.save_as(tmp_path / "visit.json")
    records = json.loads((tmp_path / "visit.json").read_text(encoding="utf-8"))["records"]
    texts = [e["text"]["value"]["done"] for n, e in ((n, r["entries"]) for n, r in records.items())
             if n.startswith("review:") and "text" in e]
    assert texts == ["只在本次访问"]
    assert set(records["review:planned"]["entries"]) == {"planned/2026-11-30", "planned/2026-12-31"}


# a summary of 600 measures in 200 parts, as WP.summary.now shapes it (every third 已完成)
BIG = """const sum = {day: '2026-10-15', header: {}, targets: [], parts: []};
      for (let i = 0; i < 200; i++) sum.parts.push({key: 'k' + i, title: '第' + i + '节', plan: '', planTitle: '', section: '',
        measures: [0, 1, 2].map(j => ({key: 'o' + i + 'x' + j, plan: '', text: '措施 ' + i + '-' + j, status: j ? 'todo' : 'done',
                                       due: '', owner: '', note: '', overdue: false, remark: ''}))});"""


def test_a_reworded_measure_stores_only_its_chunk_again(new_page, base_url):
    """600 measures in 200 parts: the measure list is kept in chunks shared between reviews; a
    measure reworded between two reviews stores one chunk again, not the whole list."""
    page = new_page()
    page.goto(base_url + "mine.html")
    got = page.evaluate("""async blobs => {
      await WP.load(['review-store']);
      """ + BIG + """
      const count = () => Object.keys(localStorage).filter(k => k.startsWith(blobs)).length;
      const a = WP.reviews.record(sum, {}), first = count();
      sum.parts[100].measures[1].text = '改写过的措施';
      sum.day = '2026-10-31';
      const b = WP.reviews.record(sum, {}), second = count();
      const text = k => WP.reviews.summary(k).parts[100].measures[1].text;
      return [a.problem + b.problem, first, second, text(a.key), text(b.key),
              WP.reviews.summary(b.key).parts.map(p => p.measures.length).reduce((x, y) => x + y)];
    }""", "wp:v1:review:blob:")
    problems, first, second, before, after, measures = got
    assert problems == ""
    assert first > 2  # several chunks
    assert second == first + 1  # only the reworded measure's chunk is new
    assert (before, after, measures) == ("措施 100-1", "改写过的措施", 600)


def test_another_tabs_review_shows_in_the_open_list(new_page, base_url):
    page = new_page()
    clock(page, "2026-10-25")
    seed(page, base_url)
    other = page.context.new_page()
    other.goto(base_url + "mine.html")
    open_panel(page)
    expect(page.locator(".wp-review-none")).to_be_visible()
    open_panel(other)
    record(other, "2026-10-20", "另一个标签页的回顾")
    expect(row(page, "2026-10-20")).to_have_count(1)
    row(page, "2026-10-20").get_by_role("button", name="查看").click()
    expect(page.locator(".wp-review-view")).to_contain_text("另一个标签页的回顾")


def test_from_a_folder(new_page, site):
    """Opened from the built folder (file://): the overview, a review recorded and read back."""
    page = new_page()
    clock(page, "2026-10-25")
    page.goto(site.as_uri() + "/mine.html")
    page.locator("#wp-new-part").fill("文件夹中的章节")
    page.locator("#wp-new-part").press("Enter")
    own = page.locator(".wp-part").first.locator(".wp-add-own input")
    own.fill("本地措施")
    own.press("Enter")
    expect(page.locator(".wp-overview [data-count=todo] .wp-ov-n")).to_have_text("1")
    open_panel(page)
    record(page, "2026-10-25", "从文件夹打开")
    page.reload()
    open_panel(page)
    row(page, "2026-10-25").get_by_role("button", name="查看").click()
    expect(page.locator(".wp-review-view")).to_contain_text("从文件夹打开")
    assert page.evaluate("async () => { await WP.load(['review-store']); return WP.reviews.list().length; }") == 1


def test_a_long_review_opens_folded(new_page, base_url):
    """600 measures: the read-only view lists the parts folded (已完成 n/m each), a part's measures
    drawn when it is opened."""
    page = new_page()
    page.goto(base_url + "mine.html")
    page.evaluate("async () => { await WP.load(['review-store']); " + BIG + " return WP.reviews.record(sum, {done: '长计划'}).problem; }")
    open_panel(page)
    row(page, "2026-10-15").get_by_role("button", name="查看").click()
    parts = page.locator(".wp-review-view details.wp-rv-part")
    expect(parts).to_have_count(200)
    assert page.locator(".wp-review-view .wp-rv-measure").count() == 0
    part = parts.nth(7)
    expect(part.locator("summary")).to_have_text("第7节(已完成 1/3)")
    part.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(part.locator(".wp-rv-measure")).to_have_count(3)
    assert part.locator(".wp-rv-status").all_inner_texts() == ["已完成", "未开始", "未开始"]


def test_a_damaged_review_is_listed_and_kept(new_page, base_url):
    page = new_page()
    clock(page, "2026-10-25")
    seed(page, base_url)
    open_panel(page)
    record(page, "2026-10-15", "好的回顾")
    # its measure list lost (another program cleared part of the site's storage)
    page.evaluate("""() => Object.keys(localStorage).filter(k => k.startsWith('wp:v1:review:blob:'))
        .forEach(k => localStorage.removeItem(k))""")
    before = page.evaluate(STORAGE)
    page.reload()
    open_panel(page)
    r = row(page, "2026-10-15")
    expect(r).to_contain_text("记录不完整,无法打开")
    expect(r.get_by_role("button", name="查看")).to_be_hidden()
    assert page.evaluate("WP.reviews.list()") == []  # the downloads are offered only readable ones
    assert page.evaluate(STORAGE) == before


def test_a_blob_another_tab_has_just_written_is_not_swept(new_page, base_url):
    """Saving a review removes measure-list chunks no review uses, but only those written an hour
    or more ago: another tab may have just written a chunk for a review this tab has not heard of."""
    page = new_page()
    page.goto(base_url + "mine.html")
    got = page.evaluate("""async () => {
      await WP.load(['review-store']);
      const S = WP.store, R = S.record, hour = 3600000;
      const blob = (name, made) => R.commit([{name, raw: R.serialize(1, {
        value: {value: {parts: [], m: [], due: '', owner: {}, note: {}}, rev: 1, by: 'other'},
        made: {value: new Date(Date.now() - made).toISOString(), rev: 1, by: 'other'}})}]);
      blob('review:blob:fresh', 60000);           // another tab, a minute ago
      blob('review:blob:stale', 2 * hour);        // left over from a review deleted long ago
      const sum = {day: '2026-10-15', header: {}, targets: [], parts: [{key: 'k', title: '节', plan: '', planTitle: '',
        section: '', measures: [{key: 'o', plan: '', text: '措施', status: 'todo', due: '', owner: '', note: '', overdue: false, remark: ''}]}]};
      const r = WP.reviews.record(sum, {});
      const live = n => { const raw = localStorage.getItem('wp:v1:' + n); return !!raw && !JSON.parse(raw).entries.value.deleted; };
      return [r.problem, live('review:blob:fresh'), live('review:blob:stale'), WP.reviews.summary(r.key).parts[0].measures[0].text];
    }""")
    assert got == ["", True, False, "措施"]
