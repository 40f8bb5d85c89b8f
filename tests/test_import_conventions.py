"""The importer's conventions one by one: headings, labels, lists, placeholders, junk, ids, YAML."""
from __future__ import annotations

import pytest
import yaml

from import_support import SMALL, article
from import_support import all_ids as _ids
from macros.core.importer import conventions as cv
from macros.core.importer import fields, import_source
from macros.core.importer.junk import split_junk
from macros.core.importer.lines import Line
from macros.core.importer.outline import build, classify
from macros.core.importer.yaml_out import dump


def node(text: str, depth: int = 0):
    return classify(Line(1, depth, text))


@pytest.mark.parametrize("text,kind,label,title", [
    ("一、引言与自我定位", "chapter", "一、", "引言与自我定位"),
    ("第一部分:年度核心绩效指标(KPI)分解与量化", "part", "第一部分", "年度核心绩效指标(KPI)分解与量化"),
    ("第三章:合规文化的“土壤”培育", "chapter", "第三章", "合规文化的“土壤”培育"),
    ("(二)优质文明服务实践模块", "module", "(二)", "优质文明服务实践模块"),
    ("模块四:个人能力矩阵构建与职业素养提升", "module", "模块四", "个人能力矩阵构建与职业素养提升"),
    ("项目一:运营流程再造与效率提升项目", "project", "项目一", "运营流程再造与效率提升项目"),
    ("第二象限:全流程客户体验优化计划", "quadrant", "第二象限", "全流程客户体验优化计划"),
    ("• 第一节:年度制度梳理与修订工程", "section", "第一节", "年度制度梳理与修订工程"),
    ("1. 第一阶段:基础理论知识夯实", "stage", "第一阶段", "基础理论知识夯实"),
    ("• 行动计划2:竞争对手分析与差异化策略。", "action", "行动计划2", "竞争对手分析与差异化策略。"),
    ("• 项目C:O2O服务闭环构建项目", "project", "项目C", "O2O服务闭环构建项目"),
    ("• Q3-Q4:留存与转化", "quarter", "Q3-Q4", "留存与转化"),
])
def test_numbered_headings(text, kind, label, title):
    n = node(text, 1 if text[0] in "•1" else 0)
    assert (n.kind, n.heading_kind.name, n.label, n.title) == ("heading", kind, label, title)


@pytest.mark.parametrize("text,label,title", [
    ("前言:运营管理的使命与挑战", "前言", "运营管理的使命与挑战"),
    ("总结", "", "总结"),
    ("年度运营管理总目标:", "", "年度运营管理总目标"),
])
def test_unnumbered_headings(text, label, title):
    n = node(text)
    assert (n.kind, n.label, n.title) == ("title", label, title)


def test_word_heading_style_makes_a_heading_without_a_number():
    n = classify(Line(1, 0, "附:年度工作重点与时间安排(供参考)", heading=True))
    assert (n.kind, n.label, n.title) == ("title", "附", "年度工作重点与时间安排(供参考)")
    assert classify(Line(1, 0, "附:年度工作重点与时间安排(供参考)")).kind == "text"


def test_text_after_the_title_on_the_part_line_is_kept_for_the_editor(tmp_path):
    draft = import_source(article(tmp_path, SMALL.replace("》\n", "》(2025 版)\n", 1)), "x").drafts[0]
    assert [n.message for n in draft.notes if n.path == ("title",)] == [
        "篇目行在《标题》之外还有“(2025 版)”,没有放进计划:请决定放在哪里"]


