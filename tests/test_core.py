"""The core (macros/core/) knows nothing of MkDocs: its CLIs, rendering and published data work with
mkdocs, material and mkdocs_macros blocked from import, and its page addresses follow MkDocs' rules."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: run first in the child: any import of these packages raises ImportError
BLOCK = textwrap.dedent("""
    import sys
    for name in ("mkdocs", "material", "mkdocs_macros"):
        sys.modules[name] = None
""")


def run_blocked(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", BLOCK + textwrap.dedent(code)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_blocking_works():
    """The block itself is real: importing mkdocs in the child fails."""
    done = run_blocked("import mkdocs")
    assert done.returncode != 0 and "ModuleNotFoundError: import of mkdocs halted" in done.stderr


@pytest.mark.parametrize("cli", [["macros.validate"], ["macros.validate", "data/plans/teller.yml"],
                                 ["macros.anchors"]])
def test_clis_run_without_mkdocs(cli):
    done = run_blocked(f"""
        import runpy
        sys.argv = {cli!r}
        runpy.run_module({cli[0]!r}, run_name="__main__")
    """)
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr


def test_rendering_and_published_data_without_mkdocs():
    done = run_blocked("""
        import json
        from pathlib import Path
        import macros
        from macros.core import render
        from macros.core.loader import load_collection
        from macros.core.published import documents
        collection = load_collection(Path("data"))
        plan = collection.plans[0]
        page = render.plan_page(collection, plan.id)
        assert plan.title in page or plan.id in page
        from macros.core.urls import page_url
        sources = [f"plans/{p.id}.md" for p in collection.plans] + ["topics/index.md"] + \
            [f"topics/{t.id}.md" for t in collection.topics] + [f"tracks/{t.id}.md" for t in collection.tracks]
        urls = {src: page_url(src, False) for src in sources}
        files = dict(documents(collection, urls))
        assert json.loads(files[f"data/plans/{plan.id}.json"])["id"] == plan.id
        for track in collection.tracks:
            render.track_page(collection, track.id)
        for topic in collection.topics:
            render.topic_page(collection, topic.id)
        render.home_page(collection); render.mine_page(); render.topics_index(collection)
        print("ok", len(files))
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok ")


def test_core_imports_nothing_of_mkdocs_in_its_source():
    """A second guard, for modules the checks above do not import: no core file names MkDocs."""
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "macros" / "core").rglob("*.py")
                 if any(word in p.read_text(encoding="utf-8")
                        for word in ("import mkdocs", "from mkdocs", "import material", "from material"))]
    assert offenders == []


SOURCES = ["index.md", "mine.md", "plans/teller.md", "plans/index.md", "topics/index.md", "topics/aml.md",
           "tracks/a/b.md", "README.md", "a/README.md"]


@pytest.mark.parametrize("directory_urls", [False, True])
def test_page_urls_follow_mkdocs(directory_urls):
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    from macros.core.urls import page_url, relative_url
    for src in SOURCES:
        assert page_url(src, directory_urls) == File(src, "", "", directory_urls).url, src
    for target in SOURCES:
        for here in SOURCES:
            a, b = page_url(target, directory_urls), page_url(here, directory_urls)
            assert relative_url(a, b) == get_relative_url(a, b), (target, here)
