"""MkDocs hook, listed first: the build stops at once when MkDocs, Material or mkdocs-macros is not a
version this site was tested with.

The hooks, templates and theme repairs of this site lean on these three packages' inner workings
(Material's markup and search index, MkDocs' page objects, the macros plugin's environment), so an
untested version may build a subtly wrong site rather than fail. The check runs while MkDocs loads
this file, before it imports the other hooks (which may not even import under another version),
and it reads the versions from the installed packages' metadata. TESTED holds the versions pinned
in requirements.lock; scripts/lock.sh moves the lock, after which the new versions are added here.
"""
from __future__ import annotations

from importlib import metadata
from typing import Callable, Mapping

#: package -> versions the whole test suite passed with
TESTED: dict[str, tuple[str, ...]] = {
    "mkdocs": ("1.6.1",),
    "mkdocs-material": ("9.8.2",),
    "mkdocs-macros-plugin": ("1.5.0",),
}


def installed_version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def untested(tested: Mapping[str, tuple[str, ...]] = TESTED,
             installed: Callable[[str], str | None] = installed_version) -> str:
    """'' when every package is at a tested version; otherwise the message that stops the build."""
    lines = []
    for package, versions in tested.items():
        have = installed(package)
        if have not in versions:
            shown = have or "未安装 (not installed)"
            lines.append(f"  - {package}: 已安装 (installed) {shown},"
                         f"测试过的版本 (tested) {', '.join(versions)}")
    if not lines:
        return ""
    return "\n".join([
        "站点生成器的版本未经本站测试,构建已停止 (untested versions of the site generator, build stopped):",
        *lines,
        "请运行 scripts/setup.sh 安装锁定的版本 (run scripts/setup.sh: it installs the locked versions, "
        "requirements.lock).",
        "要换用新版本:运行 scripts/lock.sh,全部测试通过后把新版本加入 macros/site/versions.py 的 TESTED "
        "(to move to new versions: scripts/lock.sh, then add them to TESTED once every test passes).",
    ])


def _stop_if_untested() -> None:
    from mkdocs.config.base import ValidationError  # MkDocs reports it as a configuration error

    message = untested()
    if message:
        raise ValidationError("\n" + message)


_stop_if_untested()
