"""Balanced word wrap of labels and notes to the room their columns have.

Without wrapping, the longest label or note crossing a gap sets that gap's
width, and diagrams with many participants grow wider than a laptop screen.
``candidates`` offers the layout the diagram as written, then wrapped with
each minimum width of ``spacing.WRAP_MIN_STEPS``, widest first; the layout
keeps the first that fits ``spacing.WRAP_BUDGET_W`` (the widest diagram a
1440 px screen shows whole with text scaled to 10 px). Each wrapped
candidate is made between the model and the columns, in two passes:

1. Columns are placed from the participant boxes and bars alone. Each text is
   wrapped to the room its row has between those columns, but never narrower
   than a minimum width (so a note does not become one word a line); where
   nothing bounds it (a note right of the last lifeline), to that minimum.
2. Columns are placed from the wrapped texts. Every gap is now at least as
   wide as in pass 1, so each text is wrapped again, from its source lines,
   to the room of these columns: fewer lines, and no wider than that room
   unless it is under the minimum. The final columns are placed from the
   texts of this pass, so every gap still fits what crosses it.

Explicit ``\\n`` breaks always stay; wrapping only splits a source line
further. Lines break at spaces; a single word wider than the room breaks
after punctuation common in code (``/ . , _ ( : = & ?``) when it can, and
is otherwise left whole (its columns then widen to fit it, as before). A
source line that is wrapped loses runs of spaces (they become the breaks).
If no minimum makes the diagram fit, a last candidate also breaks
participant names of several words, at spaces only.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from . import model as m
from . import spacing as S
from .columns import Columns, place_columns, text_room
from .measure import text_width

# A word splits after these characters when it does not fit on a line alone.
_PIECES = re.compile(r"[^/.,_(:=&?]*[/.,_(:=&?]+|[^/.,_(:=&?]+")


def wrap_line(line: str, width: float, size: float, split_words: bool = True) -> list[str]:
    """``line`` split into lines no wider than ``width`` where its words allow.

    Balanced: of the widths that give as few lines as ``width`` does, the
    narrowest, so a wrapped label does not end with one short word alone.
    Balancing never splits a word that fits ``width`` whole; with
    ``split_words`` false, no word is split at all.
    """
    if text_width(line, size) <= width:
        return [line]
    best = _greedy(line, width, size, split_words)
    whole = [w for w in (text_width(word, size) for word in line.split(" ")) if w <= width]
    lo, hi = max(whole, default=0.0), width
    # Bisect down to a px: the line count only grows as the width shrinks.
    while hi - lo > 1.0:
        mid = (lo + hi) / 2
        trial = _greedy(line, mid, size, split_words)
        if len(trial) <= len(best):
            best, hi = trial, mid
        else:
            lo = mid
    return best


def _greedy(line: str, width: float, size: float, split_words: bool) -> list[str]:
    out: list[str] = []
    current = ""
    for word in line.split(" "):
        if not word:
            continue
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size) <= width:
            current = candidate
            continue
        if current:
            out.append(current)
            current = ""
        if not split_words or text_width(word, size) <= width:
            current = word
            continue
        for piece in _PIECES.findall(word):
            candidate = current + piece
            if current and text_width(candidate, size) > width:
                out.append(current)
                current = piece
            else:
                current = candidate
    if current or not out:
        out.append(current)
    return out


def wrap_text(lines: tuple[str, ...], width: float, size: float,
              split_words: bool = True) -> tuple[str, ...]:
    """Every line of ``lines`` wrapped to ``width``; explicit breaks are kept."""
    wrapped: list[str] = []
    for line in lines:
        wrapped.extend(wrap_line(line, width, size, split_words))
    return tuple(wrapped)


def _wrapped(d: m.Diagram, cols: Columns, min_w: float) -> m.Diagram:
    n = len(d.participants)
    rows: list[m.Row] = []
    for row in d.rows:
        if isinstance(row, m.GroupEdge) or not any(row.text):
            rows.append(row)
            continue
        room = text_room(cols, n, row)
        width = min_w if room is None else max(room, min_w)
        rows.append(dataclasses.replace(row, text=wrap_text(row.text, width, S.FONT)))
    return dataclasses.replace(d, rows=rows)


def _blank(d: m.Diagram) -> m.Diagram:
    rows: list[m.Row] = [row if isinstance(row, m.GroupEdge)
                         else dataclasses.replace(row, text=()) for row in d.rows]
    return dataclasses.replace(d, rows=rows)


def span_width(cols: Columns) -> float:
    """A lower bound of the diagram's width: its columns and outer heads.

    Texts past the outer lifelines and a title can only add to it.
    """
    if not cols.x:
        return 0.0
    return cols.x[-1] - cols.x[0] + (cols.part_w[0] + cols.part_w[-1]) / 2 + 2 * S.MARGIN


def candidates(d: m.Diagram) -> Iterator[tuple[m.Diagram, Columns]]:
    """``d`` as written, then wrapped with each minimum of ``spacing.WRAP_MIN_STEPS``.

    The caller lays each one out and stops at the first that fits
    ``spacing.WRAP_BUDGET_W``. A candidate whose columns alone are wider than
    the budget cannot fit and is skipped (the layout is never narrower than
    its columns). The last candidate, always offered, also breaks
    participant names of several words.
    """
    cols = place_columns(d)
    if span_width(cols) <= S.WRAP_BUDGET_W:
        yield d, cols
    blank = place_columns(_blank(d))
    for min_w in S.WRAP_MIN_STEPS:
        wrapped, cols = _candidate(d, blank, min_w)
        if span_width(cols) <= S.WRAP_BUDGET_W:
            yield wrapped, cols
    # Still too wide: the participant names set the gaps. Break multi-word
    # names too (at spaces only: a name is one identifier per word).
    d = _names_wrapped(d)
    yield _candidate(d, place_columns(_blank(d)), S.WRAP_MIN_STEPS[-1])


def _candidate(d: m.Diagram, blank: Columns, min_w: float) -> tuple[m.Diagram, Columns]:
    wrapped = _wrapped(d, place_columns(_wrapped(d, blank, min_w)), min_w)
    return wrapped, place_columns(wrapped)


def _names_wrapped(d: m.Diagram) -> m.Diagram:
    parts = [dataclasses.replace(p, label=wrap_text(p.label, S.PART_WRAP_W, S.PART_FONT,
                                                    split_words=False))
             for p in d.participants]
    return dataclasses.replace(d, participants=parts)
