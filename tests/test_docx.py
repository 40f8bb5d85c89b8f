"""下载 Word: WP.exportDocx(doc) (docs/assets/wp/export-docx.js) run in Chromium on a built page,
the .docx read back with python-docx."""
from __future__ import annotations

import base64
import io
import re
import subprocess

import pytest
from docx import Document
from docx.shared import Pt, RGBColor

from support import QuietHandler, serve

pytestmark = pytest.mark.browser

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DEPOSIT = {"id": "deposit", "label": "新增日均存款", "unit": "万元", "placeholder": "XXXX"}
RATE = {"id": "rate", "label": "完成率", "unit": "%", "placeholder": "XX"}
CLIENTS = {"id": "clients", "label": "新增客户", "unit": "户", "placeholder": "XX"}

DOC = {
    "title": "我的计划",
    "subtitle": "银行员工工作计划模板库 · 导出",
    "header": [["姓名", "张三"], ["部门/网点", "城东支行"], ["岗位", "综合柜员"],
               ["计划周期", "2027-01-01 至 2027-06-30"], ["制定日期", ""]],
    "blocks": [
        {"kind": "heading", "level": 1, "text": "一、业务技能学习"},
        {"kind": "note", "text": "来自:新入职柜员工作计划 · 业务技能学习与提升模块", "href": "../plans/teller.html#skills"},
        {"kind": "para", "label": "内容", "runs": [{"text": "学习《柜面业务操作规程》,"},
                                                  {"text": "重点", "bold": True}, {"text": "掌握反洗钱要求。"}]},
        {"kind": "heading", "level": 2, "text": "措施"},
        {"kind": "checklist", "ordered": True, "items": [
            {"checked": True, "lead": "行动1(复盘)",
             "runs": [{"text": "每日复盘,新增日均存款 "}, {"field": DEPOSIT, "value": "3000"}, {"text": " 万元。"}],
             "items": [{"checked": False, "runs": [{"text": "完成率达到 "}, {"field": RATE, "value": ""},
                                                   {"text": "%。"}], "items": []}]},
            {"checked": False, "runs": [{"text": "每周读一本业务书。"}], "items": [], "note": "自定义"},
        ]},
        {"kind": "checklist", "ordered": False, "items": [
            {"checked": True, "runs": [{"text": "整理错题本"}], "items": [
                {"checked": True, "runs": [{"text": "每周请教导师"}], "items": []}]},
        ]},
        {"kind": "heading", "level": 3, "text": "目标"},
        {"kind": "list", "ordered": True, "items": [
            [{"text": "零差错"}],
            [{"text": "新增客户 "}, {"field": CLIENTS, "value": "25"}, {"text": " 户"}]]},
        {"kind": "heading", "level": 4, "text": "要点"},
        {"kind": "list", "ordered": False, "items": [[{"text": "守规矩"}], [{"text": "讲服务"}]]},
    ],
    "signature": True,
}

# What a reader must see, written from DOC above by hand (not from the output).
CHECKLIST = [
    ("☑ 行动1(复盘):每日复盘,新增日均存款 3000 万元。", 0, True),
    ("☐ 完成率达到 ________%。", 1, True),
    ("☐ 每周读一本业务书。(自定义)", 0, True),
    ("☑ 整理错题本", 0, False),
    ("☑ 每周请教导师", 1, False),
]

EXPORT = """async (doc) => {
  await WP.load(["export-docx"]);  // a plan page loads the Word module when it is needed
  const blob = await WP.exportDocx(doc);
  const data = await new Promise((ok, fail) => {
    const r = new FileReader(); r.onload = () => ok(r.result); r.onerror = fail; r.readAsDataURL(blob);
  });
  return {type: blob.type, base64: data.slice(data.indexOf(",") + 1)};
}"""
FAILS = "doc => WP.load(['export-docx']).then(() => WP.exportDocx(doc)).then(() => 'ok', e => e.message)"


