"""更新记录: each plan's change log is checked (file + field path in every message), shown on the plan
page and on the site-wide 更新记录 page (newest first, links that resolve, removed ids as plain text),
found by search, and published with the plan's data."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html

from linkcheck import broken_links
from macros.core.errors import DataError
from macros.core.loader import load_plan
from support import PLAN_IDS, ROOT, build, copy_project, edit_plan, logged_warnings
from test_quality import axe_source  # noqa: F401  (the fixture)

TELLER = ROOT / "data" / "plans" / "teller.yml"


def _teller() -> dict:
    return yaml.load(TELLER.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def _load(tmp_path: Path, changelog) -> None:
    """load_plan on a copy of teller.yml whose changelog is `changelog` (raises DataError)."""
    data_dir = tmp_path / "data"
    (data_dir / "plans").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "schema", data_dir / "schema")
    data = yaml.safe_load(TELLER.read_text(encoding="utf-8"))
    data["changelog"] = changelog
    path = data_dir / "plans" / "teller.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    load_plan(path, data_dir)


def entry(date="2026-11-27", summary="首次发布", changes=()):
    return {"date": date, "summary": summary, "changes": [dict(c) for c in changes]}


BAD = [
    ("date not YYYY-MM-DD", [entry(date="2026/11/27")], "changelog[0].date", "格式不对"),
    ("no such day", [entry(date="2026-02-30")], "changelog[0].date", "不存在"),
    ("date in the future", [entry(date="2999-01-01")], "changelog[0].date", "晚于今天"),
    ("oldest first", [entry(date="2026-11-01"), entry(date="2026-11-20")], "changelog[1].date", "从新到旧"),
    ("empty summary", [entry(summary="  ")], "changelog[0].summary", "不能为空"),
    ("no summary", [{"date": "2026-11-27", "changes": []}], "changelog[0]", "缺少必填字段 “summary”"),
    ("unknown kind", [entry(changes=[{"kind": "renamed", "id": "skills"}])],
     "changelog[0].changes[0].kind", "renamed"),
    ("added id not in the plan", [entry(changes=[{"kind": "added", "id": "no-such-measure"}])],
     "changelog[0].changes[0].id", "没有这个章节、措施或目标"),
    ("reworded id not in the plan", [entry(), entry(changes=[{"kind": "reworded", "id": "skills-x"}])],
     "changelog[1].changes[0].id", "skills-x"),
    ("removed id still in the plan", [entry(changes=[{"kind": "removed", "id": "skills-basics"}])],
     "changelog[0].changes[0].id", "仍有这个 id"),
    ("the plan's own id is not a place", [entry(changes=[{"kind": "moved", "id": "teller"}])],
     "changelog[0].changes[0].id", "没有这个章节、措施或目标"),
]


@pytest.mark.parametrize("name,changelog,path,words", BAD, ids=[b[0] for b in BAD])
def test_a_bad_change_log_names_file_and_field_path(tmp_path, name, changelog, path, words):
    with pytest.raises(DataError) as caught:
        _load(tmp_path, changelog)
    text = str(caught.value)
    assert f"data/plans/teller.yml: {path}" in text and words in text, text


def test_history_counts_when_ids_are_checked(tmp_path):
    """An id removed by a newer entry may be named by an older one, and one added back by a newer
    entry may have been removed before; the same entries without the newer one are refused."""
    older = [entry(date="2026-11-01", changes=[{"kind": "added", "id": "old-measure"},
                                               {"kind": "removed", "id": "skills-basics-daily-review"}])]
    newer = entry(date="2026-11-20", changes=[{"kind": "removed", "id": "old-measure"},
                                              {"kind": "added", "id": "skills-basics-daily-review"}])
    _load(tmp_path / "a", [newer, *older])
    with pytest.raises(DataError) as caught:
        _load(tmp_path / "b", older)
    text = str(caught.value)
    assert "changelog[0].changes[0].id" in text and "changelog[0].changes[1].id" in text, text


def test_the_build_stops_on_a_bad_change_log(tmp_path):
    project = copy_project(tmp_path / "project")
    edit_plan(project, "teller", lambda d: d.update(changelog=[entry(date="2026-13-01")]))
    result = build(project, tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "data/plans/teller.yml: changelog[0].date" in log, log


# ---------------------------------------------------------------- rendering

def _first_measure(data: dict) -> str:
    return data["body"]["sections"][0]["sections"][0]["measures"]["items"][0]["id"]


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory):
    """The project with a longer change log in teller (four entries) and one in
    relationship-manager that falls between two of teller's dates."""
    root = tmp_path_factory.mktemp("changelog")
    project = copy_project(root / "project")
    teller = _teller()
    measure = _first_measure(teller)
    first = teller["changelog"][-1]

    def teller_log(d):
        d["changelog"] = [
            entry("2026-12-03", "补充服务措施", [{"kind": "reworded", "id": measure},
                                           {"kind": "removed", "id": "old-measure", "title": "旧的措施原文"}]),
            entry("2026-12-02", "调整章节", [{"kind": "moved", "id": "service"}]),
            entry("2026-11-28", "新增目标", [{"kind": "added", "id": "goals-learning"}]),
            entry(first["date"], first["summary"]),
        ]
    edit_plan(project, "teller", teller_log)
    edit_plan(project, "relationship-manager",
              lambda d: d["changelog"].insert(0, entry("2026-12-02", "改写市场地图", [{"kind": "reworded", "id": "market-map"}])))
    site = root / "site"
    result = build(project, site)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert logged_warnings(log) == [], log
    return site, measure, first["date"]


