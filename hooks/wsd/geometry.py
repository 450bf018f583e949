"""What layout hands to draw: measured texts and boxes in px.

Each drawn kind knows its horizontal ``bounds()`` and how to ``shift()``
itself sideways with everything it holds, so placing the diagram on the
canvas is one loop over ``Geometry.placed()`` rather than one per kind.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, NamedTuple, Protocol

from .measure import block_width
from .parse import Shape, SourceRef


class Extent(NamedTuple):
    """A horizontal range, left to right."""
    left: float
    right: float


def union(extents: Iterator[Extent]) -> Extent | None:
    lo, hi = float("inf"), float("-inf")
    for left, right in extents:
        lo, hi = min(lo, left), max(hi, right)
    return None if lo > hi else Extent(lo, hi)


class Placed(Protocol):
    def bounds(self) -> Extent: ...
    def shift(self, dx: float) -> None: ...


@dataclass(frozen=True, slots=True)
class Link:
    """Where a referenced step's text links to, and the reference it came from."""
    url: str
    ref: SourceRef


@dataclass(slots=True)
class Text:
    """A block of lines; ``x`` is the left of its box whatever the anchor."""
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    size: float
    line_height: float
    anchor: Literal["start", "middle"] = "start"
    cls: str = "wsd-label"
    link: Link | None = None

    @classmethod
    def measured(cls, lines: tuple[str, ...], x: float, y: float, size: float,
                 line_height: float, css: str, anchor: Literal["start", "middle"] = "start",
                 link: Link | None = None, width: float | None = None) -> Text:
        """A text at (x, y); ``width``, when the caller measured ``lines`` already."""
        if width is None:
            width = block_width(lines, size)
        return cls(x, y, width, len(lines) * line_height, lines, size,
                   line_height, anchor, css, link)

    def bounds(self) -> Extent:
        return Extent(self.x, self.x + self.width)

    def shift(self, dx: float) -> None:
        self.x += dx


@dataclass(slots=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def bounds(self) -> Extent:
        return Extent(self.x, self.x + self.w)

    def shift(self, dx: float) -> None:
        self.x += dx


@dataclass(slots=True)
class Lifeline:
    name: str
    shape: Shape
    x: float
    head: Box
    head_label: Text
    foot: Box | None
    foot_label: Text | None
    top: float
    bottom: float
    destroyed: bool = False   # ends at ``bottom`` under a cross, with no foot

    def bounds(self) -> Extent:
        # Head and foot share x and width; their labels fit inside them.
        return self.head.bounds()

    def shift(self, dx: float) -> None:
        self.x += dx
        self.head.shift(dx)
        self.head_label.shift(dx)
        if self.foot:
            self.foot.shift(dx)
        if self.foot_label:
            self.foot_label.shift(dx)


@dataclass(slots=True)
class Bar:
    participant: int
    box: Box
    depth: int

    def bounds(self) -> Extent:
        return self.box.bounds()

    def shift(self, dx: float) -> None:
        self.box.shift(dx)


@dataclass(slots=True)
class Arrow:
    points: list[tuple[float, float]]
    dashed: bool
    open_head: bool
    both_ends: bool
    label: Text | None
    source: int
    target: int
    line: int
    creates: bool = False

    def bounds(self) -> Extent:
        xs = [x for x, _ in self.points]
        lo, hi = min(xs), max(xs)
        if self.label:
            lo, hi = min(lo, self.label.x), max(hi, self.label.x + self.label.width)
        return Extent(lo, hi)

    def shift(self, dx: float) -> None:
        self.points = [(x + dx, y) for x, y in self.points]
        if self.label:
            self.label.shift(dx)


@dataclass(slots=True)
class NoteBox:
    box: Box
    text: Text
    line: int

    def bounds(self) -> Extent:
        return self.box.bounds()

    def shift(self, dx: float) -> None:
        self.box.shift(dx)
        self.text.shift(dx)


@dataclass(slots=True)
class Frame:
    box: Box
    keyword: Text
    tab_w: float
    tab_h: float
    label: Text | None
    dividers: list[tuple[float, Text | None]] = field(default_factory=list)
    depth: int = 0

    def bounds(self) -> Extent:
        return self.box.bounds()

    def shift(self, dx: float) -> None:
        self.box.shift(dx)
        self.keyword.shift(dx)
        if self.label:
            self.label.shift(dx)
        for _, text in self.dividers:
            if text:
                text.shift(dx)


@dataclass(slots=True)
class Geometry:
    width: float
    height: float
    title: Text | None
    lifelines: list[Lifeline]
    bars: list[Bar]
    arrows: list[Arrow]
    notes: list[NoteBox]
    frames: list[Frame]

    @property
    def destroys(self) -> list[tuple[float, float]]:
        """Where the destroy crosses sit: the end of each destroyed lifeline."""
        return [(life.x, life.bottom) for life in self.lifelines if life.destroyed]

    def placed(self) -> Iterator[Placed]:
        """Everything that takes horizontal room (the title is centred apart)."""
        yield from self.lifelines
        yield from self.notes
        yield from self.arrows
        yield from self.frames
        yield from self.bars
