"""Typed model of a work plan: what the templates receive, never raw YAML."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
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
RELATED_LIMIT = 6


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
    topics: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

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
    topics: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

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

    def texts(self) -> Iterator[Text]:
        """Every text of this section and below (paragraphs, targets, measures, outro)."""
        for sec in self.walk():
            yield from (p.text for p in (*sec.paragraphs, *sec.outro))
            yield from (t.text for t in sec.targets)
        yield from (it.text for it in self.items() if it.text)

    @property
    def fillable(self) -> bool:
        """Something to tick or fill in here or below: such a section gets a toolbar."""
        return any(True for _ in self.items()) or any(any(True for _ in t.fields()) for t in self.texts())


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


CHANGE_KINDS = {"added": "新增", "removed": "删除", "reworded": "改写", "moved": "移动"}


@dataclass(frozen=True)
class Change:
    """One section, measure or target an entry of the change log names."""
    kind: str  # a key of CHANGE_KINDS
    id: str
    title: str = ""  # the editor's name for it (a removed one has no page to link to)

    @property
    def verb(self) -> str:
        return CHANGE_KINDS[self.kind]


@dataclass(frozen=True)
class ChangeEntry:
    """One entry of a plan's change log (`changelog:`), newest first in the data."""
    date: str  # YYYY-MM-DD, a real day, not after the build's day
    summary: str
    changes: tuple[Change, ...] = ()


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
    references: tuple["Reference", ...] = ()
    changelog: tuple[ChangeEntry, ...] = ()

    @property
    def page_title(self) -> str:
        return f"{self.role}工作计划"

    @cached_property
    def anchors(self) -> dict[str, str]:
        """id -> heading of every section, measure and target: the places a page link can reach."""
        out = {self.body.id: self.body.heading} if self.body.id else {}
        for sec in self.sections():
            out[sec.id] = sec.heading
            out.update((t.id, t.title) for t in sec.targets)
        for it in self.items():
            out[it.id] = it.lead or (it.text.plain() if it.text else it.id)
        return out

    def change_name(self, change: Change) -> str:
        """What a change is called on the page: the editor's title, else the heading it has now."""
        return change.title or self.anchors.get(change.id, change.id)

    def top_sections(self) -> tuple[Section, ...]:
        parts = [self.intro, self.goals, *self.body.sections, self.closing]
        return tuple(s for s in parts if s is not None)

    def sections(self) -> Iterator[Section]:
        for top in self.top_sections():
            yield from top.walk()

    def items(self) -> list[Item]:
        return [item for top in self.top_sections() for item in top.items()]


@dataclass(frozen=True)
class Reference:
    """Where a data file points elsewhere (a topic id or plan#anchor), kept for cross-file checks."""
    file: str
    path: str
    kind: str  # "topic" | "ref"
    value: str


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Place:
    """A resolved reference: the plan and the section or item it names."""
    plan: Plan
    node: Union[Section, Item]

    @property
    def ref(self) -> str:
        return f"{self.plan.id}#{self.node.id}"

    @property
    def is_item(self) -> bool:
        return isinstance(self.node, Item)

    @property
    def heading(self) -> str:
        node = self.node
        if isinstance(node, Section):
            return node.heading
        return node.lead or (node.text.plain() if node.text else node.id)


#: Reading speed for a step's estimated time, in characters per minute. Chinese adults read
#: connected text at about 255 characters a minute (IReST, Trauzettel-Klosinski & Dietz 2012); work
#: rules are studied, not skimmed, so the estimate takes a round, slightly lower 250 (README.md).
READING_SPEED = 250


def _node_chars(node: Union[Section, Item]) -> int:
    """Characters a reader reads in a section (headings, paragraphs, targets, measures, bullets,
    sub-sections) or a measure (its words and its sub-measures); whitespace is not counted."""
    parts: list[str] = []
    if isinstance(node, Section):
        for sec in node.walk():
            parts += [sec.heading, *sec.bullets]
            parts += [t.title for t in sec.targets]
        parts += [t.plain() for t in node.texts()]
        parts += [it.lead for it in node.items()]
    else:
        for it in node.walk():
            parts += [it.lead, it.text.plain() if it.text else ""]
    return sum(len("".join(part.split())) for part in parts)


