"""A .docx article (written here with python-docx, numbers as Word automatic numbering) imports
like the same article as .txt; headers, footers, page-number lines, tables; damaged files."""
from __future__ import annotations

import re
import subprocess
import zipfile

import docx
import pytest

from docx_article import write_article
from import_support import SMALL, run_import
from macros.core.importer import ImportFailure, import_source
from macros.core.importer.docx_numbering import Numbering, chinese_counting
from macros.core.importer.docx_source import read_docx
from source_text import SOURCE


@pytest.fixture(scope="module")
def source_docx(tmp_path_factory):
    return write_article(SOURCE.read_text(encoding="utf-8"), tmp_path_factory.mktemp("docx") / "source.docx")


def test_numbers_are_not_in_the_text_but_in_the_numbering_definitions(source_docx):
    document = docx.Document(str(source_docx))
    texts = [p.text for p in document.paragraphs]
    assert "引言与自我定位" in texts and not any(t.startswith(("一、", "(一)", "1.")) for t in texts)
    xml = document.part.numbering_part.element.xml
    assert 'w:val="chineseCounting"' in xml and 'w:startOverride' in xml


def test_docx_gives_the_same_plans_as_the_txt(source_docx):
    from_txt = import_source(SOURCE, "source")
    from_docx = import_source(source_docx, "source")
    assert len(from_docx.drafts) == 5
    for a, b in zip(from_txt.drafts, from_docx.drafts):
        assert b.data == a.data
        assert b.unimported == []
    assert [text for _, text, _ in from_docx.unimported] == [text for _, text, _ in from_txt.unimported]


def test_word_numbering_as_word_shows_it(source_docx):
    lines, _, _ = read_docx(source_docx)
    texts = [line.text for line in lines]
    assert "四、自我评估与发展期望" in texts          # chineseCounting "%1、", restarted per 篇
    assert texts.count("一、引言与自我定位") == 1
    assert "(四)团队协作与沟通模块" in texts           # "(%1)"
    assert "3. 第三阶段:产品知识融会贯通" in texts     # decimal "%1." continued across bullets
    assert "1. 服务规范内化于心:" in texts              # restarted by a new w:num with startOverride
    assert "• 每日利用下班后一小时,对当日接触到的业务规程进行复盘和背诵。" in texts  # Symbol-font bullet → •


NUMBERED_LINE = re.compile(r"^(?:[一二三四五六七八九十]+、|([一二三四五六七八九十]+)|\d+\.)")


@pytest.mark.browser  # LibreOffice
def test_numbers_match_libreoffice(source_docx, tmp_path):
    """A second, independent reader of the numbering: LibreOffice Writer (scripts/setup.sh --test
    installs it) writes the document as text with the numbers it shows; every numbered line must
    read the same as ours (bullets aside: LibreOffice draws its own glyph per level)."""
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "txt:Text",
                             "--outdir", str(tmp_path), str(source_docx)], capture_output=True, text=True, timeout=120)
    exported = tmp_path / "source.txt"
    assert exported.is_file(), result.stdout + result.stderr
    theirs = [re.sub(r"\s", "", line) for line in exported.read_text(encoding="utf-8-sig").splitlines()]
    ours = [re.sub(r"\s", "", line.text) for line in read_docx(source_docx)[0]]
    theirs = [line for line in theirs if NUMBERED_LINE.match(line)]
    ours = [line for line in ours if NUMBERED_LINE.match(line)]
    assert len(ours) >= 50  # 一、 (一) and 1. lines of five plans
    assert ours == theirs


def test_chinese_counting():
    assert [chinese_counting(n) for n in (1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110)] == \
        ["一", "九", "十", "十一", "十九", "二十", "二十一", "九十九", "一百", "一百零一", "一百一十"]


def _numbering_doc(tmp_path, restart_attr: str = "", legal: bool = False):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    document = docx.Document()
    numbering = document.part.numbering_part.element
    lvl1 = f'<w:lvlRestart w:val="{restart_attr}"/>' if restart_attr != "" else ""
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="1">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1章"/></w:lvl>'
        f'<w:lvl w:ilvl="1"><w:start w:val="1"/>{lvl1}{"<w:isLgl/>" if legal else ""}<w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="1"><w:abstractNumId w:val="1"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="2"><w:abstractNumId w:val="1"/></w:num>'))
    for num, ilvl, text in [(1, 0, "甲"), (1, 1, "乙"), (1, 1, "丙"), (2, 0, "丁"), (1, 1, "戊")]:
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>'))
    path = tmp_path / "n.docx"
    document.save(str(path))
    document = docx.Document(str(path))
    numbering = Numbering.from_document(document)
    from macros.core.importer.docx_numbering import paragraph_numpr
    return [numbering.next_label(*paragraph_numpr(p)) for p in document.paragraphs]


