"""Group frames (alt, opt, loop, par), built while the rows are placed.

A frame wraps the rows between its start and its end, and the frames
nested in it. The rows walk top to bottom, so each frame is finished at its
`end` row and then widens the frame around it: one pass, however deep the
nesting (comparing every group with every frame was quadratic).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import model as m
from . import spacing as S
from .geometry import Box, Extent, Frame, Text


@dataclass(slots=True)
class _Open:
    group: int
    top: float
    else_ys: list[float] = field(default_factory=list)
    lo: float = float("inf")
    hi: float = float("-inf")


class FrameBuilder:
    def __init__(self, d: m.Diagram, x: list[float]):
        self.d = d
        self.x = x
        self.open: list[_Open] = []
        self.frames: dict[int, Frame] = {}

    def start(self, group: int, top: float) -> None:
        self.open.append(_Open(group, top))

    def divider(self, group: int, y: float) -> None:
        assert self.open and self.open[-1].group == group
        self.open[-1].else_ys.append(y)

    def widen(self, extent: Extent) -> None:
        """A row inside the innermost open frame took this horizontal room."""
        if self.open:
            inner = self.open[-1]
            inner.lo, inner.hi = min(inner.lo, extent.left), max(inner.hi, extent.right)

    def end(self, group: int, bottom: float) -> None:
        closing = self.open.pop()
        assert closing.group == group
        frame = self._frame(closing, bottom)
        self.frames[group] = frame
        self.widen(frame.bounds())

    def result(self) -> list[Frame]:
        """Outer frames first (they are drawn under the inner ones)."""
        groups = self.d.groups
        return [self.frames[g] for g in sorted(self.frames, key=lambda g: (groups[g].depth, g))]

    def _frame(self, done: _Open, bottom: float) -> Frame:
        d = self.d
        group = d.groups[done.group]
        lo, hi, top = done.lo, done.hi, done.top
        if lo > hi:   # an empty group spans every lifeline
            lo, hi = (self.x[0], self.x[-1]) if self.x else (0.0, 0.0)
        left, right = lo - S.FRAME_PAD, hi + S.FRAME_PAD
        keyword = Text.measured((group.keyword,), left + S.TAB_PAD_X, top + S.TAB_PAD_Y,
                                S.FONT, S.LINE, "wsd-frame-keyword")
        tab_w = keyword.width + 2 * S.TAB_PAD_X + S.TAB_CUT
        tab_h = S.LINE + 2 * S.TAB_PAD_Y
        label = None
        if group.label:
            label = Text.measured((f"[{group.label}]",), left + tab_w + S.FRAME_LABEL_GAP,
                                  top + S.TAB_PAD_Y, S.FONT, S.LINE, "wsd-frame-label")
            right = max(right, label.x + label.width + S.FRAME_LABEL_GAP)
        right = max(right, left + tab_w + S.FRAME_LABEL_GAP)
        dividers: list[tuple[float, Text | None]] = []
        for r, div_y in zip(group.else_rows, done.else_ys, strict=True):
            text = None
            edge = d.rows[r]
            assert isinstance(edge, m.GroupEdge)
            if edge.label:
                text = Text.measured((f"[{edge.label}]",), left + S.TAB_PAD_X, div_y + S.TAB_PAD_Y,
                                     S.FONT, S.LINE, "wsd-frame-label")
                right = max(right, text.x + text.width + S.FRAME_LABEL_GAP)
            dividers.append((div_y, text))
        return Frame(Box(left, top, right - left, bottom - top), keyword, tab_w, tab_h,
                     label, dividers, group.depth)
