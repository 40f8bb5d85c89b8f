"""我的计划's three downloads in Chromium: 下载工作总结 (.docx, read back with python-docx and
converted by LibreOffice Writer), 下载计划表 (.xlsx, read back with openpyxl and LibreOffice Calc)
and 下载日程 (.ics, parsed with the icalendar package), all from a 我的计划 of two plans' parts
and one's own, with statuses, 截止日期, 负责人, 备注, 目标值 and dated 实际值 saved beforehand (the
records the plan pages and 我的计划 keep, written through the site's own storage module)."""
from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import date, datetime

import openpyxl
import pytest
from docx import Document
from icalendar import Calendar
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TODAY = "2027-03-01T10:00:00"          # the page's clock: 2027-02-15 and 2027-02-20 are past
RM, FT = "relationship-manager", "fintech-specialist"
HEADER = {"name": "王五", "unit": "城东支行", "role": "客户经理", "from": "2027-01-01", "to": "2027-03-31",
          "date": "2027-01-05"}
OWN = "整理辖内重点客户档案,逐户核对联系人、授信和结算情况"
# status, 截止日期, 负责人, 备注 of each picked measure (by id), and of the own measure
FOLLOW = {
    "market-map-industry-research": ("done", "2027-01-31", "张三", ""),
    "market-map-industry-grid": ("doing", "2027-02-15", "李四", "每周五汇总"),
    "market-map-industry-supply-chain": ("paused", "2027-03-31", "", "等候支行安排"),
    "safeguards-review": ("todo", "", "", ""),
    "growth-mau-acquire-channels": ("todo", "2027-04-30", "赵六", ""),
    "growth-mau-acquire-content": ("done", "", "", ""),
}
OWN_FOLLOW = ("doing", "2027-02-20", "本人", "")
# 目标值 typed in the number fields, and 实际值 entries
TARGETS = {RM: {"deposit-growth": "3,000", "loan-growth": "2000", "npl-ratio": "1.5", "fee-income": "约五十"},
           FT: {"mau-growth": "20"}}
ACTUALS = {RM: {"deposit-growth/2027-01-31": 1200, "deposit-growth/2027-02-28": 1800, "npl-ratio/2027-02-28": 0.8},
           FT: {"mau-growth/2027-02-28": 12.5}}
NAMES = {"todo": "未开始", "doing": "进行中", "done": "已完成", "paused": "已搁置"}

SEED = """([header, parts, records]) => {
  const mine = WP.mine.open(), state = mine.read().state;
  state.header = header; state.parts = parts;
  if (mine.write(state)) throw new Error("not saved");
  for (const [plan, record] of Object.entries(records)) {
    if (WP.store.open(plan).write(record)) throw new Error("not saved: " + plan);
  }
}"""
STORAGE = "JSON.stringify(Object.entries(localStorage).filter(([k]) => !k.startsWith('wp:v1:keep')).sort())"


def _words(it) -> str:
    body = it.text.plain() if it.text else ""
    return (it.lead + (":" if body else "") + body) if it.lead else body  # as every export joins them


def _track(status, due, owner, note):
    t = {k: v for k, v in (("due", due), ("owner", owner), ("note", note)) if v}
    if status in ("doing", "paused"):
        t["status"] = status
    return t


def _records():
    out = {}
    for plan in (RM, FT):
        record = {"items": {}, "fields": dict(TARGETS[plan]), "track": {}, "actual": dict(ACTUALS[plan])}
        out[plan] = record
    for mid, (status, due, owner, note) in FOLLOW.items():
        record = out[RM] if not mid.startswith("growth") else out[FT]
        if status == "done":
            record["items"][mid] = True
        if _track(status, due, owner, note):
            record["track"][mid] = _track(status, due, owner, note)
    return out


def _parts(collection):
    rm, ft = collection.plan(RM), collection.plan(FT)
    section = {s.id: s for p in (rm, ft) for s in p.sections()}

    def picked(key, plan, sid, ids=None):
        s = section[sid]
        items = [it for it in s.measures.items if ids is None or it.id in ids]
        return {"key": key, "plan": plan, "section": sid, "heading": s.heading, "title": "",
                "items": [{"id": it.id, "text": _words(it)} for it in items], "own": []}
    own = {"key": "own1", "plan": "", "section": "", "heading": "", "title": "自己的工作",
           "items": [], "own": [{"key": "o1", "text": OWN, "done": False, "track": _track(*OWN_FOLLOW)}]}
    return [picked("p1", RM, "market-map-industry"), picked("p2", RM, "safeguards", ["safeguards-review"]),
            picked("p3", FT, "growth-mau-acquire", ["growth-mau-acquire-channels", "growth-mau-acquire-content"]),
            own]


