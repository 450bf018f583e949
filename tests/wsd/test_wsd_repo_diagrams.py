"""Every diagram in the repository renders and keeps the layout invariants."""
from __future__ import annotations

from pathlib import Path

import pytest
import wsd
from wsd import layout, model, parse
from wsd.diagnostics import Reporter
from wsd_invariants import problems

ROOT = Path(__file__).resolve().parents[2]
DIAGRAMS = sorted(ROOT.glob("diagrams/**/*.wsd"))


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT / "diagrams"))


@pytest.mark.skipif(not DIAGRAMS, reason="no diagrams in the repository yet")
@pytest.mark.parametrize("path", DIAGRAMS, ids=_id)
def test_diagram_renders_and_keeps_invariants(path):
    text = path.read_text(encoding="utf-8")
    try:
        wsd.render(text, filename=str(path.relative_to(ROOT)))
    except wsd.WsdError as err:
        pytest.fail(str(err), pytrace=False)
    report = Reporter(str(path))
    g = layout.layout(model.build(parse.parse(text, report), report))
    assert problems(g) == []
