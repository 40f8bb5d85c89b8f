"""MkDocs hook: the scripts and stylesheets every page loads are published as one file of each kind.

mkdocs.yml lists them one module per job (`extra_css`, and the deferred classic scripts of
`extra_javascript`), in the order they run; docs/assets keeps them that way. Published as they are,
each is one more request and one more gzip stream on every page. Here the build joins them, in the
listed order and minified like the site's other files (macros/site/minify.py), into
    assets/bundle.css       instead of the extra_css entries
    assets/wp/bundle.js     instead of the deferred scripts (one deferred script keeps their order;
                            it sits beside them, so load.js finds the other modules next to itself)
The modules stay plain scripts, each in its own function scope, so the bundle runs from a folder
(file://) and under the site's Content-Security-Policy as they did. The separate files are still
published; pages only link the bundles. Scripts with `async` or a `type` are left as listed.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File


from macros.site.minify import MINIFIERS

CSS_BUNDLE = "assets/bundle.css"
JS_BUNDLE = "assets/wp/bundle.js"

#: the site paths joined into each bundle, in order, for the running build
_parts: dict[str, list[str]] = {}


def _joinable(script) -> bool:
    return isinstance(script, ExtraScriptValue) and script.defer and not script.async_ and not script.type


def on_config(config):
    _parts.clear()
    if config.extra_css:
        _parts[CSS_BUNDLE] = [str(path) for path in config.extra_css]
        config.extra_css = [CSS_BUNDLE]
    scripts = [s for s in config.extra_javascript if _joinable(s)]
    if scripts:
        _parts[JS_BUNDLE] = [s.path for s in scripts]
        at = config.extra_javascript.index(scripts[0])
        kept = [s for s in config.extra_javascript if not _joinable(s)]
        bundle = ExtraScriptValue(JS_BUNDLE)
        bundle.defer = True
        config.extra_javascript = kept[:at] + [bundle] + kept[at:]
    return config


def _read(docs: Path, path: str, bundle: str) -> str:
    try:
        return (docs / path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PluginError(f"mkdocs.yml: {path} 无法读取,不能合并到 {bundle} ({exc})") from None


def on_files(files, config):
    docs = Path(config.docs_dir)
    for bundle, paths in _parts.items():
        minify = MINIFIERS[Path(bundle).suffix]
        # ";" between scripts: a module that ends without one must not run into the next
        glue = ";\n" if bundle.endswith(".js") else "\n"
        content = glue.join(minify(_read(docs, path, bundle)) for path in paths) + "\n"
        files.append(File.generated(config, bundle, content=content))
    return files
