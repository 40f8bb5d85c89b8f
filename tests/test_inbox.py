"""The inbox preview: under scripts/serve.sh an article dropped into data/inbox/ is converted and
previewed (checked in Chromium); a normal build publishes nothing from data/inbox/."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from docx_article import write_article
from import_support import FIXTURES, SMALL
from macros.core.loader import load_plan
from support import ROOT, build, copy_project

ARTICLE_TEXT = "作为一名信贷审批人员,我的职责是守住资产质量的第一道关口"


def _project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "data" / "inbox", ignore_errors=True)
    inbox = project / "data" / "inbox"
    inbox.mkdir()
    shutil.copy(ROOT / "data" / "inbox" / "README.txt", inbox)
    shutil.copy(FIXTURES / "with-junk.txt", inbox / "loan-officer.txt")
    shutil.copy(FIXTURES / "no-structure.txt", inbox / "broken.txt")
    write_article(SMALL.replace("篇六", "篇七").replace("信贷审批岗", "授信审查岗"), inbox / "credit-review.docx")
    return project


def test_normal_build_publishes_nothing_from_the_inbox(tmp_path):
    project = _project(tmp_path)
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (site / "inbox").exists()
    assert not (project / "data" / "inbox" / "drafts").exists()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".js", ".txt", ".xml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert ARTICLE_TEXT not in text and "授信审查岗" not in text and "收件箱" not in text, path


def _fetch(url: str) -> str:
    return urllib.request.urlopen(url, timeout=10).read().decode("utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """scripts/serve.sh run in a copy of the project (its .venv the worktree's own, already set up)."""
    tmp = tmp_path_factory.mktemp("serve")
    project = _project(tmp)
    for name in ("scripts", "pyproject.toml", "requirements.lock", "requirements-test.lock", "requirements-zensical.lock"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
    (project / ".venv").symlink_to(ROOT / ".venv")
    port = _free_port()
    log = open(tmp / "serve.log", "w")
    proc = subprocess.Popen(["bash", "scripts/serve.sh"], cwd=project, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "WP_ADDR": f"127.0.0.1:{port}"}, start_new_session=True)
    url = f"http://127.0.0.1:{port}/inbox/index.html"
    try:
        deadline = time.time() + 120
        while True:
            try:
                _fetch(url)
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    raise AssertionError((tmp / "serve.log").read_text()) from None
                time.sleep(1)
        yield project, url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()


def test_drafts_are_written_to_the_inbox_and_valid(served):
    project, _ = served
    drafts = project / "data" / "inbox" / "drafts"
    assert sorted(p.name for p in drafts.glob("*.yml")) == ["credit-review.yml", "loan-officer.yml"]
    assert load_plan(drafts / "loan-officer.yml", project / "data").role == "信贷审批岗"
    assert load_plan(drafts / "credit-review.yml", project / "data").role == "授信审查岗"


def _wait_until_quiet(log: Path, quiet: float = 3.0, limit: float = 60.0) -> None:
    """Until the server's log has not grown for `quiet` seconds (no build started or finished)."""
    deadline, size, since = time.time() + limit, -1, time.time()
    while time.time() < deadline:
        now = log.stat().st_size
        if now != size:
            size, since = now, time.time()
        elif time.time() - since >= quiet:
            return
        time.sleep(0.25)


@pytest.mark.browser
def test_inbox_preview_in_chromium(served, page, tmp_path):
    project, url = served
    page.goto(url)
    body = page.locator("article").inner_text()
    assert "data/inbox/drafts/loan-officer.yml" in body and "校验通过" in body
    assert "第 15 行「第 1 页 共 3 页」:页码行" in body                       # 未导入, with the source line
    assert "audience:原文没有“适用人群”" in body                              # 待确认
    assert "broken.txt" in body and "无法导入" in body and "没有可识别的结构" in body
    assert "Word 页眉" not in body
    page.screenshot(path=str(tmp_path / "inbox.png"), full_page=True)
    page.locator("a", has_text="预览这份计划").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "授信审查岗工作计划"
    assert page.locator("text=每周复盘一次退回的审批案例。").count() == 1
    # a file dropped while serving is converted and appears after the reload
    shutil.copy(FIXTURES / "gbk-article.txt", project / "data" / "inbox" / "lobby-manager.txt")
    deadline = time.time() + 60
    while "lobby-manager.txt" not in _fetch(url) and time.time() < deadline:
        time.sleep(1)
    # writing the draft is a change too: the server builds once more and tells every open page to
    # reload, which can cut a navigation short. Wait until it is quiet, then look in a fresh page.
    _wait_until_quiet(project.parent / "serve.log")
    fresh = page.context.new_page()
    fresh.goto(url)
    assert "编码 GB18030(GBK)" in fresh.locator("article").inner_text()
