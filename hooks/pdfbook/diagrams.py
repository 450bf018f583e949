"""Fit rendered diagrams to printed pages without shrinking their text below 7 pt.

A diagram keeps its vectors. Its width picks the page: A4 portrait, A4
landscape, A3 landscape, or for the widest a page cut to its size. A diagram
taller than one page is cut between rows into slices, and every slice after
the first repeats the participant boxes at its top, as a reader of a long
printed sequence diagram expects.
"""
from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

from . import geometry, markup

PX_PER_MM = 96 / 25.4
PT_PER_PX = 0.75
MIN_TEXT_PT = 7.2     # 7 pt is the floor; keep a little margin for rounding
SLICE_GAP = 2.0       # px kept clear around every row
LABEL_TO_ARROW = 12.0  # a message label sits this far above its arrow at most: keep them together
# (figure class, content width, content height left for a slice), in CSS px.
# A4 portrait 174 x 259 mm, A4 landscape 261 x 172 mm, A3 landscape 384 x 259 mm,
# less room for the running header and a caption.
FORMATS = (("book-portrait", 174, 240), ("book-wide", 261, 160), ("book-huge", 384, 240))
CUT_CLASSES = {"wsd-background", "wsd-lifeline", "wsd-bar"}   # may be split across slices
SVG = f"{{{markup.SVG_NS}}}"


@dataclass
class Fit:
    css_class: str
    scale: float
    page_css: str = ""


def _number(value: str | None, default: float) -> float:
    try:
        return float((value or "").replace("px", ""))
    except ValueError:
        return default


def _size(svg: ET.Element) -> tuple[float, float]:
    box = [float(v) for v in svg.get("viewBox", "0 0 0 0").replace(",", " ").split()]
    width = box[2] if len(box) == 4 and box[2] else _number(svg.get("width"), 600)
    height = box[3] if len(box) == 4 and box[3] else _number(svg.get("height"), 400)
    return width, height


def smallest_font(svg: ET.Element) -> float:
    sizes = [_number(t.get("font-size"), 13.0) for t in svg.iter(SVG + "text")]
    return min(sizes) if sizes else 13.0


def fit(width: float, font_px: float, serial: int) -> Fit:
    """The first page format on which the diagram's smallest text stays readable."""
    needed = MIN_TEXT_PT / (font_px * PT_PER_PX)
    for css_class, width_mm, _ in FORMATS:
        scale = min(1.0, width_mm * PX_PER_MM / width)
        if scale >= needed:
            return Fit(css_class, scale)
    # Wider than A3: a page of its own, as wide as the diagram needs.
    scale = max(needed, 0.0)
    page_w = width * scale / PX_PER_MM + 40
    name = f"diagram-{serial}"
    css = (f"@page {name} {{ size: {page_w:.0f}mm {max(297, page_w * 0.7):.0f}mm; }}\n"
           f"figure.{name} {{ page: {name}; }}\n")
    return Fit(name, scale, css)


def _body_height_mm(css_class: str) -> float:
    for name, _, height_mm in FORMATS:
        if name == css_class:
            return height_mm
    return FORMATS[-1][2]


def _parts(svg: ET.Element) -> Iterator[tuple[ET.Element, tuple[float, float], bool]]:
    """Yield (element, extent, can_cut) for every drawable unit of the diagram."""
    for child in svg:
        tag = markup.local(child.tag)
        if tag in ("style", "defs", "title", "desc"):
            continue
        if tag == "g":
            for unit in child:
                yield from _unit(unit)
        else:
            yield from _unit(child)


def _unit(el: ET.Element) -> Iterator[tuple[ET.Element, tuple[float, float], bool]]:
    span = geometry.extent(el)
    if span is None:
        return
    can_cut = bool(markup.classes(el) & CUT_CLASSES) or (
        markup.local(el.tag) == "rect" and "wsd-frame" in markup.classes(el))
    yield el, span, can_cut


def cuts(svg: ET.Element, first_budget: float, budget: float) -> list[float]:
    """Where to cut: y values between rows, each slice at most ``budget`` tall."""
    _, height = _size(svg)
    blocks: list[list[float]] = []
    for el, (top, bottom), can_cut in _parts(svg):
        if can_cut:
            continue
        if "wsd-label" in markup.classes(el):
            bottom += LABEL_TO_ARROW
        blocks.append([top - SLICE_GAP, bottom + SLICE_GAP])
    blocks.sort()
    merged: list[list[float]] = []
    for block in blocks:
        if merged and block[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], block[1])
        else:
            merged.append(block)
    result: list[float] = []
    top, limit = 0.0, first_budget
    while height - top > limit:
        end = top + limit
        choice = None
        for a, b in zip(merged, merged[1:]):
            cut_at = (a[1] + b[0]) / 2
            if cut_at > end:
                break
            if cut_at > top + 1:
                choice = cut_at
        cut_at = choice if choice is not None else end   # one row taller than a page
        result.append(cut_at)
        top, limit = cut_at, budget
    return result


