"""Build the diagram font and its width table for the renderer in hooks/wsd/.

    python scripts/build_font_metrics.py                       # re-measure the shipped font
    python scripts/build_font_metrics.py --source NotoSans-Regular.ttf   # re-subset, then measure

The renderer measures text from ``hooks/wsd/fonts/metrics.json`` and the site
serves the font files next to it, so the browser and the PDF draw exactly the
widths the layout used. Layout features (kerning, ligatures) are removed from
the subset: with them a renderer could draw a line narrower or wider than the
sum of advance widths we measured.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONT_DIR = ROOT / "hooks" / "wsd" / "fonts"
TTF = FONT_DIR / "NotoSans-WSD.ttf"
WOFF2 = FONT_DIR / "NotoSans-WSD.woff2"
METRICS = FONT_DIR / "metrics.json"

# Latin text, punctuation and a few symbols diagrams use; CJK and anything
# else falls back to the reader's fonts and is measured by East Asian Width.
RANGES = [(0x20, 0x7E), (0xA0, 0x17F), (0x2010, 0x2027), (0x2030, 0x203A),
          (0x20AC, 0x20AC), (0x2122, 0x2122), (0x2190, 0x2199), (0x2212, 0x2212),
          (0x2260, 0x2265)]


def make_subset(source: Path) -> None:
    font = TTFont(source)
    cmap = font.getBestCmap()
    wanted = [cp for lo, hi in RANGES for cp in range(lo, hi + 1) if cp in cmap]
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    for flavor, target in ((None, TTF), ("woff2", WOFF2)):
        # Keep the source's timestamp so a rebuild gives the same bytes.
        font = TTFont(source, recalcTimestamp=False)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=wanted)
        subsetter.subset(font)
        font.flavor = flavor
        font.save(target)
        print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size} bytes)")


def runs(widths: dict[int, int]) -> list[list]:
    """[[first codepoint, [width, ...]], ...] over consecutive codepoints."""
    out: list[list] = []
    for cp in sorted(widths):
        if out and out[-1][0] + len(out[-1][1]) == cp:
            out[-1][1].append(widths[cp])
        else:
            out.append([cp, [widths[cp]]])
    return out


def measure(font_path: Path) -> dict:
    font = TTFont(font_path)
    hmtx = font["hmtx"]
    widths = {cp: hmtx[glyph][0] for cp, glyph in font.getBestCmap().items()}
    family = font["name"].getBestFamilyName()
    return {
        "family": family,
        "file": font_path.name,
        "units_per_em": font["head"].unitsPerEm,
        "ascent": font["hhea"].ascent,
        "descent": -font["hhea"].descent,
        "cap_height": font["OS/2"].sCapHeight,
        "widths": runs(widths),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="full TTF to subset (e.g. Debian's "
                        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf)")
    args = parser.parse_args(argv)
    if args.source:
        make_subset(args.source)
    if not TTF.is_file():
        print(f"{TTF} is missing; run with --source FONT.ttf", file=sys.stderr)
        return 1
    table = measure(TTF)
    METRICS.write_text(json.dumps(table, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {METRICS.relative_to(ROOT)} ({sum(len(r[1]) for r in table['widths'])} code points)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