def test_levels_restart_and_instances_of_one_list_share_counters(tmp_path):
    # num 2 continues num 1's list (same abstractNum, no override); level 2 restarts under a new chapter
    assert _numbering_doc(tmp_path) == ["第一章", "一.1", "一.2", "第二章", "二.1"]


def test_lvl_restart_zero_never_restarts_and_is_lgl_shows_decimals(tmp_path):
    assert _numbering_doc(tmp_path, restart_attr="0", legal=True) == ["第一章", "1.1", "1.2", "第二章", "2.3"]


def test_header_footer_page_number_line_table_and_line_breaks(tmp_path):
    text = SMALL.replace("二、具体实施计划与措施", "二、年度目标\n\n三、具体实施计划与措施").replace("三、总结", "四、总结")
    lines = text.splitlines()
    goals_line = lines.index("二、年度目标") + 1
    path = write_article(text, tmp_path / "loan.docx", header="某某银行培训中心 内部资料", footer="第 1 页",
                         page_line_after=lines.index("作为一名信贷审批人员,我负责守住资产质量。") + 1,
                         table_after=(goals_line, [["指标", "目标值"], ["审批效率", "平均审批时长缩短至 X 天。"],
                                                    ["资产质量", "不良贷款率控制在 XX% 以内。"]]))
    result = import_source(path, "loan-officer")
    data = result.drafts[0].data
    assert [(t["title"], t["text"]) for t in data["goals"]["targets"]] == [
        ("审批效率", "平均审批时长缩短至 [[goals-1-value]] 天。"), ("资产质量", "不良贷款率控制在 [[goals-2-value]]% 以内。")]
    assert [(f["unit"], f["kind"]) for f in data["fields"]] == [("天", "number"), ("%", "number")]
    left = {text: reason for _, text, reason in result.unimported}
    assert left == {"某某银行培训中心 内部资料": "Word 页眉", "第 1 页": "Word 页脚", "第 3 页 共 9 页": "页码行",
                    "指标:目标值": "表格的表头行"}
    stage = data["body"]["sections"][0]["sections"][0]
    assert [i["text"] for i in stage["measures"]["items"]] == ["每周复盘一次退回的审批案例。", "每月整理一次审批要点。"]


def test_line_breaks_inside_a_paragraph_are_lines(tmp_path):
    text = SMALL.replace("三、总结\n\n我将以审慎的态度做好每一笔审批。",
                         "三、总结\n\n我期望在年底做到:\n审批零差错。\n客户零投诉。\n\n我将以审慎的态度做好每一笔审批。")
    path = write_article(text, tmp_path / "breaks.docx")
    assert "\n" in docx.Document(str(path)).paragraphs[-2].text
    closing = import_source(path, "x").drafts[0].data["closing"]
    assert closing["bullets"] == ["审批零差错。", "客户零投诉。"]
    assert closing["outro"] == ["我将以审慎的态度做好每一笔审批。"]


def _refused(tmp_path, path, *words):
    with pytest.raises(ImportFailure) as info:
        import_source(path)
    for word in words:
        assert word in str(info.value)
    result = run_import(path, "-o", tmp_path / "out" / "x.yml")
    assert result.returncode == 2 and "没有写出任何文件" in result.stderr
    assert not (tmp_path / "out").exists()


def test_not_a_docx(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_text("一、引言\n这其实是文本文件", encoding="utf-8")
    _refused(tmp_path, path, "不是有效的 .docx")


def test_zip_that_is_not_a_word_document(tmp_path):
    path = tmp_path / "plan.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    _refused(tmp_path, path, "不是 Word 文档")


def test_damaged_docx(tmp_path, source_docx):
    path = tmp_path / "plan.docx"
    path.write_bytes(source_docx.read_bytes()[: source_docx.stat().st_size // 2])
    _refused(tmp_path, path, ".docx")


def test_encrypted_docx(tmp_path):
    """Word saves a password-protected .docx as an OLE compound file (EncryptedPackage inside)."""
    path = tmp_path / "plan.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le"))
    _refused(tmp_path, path, "加密")


def test_empty_docx(tmp_path):
    path = tmp_path / "plan.docx"
    docx.Document().save(str(path))
    _refused(tmp_path, path, "没有可导入的文字")
