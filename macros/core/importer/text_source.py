"""Read a .txt or .md article into Lines: encoding detected, indentation kept as depth.

Encoding: UTF-8 first (with or without BOM), then GB18030 (a superset of GBK and GB2312, what
Chinese Windows Notepad and older Word "plain text" exports write). The encoding used is reported;
a file that is neither is refused with a message rather than read with replacement characters.
"""
from __future__ import annotations

import re
from pathlib import Path

from .lines import ImportFailure, Line

INDENT_STEP = 2  # spaces per level, as in the source article (a tab counts as one level)
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
MD_BULLET = re.compile(r"^[-*+]\s+")
MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding name) — UTF-8, else GB18030; ImportFailure for anything else."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw[:4096]:
        raise ImportFailure("文件里有二进制内容(可能是 UTF-16 文本或不是文本文件)。请用记事本“另存为” UTF-8 编码的 .txt 后再导入。")
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "GB18030(GBK)"
    except UnicodeDecodeError as exc:
        raise ImportFailure(f"无法识别文件编码(既不是 UTF-8 也不是 GBK/GB18030,第 {exc.start} 字节出错)。"
                            "请用记事本“另存为” UTF-8 编码后再导入。") from exc


def _depth(raw_line: str) -> int:
    expanded = raw_line.replace("\t", " " * INDENT_STEP).replace("\u3000", "  ")
    return (len(expanded) - len(expanded.lstrip(" "))) // INDENT_STEP


def read_text(path: Path, markdown: bool = False) -> tuple[list[Line], str]:
    """Non-empty lines of a text article and the encoding used."""
    text, encoding = decode(path.read_bytes())
    lines = []
    blank_before = True
    for no, raw_line in enumerate(text.splitlines(), 1):
        body = raw_line.strip().replace("\u00a0", " ")
        if not body:
            blank_before = True
            continue
        gap, blank_before = blank_before, False
        heading = False
        if markdown:
            if m := MD_HEADING.match(body):
                body, heading = m.group(2), True
            body = MD_BULLET.sub("• ", body)
            body = MD_EMPHASIS.sub(r"\2", body)
            if body.startswith(">"):
                body = body.lstrip("> ")
        lines.append(Line(no, _depth(raw_line), body, heading=heading, gap=gap))
    return lines, encoding
