"""Column x positions: each gap as wide as the widest thing that crosses it.

Every message label, note and participant box asks for a minimum distance
between two lifelines; each lifeline then sits at the largest distance any
lifeline to its left asks for.
"""
from __future__ import annotations

from collections.abc import Callable
from array import array
from dataclasses import dataclass
from typing import assert_never

from . import model as m
from .measure import block_width
from .spacing import (ACTOR_FIGURE_H, ACTOR_LABEL_GAP, ARROW_MIN, BAR_STEP, BAR_W, COL_GAP,
                      FONT, LABEL_PAD, NOTE_PAD_X, NOTE_SIDE_GAP, NOTE_SPAN_EXT, PART_FONT,
                      PART_LINE, PART_MIN_W, PART_PAD_X, PART_PAD_Y, SELF_LABEL_GAP, SELF_W)


_Want = Callable[[int, int, float], None]


@dataclass(frozen=True, slots=True)
class Columns:
    x: list[float]          # lifeline positions, the first at 0
    part_w: list[float]     # width of each participant's head box
    head_h: float           # height shared by every head box
    max_depth: list[int]    # deepest bar per participant (0: none)
    # Per row: width of its text at FONT (0 for group rows). Measured once
    # here; the rows walk places the same texts.
    text_w: array[float]

    def left_ext(self, i: int) -> float:
        """How far the bars of ``i`` reach left of its lifeline."""
        return BAR_W / 2 if self.max_depth[i] else 0.0

    def right_ext(self, i: int) -> float:
        """How far the bars of ``i`` reach right of its lifeline, nested ones included."""
        depth = self.max_depth[i]
        return BAR_W / 2 + (depth - 1) * BAR_STEP if depth else 0.0

    def edge(self, i: int, depth: int, rightwards: bool) -> float:
        """x where an arrow meets participant ``i`` with ``depth`` bars open."""
        x = self.x[i]
        if depth == 0:
            return x
        top = x + (depth - 1) * BAR_STEP
        return top + BAR_W / 2 if rightwards else top - BAR_W / 2


class _Needs:
    """need[j][i]: the least x_j - x_i any row asks for (i < j)."""

    def __init__(self, n: int):
        self.need: list[dict[int, float]] = [{} for _ in range(n)]

    def want(self, i: int, j: int, dist: float) -> None:
        if i > j:
            i, j = j, i
        if i == j:
            return
        if dist > self.need[j].get(i, 0.0):
            self.need[j][i] = dist

    def positions(self) -> list[float]:
        x = [0.0] * len(self.need)
        for j in range(1, len(x)):
            x[j] = max(x[i] + dist for i, dist in self.need[j].items())
        return x


def place_columns(d: m.Diagram) -> Columns:
    part_w = [max(block_width(p.label, PART_FONT) + 2 * PART_PAD_X, PART_MIN_W)
              for p in d.participants]
    head_h = 0.0
    for p in d.participants:
        h = len(p.label) * PART_LINE + 2 * PART_PAD_Y
        if p.shape == "actor":
            h = ACTOR_FIGURE_H + ACTOR_LABEL_GAP + len(p.label) * PART_LINE
        head_h = max(head_h, h)
    max_depth = [0] * len(d.participants)
    for span in d.spans:
        max_depth[span.participant] = max(max_depth[span.participant], span.depth + 1)
    text_w = array("d", [0.0]) * len(d.rows)
    # x is not known yet: the extents below only read part_w and max_depth.
    cols = Columns([], part_w, head_h, max_depth, text_w)
    n = len(d.participants)
    needs = _Needs(n)
    want = needs.want
    for i in range(n - 1):
        want(i, i + 1, max((part_w[i] + part_w[i + 1]) / 2,
                           cols.right_ext(i) + cols.left_ext(i + 1)) + COL_GAP)
    for index, row in enumerate(d.rows):
        match row:
            case m.Message():
                text_w[index] = block_width(row.text, FONT)
                _message(cols, want, n, row, text_w[index])
            case m.Note():
                text_w[index] = block_width(row.text, FONT)
                _note(cols, want, n, row, text_w[index])
            case m.GroupEdge():
                pass   # frames take their width from the rows inside them
            case _:
                assert_never(row)
    return Columns(needs.positions() if n else [], part_w, head_h, max_depth, text_w)


def _message(cols: Columns, want: _Want, n: int, row: m.Message, tw: float) -> None:
    a, b = sorted((row.source, row.target))
    if a == b:
        if a + 1 < n:
            want(a, a + 1, cols.right_ext(a) + BAR_STEP + SELF_W + SELF_LABEL_GAP + tw
                 + COL_GAP + cols.left_ext(a + 1))
        return
    span = max(tw + 2 * LABEL_PAD, ARROW_MIN) + cols.right_ext(a) + cols.left_ext(b)
    if row.creates:
        span += cols.part_w[row.target] / 2
    want(a, b, span)


def _note(cols: Columns, want: _Want, n: int, row: m.Note, text_w: float) -> None:
    w = text_w + 2 * NOTE_PAD_X
    a, b = row.first, row.last
    if row.placement == "over" and a == b:
        if a > 0:
            want(a - 1, a, w / 2 + cols.right_ext(a - 1) + COL_GAP)
        if a + 1 < n:
            want(a, a + 1, w / 2 + cols.left_ext(a + 1) + COL_GAP)
    elif row.placement == "over":
        want(a, b, w - 2 * NOTE_SPAN_EXT)
        if a > 0:
            want(a - 1, a, NOTE_SPAN_EXT + cols.right_ext(a - 1) + COL_GAP)
        if b + 1 < n:
            want(b, b + 1, NOTE_SPAN_EXT + cols.left_ext(b + 1) + COL_GAP)
    elif row.placement == "right" and a + 1 < n:
        want(a, a + 1, cols.right_ext(a) + NOTE_SIDE_GAP + w + COL_GAP + cols.left_ext(a + 1))
    elif row.placement == "left" and a > 0:
        want(a - 1, a, cols.left_ext(a) + NOTE_SIDE_GAP + w + COL_GAP + cols.right_ext(a - 1))