def _export_bytes(page, doc=DOC) -> bytes:
    result = page.evaluate(EXPORT, doc)
    assert result["type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    data = base64.b64decode(result["base64"])
    assert data[:2] == b"PK"
    return data


def _export(page, doc=DOC):
    return Document(io.BytesIO(_export_bytes(page, doc)))


@pytest.fixture(scope="module")
def exported(browser, base_url):
    """The .docx of DOC, made once on a plan page; the library requests seen on the way."""
    ctx = browser.new_context(locale="zh-CN")
    page = ctx.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(base_url + "plans/teller.html", wait_until="networkidle")
    loaded_before = page.evaluate("typeof window.docx")
    before = [u for u in requests if "/vendor/docx/" in u]
    data = _export_bytes(page)
    _export(page, {"title": "第二次", "blocks": []})
    ctx.close()
    assert errors == []
    return {"doc": Document(io.BytesIO(data)), "bytes": data, "before": before, "loaded_before": loaded_before,
            "library": [u for u in requests if "/vendor/docx/" in u]}


def _body(document):
    """(style name, text, paragraph) in document order, tables left out."""
    return [(p.style.name, p.text, p) for p in document.paragraphs]


def test_library_is_loaded_only_when_a_word_file_is_asked_for(exported):
    assert exported["loaded_before"] == "undefined" and exported["before"] == []
    assert [u.rsplit("/", 1)[1] for u in exported["library"]] == ["docx.umd.js"]  # once for two exports


def test_title_and_headings_use_word_heading_styles(exported):
    body = _body(exported["doc"])
    assert body[0][:2] == ("Title", "我的计划")
    headings = [(style, text) for style, text, _ in body if style.startswith("Heading")]
    assert headings == [("Heading 1", "一、业务技能学习"), ("Heading 2", "措施"),
                        ("Heading 3", "目标"), ("Heading 4", "要点")]


def test_header_block_is_a_two_column_table(exported):
    tables = exported["doc"].tables
    assert len(tables) == 1
    rows = [[cell.text for cell in row.cells] for row in tables[0].rows]
    assert rows == [["姓名", "张三"], ["部门/网点", "城东支行"], ["岗位", "综合柜员"],
                    ["计划周期", "2027-01-01 至 2027-06-30"], ["制定日期", "________"]]
    assert all(r.bold for r in tables[0].rows[0].cells[0].paragraphs[0].runs)


def _numbering(paragraph):
    num = paragraph._p.find(f"{W}pPr/{W}numPr")
    return None if num is None else int(num.find(f"{W}ilvl").get(f"{W}val"))


def test_checklist_items_carry_boxes_values_blanks_and_nesting(exported):
    body = _body(exported["doc"])
    items = [(text, p) for _, text, p in body if text and text[0] in "☐☑"]
    assert [text for text, _ in items] == [text for text, _, _ in CHECKLIST]
    for (text, p), (_, level, ordered) in zip(items, CHECKLIST):
        if ordered:  # Word's own numbering, nested items one level down
            assert _numbering(p) == level, text
        else:
            assert _numbering(p) is None
            assert p.paragraph_format.left_indent == Pt(21) * (level + 1), text
    filled = items[0][1]
    value = [r for r in filled.runs if r.text == "3000"]
    assert value and value[0].underline  # the value stands where the placeholder was
    assert "XXXX" not in "".join(t for _, t, _ in body) and "XX%" not in items[1][0]
    note = [r for r in items[2][1].runs if "自定义" in r.text][0]
    assert note.font.size == Pt(9)
    lead = [r for r in filled.runs if r.text.startswith("行动1")][0]
    assert lead.bold


def test_paragraphs_lists_and_notes(exported):
    body = _body(exported["doc"])
    texts = [t for _, t, _ in body]
    assert "内容:学习《柜面业务操作规程》,重点掌握反洗钱要求。" in texts
    para = body[texts.index("内容:学习《柜面业务操作规程》,重点掌握反洗钱要求。")][2]
    assert [r.text for r in para.runs if r.bold] == ["内容:", "重点"]
    for text in ("零差错", "新增客户 25 户", "守规矩", "讲服务"):
        p = body[texts.index(text)][2]
        assert _numbering(p) == 0, text  # numbered or bulleted by Word, no typed markers
    note = body[texts.index("来自:新入职柜员工作计划 · 业务技能学习与提升模块")][2]
    run = note._p.iter(f"{W}r").__next__()
    size = run.find(f"{W}rPr/{W}sz").get(f"{W}val")
    assert size == "18" and run.find(f"{W}rPr/{W}color").get(f"{W}val") == "666666"
    # the page is on a web server, so the note links back to the template
    links = list(note._p.iter(f"{W}hyperlink"))
    assert len(links) == 1
    rel = note.part.rels[links[0].get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")]
    # Word keeps the part after # apart, as the hyperlink's w:anchor
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/plans/teller\.html", rel.target_ref)
    assert links[0].get(f"{W}anchor") == "skills"


def test_signature_lines(exported):
    texts = [t for _, t, _ in _body(exported["doc"])]
    sign = [t for t in texts if "本人签字" in t or "主管审阅" in t]
    assert len(sign) == 2 and all("日期" in t and "____" in t for t in sign)
    assert texts.index(sign[0]) > texts.index("讲服务")  # after the plan


def test_a4_page_numbers_and_chinese_font(exported):
    document = exported["doc"]
    section = document.sections[0]
    assert abs(section.page_width.mm - 210) < 0.5 and abs(section.page_height.mm - 297) < 0.5
    footer = section.footer._element.xml
    instr = " ".join(section.footer._element.xpath(".//w:instrText/text()")) + " ".join(
        section.footer._element.xpath(".//w:fldSimple/@w:instr"))
    assert "PAGE" in instr and "NUMPAGES" in instr, footer
    assert "第" in section.footer.paragraphs[0].text
    defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(f"{W}eastAsia") == "SimSun" and defaults.get(f"{W}ascii") == "Times New Roman"


def test_clear_messages_when_the_library_is_missing_or_the_doc_is_not_one(page, watch, base_url):
    page.route("**/vendor/docx/docx.umd.js", lambda route: route.abort())
    page.goto(base_url + "plans/teller.html")
    assert page.evaluate(FAILS, DOC).startswith("无法加载 Word 导出组件")
    assert page.evaluate(FAILS, None) == "没有可导出的内容,无法生成 Word 文件。"
    watch.console_errors.clear()  # the refused script is logged by the browser itself
    page.unroute("**/vendor/docx/docx.umd.js")
    assert _export(page).paragraphs[0].text == "我的计划"  # asking again loads it
    assert page.evaluate(FAILS, {"title": "x", "blocks": [{"kind": "picture"}]}).startswith("导出内容中有无法识别的部分")
    assert page.evaluate(FAILS, {"title": "x", "blocks": [{"kind": "table"}]}).startswith("导出内容中有无法识别的表格")


def test_works_from_a_folder(page, site):
    page.goto(site.as_uri() + "/plans/teller.html")
    document = _export(page)
    assert [c.text for c in document.tables[0].rows[0].cells] == ["姓名", "张三"]
    note = [p for p in document.paragraphs if p.text.startswith("来自")][0]
    assert list(note._p.iter(f"{W}hyperlink")) == []  # a file:// link would be useless to the reader


class _StrictHeaders(QuietHandler):
    def end_headers(self):
        self.send_header("Content-Security-Policy", "default-src 'self'; script-src 'self'; object-src 'none'")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()


def test_works_under_a_strict_content_security_policy(browser, site):
    url, server = serve(site, _StrictHeaders)
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        messages = []
        page.on("console", lambda m: messages.append(m.text))
        page.goto(url + "plans/teller.html")
        assert _export(page).paragraphs[0].style.name == "Title"
        assert [m for m in messages if "eval" in m or "docx" in m] == []
    finally:
        ctx.close()
        server.shutdown()
        server.server_close()


def test_libreoffice_opens_it_and_prints_it_on_a4(exported, tmp_path):
    """A second, independent reader: LibreOffice Writer (scripts/setup.sh --test installs it)
    converts the file to PDF; the PDF's text and page size are read with poppler's tools."""
    source = tmp_path / "plan.docx"
    source.write_bytes(exported["bytes"])
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                            capture_output=True, text=True, timeout=120)
    pdf = tmp_path / "plan.pdf"
    assert pdf.is_file(), result.stdout + result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    assert lines[0] == "我的计划"
    assert "姓名 张三" in lines and "制定日期 ________" in lines
    assert any(line.endswith("☑ 行动 1(复盘):每日复盘,新增日均存款 3000 万元。") for line in lines), lines
    assert "(1) ☐ 完成率达到 ________%。" in lines
    assert lines[-1] == "第1页/共1页"  # the footer's page fields, computed by LibreOffice
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info), info
