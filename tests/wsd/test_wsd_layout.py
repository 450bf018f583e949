"""Stage 3: measuring and placing."""
from __future__ import annotations

import pytest
from wsd import spacing as S
from wsd.measure import metrics, text_width
from wsd_helpers import geometry
from wsd_invariants import problems


def xs(g):
    return [life.x for life in g.lifelines]


def test_widths_come_from_the_font_table():
    em = metrics()["em"]
    assert text_width("A", 10) == pytest.approx(em["A"] * 10)
    assert text_width("iiii", 13) < text_width("MMMM", 13)
    assert text_width("中文", 13) == pytest.approx(26)          # CJK counts 1 em each
    assert text_width("e\u0301", 13) == pytest.approx(text_width("e", 13))  # combining mark


def test_long_message_label_widens_the_gap_it_crosses():
    short = geometry("A->B: x\nB->C: y")
    # One word with no break opportunity: wrapping cannot help, the gap widens.
    label = "averylonglabelwithoutanyplacetobreakthatmustfitbetweenthelifelines"
    wide = geometry(f"A->B: {label}\nB->C: y")
    gap = xs(wide)[1] - xs(wide)[0]
    assert gap >= text_width(label, S.FONT) + 2 * S.LABEL_PAD
    assert gap > xs(short)[1] - xs(short)[0]
    # The other gap is untouched.
    assert xs(wide)[2] - xs(wide)[1] == pytest.approx(xs(short)[2] - xs(short)[1])


def test_label_across_several_columns_spreads_over_them():
    label = "x" * 80
    g = geometry(f"participant A\nparticipant B\nparticipant C\nA->C: {label}")
    assert xs(g)[2] - xs(g)[0] >= text_width(label, S.FONT)


def test_wide_note_over_a_lifeline_pushes_both_neighbours():
    text = "a note wide enough to need room on both sides of its lifeline"
    g = geometry(f"participant A\nparticipant B\nparticipant C\nnote over B: {text}")
    (note,) = g.notes
    assert note.box.x > xs(g)[0] and note.box.x + note.box.w < xs(g)[2]
    assert note.box.x + note.box.w / 2 == pytest.approx(xs(g)[1])


def test_side_notes_sit_beside_their_lifeline():
    g = geometry("A->B: x\nnote right of A: right\nnote left of B: left")
    right, left = g.notes
    assert right.box.x > xs(g)[0] and right.box.x + right.box.w < xs(g)[1]
    assert left.box.x + left.box.w < xs(g)[1] and left.box.x > xs(g)[0]


def test_spanning_note_covers_both_lifelines():
    g = geometry("participant A\nparticipant B\nparticipant C\nnote over A,C: all")
    (note,) = g.notes
    assert note.box.x < xs(g)[0] and note.box.x + note.box.w > xs(g)[2]


def test_rows_advance_downwards_and_never_share_a_band():
    g = geometry("A->B: one\nnote over B: two\nB-->A: three\\nlines\nA->A: self")
    tops = [a.points[0][1] for a in g.arrows]
    assert tops == sorted(tops)
    assert not problems(g)


def test_message_meets_the_bar_edge_and_nested_bar_is_offset():
    g = geometry("A->+B: first\nA->+B: second\nB-->-A: r\nB-->-A: r")
    outer, inner = sorted(g.bars, key=lambda b: b.depth)
    assert inner.box.x == pytest.approx(outer.box.x + S.BAR_STEP)
    first, second = g.arrows[0], g.arrows[1]
    assert first.points[1][0] == pytest.approx(outer.box.x)
    assert second.points[1][0] == pytest.approx(inner.box.x)
    assert not problems(g)


def test_open_bar_runs_to_the_foot_boxes():
    g = geometry("A->+B: x\nnote over A: later")
    (bar,) = g.bars
    foot = g.lifelines[1].foot
    assert bar.box.y + bar.box.h == pytest.approx(foot.y)


def test_unclosed_group_frames_everything_after_it():
    g = geometry("alt never closed\nA->B: x\nnote over B: n")
    (frame,) = g.frames
    assert frame.box.y < g.arrows[0].points[0][1] < frame.box.y + frame.box.h
    note = g.notes[0].box
    assert note.y + note.h < frame.box.y + frame.box.h
    assert not problems(g)


def test_nested_frames_nest():
    g = geometry("alt a\nA->B: x\nopt b\nB->C: y\nend\nelse c\nC->A: z\nend")
    outer, inner = g.frames
    assert outer.depth == 0 and inner.depth == 1
    assert outer.box.x < inner.box.x and inner.box.x + inner.box.w < outer.box.x + outer.box.w
    assert len(outer.dividers) == 1
    assert not problems(g)


def test_self_message_loops_back_to_its_own_lifeline():
    g = geometry("A->B: x\nA->A: think\\nhard\nB->A: y")
    loop = g.arrows[1]
    assert loop.points[0][0] == pytest.approx(loop.points[-1][0]) == pytest.approx(xs(g)[0])
    assert loop.points[1][0] > loop.points[0][0]
    # Its text sits right of the loop and still clears the next lifeline.
    assert loop.points[1][0] < loop.label.x
    assert loop.label.x + loop.label.width < xs(g)[1]
    assert not problems(g)


def test_destroy_ends_the_lifeline_at_the_message():
    g = geometry("A->B: x\ndestroy B\nnote over A: after")
    b = g.lifelines[1]
    assert b.destroyed and b.foot is None
    assert b.bottom == pytest.approx(g.arrows[0].points[0][1])
    assert g.destroys == [(b.x, b.bottom)]


def test_created_participant_head_sits_on_its_message():
    g = geometry("A->B: x\nA->*C: make\nC->A: hi")
    c = g.lifelines[2]
    arrow = g.arrows[1]
    assert c.head.y < arrow.points[1][1] < c.head.y + c.head.h
    assert arrow.points[1][0] == pytest.approx(c.head.x)
    assert c.head.y > g.lifelines[0].head.y
    assert not problems(g)


def test_tall_diagram_stays_compact():
    body = "\n".join(f"note over B: step {i}" if i % 3 else f"A->B: call {i}" for i in range(250))
    g = geometry("participant A\nparticipant B\n" + body)
    per_row = g.height / 250
    assert per_row < 36, per_row
    assert not problems(g)


def test_title_wider_than_diagram_sets_the_width():
    title = "a title that is much wider than the two participants below it"
    g = geometry(f"title {title}\nA->B: x")
    assert g.width >= text_width(title, S.TITLE_FONT)
    assert not problems(g)
