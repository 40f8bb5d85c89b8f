"""The fast lane's guard (tests/conftest.py): a test that uses the browser without the `browser`
marker stops the collection, and a test that starts a marked program (Java, Node.js, LibreOffice,
nginx …) without its marker fails. Each case is a real pytest run over a small test file, with
this project's conftest.py and markers."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from support import ROOT


def run_pytest(tmp_path: Path, test_source: str, *args: str) -> subprocess.CompletedProcess:
    shutil.copy(ROOT / "tests" / "conftest.py", tmp_path / "conftest.py")
    ini = (ROOT / "pytest.ini").read_text(encoding="utf-8")
    ini = ini.replace("testpaths = tests", "testpaths = .").replace(
        "pythonpath = . tests", f"pythonpath = {ROOT} {ROOT / 'tests'}")
    (tmp_path / "pytest.ini").write_text(ini, encoding="utf-8")
    (tmp_path / "test_sample.py").write_text(test_source, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)


UNMARKED_PAGE = '''
import pytest

def test_plain():
    pass

def test_looks_at_a_page(page):
    pass
'''


def test_an_unmarked_browser_test_stops_every_lane(tmp_path):
    for lane in ([], ["-m", "not browser and not server"]):
        result = run_pytest(tmp_path, UNMARKED_PAGE, "--collect-only", *lane)
        assert result.returncode != 0
        assert "test_sample.py::test_looks_at_a_page" in result.stderr
        assert "test_plain" not in result.stderr


def test_a_marked_browser_test_is_left_out_of_the_fast_lane(tmp_path):
    marked = UNMARKED_PAGE.replace("def test_looks", "@pytest.mark.browser\ndef test_looks")
    result = run_pytest(tmp_path, marked, "--collect-only", "-q", "-m", "not browser and not server")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1/2 tests collected (1 deselected)" in result.stdout


STARTS_PROGRAMS = '''
import subprocess
import pytest

@pytest.mark.parametrize("program", ["/nowhere/java", "/nowhere/soffice", "/nowhere/nginx"])
def test_unmarked(program):
    subprocess.run([program, "--version"])

@pytest.mark.browser
def test_marked_browser():
    subprocess.run(["/nowhere/node", "--version"])

@pytest.mark.server
def test_marked_server():
    subprocess.run(["/nowhere/apache2ctl", "-v"])
'''


def test_starting_a_marked_program_needs_its_marker(tmp_path):
    result = run_pytest(tmp_path, STARTS_PROGRAMS, "-q")
    out = result.stdout
    # the guard refuses before the program is looked for; the marked ones get as far as the missing file
    for program, marker in (("java", "browser"), ("soffice", "browser"), ("nginx", "server")):
        assert f"需要标记 @pytest.mark.{marker} (a test that starts {program} must be marked `{marker}`)" in out
    assert "FileNotFoundError: [Errno 2] No such file or directory: '/nowhere/node'" in out
    assert "FileNotFoundError: [Errno 2] No such file or directory: '/nowhere/apache2ctl'" in out
    assert "5 failed" in out