def _measures(collection):
    """{id: (words, part title)} of every picked measure, from the model."""
    out = {}
    for plan in (RM, FT):
        for s in collection.plan(plan).sections():
            for it in (s.measures.items if s.measures else ()):
                if it.id in FOLLOW:
                    out[it.id] = (_words(it), s.heading)
    return out


def open_seeded(new_page, base_url, collection, **options):
    page = new_page(accept_downloads=True, **options)
    page.clock.set_fixed_time(datetime.fromisoformat(TODAY))
    requests = []
    page.on("request", lambda r: requests.append(r.url.rsplit("/", 1)[-1]))
    page.goto(base_url + "mine.html")
    page.evaluate(SEED, [HEADER, _parts(collection), _records()])
    page.reload()
    expect(page.locator(".wp-part")).to_have_count(4)
    expect(page.locator(".wp-entry")).to_have_count(7)
    return page, requests


def _press(page, name):
    with page.expect_download() as info:
        page.locator(".wp-tools--mine").get_by_role("button", name=name, exact=True).click()
    return info.value


LATER = ("mine-downloads.js", "summarydoc.js", "tracking.js", "summary.js", "export-docx.js", "export-xlsx.js",
         "export-ics.js", "docx.umd.js", "write-excel-file.sync.min.js")


@pytest.fixture(scope="module")
def downloads(browser, base_url, collection, tmp_path_factory):
    """The three files downloaded once from the seeded 我的计划, with what the page fetched."""
    out = tmp_path_factory.mktemp("downloads")
    made = []

    def new_page(**options):
        ctx = browser.new_context(locale="zh-CN", **options)
        made.append(ctx)
        return ctx.new_page()
    page, requests = open_seeded(new_page, base_url, collection)
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    before_press = [u for u in requests if u in LATER]
    stored = page.evaluate(STORAGE)
    opener = page.locator("button[data-download='summary']")
    opener.click()
    choice = page.locator("#wp-summary-of")
    expect(choice).to_be_visible()
    expect(choice).to_be_focused()
    options = choice.locator("option").all_inner_texts()
    with page.expect_download() as info:
        page.locator(".wp-summary-pick").get_by_role("button", name="下载", exact=True).click()
    files = {"docx": info.value}
    expect(page.locator(".wp-summary-pick")).to_be_hidden()
    expect(opener).to_be_focused()
    files["xlsx"] = _press(page, "下载计划表")
    files["ics"] = _press(page, "下载日程")
    result = {"before": before_press, "options": options, "errors": errors,
              "untouched": page.evaluate(STORAGE) == stored, "toast": page.locator(".wp-toast").inner_text()}
    for kind, download in files.items():
        path = out / download.suggested_filename
        download.save_as(path)
        result[kind] = path
    for ctx in made:
        ctx.close()
    return result


def test_fetched_only_when_used_and_nothing_saved_is_touched(downloads):
    assert downloads["before"] == []
    assert downloads["options"] == ["当前进度(计划周期,截至今天)"]   # no reviews on this page
    assert downloads["errors"] == [] and downloads["untouched"]
    assert "日程" in downloads["toast"]


def test_file_names_carry_the_name_and_the_day(downloads):
    assert [downloads[k].name for k in ("docx", "xlsx", "ics")] == \
        ["工作总结-王五-20270301.docx", "计划表-王五-20270301.xlsx", "日程-王五-20270301.ics"]


# ------------------------------------------------------------------------------- 工作总结 (.docx)

@pytest.fixture(scope="module")
def summary_doc(downloads):
    return Document(str(downloads["docx"]))


def _paragraphs(document):
    return [p.text for p in document.paragraphs]


