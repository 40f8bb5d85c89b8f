"""The browser modules' manifest (macros/site/modules.yml), read and checked, and what follows from it.

One list says, for every script and stylesheet of docs/assets, what it needs and where it runs
(every page, given pages, or fetched on first use). From it come the files joined into the
every-page bundles, what a given page links besides (its stylesheets, and its scripts in
dependency order, each once, joined into one file) and the table that assets/wp/load.js
resolves WP.load([...]) with. No MkDocs import: the hook (bundle.py) and the
tests read the same functions. A broken entry stops with a message naming it (ManifestError).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from macros.core.errors import DataError
from macros.core.loader import read_yaml

MANIFEST = Path(__file__).with_name("modules.yml")
KINDS = {"styles": {"file", "every_page", "pages"},
         "scripts": {"file", "needs", "styles", "every_page", "pages", "loaded_by"}}


class ManifestError(ValueError):
    """modules.yml cannot be used; the message says which entry and why, in Chinese."""


@dataclass(frozen=True)
class Entry:
    name: str
    file: str                 # path under docs/
    needs: tuple[str, ...] = ()
    styles: tuple[str, ...] = ()
    every_page: bool = False
    pages: tuple[str, ...] = ()
    loaded_by: tuple[tuple[str, str], ...] = ()   # (asking module, when)


@dataclass(frozen=True)
class Manifest:
    styles: dict[str, Entry]
    scripts: dict[str, Entry]

    def order(self, names, kind: str = "scripts") -> list[str]:
        """names with everything they need, needs first, each once (manifest order on a tie)."""
        table, done, out = getattr(self, kind), set(), []

        def visit(name, path):
            if name in done:
                return
            if name in path:
                raise ManifestError(f"modules.yml: 循环依赖 {' → '.join(path + (name,))}")
            for need in table[name].needs:
                visit(need, path + (name,))
            done.add(name)
            out.append(name)

        for name in names:
            visit(name, ())
        return out

    def bundle(self, kind: str) -> list[str]:
        """The files joined into the every-page bundle of this kind, in the order they run."""
        table = getattr(self, kind)
        names = self.order([n for n, e in table.items() if e.every_page], kind)
        strays = [n for n in names if not table[n].every_page]
        if strays:
            raise ManifestError(f"modules.yml: 每页都加载的模块需要 {', '.join(strays)},它们也要写 every_page: true")
        return [table[n].file for n in names]

    @cached_property
    def _all_keys(self) -> tuple[str, ...]:
        return tuple({key for table in (self.styles, self.scripts) for e in table.values() for key in e.pages})

    @staticmethod
    def _keys(src_uri: str, entries) -> list[str]:
        return sorted({key for e in entries for key in e.pages if _matches(key, src_uri)})

    def for_page(self, src_uri: str) -> tuple[list[str], list[str]]:
        """(stylesheets, scripts) a page links besides the every-page bundles: the entries whose
        pages name it or a folder it is in, with the scripts they need and the stylesheets those
        name, needs first."""
        if not any(_matches(key, src_uri) for key in self._all_keys):
            return [], []  # most pages: nothing of their own

        def here(entry):
            return any(_matches(key, src_uri) for key in entry.pages)

        scripts = [n for n in self.order([n for n, e in self.scripts.items() if here(e)])
                   if not self.scripts[n].every_page]
        styles = [n for n, e in self.styles.items() if here(e) and not e.every_page]
        for name in scripts:
            styles += [s for s in self.scripts[name].styles if s not in styles]
        return [self.styles[s].file for s in styles], [self.scripts[n].file for n in scripts]

    def page_bundle(self, src_uri: str) -> str:
        """The file a page's own scripts are joined into, named for the pages entries that
        brought them ("" when it has none): mine.md -> assets/wp/page-mine.js."""
        keys = self._keys(src_uri, self.scripts.values())
        slugs = [key.removesuffix(".md").strip("/").replace("/", "-") for key in keys]
        return f"assets/wp/page-{'+'.join(slugs)}.js" if keys else ""

    def on_demand(self) -> dict[str, list[str]]:
        """What load.js fetches for WP.load([name]): the files under assets/, in the order they
        are added (each module's stylesheets, then the module; what it needs first; bundled
        modules left out, they are always there). For every script that is neither in the
        bundle nor linked by the pages it serves (there already, and of no use elsewhere)."""
        table = {}
        for name, entry in self.scripts.items():
            if entry.every_page or entry.pages:
                continue
            files = []
            for need in self.order([name]):
                if not self.scripts[need].every_page:
                    files += [self.styles[s].file for s in self.scripts[need].styles]
                    files.append(self.scripts[need].file)
            table[name] = [_under_assets(f) for f in files]
        return table


def _matches(key: str, src_uri: str) -> bool:
    """A pages entry names this page, or a folder ("…/") it is in."""
    return key == src_uri or (key.endswith("/") and src_uri.startswith(key))


def _under_assets(file: str) -> str:
    return file.removeprefix("assets/")


def on_demand_script(manifest: Manifest) -> str:
    """The statement that gives load.js its table: data only, as the plan data files are."""
    table = json.dumps(manifest.on_demand(), ensure_ascii=False, separators=(",", ":"))
    return f"(window.WP=window.WP||{{}}).modules={table};\n"


def _entry(kind: str, name: str, raw) -> Entry:
    where = f"modules.yml: {kind}.{name}"
    if not isinstance(raw, dict) or not isinstance(raw.get("file"), str):
        raise ManifestError(f"{where}: 需要 file(docs/ 下的路径)")
    unknown = set(raw) - KINDS[kind]
    if unknown:
        raise ManifestError(f"{where}: 不认识的字段 {', '.join(sorted(unknown))}(可用:{', '.join(sorted(KINDS[kind]))})")
    lists = {}
    for key in ("needs", "styles", "pages"):
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ManifestError(f"{where}.{key}: 应是名称列表")
        lists[key] = tuple(value)
    loaded_by = raw.get("loaded_by", {})
    if not isinstance(loaded_by, dict) or not all(isinstance(v, str) and v for v in loaded_by.values()):
        raise ManifestError(f"{where}.loaded_by: 应写成“模块名: 何时加载”")
    return Entry(name=name, file=raw["file"], every_page=raw.get("every_page") is True,
                 loaded_by=tuple(loaded_by.items()), **lists)


def parse(raw) -> Manifest:
    """The manifest's parsed YAML, checked: known fields, and every name it refers to listed."""
    if not isinstance(raw, dict) or set(raw) != set(KINDS):
        raise ManifestError("modules.yml: 顶层应只有 styles 和 scripts 两项")
    tables = {kind: {name: _entry(kind, name, entry) for name, entry in (raw[kind] or {}).items()}
              for kind in KINDS}
    manifest = Manifest(**tables)
    for name, entry in manifest.scripts.items():
        for key, table in (("needs", manifest.scripts), ("styles", manifest.styles),
                           ("loaded_by", manifest.scripts)):
            names = [asker for asker, _ in entry.loaded_by] if key == "loaded_by" else getattr(entry, key)
            missing = [n for n in names if n not in table]
            if missing:
                raise ManifestError(f"modules.yml: scripts.{name}.{key} 写了未列出的 {', '.join(missing)}")
    manifest.order(list(manifest.scripts))  # no cycles
    return manifest


def load(path: Path = MANIFEST) -> Manifest:
    """The manifest at path, read with the data files' YAML reader (a key written twice, bad
    syntax and other encodings are errors; a file read before and unchanged is not parsed again)."""
    try:
        return parse(read_yaml(path, path.name))
    except DataError as exc:
        raise ManifestError(str(exc)) from None
    except OSError as exc:
        raise ManifestError(f"无法读取 {path.name}:{exc}") from None