def _page(site: Path, path: str):
    return lxml_html.fromstring((site / path).read_text(encoding="utf-8"))


def _all(el, tag: str, cls: str, below: str = "") -> list:
    """Elements `tag` with class `cls` under `el` (and, with `below`, what that XPath finds in them)."""
    return el.xpath(f".//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]" + (f"/.{below}" if below else ""))


def _items(el, cls: str) -> list:
    """The entries of the list with class `cls`."""
    return _all(el, "ol", cls, "/li")


def _text(el) -> str:
    return " ".join(el.text_content().split())


def test_the_plan_page_shows_its_newest_entries_with_links(changed_site):
    site, measure, _ = changed_site
    page = _page(site, "plans/teller.html")
    [block] = _all(page, "section", "wp-changelog")
    assert _text(block.xpath(".//h2")[0]) == "更新记录"
    entries = _items(block, "wp-changelog-list")
    assert [li.xpath(".//time")[0].get("datetime") for li in entries] == ["2026-12-03", "2026-12-02", "2026-11-28"]
    assert "补充服务措施" in _text(entries[0])
    links = [(a.get("href"), _text(a)) for a in entries[0].xpath(".//a")]
    assert [href for href, _ in links] == [f"#{measure}"]
    assert page.get_element_by_id(measure) is not None
    gone = _all(entries[0], "*", "wp-change-gone")
    assert [_text(g) for g in gone] == ["旧的措施原文"] and gone[0].tag != "a"
    assert [_text(k) for k in _all(entries[0], "*", "wp-change-kind")] == ["改写", "删除"]
    assert [a.get("href") for a in entries[1].xpath(".//a")] == ["#service"]
    more = _all(block, "*", "wp-changelog-more")[0]
    assert "共 4 条" in _text(more) and more.xpath(".//a")[0].get("href") == "../changelog.html"
    assert block.xpath(".//h2")[0].get("data-search-exclude") is not None


def test_the_changelog_page_lists_every_plan_newest_first(changed_site):
    site, measure, first_date = changed_site
    page = _page(site, "changelog.html")
    assert _text(page.xpath("//h1")[0]) == "更新记录"
    entries = _items(page, "wp-changelog-site")
    rows = [(li.xpath(".//time")[0].get("datetime"), _text(_all(li, "*", "wp-changelog-plan")[0]),
             _text(_all(li, "*", "wp-changelog-summary")[0])) for li in entries]
    assert rows[:4] == [("2026-12-03", "新入职柜员工作计划", "补充服务措施"),
                        ("2026-12-02", "新入职柜员工作计划", "调整章节"),
                        ("2026-12-02", "客户经理工作计划", "改写市场地图"),
                        ("2026-11-28", "新入职柜员工作计划", "新增目标")]
    assert len(rows) == 4 + len(PLAN_IDS)
    assert [r[0] for r in rows] == sorted((r[0] for r in rows), reverse=True)
    assert _all(entries[0], "*", "wp-changelog-plan")[0].get("href") == "plans/teller.html"
    hrefs = [a.get("href") for a in _all(entries[0], "*", "wp-changes", "//a")]
    assert hrefs == [f"plans/teller.html#{measure}"]
    assert [_text(g) for g in _all(entries[0], "*", "wp-change-gone")] == ["旧的措施原文"]
    assert [a.get("href") for a in _all(entries[2], "*", "wp-changes", "//a")] == ["plans/relationship-manager.html#market-map"]
    assert {r[2] for r in rows[4:]} == {"首次发布"} and {r[0] for r in rows[4:]} == {first_date}


