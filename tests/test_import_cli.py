"""python -m macros.import_plan as an editor runs it — in an interpreter where mkdocs cannot be
imported — on real files: a .txt with junk, a GBK .txt, a .md, and bad input."""
from __future__ import annotations

import yaml

from import_support import FIXTURES, SMALL, article, run_import
from macros.core.errors import DataError
from macros.core.loader import load_plan
from import_fidelity import norm, plan_text
from source_text import sentences
from support import ROOT

JUNK = ["某某银行内部资料", "第 1 页 共 3 页", "版权所有", "扫码关注公众号", "- 2 -"]


def test_txt_with_junk_lines(tmp_path):
    out = tmp_path / "loan-officer.yml"
    result = run_import(FIXTURES / "with-junk.txt", "-o", out)
    assert result.returncode == 0, result.stdout + result.stderr
    plan = load_plan(out, ROOT / "data")  # the project's own validator reads it
    assert plan.id == "loan-officer" and plan.role == "信贷审批岗"
    text = out.read_text(encoding="utf-8")
    for junk in JUNK:
        assert junk not in text
    report = result.stdout.split("未导入")[1]
    for where in ("第 1 行", "第 15 行", "第 16 行", "第 26 行", "第 32 行", "第 33 行", "第 34 行", "第 39 行"):
        assert where in report
    kept = [line for line in (FIXTURES / "with-junk.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not any(j in line for j in JUNK) and line.strip() != "•"]
    flat = norm(plan_text(yaml.safe_load(text)))
    missing = [s for s in sentences(kept) if norm(s) not in flat]
    assert missing == []


def test_placeholders_are_fields_with_units(tmp_path):
    out = tmp_path / "loan-officer.yml"
    run_import(FIXTURES / "with-junk.txt", "-o", out)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [(f["placeholder"], f.get("unit"), f["kind"]) for f in data["fields"]] == [
        ("X", "天", "number"), ("XX", "%", "number"), ("XX", "户", "number"), ("____", "份", "number"), ("X", "次", "number")]
    assert "XX" not in str({k: v for k, v in data.items() if k != "fields"})


def test_gbk_txt_is_read_and_the_encoding_reported(tmp_path):
    out = tmp_path / "lobby-manager.yml"
    result = run_import(FIXTURES / "gbk-article.txt", "-o", out)
    assert result.returncode == 0, result.stderr
    assert "GB18030(GBK)" in result.stdout
    assert load_plan(out, ROOT / "data").role == "大堂经理"


def test_markdown_article(tmp_path):
    out = tmp_path / "wealth-manager.yml"
    result = run_import(FIXTURES / "article.md", "-o", out)
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    stage = data["body"]["sections"][0]["sections"][0]
    assert (stage["label"], stage["title"]) == ("第一阶段", "客户分层")
    assert len(stage["measures"]["items"]) == 2 and "**" not in out.read_text(encoding="utf-8")


def test_pending_places_are_marked_in_the_file_and_the_report(tmp_path):
    out = tmp_path / "loan-officer.yml"
    result = run_import(article(tmp_path, SMALL.replace("(二)能力提升模块\n\n  1. 专业学习:\n    • 全年阅读行业研究报告。\n", "(二)能力提升模块\n")), "-o", out)
    text = out.read_text(encoding="utf-8")
    assert "# 待确认: 这一节只有标题" in text
    line = SMALL.splitlines().index("(二)能力提升模块") + 1
    assert f"第 {line} 行 → " in result.stdout.split("\n待确认")[1].split("未导入")[0]


def test_default_target_is_data_plans_and_existing_files_are_not_overwritten(tmp_path):
    result = run_import(FIXTURES / "with-junk.txt", "--id", "teller")
    assert result.returncode == 2
    assert "文件已存在" in result.stderr and "没有写出任何文件" in result.stderr


def _refused(tmp_path, source, *words):
    out = tmp_path / "out"
    result = run_import(source, "-o", out / "x.yml")
    assert result.returncode == 2, result.stdout
    for word in words:
        assert word in result.stderr
    assert "没有写出任何文件" in result.stderr
    assert not out.exists()


def test_bad_input_empty_file(tmp_path):
    _refused(tmp_path, article(tmp_path, ""), "文件是空的")


def test_bad_input_no_structure(tmp_path):
    _refused(tmp_path, FIXTURES / "no-structure.txt", "没有可识别的结构", "第 1 行")


def test_bad_input_unknown_type(tmp_path):
    _refused(tmp_path, article(tmp_path, "一、引言", "plan.pdf"), ".pdf", "另存为")


def test_bad_input_utf16_text(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_text("一、引言\n", encoding="utf-16")
    _refused(tmp_path, path, "UTF-8")


def test_bad_input_missing_file(tmp_path):
    _refused(tmp_path, tmp_path / "nope.txt", "找不到文件")


def test_bad_id(tmp_path):
    result = run_import(FIXTURES / "with-junk.txt", "--id", "贷款岗", "-o", tmp_path / "x.yml")
    assert result.returncode == 2 and "不是合法的 id" in result.stderr
    assert not (tmp_path / "x.yml").exists()


def test_whole_source_article_gives_five_valid_drafts(tmp_path):
    result = run_import(ROOT / "tests" / "fixtures" / "work-plans-source.txt", "--id", "source", "-o", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    files = sorted(tmp_path.glob("*.yml"))
    assert [f.name for f in files] == [f"source-{n}.yml" for n in range(1, 6)]
    for f in files:
        try:
            load_plan(f, ROOT / "data")
        except DataError as exc:  # pragma: no cover - the message is the point
            raise AssertionError(str(exc)) from None


def test_placeholder_in_a_heading_is_left_for_the_editor(tmp_path):
    out = tmp_path / "loan-officer.yml"
    result = run_import(article(tmp_path, SMALL.replace("(二)能力提升模块", "(二)XX 专项能力提升模块")), "-o", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    title = lines.index("    title: XX 专项能力提升模块")
    assert lines[title - 1].startswith("    # 待确认: 标题里有占位符(XX)")
    assert "body.sections.1.title:标题里有占位符" in result.stdout
