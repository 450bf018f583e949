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

Cost: a step is wrapped only if it can fit. Before wrapping, columns are
placed from a floor of each text's wrapped width (``_floors``: no narrower
than the source line if it fits the minimum, else than its widest word that
stays whole); if those columns are already too wide, so are the step's.
The floors grow with the minimum, so when the smallest minimum's are too wide
no step is wrapped at all and only the last candidate is made. Wrapped
texts are memoised by (source lines, width) and measured once; rows kept as
written keep the widths measured when the diagram's columns were placed.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence

from . import model as m
from . import spacing as S
from .columns import Columns, place_columns, text_room
from .measure import block_width, text_width

# A word splits after these characters when it does not fit on a line alone.
_PIECES = re.compile(r"[^/.,_(:=&?]*[/.,_(:=&?]+|[^/.,_(:=&?]+")


def wrap_line(line: str, width: float, size: float, split_words: bool = True) -> list[str]:
    """``line`` split into lines no wider than ``width`` where its words allow.

    Balanced: of the widths that give as few lines as ``width`` does, the
    narrowest, so a wrapped label does not end with one short word alone.
    Balancing never splits a word that fits ``width`` whole; with
    ``split_words`` false, no word is split at all.
    """
    return _wrap_line(line, text_width(line, size), width, size, split_words)


def _wrap_line(line: str, line_w: float, width: float, size: float,
               split_words: bool) -> list[str]:
    """``wrap_line`` for a ``line`` already measured: ``line_w`` wide."""
    if line_w <= width:
        return [line]
    words = [word for word in line.split(" ") if word]
    # The font has no kerning, so a line is as wide as its words and spaces.
    widths = [text_width(word, size) for word in words]
    space = text_width(" ", size)
    best, best_w = _greedy(words, widths, space, width, size, split_words)
    lo, hi = max((w for w in widths if w <= width), default=0.0), width
    # When every word fits whole, k lines of at most x hold every word and
    # all but k - 1 of the spaces between them: a narrower x needs more lines.
    whole = max(widths, default=0.0) <= width
    words_w = sum(widths) + (len(words) - 1) * space
    # Bisect down to a px: the line count only grows as the width shrinks.
    while hi - lo > 1.0:
        mid = (lo + hi) / 2
        if mid - _EPS >= best_w:
            # Every line of best fits mid too, and what did not fit hi does
            # not fit mid: greedy makes the same lines, no need to run it.
            hi = mid
            continue
        if whole and len(best) * mid < words_w - (len(best) - 1) * space - _EPS:
            lo = mid
            continue
        trial, trial_w = _greedy(words, widths, space, mid, size, split_words)
        if len(trial) <= len(best):
            best, best_w, hi = trial, trial_w, mid
        else:
            lo = mid
    return [" ".join(kept) for kept in best]


# Sums of widths may differ from the width of the joined text in the last bit.
_EPS = 1e-6


def _greedy(words: list[str], widths: list[float], space: float, width: float, size: float,
            split_words: bool) -> tuple[list[list[str]], float]:
    """Lines (lists of words, to join with spaces) filled greedily to ``width``,
    and the widest width any test accepted.

    That width bounds every sum compared with ``width`` that passed; the
    bisection in ``wrap_line`` relies on it. Only the lines it keeps are joined.
    """
    limit = width - _EPS
    out: list[list[str]] = []
    current: list[str] = []
    current_w = 0.0
    widest = 0.0
    for word, w in zip(words, widths):
        if current:
            if current_w + space + w <= limit:
                current.append(word)
                current_w += space + w
                continue
            out.append(current)
            # A line's sum only grows as words join it.
            if current_w > widest:
                widest = current_w
            current, current_w = [], 0.0
        if w <= limit or not split_words:
            current, current_w = [word], w
            continue
        # A word wider than the line: break it after code punctuation.
        text = ""
        for piece in _PIECES.findall(word):
            if text and text_width(text + piece, size) > limit:
                out.append([text])
                widest = max(widest, text_width(text, size))
                text = piece
            else:
                text += piece
        current, current_w = [text], text_width(text, size)
    if current or not out:
        out.append(current)
    return out, max(widest, current_w)


