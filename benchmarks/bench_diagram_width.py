"""Benchmark: how wide every operation diagram is, and how many fit a laptop.

    python benchmarks/bench_diagram_width.py [--list]

Renders every `diagrams/**/*.wsd` (each project and release) with the
repository's renderer and prints each diagram's natural SVG width, then the
share that fits at a 1440 px and at a 1920 px wide window.

The rule (issue 13, item 1): the page gives a diagram the full content width
and scales it down as long as its text stays at least MIN_TEXT_PX CSS px. The
renderer sets diagram text at `spacing.FONT` px, so a diagram fits a window
when  width * MIN_TEXT_PX / FONT <= usable width  of that window.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from wsd import layout, model, parse, spacing  # noqa: E402
from wsd.diagnostics import Reporter  # noqa: E402

# Usable width for the diagram at each window width, in CSS px: the window
# less the vertical scrollbar, the page's side padding and the diagram's own
# frame (about 60 px in all), as the `fit` page layout gives it.
USABLE_PX = {1440: 1380.0, 1920: 1860.0}
# The smallest text size the page may scale diagram text down to.
MIN_TEXT_PX = 10.0


def natural_width(path: Path) -> float:
    text = path.read_text(encoding="utf-8")
    report = Reporter(str(path))
    return layout.layout(model.build(parse.parse(text, report), report)).width


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--list", action="store_true", help="print every diagram's width")
    args = ap.parse_args()
    paths = sorted(ROOT.glob("diagrams/**/*.wsd"))
    if not paths:
        print("no diagrams found", file=sys.stderr)
        return 1
    widths = {p: natural_width(p) for p in paths}
    limits = {screen: usable * spacing.FONT / MIN_TEXT_PX
              for screen, usable in USABLE_PX.items()}
    if args.list:
        for p, w in sorted(widths.items(), key=lambda item: -item[1]):
            marks = " ".join(("fits" if w <= lim else "----") + f"@{s}"
                             for s, lim in limits.items())
            print(f"{w:8.1f}  {marks}  {p.relative_to(ROOT / 'diagrams')}")
    values = sorted(widths.values())
    print(f"diagrams: {len(values)}  font: {spacing.FONT:g} px  min text: {MIN_TEXT_PX:g} px")
    print(f"natural width px: min {values[0]:.0f}  median {values[len(values) // 2]:.0f}  "
          f"max {values[-1]:.0f}")
    for screen, limit in limits.items():
        fit = sum(1 for w in values if w <= limit)
        print(f"fit at {screen}: {fit}/{len(values)} = {100 * fit / len(values):.1f}%  "
              f"(natural width <= {limit:.0f} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
