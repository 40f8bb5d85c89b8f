"""Cross-links, topics, tracks and published anchors: nothing a trainer links to may break."""
from __future__ import annotations

import re

import pytest

from linkcheck import broken_links, missing_anchors
from macros.core import anchors
from support import ROOT, build, copy_project, edit_plan, edit_yaml

DATA = ROOT / "data"


def test_every_internal_link_and_anchor_resolves(site):
    problems = broken_links(site)
    assert problems == [], "\n".join(problems)


def test_every_published_anchor_still_resolves(site):
    listed = anchors.published()
    assert len(listed) > 100
    missing = missing_anchors(site, listed)
    assert missing == [], ("已发布的锚点不见了 (published anchors gone): " + ", ".join(missing)
                           + "\n恢复原 id,或在新 id 的 aliases 中保留旧 id。")


def test_every_current_anchor_is_published(collection):
    listed = set(anchors.published())
    new = [a for a in anchors.current_anchors(collection) if a not in listed]
    assert new == [], "新锚点未登记,请运行 python -m macros.anchors --update: " + ", ".join(new[:10])


def _rename_first_module(project, alias: bool) -> str:
    old = None

    def rename(data):
        nonlocal old
        section = data["body"]["sections"][0]
        old = section["id"]
        section["id"] = old + "-renamed"
        if alias:
            section["aliases"] = [old]
    edit_plan(project, "teller", rename)
    return old


@pytest.mark.parametrize("alias", [False, True], ids=["renamed", "renamed-with-alias"])
def test_a_renamed_anchor_breaks_unless_the_old_id_is_kept(tmp_path, alias):
    project = copy_project(tmp_path / "project")
    old = _rename_first_module(project, alias)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    missing = missing_anchors(tmp_path / "site", anchors.published(project / "data" / "published-anchors.txt"))
    if alias:
        assert missing == []
    else:
        assert missing == [f"plans/teller#{old}"]



def _unknown_topic(d): d["intro"]["topics"] = ["no-such-topic"]
def _dangling_related(d): d["intro"]["related"] = ["compliance-officer#no-such-section"]
def _dangling_plan(d): d["intro"]["related"] = ["no-such-plan#intro"]
def _alias_clash(d): d["intro"]["aliases"] = [d["closing"]["id"]]


BREAKAGES = [
    ("unknown topic", _unknown_topic, ["data/plans/teller.yml: intro.topics[0]", "no-such-topic", "未知专题"]),
    ("dangling related", _dangling_related, ["data/plans/teller.yml: intro.related[0]", "no-such-section"]),
    ("dangling plan", _dangling_plan, ["data/plans/teller.yml: intro.related[0]", "no-such-plan"]),
    ("duplicate anchor", _alias_clash, ["data/plans/teller.yml: closing.id", "intro.aliases[0]", "重复"]),
]


@pytest.mark.parametrize("name,change,expected", BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_bad_references_fail_the_build(tmp_path, name, change, expected):
    project = copy_project(tmp_path / "project")
    edit_plan(project, "teller", change)
    result = build(project, tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    for part in expected:
        assert part in log, f"{part!r} not in:\n{log}"


def test_dangling_track_step_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    track = sorted((project / "data" / "tracks").glob("*.yml"))[0]
    edit_yaml(track, lambda data: data["steps"][1].update(ref="teller#no-such-step"))
    result = build(project, tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"data/tracks/{track.name}: steps[1].ref" in log and "no-such-step" in log, log


def test_every_topic_is_used_by_two_plans_at_least(collection):
    for topic in collection.topics:
        plans = {p.plan.id for p in collection.tagged(topic.id)}
        assert len(plans) >= 2, topic.id


def test_tagged_sections_link_to_the_other_plans_in_one_click(site, collection):
    for plan in collection.plans:
        html = (site / "plans" / f"{plan.id}.html").read_text(encoding="utf-8")
        for section in plan.sections():
            others = {p.plan.id for t in section.topics for p in collection.tagged(t)
                      if p.plan.id != plan.id and not p.is_item}
            if not others:
                continue
            block = re.search(rf'<h[2-6] id="{section.id}".*?</h[2-6]>\s*'
                              r'(<div class="wp-tools wp-tools--section".*?<div class="wp-buttons"[^>]*>.*?</div>\s*'
                              r'(<button[^>]*>[^<]*</button>\s*)?</div>\s*)?'
                              r'(<div class="wp-aliases">.*?</div>\s*)?'
                              r'<nav [^>]*class="wp-related".*?</nav>', html, re.S)
            assert block, f"{plan.id}#{section.id} 没有相关内容链接"
            linked = set(re.findall(r'href="([a-z-]+)\.html#', block.group()))
            assert linked and linked <= others | {r.partition("#")[0] for r in section.related}
            assert linked & others, f"{plan.id}#{section.id}"


def test_topic_pages_list_every_tagged_place(site, collection):
    for topic in collection.topics:
        html = (site / "topics" / f"{topic.id}.html").read_text(encoding="utf-8")
        for place in collection.tagged(topic.id):
            assert f'href="../plans/{place.plan.id}.html#{place.node.id}"' in html, place.ref
        for plan_id in {p.plan.id for p in collection.tagged(topic.id)}:
            assert f'id="in-{plan_id}"' in html
    index = (site / "topics" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{t.id}.html"' in index for t in collection.topics)


def test_tracks_render_numbered_steps_and_show_on_home(site, collection):
    assert len(collection.tracks) >= 2
    home = (site / "index.html").read_text(encoding="utf-8")
    for track in collection.tracks:
        assert f'href="tracks/{track.id}.html"' in home
        html = (site / "tracks" / f"{track.id}.html").read_text(encoding="utf-8")
        steps = re.findall(r'<li id="step-(\d+)"[^>]*>\s*<p class="wp-step-title"><a class="wp-step-link" '
                           r'href="\.\./plans/([a-z-]+)\.html\?path=([a-z-]+)&amp;step=(\d+)#([a-z0-9-]+)"', html)
        assert [int(n) for n, _, _, _, _ in steps] == list(range(1, len(track.steps) + 1))
        assert [(p, a) for _, p, _, _, a in steps] == [(s.target.plan.id, s.target.node.id) for s in track.steps]
        assert all(t == track.id and n == k for n, _, t, k, _ in steps)


def test_related_link_lists_stay_out_of_the_search_index(site):
    """Link lists name other plans' headings; indexed, they would make the wrong plan match a query."""
    import json
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    html = (site / "plans" / "teller.html").read_text(encoding="utf-8")
    assert "其他岗位的相关内容" in html
    assert not [d["location"] for d in index["docs"] if "其他岗位的相关内容" in d["text"].replace("\u200b", "")]
