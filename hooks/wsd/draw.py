"""Stage 4: geometry -> SVG text.

Every colour and stroke is set twice: as a presentation attribute with the
default value (so a reader without CSS custom properties, such as WeasyPrint's
SVG reader, still draws the default palette) and by a class rule reading a
``--wsd-*`` custom property (which wins in a browser, so the site can recolour
diagrams for its dark palette).
"""
from __future__ import annotations

from functools import cache

from . import geometry as G
from . import spacing as S
from .measure import metrics
from .steps import step_id

# (custom property, default) per role; README.md lists them for the site.
PALETTE = {
    "background": "#ffffff",
    "text": "#1d2b3a",
    "title": "#17324f",
    "participant-fill": "#dce8f7",
    "participant-stroke": "#3f6fa6",
    "participant-text": "#14304f",
    "lifeline": "#8ea9c8",
    "bar-fill": "#eef4fb",
    "bar-stroke": "#3f6fa6",
    "message": "#2d5a8c",
    "note-fill": "#fdf8e4",
    "note-stroke": "#c7a94a",
    "note-text": "#3d3420",
    "frame-stroke": "#6d8fb8",
    "frame-tab-fill": "#e4edf8",
    "frame-text": "#1f4370",
    "link": "#1c5fae",
    "destroy": "#b3261e",
}

# class -> (fill role or None, stroke role or None)
_CLASS_ROLES = {
    "wsd-background": ("background", None),
    "wsd-label-back": ("background", None),
    "wsd-participant": ("participant-fill", "participant-stroke"),
    "wsd-actor": (None, "participant-stroke"),
    "wsd-lifeline": (None, "lifeline"),
    "wsd-bar": ("bar-fill", "bar-stroke"),
    "wsd-message": (None, "message"),
    "wsd-head": ("message", "message"),
    "wsd-head-open": (None, "message"),
    "wsd-note": ("note-fill", "note-stroke"),
    "wsd-note-fold": ("note-stroke", None),
    "wsd-frame": (None, "frame-stroke"),
    "wsd-frame-tab": ("frame-tab-fill", "frame-stroke"),
    "wsd-destroy": (None, "destroy"),
    "wsd-title": ("title", None),
    "wsd-label": ("text", None),
    "wsd-note-text": ("note-text", None),
    "wsd-participant-label": ("participant-text", None),
    "wsd-frame-keyword": ("frame-text", None),
    "wsd-frame-label": ("frame-text", None),
}

_STROKE_WIDTH = {"wsd-participant": "1.2", "wsd-message": "1.2", "wsd-bar": "1",
                 "wsd-lifeline": "1", "wsd-note": "1", "wsd-frame": "1.1",
                 "wsd-frame-tab": "1.1", "wsd-destroy": "2", "wsd-head-open": "1.2",
                 "wsd-actor": "1.5", "wsd-head": "1"}
_DASH = {"wsd-lifeline": "4 4", "wsd-dashed": "6 4", "wsd-divider": "5 4"}


def _num(v: float) -> str:
    """One decimal, without a trailing `.0` and without `-0` (called ~20 times per row)."""
    text = format(v, ".1f")
    if text[-1] != "0":
        return text
    text = text[:-2]
    return "0" if text == "-0" else text


