"""The version check at build start (macros/site/versions.py): its message for other versions, the
table against requirements.lock, and one real build where the installed Material reports another
version."""
from __future__ import annotations

import os
import re
import shutil
from importlib import metadata
from pathlib import Path

import pytest

from macros.site.versions import TESTED, untested
from support import ROOT, build, copy_project


def test_tested_versions_pass_and_others_are_named_with_the_fix():
    tested = {"mkdocs": ("1.6.1",), "mkdocs-material": ("9.8.1", "9.8.2")}
    assert untested(tested, {"mkdocs": "1.6.1", "mkdocs-material": "9.8.1"}.get) == ""
    message = untested(tested, {"mkdocs": "1.6.0", "mkdocs-material": "9.8.2"}.get)
    assert "mkdocs: 已安装 (installed) 1.6.0,测试过的版本 (tested) 1.6.1" in message
    assert "mkdocs-material" not in message
    assert "scripts/setup.sh" in message and "scripts/lock.sh" in message
    missing = untested(tested, {"mkdocs": "1.6.1"}.get)
    assert "mkdocs-material: 已安装 (installed) 未安装 (not installed),测试过的版本 (tested) 9.8.1, 9.8.2" in missing


def test_the_table_holds_the_locked_versions():
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    for package, versions in TESTED.items():
        pinned = re.search(rf"^{re.escape(package)}==(\S+)", lock, re.M)
        assert pinned and pinned.group(1) in versions, package


@pytest.fixture
def material_reports(tmp_path, monkeypatch):
    """PYTHONPATH with a copy of the installed Material's metadata (entry points and all) that
    reports another version: the build's own metadata lookup finds it first. No code is changed."""
    def report(version: str) -> None:
        real = metadata.distribution("mkdocs-material")
        source = Path(real._path)  # the installed .dist-info folder
        fake = tmp_path / "meta" / f"mkdocs_material-{version}.dist-info"
        shutil.copytree(source, fake)
        text = (fake / "METADATA").read_text(encoding="utf-8")
        (fake / "METADATA").write_text(re.sub(r"^Version: .*$", f"Version: {version}", text, count=1, flags=re.M),
                                       encoding="utf-8")
        monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(fake.parent), os.environ.get("PYTHONPATH", "")]))
    return report


def test_a_build_under_an_untested_material_stops_with_the_message(tmp_path, material_reports):
    project = copy_project(tmp_path / "project")
    material_reports("9.9.0")
    result = build(project, tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode == 1, log
    assert "构建已停止" in log
    tested = ", ".join(TESTED["mkdocs-material"])
    assert f"mkdocs-material: 已安装 (installed) 9.9.0,测试过的版本 (tested) {tested}" in log
    assert not (tmp_path / "site").exists()