def wrap_text(lines: tuple[str, ...], width: float, size: float,
              split_words: bool = True) -> tuple[str, ...]:
    """Every line of ``lines`` wrapped to ``width``; explicit breaks are kept."""
    return _wrap_text(lines, None, width, size, split_words)


def _wrap_text(lines: tuple[str, ...], block_w: float | None, width: float, size: float,
               split_words: bool = True) -> tuple[str, ...]:
    """``wrap_text``; ``block_w``: the width of ``lines`` if known."""
    wrapped: list[str] = []
    for line in lines:
        # A single line is as wide as the block.
        line_w = block_w if block_w is not None and len(lines) == 1 else text_width(line, size)
        wrapped.extend(_wrap_line(line, line_w, width, size, split_words))
    return tuple(wrapped)


# (source lines, width) -> (wrapped lines, their width): a text is often
# wrapped to the same room again, in the other pass or another candidate.
_Memo = dict[tuple[tuple[str, ...], float], tuple[tuple[str, ...], float]]


def _wrapped_widths(d: m.Diagram, cols: Columns, min_w: float, text_w: Sequence[float],
                    memo: _Memo, rows: list[m.Row] | None = None) -> list[float]:
    """Each row's text width once ``d``'s texts are wrapped to their room in ``cols``.

    ``text_w``: the widths of ``d``'s texts as written; a row kept as written
    keeps its width, so only wrapped texts are measured. ``rows``, if given,
    receives the rows with their wrapped texts.
    """
    n = len(d.participants)
    widths = list(text_w)
    for index, row in enumerate(d.rows):
        if isinstance(row, m.GroupEdge) or text_w[index] <= min_w:
            if rows is not None:
                rows.append(row)
            continue
        room = text_room(cols, n, row)
        width = min_w if room is None else max(room, min_w)
        if text_w[index] <= width:
            if rows is not None:
                rows.append(row)
            continue
        key = (row.text, width)
        done = memo.get(key)
        if done is None:
            text = _wrap_text(row.text, text_w[index], width, S.FONT)
            done = memo[key] = (text, block_width(text, S.FONT))
        if rows is not None:
            rows.append(dataclasses.replace(row, text=done[0]))
        widths[index] = done[1]
    return widths


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
    its columns), and so is one that wraps nothing more than the last offered.
    The last candidate also breaks participant names of several words; it is
    offered unless the same as the last one, so at least one always is.
    """
    cols = place_columns(d)
    last: m.Diagram | None = None
    if span_width(cols) <= S.WRAP_BUDGET_W:
        last = d
        yield d, cols
    if not _wrappable(d, cols):
        # Every text is under the smallest minimum, so no step changes it.
        if last is None:
            yield d, cols
        return
    text_w = cols.text_w
    none = [0.0] * len(d.rows)
    # Columns with no text at all: the same as those of d with every text blank.
    blank = place_columns(d, none)
    # With no text at all the columns are already too wide: no step can fit.
    steps: tuple[float, ...] = S.WRAP_MIN_STEPS if span_width(blank) <= S.WRAP_BUDGET_W else ()
    memo: _Memo = {}
    # The floors grow with the minimum: if even the smallest one's columns are
    # too wide, every step's are, and no step need be wrapped at all.
    if steps and _too_wide(d, _floors(d, text_w, steps[-1])):
        steps = ()
    for min_w in steps:
        if min_w != steps[-1] and _too_wide(d, _floors(d, text_w, min_w)):
            continue
        wrapped, cols = _candidate(d, blank, min_w, text_w, memo)
        # A candidate the same as the last one offered would lay out the same.
        if span_width(cols) <= S.WRAP_BUDGET_W and not _same(wrapped, last):
            last = wrapped
            yield wrapped, cols
    # Still too wide: the participant names set the gaps. Break multi-word
    # names too (at spaces only: a name is one identifier per word).
    named = _names_wrapped(d)
    # Names of one word each are kept: the blank columns are the same.
    named_blank = blank if named.participants == d.participants else place_columns(named, none)
    wrapped, cols = _candidate(named, named_blank, S.WRAP_MIN_STEPS[-1], text_w, memo)
    if not _same(wrapped, last):
        yield wrapped, cols


# Floors are sums of advance widths compared with sums in another order.
_SLACK = 1e-3


def _too_wide(d: m.Diagram, floors: Sequence[float]) -> bool:
    """Whether columns placed from texts at least ``floors`` wide exceed the budget."""
    return span_width(place_columns(d, floors)) > S.WRAP_BUDGET_W + _SLACK


class _WordFloors(dict[str, float]):
    """word -> how narrow it can be on a line wrapped with minimum ``min_w``.

    A word narrower than the minimum stays whole; a wider one may be split,
    but its widest piece stays on one line.
    """

    def __init__(self, min_w: float):
        super().__init__()
        self.min_w = min_w

    def __missing__(self, word: str) -> float:
        w = text_width(word, S.FONT)
        if w > self.min_w - _WHOLE:
            w = max((text_width(p, S.FONT) for p in _PIECES.findall(word)), default=0.0)
        self[word] = w
        return w


def _floors(d: m.Diagram, text_w: Sequence[float], min_w: float) -> list[float]:
    """How narrow each row's text can become when wrapped with minimum ``min_w``.

    A text no wider than the minimum is kept as written. A wider one is
    wrapped to at least the minimum, so a source line no wider than that
    stays whole, and so does every word narrower than it. Each bound only
    grows with the minimum.
    """
    words = _WordFloors(min_w)
    out = list(text_w)
    for index, row in enumerate(d.rows):
        if out[index] <= min_w:
            continue
        assert not isinstance(row, m.GroupEdge)   # their width is 0
        lines = row.text
        floor = 0.0
        for line in lines:
            line_w = text_w[index] if len(lines) == 1 else text_width(line, S.FONT)
            if line_w > min_w:
                line_w = max(map(words.__getitem__, line.split(" ")))
            floor = max(floor, line_w)
        out[index] = floor
    return out


# A word this close to the line width may be split (see _greedy's _EPS).
_WHOLE = 1e-5


def _wrappable(d: m.Diagram, cols: Columns) -> bool:
    if max(cols.text_w, default=0.0) > S.WRAP_MIN_STEPS[-1]:
        return True
    return any(" " in line and text_width(line, S.PART_FONT) > S.PART_WRAP_W
               for p in d.participants for line in p.label)


def _same(a: m.Diagram, b: m.Diagram | None) -> bool:
    return (b is not None and a.rows == b.rows
            and [p.label for p in a.participants] == [p.label for p in b.participants])


def _candidate(d: m.Diagram, blank: Columns, min_w: float, text_w: Sequence[float],
               memo: _Memo) -> tuple[m.Diagram, Columns]:
    # Columns placed from known widths do not read the texts, so the first
    # pass needs only the widths of its wrapped texts.
    first = place_columns(d, _wrapped_widths(d, blank, min_w, text_w, memo))
    rows: list[m.Row] = []
    widths = _wrapped_widths(d, first, min_w, text_w, memo, rows)
    wrapped = dataclasses.replace(d, rows=rows)
    return wrapped, place_columns(wrapped, widths)


def _names_wrapped(d: m.Diagram) -> m.Diagram:
    parts = [dataclasses.replace(p, label=wrap_text(p.label, S.PART_WRAP_W, S.PART_FONT,
                                                    split_words=False))
             for p in d.participants]
    return dataclasses.replace(d, participants=parts)