def _esc(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


@cache
def _paint(cls: str) -> str:
    """Default presentation attributes for a class."""
    fill_role, stroke_role = _CLASS_ROLES.get(cls.split()[0], (None, None))
    attrs = [f'class="{cls}"']
    attrs.append(f'fill="{PALETTE[fill_role]}"' if fill_role else 'fill="none"')
    if stroke_role:
        attrs.append(f'stroke="{PALETTE[stroke_role]}"')
        attrs.append(f'stroke-width="{_STROKE_WIDTH.get(cls.split()[0], "1")}"')
    for name in cls.split():
        if name in _DASH:
            attrs.append(f'stroke-dasharray="{_DASH[name]}"')
    return " ".join(attrs)


def _style(font_family: str) -> str:
    themed = []
    for cls, (fill_role, stroke_role) in _CLASS_ROLES.items():
        decl = []
        if fill_role:
            decl.append(f"fill:var(--wsd-{fill_role},{PALETTE[fill_role]})")
        if stroke_role:
            decl.append(f"stroke:var(--wsd-{stroke_role},{PALETTE[stroke_role]})")
        themed.append(f".wsd .{cls}{{{';'.join(decl)}}}")
    themed.append(f".wsd .wsd-ref text{{fill:var(--wsd-link,{PALETTE['link']});"
                  "text-decoration:underline}")
    # The themed rules sit in @supports: WeasyPrint's SVG reader skips at-rules
    # (and would paint var() black), so it keeps the presentation attributes,
    # while browsers apply the rules and follow the page's --wsd-* values.
    return (f".wsd text{{font-family:{font_family};font-kerning:none;"
            "font-variant-ligatures:none;white-space:pre}"
            "@supports (fill:var(--wsd-a)){" + "".join(themed) + "}")


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.out = self.parts.append

    def rect(self, box: G.Box, cls: str, rx: float = 0) -> None:
        radius = f' rx="{_num(rx)}"' if rx else ""
        self.out(f'<rect x="{_num(box.x)}" y="{_num(box.y)}" width="{_num(box.w)}" '
                 f'height="{_num(box.h)}"{radius} {_paint(cls)}/>')

    def line(self, x1: float, y1: float, x2: float, y2: float, cls: str) -> None:
        self.out(f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
                 f'{_paint(cls)}/>')

    def path(self, d: str, cls: str) -> None:
        self.out(f'<path d="{d}" {_paint(cls)}/>')

    def polygon(self, points: list[tuple[float, float]], cls: str) -> None:
        pts = " ".join(f"{_num(x)},{_num(y)}" for x, y in points)
        self.out(f'<polygon points="{pts}" {_paint(cls)}/>')

    def text(self, t: G.Text | None) -> None:
        if t is None or not any(t.lines):
            return
        if t.link:
            ref = t.link.ref
            self.out(f'<a href="{_esc(t.link.url)}" class="wsd-ref">'
                     f'<title>{_esc(ref.path)} {_esc(ref.name)}</title>')
        middle = t.anchor == "middle"
        x = t.x + t.width / 2 if middle else t.x
        anchor = ' text-anchor="middle"' if middle else ""
        cap = metrics()["cap_height"] / metrics()["units_per_em"]
        # Baseline so capitals sit centred in each line box.
        first = t.y + t.line_height / 2 + cap * t.size / 2
        paint = _paint(t.cls)
        fill_role = _CLASS_ROLES[t.cls][0]
        if t.link and fill_role:
            paint = paint.replace(f'fill="{PALETTE[fill_role]}"',
                                  f'fill="{PALETTE["link"]}" text-decoration="underline"')
        self.out(f'<text {paint} x="{_num(x)}" y="{_num(first)}" '
                 f'font-size="{_num(t.size)}"{anchor}>')
        for k, line in enumerate(t.lines):
            if line:
                self.out(f'<tspan x="{_num(x)}" y="{_num(first + k * t.line_height)}">'
                         f'{_esc(line)}</tspan>')
        self.out("</text>")
        if t.link:
            self.out("</a>")


def _participant(w: _Writer, life: G.Lifeline, box: G.Box, label: G.Text) -> None:
    if life.shape == "actor":
        cx, top = life.x, box.y
        r = 5.0
        figure = (f"M{_num(cx - r)},{_num(top + r + 1)}a{_num(r)},{_num(r)} 0 1,0 {_num(2 * r)},0"
                  f"a{_num(r)},{_num(r)} 0 1,0 {_num(-2 * r)},0"
                  f"M{_num(cx)},{_num(top + 2 * r + 1)}v12"
                  f"M{_num(cx - S.ACTOR_FIGURE_W / 2)},{_num(top + 2 * r + 5)}"
                  f"h{_num(S.ACTOR_FIGURE_W)}"
                  f"M{_num(cx - 8)},{_num(top + S.ACTOR_FIGURE_H)}"
                  f"L{_num(cx)},{_num(top + 2 * r + 13)}"
                  f"L{_num(cx + 8)},{_num(top + S.ACTOR_FIGURE_H)}")
        w.path(figure, "wsd-actor")
    else:
        w.rect(box, "wsd-participant", 5)
    w.text(label)


def _head(w: _Writer, tip: tuple[float, float], direction: float, open_head: bool) -> None:
    x, y = tip
    back = x - direction * 9
    if open_head:
        w.path(f"M{_num(back)},{_num(y - 4.5)}L{_num(x)},{_num(y)}L{_num(back)},{_num(y + 4.5)}",
               "wsd-head-open")
    else:
        w.polygon([(x, y), (back, y - 4), (back, y + 4)], "wsd-head")


def _arrow(w: _Writer, a: G.Arrow) -> None:
    pts = a.points
    cls = "wsd-message wsd-dashed" if a.dashed else "wsd-message"
    if len(pts) == 2:
        (x1, y1), (x2, y2) = pts
        w.line(x1, y1, x2, y2, cls)
        direction = 1.0 if x2 >= x1 else -1.0
        _head(w, (x2, y2), direction, a.open_head)
        if a.both_ends:
            _head(w, (x1, y1), -direction, a.open_head)
    else:
        d = "M" + "L".join(f"{_num(x)},{_num(y)}" for x, y in pts)
        w.path(d, cls)
        _head(w, pts[-1], -1.0, a.open_head)
        if a.both_ends:
            _head(w, pts[0], -1.0, a.open_head)
    w.text(a.label)


def _note(w: _Writer, n: G.NoteBox) -> None:
    b = n.box
    f = min(8.0, b.h / 2)
    right, bottom = b.x + b.w, b.y + b.h
    w.polygon([(b.x, b.y), (right - f, b.y), (right, b.y + f), (right, bottom), (b.x, bottom)],
              "wsd-note")
    w.polygon([(right - f, b.y), (right - f, b.y + f), (right, b.y + f)], "wsd-note-fold")
    w.text(n.text)


def _frame(w: _Writer, fr: G.Frame) -> None:
    b = fr.box
    w.rect(b, "wsd-frame", 2)
    cut = S.TAB_CUT
    w.polygon([(b.x, b.y), (b.x + fr.tab_w, b.y), (b.x + fr.tab_w, b.y + fr.tab_h - cut),
               (b.x + fr.tab_w - cut, b.y + fr.tab_h), (b.x, b.y + fr.tab_h)], "wsd-frame-tab")
    w.text(fr.keyword)
    _backed_text(w, fr.label)
    for y, label in fr.dividers:
        w.line(b.x, y, b.x + b.w, y, "wsd-frame wsd-divider")
        _backed_text(w, label)


def _backed_text(w: _Writer, t: G.Text | None) -> None:
    """A label on an opaque patch, so lifelines under it do not cross the letters."""
    if t is None:
        return
    w.rect(G.Box(t.x - 2, t.y + 1, t.width + 4, t.height - 2), "wsd-label-back", 2)
    w.text(t)


def draw(g: G.Geometry, prefix: str, font_family: str, step_prefix: str | None = None) -> str:
    """The SVG; with ``step_prefix`` (the diagram's slug) each step gets the id ``step_id`` names."""
    w = _Writer()
    title = " ".join(line for line in g.title.lines if line) if g.title else ""
    title = title or "Sequence diagram"
    width, height = _num(g.width), _num(g.height)
    w.out(f'<svg xmlns="http://www.w3.org/2000/svg" class="wsd" id="{prefix}" '
          f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
          f'role="img" aria-label="{_esc(title)}">')
    w.out(f'<title id="{prefix}-title">{_esc(title)}</title>')
    w.out(f"<style>{_style(font_family)}</style>")
    w.rect(G.Box(0, 0, g.width, g.height), "wsd-background")
    w.out('<g class="wsd-lifelines">')
    for life in g.lifelines:
        w.line(life.x, life.top, life.x, life.bottom, "wsd-lifeline")
    w.out('</g><g class="wsd-bars">')
    for bar in g.bars:
        w.rect(bar.box, "wsd-bar")
    # Frames above bars: their tabs and labels sit where lifelines pass.
    w.out('</g><g class="wsd-frames">')
    for fr in g.frames:
        _frame(w, fr)
    w.out('</g><g class="wsd-messages">')
    # One arrow per message, in source order: arrow k is step k (wsd.steps),
    # the target of the site's #step-<slug>-<k> links.
    for number, a in enumerate(g.arrows, 1):
        ident = f' id="{step_id(step_prefix, number)}"' if step_prefix is not None else ""
        w.out(f'<g class="wsd-step"{ident} data-step="{number}">')
        _arrow(w, a)
        w.out("</g>")
    w.out('</g><g class="wsd-notes">')
    for n in g.notes:
        _note(w, n)
    # The top boxes get their own group: the site pins a copy of it while the
    # reader scrolls down a tall diagram. Not "wsd-head": that class paints
    # arrowheads, and its stroke would be inherited by the participant labels.
    w.out('</g><g class="wsd-participants"><g class="wsd-head-row">')
    for life in g.lifelines:
        _participant(w, life, life.head, life.head_label)
    w.out("</g>")
    for life in g.lifelines:
        if life.foot and life.foot_label:
            _participant(w, life, life.foot, life.foot_label)
    for x, y in g.destroys:
        s = S.DESTROY_SIZE
        w.path(f"M{_num(x - s)},{_num(y - s)}L{_num(x + s)},{_num(y + s)}"
               f"M{_num(x + s)},{_num(y - s)}L{_num(x - s)},{_num(y + s)}", "wsd-destroy")
    w.out("</g>")
    w.text(g.title)
    w.out("</svg>\n")
    return "".join(w.parts)