def test_summary_header_block(summary_doc):
    assert summary_doc.paragraphs[0].style.name == "Title" and summary_doc.paragraphs[0].text == "王五的工作总结"
    rows = [[c.text for c in row.cells] for row in summary_doc.tables[0].rows]
    assert rows == [["姓名", "王五"], ["部门/网点", "城东支行"], ["岗位", "客户经理"],
                    ["计划周期", "2027-01-01 至 2027-03-31"], ["总结日期", "2027-03-01"]]


def test_summary_lists_each_part_with_every_measure_and_its_status(summary_doc, collection):
    words = _measures(collection)
    texts = _paragraphs(summary_doc)
    headings = [p.text for p in summary_doc.paragraphs if p.style.name == "Heading 3"]
    assert headings[:4] == [words["market-map-industry-research"][1], words["safeguards-review"][1],
                            words["growth-mau-acquire-channels"][1], "自己的工作"]
    assert "共 7 项措施:已完成 2 项,进行中 2 项,未开始 2 项,已搁置 1 项;其中已逾期 2 项。" in texts
    for mid, (status, due, owner, note) in FOLLOW.items():
        line = next(t for t in texts if t[:1] in "☐☑" and words[mid][0][:20] in t)
        assert line.startswith("☑" if status == "done" else "☐"), line
        assert f"【{NAMES[status]}" in line, line
        for fact in ([f"截止日期 {due}"] if due else []) + ([f"负责人 {owner}"] if owner else []) + \
                    ([f"备注 {note}"] if note else []):
            assert fact in line, (fact, line)
    grid = next(t for t in texts if words["market-map-industry-grid"][0][:20] in t and t[:1] == "☐")
    assert "【进行中 · 已逾期】" in grid and "(已逾期)" in grid
    own = next(t for t in texts if OWN in t and t[:1] == "☐")
    assert "【进行中 · 已逾期】" in own and "截止日期 2027-02-20" in own


