"""The one-sweep bar depths agree with the definition they replaced.

Issue 14 item 13: asking every message about every bar was quadratic. The
sweep in ``wsd.bars`` must give the same answer as that definition, kept
here as the reference: the deepest bar of the participant whose span covers
the arrow (start before it, end on or after it), counting a bar that starts
on this very arrow only when asked to.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from wsd import bars, model
from wsd_helpers import diagram


def reference(d: model.Diagram, participant: int, row: int, include_starting: bool) -> int:
    def key(anchor):
        return (anchor[0], 1 if anchor[1] == "line" else 0)

    here = (row, 1)
    top = 0
    for span in d.spans:
        if span.participant != participant:
            continue
        start = key(span.start)
        end = key(span.end) if span.end is not None else (1 << 30, 0)
        if start < here <= end or (start == here and include_starting):
            top = max(top, span.depth + 1)
    return top


NAMES = st.sampled_from(["A", "B", "C"])


@st.composite
def bar_heavy(draw):
    lines = []
    for _ in range(draw(st.integers(1, 40))):
        a, b = draw(NAMES), draw(NAMES)
        kind = draw(st.integers(0, 5))
        if kind <= 2:
            lines.append(f"{a}->{draw(st.sampled_from(['', '+', '-']))}{b}: m")
        elif kind == 3:
            lines.append(f"activate {a}")
        elif kind == 4:
            lines.append(f"deactivate {a}")
        else:
            lines.append(f"note over {a}: n")
    return "\n".join(lines)


@settings(max_examples=300, deadline=None)
@given(bar_heavy())
def test_sweep_matches_the_definition(text):
    d, _ = diagram(text)
    depths = bars.bar_depths(d)
    for index, row in enumerate(d.rows):
        if not isinstance(row, model.Message):
            continue
        assert depths.at_source(index) == reference(d, row.source, index, True)
        assert depths.at_source(index, include_starting=False) == reference(
            d, row.source, index, False)
        assert depths.at_target(index) == reference(d, row.target, index, True)


def test_deep_nesting_is_answered_for_every_message():
    n = 2000
    text = "".join(f"A->B: in {i}\nactivate B\n" for i in range(n))
    text += "".join(f"B-->A: out {i}\ndeactivate B\n" for i in range(n))
    d, _ = diagram(text)
    depths = bars.bar_depths(d)
    # Message i opens the i-th bar on its own arrow, so it meets i + 1 bars.
    assert [depths.at_target(i) for i in range(n)] == list(range(1, n + 1))
    # Each reply leaves from under all bars still open.
    assert [depths.at_source(n + i) for i in range(n)] == list(range(n, 0, -1))
