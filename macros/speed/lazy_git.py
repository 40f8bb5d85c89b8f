"""MkDocs hook: mkdocs-macros' `git` variable is read from git only when a page uses it.

mkdocs-macros fills `{{ git }}` (commit, tag, author, date, …) at the start of every build and of
every `mkdocs serve` rebuild by running git a dozen times, also outside a repository.
The site's own pages never use it. Here the variable becomes a mapping that runs those same
commands (mkdocs-macros' own function) the first time a page reads from it, so `{{ git.short_commit }}`
in a page still works and a build that does not use it starts no process. Printed whole (`{{ git }}`)
before any field was read it says so instead of running git: mkdocs-macros itself prints every variable
into its debug output on every build, and that must not count as a use.

Loaded under `hooks:` in mkdocs.yml: MkDocs imports hook files while it reads the configuration,
before the plugins' on_config, where mkdocs-macros calls the function replaced here.
"""
from __future__ import annotations

from collections.abc import Mapping

from mkdocs_macros import context

from macros.speed import enabled


class LazyGitInfo(Mapping):
    """The `git` variable, read on first use."""

    def __init__(self, read):
        self._read = read
        self._info = None

    def _data(self) -> dict:
        if self._info is None:
            self._info = self._read()
        return self._info

    def __getitem__(self, key):
        return self._data()[key]

    def __iter__(self):
        return iter(self._data())

    def __len__(self):
        return len(self._data())

    def __repr__(self):
        # Not a read: mkdocs-macros prints every variable into its debug output on every build.
        # `{{ git }}` shows the values once a page has read one of them.
        if self._info is None:
            return "{git: 尚未读取;读取 git.commit、git.date 等任一字段时才运行 git (not read yet)}"
        return repr(self._info)


_read_git = getattr(context.get_git_info, "__wrapped__", context.get_git_info)  # once, also when re-imported


def get_git_info() -> LazyGitInfo:
    return LazyGitInfo(_read_git)


get_git_info.__wrapped__ = _read_git
context.get_git_info = get_git_info if enabled("lazy_git") else _read_git
