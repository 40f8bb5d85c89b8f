"""MkDocs hook: what each page loads, from the one manifest of browser modules (macros/site/modules.yml).

docs/assets keeps the scripts and stylesheets one module per job, readable. From the manifest:
- the modules every page needs are published joined, in dependency order and minified like the
  site's other files (macros/site/minify.py), into
      assets/bundle.css       the every-page stylesheets
      assets/wp/bundle.js     the every-page scripts (one deferred script keeps their order; it
                              sits beside them, so load.js finds the other modules next to itself)
  one request and one gzip stream of each kind instead of one per module;
- the table load.js fetches the other modules with is published as assets/wp/modules.js (data
  only), which load.js fetches with the first module asked for: a page that asks for none does
  not download it;
- the scripts only some pages need are joined the same way, needs first, into one file for
  those pages (assets/wp/page-<page>.js, beside the modules, so data.js and export-docx.js find
  their files from it); overrides/main.html links it, with the list of the modules it holds
  (data-modules, so load.js never fetches one of them again), and the page's stylesheets
  (`page_assets` in the template context);
- everything else arrives through load.js on first use.
The modules stay plain scripts, each in its own function scope, so the bundle runs from a folder
(file://) and under the site's Content-Security-Policy as they did. The separate files are still
published; pages only link the bundles.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from macros.site import modules
from macros.site.minify import MINIFIERS

CSS_BUNDLE = "assets/bundle.css"
JS_BUNDLE = "assets/wp/bundle.js"
TABLE = "assets/wp/modules.js"

#: the manifest of the running build, read once in on_config (asked again for every page)
_current: list[modules.Manifest] = []


def _manifest() -> modules.Manifest:
    return _current[0]


def on_config(config):
    try:  # a broken manifest stops the build before any page is rendered
        _current[:] = [modules.load()]
    except modules.ManifestError as exc:
        raise PluginError(str(exc)) from None
    listed = [str(p) for p in config.extra_css] + [str(s) for s in config.extra_javascript]
    if listed:  # they would be loaded past the manifest, or not at all
        raise PluginError(f"mkdocs.yml: extra_css / extra_javascript 中的 {', '.join(listed)} "
                          "请改在 macros/site/modules.yml 中登记(写明它需要什么、在哪些页面加载)")
    config.extra_css = [CSS_BUNDLE]
    bundle = ExtraScriptValue(JS_BUNDLE)
    bundle.defer = True
    config.extra_javascript = [bundle]
    return config


def _read(docs: Path, path: str, bundle: str) -> str:
    try:
        return (docs / path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PluginError(f"macros/site/modules.yml: {path} 无法读取,不能合并到 {bundle} ({exc})") from None


def _joined(docs: Path, paths: list[str], bundle: str) -> str:
    minify = MINIFIERS[Path(bundle).suffix]
    # ";" between scripts: a module that ends without one must not run into the next
    glue = ";\n" if bundle.endswith(".js") else "\n"
    return glue.join(minify(_read(docs, path, bundle)) for path in paths) + "\n"


def on_files(files, config):
    docs = Path(config.docs_dir)
    manifest = _manifest()
    joined = {CSS_BUNDLE: manifest.bundle("styles"), JS_BUNDLE: manifest.bundle("scripts")}
    for page in files.documentation_pages():
        if name := manifest.page_bundle(page.src_uri):
            joined[name] = manifest.for_page(page.src_uri)[1]
    for bundle, paths in joined.items():
        files.append(File.generated(config, bundle, content=_joined(docs, paths, bundle)))
    files.append(File.generated(config, TABLE, content=modules.on_demand_script(manifest)))
    return files


def on_page_context(context, page, config, nav):
    manifest = _manifest()
    styles, scripts = manifest.for_page(page.file.src_uri)
    context["page_assets"] = {"styles": styles, "script": manifest.page_bundle(page.file.src_uri),
                              "modules": " ".join(path.removeprefix("assets/") for path in scripts)}
    return context
