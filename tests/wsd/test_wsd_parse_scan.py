"""The string scans of the parser agree with their character-by-character definitions."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from wsd import parse


def split_reference(text: str, sep: str) -> int:
    quoted = False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch == sep and not quoted:
            return i
    return -1


def arrow_reference(head: str) -> tuple[int, str] | None:
    quoted = False
    for i, ch in enumerate(head):
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "<-":
            for arrow in parse.ARROWS:
                if head.startswith(arrow, i):
                    return i, arrow
    return None


SCAN_TEXT = st.text(alphabet=st.sampled_from('ab "<->:,'), max_size=40)


@settings(max_examples=500, deadline=None)
@given(SCAN_TEXT)
def test_scans_match_their_definitions(text):
    assert parse._split_outside_quotes(text, ":") == split_reference(text, ":")
    assert parse._split_outside_quotes(text, ",") == split_reference(text, ",")
    assert parse._find_arrow(text) == arrow_reference(text)
