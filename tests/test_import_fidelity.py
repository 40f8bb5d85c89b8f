"""The source article imported gives the curated plans' structure (sections, measures, clauses).

Figures are printed (pytest -s) for the closing note; thresholds make a regression fail.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from import_fidelity import figures
from macros.core.importer import import_source
from source_text import SOURCE, parts
from support import PLAN_IDS, ROOT

THRESHOLDS = {"sections": 100.0, "measures": 100.0, "clauses": 100.0, "fields": 100.0, "field_labels": 60.0}


@pytest.fixture(scope="module")
def imported_txt():
    return import_source(SOURCE)


def curated(plan_id: str) -> dict:
    return yaml.safe_load((ROOT / "data" / "plans" / f"{plan_id}.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("index,plan_id", list(enumerate(PLAN_IDS)))
def test_txt_import_matches_curated_plan(imported_txt, index, plan_id):
    draft = imported_txt.drafts[index]
    found = figures(curated(plan_id), draft.data, parts()[index + 1])
    print(f"\n{plan_id}: sections {found['sections']:.1f}%, measures per section {found['measures']:.1f}%, "
          f"clauses {found['clauses']:.1f}%, fields {found['fields']:.1f}% (labels {found['field_labels']:.1f}%); "
          f"head differences {found['head_differences']}; field labels {found['field_label_differences']}")
    assert found["field_count"][0] == found["field_count"][1]
    assert found["missing_clauses"] == []
    assert found["missing_sections"] == [] and found["extra_sections"] == []
    assert found["measure_differences"] == []
    for key, minimum in THRESHOLDS.items():
        assert found[key] >= minimum, (key, found)
    assert draft.unimported == []


def test_every_source_line_is_in_a_plan_or_reported(imported_txt):
    """The article's own preamble (before 篇一) is the only part outside the plans, and it is listed."""
    assert [where for where, _, _ in imported_txt.unimported] == ["第 1 行", "第 3 行"]
    assert len(imported_txt.drafts) == 5
    assert [d.data["label"] for d in imported_txt.drafts] == ["篇一", "篇二", "篇三", "篇四", "篇五"]
