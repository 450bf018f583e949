"""Stage 2: participants, bars, groups and references across lines."""
from __future__ import annotations

from wsd import model as m
from wsd_helpers import diagram, messages


def names(d):
    return [p.name for p in d.participants]


def test_columns_follow_first_use_counting_declarations():
    d, diags = diagram("participant C\nA->B: x\nnote over D: n\nB->C: y\nactivate E")
    assert names(d) == ["C", "A", "B", "D", "E"]
    assert messages(diags) == ["activation of 'E' is never deactivated; its bar runs to the end"]


def test_alias_is_the_name_and_label_is_shown():
    d, _ = diagram('participant "nova-api" as api\napi->db: x')
    assert d.participants[0].name == "api" and d.participants[0].label == ("nova-api",)


def test_late_declaration_keeps_first_use_column():
    d, diags = diagram("A->B: x\nparticipant \"Bee\" as B\nparticipant C")
    assert names(d) == ["A", "B", "C"]
    assert d.participants[1].label == ("Bee",)
    assert not diags


def test_plus_opens_target_bar_minus_closes_sender_bar():
    d, diags = diagram("A->+B: call\nB-->-A: ret")
    assert not diags
    (span,) = d.spans
    assert (span.participant, span.start, span.end, span.depth) == (1, (0, "line"), (1, "line"), 0)


def test_activate_binds_to_previous_message_even_after_notes():
    d, diags = diagram("A->B: x\nnote over B: n\nactivate B\nB->A: y\nnote over A: z\n"
                       "deactivate B")
    assert not diags
    (span,) = d.spans
    assert span.start == (0, "line") and span.end == (2, "line")


def test_activate_before_any_message_binds_to_next_row_top():
    d, _ = diagram("participant A\nactivate A\nA->B: x\ndeactivate A")
    assert d.spans[0].start == (0, "top")


def test_second_activation_nests_with_warning():
    d, diags = diagram("A->+B: x\nA->+B: y\nB-->-A: r\nB-->-A: r")
    assert [s.depth for s in d.spans] == [0, 1]
    assert [s.end for s in d.spans] == [(3, "line"), (2, "line")]
    assert messages(diags, "warning") == [("'B' is already active (since line 1); "
                                          "the new bar is drawn nested")]


def test_stray_deactivate_is_ignored_with_warning():
    d, diags = diagram("A->B: x\ndeactivate B")
    assert d.spans == []
    assert [(x.line, x.col, x.severity) for x in diags] == [(2, 12, "warning")]


def test_deactivate_unknown_participant_adds_no_column():
    d, diags = diagram("A->B: x\ndeactivate Z")
    assert names(d) == ["A", "B"]
    assert messages(diags, "warning") == ["'Z' is not a participant; this deactivate is ignored"]


def test_open_bar_runs_to_the_end_with_warning():
    d, diags = diagram("A->+B: x")
    assert d.spans[0].end is None
    assert [(x.line, x.severity) for x in diags] == [(1, "warning")]


def test_unclosed_group_closes_at_the_end_with_warning():
    d, diags = diagram("alt a\nA->B: x\nopt b\nB->A: y\nend")
    assert [g.end_row for g in d.groups] == [5, 4]
    assert [(x.line, x.severity) for x in diags] == [(1, "warning")]


def test_group_rows_and_else():
    d, diags = diagram("alt one\nA->B: x\nelse two\nB->A: y\nend")
    assert not diags
    (g,) = d.groups
    assert (g.keyword, g.label, g.start_row, g.else_rows, g.end_row) == ("alt", "one", 0, [2], 4)
    assert [type(r).__name__ for r in d.rows] == ["GroupEdge", "Message", "GroupEdge",
                                                  "Message", "GroupEdge"]


def test_else_and_end_without_group_are_errors():
    _, diags = diagram("A->B: x\nelse\nend")
    assert [(x.line, x.severity) for x in diags] == [(2, "error"), (3, "error")]


def test_message_kinds():
    d, _ = diagram("A->B: a\nA-->B: b\nA->>B: c\nA-->>B: d\nA<->B: e\nA<-->B: f\nA->A: g")
    kinds = [(r.dashed, r.open_head, r.both_ends) for r in d.rows]
    assert kinds == [(False, False, False), (True, False, False), (False, True, False),
                     (True, True, False), (False, False, True), (True, False, True),
                     (False, False, False)]
    assert d.rows[-1].is_self


def test_references_attach_until_the_next_one():
    d, _ = diagram("# a/x.py f\nA->B: one\nnote over A: two\n# a/y.py C.g\nB->A: three\n"
                   "# @release nova 12.0.0")
    refs = [r.ref.name if r.ref else None for r in d.rows]
    assert refs == ["f", "f", "C.g"]
    assert [r.path for r in d.refs] == ["a/x.py", "a/y.py"]
    assert d.directives == {"release": "nova 12.0.0"}


def test_destroy_ends_lifeline_and_later_use_is_an_error():
    d, diags = diagram("A->+B: x\ndestroy B\nA->B: again")
    assert d.participants[1].destroyed == (0, "line")
    assert d.spans[0].end == (0, "line")
    assert [(x.line, x.severity) for x in diags] == [(3, "error")]


def test_create_marks_the_creating_row():
    d, diags = diagram("A->B: x\nA->*C: new\nC->A: hi")
    assert not diags
    assert d.participants[2].created_row == 1


def test_create_after_use_is_an_error():
    _, diags = diagram("note over C: n\nA->*C: new")
    assert [(x.line, x.severity) for x in diags] == [(2, "error")]


def test_span_note_takes_the_outer_columns():
    d, _ = diagram("participant A\nparticipant B\nparticipant C\nnote over C,A: n")
    note = d.rows[0]
    assert isinstance(note, m.Note) and (note.first, note.last) == (0, 2)
