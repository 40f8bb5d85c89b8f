"""Build layer: the strict build, the generated pages, and broken data stopping the build."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from support import PLAN_IDS, build, copy_project, edit_plan, html_pages


def test_home_and_one_page_per_plan(site, collection):
    """Each plan has its own page, showing that plan (title, heading, facts), linked from the home page."""
    home = (site / "index.html").read_text(encoding="utf-8")
    assert [p.id for p in collection.plans] == list(PLAN_IDS)
    for plan in collection.plans:
        html = (site / "plans" / f"{plan.id}.html").read_text(encoding="utf-8")
        assert re.findall(r"<title>(.*?)</title>", html) == [f"{plan.page_title} - 银行员工工作计划模板库"], plan.id
        assert re.findall(r"<h1 id=\"([^\"]+)\">(.*?)</h1>", html) == [(f"plan-{plan.id}", plan.page_title)]
        assert f'data-plan="{plan.id}"' in html and f"<dd>{plan.role}</dd>" in html, plan.id
        assert len(re.findall(rf'<a href="plans/{plan.id}\.html">{re.escape(plan.page_title)}</a>', home)) >= 1, plan.id


def test_every_anchor_is_on_its_page_exactly_once(site, collection):
    """Sections (headings), the body, targets, measures and old ids kept as aliases: each id is
    the id of exactly one element, so links and saved ticks find it."""
    kinds = set()
    for plan in collection.plans:
        html = (site / "plans" / f"{plan.id}.html").read_text(encoding="utf-8")
        assert not re.search(r'<h[1-6] id="_\d+"', html), plan.id
        for section in plan.sections():
            assert re.search(rf'<h[2-6] id="{re.escape(section.id)}"', html), section.id
        ids = [s.id for s in plan.sections()] + [i.id for i in plan.items()]
        ids += [t.id for s in plan.sections() for t in s.targets]
        ids += [a for node in [*plan.sections(), *plan.items()] for a in node.aliases]
        ids += [plan.body.id] if plan.body.id else []
        counts = {i: len(re.findall(rf'\sid="{re.escape(i)}"', html)) for i in ids}
        assert {i: n for i, n in counts.items() if n != 1} == {}, plan.id
        kinds |= {"target"} if any(s.targets for s in plan.sections()) else set()
    assert kinds == {"target"}  # the data has targets (no aliases yet; they are checked when added)


def test_pages_are_chinese_and_offline_fonts(site):
    for rel in html_pages(site):
        html = (site / rel).read_text(encoding="utf-8")
        assert '<html lang="zh"' in html, rel
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, rel


# --- Broken data must stop the build and name the file and the field ------------------------


def _items(section):
    while "measures" not in section:
        section = section["sections"][0]
    return section["measures"]["items"]


def _drop_role(d): del d["role"]
def _order_text(d): d["order"] = "第一"
def _unknown_key(d): d["intro"]["titel"] = "拼写错误"
def _empty_text(d): d["intro"]["paragraphs"][0] = "   "
def _dup_item(d):
    items = _items(d["body"]["sections"][0])
    items[1]["id"] = items[0]["id"]
def _bad_id(d): d["body"]["sections"][0]["id"] = "模块一"
def _unknown_field(d): d["intro"]["paragraphs"][0] = "新增 [[no-such-field]] 万元。"
def _bare_placeholder(d): d["intro"]["paragraphs"][0] = "目标提升 XX%。"
def _items_not_list(d): _items(d["body"]["sections"][0]).clear()
def _wrong_plan_id(d): d["id"] = "teller-2"
def _unit_missing(d):
    d["fields"] = [{"id": "deposit", "label": "存款", "placeholder": "XXXX", "unit": "万元"}]
    d["intro"]["paragraphs"][0] = "新增存款 [[deposit]] 元。"
def _unit_first_character_only(d):
    d["fields"] = [{"id": "deposit", "label": "存款", "placeholder": "XXXX", "unit": "万元"}]
    d["intro"]["paragraphs"][0] = "新增存款 [[deposit]] 万户。"
def _dup_section(d): d["body"]["sections"][2]["id"] = d["body"]["sections"][0]["id"]


BREAKAGES = [
    ("missing field", _drop_role, ["data/plans/teller.yml", "缺少必填字段", "role"]),
    ("wrong type", _order_text, ["data/plans/teller.yml: order", "类型错误"]),
    ("unknown key", _unknown_key, ["data/plans/teller.yml: intro", "未知字段", "titel"]),
    ("empty text", _empty_text, ["data/plans/teller.yml: intro.paragraphs[0]", "不能为空"]),
    ("duplicate id", _dup_item, ["data/plans/teller.yml: body.sections[0]", "重复"]),
    ("bad id", _bad_id, ["data/plans/teller.yml: body.sections[0].id", "格式不对"]),
    ("unknown field", _unknown_field, ["data/plans/teller.yml: intro.paragraphs[0]", "no-such-field"]),
    ("bare placeholder", _bare_placeholder, ["data/plans/teller.yml: intro.paragraphs[0]", "占位符"]),
    ("empty list", _items_not_list, ["data/plans/teller.yml: body.sections[0]", "列表不能为空"]),
    ("id not file name", _wrong_plan_id, ["data/plans/teller.yml: id", "文件名"]),
    ("unit not after field", _unit_missing, ["data/plans/teller.yml: intro.paragraphs[0]", "单位", "万元"]),
    ("unit's first character only", _unit_first_character_only,
     ["data/plans/teller.yml: intro.paragraphs[0]", "单位", "万元"]),
    ("duplicate section id", _dup_section,
     ["data/plans/teller.yml: body.sections[2].id", "重复", "已在 body.sections[0] 使用"]),
]


@pytest.mark.parametrize("name,change,expected", BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_broken_data_fails_the_build_naming_file_and_field(tmp_path, name, change, expected):
    project = copy_project(tmp_path / "project")
    edit_plan(project, "teller", change)
    result = build(project, tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    for part in expected:
        assert part in log, f"{part!r} not in:\n{log}"


def test_bad_yaml_names_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "plans" / "compliance-officer.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(5, "role: [未闭合")
    path.write_text("\n".join(lines), encoding="utf-8")
    result = build(project, tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "data/plans/compliance-officer.yml" in log and "YAML 语法错误" in log and "行" in log, log


def test_duplicate_yaml_key_is_an_error(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "plans" / "fintech-specialist.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\nrole: 重复\n", encoding="utf-8")
    result = build(project, tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "data/plans/fintech-specialist.yml" in log and "role" in log and "重复" in log, log


def test_data_text_is_shown_literally_never_run(tmp_path):
    project = copy_project(tmp_path / "project")

    def inject(d):
        d["intro"]["title"] = "引言 {{ 6*7 }} <b>粗</b> *星*"
        d["intro"]["paragraphs"][0] = "模板语法 {{ 6*7 }} 和 {% if true %}是{% endif %} 与 <script>alert(1)</script> 原样显示。"
        # the marker lines of macros/site/raw_html.py, written into data, stay text
        d["intro"]["paragraphs"].append("<!-- /wp:html -->\n<!-- wp:html -->\n**粗体**")
    edit_plan(project, "teller", inject)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "plans" / "teller.html").read_text(encoding="utf-8")
    assert "模板语法 {{ 6*7 }} 和 {% if true %}是{% endif %} 与 &lt;script&gt;alert(1)&lt;/script&gt; 原样显示。" in html
    assert "引言 {{ 6*7 }} &lt;b&gt;粗&lt;/b&gt; *星*" in html
    assert "<script>alert(1)" not in html
    assert "&lt;!-- /wp:html --&gt;" in html and "**粗体**" in html


def test_each_page_describes_itself(site, collection):
    """<meta name="description">: a plan's summary on its own page (macros/site/pages.py sets it only
    while that page is rendered), a topic's description on the topic's page."""
    seen = set()
    for plan in collection.plans:
        html = (site / "plans" / f"{plan.id}.html").read_text(encoding="utf-8")
        found = re.findall(r'<meta name="description" content="([^"]*)"', html)
        assert found == [plan.summary], plan.id
        seen.add(found[0])
    assert len(seen) == len(collection.plans)
    topic = collection.topics[0]
    html = (site / "topics" / f"{topic.id}.html").read_text(encoding="utf-8")
    assert re.findall(r'<meta name="description" content="([^"]*)"', html) == [topic.description]


def test_adding_a_yaml_file_adds_a_page(tmp_path):
    project = copy_project(tmp_path / "project")
    src = project / "data" / "plans" / "teller.yml"
    data = yaml.safe_load(src.read_text(encoding="utf-8"))
    data.update(id="teller-branch", order=99, role="分理处柜员")
    (src.parent / "teller-branch.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "plans" / "teller-branch.html").read_text(encoding="utf-8")
    assert "分理处柜员工作计划" in html


@pytest.mark.parametrize("source,expected", [
    ("{{ render_plan('no-such-plan') }}", "no-such-plan"),
    ("{{ no_such_variable }}", "no_such_variable"),
])
def test_macro_errors_and_undefined_variables_fail_the_build(tmp_path, source, expected):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "index.md").write_text(f"# 首页\n\n{source}\n", encoding="utf-8")
    result = build(project, tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert expected in log


def test_validate_command_reports_cross_file_problems_of_one_file(tmp_path):
    """`python -m macros.validate data/plans/<id>.yml` (README) must refuse what the build refuses."""
    project = copy_project(tmp_path / "project")

    def check(*args):
        return subprocess.run([sys.executable, "-m", "macros.validate", *args], cwd=project,
                              capture_output=True, text=True)

    assert check("data/plans/teller.yml").returncode == 0
    edit_plan(project, "teller", lambda d: d["goals"].update(topics=["no-such-topic"]))
    result = check("data/plans/teller.yml")
    assert result.returncode == 1
    assert "data/plans/teller.yml: goals.topics[0]" in result.stderr and "no-such-topic" in result.stderr
    assert check("data/plans/fintech-specialist.yml").returncode == 0  # the problem is not its own
    missing = check("data/plans/no-such-file.yml")
    assert missing.returncode == 1 and "找不到文件" in missing.stderr
