"""A hand-written page without a `title` keeps the title MkDocs gives it (its first heading, else
its file name) after macros/speed/release_markdown.py lets its Markdown go: MkDocs works the title
out lazily from the Markdown, and the theme and the search index ask for it only afterwards."""
from __future__ import annotations

import json

from support import build, copy_project

SITE_NAME = "银行员工工作计划模板库"
# MkDocs' rules: the first level-one heading; without one the file name, dashes as spaces, capitalised
PAGES = {
    "editor-notes.md": ("## 第一节\n\n没有一级标题的手写页面。\n", "Editor notes"),
    "guide.md": ("# 编辑指南\n\n有一级标题的手写页面。\n", "编辑指南"),
}


def test_untitled_hand_written_pages_keep_their_title(tmp_path):
    project = copy_project(tmp_path / "project")
    for name, (markdown, _) in PAGES.items():
        (project / "docs" / name).write_text(markdown, encoding="utf-8")
    config = project / "mkdocs.yml"
    # outside the nav (pages.py writes the nav), so no title comes from there either
    config.write_text(config.read_text(encoding="utf-8")
                      + "\nnot_in_nav: |\n" + "".join(f"  /{name}\n" for name in PAGES), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr

    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    for name, (_, title) in PAGES.items():
        html_name = name.replace(".md", ".html")
        html = (tmp_path / "site" / html_name).read_text(encoding="utf-8")
        assert f"<title>{title} - {SITE_NAME}</title>" in html
        first_entry = next(e for e in index["docs"] if e["location"] == html_name)
        assert first_entry["title"] == title
