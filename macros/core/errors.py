"""Data errors that name the file and the field path, in Chinese."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: {self.message}"


class DataError(Exception):
    """One or more problems in the data files; the build must stop."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [f"数据文件有 {len(self.problems)} 处错误 (data errors):"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


def format_path(parts) -> str:
    """('body', 'sections', 2, 'id') -> 'body.sections[2].id'."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
