"""The vertical walk: one band per row, top to bottom, with a cursor.

Each row gets its own band, so nothing in one row can touch anything in
another; within a row the column distances keep boxes apart. The walk
returns everything it placed as a ``RowLayout``.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import Literal, assert_never

from . import model as m
from . import spacing as S
from .bars import BarDepths
from .columns import Columns
from .frames import FrameBuilder
from .geometry import Arrow, Box, Extent, Frame, Link, NoteBox, Text
from .parse import SourceRef


@dataclass(frozen=True, slots=True)
class RowLayout:
    bottom: float              # the cursor after the last row
    row_top: array[float]      # per row: top of its band
    row_line: array[float]     # per row: its arrow (messages) or the bottom of its band
    arrows: list[Arrow]
    notes: list[NoteBox]
    frames: list[Frame]
    created_at: dict[int, float]   # participant -> top of a head drawn on its creating row

    def anchor_y(self, anchor: m.Anchor | None, bottom: float) -> float:
        """y of a bar's or a destroy's anchor; ``bottom`` past the last row."""
        if anchor is None:
            return bottom
        row, where = anchor
        if row >= len(self.row_top):
            return bottom
        return self.row_line[row] if where == "line" else self.row_top[row]


def place_rows(d: m.Diagram, cols: Columns, depths: BarDepths, links: dict[SourceRef, str],
               top: float) -> RowLayout:
    return _Walk(d, cols, depths, links).run(top)


class _Walk:
    def __init__(self, d: m.Diagram, cols: Columns, depths: BarDepths,
                 links: dict[SourceRef, str]):
        self.d = d
        self.cols = cols
        self.depths = depths
        self.links = links
        self.row_top = array("d")
        self.row_line = array("d")
        self.arrows: list[Arrow] = []
        self.notes: list[NoteBox] = []
        self.created_at: dict[int, float] = {}
        self.frames = FrameBuilder(d, cols.x)

    def run(self, top: float) -> RowLayout:
        y = top
        frames = self.frames
        for index, row in enumerate(self.d.rows):
            self.row_top.append(y)
            match row:
                case m.Message():
                    if row.is_self:
                        y, extent = self.self_message(index, row, y)
                    else:
                        y, extent = self.message(index, row, y)
                    frames.widen(extent)
                case m.Note():
                    y, extent = self.note(index, row, y)
                    self.row_line.append(y)
                    frames.widen(extent)
                case m.GroupEdge():
                    y = self.group_edge(row, y)
                    self.row_line.append(y)
                case _:
                    assert_never(row)
        return RowLayout(y, self.row_top, self.row_line, self.arrows, self.notes,
                         frames.result(), self.created_at)

    def group_edge(self, row: m.GroupEdge, y: float) -> float:
        match row.kind:
            case "start":
                self.frames.start(row.group, y + S.ROW_GAP)
                return y + S.ROW_GAP + S.LINE + 2 * S.TAB_PAD_Y + S.ROW_GAP
            case "else":
                self.frames.divider(row.group, y + S.ROW_GAP)
                band = S.TAB_PAD_Y + S.LINE + S.TAB_PAD_Y if row.label else S.ELSE_GAP
                return y + S.ROW_GAP + band
            case "end":
                self.frames.end(row.group, y + S.ROW_GAP)
                return y + S.END_ROW_H
            case _:
                assert_never(row.kind)

    def _label(self, index: int, row: m.Message | m.Note, x: float, y: float,
               anchor: Literal["start", "middle"] = "start",
               css: str = "wsd-label") -> Text:
        url = self.links.get(row.ref) if row.ref is not None else None
        link = Link(url, row.ref) if url and row.ref is not None else None
        return Text.measured(row.text, x, y, S.FONT, S.LINE, css, anchor, link,
                             self.cols.text_w[index])

    def message(self, index: int, row: m.Message, y: float) -> tuple[float, Extent]:
        cols, xs = self.cols, self.cols.x
        s, t = row.source, row.target
        rightwards = xs[t] > xs[s]
        has_text = any(row.text)
        text_h = len(row.text) * S.LINE if has_text else 0.0
        line_y = y + S.MSG_PAD_TOP + text_h + (S.LABEL_ABOVE_LINE if has_text else S.NO_LABEL_GAP)
        after = line_y + S.MSG_PAD_BOTTOM
        x1 = cols.edge(s, self.depths.at_source(index), rightwards)
        # A frame around this row must wrap the bars of both ends, not cut them.
        lo = min(xs[s] - cols.left_ext(s), xs[t] - cols.left_ext(t))
        hi = max(xs[s] + cols.right_ext(s), xs[t] + cols.right_ext(t))
        if row.creates:
            half = cols.head_h / 2
            line_y = max(line_y, y + S.ROW_GAP + half)
            after = line_y + half + S.CREATED_PAD_BOTTOM
            self.created_at[t] = line_y - half
            w = cols.part_w[t]
            x2 = xs[t] - w / 2 if rightwards else xs[t] + w / 2
            lo, hi = min(lo, xs[t] - w / 2), max(hi, xs[t] + w / 2)
        else:
            x2 = cols.edge(t, self.depths.at_target(index), not rightwards)
        label = None
        if has_text:
            mid = (x1 + x2) / 2
            label = self._label(index, row, mid, line_y - S.LABEL_ABOVE_LINE - text_h, "middle")
            label.x = mid - label.width / 2
            lo, hi = min(lo, label.x), max(hi, label.x + label.width)
        self.row_line.append(line_y)
        self.arrows.append(Arrow([(x1, line_y), (x2, line_y)], row.dashed, row.open_head,
                                 row.both_ends, label, s, t, row.line, row.creates))
        return after, Extent(lo, hi)

    def self_message(self, index: int, row: m.Message, y: float) -> tuple[float, Extent]:
        cols = self.cols
        i = row.source
        x_out = cols.edge(i, self.depths.at_source(index, include_starting=False), True)
        x_in = cols.edge(i, self.depths.at_source(index), True)
        loop_x = max(x_out, x_in) + S.SELF_W
        text_top = y + S.ROW_GAP
        y0 = text_top + S.LINE / 2
        has_text = any(row.text)
        text_h = len(row.text) * S.LINE if has_text else 0.0
        y1 = max(y0 + S.SELF_MIN_H, text_top + text_h + S.SELF_LABEL_BELOW)
        label = None
        hi = loop_x
        if has_text:
            label = self._label(index, row, loop_x + S.SELF_LABEL_GAP, text_top)
            hi = label.x + label.width
        self.row_line.append(y1)
        self.arrows.append(Arrow([(x_out, y0), (loop_x, y0), (loop_x, y1), (x_in, y1)],
                                 row.dashed, row.open_head, row.both_ends, label, i, i, row.line))
        return y1 + S.SELF_PAD_BOTTOM, Extent(cols.x[i] - cols.left_ext(i), hi)

    def note(self, index: int, row: m.Note, y: float) -> tuple[float, Extent]:
        cols, xs = self.cols, self.cols.x
        text_w = cols.text_w[index]
        w = text_w + 2 * S.NOTE_PAD_X
        h = max(len(row.text), 1) * S.LINE + 2 * S.NOTE_PAD_Y
        a, b = row.first, row.last
        if row.placement == "over" and a != b:
            left = xs[a] - S.NOTE_SPAN_EXT
            right = xs[b] + S.NOTE_SPAN_EXT
            if right - left < w:
                mid = (left + right) / 2
                left, right = mid - w / 2, mid + w / 2
            x, w = left, right - left
        elif row.placement == "over":
            x = xs[a] - w / 2
        elif row.placement == "right":
            x = xs[a] + cols.right_ext(a) + S.NOTE_SIDE_GAP
        else:
            x = xs[a] - cols.left_ext(a) - S.NOTE_SIDE_GAP - w
        box = Box(x, y + S.ROW_GAP, w, h)
        text = self._label(index, row, x + S.NOTE_PAD_X, y + S.ROW_GAP + S.NOTE_PAD_Y,
                           css="wsd-note-text")
        self.notes.append(NoteBox(box, text, row.line))
        lo = min(x, xs[a] - cols.left_ext(a))
        hi = max(x + w, xs[b] + cols.right_ext(b))
        return y + S.ROW_GAP + h + S.ROW_GAP, Extent(lo, hi)
