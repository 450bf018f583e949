"""Property tests: any input gives an SVG that parses, or diagnostics with a line.

Never a traceback.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

import wsd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wsd import layout, model, parse, source
from wsd.diagnostics import Reporter
from wsd_invariants import problems

NAMES = st.sampled_from(["A", "B", "nova_api", "db", '"long name"', "x y", "中文"])
TEXT = st.text(max_size=30)
ARROW = st.sampled_from(["->", "-->", "->>", "-->>", "<->", "<-->"])
MOD = st.sampled_from(["", "", "+", "-", "*"])


@st.composite
def statement(draw):
    kind = draw(st.integers(0, 11))
    a, b = draw(NAMES), draw(NAMES)
    text = draw(TEXT).replace("\n", " ")
    if kind <= 3:
        return f"{a}{draw(ARROW)}{draw(MOD)}{b}: {text}"
    if kind == 4:
        where = draw(st.sampled_from(["over", "left of", "right of"]))
        return f"note {where} {a}: {text}"
    if kind == 5:
        return f"note over {a},{b}: {text}"
    if kind == 6:
        return f"{draw(st.sampled_from(['activate', 'deactivate', 'destroy']))} {a}"
    if kind == 7:
        return f"{draw(st.sampled_from(['alt', 'opt', 'loop', 'par', 'else']))} {text}"
    if kind == 8:
        return "end"
    if kind == 9:
        return f"# nova/{draw(st.sampled_from(['a', 'b/c']))}.py F.g"
    if kind == 10:
        return f"participant {a}" + draw(st.sampled_from(["", f" as {b.split()[0]}"]))
    return draw(st.sampled_from(["title " + text, "note over A\n" + text + "\nend note", ""]))


diagrams = st.lists(statement(), max_size=25).map("\n".join)


@st.composite
def mutated(draw):
    text = draw(diagrams)
    for _ in range(draw(st.integers(0, 4))):
        pos = draw(st.integers(0, len(text)))
        if draw(st.booleans()) and text:
            text = text[:pos] + text[pos + 1:]
        else:
            text = text[:pos] + draw(st.sampled_from(list(":->+*\"#,\\n\t x"))) + text[pos:]
    return text


def check_any(text: str) -> None:
    n_lines = max(1, len(source.split_lines(text)))
    try:
        out = wsd.render(text, filename="p.wsd")
    except wsd.WsdError as err:
        assert err.diagnostics
        assert any(d.severity == "error" for d in err.diagnostics)
        for d in err.diagnostics:
            assert 1 <= d.line <= n_lines and d.col >= 1, d
            assert str(d).startswith(f"p.wsd:{d.line}:{d.col}: ")
        return
    root = ET.fromstring(out.svg)
    assert root.tag.endswith("svg")
    for d in out.warnings:
        assert 1 <= d.line <= n_lines
    # The geometry behind a successful render keeps every layout invariant.
    report = Reporter("p.wsd")
    g = layout.layout(model.build(parse.parse(text, report), report))
    assert problems(g) == []


SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(diagrams)
def test_generated_diagrams(text):
    check_any(text)


@SETTINGS
@given(mutated())
def test_mutated_diagrams(text):
    check_any(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text(text):
    check_any(text)
