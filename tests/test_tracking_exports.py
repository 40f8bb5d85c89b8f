"""下载计划表 and 下载日程: WP.exportXlsx (docs/assets/wp/export-xlsx.js) and WP.exportIcs
(docs/assets/wp/export-ics.js) run in Chromium on the built 我的计划 page with fixed inputs; the
workbook read back with openpyxl and LibreOffice, the calendar with the icalendar package."""
from __future__ import annotations

import base64
import csv
import io
import subprocess
from datetime import date, datetime

import openpyxl
import pytest
from icalendar import Calendar

from support import QuietHandler, serve

pytestmark = pytest.mark.browser

# 300 characters of Chinese with the separators CSV and iCalendar must not trip on, in long lines
NOTE = (("一季度走访客户 30 户, 新增存款 500 万元; 整理错题本,每周复盘;" * 3 + "\n") * 5)[:300]
TITLE = "每日复盘当天业务,整理错题本 📒"
MEASURES = [
    {"template": "新入职柜员工作计划", "section": "业务技能学习", "text": TITLE, "status": "进行中",
     "due": "2027-03-31", "owner": "张三", "note": NOTE},
    {"template": "新入职柜员工作计划", "section": "业务技能学习", "text": "每周读一本业务书", "status": "已完成",
     "due": "", "owner": "", "note": ""},
    {"template": "客户经理季度计划", "section": "客户拓展", "text": "走访社区商户", "status": "已搁置",
     "due": "2028-02-29", "owner": "李四", "note": "等候支行安排"},
]
TARGETS = [
    {"template": "客户经理季度计划", "section": "业绩目标", "text": "存款新增", "unit": "万元", "target": 500,
     "entries": [{"date": "2027-01-31", "value": 120}, {"date": "2027-03-31", "value": 320},
                 {"date": "2027-02-28", "value": 200.5}]},
    {"template": "客户经理季度计划", "section": "业绩目标", "text": "客户满意度", "unit": "%", "target": None,
     "entries": [{"date": "2027-03-31", "value": 95}]},
    {"template": "新入职柜员工作计划", "section": "差错控制", "text": "差错笔数", "unit": "笔", "target": 0,
     "entries": [{"date": "2027-03-31", "value": 0}]},
    {"template": "客户经理季度计划", "section": "业绩目标", "text": "新增客户", "unit": "户", "target": 30,
     "entries": []},
]
PLAN = {"title": "我的计划", "measures": MEASURES, "targets": TARGETS}

XLSX = """async (plan) => {
  await WP.load(["export-xlsx"]);  // the 我的计划 page loads the module when 下载计划表 is pressed
  const late = new Promise((_, no) => setTimeout(() => no(new Error("一分钟内没有写完")), 60000));
  const blob = await Promise.race([WP.exportXlsx(plan), late]);
  const data = await new Promise((ok, fail) => {
    const r = new FileReader(); r.onload = () => ok(r.result); r.onerror = fail; r.readAsDataURL(blob);
  });
  return {type: blob.type, base64: data.slice(data.indexOf(",") + 1)};
}"""
XLSX_FAILS = "plan => WP.load(['export-xlsx']).then(() => WP.exportXlsx(plan)).then(() => 'ok', e => e.message)"
ICS = "async ([cal, now]) => { await WP.load(['export-ics']); return WP.exportIcs(cal, new Date(now)); }"
ICS_FAILS = "cal => WP.load(['export-ics']).then(() => WP.exportIcs(cal)).then(() => 'ok', e => e.message)"

LIBRARY = "/vendor/write-excel-file/"


def _xlsx_bytes(page, plan=PLAN) -> bytes:
    result = page.evaluate(XLSX, plan)
    assert result["type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return base64.b64decode(result["base64"])


@pytest.fixture(scope="module")
def workbook(browser, base_url):
    """The .xlsx of PLAN, made twice on 我的计划; the requests seen before and after."""
    ctx = browser.new_context(locale="zh-CN")
    page = ctx.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + "mine.html", wait_until="networkidle")
    before = {"global": page.evaluate("typeof window.writeXlsxFile"),
              "requests": [u for u in requests if "write-excel-file" in u or "export-xlsx" in u]}
    page.evaluate("WP.load(['export-xlsx'])")  # the module alone does not fetch the library
    page.wait_for_timeout(300)
    module = [u.rsplit("/", 1)[1] for u in requests if "write-excel-file" in u or "export-xlsx" in u]
    data = _xlsx_bytes(page)
    _xlsx_bytes(page, {"measures": [], "targets": []})
    ctx.close()
    assert errors == []
    return {"bytes": data, "book": openpyxl.load_workbook(io.BytesIO(data)), "before": before, "module": module,
            "library": [u.rsplit("/", 1)[1] for u in requests if LIBRARY in u]}


