"""The plan mapping written as YAML text with `# 待确认:` comments above the places to check.

PyYAML writes no comments, so this is a small block-style emitter: structure (indentation, "- ",
"key:") written here, every scalar written by PyYAML's own safe_dump so quoting and escaping are
PyYAML's. The text is read back with yaml.safe_load and compared with the mapping before it is
returned: a mismatch raises instead of writing a wrong file.
"""
from __future__ import annotations

import yaml

HEADER = "# yaml-language-server: $schema=../schema/plan.schema.json\n"
INDENT = "  "
# libyaml's emitter and parser when PyYAML has them (same safe representation, ten times faster)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FLOW_KEYS = {"topics", "aliases", "related"}


def scalar(value) -> str:
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=10**9, default_flow_style=True)
    return text.removesuffix("\n...\n").removesuffix("\n")


def dump(data: dict, notes: dict[tuple, list[str]] | None = None, header: str = HEADER) -> str:
    """YAML text of `data`; notes: {path tuple: [message, …]} written as comments above the path."""
    notes = notes or {}
    out: list[str] = [header] if header else []
    _mapping(data, (), 0, out, notes)
    text = "".join(out)
    if yaml.load(text, Loader=_Loader) != data:
        raise ValueError("YAML 写出后读回不一致 (emitter round trip failed)")
    return text


def _comments(path: tuple, pad: str, out: list[str], notes: dict) -> None:
    for message in notes.get(path, []):
        out.append(f"{pad}# 待确认: {message}\n")


def _mapping(data: dict, path: tuple, level: int, out: list[str], notes: dict, first_pad: str | None = None) -> None:
    pad = INDENT * level
    for n, (key, value) in enumerate(data.items()):
        lead = first_pad if (n == 0 and first_pad is not None) else pad
        if lead == pad:  # a sequence item's first key had its comments written above the "- "
            _comments(path + (key,), pad, out, notes)
        head = f"{lead}{scalar(key)}:"
        if isinstance(value, dict) and value:
            out.append(head + "\n")
            _mapping(value, path + (key,), level + 1, out, notes)
        elif isinstance(value, list) and value and (key not in FLOW_KEYS):
            out.append(head + "\n")
            _sequence(value, path + (key,), level, out, notes)
        else:
            out.append(f"{head} {scalar(value)}\n")


def _sequence(items: list, path: tuple, level: int, out: list[str], notes: dict) -> None:
    pad = INDENT * level
    for i, value in enumerate(items):
        _comments(path + (i,), pad, out, notes)
        if isinstance(value, dict) and value:
            first_key = next(iter(value))
            _comments(path + (i, first_key), pad, out, notes)
            _mapping(value, path + (i,), level + 1, out, notes, first_pad=f"{pad}- ")
        else:
            out.append(f"{pad}- {scalar(value)}\n")
