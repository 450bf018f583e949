"""The width table, the served font files and the SVG's font name agree."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import wsd
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[2]


def _builder():
    spec = importlib.util.spec_from_file_location(
        "build_font_metrics", ROOT / "scripts" / "build_font_metrics.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_table_is_what_the_shipped_font_measures():
    builder = _builder()
    committed = json.loads(builder.METRICS.read_text(encoding="utf-8"))
    assert builder.measure(builder.TTF) == committed


def test_woff2_and_ttf_hold_the_same_glyph_widths():
    woff2, ttf = (TTFont(p) for p in wsd.font_files())
    assert woff2.flavor == "woff2"
    widths = [{cp: f["hmtx"][g][0] for cp, g in f.getBestCmap().items()} for f in (woff2, ttf)]
    assert widths[0] == widths[1]
    assert len(widths[0]) > 300


def test_svg_names_the_family_of_the_shipped_font_first():
    family = TTFont(wsd.font_files()[1])["name"].getBestFamilyName()
    assert wsd.FONT_FAMILY.split(",")[0].strip("'\" ") == family


def test_subset_has_no_kerning_or_ligatures():
    # The layout adds plain advance widths; the font must not draw otherwise.
    font = TTFont(wsd.font_files()[1])
    assert "kern" not in font
    for tag in ("GPOS", "GSUB"):
        if tag in font:
            features = font[tag].table.FeatureList
            assert features is None or features.FeatureCount == 0, tag


def test_licence_ships_with_the_font():
    text = (ROOT / "hooks" / "wsd" / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text