def test_library_is_fetched_only_when_a_workbook_is_asked_for(workbook):
    assert workbook["before"] == {"global": "undefined", "requests": []}
    assert workbook["module"] == ["export-xlsx.js"]
    assert workbook["library"] == ["write-excel-file.sync.min.js"]  # once for two workbooks


def test_sheets_have_a_frozen_header_row(workbook):
    book = workbook["book"]
    assert book.sheetnames == ["计划表", "目标", "实际值记录"]
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert all(c.font.b for c in ws[1]), ws.title
    assert [c.value for c in book["计划表"][1]] == ["来源模板", "章节", "措施", "状态", "截止日期", "负责人", "备注"]
    assert [c.value for c in book["目标"][1]] == ["来源模板", "章节", "目标", "单位", "目标值", "实际值", "日期", "完成率"]
    assert [c.value for c in book["实际值记录"][1]] == ["来源模板", "章节", "目标", "单位", "日期", "实际值"]


def test_one_row_per_measure_with_real_dates_and_whole_text(workbook):
    ws = workbook["book"]["计划表"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert rows == [
        ["新入职柜员工作计划", "业务技能学习", TITLE, "进行中", datetime(2027, 3, 31), "张三", NOTE],
        ["新入职柜员工作计划", "业务技能学习", "每周读一本业务书", "已完成", None, None, None],
        ["客户经理季度计划", "客户拓展", "走访社区商户", "已搁置", datetime(2028, 2, 29), "李四", "等候支行安排"],
    ]
    due = ws["E2"]
    assert due.data_type == "d" or (due.data_type == "n" and due.is_date)
    assert due.number_format == "yyyy-mm-dd"
    assert ws["G2"].alignment.wrap_text


def test_columns_are_sized_for_wide_characters(workbook):
    ws = workbook["book"]["计划表"]
    width = {col: ws.column_dimensions[col].width for col in "ABCDEFG"}
    assert width["A"] >= 2 * len("新入职柜员工作计划")      # nine characters Excel draws two wide
    assert width["B"] >= 2 * len("业务技能学习") and width["B"] < width["A"]
    assert width["C"] >= 2 * len(TITLE)                    # the longest measure
    assert 2 * len("截止日期") <= width["E"] <= 14
    assert 40 <= width["G"] <= 80                          # a long note wraps instead of a 200-wide column


def test_targets_show_the_latest_figure_and_its_rate_as_a_percentage(workbook):
    ws = workbook["book"]["目标"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    # 存款新增: the latest entry by date is 320 of 500 (not the last in the list, not the sum)
    assert rows[0][:7] == ["客户经理季度计划", "业绩目标", "存款新增", "万元", 500, 320, datetime(2027, 3, 31)]
    assert rows[0][7] == pytest.approx(0.64)
    rate = ws["H2"]
    assert rate.data_type == "n" and "%" in rate.number_format
    assert ws["E2"].data_type == "n" and ws["F2"].data_type == "n"
    assert rows[1][4:] == [None, 95, datetime(2027, 3, 31), None]   # no 目标值: no rate
    assert rows[2][4:] == [0, 0, datetime(2027, 3, 31), None]       # 目标值 0: no division
    assert rows[3][4:] == [30, None, None, None]                    # no entry yet


def test_every_entry_is_a_row_of_its_own(workbook):
    ws = workbook["book"]["实际值记录"]
    rows = [[c.value for c in row][2:] for row in ws.iter_rows(min_row=2)]
    assert rows == [["存款新增", "万元", datetime(2027, 1, 31), 120],
                    ["存款新增", "万元", datetime(2027, 3, 31), 320],
                    ["存款新增", "万元", datetime(2027, 2, 28), 200.5],
                    ["客户满意度", "%", datetime(2027, 3, 31), 95],
                    ["差错笔数", "笔", datetime(2027, 3, 31), 0]]
    assert all(ws.cell(r, 6).data_type == "n" for r in range(2, 7))


def test_libreoffice_opens_every_sheet(workbook, tmp_path):
    """A second, independent reader: LibreOffice Calc converts each sheet to UTF-8 CSV, the
    cells as shown (dates and percentages in their formats)."""
    source = tmp_path / "plan.xlsx"
    source.write_bytes(workbook["bytes"])
    profile = (tmp_path / "lo-profile").as_uri()
    # 44 comma, 34 quote, 76 UTF-8, 1 from row 1; …, -1 = every sheet into a file of its own
    result = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                             'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
                             "--outdir", str(tmp_path), str(source)], capture_output=True, text=True, timeout=120)

    def sheet(name):
        path = tmp_path / f"plan-{name}.csv"
        assert path.is_file(), result.stdout + result.stderr
        return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))

    plan = sheet("计划表")
    assert plan[0] == ["来源模板", "章节", "措施", "状态", "截止日期", "负责人", "备注"]
    assert plan[1] == ["新入职柜员工作计划", "业务技能学习", TITLE, "进行中", "2027-03-31", "张三", NOTE]
    assert plan[3][4] == "2028-02-29" and len(plan) == 4
    targets = sheet("目标")
    assert targets[1] == ["客户经理季度计划", "业绩目标", "存款新增", "万元", "500", "320", "2027-03-31", "64.0%"]
    assert targets[3][4:] == ["0", "0", "2027-03-31", ""]
    assert sheet("实际值记录")[3][4:] == ["2027-02-28", "200.5"]


