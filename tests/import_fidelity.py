"""Compare an imported plan with a curated one: sections, measures per section, clauses.

Used by tests/test_import_fidelity.py (thresholds) and by scripts/bench_import.py's figures.
Ids are not compared: the curated files' ids are hand-picked English words, the importer's come
from labels and positions (macros/core/importer/ids.py).
"""
from __future__ import annotations

import re

from source_text import normalize, sentences

FIELD = re.compile(r"\[\[([^\]]*)\]\]")
PARTS = ("intro", "goals", "body", "closing")
BRACKETS = re.compile(r"[《》“”()()]")  # 行动1(渠道拉新) is stored as label 行动1 + title 渠道拉新


def section_rows(plan: dict) -> list[tuple]:
    """(part, depth, label, title, measures, targets, paragraphs) for every section, in order."""
    rows = []

    def walk(part, node, depth):
        measures = node.get("measures", {}).get("items", [])
        rows.append((part, depth, node.get("label", ""), node.get("title", ""), _count(measures),
                     len(node.get("targets", [])), len(node.get("paragraphs", [])) + len(node.get("outro", []))))
        for child in node.get("sections", []):
            walk(part, child, depth + 1)

    for part in PARTS:
        if part in plan:
            walk(part, plan[part], 0)
    return rows


def _count(items: list) -> int:
    return sum(1 + _count(i.get("items", [])) for i in items)


def plan_text(plan: dict) -> str:
    """Every string of the plan in document order, fields written back as their placeholders."""
    placeholders = {f["id"]: f["placeholder"] for f in plan.get("fields", [])}
    out = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "focus":  # the schema's focus is the (侧重于:…) line without its wrapper
                    out.append(f"(侧重于:{value})")
                elif key not in ("id", "topics", "related", "aliases", "fields", "ordered", "order", "unit"):
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            out.append(FIELD.sub(lambda m: placeholders.get(m.group(1), m.group()), node))

    walk(plan)
    return "".join(out)


def figures(curated: dict, imported: dict, source_lines: list[str]) -> dict:
    """Percentages (0–100) and the differences behind them."""
    cur, imp = section_rows(curated), section_rows(imported)
    cur_keys = [(r[0], r[1], r[2], r[3]) for r in cur]
    imp_keys = [(r[0], r[1], r[2], r[3]) for r in imp]
    same_sections = [k for k in cur_keys if k in imp_keys]
    by_key = {(r[0], r[1], r[2], r[3]): r for r in imp}
    with_measures = [r for r in cur if r[4] or r[5]]
    same_measures = [r for r in with_measures if (k := (r[0], r[1], r[2], r[3])) in by_key and by_key[k][4:6] == r[4:6]]
    text = norm(plan_text(imported))
    clauses = [s for s in sentences(source_lines) if norm(s)]
    present = [s for s in clauses if norm(s) in text]
    cur_fields = [(f["placeholder"], f.get("unit"), f.get("kind", "text"), f["label"]) for f in curated.get("fields", [])]
    imp_fields = [(f["placeholder"], f.get("unit"), f.get("kind", "text"), f["label"]) for f in imported.get("fields", [])]
    pairs = list(zip(cur_fields, imp_fields))
    return {
        # placeholder, unit and kind of each field, in order; labels are worded by hand in the curated files
        "fields": 100 * sum(a[:3] == b[:3] for a, b in pairs) / len(cur_fields) if cur_fields else 100.0,
        "field_labels": 100 * sum(a == b for a, b in pairs) / len(cur_fields) if cur_fields else 100.0,
        "field_count": (len(cur_fields), len(imp_fields)),
        "field_label_differences": [(a[3], b[3]) for a, b in pairs if a[3] != b[3]],
        "sections": 100 * len(same_sections) / len(cur_keys),
        "measures": 100 * len(same_measures) / len(with_measures),
        "clauses": 100 * len(present) / len(clauses),
        "missing_sections": [k for k in cur_keys if k not in imp_keys],
        "extra_sections": [k for k in imp_keys if k not in cur_keys],
        "measure_differences": [(r[:4], r[4:6], by_key.get(r[:4], (0,) * 7)[4:6]) for r in with_measures if r not in same_measures],
        "missing_clauses": [s for s in clauses if s not in present],
        "head_differences": {k: (curated.get(k), imported.get(k)) for k in ("label", "title", "role", "kind", "focus")
                             if curated.get(k) != imported.get(k)},
    }


def norm(text: str) -> str:
    return BRACKETS.sub("", normalize(text))
