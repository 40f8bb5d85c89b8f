"""Parsed data files kept as JSON by a hash of the file's bytes.

Building the Python objects is most of the time of loading a large library (PyYAML's constructor);
reading JSON is many times faster. Kept in memory (mkdocs serve parses again only the file that
changed) and under .cache/data next to data/, for the next build. Only files that parsed are kept
(a file with an error is parsed, and refused, every time); an edited file has a new hash.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import yaml

from macros.speed import cache, enabled

CACHE_DIR = f"{cache.ROOT}/data"
_VERSION = f"2/{yaml.__version__}".encode()
_parsed: dict[str, str] = {}


def _file(path: Path, key: str) -> Path | None:
    data_dir = next((p for p in path.parents if p.name == "data"), None)
    return data_dir.parent / CACHE_DIR / f"{key}.json" if data_dir else None


def parsed(path: Path, raw: bytes, parse: Callable[[bytes], object]):
    """`parse(raw)`, or what it gave for the same bytes before."""
    if not enabled("data_cache"):
        return parse(raw)
    key = hashlib.sha1(_VERSION + raw).hexdigest()
    if key not in _parsed and (file := _file(path, key)) and (text := cache.read(file)) is not None:
        _parsed[key] = text
    if key in _parsed:
        return json.loads(_parsed[key])
    data = parse(raw)
    text = json.dumps(data, ensure_ascii=False)
    if json.loads(text) == data:  # dates, tuples, non-text keys: not kept
        _parsed[key] = text
        if file := _file(path, key):
            cache.write(file, text)
    return data
