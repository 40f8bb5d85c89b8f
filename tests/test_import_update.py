"""--update: a revised article merged into an existing plan keeps the ids of unchanged (and
reworded) measures, gives new measures new ids, lists what changed."""
from __future__ import annotations

import datetime
import shutil

import yaml

from import_support import all_ids as ids
from import_support import run_import
from source_text import SOURCE
from support import ROOT

TELLER = ROOT / "data" / "plans" / "teller.yml"


def part_one() -> str:
    text = SOURCE.read_text(encoding="utf-8")
    return text[text.index("篇一:"):text.index("篇二:")]


def measures(plan: dict) -> dict[str, str]:
    """measure id → text, every measure of the plan."""
    out = {}

    def walk(node):
        if isinstance(node, dict):
            if "text" in node and "id" in node:
                out[node["id"]] = node["text"]
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(plan)
    return out


def update(tmp_path, article: str):
    plan = tmp_path / "teller.yml"
    if not plan.exists():
        shutil.copy(TELLER, plan)
    source = tmp_path / "revised.txt"
    source.write_text(article, encoding="utf-8")
    result = run_import(source, "--update", plan)
    return result, yaml.safe_load(plan.read_text(encoding="utf-8"))


def test_unchanged_article_gives_the_curated_plan_back(tmp_path):
    result, merged = update(tmp_path, part_one())
    assert result.returncode == 0, result.stdout + result.stderr
    assert merged == yaml.safe_load(TELLER.read_text(encoding="utf-8"))  # ids, topics, related, audience kept
    assert "修改 0 处(id 不变),新增 0 处,删除 0 处" in result.stdout
    assert "未写入更新记录" in result.stdout  # nothing changed: no change-log entry


def test_revised_article_keeps_ids(tmp_path):
    before = yaml.safe_load(TELLER.read_text(encoding="utf-8"))
    old = measures(before)
    revised = (part_one()
               .replace("每日利用下班后一小时,对当日接触到的业务规程进行复盘和背诵。",
                        "每日利用下班后半小时,对当日接触到的业务规程进行复盘和背诵。")          # reworded
               .replace("      • 积极参加产品培训会,认真记录,会后主动向产品经理或理财经理请教。\n", "")  # removed
               .replace("      • 利用业务低峰期,", "      • 每月参加一次机具操作考核。\n      • 利用业务低峰期,")  # added
               .replace("(二)优质文明服务实践模块", "(二)优质文明服务提升模块"))              # heading reworded
    result, merged = update(tmp_path, revised)
    assert result.returncode == 0, result.stdout + result.stderr
    now = measures(merged)
    assert now["skills-basics-daily-review"].startswith("每日利用下班后半小时")
    assert "skills-products-training" not in now
    added = [i for i, text in now.items() if text == "每月参加一次机具操作考核。"]
    assert len(added) == 1 and added[0] not in ids(before)
    assert set(now) - set(added) == set(old) - {"skills-products-training"}
    unchanged = {i for i in now if i in old and now[i] == old[i]}
    assert len(unchanged) == len(old) - 2
    service = merged["body"]["sections"][1]
    assert (service["id"], service["title"], service["topics"]) == ("service", "优质文明服务提升模块", ["customer-service"])
    report = result.stdout
    assert "修改 1 处(id 不变),新增 1 处,删除 1 处" in report
    assert "skills-products-training" in report.split("删除(这些 id")[-1].split("更新记录:")[0]
    entry, *earlier = merged["changelog"]
    assert earlier == before["changelog"]
    assert entry["date"] == datetime.date.today()
    assert entry["changes"] == [{"kind": "added", "id": added[0]},
                                {"kind": "reworded", "id": "skills-basics-daily-review"},
                                {"kind": "reworded", "id": "service"},
                                {"kind": "removed", "id": "skills-products-training"}]
    assert entry["summary"] == "根据修订稿更新:新增 1 处、改写 2 处、删除 1 处"
    assert "更新记录:已在 changelog 最前面写入" in report
    assert list(merged)[list(merged).index("summary") + 1] == "changelog"


def test_update_refuses_a_missing_plan(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(part_one(), encoding="utf-8")
    result = run_import(source, "--update", tmp_path / "nope.yml")
    assert result.returncode == 2 and "不存在" in result.stderr
