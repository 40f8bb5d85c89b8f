"""The listing of generated pages (macros/core/generated_pages.py) that the MkDocs hook and
scripts/zensical.sh share: it names exactly the pages the MkDocs build makes beyond docs/, and its
command writes them as files (what Zensical, which runs no hooks, reads)."""
from __future__ import annotations

import subprocess
import sys

from macros.core.generated_pages import generated_pages
from support import ROOT, copy_project, edit_plan, html_pages


def test_the_listing_is_what_the_mkdocs_build_adds_to_docs(site, collection):
    hand_written = {p.relative_to(ROOT / "docs").with_suffix(".html").as_posix()
                    for p in (ROOT / "docs").rglob("*.md")}
    made_by_build = set(html_pages(site)) - hand_written - {"404.html"}
    listed = [page.src.removesuffix(".md") + ".html" for page in generated_pages(collection)]
    assert len(listed) == len(set(listed))
    assert set(listed) == made_by_build


def _write(project, docs):
    return subprocess.run([sys.executable, "-m", "macros.core.generated_pages", str(project / "data"), str(docs)],
                          capture_output=True, text=True, timeout=120)


def test_the_command_writes_every_stub(tmp_path, collection):
    result = _write(ROOT, tmp_path / "docs")
    assert result.returncode == 0, result.stderr
    pages = generated_pages(collection)
    written = sorted(p.relative_to(tmp_path / "docs").as_posix() for p in (tmp_path / "docs").rglob("*.md"))
    assert written == sorted(page.src for page in pages)
    for page in pages:
        text = (tmp_path / "docs" / page.src).read_text(encoding="utf-8")
        assert text == page.markdown() and "{{ render_" in text


def test_the_command_names_a_data_error_in_chinese(tmp_path):
    project = copy_project(tmp_path / "project")
    edit_plan(project, "teller", lambda data: data.pop("title"))
    result = _write(project, tmp_path / "docs")
    assert result.returncode == 1
    assert "data/plans/teller.yml" in result.stderr and "数据文件有" in result.stderr
    assert not (tmp_path / "docs").exists()
