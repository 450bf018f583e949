"""Reading diagram text: line breaks, byte order marks, bad bytes, long lines."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import wsd
from wsd import source
from wsd_helpers import diagram, messages, statements

ROOT = Path(__file__).resolve().parents[2]


def errors(text: str | bytes) -> list[wsd.Diagnostic]:
    return [d for d in wsd.check(text, filename="t.wsd") if d.severity == "error"]


@pytest.mark.parametrize("sep", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028",
                                 "\u2029"])
def test_only_newline_and_carriage_return_end_a_line(sep):
    # Issue 14 item 5: str.splitlines() broke here and pushed later lines down.
    text = f"A->B: one{sep}still one\nnot a statement\n"
    found = [(d.line, d.col) for d in errors(text)]
    if sep in "\x0b\x0c\x1c\x1d\x1e":
        # XML cannot hold these: an error sits on the character itself.
        assert found == [(1, 10), (2, 1)]
        assert f"U+{ord(sep):04X}" in errors(text)[0].message
    else:
        assert found == [(2, 1)]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_each_line_ending_counts_once(end):
    text = end.join(["A->B: 1", "", "B->C: 2", "oops"]) + end
    (err,) = errors(text)
    assert err.line == 4
    assert source.split_lines(text) == ["A->B: 1", "", "B->C: 2", "oops"]


def test_xml_illegal_character_on_an_otherwise_blank_line_is_reported():
    (err,) = errors("A->B: x\n  \x0c  \n")
    assert (err.line, err.col) == (2, 3)


def test_xml_illegal_character_inside_a_block_note_is_reported_where_it_is():
    (err,) = errors("A->B: x\nnote over A\nfine\nbad \x01 here\nend note\n")
    assert (err.line, err.col) == (4, 5)


def test_invalid_utf8_is_reported_at_its_line_and_column():
    # Issue 14 item 6: it used to be FILE:1:1 with a byte offset.
    data = "A->B: déjà\nB->C: caf".encode() + b"\xe9 au lait\n"
    (err,) = errors(data)
    assert (err.line, err.col) == (2, 10)
    assert "invalid UTF-8" in err.message and "E9" in err.message
    with pytest.raises(wsd.WsdError) as raised:
        wsd.render(data, filename="t.wsd")
    assert str(raised.value).startswith("t.wsd:2:10: error: invalid UTF-8")


def test_invalid_utf8_after_carriage_returns_and_a_bom():
    data = b"\xef\xbb\xbfA->B: x\r\rB->C: \xff"
    (err,) = errors(data)
    assert (err.line, err.col) == (3, 7)


@pytest.mark.parametrize("first", ["title Hello", "# @release nova 12.0.0",
                                   "participant A", "A->B: x"])
def test_a_bom_is_dropped_from_text_and_bytes(first):
    # Issue 14 item 7: a BOM made the first line an error or a second participant.
    text = first + "\nA->B: y\n"
    for given in ("\ufeff" + text, b"\xef\xbb\xbf" + text.encode()):
        assert errors(given) == []
        assert wsd.render(given).svg == wsd.render(text).svg
    d, _ = diagram("\ufeff" + text)
    assert [p.name for p in d.participants] == ["A", "B"]


def test_a_bom_inside_the_text_is_not_a_line_start():
    out, diags = statements("A->B: x\n\ufeffA->C: y")
    assert messages(diags) == []
    assert out[1].source == "\ufeffA"


def test_long_blank_runs_parse_in_linear_time(tmp_path):
    # Issue 14 item 4: 40,000 blanks took 6 s, 100,000 took 41 s. A million
    # would take hours if the cost were quadratic; the timeout is generous.
    blanks = " " * 1_000_000
    lines = ["participant a" + blanks + "b", "participant a" + blanks + "as" + blanks + "c",
             "A" + blanks + "->" + blanks + "B:" + blanks + "x", "note over" + blanks + "A: n",
             "note left of" + blanks + "A: n", "# nova/a.py" + blanks + "F.g" + blanks,
             "title" + blanks + "t", "activate" + blanks + "A", "alt" + blanks + "x", "end"]
    path = tmp_path / "slow.wsd"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"))
    done = subprocess.run([sys.executable, "-m", "wsd", "check", str(path)], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 1)


def test_alias_is_the_last_word_after_as():
    out, diags = statements('participant "a as b" as c\nparticipant x  AS   y\n'
                            "participant plain as\nparticipant as as z")
    assert messages(diags) == []
    assert [(s.name, s.label) for s in out] == [
        ("c", ("a as b",)), ("y", ("x",)), ("plain as", ("plain as",)), ("z", ("as",))]