def test_summary_targets_table_has_target_actual_and_rate(summary_doc, collection):
    table = summary_doc.tables[1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["来源模板", "目标", "单位", "目标值", "实际值", "日期", "完成率"]
    rm, ft = collection.plan(RM), collection.plan(FT)
    numbers = [(p, f) for p in (rm, ft) for f in p.fields if f.kind == "number"]
    assert [r[1] for r in rows[1:]] == [f.label for _, f in numbers]   # every number field of both plans
    by = {r[1]: r for r in rows[1:]}
    label = {f.id: f.label for _, f in numbers}
    assert by[label["deposit-growth"]][3:] == ["3000", "1800", "2027-02-28", "60%"]      # latest ÷ 目标值
    assert by[label["loan-growth"]][3:] == ["2000", "", "", "—"]
    assert by[label["npl-ratio"]][3:] == ["1.5", "0.8", "2027-02-28", "53.3%"]
    assert by[label["fee-income"]][3] == "约五十(不是数字)"
    assert by[label["mau-growth"]][0] == ft.page_title and by[label["mau-growth"]][3:] == ["20", "12.5", "2027-02-28", "62.5%"]
    assert all(c.paragraphs[0].runs[0].bold for c in table.rows[0].cells)


def test_summary_overdue_and_postponed_lists(summary_doc, collection):
    words = _measures(collection)
    texts = _paragraphs(summary_doc)

    def under(title):
        start = texts.index(title) + 1
        end = next(i for i in range(start, len(texts)) if summary_doc.paragraphs[i].style.name.startswith("Heading"))
        return texts[start:end]
    overdue = under("三、已逾期事项")
    assert len(overdue) == 2
    assert overdue[0].startswith(words["market-map-industry-grid"][0]) and "截止日期 2027-02-15" in overdue[0]
    assert overdue[1].startswith(OWN) and "自己的工作" in overdue[1]
    paused = under("四、已搁置事项")
    assert len(paused) == 1 and paused[0].startswith(words["market-map-industry-supply-chain"][0])
    assert "等候支行安排" in paused[0]


def test_summary_review_fields_are_lines_to_fill_and_signature(summary_doc):
    texts = _paragraphs(summary_doc)
    for title in ("本期完成情况", "存在问题", "下一步打算"):
        i = texts.index(title)
        assert summary_doc.paragraphs[i].style.name == "Heading 3"
        assert all(set(t) == {"_"} for t in texts[i + 1:i + 4]), texts[i + 1:i + 4]
    sign = [t for t in texts if "签字" in t]
    assert len(sign) == 2 and sign[0].startswith("本人签字:____") and "日期:____" in sign[0]
    assert sign[1].startswith("负责人签字:____") and texts.index(sign[0]) > texts.index("下一步打算")


REVIEW = """async ([text, day]) => {
  await WP.load(["mine-downloads"]);
  await WP.load(["tracking", "summary", "summarydoc", "export-docx"]);
  const mine = WP.mine.open().read().state, plans = {}, records = {};
  for (const id of ["relationship-manager", "fintech-specialist"]) {
    plans[id] = await WP.data.loadPlan(id); records[id] = WP.store.open(id).read();
  }
  const summary = WP.summary.now(mine, plans, records, day);
  summary.text = text; summary.review = {key: "r1", day: day};
  const blob = await WP.exportDocx(WP.summarydoc.doc(summary));
  const data = await new Promise(ok => { const r = new FileReader(); r.onload = () => ok(r.result); r.readAsDataURL(blob); });
  return data.slice(data.indexOf(",") + 1);
}"""


def test_a_reviews_text_and_day_go_into_the_summary(new_page, base_url, collection):
    """A summary as a review keeps it (the summary of that day plus .text and .review) written by
    the same code: the review's words under its three headings, its day as 总结日期."""
    import base64
    page, _ = open_seeded(new_page, base_url, collection)
    text = {"done": "走访客户 42 户;\n新增存款 1800 万元。", "problems": "贷款投放进度慢。", "next": ""}
    document = Document(io.BytesIO(base64.b64decode(page.evaluate(REVIEW, [text, "2027-02-10"]))))
    texts = _paragraphs(document)
    i = texts.index("本期完成情况")
    assert texts[i + 1:i + 3] == ["走访客户 42 户;", "新增存款 1800 万元。"]
    assert texts[texts.index("存在问题") + 1] == "贷款投放进度慢。"
    assert set(texts[texts.index("下一步打算") + 1]) == {"_"}        # left empty: a line to write on
    assert dict((r.cells[0].text, r.cells[1].text) for r in document.tables[0].rows)["总结日期"] == "2027-02-10"
    assert "依据 2027-02-10 的回顾" in texts
    # as of that day the 2027-02-15 and 2027-02-20 deadlines were not yet past
    assert "三、已逾期事项" in texts and texts[texts.index("三、已逾期事项") + 1] == "无。"


def test_libreoffice_writer_opens_the_summary(downloads, tmp_path):
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                             "--outdir", str(tmp_path), str(downloads["docx"])], capture_output=True, text=True,
                            timeout=120)
    pdf = tmp_path / (downloads["docx"].stem + ".pdf")
    assert pdf.is_file(), result.stdout + result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "王五的工作总结" in flat and "二、目标完成情况" in flat and "60%" in flat and "负责人签字" in flat


# ------------------------------------------------------------------------------- 计划表 (.xlsx)

@pytest.fixture(scope="module")
def book(downloads):
    return openpyxl.load_workbook(downloads["xlsx"])