def test_bad_input_is_refused_in_chinese(page, base_url):
    page.goto(base_url + "mine.html")
    impossible = {"measures": [{**MEASURES[0], "due": "2027-02-30"}], "targets": []}
    assert page.evaluate(XLSX_FAILS, impossible) == \
        "无法生成计划表:第 1 条措施的截止日期的日期“2027-02-30”不是有效日期(应写成 2027-03-31 这样)。"
    text_figure = {"measures": [], "targets": [{**TARGETS[0], "entries": [{"date": "2027-01-31", "value": "320"}]}]}
    assert page.evaluate(XLSX_FAILS, text_figure) == "无法生成计划表:第 1 个目标的第 1 个实际值应是数字,现在是“320”。"
    assert page.evaluate(XLSX_FAILS, {"measures": [{**MEASURES[0], "status": "完成"}]}).startswith(
        "无法生成计划表:第 1 条措施的状态“完成”应是 未开始、进行中、已完成、已搁置 之一")
    assert page.evaluate(XLSX_FAILS, {"measures": [], "targets": [{**TARGETS[0], "target": "500"}]}) == \
        "无法生成计划表:第 1 个目标的目标值应是数字,现在是“500”。"


def test_a_missing_library_is_named_and_a_later_try_loads_it(page, watch, base_url):
    page.route(f"**{LIBRARY}write-excel-file.sync.min.js", lambda route: route.abort())
    page.goto(base_url + "mine.html")
    assert page.evaluate(XLSX_FAILS, PLAN).startswith("无法加载 Excel 导出组件")
    watch.console_errors.clear()  # the refused script is logged by the browser itself
    page.unroute(f"**{LIBRARY}write-excel-file.sync.min.js")
    assert _xlsx_bytes(page)[:2] == b"PK"


def test_works_from_a_folder(page, site):
    page.goto(site.as_uri() + "/mine.html")
    book = openpyxl.load_workbook(io.BytesIO(_xlsx_bytes(page)))
    assert book["计划表"]["E2"].value == datetime(2027, 3, 31)


class _PublishedPolicy(QuietHandler):
    """The Content-Security-Policy the published site sends (macros/publish/security.py), for
    what these modules touch: scripts and workers from the site only."""
    def end_headers(self):
        self.send_header("Content-Security-Policy",
                         "default-src 'self'; script-src 'self'; worker-src 'self'; object-src 'none'")
        super().end_headers()


def test_a_large_plan_under_the_published_content_security_policy(browser, site):
    """Thousands of measures: the sheets are larger than the size fflate would hand to a blob:
    Worker, which worker-src 'self' refuses; the workbook must still be written."""
    url, server = serve(site, _PublishedPolicy)
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        messages = []
        page.on("console", lambda m: messages.append(m.text))
        page.goto(url + "mine.html")
        many = [{**MEASURES[0], "text": f"第 {i} 条措施:" + TITLE, "note": f"{i}:" + NOTE} for i in range(3000)]
        book = openpyxl.load_workbook(io.BytesIO(_xlsx_bytes(page, {"measures": many, "targets": TARGETS})))
        ws = book["计划表"]
        assert ws.max_row == 3001 and ws["C3001"].value == "第 2999 条措施:" + TITLE
        assert ws["G3001"].value == "2999:" + NOTE and ws["E3001"].value == datetime(2027, 3, 31)
        # (the page's own inline scripts are refused here: this policy has no hashes for them)
        assert [m for m in messages if "worker" in m.lower() or "blob:" in m or "write-excel" in m] == []
    finally:
        ctx.close()
        server.shutdown()
        server.server_close()


