"""Stage 4 and the public API: the SVG itself."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import wsd

SVG = "{http://www.w3.org/2000/svg}"
ALLOWED = {"svg", "rect", "line", "path", "polygon", "text", "tspan", "g", "defs", "marker",
           "a", "style", "title"}
EXAMPLE = """# @release nova 12.0.0
title Pause <script>alert(1)</script> & "quotes"
participant "nova-api" as api
# nova/compute/api.py API.pause()
client->+api: POST /servers/{id}/action
note over api: policy
# nova/compute/rpcapi.py ComputeAPI.pause_instance
api->>compute: pause_instance
api-->-client: 202
"""


def tree(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_root_attributes_and_only_allowed_elements():
    out = wsd.render(EXAMPLE)
    root = tree(out.svg)
    assert root.tag == SVG + "svg"
    assert root.get("class") == "wsd" and root.get("role") == "img"
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert float(root.get("width")) == pytest.approx(out.width, abs=0.1)
    assert float(root.get("height")) == pytest.approx(out.height, abs=0.1)
    assert root.get("aria-label") == out.title
    assert root.find(SVG + "title").text == out.title
    used = {el.tag.removeprefix(SVG) for el in root.iter()}
    assert used <= ALLOWED, used - ALLOWED
    assert "foreignObject" not in out.svg and "<script" not in out.svg


def test_text_is_escaped_and_shown_as_written():
    out = wsd.render(EXAMPLE)
    assert out.title == 'Pause <script>alert(1)</script> & "quotes"'
    texts = "".join(el.text or "" for el in tree(out.svg).iter(SVG + "tspan"))
    assert "<script>alert(1)</script>" in texts


def test_no_external_references_without_links():
    svg = wsd.render(EXAMPLE).svg
    assert "href" not in svg and "url(" not in svg and "@import" not in svg


def test_ids_carry_the_prefix_and_differ_per_diagram():
    a = wsd.render(EXAMPLE).svg
    b = wsd.render(EXAMPLE + "note over api: more\n").svg
    ids_a = re.findall(r'\bid="([^"]+)"', a)
    ids_b = re.findall(r'\bid="([^"]+)"', b)
    assert ids_a and ids_b
    prefix_a = ids_a[0]
    assert all(i.startswith(prefix_a) for i in ids_a)
    assert not set(ids_a) & set(ids_b)
    custom = wsd.render(EXAMPLE, id_prefix="fig-3").svg
    assert all(i.startswith("fig-3") for i in re.findall(r'\bid="([^"]+)"', custom))


def test_output_is_byte_for_byte_stable():
    assert wsd.render(EXAMPLE).svg == wsd.render(EXAMPLE).svg


def test_every_class_colour_reads_a_custom_property_with_a_default():
    svg = wsd.render(EXAMPLE + "alt a\nA->A: x\nelse b\nend\n").svg
    root = tree(svg)
    style = root.find(SVG + "style").text
    plain, _, themed = style.partition("@supports (fill:var(--wsd-a)){")
    # Outside @supports only the font: WeasyPrint reads those rules and
    # cannot resolve var(), so colours there would print black.
    assert plain.startswith(".wsd text{font-family:" + wsd.FONT_FAMILY)
    assert "var(" not in plain and "fill" not in plain
    decls = re.findall(r"(fill|stroke):([^;}]+)", themed)
    assert len(decls) > 10
    for prop, value in decls:
        assert re.fullmatch(r"var\(--wsd-[a-z-]+,#[0-9a-f]{6}\)", value), (prop, value)
    painted = {el.get("class").split()[0] for el in root.iter()
               if el.get("fill", "none") != "none" or el.get("stroke")}
    assert painted
    for cls in painted:
        assert f".wsd .{cls}{{" in themed, cls


def test_font_family_names_the_measured_font_first_and_files_exist():
    assert wsd.FONT_FAMILY.startswith("'Noto Sans',")
    files = wsd.font_files()
    assert {f.suffix for f in files} == {".woff2", ".ttf"}
    for f in files:
        assert f.is_file() and f.stat().st_size > 10_000


def test_links_wrap_referenced_steps():
    seen = []

    def resolve(ref, directives):
        seen.append((ref.path, ref.name, directives.get("release")))
        return f"https://example.test/{ref.path}#{ref.name}"

    out = wsd.render(EXAMPLE, resolve=resolve)
    assert seen == [("nova/compute/api.py", "API.pause", "nova 12.0.0"),
                    ("nova/compute/rpcapi.py", "ComputeAPI.pause_instance", "nova 12.0.0")]
    links = [a for a in tree(out.svg).iter(SVG + "a")]
    # Two steps after the first reference, two after the second.
    assert sorted(a.get("href") for a in links) == [
        "https://example.test/nova/compute/api.py#API.pause"] * 2 + [
        "https://example.test/nova/compute/rpcapi.py#ComputeAPI.pause_instance"] * 2
    assert all(a.get("class") == "wsd-ref" for a in links)
    titles = {a.get("href"): a.find(SVG + "title").text for a in links}
    assert titles["https://example.test/nova/compute/api.py#API.pause"] == \
        "nova/compute/api.py API.pause"


def test_resolve_returning_none_gives_no_link():
    out = wsd.render(EXAMPLE, resolve=lambda ref, d: None)
    assert "<a " not in out.svg


def test_unknown_reference_is_an_error_at_its_line():
    def resolve(ref, directives):
        if ref.name == "API.pause":
            raise LookupError("nova/compute/api.py has no API.pause in nova 12.0.0")

    with pytest.raises(wsd.WsdError) as info:
        wsd.render(EXAMPLE, filename="p.wsd", resolve=resolve)
    (d,) = info.value.diagnostics
    assert str(d) == "p.wsd:4:1: error: nova/compute/api.py has no API.pause in nova 12.0.0"


def test_rendered_carries_directives_refs_and_warnings():
    out = wsd.render(EXAMPLE + "deactivate nobody_active\nactivate api\n", filename="x.wsd")
    assert out.directives == {"release": "nova 12.0.0"}
    assert [(r.path, r.name, r.line, r.col) for r in out.refs] == [
        ("nova/compute/api.py", "API.pause", 4, 1),
        ("nova/compute/rpcapi.py", "ComputeAPI.pause_instance", 7, 1)]
    assert [w.severity for w in out.warnings] == ["warning", "warning"]
    assert all(str(w).startswith("x.wsd:") for w in out.warnings)


def test_error_lists_every_diagnostic_one_per_line():
    with pytest.raises(wsd.WsdError) as info:
        wsd.render("A->B: x\nbogus line\nactivate B\nelse\n", filename="e.wsd")
    err = info.value
    assert str(err).splitlines() == [str(d) for d in err.diagnostics]
    assert [(d.line, d.severity) for d in err.diagnostics] == [
        (2, "error"), (3, "warning"), (4, "error")]


def test_diagnostic_format():
    d = wsd.Diagnostic("f.wsd", 3, 7, "warning", "something")
    assert str(d) == "f.wsd:3:7: warning: something"


def test_actor_and_destroy_and_dashed_lines_are_drawn():
    svg = wsd.render("actor User as u\nu->+s: go\ns-->>-u: done\ndestroy s").svg
    root = tree(svg)
    classes = {el.get("class") for el in root.iter()}
    assert {"wsd-actor", "wsd-destroy", "wsd-message wsd-dashed", "wsd-head-open"} <= classes
