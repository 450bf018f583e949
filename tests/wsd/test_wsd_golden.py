"""Golden SVGs: exact output for a few diagrams that were looked at by eye.

After a deliberate change, regenerate with WSD_UPDATE_GOLDEN=1, render the
new files to PNG (rsvg-convert FILE.svg -o FILE.png) and look at them before
committing.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import wsd

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(p.stem for p in GOLDEN.glob("*.wsd"))


def _resolve(ref, directives):
    return f"https://github.com/openstack/nova/blob/12.0.0/{ref.path}#L1"


@pytest.mark.parametrize("name", CASES)
def test_golden(name):
    source = GOLDEN / f"{name}.wsd"
    out = wsd.render(source.read_text(encoding="utf-8"), filename=f"{name}.wsd",
                     id_prefix=f"golden-{name}", resolve=_resolve, step_prefix=name)
    expected = GOLDEN / f"{name}.svg"
    if os.environ.get("WSD_UPDATE_GOLDEN"):
        expected.write_text(out.svg, encoding="utf-8")
    assert expected.is_file(), f"no golden for {name}; run with WSD_UPDATE_GOLDEN=1"
    assert out.svg == expected.read_text(encoding="utf-8")


def test_golden_set_covers_the_quirks():
    assert {"pause", "features", "quirks"} <= set(CASES)
    out = wsd.render((GOLDEN / "quirks.wsd").read_text(encoding="utf-8"), filename="quirks.wsd")
    assert [w.line for w in out.warnings] == [6, 7, 7, 9, 10, 15]
