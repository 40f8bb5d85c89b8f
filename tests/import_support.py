"""Helpers for the importer's tests: write a small article, run the command as an editor would."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "import"

#: the command run in a fresh interpreter where importing mkdocs or material fails
NO_MKDOCS = (
    "import sys, runpy\n"
    "sys.modules['mkdocs'] = None\n"
    "sys.modules['material'] = None\n"
    "sys.argv = ['import_plan'] + sys.argv[1:]\n"
    "runpy.run_module('macros.import_plan', run_name='__main__')\n"
)


def run_import(*args, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """python -m macros.import_plan ARGS, with mkdocs blocked from import."""
    return subprocess.run([sys.executable, "-c", NO_MKDOCS, *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


def all_ids(node) -> list[str]:
    """Every id in a plan mapping, in document order."""
    if isinstance(node, dict):
        return ([node["id"]] if "id" in node else []) + [i for v in node.values() for i in all_ids(v)]
    if isinstance(node, list):
        return [i for v in node for i in all_ids(v)]
    return []


def article(tmp_path: Path, text: str, name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


SMALL = """篇六:《银行员工工作计划》

(侧重于:信贷审批岗,以风险把控为核心的保障型计划)

一、岗位认知

作为一名信贷审批人员,我负责守住资产质量。

二、具体实施计划与措施

(一)流程优化模块

  1. 第一阶段:流程梳理
    • 内容:梳理现有审批流程。
    • 措施:
      • 每周复盘一次退回的审批案例。
      • 每月整理一次审批要点。

(二)能力提升模块

  1. 专业学习:
    • 全年阅读行业研究报告。

三、总结

我将以审慎的态度做好每一笔审批。
"""