@dataclass(frozen=True)
class TrackStep:
    target: Place
    note: str

    @property
    def key(self) -> str:
        """The step's stable key for saved progress: the canonical `plan#id` of what it points at
        (a track that still names a renamed section by its old id gets the new id here)."""
        return self.target.ref

    @property
    def old_keys(self) -> tuple[str, ...]:
        """Earlier ids of the same place (`aliases:`): progress saved under them still counts."""
        return tuple(f"{self.target.plan.id}#{a}" for a in self.target.node.aliases)

    @property
    def characters(self) -> int:
        return _node_chars(self.target.node)

    @property
    def minutes(self) -> int:
        """Estimated reading time, whole minutes rounded up, at least 1."""
        return max(1, -(-self.characters // READING_SPEED))

    @property
    def measures(self) -> int:
        node = self.target.node
        return sum(1 for _ in (node.items() if isinstance(node, Section) else node.walk()))


@dataclass(frozen=True)
class Track:
    id: str
    order: int
    title: str
    audience: str
    summary: str
    steps: tuple[TrackStep, ...]

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)

    @property
    def measures(self) -> int:
        return sum(step.measures for step in self.steps)


@dataclass(frozen=True)
class Collection:
    """The whole library: its introduction and the plans in reading order."""
    title: str
    intro: tuple[str, ...]
    plans: tuple[Plan, ...] = field(default_factory=tuple)
    topics: tuple[Topic, ...] = ()
    tracks: tuple[Track, ...] = ()

    @cached_property
    def _by_id(self) -> dict[str, dict]:
        """id -> object for plans, topics and tracks; KeyError from the lookups below when absent."""
        return {kind: {thing.id: thing for thing in things}
                for kind, things in (("plan", self.plans), ("topic", self.topics), ("track", self.tracks))}

    def topic(self, topic_id: str) -> Topic:
        return self._by_id["topic"][topic_id]

    def track(self, track_id: str) -> Track:
        return self._by_id["track"][track_id]

    def resolve(self, ref: str) -> Place:
        """'teller#skills' -> the plan and its section or item; KeyError when it does not exist.
        An earlier id kept in `aliases:` resolves to the renamed section or item."""
        plan_id, _, anchor = ref.partition("#")
        plan = self.plan(plan_id)
        nodes = [*plan.sections(), *plan.items()]
        for node in nodes:
            if node.id == anchor:
                return Place(plan, node)
        for node in nodes:
            if anchor in node.aliases:
                return Place(plan, node)
        raise KeyError(ref)

    @cached_property
    def _tag_index(self) -> dict[str, list[Place]]:
        index: dict[str, list[Place]] = {}
        for plan in self.plans:
            for node in [*plan.sections(), *plan.items()]:
                for topic_id in node.topics:
                    index.setdefault(topic_id, []).append(Place(plan, node))
        return index

    def tagged(self, topic_id: str) -> list[Place]:
        """Every section and item tagged with the topic, in plan order."""
        return self._tag_index.get(topic_id, [])

    def related(self, plan: Plan, section: Section, limit: int = RELATED_LIMIT) -> list[Place]:
        """Up to `limit` sections of other plans: explicit `related:` first, then those sharing a topic.

        The cap keeps pages small when the library grows to hundreds of plans; the topic
        pages list everything.
        """
        out: list[Place] = []
        seen = {plan.id + "#" + section.id}
        candidates = (self.resolve(ref) for ref in section.related)
        shared = (t for topic_id in section.topics for t in self.tagged(topic_id)
                  if t.plan.id != plan.id and not t.is_item)
        for place in chain(candidates, shared):
            if place.ref not in seen:
                seen.add(place.ref)
                out.append(place)
                if len(out) >= limit:
                    break
        return out

    def plan(self, plan_id: str) -> Plan:
        return self._by_id["plan"][plan_id]
