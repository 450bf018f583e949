"""Stage 3: model -> geometry (pixels).

Measure every text with the shipped font, give each column the room the
labels and notes that cross it need (``columns``), then walk the rows top to
bottom with a cursor (``rows``, with ``bars`` for how deep the activation
bars reach and ``frames`` for the groups). This module puts the pieces
together: title, participant heads and feet, bars, and the final placement on
the canvas.
"""
from __future__ import annotations

from . import model as m
from . import spacing as S
from .bars import bar_depths
from .columns import Columns
from .geometry import Bar, Box, Geometry, Lifeline, Text, union
from .parse import SourceRef
from .rows import RowLayout, place_rows
from .wrap import candidates


def layout(diagram: m.Diagram, links: dict[SourceRef, str] | None = None) -> Geometry:
    """Geometry of ``diagram``; ``links`` maps the references that become links.

    Texts are wrapped only as much as the diagram needs to fit the width
    budget (``wrap.candidates``): the least wrapped candidate that fits wins.
    """
    geometry = None
    for d, cols in candidates(diagram):
        geometry = _layout(d, cols, links)
        # The title is left out: wrapping the rows cannot narrow it.
        content = union(item.bounds() for item in geometry.placed())
        if content is None or content.right - content.left + 2 * S.MARGIN <= S.WRAP_BUDGET_W:
            break
    assert geometry is not None   # candidates always yields its last one
    return geometry


def _layout(d: m.Diagram, cols: Columns, links: dict[SourceRef, str] | None) -> Geometry:
    y = S.MARGIN
    title = None
    if d.title:
        title = Text.measured(d.title, 0.0, y, S.TITLE_FONT, S.TITLE_LINE, "wsd-title")
        y += title.height + S.TITLE_GAP
    head_top = y
    rows = place_rows(d, cols, bar_depths(d), links or {}, head_top + cols.head_h + S.HEAD_GAP)
    foot_top = rows.bottom + S.FOOT_GAP
    lifelines = _lifelines(d, cols, rows, head_top, foot_top)
    bars = _bars(d, cols, rows, foot_top)
    height = foot_top + (cols.head_h if any(life.foot for life in lifelines) else 0) + S.MARGIN
    geometry = Geometry(0.0, height, title, lifelines, bars, rows.arrows, rows.notes,
                        rows.frames)
    _place_horizontally(geometry)
    return geometry


def _lifelines(d: m.Diagram, cols: Columns, rows: RowLayout, head_top: float,
               foot_top: float) -> list[Lifeline]:
    lifelines = []
    for p in d.participants:
        i = p.index
        x = cols.x[i]
        w = cols.part_w[i]
        top = rows.created_at.get(i, head_top)
        head = Box(x - w / 2, top, w, cols.head_h)
        head_label = _participant_label(p, cols.head_h, x, top)
        bottom = foot_top
        foot = foot_label = None
        destroyed = p.destroyed is not None
        if destroyed:
            # Destroyed on the row that created it: end just below the box.
            bottom = max(rows.anchor_y(p.destroyed, foot_top),
                         top + cols.head_h + S.DESTROYED_MIN_LIFE)
        else:
            foot = Box(x - w / 2, foot_top, w, cols.head_h)
            foot_label = _participant_label(p, cols.head_h, x, foot_top)
        lifelines.append(Lifeline(p.name, p.shape, x, head, head_label, foot, foot_label,
                                  top + cols.head_h, bottom, destroyed))
    return lifelines


def _bars(d: m.Diagram, cols: Columns, rows: RowLayout, foot_top: float) -> list[Bar]:
    bars = []
    for span in d.spans:
        y0 = rows.anchor_y(span.start, foot_top)
        y1 = rows.anchor_y(span.end, foot_top)
        if span.end is None:
            part = d.participants[span.participant]
            y1 = rows.anchor_y(part.destroyed, foot_top) if part.destroyed else foot_top
        y1 = max(y1, y0 + S.BAR_MIN_H)
        x = cols.x[span.participant] + span.depth * S.BAR_STEP - S.BAR_W / 2
        bars.append(Bar(span.participant, Box(x, y0, S.BAR_W, y1 - y0), span.depth))
    return bars


def _participant_label(p: m.Participant, head_h: float, x: float, top: float) -> Text:
    if p.shape == "actor":
        y = top + head_h - len(p.label) * S.PART_LINE
    else:
        y = top + (head_h - len(p.label) * S.PART_LINE) / 2
    label = Text.measured(p.label, x, y, S.PART_FONT, S.PART_LINE, "wsd-participant-label",
                          "middle")
    label.x = x - label.width / 2
    return label


def _place_horizontally(g: Geometry) -> None:
    """Shift everything so the leftmost mark sits at S.MARGIN; set the width."""
    lo, hi = union(item.bounds() for item in g.placed()) or (0.0, 0.0)
    content = hi - lo
    width = content + 2 * S.MARGIN
    if g.title:
        width = max(width, g.title.width + 2 * S.MARGIN)
    # A title wider than the diagram centres the diagram under it.
    dx = S.MARGIN - lo + (width - 2 * S.MARGIN - content) / 2
    for item in g.placed():
        item.shift(dx)
    if g.title:
        # Left-aligned, not centred on the full width: a page shows a wide
        # diagram from its left edge, and a centred title would be off-screen.
        g.title.x = S.MARGIN
    g.width = width
