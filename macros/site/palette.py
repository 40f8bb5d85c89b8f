"""MkDocs hook: Material's palette stylesheet, cut to the colours this site's palette names.

Material ships one `assets/stylesheets/palette.*.min.css` for every site: its colour schemes and
rules for every primary and accent colour, on every page. A page can only
ever carry the colours listed under `theme.palette`: the theme writes them as the
`data-md-color-primary` / `data-md-color-accent` attributes of the palette options (indigo where
an option names none), and its script and the saved choice only copy those options. After the
build this hook rewrites the site's copy of the file without the selectors that name any other
colour (a rule goes when none of its selectors is left). The file is read and written as CSS by
tinycss2, a CSS parser, never cut by pattern; schemes, media queries and everything else stay.
BENCHMARKS.md has what it saves; tests/test_palette.py checks that the
page looks the same, light and dark, with the whole file.
"""
from __future__ import annotations

import re
from pathlib import Path

import tinycss2
from mkdocs.exceptions import PluginError

STYLESHEETS = "assets/stylesheets"
#: an attribute selector naming a colour, as Material writes them (quotes allowed)
_COLOUR = re.compile(r"""\[\s*data-md-color-(primary|accent)\s*=\s*["']?([\w-]+)["']?\s*\]""")


def colours(palette) -> set[tuple[str, str]]:
    """(kind, name) of every colour the palette options name, spelled as the theme writes them."""
    options = palette if isinstance(palette, list) else [palette]
    return {(kind, str(option.get(kind) or "indigo").replace(" ", "-"))
            for option in options for kind in ("primary", "accent")}


def _selectors(prelude) -> list[list]:
    """A rule's selector list, split at its top-level commas."""
    out = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            out.append([])
        else:
            out[-1].append(token)
    return out


def _prune(rules, used: set[tuple[str, str]], where: str) -> list:
    kept = []
    for rule in rules:
        if rule.type == "error":
            raise PluginError(f"palette hook: {where} is not CSS that can be read: {rule.message}")
        if rule.type == "qualified-rule":
            selectors = _selectors(rule.prelude)
            left = [s for s in selectors
                    if all(name in used for name in _COLOUR.findall(tinycss2.serialize(s)))]
            if not left:
                continue
            if len(left) < len(selectors):
                rule.prelude = [token for i, s in enumerate(left)
                                for token in ([tinycss2.ast.LiteralToken(0, 0, ",")] if i else []) + s]
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            inner = _prune(tinycss2.parse_rule_list(rule.content), used, where)
            if not any(r.type in ("qualified-rule", "at-rule") for r in inner):
                continue
            rule.content = inner
        kept.append(rule)
    return kept


def prune(css: str, used: set[tuple[str, str]], where: str = "the stylesheet") -> str:
    """The stylesheet without the selectors that name a colour outside `used`."""
    return tinycss2.serialize(_prune(tinycss2.parse_stylesheet(css), used, where))


def on_post_build(config):
    palette = config.theme.get("palette")
    if not palette:
        return  # the theme links no palette stylesheet
    site = Path(config.site_dir)
    found = sorted((site / STYLESHEETS).glob("palette.*.min.css"))
    if len(found) != 1:
        raise PluginError(f"palette hook: expected one {STYLESHEETS}/palette.*.min.css in the site, "
                          f"found {len(found)}; this Material version is not supported")
    path = found[0]
    where = path.relative_to(site).as_posix()
    path.write_text(prune(path.read_text(encoding="utf-8"), colours(palette), where), encoding="utf-8")
