"""The cache of parsed data files (macros/speed/data_cache.py): used when a file is unchanged,
never when it changed."""
from __future__ import annotations

from macros.core import loader
from macros.speed import data_cache
from support import copy_project, edit_plan


def test_parsed_files_are_cached_and_an_edit_is_read_again(tmp_path):
    project = copy_project(tmp_path / "project")
    data = project / "data"
    data_cache._parsed.clear()  # as in a new build process (other tests may have loaded the same files)
    first = loader.load_collection(data)
    cached = sorted((project / data_cache.CACHE_DIR).glob("*.json"))
    # templates are not loaded, nor the drafts of articles dropped into data/inbox/ (git-ignored)
    assert len(cached) == len([p for p in data.rglob("*.yml") if not {"templates", "inbox"} & set(p.parts)])
    data_cache._parsed.clear()  # a new build process: only the files on disk are left
    assert loader.load_collection(data).plan("teller").title == first.plan("teller").title
    edit_plan(project, "teller", lambda plan: plan.update(title="缓存测试标题"))
    assert loader.load_collection(data).plan("teller").title == "缓存测试标题"
    assert len(list((project / data_cache.CACHE_DIR).glob("*.json"))) == len(cached) + 1
