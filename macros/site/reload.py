"""MkDocs hook: under `mkdocs serve`, an edit to the project's own code (a core module, a template
under macros/core/templates, a hook or a module a hook imports) shows at the next reload, without
restarting the server.

`mkdocs serve` loads the configuration again for every rebuild, but not the code: MkDocs loads each
hook file once per process (its loader is cached, MkDocs 1.6), and the `macros.*` modules that the
hooks and mkdocs-macros import stay in sys.modules, with their lru_cache'd Jinja environment
(macros/core/render.py). So the first build's functions, model classes and templates kept running.

Here the server's rebuild is wrapped (on_serve): before the configuration is loaded again, the
files of the imported `macros` package are compared with how they were when it was last read. When
any differs, every `macros.*` module is dropped from sys.modules and MkDocs' cache of loaded hook
files is cleared, so the rebuild loads the hooks again and they and mkdocs-macros import everything
afresh. All modules, not only the changed file's: the others hold objects of the old one (`from
.model import Collection`). Hook files are kept in sys.modules under their paths
("macros/site/pages.py"), not as `macros.*`, and are replaced when MkDocs loads them again. A data
or docs/ edit changes nothing here, so the data caches in memory stay.
"""
from __future__ import annotations

import importlib
import importlib.util
import logging
import sys
from pathlib import Path

from mkdocs.config.config_options import Hooks

PACKAGE = "macros"
log = logging.getLogger(f"mkdocs.hooks.{__name__}")


def package_folder() -> Path:
    return Path(importlib.util.find_spec(PACKAGE).origin).resolve().parent


def source_stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file of the package (modules, templates, schemas …) with its modification time and size."""
    stamps = {}
    for path in folder.rglob("*"):
        if "__pycache__" not in path.parts and path.is_file():
            stat = path.stat()
            stamps[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return stamps


def drop_project_code() -> list[str]:
    """Every `macros.*` module out of sys.modules and MkDocs' loaded hook files forgotten: the next
    configuration load reads all of them again. Returns the module names dropped."""
    dropped = sorted(name for name in sys.modules if name == PACKAGE or name.startswith(PACKAGE + "."))
    for name in dropped:
        del sys.modules[name]
    Hooks._load_hook.cache_clear()
    importlib.invalidate_caches()
    return dropped


# read while MkDocs loads this file for the first build, before the other hooks import `macros`
_first_read = source_stamps(package_folder())


def on_serve(server, config, builder):
    last_read = _first_read

    def rebuild():
        nonlocal last_read
        now = source_stamps(package_folder())  # before the build: an edit during it counts next time
        if now != last_read:
            dropped = drop_project_code()
            log.info("macros/ changed: %d modules and the hooks are read again", len(dropped))
            last_read = now
        builder()

    server.builder = rebuild
    return server
