"""MkDocs hook: the site's own scripts and stylesheets are published minified.

docs/assets keeps them readable, with their comments (a large part of their size). After the
build, every .js and .css file that came from docs/ is rewritten in the site folder by rjsmin or
rcssmin: comments and whitespace go, names and code stay exactly as written, so what runs is what
the source says. The theme's files are minified already; assets/vendor/ is published as its
authors ship it. The theme templates get the same minifier as a `jsmin` filter, for the script
overrides/main.html writes inline into every page. BENCHMARKS.md has what a plan page
transfers.
"""
from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}
KEPT_AS_SHIPPED = "assets/vendor/"

#: site paths of the files to minify, from the files of the running build
_ours: list[str] = []


def on_env(env, config, files):
    env.filters["jsmin"] = rjsmin.jsmin
    return env


def on_files(files, config):
    docs = Path(config.docs_dir).resolve()
    _ours.clear()
    _ours.extend(f.dest_uri for f in files
                 if Path(f.dest_uri).suffix in MINIFIERS and not f.dest_uri.startswith(KEPT_AS_SHIPPED)
                 and f.abs_src_path and Path(f.abs_src_path).resolve().is_relative_to(docs))
    return files


def on_post_build(config):
    site = Path(config.site_dir)
    for dest in _ours:
        path = site / dest
        if path.is_file():  # not written when excluded from the build
            minify = MINIFIERS[path.suffix]
            path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")