def _header(svg: ET.Element) -> tuple[list[ET.Element], float, float]:
    """The top participant boxes (and actors): what a continuation repeats."""
    lifeline_extents = [geometry.extent(line) for line in svg.iter(SVG + "line")
                        if "wsd-lifeline" in markup.classes(line)]
    lifeline_tops = [span[0] for span in lifeline_extents if span is not None]
    head_bottom = min(lifeline_tops) if lifeline_tops else 0.0
    elements, tops = [], []
    for group in svg.iter(SVG + "g"):
        if "wsd-participants" not in markup.classes(group):
            continue
        for unit in group:
            span = geometry.extent(unit)
            if span and span[1] <= head_bottom + 0.5:
                elements.append(unit)
                tops.append(span[0])
    top = min(tops) if tops else 0.0
    return elements, top - 4, head_bottom + 4


def _window(svg: ET.Element, top: float, bottom: float) -> list[ET.Element]:
    """Copies of the units that show between ``top`` and ``bottom``."""
    keep = []
    for el, (a, b), _ in _parts(svg):
        if b > top and a < bottom:
            keep.append(copy.deepcopy(el))
    return keep


def _frame(svg: ET.Element, scale: float, width: float, height: float) -> ET.Element:
    out = ET.Element(SVG + "svg", {
        "class": svg.get("class", "wsd") + " book-slice",
        "viewBox": f"0 0 {width:g} {height:g}",
        "width": f"{width * scale:.1f}", "height": f"{height * scale:.1f}",
        "role": "img", "aria-label": svg.get("aria-label", ""),
    })
    for child in svg:
        if markup.local(child.tag) in ("style", "defs"):
            out.append(copy.deepcopy(child))
    return out


def _viewport(y: float, width: float, top: float, height: float, units: list[ET.Element]) -> ET.Element:
    port = ET.Element(SVG + "svg", {"x": "0", "y": f"{y:g}", "width": f"{width:g}",
                                    "height": f"{height:g}",
                                    "viewBox": f"0 {top:g} {width:g} {height:g}"})
    port.extend(units)
    return port


def slices(svg: ET.Element, scale: float, page_height_mm: float) -> list[ET.Element]:
    width, height = _size(svg)
    budget_px = page_height_mm * PX_PER_MM
    head_units, head_top, head_bottom = _header(svg)
    head_h = head_bottom - head_top
    positions = cuts(svg, budget_px / scale, budget_px / scale - head_h)
    if not positions:
        return [svg]
    bounds = [0.0, *positions, height]
    out = []
    for i, (top, bottom) in enumerate(zip(bounds, bounds[1:])):
        body = _window(svg, top, bottom)
        if i == 0:
            piece = _frame(svg, scale, width, bottom)
            piece.append(_viewport(0, width, 0, bottom, body))
        else:
            piece = _frame(svg, scale, width, head_h + bottom - top)
            piece.append(_viewport(0, width, head_top, head_h, [copy.deepcopy(u) for u in head_units]))
            piece.append(_viewport(head_h, width, top, bottom - top, body))
        out.append(piece)
    return out


def prepare(article: ET.Element, page_css: list[str]) -> int:
    """Fit every diagram of ``article`` in place; returns how many there were."""
    count = 0
    for parent, svg in list(markup.iter_with_parent(article)):
        if markup.local(svg.tag) != "svg" or "wsd" not in markup.classes(svg) or not markup.is_svg(svg):
            continue
        count += 1
        width, _ = _size(svg)
        chosen = fit(width, smallest_font(svg), len(page_css))
        if chosen.page_css:
            page_css.append(chosen.page_css)
        pieces = slices(svg, chosen.scale, _body_height_mm(chosen.css_class))
        index = list(parent).index(svg)
        parent.remove(svg)
        for offset, piece in enumerate(pieces):
            holder = ET.Element("div", {"class": "book-diagram-slice"})
            if piece is svg:
                piece.set("width", f"{width * chosen.scale:.1f}")
                piece.set("height", f"{_size(svg)[1] * chosen.scale:.1f}")
            holder.append(piece)
            parent.insert(index + offset, holder)
        figure = _figure_of(article, parent)
        if figure is not None:
            figure.set("class", f"{figure.get('class', '')} book-diagram {chosen.css_class}".strip())
    return count


def _figure_of(article: ET.Element, node: ET.Element) -> ET.Element | None:
    parents = {c: p for p in article.iter() for c in p}
    current: ET.Element | None = node
    while current is not None:
        if markup.local(current.tag) == "figure":
            return current
        current = parents.get(current)
    return None