@pytest.mark.parametrize("text,kind", [
    ("  1. 服务规范内化于心:", "slot"),                    # numbered, short, ends with a colon: holds what follows
    ("  1. 学习目标:在规定时间内掌握柜面业务。", "item"),   # numbered with a sentence: a measure / target
    ("    • 措施:", "slot"),                              # announces the measures below it
    ("    • 内容:熟记并践行服务标准。", "item"),            # a labelled paragraph (decided by the section)
    ("假设年度核心KPI如下(具体数值根据实际情况设定):", "text"),
    ("核心工作理念: 以用户为中心,以数据为驱动。", "text"),
])
def test_lines_that_are_not_headings(text, kind):
    assert node(text.strip(), (len(text) - len(text.lstrip())) // 2).kind == kind


def test_item_label_and_title():
    m = cv.ITEM_LABEL.match("行动1(渠道拉新):与市场部合作。")
    assert m.groups() == ("行动1", "渠道拉新", "与市场部合作。")
    assert cv.split_label("“每日一讲,每周一练”:利用晨会时间。") == ("“每日一讲,每周一练”", "利用晨会时间。")
    assert cv.split_label("根据客户的资产规模、贡献度等维度,将客户分为:核心客户、一般客户。") is None


@pytest.mark.parametrize("text,label,placeholder,unit,kind", [
    ("新增日均存款 XXXX 万元。", "新增日均存款", "XXXX", "万元", "number"),
    ("其中普惠金融贷款占比不低于 XX%。", "普惠金融贷款占比不低于", "XX", "%", "number"),
    ("新增高净值个人客户 XX 户。", "新增高净值个人客户", "XX", "户", "number"),
    ("全年组织培训 X 次。", "全年组织培训", "X", "次", "number"),
    ("不良率控制在 X% 以内。", "不良率控制在", "X", "%", "number"),
    ("计划考取XX资格证书(如CFP)。", "资格证书名称", "XX", None, "text"),
    ("年内完成 ____ 份行业报告。", "年内完成…份行业报告", "____", "份", "number"),
])
def test_placeholder_forms(text, label, placeholder, unit, kind):
    found = fields.find(text)
    assert len(found) == 1
    described = fields.describe(text, found[0])
    assert (described["label"], described["placeholder"], described.get("unit"), described["kind"]) == \
        (label, placeholder, unit, kind)


def test_placeholders_become_declared_fields_and_no_bare_x_is_left():
    from macros.core.importer.ids import IdRegistry
    declared: list[dict] = []
    text = fields.replace_placeholders("新增客户 XX 户,占比 XX%,A/B测试不算。", "goals-1", IdRegistry(), declared)
    assert text == "新增客户 [[goals-1-value-1]] 户,占比 [[goals-1-value-2]]%,A/B测试不算。"
    assert [f["unit"] for f in declared] == ["户", "%"]
    assert not fields.find(text)


@pytest.mark.parametrize("text,reason", [
    ("第 3 页 共 9 页", "页码"), ("- 3 -", "页码"), ("Page 2 of 7", "页码"),
    ("版权所有 © 某某银行", "版权"), ("扫码关注公众号,获取更多范文", "广告"), ("•", "空编号"), ("3.", "空编号"),
])
def test_junk_lines(text, reason):
    kept, dropped = split_junk([Line(1, 0, text), Line(2, 0, "一、引言")])
    assert [l.text for l in kept] == ["一、引言"]
    assert reason in dropped[0][1]


def test_repeated_short_line_is_a_running_header_but_labels_and_headings_are_not():
    repeated = ["某行内部资料", "• 措施:", "1. 第一阶段:流程梳理", "合规是底线。"]
    lines = [Line(i, 0, t) for i, t in enumerate(repeated * 3, 1)]
    kept, dropped = split_junk(lines)
    assert [l.text for l in kept] == repeated[1:] * 3
    assert [l.no for l, _ in dropped] == [1, 5, 9]


def test_ids_are_stable_and_a_reworded_heading_changes_no_other_id(tmp_path):
    first = import_source(article(tmp_path, SMALL, "a.txt"), "loan-officer").drafts[0].data
    again = import_source(article(tmp_path, SMALL, "b.txt"), "loan-officer").drafts[0].data
    assert first == again
    edited = SMALL.replace("(二)能力提升模块", "(二)专业能力提升模块")
    changed = import_source(article(tmp_path, edited, "c.txt"), "loan-officer").drafts[0].data
    assert _ids(changed) == _ids(first)
    assert changed["body"]["sections"][1]["title"] == "专业能力提升模块"
    assert changed["body"]["sections"][0] == first["body"]["sections"][0]


def test_readable_ids_from_labels(tmp_path):
    data = import_source(article(tmp_path, SMALL), "loan-officer").drafts[0].data
    assert [s["id"] for s in data["body"]["sections"]] == ["module-1", "module-2"]
    stage = data["body"]["sections"][0]["sections"][0]
    assert stage["id"] == "module-1-stage-1"
    assert [i["id"] for i in stage["measures"]["items"]] == ["module-1-stage-1-1", "module-1-stage-1-2"]
    assert len(set(_ids(data))) == len(_ids(data))


def test_yaml_writer_comments_and_quoting_read_back():
    data = {"id": "x", "title": "a: b # c", "n": 3, "items": [{"id": "y", "text": "'引号' 和 \"双引号\""}, "- 列表"],
            "yes": "yes", "empty": []}
    text = dump(data, {("title",): ["看这里"], ("items", 0): ["第一项"]}, header="")
    assert yaml.safe_load(text) == data
    lines = text.splitlines()
    assert lines[lines.index("# 待确认: 看这里") + 1].startswith("title:")
    assert lines[lines.index("# 待确认: 第一项") + 1] == "- id: y"


def test_chinese_numbers():
    assert [cv.cn_to_int(t) for t in ("一", "十", "十二", "二十", "二十三", "7")] == [1, 10, 12, 20, 23, 7]


def test_outline_nests_by_rank_and_indentation():
    root = build([Line(1, 0, "三、具体实施计划与措施"), Line(2, 0, "(一)技能模块"), Line(3, 1, "1. 第一阶段:基础"),
                  Line(4, 2, "• 措施:"), Line(5, 3, "• 每日复盘。"), Line(6, 0, "(二)服务模块"), Line(7, 0, "四、总结")])
    three, four = root.children
    assert [c.label for c in three.children] == ["(一)", "(二)"]
    stage = three.children[0].children[0]
    assert stage.label == "第一阶段" and stage.children[0].kind == "slot"
    assert stage.children[0].children[0].text == "每日复盘。"
    assert four.label == "四、" and four.children == []
