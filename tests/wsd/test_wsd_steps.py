"""Step numbers and anchors (``wsd.steps``): what the site's deep links point at."""
from __future__ import annotations

from pathlib import Path

import pytest
import wsd
from wsd import model as m

REPO = Path(__file__).resolve().parents[2]

NESTED = """\
title nested
participant "nova-api" as api
api->conductor: one
note over api: not a step
alt ok
  conductor->compute: two
  opt inner
    loop retry
      compute->compute: three
    end
    compute-->conductor: four
  end
else failed
  activate db
  conductor->db: five
  deactivate db
end
# nova/compute/manager.py ComputeManager.pause_instance
par tail
  compute->*worker: six
end
worker->api: seven
"""


def test_every_message_is_a_step_in_source_order_inside_groups():
    found = wsd.steps(wsd.load(NESTED))
    assert [s.number for s in found] == [1, 2, 3, 4, 5, 6, 7]
    assert [s.message.text for s in found] == [(t,) for t in
                                               ("one", "two", "three", "four", "five", "six",
                                                "seven")]
    # The source line of each step: notes, group edges, activations and the
    # reference comment are skipped, not counted.
    assert [s.message.line for s in found] == [3, 6, 9, 11, 15, 20, 22]
    assert all(isinstance(s.message, m.Message) for s in found)


def test_step_carries_its_row_names_and_reference():
    d = wsd.load(NESTED)
    found = wsd.steps(d)
    for s in found:
        assert d.rows[s.row] is s.message
    assert (found[0].sender, found[0].receiver) == ("api", "conductor")
    assert (found[2].sender, found[2].receiver) == ("compute", "compute")
    assert (found[5].sender, found[5].receiver) == ("compute", "worker")
    assert found[4].message.ref is None
    ref = found[5].message.ref
    assert ref is not None and (ref.path, ref.name) == ("nova/compute/manager.py",
                                                        "ComputeManager.pause_instance")


def test_numbering_is_stable_across_two_parses():
    def key(text: str) -> list[tuple[int, int, tuple[str, ...], str, str]]:
        return [(s.number, s.message.line, s.message.text, s.sender, s.receiver)
                for s in wsd.steps(wsd.load(text))]

    assert key(NESTED) == key(NESTED)
    # Bytes, a byte order mark and CRLF line ends do not change the numbers.
    assert key(NESTED) == [k for k in key(("\ufeff" + NESTED.replace("\n", "\r\n"))
                                          .encode("utf-8"))]


def test_a_note_added_before_a_step_keeps_its_number():
    before = {s.message.text: s.number for s in wsd.steps(wsd.load(NESTED))}
    edited = NESTED.replace("note over api: not a step\n",
                            "note over api: not a step\nnote over conductor: nor this\n")
    after = {s.message.text: s.number for s in wsd.steps(wsd.load(edited))}
    assert after == before


def test_a_diagram_without_messages_has_no_steps():
    assert wsd.steps(wsd.load("participant A\nnote over A: alone")) == []


def test_load_raises_with_file_line_and_column():
    with pytest.raises(wsd.WsdError) as err:
        wsd.load("A->B: ok\nthis is not a statement\n", filename="x.wsd")
    first = err.value.diagnostics[0]
    assert (first.file, first.line, first.col) == ("x.wsd", 2, 1)


def test_step_id_form():
    assert wsd.step_id("live-migrate", 12) == "step-live-migrate-12"
    assert wsd.step_id("attach_volume", 1) == "step-attach_volume-1"


@pytest.mark.parametrize("slug", ["", "has space", "-lead", "a#b", "a/b", "迁移"])
def test_step_id_rejects_slugs_that_are_not_plain_ids(slug):
    with pytest.raises(ValueError, match="slug"):
        wsd.step_id(slug, 1)


def test_step_id_rejects_numbers_below_one():
    with pytest.raises(ValueError, match="start at 1"):
        wsd.step_id("pause", 0)


def test_every_repository_diagram_has_steps_and_slug_ids():
    files = sorted((REPO / "diagrams").rglob("*.wsd"))
    assert files
    for path in files:
        found = wsd.steps(wsd.load(path.read_bytes(), filename=str(path)))
        assert found, path
        assert [s.number for s in found] == list(range(1, len(found) + 1))
        wsd.step_id(path.stem, len(found))   # every stem is a valid slug
