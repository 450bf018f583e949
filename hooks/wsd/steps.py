"""Step numbers and step anchors of a diagram (local stand-in for the shared API).

A step is one message statement, numbered from 1 in source order over every
message, nested ones included; ``step_id`` names its anchor on the page.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import model


@dataclass(frozen=True)
class Step:
    number: int
    message: model.Message


def steps(diagram: model.Diagram) -> list[Step]:
    rows = [row for row in diagram.rows if isinstance(row, model.Message)]
    return [Step(number, message) for number, message in enumerate(rows, start=1)]


def step_id(slug: str, number: int) -> str:
    return f"step-{slug}-{number}"
