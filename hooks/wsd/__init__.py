"""WSD (websequencediagrams) text -> SVG, offline and deterministic.

    import wsd
    out = wsd.render(text, filename="diagrams/nova/liberty/pause.wsd")
    out.svg, out.width, out.height, out.warnings, out.refs

Stages, one module each: ``parse`` (text -> statements), ``model``
(statements -> participants, rows, bars, groups), ``layout`` (model ->
geometry, measured with the shipped font) and ``draw`` (geometry -> SVG).
``steps`` numbers the messages and names their anchors (``step_id``).
This package never imports MkDocs; ``python -m wsd`` is its command line.
"""
from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import model
from .diagnostics import Diagnostic, Reporter, WsdError
from .geometry import Geometry
from .parse import SourceRef
from .source import decode, strip_bom
from .steps import Step, load, step_id, steps

# The caller's reference check: the URL a step links to (or None for no
# link), given the reference and the diagram's `# @key value` directives;
# raises LookupError with a message for a reference that does not exist.
Resolve = Callable[[SourceRef, dict[str, str]], str | None]

__all__ = [
    "FONT_FAMILY",
    "FONT_NAME",
    "Diagnostic",
    "Rendered",
    "Resolve",
    "SourceRef",
    "Step",
    "WsdError",
    "check",
    "font_files",
    "load",
    "render",
    "step_id",
    "steps",
]

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


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    # A large diagram allocates millions of small objects with no cycles;
    # reference counting frees them, and the cyclic collector would only
    # re-scan them all again and again (a sixth of the time at 100,000
    # statements). It is switched back on as it was found.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _text(source: str | bytes, filename: str) -> str:
    if isinstance(source, bytes):
        return decode(source, filename)
    return strip_bom(source)


def _analyse(text: str, filename: str,
             resolve: Resolve | None) -> tuple[model.Diagram, Geometry | None, Reporter]:
    from . import layout, parse

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


def check(source: str | bytes, *, filename: str = "<stdin>",
          resolve: Resolve | None = None) -> list[Diagnostic]:
    """Every diagnostic for ``source`` (parse, model, references, layout); never raises WsdError.

    ``source`` is text or the file's bytes (UTF-8; a byte order mark is dropped).
    """
    try:
        text = _text(source, filename)
    except WsdError as err:
        return err.diagnostics
    with _no_cyclic_gc():
        return _analyse(text, filename, resolve)[2].sorted()


def render(source: str | bytes, *, filename: str = "<stdin>", id_prefix: str | None = None,
           resolve: Resolve | None = None) -> Rendered:
    """Render ``source`` (text, or UTF-8 bytes) to SVG; raises WsdError when there is any error."""
    text = _text(source, filename)
    with _no_cyclic_gc():
        return _render(text, filename, id_prefix, resolve)


def _render(text: str, filename: str, id_prefix: str | None,
            resolve: Resolve | None) -> Rendered:
    from . import draw

    diagram, geometry, report = _analyse(text, filename, resolve)
    report.raise_if_failed()
    assert geometry is not None   # laid out whenever there is no error
    if id_prefix is None:
        id_prefix = "wsd-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    svg = draw.draw(geometry, id_prefix, FONT_FAMILY)
    title = " ".join(line for line in diagram.title if line) if diagram.title else None
    title = title or None
    return Rendered(svg, title, geometry.width, geometry.height,
                    [d for d in report.sorted() if d.severity == "warning"],
                    dict(diagram.directives), list(diagram.refs))
