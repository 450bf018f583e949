"""The layout invariant checker catches broken layouts.

About sixty assertions rely on ``wsd_invariants.problems(g) == []``; a
checker that found nothing would keep them all green. Each test here starts
from a correct layout, breaks one thing by hand, and expects the checker to
name it.
"""
from __future__ import annotations

import pytest
from wsd_helpers import geometry
from wsd_invariants import problems

SOURCE = ("title Broken on purpose\nparticipant A\nparticipant B\nparticipant C\n"
          "A->+B: call\nnote over B: first note\nnote over C: second note\n"
          "alt when\nB->C: inner\nelse otherwise\nC->A: other\nend\n"
          "opt later\nA->A: self\nend\nB-->-A: done\n")


@pytest.fixture
def g():
    out = geometry(SOURCE)
    assert problems(out) == []
    return out


def found(g, *words):
    text = "\n".join(problems(g))
    assert all(w in text for w in words), text


def test_overlapping_notes(g):
    first, second = g.notes
    second.box.x, second.box.y = first.box.x + 3, first.box.y + 3
    found(g, "note at line 6 overlaps note at line 7")


def test_note_over_a_message_label(g):
    label = g.arrows[0].label
    note = g.notes[0]
    note.box.y = label.y
    found(g, "overlaps", "label of message at line 5")


def test_note_text_outside_its_box(g):
    g.notes[0].text.x += g.notes[0].box.w
    found(g, "text of note at line 6 leaves its box")


def test_participant_label_outside_its_head(g):
    g.lifelines[1].head_label.y -= 40
    found(g, "label of B leaves its box")


def test_frame_label_outside_its_frame(g):
    frame = g.frames[0]
    frame.label.x = frame.box.x + frame.box.w + 5
    found(g, "leaves its 'alt' frame")


def test_keyword_outside_its_tab(g):
    g.frames[0].keyword.x += 200
    found(g, "'alt' keyword leaves its tab")


def test_frames_that_cross(g):
    outer, other = g.frames
    other.box.y = outer.box.y + 5
    other.box.x = outer.box.x + outer.box.w / 2
    found(g, "cross without nesting")


def test_something_off_the_canvas(g):
    g.width = g.notes[1].box.x
    found(g, "leaves the canvas")


def test_message_ending_beside_its_lifeline(g):
    arrow = g.arrows[1]
    (x, y), end = arrow.points
    arrow.points = [(x, y), (end[0] + 7, end[1])]
    found(g, "message at line 9 ends at x=", "not on C's lifeline or bars")


def test_message_below_a_lifeline(g):
    arrow = g.arrows[0]
    arrow.points = [(x, g.height + 50) for x, _ in arrow.points]
    found(g, "message at line 5 ends outside")


def test_bar_under_a_note_it_does_not_belong_to(g):
    bar = g.bars[0]
    note = g.notes[1].box   # over C; the bar is B's
    bar.box.x, bar.box.y, bar.box.h = note.x + 2, note.y - 5, note.h + 10
    found(g, "note at line 7 overlaps a bar of B")
