"""Layout invariants, checked on geometry (not on pixels).

`problems(geometry)` returns a description of every breach: boxes that
overlap, text outside its box or the canvas, messages whose ends are not on a
lifeline or an activation bar of the right participant.
"""
from __future__ import annotations

from wsd import geometry as G

EPS = 0.51   # coordinates are written with one decimal


def _rect_of_text(t: G.Text) -> tuple[float, float, float, float]:
    return (t.x, t.y, t.x + t.width, t.y + t.height)


def _rect(b: G.Box) -> tuple[float, float, float, float]:
    return (b.x, b.y, b.x + b.w, b.y + b.h)


def _overlap(a, b) -> bool:
    return (a[0] < b[2] - EPS and b[0] < a[2] - EPS and
            a[1] < b[3] - EPS and b[1] < a[3] - EPS)


def _inside(inner, outer) -> bool:
    return (inner[0] >= outer[0] - EPS and inner[1] >= outer[1] - EPS and
            inner[2] <= outer[2] + EPS and inner[3] <= outer[3] + EPS)


def solid_boxes(g: G.Geometry) -> list[tuple[str, tuple]]:
    """Everything that must not touch anything else in this list."""
    boxes: list[tuple[str, tuple]] = []
    if g.title:
        boxes.append(("title", _rect_of_text(g.title)))
    for life in g.lifelines:
        boxes.append((f"participant {life.name} head", _rect(life.head)))
        if life.foot:
            boxes.append((f"participant {life.name} foot", _rect(life.foot)))
    for n in g.notes:
        boxes.append((f"note at line {n.line}", _rect(n.box)))
    for a in g.arrows:
        if a.label and any(a.label.lines):
            boxes.append((f"label of message at line {a.line}", _rect_of_text(a.label)))
        xs = [p[0] for p in a.points]
        ys = [p[1] for p in a.points]
        # Thin box around the drawn line: it must not run through a note or a label.
        boxes.append((f"arrow of message at line {a.line}",
                      (min(xs), min(ys) - 0.5, max(xs), max(ys) + 0.5)))
    for f in g.frames:
        boxes.append((f"'{f.keyword.lines[0]}' tab", (f.box.x, f.box.y, f.box.x + f.tab_w,
                                                      f.box.y + f.tab_h)))
        if f.label:
            boxes.append((f"'{f.keyword.lines[0]}' label", _rect_of_text(f.label)))
        for _, t in f.dividers:
            if t:
                boxes.append(("else label", _rect_of_text(t)))
    return boxes


def problems(g: G.Geometry) -> list[str]:
    out: list[str] = []
    canvas = (0.0, 0.0, g.width, g.height)

    boxes = solid_boxes(g)
    boxes.sort(key=lambda item: item[1][1])
    for i, (name_a, a) in enumerate(boxes):
        if not _inside(a, canvas):
            out.append(f"{name_a} leaves the canvas: {a}")
        for name_b, b in boxes[i + 1:]:
            if b[1] >= a[3]:
                break
            if _overlap(a, b):
                out.append(f"{name_a} overlaps {name_b}")

    for life in g.lifelines:
        for box, label in ((life.head, life.head_label), (life.foot, life.foot_label)):
            if box is not None and not _inside(_rect_of_text(label), _rect(box)):
                out.append(f"label of {life.name} leaves its box")
    for n in g.notes:
        if not _inside(_rect_of_text(n.text), _rect(n.box)):
            out.append(f"text of note at line {n.line} leaves its box")
        for bar in g.bars:
            owner = g.lifelines[bar.participant]
            covers_owner = n.box.x - EPS <= owner.x <= n.box.x + n.box.w + EPS
            if not covers_owner and _overlap(_rect(n.box), _rect(bar.box)):
                out.append(f"note at line {n.line} overlaps a bar of {owner.name}")
    for f in g.frames:
        frame = _rect(f.box)
        if not _inside((f.box.x, f.box.y, f.box.x + f.tab_w, f.box.y + f.tab_h), frame):
            out.append("frame tab leaves its frame")
        if not _inside(_rect_of_text(f.keyword), (f.box.x, f.box.y, f.box.x + f.tab_w,
                                                  f.box.y + f.tab_h)):
            out.append(f"'{f.keyword.lines[0]}' keyword leaves its tab")
        texts = [f.label] + [t for _, t in f.dividers]
        for t in texts:
            if t is not None and not _inside(_rect_of_text(t), frame):
                out.append(f"label {t.lines[0]!r} leaves its '{f.keyword.lines[0]}' frame")
        for other in g.frames:
            if other is f:
                continue
            o = _rect(other.box)
            if _overlap(frame, o) and not (_inside(o, frame) or _inside(frame, o)):
                out.append(f"frames '{f.keyword.lines[0]}' and '{other.keyword.lines[0]}' "
                           "cross without nesting")

    for a in g.arrows:
        ends = [(a.points[0], a.source, False), (a.points[-1], a.target, a.creates)]
        for (x, y), who, creates in ends:
            life = g.lifelines[who]
            if creates:
                head = life.head
                if not (abs(x - head.x) <= EPS or abs(x - head.x - head.w) <= EPS):
                    out.append(f"message at line {a.line} does not reach the created box")
                continue
            if not life.top - EPS <= y <= life.bottom + EPS:
                out.append(f"message at line {a.line} ends outside {life.name}'s lifeline")
            allowed = [life.x]
            for bar in g.bars:
                if bar.participant == who and bar.box.y - EPS <= y <= bar.box.y + bar.box.h + EPS:
                    allowed += [bar.box.x, bar.box.x + bar.box.w]
            if not any(abs(x - ax) <= EPS for ax in allowed):
                out.append(f"message at line {a.line} ends at x={x:.1f}, not on "
                           f"{life.name}'s lifeline or bars")
    return out
