"""`mkdocs serve` shows an edit to the project's code at the next reload, without a restart
(macros/site/reload.py): a real server on a free 127.0.0.1 port over a copy of the project; each
edit (a core module, a template, a helper a hook imports, a data file, a stylesheet) is saved and
the pages fetched until they show the changes. The seconds from save to changed pages are printed."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from support import copy_project

WAIT = 60  # seconds for one rebuild on a busy machine; a rebuild takes about one


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, project: Path):
        self.log = project.parent / "serve.log"
        port = free_port()
        with self.log.open("w") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
                cwd=project, stdout=out, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{port}/"

    def fetch(self, path: str) -> str:
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(self, path: str, text: str) -> float:
        """Seconds until `path` holds `text`; fails with the server's log after WAIT seconds."""
        start = time.perf_counter()
        while time.perf_counter() - start < WAIT:
            assert self.proc.poll() is None, self.log.read_text(encoding="utf-8")[-3000:]
            if text in self.fetch(path):
                return time.perf_counter() - start
            time.sleep(0.05)
        pytest.fail(f"{path} never showed {text!r}:\n" + self.log.read_text(encoding="utf-8")[-3000:])

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path}: {old!r} is not there once"
    path.write_text(text.replace(old, new), encoding="utf-8")


# (what is edited, file, old, new, page that shows it, text the page then holds)
EDITS = [
    ("core module", "macros/core/render.py", '("name", "姓名", "text")', '("name", "姓名RELOAD-PY", "text")',
     "mine.html", "姓名RELOAD-PY"),
    ("template", "macros/core/templates/mine.md.j2", "# 我的计划 {#mine}", "# 我的计划RELOAD-J2 {#mine}",
     "mine.html", "我的计划RELOAD-J2"),
    ("helper a hook imports", "macros/core/theme_text.py", "return html.escape(value, quote=True)",
     'return "RELOAD-HOOK" + html.escape(value, quote=True)', "index.html", "RELOAD-HOOK"),
    ("data file", "data/collection.yml", "title: 银行员工工作计划", "title: 银行员工工作计划RELOAD-DATA",
     "index.html", "银行员工工作计划RELOAD-DATA"),
    ("stylesheet", "docs/assets/site.css", ".md-typeset .wp-plan-head {",
     ".wp-reload-check{color:red}\n.md-typeset .wp-plan-head {", "assets/bundle.css", ".wp-reload-check{color:red}"),
]


def test_edits_show_at_the_next_reload(tmp_path, capsys):
    """All five edits saved together (one rebuild, or two when the watcher fires during the
    saving): the core module's and the hook helper's would not show without the reload hook."""
    project = copy_project(tmp_path / "project")
    server = Server(project)
    try:
        server.wait_for("index.html", "</html>")
        for what, rel, old, new, page, shown in EDITS:
            assert shown not in server.fetch(page), what
        saved = time.perf_counter()
        for what, rel, old, new, page, shown in EDITS:
            replace_once(project / rel, old, new)
        for what, rel, old, new, page, shown in EDITS:
            server.wait_for(page, shown)
        seconds = time.perf_counter() - saved
    finally:
        server.stop()
    with capsys.disabled():
        print(f"\nserve: five edits saved, every page shows them after {seconds:.1f} s")
