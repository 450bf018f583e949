"""Step numbers and step anchors: the public names of a diagram's messages.

A step is one message statement (``A->B: text``), numbered from 1 in source
order. Notes, group edges (``alt``/``else``/``end``), activations and
references are not steps; messages inside groups are, in the order they are
written. The number depends only on the text, so an anchor built from it
(``step_id``) stays the same across rebuilds as long as no message is
inserted before it.

The renderer numbers its drawn arrows the same way (``draw`` wraps each in
``<g class="wsd-step" data-step="N">``), and the site links to
``#step-<slug>-<N>``, where the slug is the diagram file's stem.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import model
from .diagnostics import Reporter
from .source import decode, strip_bom

# A slug is used inside an HTML id and a URL fragment: keep it to the
# characters our file names use, so the id never needs escaping.
_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


@dataclass(frozen=True, eq=False)
class Step:
    number: int               # 1-based, source order over every message statement
    message: model.Message    # the model's message (source/target indexes, text, ref, line)
    row: int                  # index of the message in ``Diagram.rows``
    sender: str               # display name of the participant that sends it
    receiver: str             # display name of the participant that receives it


def steps(diagram: model.Diagram) -> list[Step]:
    """Every message of ``diagram`` as a numbered step, in source order."""
    names = [part.name for part in diagram.participants]
    out: list[Step] = []
    for row, item in enumerate(diagram.rows):
        if isinstance(item, model.Message):
            out.append(Step(len(out) + 1, item, row, names[item.source], names[item.target]))
    return out


def step_id(slug: str, number: int) -> str:
    """The HTML id of step ``number`` of the diagram whose file stem is ``slug``."""
    if not _SLUG.fullmatch(slug):
        raise ValueError(f"step slug {slug!r} must be letters, digits, '_', '.' or '-', "
                         "starting with a letter or digit")
    if number < 1:
        raise ValueError(f"step numbers start at 1, not {number}")
    return f"step-{slug}-{number}"


def load(source: str | bytes, *, filename: str = "<stdin>") -> model.Diagram:
    """Parse ``source`` (text or UTF-8 bytes) to the model, without laying it out.

    Raises ``WsdError`` (every diagnostic, with file, line and column) when the
    text has an error; warnings are ignored here, ``wsd.check`` reports them.
    """
    from . import parse

    text = decode(source, filename) if isinstance(source, bytes) else strip_bom(source)
    report = Reporter(filename)
    diagram = model.build(parse.parse(text, report), report)
    report.raise_if_failed()
    return diagram