def test_plan_sheet_one_row_per_measure_with_real_dates(book, collection):
    words = _measures(collection)
    ws = book["计划表"]
    assert ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]] == ["来源模板", "章节", "措施", "状态", "截止日期", "负责人", "备注"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert len(rows) == 7
    rm, ft = collection.plan(RM).page_title, collection.plan(FT).page_title
    for mid, (status, due, owner, note) in FOLLOW.items():
        row = next(r for r in rows if r[2] == words[mid][0])
        expected_due = datetime.fromisoformat(due) if due else None
        assert row == [ft if mid.startswith("growth") else rm, words[mid][1], words[mid][0], NAMES[status],
                       expected_due, owner or None, note or None], mid
    assert rows[-1] == [None, "自己的工作", OWN, "进行中", datetime(2027, 2, 20), "本人", None]
    due = ws["E2"]
    assert due.is_date and due.number_format == "yyyy-mm-dd"
    assert ws.column_dimensions["C"].width > ws.column_dimensions["D"].width


def test_target_sheets_hold_numbers_and_dates(book, collection):
    ws = book["目标"]
    assert ws.freeze_panes == "A2"
    label = {f.id: f.label for f in collection.plan(RM).fields}
    row = next(r for r in ws.iter_rows(min_row=2) if r[2].value == label["deposit-growth"])
    assert [c.value for c in row[3:7]] == ["万元", 3000, 1800, datetime(2027, 2, 28)]
    assert row[4].data_type == "n" and row[5].data_type == "n" and row[6].is_date
    assert row[7].value == pytest.approx(0.6) and "%" in row[7].number_format
    assert row[1].value                     # the section that names the field
    history = book["实际值记录"]
    assert history.freeze_panes == "A2"
    entries = [(r[2].value, r[4].value, r[5].value) for r in history.iter_rows(min_row=2)]
    mau = next(f.label for f in collection.plan(FT).fields if f.id == "mau-growth")
    assert entries == [(label["deposit-growth"], datetime(2027, 1, 31), 1200),
                       (label["deposit-growth"], datetime(2027, 2, 28), 1800),
                       (label["npl-ratio"], datetime(2027, 2, 28), 0.8), (mau, datetime(2027, 2, 28), 12.5)]


def test_libreoffice_calc_opens_the_plan_sheet(downloads, tmp_path):
    source = tmp_path / "plan.xlsx"
    source.write_bytes(downloads["xlsx"].read_bytes())
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                             'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
                             "--outdir", str(tmp_path), str(source)], capture_output=True, text=True, timeout=120)
    path = tmp_path / "plan-计划表.csv"
    assert path.is_file(), result.stdout + result.stderr
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    assert len(rows) == 8 and rows[-1] == ["", "自己的工作", OWN, "进行中", "2027-02-20", "本人", ""]
    assert (tmp_path / "plan-目标.csv").is_file()


# ------------------------------------------------------------------------------- 日程 (.ics)

@pytest.fixture(scope="module")
def calendar(downloads):
    raw = downloads["ics"].read_bytes()
    return raw, Calendar.from_ical(raw.decode("utf-8"))


def test_calendar_one_event_per_due_day_each_with_uid_stamp_and_reminder(calendar, collection):
    raw, cal = calendar
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    events = cal.walk("VEVENT")
    dues = sorted(d for (_, d, _, _) in list(FOLLOW.values()) + [OWN_FOLLOW] if d)
    assert sorted(e["DTSTART"].dt for e in events) == [date.fromisoformat(d) for d in dues]
    for e in events:
        assert e["UID"] and e["DTSTAMP"] and type(e["DTSTART"].dt) is date
        alarms = e.walk("VALARM")
        assert len(alarms) == 1 and alarms[0]["TRIGGER"].dt.total_seconds() < 0
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_calendar_summaries_name_the_measure_and_status_folded_and_round_tripped(calendar, collection):
    raw, cal = calendar
    words = _measures(collection)
    summaries = {str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
    grid = "截止:" + words["market-map-industry-grid"][0] + "(进行中)"
    assert len(grid.encode("utf-8")) > 150 and grid in summaries        # a long Chinese line, folded
    assert "截止:" + words["market-map-industry-research"][0] + "(已完成)" in summaries
    assert "截止:" + OWN + "(进行中)" in summaries
    assert b"\r\n " in raw
    event = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]) == grid)
    assert "负责人:李四" in str(event["DESCRIPTION"]) and "已逾期" in str(event["DESCRIPTION"])


# ------------------------------------------------------------------------------- failures, keyboard

def test_nothing_to_put_in_the_calendar_is_said_and_nothing_changes(new_page, base_url, collection):
    page, _ = open_seeded(new_page, base_url, collection)
    page.evaluate("""() => { for (const id of ["relationship-manager", "fintech-specialist"]) {
        const s = WP.store.open(id), r = s.read(); r.track = {}; s.write(r); }
      const m = WP.mine.open(), st = m.read().state; st.parts[3].own[0].track = {status: "doing"}; m.write(st); }""")
    page.reload()
    expect(page.locator(".wp-entry")).to_have_count(7)
    stored = page.evaluate(STORAGE)
    page.locator(".wp-tools--mine").get_by_role("button", name="下载日程").click()
    expect(page.locator(".wp-toast")).to_have_text("没有可放进日程的日期:请先给措施填写截止日期。")
    assert page.evaluate(STORAGE) == stored


