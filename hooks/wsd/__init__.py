"""WSD (websequencediagrams) text -> SVG, offline and deterministic.

    import wsd
    out = wsd.render(text, filename="diagrams/nova/liberty/pause.wsd")
    out.svg, out.width, out.height, out.warnings, out.refs

Stages, one module each: ``parse`` (text -> statements), ``model``
(statements -> participants, rows, bars, groups), ``layout`` (model ->
geometry, measured with the shipped font) and ``draw`` (geometry -> SVG).
This package never imports MkDocs; ``python -m wsd`` is its command line.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, Reporter, WsdError
from .parse import SourceRef

__all__ = ["render", "check", "Rendered", "Diagnostic", "SourceRef", "WsdError",
           "FONT_NAME", "FONT_FAMILY", "font_files"]

FONT_DIR = Path(__file__).resolve().parent / "fonts"
# The family the text is measured in: whoever serves font_files() declares it
# under this name. CJK falls back to common CJK fonts, which the layout counts
# at 1 em per character.
FONT_NAME = "Noto Sans"
FONT_FAMILY = (f"'{FONT_NAME}', 'Noto Sans CJK SC', 'Source Han Sans SC', "
               "'PingFang SC', 'Microsoft YaHei', sans-serif")


def font_files() -> list[Path]:
    """Font files the site must serve: WOFF2 for browsers, TTF for WeasyPrint."""
    return [FONT_DIR / "NotoSans-WSD.woff2", FONT_DIR / "NotoSans-WSD.ttf"]


@dataclass
class Rendered:
    svg: str
    title: str | None
    width: float
    height: float
    warnings: list[Diagnostic] = field(default_factory=list)
    directives: dict[str, str] = field(default_factory=dict)
    refs: list[SourceRef] = field(default_factory=list)


def _analyse(text: str, filename: str, resolve=None):
    from . import layout, model, parse

    report = Reporter(filename)
    diagram = model.build(parse.parse(text, report), report)
    links: dict[SourceRef, str] = {}
    if resolve is not None:
        for ref in diagram.refs:
            try:
                url = resolve(ref, dict(diagram.directives))
            except LookupError as exc:
                message = exc.args[0] if exc.args else f"unknown reference {ref.path} {ref.name}"
                report.error(ref.line, ref.col, str(message))
                continue
            if url:
                links[ref] = url
    geometry = None if report.failed else layout.layout(diagram, links)
    return diagram, geometry, report


def check(text: str, *, filename: str = "<stdin>", resolve=None) -> list[Diagnostic]:
    """Every diagnostic for ``text`` (parse, model, references, layout); never raises WsdError."""
    return _analyse(text, filename, resolve)[2].sorted()


def render(text: str, *, filename: str = "<stdin>", id_prefix: str | None = None,
           resolve=None) -> Rendered:
    """Render ``text`` to SVG; raises WsdError when there is any error."""
    from . import draw

    diagram, geometry, report = _analyse(text, filename, resolve)
    report.raise_if_failed()
    if id_prefix is None:
        id_prefix = "wsd-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    svg = draw.draw(geometry, id_prefix, FONT_FAMILY)
    title = " ".join(line for line in diagram.title if line) if diagram.title else None
    title = title or None
    return Rendered(svg, title, geometry.width, geometry.height,
                    [d for d in report.sorted() if d.severity == "warning"],
                    dict(diagram.directives), list(diagram.refs))
