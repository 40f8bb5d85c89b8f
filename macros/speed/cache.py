"""The build's caches: files under .cache/ next to mkdocs.yml (parsed data files, compiled templates,
the CSP check's results), each keyed so that a change is never served from it. Deleting .cache/ is
always safe; a checkout where it cannot be written still builds, only without the cache.
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = ".cache"


def read(path: Path) -> str | None:
    """A cache file's text, or None when there is none (or it cannot be read)."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write(path: Path, text: str) -> None:
    """Writes a cache file whole or not at all (another build reading it never sees half of it);
    a failure to write is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(f".{os.getpid()}.part")
        part.write_text(text, encoding="utf-8")
        os.replace(part, path)
    except OSError:
        pass