def test_a_library_that_cannot_load_is_named_and_a_later_try_works(page, watch, base_url, collection):
    page, _ = open_seeded(lambda **options: page, base_url, collection)
    page.route("**/write-excel-file.sync.min.js", lambda route: route.abort())
    page.route("**/docx.umd.js", lambda route: route.abort())
    stored = page.evaluate(STORAGE)
    page.locator(".wp-tools--mine").get_by_role("button", name="下载计划表").click()
    expect(page.locator(".wp-toast")).to_contain_text("无法加载 Excel 导出组件")
    page.locator("button[data-download='summary']").click()
    page.locator(".wp-summary-pick").get_by_role("button", name="下载", exact=True).click()
    expect(page.locator(".wp-toast")).to_contain_text("无法加载 Word 导出组件")
    assert page.evaluate(STORAGE) == stored
    watch.console_errors.clear()  # the refused scripts are logged by the browser itself
    page.unroute("**/write-excel-file.sync.min.js")
    assert _press(page, "下载计划表").suggested_filename.endswith(".xlsx")


def test_the_choice_is_keyboard_only_and_escape_returns(new_page, base_url, collection):
    page, _ = open_seeded(new_page, base_url, collection)
    opener = page.locator("button[data-download='summary']")
    opener.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#wp-summary-of")).to_be_focused()
    expect(opener).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(page.locator(".wp-summary-pick")).to_be_hidden()
    expect(opener).to_be_focused()
    expect(opener).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename == "工作总结-王五-20270301.docx"


def test_an_empty_plan_says_so(new_page, base_url):
    page = new_page(accept_downloads=True)
    page.goto(base_url + "mine.html")
    for name in ("下载计划表", "下载日程", "下载工作总结"):
        page.locator(".wp-tools--mine").get_by_role("button", name=name).click()
        expect(page.locator(".wp-toast")).to_have_text("我的计划还是空的:先从模板中加入章节或措施。")
    expect(page.locator(".wp-summary-pick")).to_be_hidden()


def test_all_three_from_a_folder(new_page, site, collection):
    """Opened as files (file://): the modules and both libraries come by <script src>."""
    page, _ = open_seeded(new_page, site.as_uri() + "/", collection)
    page.locator("button[data-download='summary']").click()
    with page.expect_download() as info:
        page.locator(".wp-summary-pick").get_by_role("button", name="下载", exact=True).click()
    document = Document(info.value.path())
    assert document.tables[1].rows[1].cells[4].text == "1800"
    book = openpyxl.load_workbook(io.BytesIO(_press(page, "下载计划表").path().read_bytes()))
    assert book["计划表"].max_row == 8
    events = Calendar.from_ical(_press(page, "下载日程").path().read_text(encoding="utf-8")).walk("VEVENT")
    assert len(events) == 5


SUMMARY_AS = """async () => {
  await WP.load(["mine-downloads"]);
  await WP.load(["tracking", "summary", "summarydoc"]);
  const state = WP.mine.open().read().state, plans = {}, records = {};
  for (const id of ["relationship-manager", "fintech-specialist"]) {
    plans[id] = await WP.data.loadPlan(id); records[id] = WP.store.open(id).read();
  }
  const doc = WP.summarydoc.doc(WP.summary.now(state, plans, records));
  return {md: WP.export.markdown(doc), text: WP.export.text(doc), html: WP.export.html(doc)};
}"""


def test_the_summary_is_a_doc_every_export_format_writes(new_page, base_url, collection):
    """The 工作总结 is an ordinary Doc: its targets table and its signature lines come out of the
    Markdown, text and HTML writers too (export.js), not only out of Word."""
    page, _ = open_seeded(new_page, base_url, collection)
    out = page.evaluate(SUMMARY_AS)
    label = next(f.label for f in collection.plan(RM).fields if f.id == "deposit-growth")
    title = collection.plan(RM).page_title
    md_lines = out["md"].splitlines()
    header = md_lines.index("| 来源模板 | 目标 | 单位 | 目标值 | 实际值 | 日期 | 完成率 |")
    assert md_lines[header + 1] == "| --- | --- | --- | --- | --- | --- | --- |"
    assert f"| {title} | {label} | 万元 | 3000 | 1800 | 2027-02-28 | 60% |" in md_lines
    assert f"{title}\t{label}\t万元\t3000\t1800\t2027-02-28\t60%" in out["text"].splitlines()
    assert "<th>完成率</th>" in out["html"] and "<td>60%</td>" in out["html"]
    assert "负责人签字:________    日期:________" in out["text"]
