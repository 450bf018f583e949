"""How deep the activation bars reach where each message meets a lifeline.

A message's arrow stops at the edge of the topmost bar covering its end. One
sweep per participant, over its bars in start order and its messages in row
order, answers every such question in O((bars + messages) log bars); asking
each message about every bar instead was quadratic (4,000 nested bars: 8 s).
"""
from __future__ import annotations

import heapq
from array import array
from dataclasses import dataclass

from . import model as m

_OPEN_END = 1 << 62   # key of a bar never closed: after every row


def _key(anchor: m.Anchor) -> int:
    # The top of a row comes before its arrow, and both before the next row.
    row, where = anchor
    return 2 * row + (1 if where == "line" else 0)


@dataclass(frozen=True, slots=True)
class BarDepths:
    """Per message row: depth (0: no bar) at its source and target ends.

    ``source_before`` leaves out bars that start on this very arrow (what the
    outgoing leg of a self message meets); the others count them.
    """
    source_before: array[int]
    source_after: array[int]
    target_after: array[int]

    def at_source(self, row: int, include_starting: bool = True) -> int:
        return (self.source_after if include_starting else self.source_before)[row]

    def at_target(self, row: int) -> int:
        return self.target_after[row]


def bar_depths(d: m.Diagram) -> BarDepths:
    n_rows = len(d.rows)
    source_before, source_after, target_after = (array("i", [0]) * n_rows for _ in range(3))
    spans_of: list[list[m.Span]] = [[] for _ in d.participants]
    for span in d.spans:
        spans_of[span.participant].append(span)
    rows_of: list[list[int]] = [[] for _ in d.participants]
    for index, row in enumerate(d.rows):
        if isinstance(row, m.Message):
            rows_of[row.source].append(index)
            if row.target != row.source:
                rows_of[row.target].append(index)
    for participant, rows in enumerate(rows_of):
        spans = sorted(spans_of[participant], key=lambda s: _key(s.start))
        # Deepest bar starting at each key: it counts on its own arrow only
        # when the caller asks for bars that start there.
        starting: dict[int, int] = {}
        for span in spans:
            k = _key(span.start)
            starting[k] = max(starting.get(k, 0), span.depth + 1)
        heap: list[tuple[int, int]] = []   # (-(depth + 1), end key): deepest on top
        next_span = 0
        for index in rows:
            here = 2 * index + 1
            while next_span < len(spans) and _key(spans[next_span].start) < here:
                span = spans[next_span]
                end = _OPEN_END if span.end is None else _key(span.end)
                heapq.heappush(heap, (-(span.depth + 1), end))
                next_span += 1
            # Rows come in order, so a bar that ended before this one stays
            # ended: dropping it lazily, when it reaches the top, is enough.
            while heap and heap[0][1] < here:
                heapq.heappop(heap)
            covering = -heap[0][0] if heap else 0
            with_starting = max(covering, starting.get(here, 0))
            row = d.rows[index]
            assert isinstance(row, m.Message)
            if row.source == participant:
                source_before[index], source_after[index] = covering, with_starting
            if row.target == participant:
                target_after[index] = with_starting
    return BarDepths(source_before, source_after, target_after)
