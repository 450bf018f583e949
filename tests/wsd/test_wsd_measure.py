"""The measured-text cache stays bounded in a long-lived process."""
from __future__ import annotations

from wsd import measure


def test_cache_is_bounded_and_keeps_recent_texts():
    first = measure.text_width("kept text", 13)
    for i in range(3 * measure.CACHE_GENERATION):
        measure.text_width(f"distinct text {i}", 13)
        if i % 1000 == 0:
            # Used again now and then, as a diagram's repeated labels are.
            assert measure.text_width("kept text", 13) == first
    assert measure.cache_size() <= 2 * measure.CACHE_GENERATION
    assert measure.text_width("kept text", 13) == first


def test_block_width_is_the_widest_line():
    lines = ("a", "a much longer line", "mid line")
    assert measure.block_width(lines, 13) == max(measure.text_width(t, 13) for t in lines)
    assert measure.block_width((), 13) == 0.0
