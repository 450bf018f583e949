"""Fuzzing: any bytes give an SVG or diagnostics, never a traceback.

Runs in the normal suite with a small fixed budget. For a release check, raise
the budget (each test runs that many cases):

    WSD_FUZZ_EXAMPLES=20000 PYTHONPATH=hooks python -m pytest tests/wsd/test_wsd_fuzz.py

and run ``python scripts/fuzz_wsd.py --cases 20000`` for the same through the
command line. What every case must keep:

- ``render`` returns an SVG or raises ``WsdError`` with at least one error,
  each at a line and column inside the input; ``check`` never raises;
- the SVG is well-formed XML, uses only the whitelisted elements, no event
  attributes, ids under the diagram's prefix, links only from ``resolve``;
- the same input gives the same bytes.
"""
from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import wsd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wsd import source

ROOT = Path(__file__).resolve().parents[2]
BUDGET = int(os.environ.get("WSD_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=BUDGET, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SVG_NS = "{http://www.w3.org/2000/svg}"
ELEMENTS = {"svg", "rect", "line", "path", "polygon", "text", "tspan", "g", "a", "title",
            "style"}
LINK_BASE = "https://example.org/src/"

SEEDS = sorted([*ROOT.glob("diagrams/**/*.wsd"), *ROOT.glob("tests/wsd/golden/*.wsd")])
SEED_BYTES = [p.read_bytes() for p in SEEDS] or [b"A->B: hello\n"]

# Pieces that have broken renderers before: markup, entities, quotes, every
# line ending, characters XML cannot hold, BOMs, bidi and wide text, keywords.
TOKENS = [
    "<", ">", "&", "&amp;", '"', "'", "]]>", "<script>alert(1)</script>", "javascript:",
    '" onload="x', "</text><a href='//evil'>", "\\n", "\n", "\r", "\r\n", "\x00", "\x0b",
    "\x0c", "\x1c", "\x85", "\u2028", "\u2029", "\ufeff", "\ufffe", "\u202e", "中文",
    "𝔘", "e\u0301", ":", "->", "-->>", "<->", "+", "-", "*", ",", "#", "# @release nova 1",
    "# nova/a.py F.g", "note over A", "end note", "alt", "else", "end", "activate",
    "deactivate", "destroy", "participant", "actor", "as", "title", " " * 64, "\t",
]


def _resolve(ref: wsd.SourceRef, directives: dict[str, str]) -> str:
    return LINK_BASE + ref.path


def _lines_in(data: bytes | str) -> int:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return max(1, len(source.split_lines(source.strip_bom(text))))


def check_case(data: bytes | str) -> None:
    n_lines = _lines_in(data)
    diagnostics = wsd.check(data, filename="f.wsd", resolve=_resolve)
    for d in diagnostics:
        assert 1 <= d.line <= n_lines and d.col >= 1, d
    try:
        out = wsd.render(data, filename="f.wsd", resolve=_resolve)
    except wsd.WsdError as err:
        assert any(d.severity == "error" for d in err.diagnostics), err.diagnostics
        assert err.diagnostics == diagnostics
        return
    assert not [d for d in diagnostics if d.severity == "error"]
    again = wsd.render(data, filename="f.wsd", resolve=_resolve)
    assert again.svg == out.svg
    root = ET.fromstring(out.svg)
    prefix = root.get("id")
    assert prefix and prefix.startswith("wsd-")
    for element in root.iter():
        tag = element.tag.removeprefix(SVG_NS)
        assert tag in ELEMENTS, tag
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            if name == "id":
                assert value.startswith(prefix), value
            if name == "href":
                assert value.startswith(LINK_BASE), value


@st.composite
def mutated_seed(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEED_BYTES)))
    for _ in range(draw(st.integers(1, 8))):
        pos = draw(st.integers(0, len(data)))
        action = draw(st.integers(0, 4))
        if action == 0 and data:                      # delete a range
            data[pos:pos + draw(st.integers(1, 40))] = b""
        elif action == 1:                             # insert a token
            data[pos:pos] = draw(st.sampled_from(TOKENS)).encode("utf-8")
        elif action == 2:                             # insert raw bytes, often invalid UTF-8
            data[pos:pos] = draw(st.binary(min_size=1, max_size=4))
        elif action == 3 and data:                    # duplicate a slice
            end = min(len(data), pos + draw(st.integers(1, 200)))
            data[pos:pos] = data[pos:end]
        else:                                         # flip one byte
            if data:
                at = min(pos, len(data) - 1)
                data[at] ^= draw(st.integers(1, 255))
    return bytes(data)


@st.composite
def token_soup(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)), max_size=60))
    return "".join(parts)


@st.composite
def injected(draw: st.DrawFn) -> str:
    payload = draw(st.sampled_from(TOKENS[:12])) + draw(st.text(max_size=10))
    template = draw(st.sampled_from([
        "title {p}\nA->B: x", "participant \"{p}\" as A\nA->B: x", "A->B: {p}",
        "note over A: {p}", "alt {p}\nA->B: x\nelse {p}\nB->A: y\nend",
        "# nova/compute/api.py API.pause\nA->B: {p}", "note left of A\n{p}\nend note",
        "actor {p}\n{p}->B: x",
    ]))
    return template.replace("{p}", payload)


@FUZZ
@given(mutated_seed())
def test_mutated_repository_diagrams(data):
    check_case(data)


@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data):
    check_case(data)


@FUZZ
@given(token_soup())
def test_token_soup(text):
    check_case(text)


@FUZZ
@given(injected())
def test_injection_payloads_stay_text(text):
    check_case(text)


@FUZZ
@given(st.sampled_from(SEED_BYTES), st.sampled_from(["\r\n", "\r", "\n"]), st.booleans())
def test_line_endings_and_bom_do_not_change_the_drawing(data, end, bom):
    text = data.decode("utf-8")
    variant = ("\ufeff" if bom else "") + end.join(source.split_lines(text)) + end
    try:
        expected = wsd.render(text, filename="f.wsd", id_prefix="p").svg
    except wsd.WsdError as err:
        again = wsd.check(variant.encode("utf-8"), filename="f.wsd")
        assert [(d.line, d.col, d.message) for d in again] == [
            (d.line, d.col, d.message) for d in err.diagnostics]
        return
    assert wsd.render(variant.encode("utf-8"), filename="f.wsd", id_prefix="p").svg == expected