def test_every_changelog_link_resolves(changed_site):
    site, _, _ = changed_site
    found = [p for p in broken_links(site) if "changelog" in p or "wp-changelog" in p]
    assert found == []
    anchors = [a.get("href") for a in _all(_page(site, "changelog.html"), "*", "wp-changes", "//a")]
    assert len(anchors) == 4  # teller: reworded, moved, added; relationship-manager: reworded
    assert not [p for p in broken_links(site) if p.startswith("changelog.html")]


def test_the_changelog_page_is_in_the_nav_and_linked_from_home(changed_site):
    site, _, _ = changed_site
    home = _page(site, "index.html")
    assert [a.get("href") for a in _all(home, "*", "wp-changelog-link", "//a")] == ["changelog.html"]
    nav = [(a.get("href"), _text(a)) for a in _all(_page(site, "plans/teller.html"), "nav", "md-nav--primary", "//a")]
    assert ("../changelog.html", "更新记录") in nav


def test_search_finds_the_changelog_page_not_each_plan_block(changed_site):
    site, _, _ = changed_site
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    pages = {d["location"]: d for d in docs}
    assert pages["changelog.html"]["title"] == "更新记录"
    assert "补充服务措施" in pages["changelog.html"]["text"]
    assert [d["location"] for d in docs if "补充服务措施" in d["text"]] == ["changelog.html"]


def test_the_published_plan_data_carries_the_change_log(changed_site):
    site, measure, first_date = changed_site
    doc = json.loads((site / "data" / "plans" / "teller.json").read_text(encoding="utf-8"))
    log = doc["changelog"]
    assert [e["date"] for e in log] == ["2026-12-03", "2026-12-02", "2026-11-28", first_date]
    assert log[0]["summary"] == "补充服务措施"
    assert [(c["kind"], c["id"], c["present"]) for c in log[0]["changes"]] == [
        ("reworded", measure, True), ("removed", "old-measure", False)]
    assert log[0]["changes"][1]["title"] == "旧的措施原文"
    assert log[2]["changes"] == [{"kind": "added", "id": "goals-learning", "title": "学习目标", "present": True}]
    script = (site / "data" / "plans" / "teller.js").read_text(encoding="utf-8")
    assert "补充服务措施" in script


def test_the_real_plans_start_with_their_first_publication(collection):
    """Each plan's log ends with 首次发布, dated the day its data file was added to the repository."""
    for plan in collection.plans:
        path = ROOT / plan.source
        added = subprocess.run(["git", "log", "--diff-filter=A", "--format=%as", "--", str(path)], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.split()
        assert plan.changelog[-1].summary == "首次发布", plan.id
        if added:  # a shallow clone may not have the commit
            assert plan.changelog[-1].date == added[-1], plan.id


@pytest.mark.browser
def test_the_change_lists_pass_axe_light_and_dark_at_phone_width(new_page, changed_site, axe_source):
    """The real data has only 首次发布 entries (the site-wide axe and Nu gates cover those pages);
    here the lists of changed, moved and removed places are checked too, in both schemes at 390 px."""
    from test_quality import axe
    from support import serve
    site = changed_site[0]
    url, server = serve(site)
    try:
        found = []
        for dark in (False, True):
            page = new_page(viewport={"width": 390, "height": 844}, color_scheme="dark" if dark else "light")
            for path in ("changelog.html", "plans/teller.html"):
                page.goto(url + path)
                if dark:
                    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
                assert page.locator(".wp-change-gone").count() == 1
                wide = page.evaluate("document.documentElement.scrollWidth")
                assert wide <= 390, f"{path}: {wide} px wide"
                found += axe(page, axe_source, f"{path} ({'slate' if dark else 'default'})")
        assert found == [], "\n".join(found)
    finally:
        server.shutdown()
        server.server_close()
