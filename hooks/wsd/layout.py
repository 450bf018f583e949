"""Stage 3: model -> geometry (pixels).

Measure every text with the shipped font, give each column the room the
labels and notes that cross it need, then walk the rows top to bottom with a
cursor. Each row gets its own vertical band, so nothing in one row can touch
anything in another; within a row the column constraints keep boxes apart.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import model as m
from .measure import block_width

FONT = 13.0           # messages, notes, group labels
LINE = 17.0
PART_FONT = 14.0
PART_LINE = 18.0
TITLE_FONT = 17.0
TITLE_LINE = 22.0

MARGIN = 12.0
PART_PAD_X = 12.0
PART_PAD_Y = 7.0
PART_MIN_W = 56.0
ACTOR_FIGURE_H = 30.0
ACTOR_FIGURE_W = 22.0
COL_GAP = 18.0        # between neighbouring boxes and bars
BAR_W = 10.0
BAR_STEP = 5.0        # offset of a nested bar
BAR_MIN_H = 8.0
LABEL_PAD = 10.0      # message label to the arrow's ends
ARROW_MIN = 36.0
SELF_W = 28.0
SELF_MIN_H = 14.0
NOTE_PAD_X = 8.0
NOTE_PAD_Y = 5.0
NOTE_SIDE_GAP = 4.0   # a left/right note and its lifeline
NOTE_SPAN_EXT = 10.0  # how far a spanning note reaches past its lifelines
FRAME_PAD = 8.0
TAB_PAD_X = 8.0
TAB_CUT = 6.0
DESTROY_SIZE = 7.0


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
    anchor: str = "start"   # "start" or "middle"
    cls: str = "wsd-label"
    link: str | None = None
    ref: object = None


@dataclass(slots=True)
class Box:
    x: float
    y: float
    w: float
    h: float


@dataclass(slots=True)
class Lifeline:
    name: str
    shape: str
    x: float
    head: Box
    head_label: Text
    foot: Box | None
    foot_label: Text | None
    top: float
    bottom: float
    destroyed: bool = False


@dataclass(slots=True)
class Bar:
    participant: int
    box: Box
    depth: int


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


@dataclass(slots=True)
class NoteBox:
    box: Box
    text: Text
    line: int


@dataclass(slots=True)
class Frame:
    box: Box
    keyword: Text
    tab_w: float
    tab_h: float
    label: Text | None
    dividers: list[tuple[float, Text | None]] = field(default_factory=list)
    depth: int = 0


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
    destroys: list[tuple[float, float]]


def _text(lines, x, y, size, line_height, cls, anchor="start", link=None, ref=None) -> Text:
    return Text(x, y, block_width(lines, size), len(lines) * line_height, lines, size,
                line_height, anchor, cls, link, ref)


class _Layout:
    def __init__(self, d: m.Diagram, links: dict):
        self.d = d
        self.links = links
        n = len(d.participants)
        self.n = n
        self.part_w = []
        for p in d.participants:
            w = block_width(p.label, PART_FONT) + 2 * PART_PAD_X
            self.part_w.append(max(w, PART_MIN_W))
        self.head_h = 0.0
        for p in d.participants:
            h = len(p.label) * PART_LINE + 2 * PART_PAD_Y
            if p.shape == "actor":
                h = ACTOR_FIGURE_H + 4 + len(p.label) * PART_LINE
            self.head_h = max(self.head_h, h)
        # Spans per participant, for "how many bars cover this row".
        self.spans_of: list[list[m.Span]] = [[] for _ in range(n)]
        for span in d.spans:
            self.spans_of[span.participant].append(span)
        self.max_depth = [max((s.depth + 1 for s in spans), default=0)
                          for spans in self.spans_of]

    # -- bars ---------------------------------------------------------
    def left_ext(self, i: int) -> float:
        return BAR_W / 2 if self.max_depth[i] else 0.0

    def right_ext(self, i: int) -> float:
        depth = self.max_depth[i]
        return BAR_W / 2 + (depth - 1) * BAR_STEP if depth else 0.0

    def depth_at(self, i: int, row: int, include_starting: bool = True) -> int:
        """How deep the bars of ``i`` at the arrow of message ``row`` reach (0: none).

        The topmost covering bar counts, not how many there are: a bar that
        ends on this arrow and one that starts on it sit at the same depth.
        """
        here = (row, 1)
        top = 0
        for span in self.spans_of[i]:
            start = _key(span.start)
            end = _key(span.end) if span.end is not None else (1 << 30, 0)
            if start < here <= end or (start == here and include_starting):
                top = max(top, span.depth + 1)
        return top

    def edge(self, i: int, depth: int, rightwards: bool) -> float:
        """x where an arrow meets participant ``i`` with ``depth`` bars open."""
        x = self.x[i]
        if depth == 0:
            return x
        top = x + (depth - 1) * BAR_STEP
        return top + BAR_W / 2 if rightwards else top - BAR_W / 2

    # -- columns ------------------------------------------------------
    def columns(self) -> None:
        n = self.n
        need: list[dict[int, float]] = [dict() for _ in range(n)]   # need[j][i] = min x_j - x_i

        def want(i: int, j: int, dist: float) -> None:
            if i > j:
                i, j = j, i
            if i == j:
                return
            if dist > need[j].get(i, 0.0):
                need[j][i] = dist

        for i in range(n - 1):
            want(i, i + 1, max((self.part_w[i] + self.part_w[i + 1]) / 2,
                               self.right_ext(i) + self.left_ext(i + 1)) + COL_GAP)
        for row in self.d.rows:
            kind = type(row)
            if kind is m.Message:
                tw = block_width(row.text, FONT)
                a, b = sorted((row.source, row.target))
                if a == b:
                    if a + 1 < n:
                        want(a, a + 1, self.right_ext(a) + BAR_STEP + SELF_W + 6 + tw
                             + COL_GAP + self.left_ext(a + 1))
                    continue
                span = max(tw + 2 * LABEL_PAD, ARROW_MIN) + self.right_ext(a) + self.left_ext(b)
                if row.creates:
                    span += self.part_w[row.target] / 2
                want(a, b, span)
            elif kind is m.Note:
                w = block_width(row.text, FONT) + 2 * NOTE_PAD_X
                a, b = row.first, row.last
                if row.placement == "over" and a == b:
                    if a > 0:
                        want(a - 1, a, w / 2 + self.right_ext(a - 1) + COL_GAP)
                    if a + 1 < n:
                        want(a, a + 1, w / 2 + self.left_ext(a + 1) + COL_GAP)
                elif row.placement == "over":
                    want(a, b, w - 2 * NOTE_SPAN_EXT)
                    if a > 0:
                        want(a - 1, a, NOTE_SPAN_EXT + self.right_ext(a - 1) + COL_GAP)
                    if b + 1 < n:
                        want(b, b + 1, NOTE_SPAN_EXT + self.left_ext(b + 1) + COL_GAP)
                elif row.placement == "right" and a + 1 < n:
                    want(a, a + 1, self.right_ext(a) + NOTE_SIDE_GAP + w + COL_GAP
                         + self.left_ext(a + 1))
                elif row.placement == "left" and a > 0:
                    want(a - 1, a, self.left_ext(a) + NOTE_SIDE_GAP + w + COL_GAP
                         + self.right_ext(a - 1))
        self.x = [0.0] * n
        for j in range(1, n):
            self.x[j] = max(self.x[i] + dist for i, dist in need[j].items())

    # -- rows ---------------------------------------------------------
    def rows(self, top: float) -> float:
        d = self.d
        y = top
        self.row_top: list[float] = []
        self.row_line: list[float] = []
        self.arrows: list[Arrow] = []
        self.notes: list[NoteBox] = []
        self.row_extent: list[tuple[float, float] | None] = []
        self.created_at: dict[int, float] = {}
        frame_top: dict[int, float] = {}
        self.frame_rows: dict[int, tuple[float, float, list[float]]] = {}
        else_ys: dict[int, list[float]] = {}
        for index, row in enumerate(d.rows):
            self.row_top.append(y)
            kind = type(row)
            extent = None
            if kind is m.Message:
                if row.is_self:
                    y, extent = self.self_message(index, row, y)
                else:
                    y, extent = self.message(index, row, y)
            elif kind is m.Note:
                y, extent = self.note(row, y)
                self.row_line.append(y)
            else:
                group = row.group
                if row.kind == "start":
                    frame_top[group] = y + 4
                    y += 4 + LINE + 4 + 4
                elif row.kind == "else":
                    else_ys.setdefault(group, []).append(y + 4)
                    y += 4 + (2 + LINE + 2 if row.label else 6)
                else:
                    self.frame_rows[group] = (frame_top[group], y + 4, else_ys.get(group, []))
                    y += 8
                self.row_line.append(y)
            self.row_extent.append(extent)
        return y

    def _label(self, row, x: float, y: float, anchor: str = "start") -> Text:
        link = self.links.get(row.ref) if row.ref is not None else None
        return _text(row.text, x, y, FONT, LINE, "wsd-label", anchor, link,
                     row.ref if link else None)

    def message(self, index: int, row: m.Message, y: float):
        s, t = row.source, row.target
        rightwards = self.x[t] > self.x[s]
        has_text = any(row.text)
        text_h = len(row.text) * LINE if has_text else 0.0
        line_y = y + 5 + text_h + (3 if has_text else 5)
        after = line_y + 7
        x1 = self.edge(s, self.depth_at(s, index), rightwards)
        # A frame around this row must wrap the bars of both ends, not cut them.
        lo = min(self.x[s] - self.left_ext(s), self.x[t] - self.left_ext(t))
        hi = max(self.x[s] + self.right_ext(s), self.x[t] + self.right_ext(t))
        if row.creates:
            half = self.head_h / 2
            line_y = max(line_y, y + 4 + half)
            after = line_y + half + 6
            self.created_at[t] = line_y - half
            w = self.part_w[t]
            x2 = self.x[t] - w / 2 if rightwards else self.x[t] + w / 2
            lo, hi = min(lo, self.x[t] - w / 2), max(hi, self.x[t] + w / 2)
        else:
            x2 = self.edge(t, self.depth_at(t, index), not rightwards)
        label = None
        if has_text:
            mid = (x1 + x2) / 2
            label = self._label(row, mid, line_y - 3 - text_h, "middle")
            label.x = mid - label.width / 2
            lo, hi = min(lo, label.x), max(hi, label.x + label.width)
        self.row_line.append(line_y)
        self.arrows.append(Arrow([(x1, line_y), (x2, line_y)], row.dashed, row.open_head,
                                 row.both_ends, label, s, t, row.line, row.creates))
        return after, (lo, hi)

    def self_message(self, index: int, row: m.Message, y: float):
        i = row.source
        before = self.depth_at(i, index, include_starting=False)
        after_depth = self.depth_at(i, index)
        x_out = self.edge(i, before, True)
        x_in = self.edge(i, after_depth, True)
        loop_x = max(x_out, x_in) + SELF_W
        text_top = y + 4
        y0 = text_top + LINE / 2
        has_text = any(row.text)
        text_h = len(row.text) * LINE if has_text else 0.0
        y1 = max(y0 + SELF_MIN_H, text_top + text_h + 2)
        label = None
        hi = loop_x
        if has_text:
            label = self._label(row, loop_x + 6, text_top)
            hi = label.x + label.width
        self.row_line.append(y1)
        self.arrows.append(Arrow([(x_out, y0), (loop_x, y0), (loop_x, y1), (x_in, y1)],
                                 row.dashed, row.open_head, row.both_ends, label, i, i, row.line))
        return y1 + 8, (self.x[i] - self.left_ext(i), hi)

    def note(self, row: m.Note, y: float):
        text_w = block_width(row.text, FONT)
        w = text_w + 2 * NOTE_PAD_X
        h = max(len(row.text), 1) * LINE + 2 * NOTE_PAD_Y
        a, b = row.first, row.last
        if row.placement == "over" and a != b:
            left = self.x[a] - NOTE_SPAN_EXT
            right = self.x[b] + NOTE_SPAN_EXT
            if right - left < w:
                mid = (left + right) / 2
                left, right = mid - w / 2, mid + w / 2
            x, w = left, right - left
        elif row.placement == "over":
            x = self.x[a] - w / 2
        elif row.placement == "right":
            x = self.x[a] + self.right_ext(a) + NOTE_SIDE_GAP
        else:
            x = self.x[a] - self.left_ext(a) - NOTE_SIDE_GAP - w
        box = Box(x, y + 4, w, h)
        text = self._label(row, x + NOTE_PAD_X, y + 4 + NOTE_PAD_Y)
        text.cls = "wsd-note-text"
        self.notes.append(NoteBox(box, text, row.line))
        lo = min(x, self.x[a] - self.left_ext(a))
        hi = max(x + w, self.x[b] + self.right_ext(b))
        return y + 4 + h + 4, (lo, hi)

    def anchor_y(self, anchor: m.Anchor | None, bottom: float) -> float:
        if anchor is None:
            return bottom
        row, where = anchor
        if row >= len(self.row_top):
            return bottom
        return self.row_line[row] if where == "line" else self.row_top[row]

    # -- groups -------------------------------------------------------
    def frames(self) -> list[Frame]:
        d = self.d
        frames: dict[int, Frame] = {}
        # Innermost first: an outer frame must wrap the inner ones.
        order = sorted(range(len(d.groups)), key=lambda g: -d.groups[g].depth)
        for g in order:
            group = d.groups[g]
            top, bottom, else_ys = self.frame_rows[g]
            lo, hi = float("inf"), float("-inf")
            for r in range(group.start_row + 1, group.end_row):
                extent = self.row_extent[r]
                if extent:
                    lo, hi = min(lo, extent[0]), max(hi, extent[1])
            for inner, frame in frames.items():
                if group.start_row < d.groups[inner].start_row < group.end_row:
                    lo, hi = min(lo, frame.box.x), max(hi, frame.box.x + frame.box.w)
            if lo > hi:   # an empty group spans every lifeline
                lo, hi = (self.x[0], self.x[-1]) if self.x else (0.0, 0.0)
            left, right = lo - FRAME_PAD, hi + FRAME_PAD
            keyword = _text((group.keyword,), left + TAB_PAD_X, top + 2, FONT, LINE,
                            "wsd-frame-keyword")
            tab_w = keyword.width + 2 * TAB_PAD_X + TAB_CUT
            tab_h = LINE + 4
            label = None
            if group.label:
                label = _text((f"[{group.label}]",), left + tab_w + 8, top + 2, FONT, LINE,
                              "wsd-frame-label")
                right = max(right, label.x + label.width + 8)
            right = max(right, left + tab_w + 8)
            dividers = []
            for r, div_y in zip(group.else_rows, else_ys):
                text = None
                edge = d.rows[r]
                if edge.label:
                    text = _text((f"[{edge.label}]",), left + TAB_PAD_X, div_y + 2, FONT, LINE,
                                 "wsd-frame-label")
                    right = max(right, text.x + text.width + 8)
                dividers.append((div_y, text))
            frames[g] = Frame(Box(left, top, right - left, bottom - top), keyword, tab_w, tab_h,
                              label, dividers, group.depth)
        return [frames[g] for g in sorted(frames, key=lambda g: (d.groups[g].depth, g))]

    # -- whole diagram ------------------------------------------------
    def run(self) -> Geometry:
        d = self.d
        if self.n:
            self.columns()
        else:
            self.x = []
        y = MARGIN
        title = None
        if d.title:
            title = _text(d.title, 0.0, y, TITLE_FONT, TITLE_LINE, "wsd-title", "middle")
            y += title.height + 8
        head_top = y
        y = head_top + self.head_h + 10
        y = self.rows(y) + 8
        foot_top = y
        lifelines = []
        destroys = []
        for p in d.participants:
            i = p.index
            x = self.x[i]
            w = self.part_w[i]
            top = self.created_at.get(i, head_top)
            head = Box(x - w / 2, top, w, self.head_h)
            head_label = self._participant_label(p, x, top)
            bottom = foot_top
            foot = foot_label = None
            destroyed = p.destroyed is not None
            if destroyed:
                # Destroyed on the row that created it: end just below the box.
                bottom = max(self.anchor_y(p.destroyed, foot_top), top + self.head_h + 6)
                destroys.append((x, bottom))
            else:
                foot = Box(x - w / 2, foot_top, w, self.head_h)
                foot_label = self._participant_label(p, x, foot_top)
            lifelines.append(Lifeline(p.name, p.shape, x, head, head_label, foot, foot_label,
                                      top + self.head_h, bottom, destroyed))
        bars = []
        for span in d.spans:
            y0 = self.anchor_y(span.start, foot_top)
            y1 = self.anchor_y(span.end, foot_top)
            if span.end is None:
                part = d.participants[span.participant]
                y1 = self.anchor_y(part.destroyed, foot_top) if part.destroyed else foot_top
            y1 = max(y1, y0 + BAR_MIN_H)
            x = self.x[span.participant] + span.depth * BAR_STEP - BAR_W / 2
            bars.append(Bar(span.participant, Box(x, y0, BAR_W, y1 - y0), span.depth))
        frames = self.frames()
        height = foot_top + (self.head_h if any(l.foot for l in lifelines) else 0) + MARGIN
        geometry = Geometry(0.0, height, title, lifelines, bars, self.arrows, self.notes,
                            frames, destroys)
        _place_horizontally(geometry)
        return geometry

    def _participant_label(self, p: m.Participant, x: float, top: float) -> Text:
        if p.shape == "actor":
            y = top + self.head_h - len(p.label) * PART_LINE
        else:
            y = top + (self.head_h - len(p.label) * PART_LINE) / 2
        label = _text(p.label, x, y, PART_FONT, PART_LINE, "wsd-participant-label", "middle")
        label.x = x - label.width / 2
        return label


def _key(anchor: m.Anchor) -> tuple[int, int]:
    return (anchor[0], 1 if anchor[1] == "line" else 0)


def _place_horizontally(g: Geometry) -> None:
    """Shift everything so the leftmost mark sits at MARGIN; set the width."""
    lo, hi = float("inf"), float("-inf")
    for life in g.lifelines:
        lo, hi = min(lo, life.head.x), max(hi, life.head.x + life.head.w)
    for note in g.notes:
        lo, hi = min(lo, note.box.x), max(hi, note.box.x + note.box.w)
    for arrow in g.arrows:
        xs = [p[0] for p in arrow.points]
        lo, hi = min(lo, *xs), max(hi, *xs)
        if arrow.label:
            lo, hi = min(lo, arrow.label.x), max(hi, arrow.label.x + arrow.label.width)
    for frame in g.frames:
        lo, hi = min(lo, frame.box.x), max(hi, frame.box.x + frame.box.w)
    for bar in g.bars:
        lo, hi = min(lo, bar.box.x), max(hi, bar.box.x + bar.box.w)
    if lo > hi:
        lo = hi = 0.0
    content = hi - lo
    width = content + 2 * MARGIN
    if g.title:
        width = max(width, g.title.width + 2 * MARGIN)
    # A title wider than the diagram centres the diagram under it.
    dx = MARGIN - lo + (width - 2 * MARGIN - content) / 2

    def shift_text(t: Text | None) -> None:
        if t is not None:
            t.x += dx

    for life in g.lifelines:
        life.x += dx
        life.head.x += dx
        shift_text(life.head_label)
        if life.foot:
            life.foot.x += dx
            shift_text(life.foot_label)
    for note in g.notes:
        note.box.x += dx
        shift_text(note.text)
    for arrow in g.arrows:
        arrow.points = [(x + dx, y) for x, y in arrow.points]
        shift_text(arrow.label)
    for frame in g.frames:
        frame.box.x += dx
        shift_text(frame.keyword)
        shift_text(frame.label)
        for _, text in frame.dividers:
            shift_text(text)
    for bar in g.bars:
        bar.box.x += dx
    g.destroys = [(x + dx, y) for x, y in g.destroys]
    if g.title:
        g.title.x = (width - g.title.width) / 2
    g.width = width


def layout(diagram: m.Diagram, links: dict | None = None) -> Geometry:
    return _Layout(diagram, links or {}).run()
