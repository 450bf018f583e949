"""Column x positions: each gap as wide as the widest thing that crosses it.

Every message label, note and participant box asks for a minimum distance
between two lifelines; each lifeline then sits at the largest distance any
lifeline to its left asks for.
"""
from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import assert_never

from . import model as m
from . import spacing as S
from .measure import block_width

_Want = Callable[[int, int, float], None]


@dataclass(frozen=True, slots=True)
class Columns:
    x: list[float]          # lifeline positions, the first at 0
    part_w: list[float]     # width of each participant's head box
    head_h: float           # height shared by every head box
    max_depth: list[int]    # deepest bar per participant (0: none)
    # Per row: width of its text at S.FONT (0 for group rows). Measured once
    # here; the rows walk places the same texts.
    text_w: array[float]

    def left_ext(self, i: int) -> float:
        """How far the bars of ``i`` reach left of its lifeline."""
        return S.BAR_W / 2 if self.max_depth[i] else 0.0

    def right_ext(self, i: int) -> float:
        """How far the bars of ``i`` reach right of its lifeline, nested ones included."""
        depth = self.max_depth[i]
        return S.BAR_W / 2 + (depth - 1) * S.BAR_STEP if depth else 0.0

    def edge(self, i: int, depth: int, rightwards: bool) -> float:
        """x where an arrow meets participant ``i`` with ``depth`` bars open."""
        x = self.x[i]
        if depth == 0:
            return x
        top = x + (depth - 1) * S.BAR_STEP
        return top + S.BAR_W / 2 if rightwards else top - S.BAR_W / 2


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


def place_columns(d: m.Diagram, widths: Sequence[float] | None = None) -> Columns:
    """Columns of ``d``; ``widths``: each row's text width, if already known.

    Every gap grows with the texts that cross it, so columns placed from
    widths no larger than the real ones are no wider than the real columns.
    """
    part_w = [max(block_width(p.label, S.PART_FONT) + 2 * S.PART_PAD_X, S.PART_MIN_W)
              for p in d.participants]
    head_h = 0.0
    for p in d.participants:
        h = len(p.label) * S.PART_LINE + 2 * S.PART_PAD_Y
        if p.shape == "actor":
            h = S.ACTOR_FIGURE_H + S.ACTOR_LABEL_GAP + len(p.label) * S.PART_LINE
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
                           cols.right_ext(i) + cols.left_ext(i + 1)) + S.COL_GAP)
    for index, row in enumerate(d.rows):
        match row:
            case m.Message():
                tw = block_width(row.text, S.FONT) if widths is None else widths[index]
                text_w[index] = tw
                _message(cols, want, n, row, tw)
            case m.Note():
                tw = block_width(row.text, S.FONT) if widths is None else widths[index]
                text_w[index] = tw
                _note(cols, want, n, row, tw)
            case m.GroupEdge():
                pass   # frames take their width from the rows inside them
            case _:
                assert_never(row)
    return Columns(needs.positions() if n else [], part_w, head_h, max_depth, text_w)


def _message(cols: Columns, want: _Want, n: int, row: m.Message, tw: float) -> None:
    a, b = sorted((row.source, row.target))
    if a == b:
        if a + 1 < n:
            want(a, a + 1, cols.right_ext(a) + S.BAR_STEP + S.SELF_W + S.SELF_LABEL_GAP + tw
                 + S.COL_GAP + cols.left_ext(a + 1))
        return
    span = max(tw + 2 * S.LABEL_PAD, S.ARROW_MIN) + cols.right_ext(a) + cols.left_ext(b)
    if row.creates:
        span += cols.part_w[row.target] / 2
    want(a, b, span)


def _note(cols: Columns, want: _Want, n: int, row: m.Note, text_w: float) -> None:
    w = text_w + 2 * S.NOTE_PAD_X
    a, b = row.first, row.last
    if row.placement == "over" and a == b:
        if a > 0:
            want(a - 1, a, w / 2 + cols.right_ext(a - 1) + S.COL_GAP)
        if a + 1 < n:
            want(a, a + 1, w / 2 + cols.left_ext(a + 1) + S.COL_GAP)
    elif row.placement == "over":
        want(a, b, w - 2 * S.NOTE_SPAN_EXT)
        if a > 0:
            want(a - 1, a, S.NOTE_SPAN_EXT + cols.right_ext(a - 1) + S.COL_GAP)
        if b + 1 < n:
            want(b, b + 1, S.NOTE_SPAN_EXT + cols.left_ext(b + 1) + S.COL_GAP)
    elif row.placement == "right" and a + 1 < n:
        want(a, a + 1, cols.right_ext(a) + S.NOTE_SIDE_GAP + w + S.COL_GAP + cols.left_ext(a + 1))
    elif row.placement == "left" and a > 0:
        want(a - 1, a, cols.left_ext(a) + S.NOTE_SIDE_GAP + w + S.COL_GAP + cols.right_ext(a - 1))



def text_room(cols: Columns, n: int, row: m.Message | m.Note) -> float | None:
    """Width ``row``'s text may take without widening ``cols``; None: nothing bounds it.

    The inverse of ``_message`` and ``_note``: the distance they ask for,
    solved for the text width at the positions ``cols.x`` already has.
    """
    x = cols.x
    match row:
        case m.Message():
            a, b = sorted((row.source, row.target))
            if a == b:
                if a + 1 >= n:
                    return None
                return (x[a + 1] - x[a] - cols.right_ext(a) - S.BAR_STEP - S.SELF_W
                        - S.SELF_LABEL_GAP - S.COL_GAP - cols.left_ext(a + 1))
            room = x[b] - x[a] - cols.right_ext(a) - cols.left_ext(b) - 2 * S.LABEL_PAD
            if row.creates:
                room -= cols.part_w[row.target] / 2
            return room
        case m.Note():
            a, b = row.first, row.last
            if row.placement == "over" and a == b:
                sides = []
                if a > 0:
                    sides.append(x[a] - x[a - 1] - cols.right_ext(a - 1) - S.COL_GAP)
                if a + 1 < n:
                    sides.append(x[a + 1] - x[a] - cols.left_ext(a + 1) - S.COL_GAP)
                if not sides:
                    return None
                return 2 * min(sides) - 2 * S.NOTE_PAD_X
            if row.placement == "over":
                return x[b] - x[a] + 2 * S.NOTE_SPAN_EXT - 2 * S.NOTE_PAD_X
            if row.placement == "right":
                if a + 1 >= n:
                    return None
                return (x[a + 1] - x[a] - cols.right_ext(a) - S.NOTE_SIDE_GAP - S.COL_GAP
                        - cols.left_ext(a + 1) - 2 * S.NOTE_PAD_X)
            if a == 0:
                return None
            return (x[a] - x[a - 1] - cols.left_ext(a) - S.NOTE_SIDE_GAP - S.COL_GAP
                    - cols.right_ext(a - 1) - 2 * S.NOTE_PAD_X)
        case _:
            assert_never(row)
