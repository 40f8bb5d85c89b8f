"""One quarter followed the way README's “跟进一个季度” tells it, by the page's own controls only:
targets and measures picked, a target value set, due days, owners and planned review days, the
calendar, ticks and monthly 实际值, the overview, two reviews compared, and the 工作总结 of the last
review handed in. The files are read back with icalendar, openpyxl and python-docx. The page clock
moves through the quarter; storage is the browser's, kept between the steps."""
from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest
from docx import Document
from icalendar import Calendar
from playwright.sync_api import expect

from test_reviews import open_panel, record

pytestmark = pytest.mark.browser

PLAN = "relationship-manager"
GOALS = "kpi"                 # 年度核心绩效指标(KPI)分解与量化: the targets
FIELD = "deposit-growth"      # 新增日均存款 [[deposit-growth]] 万元


def at(page, day, path):
    page.clock.set_fixed_time(day + "T10:00:00")
    page.goto(path)


def measures_section(collection):
    s = next(s for s in collection.plan(PLAN).sections() if s.measures and len(s.measures.items) >= 2)
    return s, s.measures.items[0], s.measures.items[1]


def row(page, item_id):
    return page.locator(f".wp-entry:has(> input.wp-check[data-item='{item_id}'])")


def follow(page, item_id, due=None, owner=None, status=None):
    button = row(page, item_id).locator(":scope > .wp-follow, :scope > .wp-entry-tools > .wp-follow")
    button.click()
    panel = page.locator(".wp-follow-panel")
    expect(panel).to_be_visible()
    if due:
        panel.get_by_label("截止日期").fill(due)
    if owner:
        panel.get_by_label("负责人").fill(owner)
    if status:
        panel.get_by_role("radio", name=status).check()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()


def figure(page, day, value):
    toggle = page.locator(f".wp-fig-toggle[data-field='{FIELD}']").first
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    panel = page.locator(f"#wp-fig-{PLAN}--{FIELD}")
    panel.locator("[data-fig=day]").fill(day)
    panel.locator("[data-fig=value]").fill(value)
    panel.locator("[data-fig=add]").click()
    expect(panel.locator("tbody tr", has_text=day)).to_have_count(1)


def review(page, day, done, problems, nxt):
    if not page.locator("#wp-review").is_visible():
        open_panel(page)
    record(page, day, done, problems, nxt)


def download(page, name):
    with page.expect_download() as info:
        page.locator(".wp-tools--mine").get_by_role("button", name=name, exact=True).click()
    return info.value


def test_one_quarter_from_plan_to_work_summary(new_page, base_url, collection, tmp_path):
    s, first, second = measures_section(collection)
    page = new_page(accept_downloads=True)

    # 1. the plan: the targets and a section of measures picked, a target value in the blank
    at(page, "2027-01-04", base_url + f"plans/{PLAN}.html")
    for sid in (GOALS, s.id):
        button = page.locator(f"[data-section='{sid}'] .wp-pick").first
        button.click()
        expect(button).to_have_text("移出我的计划")
    page.locator(f"input.wp-input[data-field='{FIELD}']").fill("3000")
    page.locator(f"input.wp-input[data-field='{FIELD}']").blur()
    at(page, "2027-01-04", base_url + "mine.html")
    for key, value in (("name", "王五"), ("unit", "城东支行"), ("from", "2027-01-01"), ("to", "2027-03-31")):
        page.locator(f"#wp-mine-{key}").fill(value)
        page.locator(f"#wp-mine-{key}").blur()

    # 2. due days, owners, planned review days; the calendar
    follow(page, first.id, due="2027-01-25", owner="王五", status="进行中")
    follow(page, second.id, due="2027-02-15", owner="李四")
    page.locator(".wp-overview").get_by_role("button", name="回顾").click()
    for day in ("2027-01-31", "2027-02-28", "2027-03-31"):
        page.locator("#wp-review-planned").fill(day)
        page.get_by_role("button", name="添加回顾日期").click()
    expect(page.locator(".wp-review-planned-day")).to_have_count(3)
    ics = Calendar.from_ical(download(page, "下载日程").path().read_bytes())
    events = [e for e in ics.walk("VEVENT")]
    starts = sorted(e.decoded("DTSTART") for e in events)
    assert starts == [date(2027, 1, 25), date(2027, 1, 31), date(2027, 2, 15), date(2027, 2, 28), date(2027, 3, 31)]
    assert all(e.get("UID") and list(e.walk("VALARM")) for e in events)

    # 3.–5. January: a figure, the review (first measure still 进行中)
    at(page, "2027-01-31", base_url + "mine.html")
    figure(page, "2027-01-31", "1200")
    expect(page.locator(".wp-overview")).to_contain_text("完成率 40%")
    review(page, "2027-01-31", "走访客户 20 户。", "贷款投放偏慢。", "二月走访重点企业。")

    # February: the first measure done by its tick, the second now late; a figure; the review
    at(page, "2027-02-28", base_url + "mine.html")
    row(page, first.id).locator("input.wp-check").check()
    figure(page, "2027-02-28", "1800")
    overview = page.locator(".wp-overview")
    expect(overview).to_contain_text("完成率 60%")  # the latest over the target, not 3000 over a sum
    expect(overview.locator(".wp-ov-count--late")).to_contain_text("1")
    expect(row(page, second.id)).to_contain_text("已逾期")
    review(page, "2027-02-28", "新增存款 1800 万元。", "第二项措施逾期。", "三月补齐。")
    compare = page.locator(".wp-review-compare")
    compare.get_by_role("button", name="比较两次回顾").click()
    view = page.locator(".wp-review-view")
    expect(view.locator(".wp-rv-moved .wp-rv-from-to").first).to_have_text("进行中 → 已完成")
    expect(view.locator(".wp-rv-target")).to_contain_text("实际值 1,200 → 1,800 万元 · 完成率 40% → 60%")

    # 4. the manager's sheet
    book = openpyxl.load_workbook(io.BytesIO(download(page, "下载计划表").path().read_bytes()))
    rows = {r[2]: r for r in book["计划表"].iter_rows(min_row=2, values_only=True)}
    statuses = sorted((r[3], r[4]) for r in rows.values() if r[4] is not None)
    assert statuses == [("已完成", datetime(2027, 1, 25)), ("未开始", datetime(2027, 2, 15))]

    # 6. the 工作总结 of the last review
    page.locator("button[data-download='summary']").click()
    choice = page.locator("#wp-summary-of")
    choice.select_option(label=next(o for o in choice.locator("option").all_inner_texts() if "2027-02-28" in o))
    with page.expect_download() as info:
        page.locator(".wp-summary-pick").get_by_role("button", name="下载", exact=True).click()
    document = Document(info.value.path())
    texts = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "王五" in cells and "2027-02-28" in cells
    assert texts[texts.index("本期完成情况") + 1] == "新增存款 1800 万元。"
    assert texts[texts.index("存在问题") + 1] == "第二项措施逾期。"
    assert {"3000", "1800", "60%"} <= set(cells)
    late = texts.index("三、已逾期事项")
    assert "已逾期" in texts[late] and texts[late + 1] != "无。"
