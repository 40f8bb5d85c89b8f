"""mkdocs-macros' `git` variable is read from git only when a page uses it (macros/speed/lazy_git.py):
a build of the site starts no git process, and a page that asks for the commit still gets it."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from support import build, copy_project

# A build in a process of its own that lists every program it starts (Python's audit events).
DRIVER = """
import json, sys
started = []
sys.addaudithook(lambda event, args: event == "subprocess.Popen" and started.append([str(a) for a in args[1]]))
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config(config_file=sys.argv[1], site_dir=sys.argv[2], strict=True))
print(json.dumps(started))
"""


def _git(project, *args) -> str:
    return subprocess.run(["git", *args], cwd=project, check=True, capture_output=True, text=True).stdout.strip()


def _commit(project) -> None:
    _git(project, "init", "-q")
    _git(project, "-c", "user.name=测试", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "t")


def test_a_build_starts_no_git_process(tmp_path):
    project = copy_project(tmp_path / "project")
    _commit(project)
    result = subprocess.run([sys.executable, "-c", DRIVER, str(project / "mkdocs.yml"), str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    started = json.loads(result.stdout.strip().splitlines()[-1])
    assert not [argv for argv in started if os.path.basename(argv[0]) == "git"], started


def test_a_page_that_uses_git_gets_the_commit(tmp_path):
    project = copy_project(tmp_path / "project")
    _commit(project)
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n版本 {{ git.short_commit }}\n\n"
                     "{% if git %}{% for key in git if key == 'commit' %}全部 {{ git[key] }} {{ git | length }}{% endfor %}{% endif %}\n\n整体 {{ git }}\n",
                     encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert f"版本 {_git(project, 'rev-parse', '--short', 'HEAD')}" in html
    commit = _git(project, 'rev-parse', 'HEAD')
    assert f"全部 {commit} " in html  # truth, iteration, item and length like a dict
    assert commit in html.split("整体", 1)[1]  # printed whole once read: the values
