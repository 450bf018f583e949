"""Vertical extents of the elements of a rendered diagram (our renderer's SVG).

The renderer writes absolute coordinates and no transforms, so an element's
extent can be read from its own attributes.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .markup import local

_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PATH_TOKEN = re.compile(r"[MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
# How many numbers each path command takes, and which of them are y values.
_PATH_ARGS = {"M": (2, (1,)), "L": (2, (1,)), "T": (2, (1,)), "H": (1, ()), "V": (1, (0,)),
              "C": (6, (1, 3, 5)), "S": (4, (1, 3)), "Q": (4, (1, 3)), "A": (7, (6,)), "Z": (0, ())}


def _f(el: ET.Element, name: str, default: float = 0.0) -> float:
    try:
        return float(el.get(name, default))
    except ValueError:
        return default


def _path_ys(d: str) -> list[float]:
    ys: list[float] = []
    tokens = _PATH_TOKEN.findall(d)
    i, cmd, y = 0, "M", 0.0
    while i < len(tokens):
        if tokens[i].isalpha():
            cmd = tokens[i]
            i += 1
            if cmd in "Zz":
                continue
        count, y_index = _PATH_ARGS[cmd.upper()]
        args = [float(t) for t in tokens[i:i + count]]
        if len(args) < count:
            break
        i += count
        for k in y_index:
            y = args[k] + (y if cmd.islower() else 0.0)
            ys.append(y)
        if cmd.upper() == "H" and not ys:
            ys.append(y)
    return ys


def extent(el: ET.Element) -> tuple[float, float] | None:
    """(top, bottom) of ``el`` in user units, or None when it has no geometry."""
    tag = local(el.tag)
    if tag == "rect":
        y = _f(el, "y")
        return y, y + _f(el, "height")
    if tag == "line":
        a, b = _f(el, "y1"), _f(el, "y2")
        return min(a, b), max(a, b)
    if tag in ("polygon", "polyline"):
        numbers = [float(n) for n in _NUMBER.findall(el.get("points", ""))]
        ys = numbers[1::2]
        return (min(ys), max(ys)) if ys else None
    if tag == "path":
        ys = _path_ys(el.get("d", ""))
        return (min(ys), max(ys)) if ys else None
    if tag in ("circle", "ellipse"):
        r = _f(el, "r") or _f(el, "ry")
        cy = _f(el, "cy")
        return cy - r, cy + r
    if tag == "text":
        size = _f(el, "font-size", 13.0)
        ys = [_f(t, "y") for t in el if local(t.tag) == "tspan" and t.get("y")] or [_f(el, "y")]
        return min(ys) - size, max(ys) + 0.3 * size
    if tag in ("g", "a"):
        spans = [e for e in (extent(c) for c in el) if e]
        if not spans:
            return None
        return min(s[0] for s in spans), max(s[1] for s in spans)
    return None
