"""MkDocs hook: keep compiled Jinja templates between builds (Jinja's own bytecode cache).

Registered under `hooks:` in mkdocs.yml. Compiling Material's templates and the site's own
(macros/templates, see render.py) is a fixed part of every build. Jinja can keep the compiled
code in a folder and reuse it while a template's source is unchanged (it compares a checksum of
the source), so only the first build after a change compiles. The folder is .cache/jinja next
to mkdocs.yml; without it (read-only checkout) every build compiles, as before.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache


from macros.speed import cache, enabled

CACHE_DIR = f"{cache.ROOT}/jinja"


def bytecode_cache(project: Path) -> FileSystemBytecodeCache | None:
    if not enabled("jinja_cache"):
        return None
    folder = project / CACHE_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


def on_env(env, config, files):
    env.bytecode_cache = bytecode_cache(Path(config.config_file_path).resolve().parent)
    return env
