"""Typed model of a work plan: what the templates receive, never raw YAML."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Union


@dataclass(frozen=True)
class Field:
    """A blank to fill in (XXXX 万元, XX%), declared once per plan."""
    id: str
    label: str
    placeholder: str
    unit: str = ""
    kind: str = "text"


Segment = Union[str, Field]


@dataclass(frozen=True)
class Text:
    """Plan text split into literal strings and fill-in fields."""
    segments: tuple[Segment, ...]

    def fields(self) -> Iterator[Field]:
        return (s for s in self.segments if isinstance(s, Field))

    def plain(self) -> str:
        """The text as in the source, placeholders shown."""
        return "".join(s if isinstance(s, str) else s.placeholder for s in self.segments)


@dataclass(frozen=True)
class Paragraph:
    text: Text
    label: str = ""


@dataclass(frozen=True)
class Target:
    id: str
    title: str
    text: Text


@dataclass(frozen=True)
class Item:
    """One concrete measure: a checklist entry with a stable id."""
    id: str
    label: str = ""
    title: str = ""
    text: Text | None = None
    items: tuple["Item", ...] = ()

    @property
    def lead(self) -> str:
        if self.label and self.title:
            return f"{self.label}({self.title})"
        return self.label or self.title

    def walk(self) -> Iterator["Item"]:
        yield self
        for child in self.items:
            yield from child.walk()


@dataclass(frozen=True)
class Measures:
    items: tuple[Item, ...]
    label: str = ""
    ordered: bool = False


def join_heading(label: str, title: str) -> str:
    """'模块一' + '市场地图' -> '模块一:市场地图'; '(一)' / '一、' take no colon."""
    if label and title:
        sep = "" if label[-1] in "、))" else ":"
        return f"{label}{sep}{title}"
    return label or title


@dataclass(frozen=True)
class Section:
    id: str
    label: str = ""
    title: str = ""
    paragraphs: tuple[Paragraph, ...] = ()
    targets: tuple[Target, ...] = ()
    measures: Measures | None = None
    bullets: tuple[str, ...] = ()
    sections: tuple["Section", ...] = ()
    outro: tuple[Paragraph, ...] = ()

    @property
    def heading(self) -> str:
        return join_heading(self.label, self.title)

    def items(self) -> Iterator[Item]:
        """Every measure in this section and below, in page order."""
        if self.measures:
            for item in self.measures.items:
                yield from item.walk()
        for sub in self.sections:
            yield from sub.items()

    def walk(self) -> Iterator["Section"]:
        yield self
        for sub in self.sections:
            yield from sub.walk()


@dataclass(frozen=True)
class Body:
    unit: str
    sections: tuple[Section, ...]
    id: str = ""
    label: str = ""
    title: str = ""
    paragraphs: tuple[Paragraph, ...] = ()

    @property
    def heading(self) -> str:
        return join_heading(self.label, self.title)


@dataclass(frozen=True)
class Plan:
    id: str
    order: int
    label: str
    title: str
    role: str
    kind: str
    focus: str
    audience: str
    summary: str
    intro: Section
    body: Body
    closing: Section
    goals: Section | None = None
    fields: tuple[Field, ...] = ()
    source: str = ""

    @property
    def page_title(self) -> str:
        return f"{self.role}工作计划"

    @property
    def url(self) -> str:
        return f"plans/{self.id}/"

    def top_sections(self) -> tuple[Section, ...]:
        parts = [self.intro, self.goals, *self.body.sections, self.closing]
        return tuple(s for s in parts if s is not None)

    def sections(self) -> Iterator[Section]:
        for top in self.top_sections():
            yield from top.walk()

    def items(self) -> list[Item]:
        return [item for top in self.top_sections() for item in top.items()]


@dataclass(frozen=True)
class Collection:
    """The whole library: its introduction and the plans in reading order."""
    title: str
    intro: tuple[str, ...]
    plans: tuple[Plan, ...] = field(default_factory=tuple)

    def plan(self, plan_id: str) -> Plan:
        for plan in self.plans:
            if plan.id == plan_id:
                return plan
        raise KeyError(plan_id)
