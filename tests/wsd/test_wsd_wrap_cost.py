"""The shortcuts that keep wrapping cheap on huge diagrams change no output (wrap.py).

wrap.py skips a wrapping step when columns placed from a floor of each text's
wrapped width are already too wide, and its balanced wrap skips greedy runs
whose outcome it can tell in advance. These tests hold those shortcuts to the
plain algorithm: a bisection that runs greedy at every width, and a layout
that tries every step.
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import wsd
from hypothesis import given, settings
from hypothesis import strategies as st
from wsd import spacing as S
from wsd import wrap
from wsd.columns import place_columns
from wsd.measure import text_width
from wsd_helpers import diagram

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bench_render import diagram as shaped_source  # noqa: E402

WORDS = ["a", "of", "GET", "host", "instance", "task_state=spawning", "resources",
         "/v2.1/servers/{id}/action", "block_device_mapping", "x" * 40,
         "instance_mappings.cell_mapping=<cell>", "云主机", "placement"]
EPS = 1e-6
CUTS = re.compile(r"[^/.,_(:=&?]*[/.,_(:=&?]+|[^/.,_(:=&?]+")


def plain_greedy(words: list[str], width: float, size: float, split: bool) -> list[str]:
    # Written from the rule, not from wrap.py: fill each line while the sum of
    # word and space widths stays under the width; a lone word wider than the
    # width is cut after code punctuation when splitting is allowed.
    space = text_width(" ", size)
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in words:
        w = text_width(word, size)
        if line and used + space + w <= width - EPS:
            line.append(word)
            used += space + w
            continue
        if line:
            lines.append(" ".join(line))
        if w <= width - EPS or not split:
            line, used = [word], w
            continue
        chunk = ""
        for cut in CUTS.findall(word):
            if chunk and text_width(chunk + cut, size) > width - EPS:
                lines.append(chunk)
                chunk = cut
            else:
                chunk += cut
        line, used = [chunk], text_width(chunk, size)
    lines.append(" ".join(line))
    return lines


def plain_wrap(line: str, width: float, size: float, split: bool) -> list[str]:
    if text_width(line, size) <= width:
        return [line]
    words = [w for w in line.split(" ") if w]
    best = plain_greedy(words, width, size, split)
    lo = max((text_width(w, size) for w in words if text_width(w, size) <= width), default=0.0)
    hi = width
    while hi - lo > 1.0:
        mid = (lo + hi) / 2
        trial = plain_greedy(words, mid, size, split)
        if len(trial) <= len(best):
            best, hi = trial, mid
        else:
            lo = mid
    return best


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=16),
       st.floats(20, 420), st.sampled_from([S.FONT, S.PART_FONT]), st.booleans(),
       st.booleans())
def test_balanced_wrap_matches_the_plain_bisection(words, width, size, split, double):
    line = " ".join(words)
    if double:
        line = line.replace(" ", "  ", 1)
    assert wrap.wrap_line(line, width, size, split) == plain_wrap(line, width, size, split)


def test_balanced_wrap_matches_the_plain_bisection_on_many_random_lines():
    # Hypothesis shrinks towards short lines; the shortcuts matter on lines of
    # several words just over the width, so sweep those too.
    rng = random.Random(13)
    for _ in range(6000):
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 12)))
        width = text_width(line, S.FONT) * rng.uniform(0.25, 1.05)
        split = rng.random() < 0.7
        assert wrap.wrap_line(line, width, S.FONT, split) == plain_wrap(line, width, S.FONT,
                                                                         split), (line, width)


def statement(rng: random.Random, parts: list[str]) -> str:
    a, b = rng.choice(parts), rng.choice(parts)
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 14)))
    kind = rng.randrange(4)
    if kind == 0:
        return f"{a}->{b}: {text}"
    if kind == 1:
        return f"note {rng.choice(['over', 'left of', 'right of'])} {a}: {text}"
    if kind == 2:
        return f"note over {a},{b}: {text}" if a != b else f"{a}->{a}: {text}"
    return f"{a}-->{b}: {text}\\n{rng.choice(WORDS)}"


def random_source(seed: int) -> str:
    rng = random.Random(seed)
    parts = [f"p{k:02d}" for k in range(rng.randint(4, 14))]
    names = [f'participant "service {p}" as {p}' if rng.random() < 0.5 else f"participant {p}"
             for p in parts]
    return "\n".join(names + [statement(rng, parts) for _ in range(rng.randint(5, 60))]) + "\n"


def sources() -> list[str]:
    # Random wide diagrams, and ones shaped like the project's, from a few
    # statements to enough that no step can fit.
    out = [random_source(seed) for seed in range(40)]
    out += [shaped_source(random.Random(n), 0, n, 11) for n in (30, 120, 400, 1500)]
    return out


def test_floors_never_exceed_what_each_step_wraps_to_and_grow_with_the_minimum():
    for source in sources():
        d, _ = diagram(source)
        cols = place_columns(d)
        blank = place_columns(d, [0.0] * len(d.rows))
        previous = None
        for min_w in reversed(S.WRAP_MIN_STEPS):
            floors = wrap._floors(d, cols.text_w, min_w)
            _, made = wrap._candidate(d, blank, min_w, cols.text_w, {})
            assert all(f <= w + 1e-3 for f, w in zip(floors, made.text_w)), (source, min_w)
            if previous is not None:
                assert all(a <= b for a, b in zip(previous, floors))
            previous = floors


def render_all(skip_steps: bool) -> list[str]:
    real = wrap._too_wide
    if not skip_steps:
        wrap._too_wide = lambda d, floors: False
    try:
        return [wsd.render(source).svg for source in sources()]
    finally:
        wrap._too_wide = real


def test_skipping_steps_changes_no_diagram():
    skipped = []
    real = wrap._too_wide

    def counting(d, floors):
        too_wide = real(d, floors)
        skipped.append(too_wide)
        return too_wide

    wrap._too_wide = counting
    try:
        with_skips = [wsd.render(source).svg for source in sources()]
    finally:
        wrap._too_wide = real
    assert any(skipped), "no step was skipped: the test shows nothing"
    assert not all(skipped), "every check skipped: the test shows little"
    assert with_skips == render_all(skip_steps=False)
