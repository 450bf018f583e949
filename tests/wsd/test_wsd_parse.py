"""Stage 1: the shape of each line."""
from __future__ import annotations

import pytest
from wsd import parse as p
from wsd_helpers import statements


def one(text):
    out, diags = statements(text)
    assert not diags, diags
    assert len(out) == 1, out
    return out[0]


@pytest.mark.parametrize("arrow, modifier", [
    ("->", ""), ("-->", ""), ("->>", ""), ("-->>", ""), ("<->", ""), ("<-->", ""),
    ("->", "+"), ("->", "-"), ("-->", "-"), ("->>", "+"), ("->", "*"),
])
def test_every_arrow_and_modifier(arrow, modifier):
    st = one(f"A{arrow}{modifier}B: text")
    assert (st.source, st.target, st.arrow, st.modifier, st.text) == ("A", "B", arrow, modifier,
                                                                     ("text",))


def test_label_keeps_later_colons_and_arrows():
    st = one("nova_api->database:vm_state->DELETING: now")
    assert st.target == "database"
    assert st.text == ("vm_state->DELETING: now",)


def test_blanks_around_arrow_and_indent_are_ignored():
    st = one("     client -> nova_api :  hello   ")
    assert (st.source, st.target, st.text, st.col) == ("client", "nova_api", ("hello",), 6)


def test_keyword_like_participant_names_are_messages():
    st = one("engine->objects: x")
    assert isinstance(st, p.Signal)
    st = one("option_svc->end_point: y")
    assert (st.source, st.target) == ("option_svc", "end_point")


def test_backslash_n_breaks_lines_everywhere():
    assert one("A->B: one\\ntwo").text == ("one", "two")
    assert one("note over A: x\\ny").text == ("x", "y")
    assert one("title T1\\nT2").text == ("T1", "T2")
    assert one('participant "Long\\nname" as L').label == ("Long", "name")


def test_keywords_are_case_insensitive():
    assert isinstance(one("TITLE x"), p.Title)
    assert one("Note Over A: x").placement == "over"
    assert one("ACTIVATE A").verb == "activate"
    assert one("Alt cond").keyword == "alt"


def test_participant_forms():
    st = one('participant "nova-api" as nova_api')
    assert (st.name, st.label, st.shape) == ("nova_api", ("nova-api",), "box")
    st = one("participant ASPSP Resource Server")
    assert (st.name, st.label) == ("ASPSP Resource Server", ("ASPSP Resource Server",))
    st = one("actor User as u")
    assert (st.name, st.shape) == ("u", "actor")
    assert one('participant ":Alice"').name == ":Alice"


def test_quoted_names_in_messages_may_hold_colons():
    st = one('":Alice"->":Bob": Hello')
    assert (st.source, st.target, st.text) == (":Alice", ":Bob", ("Hello",))


def test_notes():
    st = one("note over A, B: both")
    assert (st.placement, st.targets) == ("over", ("A", "B"))
    assert one("note left of A: l").placement == "left"
    assert one("note right of A: r").placement == "right"


def test_block_note_runs_to_end_note():
    out, diags = statements("note over A\n  first\n    second\nend note\nA->B: x")
    assert not diags
    assert out[0].text == ("first", "second")
    assert isinstance(out[1], p.Signal)


def test_groups():
    out, diags = statements("alt one\nelse\nelse two\nend\nopt\nend alt\nloop l\nend\npar\nend")
    assert not diags
    kinds = [type(s).__name__ for s in out]
    assert kinds == ["GroupStart", "Else", "Else", "End", "GroupStart", "End", "GroupStart",
                     "End", "GroupStart", "End"]
    assert out[0].label == "one" and out[2].label == "two" and out[4].label == ""


def test_comments_directives_and_references():
    out, diags = statements("# @release nova 12.0.0\n# plain comment\n"
                            "  # nova/compute/api.py API.pause()\n# a/b.py Cls.m.inner")
    assert not diags
    assert out[0] == p.Directive(1, 1, "release", "nova 12.0.0")
    assert out[1].ref == p.SourceRef("nova/compute/api.py", "API.pause", 3, 3)
    assert out[2].ref.name == "Cls.m.inner"


def test_almost_reference_warns():
    _, diags = statements("# nova/compute/api.py API.pause extra words")
    assert [d.severity for d in diags] == ["warning"]


def test_empty_message_text_is_allowed():
    assert one("A->B:").text == ("",)
    assert one("A->B").text == ("",)


@pytest.mark.parametrize("line, col, fragment", [
    ("foo bar", 1, "not a statement"),
    ("  A->: x", 6, "no receiver"),
    ("->B: x", 1, "no sender"),
    ("note above A: x", 1, "expected 'note left of A'"),
    ("note left of A,B: x", 14, "takes one participant"),
    ("activate", 1, "needs a participant"),
    ("autonumber", 1, "not supported"),
    ("end note", 1, "without a note block"),
    ("title", 1, "needs a text"),
    ("A->+-B: x", 5, "contains an arrow or modifier"),
    ('participant "unclosed', 13, "unclosed"),
])
def test_errors_name_line_and_column(line, col, fragment):
    _, diags = statements("# first line\n" + line)
    assert len(diags) == 1, diags
    d = diags[0]
    assert (d.line, d.col, d.severity) == (2, col, "error")
    assert fragment in d.message


def test_unclosed_block_note_is_an_error_at_the_note():
    _, diags = statements("A->B: x\nnote over A\ntext")
    assert [(d.line, d.severity) for d in diags] == [(2, "error")]


@pytest.mark.parametrize("char", ["\x01", "\x1f", "\ufffe", "\ud800"])
def test_characters_xml_cannot_hold_are_errors(char):
    _, diags = statements(f"A->B: ok\nA->B: bad{char}here")
    assert [(d.line, d.col, d.severity) for d in diags] == [(2, 10, "error")]
    assert f"U+{ord(char):04X}" in diags[0].message
