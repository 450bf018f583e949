"""Wrapping labels and notes so wide diagrams fit a laptop screen (wrap.py)."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import wsd
from hypothesis import given, settings
from hypothesis import strategies as st
from wsd import layout
from wsd import spacing as S
from wsd.columns import place_columns
from wsd.measure import text_width
from wsd.wrap import wrap_line, wrap_text
from wsd_helpers import diagram, geometry
from wsd_invariants import problems

SVG = "{http://www.w3.org/2000/svg}"
WORDS = ["instance", "task_state=spawning", "host", "claim", "resources", "placement",
         "allocation", "network", "volume", "the", "a", "of", "GET", "/v2.1/servers/{id}"]
# Twelve participants whose boxes alone leave gaps of about 150 px, and enough
# long labels that the diagram, unwrapped, is far wider than the budget.
NAMES = [f"service_{k:02d}" for k in range(12)]
LONG_NOTE = ("the conductor asks the scheduler for hosts, claims resources in placement "
             "and casts build_and_run_instance to the chosen compute host")


def wide_source(note: str = LONG_NOTE, extra: str = "", names: list[str] = NAMES) -> str:
    lines = ["title A wide diagram"] + [f"participant {n}" for n in names]
    for a, b in zip(names, names[1:]):
        lines.append(f"{a}->{b}: a fairly long message label between {a} and {b} here")
    lines.append(f"note over {names[5]}: {note}")
    return "\n".join(lines) + "\n" + extra


def unwrapped_width(source: str) -> float:
    # The width every column would take with no wrapping at all.
    d, _ = diagram(source)
    cols = place_columns(d)
    return cols.x[-1] - cols.x[0]


def test_a_line_that_fits_is_untouched():
    assert wrap_line("short label", 200, S.FONT) == ["short label"]


def test_wrapped_lines_fit_the_width_and_keep_every_word_in_order():
    text = " ".join(WORDS * 3)
    lines = wrap_line(text, 160, S.FONT)
    assert len(lines) > 1
    assert all(text_width(line, S.FONT) <= 160 for line in lines)
    assert " ".join(lines).split() == text.split()


def test_wrapped_lines_are_balanced_not_one_word_left_alone():
    # Greedy filling at 180 px would leave "tags" alone on the second line.
    text = "instance action create, block_device_mapping rows, tags"
    lines = wrap_line(text, text_width(text, S.FONT) - 5, S.FONT)
    assert len(lines) == 2
    widths = [text_width(line, S.FONT) for line in lines]
    assert min(widths) > max(widths) / 3


def test_a_word_wider_than_the_width_breaks_after_code_punctuation():
    lines = wrap_line("instance_mappings.cell_mapping=<cell>", 120, S.FONT)
    assert len(lines) > 1
    assert "".join(lines) == "instance_mappings.cell_mapping=<cell>"
    assert all(text_width(line, S.FONT) <= 120 for line in lines)


def test_a_word_with_no_break_stays_whole():
    word = "x" * 60
    assert wrap_line(f"a {word} b", 100, S.FONT) == ["a", word, "b"]


def test_explicit_breaks_are_kept():
    lines = wrap_text(("first line that is rather long indeed", "second"), 120, S.FONT)
    assert lines[-1] == "second"
    assert " ".join(lines[:-1]) == "first line that is rather long indeed"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30),
       st.floats(min_value=60, max_value=400))
def test_wrap_never_loses_words_or_overflows_where_words_allow(words, width):
    text = " ".join(words)
    lines = wrap_line(text, width, S.FONT)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        if " " in line:   # a line of one word (or word piece) may be wider
            assert text_width(line, S.FONT) <= width + 1e-9


def test_a_diagram_that_fits_the_budget_is_left_as_written():
    note = "a note much wider than the two participants it sits between, on one line"
    g = geometry(f"A->B: x\nnote over A: {note}")
    (n,) = g.notes
    assert n.text.lines == (note,)


def test_a_long_note_wraps_to_the_room_its_columns_have():
    source = wide_source()
    assert unwrapped_width(source) > S.WRAP_BUDGET_W
    g = geometry(source)
    note = g.notes[0]
    assert len(note.text.lines) > 1
    assert " ".join(note.text.lines) == LONG_NOTE
    assert note.text.width <= note.box.w - 2 * S.NOTE_PAD_X + 1e-6
    # The note takes the room the messages left it: the columns are where
    # they are without it, and it stays clear of both neighbour lifelines.
    without = geometry(source.replace(f"note over {NAMES[5]}: {LONG_NOTE}", ""))
    assert [life.x for life in g.lifelines] == [life.x for life in without.lifelines]
    xs = [life.x for life in g.lifelines]
    assert xs[4] + S.COL_GAP <= note.box.x + 1e-6
    assert note.box.x + note.box.w <= xs[6] - S.COL_GAP + 1e-6
    assert problems(g) == []


def test_wrapping_brings_a_wide_diagram_within_the_budget():
    source = wide_source()
    g = geometry(source)
    assert unwrapped_width(source) > S.WRAP_BUDGET_W
    assert g.width <= S.WRAP_BUDGET_W
    assert any(len(a.label.lines) > 1 for a in g.arrows if a.label)
    assert problems(g) == []


def test_side_notes_and_self_messages_wrap_and_keep_the_invariants():
    extra = (f"note right of {NAMES[3]}: {LONG_NOTE}\n"
             f"note left of {NAMES[8]}: {LONG_NOTE}\n"
             f"note right of {NAMES[-1]}: {LONG_NOTE}\n"
             f"{NAMES[4]}->{NAMES[4]}: a self message with a long label that must wrap\n"
             f"{NAMES[-1]}->{NAMES[-1]}: another self message, beside the last lifeline\n")
    g = geometry(wide_source(extra=extra))
    assert problems(g) == []
    for n in g.notes:
        assert len(n.text.lines) > 1
        assert " ".join(n.text.lines) == LONG_NOTE


def test_explicit_breaks_survive_in_a_wrapped_diagram():
    note = "first part of the note, long enough to wrap here\\nSECOND"
    g = geometry(wide_source(note=note))
    (n,) = g.notes
    assert n.text.lines[-1] == "SECOND"
    assert len(n.text.lines) > 2


def test_reference_links_cover_every_wrapped_line():
    source = wide_source().replace(
        f"note over {NAMES[5]}", f"# nova/conductor/manager.py build_instances\n"
                                 f"note over {NAMES[5]}")
    out = wsd.render(source, resolve=lambda ref, d: f"https://example.test/{ref.path}")
    root = ET.fromstring(out.svg)
    (link,) = [a for a in root.iter(SVG + "a")]
    assert link.get("class") == "wsd-ref"
    spans = [t.text for t in link.iter(SVG + "tspan")]
    assert len(spans) > 1
    assert " ".join(spans) == LONG_NOTE


def test_wrapping_is_deterministic():
    source = wide_source()
    assert wsd.render(source).svg == wsd.render(source).svg


def test_title_is_left_aligned_at_the_margin():
    g = geometry(wide_source())
    assert g.title is not None
    assert g.title.x == S.MARGIN
    assert g.width > 3 * g.title.width
    root = ET.fromstring(wsd.render(wide_source()).svg)
    title = next(t for t in root.iter(SVG + "text") if t.get("class") == "wsd-title")
    assert title.get("text-anchor") is None
    assert float(title.get("x")) == S.MARGIN


def test_title_wider_than_the_diagram_still_fits():
    title = "a title much wider than the two participants below it, on one line"
    g = geometry(f"title {title}\nA->B: x")
    assert g.title is not None and g.title.x == S.MARGIN
    assert g.width >= g.title.width + 2 * S.MARGIN
    assert problems(g) == []


def test_a_title_wider_than_the_budget_does_not_make_the_rows_wrap():
    title = "a very long title " * 20
    note = "a note much wider than the two participants it sits between, on one line"
    g = geometry(f"title {title}\nA->B: x\nnote over A: {note}")
    assert g.title is not None and g.title.width > S.WRAP_BUDGET_W
    (n,) = g.notes
    assert n.text.lines == (note,)


def test_a_diagram_just_over_the_budget_is_wrapped_less_than_one_far_over_it():
    # The same kind of rows over 8 and over 12 participants: both are wider
    # than the budget unwrapped, the larger one needs a smaller minimum width.
    few, many = wide_source(names=NAMES[:8]), wide_source()
    assert unwrapped_width(few) > S.WRAP_BUDGET_W
    g_few, g_many = geometry(few), geometry(many)
    lines_few = max(len(a.label.lines) for a in g_few.arrows if a.label)
    lines_many = max(len(a.label.lines) for a in g_many.arrows if a.label)
    assert 1 < lines_few < lines_many
    assert g_few.width <= S.WRAP_BUDGET_W and g_many.width <= S.WRAP_BUDGET_W


def test_names_break_at_spaces_only_when_nothing_else_fits():
    names = [f"svc_{k:02d}" for k in range(13)]
    source = "\n".join(
        [f'participant "compute service {k:02d} (destination host)" as {n}'
         for k, n in enumerate(names)] + ["participant single_word_identifier_name"] +
        [f"{a}->{b}: x" for a, b in zip(names, names[1:])])
    g = geometry(source)
    multi = [life.head_label.lines for life in g.lifelines[:-1]]
    assert all(len(lines) > 1 for lines in multi)
    assert all(" ".join(lines) == f"compute service {k:02d} (destination host)"
               for k, lines in enumerate(multi))
    assert g.lifelines[-1].head_label.lines == ("single_word_identifier_name",)
    assert problems(g) == []
    # A diagram that fits with its names on one line keeps them so.
    small = geometry("\n".join(source.splitlines()[:3]))
    assert all(len(life.head_label.lines) == 1 for life in small.lifelines)


PARTS = [f"p{k:02d}" for k in range(14)]
PHRASE = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join)


@st.composite
def wide_statement(draw):
    a, b = draw(st.sampled_from(PARTS)), draw(st.sampled_from(PARTS))
    text = draw(st.lists(PHRASE, min_size=1, max_size=3).map("\\n".join))
    kind = draw(st.integers(0, 8))
    if kind <= 2:
        arrow = draw(st.sampled_from(["->", "-->", "->>", "->+", "-->-"]))
        return f"{a}{arrow}{b}: {text}"
    if kind == 3:
        where = draw(st.sampled_from(["over", "left of", "right of"]))
        return f"note {where} {a}: {text}"
    if kind == 4:
        return f"note over {a},{b}: {text}" if a != b else f"note over {a}: {text}"
    if kind == 5:
        return f"{draw(st.sampled_from(['alt', 'opt', 'loop']))} {text.split(chr(92))[0]}"
    if kind == 6:
        return "end"
    if kind == 7:
        return f"{draw(st.sampled_from(['activate', 'deactivate']))} {a}"
    return "# nova/compute/manager.py ComputeManager.build"


@settings(max_examples=100, deadline=None)
@given(st.lists(wide_statement(), min_size=1, max_size=40))
def test_wrapped_wide_diagrams_keep_every_invariant(statements):
    source = "\n".join([f"participant \"service {p}\" as {p}" for p in PARTS] + statements)
    d, diags = diagram(source)
    if any(x.severity == "error" for x in diags):
        return   # a stray 'end': not what this test is about
    g = layout.layout(d)
    assert problems(g) == []