# ------------------------------------------------------------------------------------------ .ics

# a description longer than a line, with every character TEXT must escape, and a backslash
LONG = "本季度重点:" + NOTE + "\n路径 C:\\计划\\第一季度;完"
EVENTS = [
    {"id": "teller/skills/m1", "date": "2027-03-31", "title": "截止:" + TITLE, "description": LONG},
    {"id": "review:2027-q1", "date": "2027-04-01", "title": "季度回顾", "description": ""},
    {"id": "柜员;计划,m2", "date": "2028-02-29", "title": "截止:走访社区商户", "description": "负责人:李四"},
]
CALENDAR = {"calendarName": "我的计划 · 日程", "events": EVENTS}
NOW = "2027-01-05T08:30:00Z"


@pytest.fixture(scope="module")
def ics(browser, base_url):
    """The calendar text made on 我的计划 at NOW, and again a day later."""
    ctx = browser.new_context(locale="zh-CN")
    page = ctx.new_page()
    page.goto(base_url + "mine.html")
    first = page.evaluate(ICS, [CALENDAR, NOW])
    later = page.evaluate(ICS, [CALENDAR, "2027-01-06T09:00:00Z"])
    ctx.close()
    return {"text": first, "later": later, "calendar": Calendar.from_ical(first)}


def test_lines_end_with_crlf_and_are_folded_at_75_octets_between_characters(ics):
    raw = ics["text"].encode("utf-8")
    assert raw.endswith(b"\r\n")
    lines = raw[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines)   # no bare LF or CR
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")                   # strict: no line starts or ends inside a character
    folded = [line for line in lines if line.startswith(b" ")]
    assert len(folded) >= 10                   # the long description spans many lines
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"


def test_calendar_has_version_and_prodid(ics):
    cal = ics["calendar"]
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    assert cal["X-WR-CALNAME"] == "我的计划 · 日程"


def test_every_event_has_uid_dates_stamp_and_a_reminder(ics):
    events = ics["calendar"].walk("VEVENT")
    assert len(events) == 3
    for e in events:
        assert e["UID"] and e["DTSTAMP"].dt == datetime.fromisoformat("2027-01-05T08:30:00+00:00")
        alarms = e.walk("VALARM")
        assert len(alarms) == 1 and alarms[0]["ACTION"] == "DISPLAY" and alarms[0]["DESCRIPTION"]
        assert alarms[0]["TRIGGER"].dt.total_seconds() < 0     # before the day, not after
    starts = [(e["DTSTART"].dt, e["DTEND"].dt) for e in events]
    assert starts == [(date(2027, 3, 31), date(2027, 4, 1)), (date(2027, 4, 1), date(2027, 4, 2)),
                      (date(2028, 2, 29), date(2028, 3, 1))]
    assert all(type(d) is date for pair in starts for d in pair)    # all-day, not a time


def test_long_chinese_text_round_trips_exactly(ics):
    events = ics["calendar"].walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [e["title"] for e in EVENTS]
    assert [str(e["DESCRIPTION"]) for e in events] == [e["description"] for e in EVENTS]
    assert "\\;" in ics["text"] and "\\," in ics["text"] and "\\n" in ics["text"] and "\\\\" in ics["text"]


def test_uids_are_stable_and_distinct_so_a_new_file_updates_the_old(ics):
    uids = [str(e["UID"]) for e in ics["calendar"].walk("VEVENT")]
    again = [str(e["UID"]) for e in Calendar.from_ical(ics["later"]).walk("VEVENT")]
    assert uids == again and len(set(uids)) == 3
    assert all(u.isascii() and "," not in u and ";" not in u for u in uids)
    assert ics["text"] != ics["later"]          # only DTSTAMP moved


def test_bad_calendar_input_is_refused_in_chinese(page, base_url):
    page.goto(base_url + "mine.html")
    bad_date = {"events": [{**EVENTS[0], "date": "2027-13-01"}]}
    assert page.evaluate(ICS_FAILS, bad_date) == \
        "无法生成日程文件:第 1 个日程的日期“2027-13-01”不是有效日期(应写成 2027-03-31 这样)。"
    twice = {"events": [EVENTS[0], {**EVENTS[1], "id": EVENTS[0]["id"]}]}
    assert page.evaluate(ICS_FAILS, twice) == "无法生成日程文件:第 2 个日程的编号“teller/skills/m1”与前面的重复。"
    assert page.evaluate(ICS_FAILS, {"events": [{**EVENTS[0], "title": " "}]}) == "无法生成日程文件:第 1 个日程的标题是空的。"
