"""The MkDocs plugins in-process: options, and each plugin's work on controlled input."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import wsd
from mkdocs.config import load_config
from mkdocs.structure.files import Files
from owsite.diagrams.cache import DiagramCache, key_for
from owsite.diagrams.plugin import DiagramsPlugin
from owsite.diagrams.render import DiagramRenderer, OnlineOptions
from owsite.diagrams.sources import DiagramSources, normalise
from owsite.i18n_fixes.plugin import I18nFixesPlugin
from owsite.pdf.plugin import PdfPlugin
from owsite.releases import Catalog
from owsite.site_assets.plugin import SiteAssetsPlugin, font_face_css
from owsite.source_links.plugin import SourceLinksPlugin, rewrite_links
from owsite.upstream import Upstream

UPSTREAM = Upstream(Catalog.load())
DIAGRAM = "# @release nova 12.0.0\ntitle T\n# nova/compute/api.py API.pause\na->b: go\n"


def configured(plugin, **options):
    errors, warnings = plugin.load_config(options)
    return plugin, errors, warnings


@pytest.mark.parametrize("plugin_class", [DiagramsPlugin, SourceLinksPlugin, I18nFixesPlugin,
                                          SiteAssetsPlugin, PdfPlugin])
def test_every_plugin_loads_with_its_defaults_and_has_an_enabled_switch(plugin_class):
    plugin, errors, warnings = configured(plugin_class())
    assert errors == [] and warnings == []
    assert isinstance(plugin.config.enabled, bool)


@pytest.mark.parametrize("option, value", [
    ("backend", "cloud"), ("online_retries", "two"), ("online_timeout", "soon"), ("enabled", "yes")])
def test_a_bad_diagram_option_is_a_config_error_naming_it(option, value):
    _, errors, _ = configured(DiagramsPlugin(), **{option: value})
    assert [name for name, _ in errors] == [option]


def test_the_pdf_switch_reads_the_environment_value_as_yaml_gives_it():
    assert configured(PdfPlugin(), enabled=1)[0].config.enabled is True
    assert configured(PdfPlugin(), enabled=0)[0].config.enabled is False
    assert configured(PdfPlugin(), enabled="on")[1][0][0] == "enabled"


def test_cache_keeps_entries_in_memory_and_on_disk(tmp_path):
    cache = DiagramCache(tmp_path)
    key = key_for("a", "b")
    assert key != key_for("ab", "") and cache.get(key) is None
    cache.put(key, {"svg": "<svg/>"})
    assert DiagramCache(tmp_path).get(key) == {"svg": "<svg/>"}
    next(tmp_path.rglob("*.json")).write_text("{broken")
    assert DiagramCache(tmp_path).get(key) is None


def test_renderer_renders_once_then_reuses_and_resolves_at_the_release(tmp_path):
    renderer = DiagramRenderer(DiagramCache(tmp_path), OnlineOptions("u", "s", 1.0, 0), "fp", UPSTREAM)
    first = renderer.local(DIAGRAM, "d.wsd", "wsd-x")
    again = renderer.local(DIAGRAM, "d.wsd", "wsd-x")
    assert first == again and (renderer.rendered, renderer.reused) == (1, 1)
    assert "/nova/blob/12.0.0/nova/compute/api.py#L" in first["svg"]


def test_a_diagram_without_release_follows_the_page(tmp_path):
    renderer = DiagramRenderer(DiagramCache(tmp_path), OnlineOptions("u", "s", 1.0, 0), "fp", UPSTREAM)
    text = DIAGRAM.replace("# @release nova 12.0.0\n", "")
    liberty = renderer.local(text, "d.wsd", "wsd-x", UPSTREAM.catalog.get("nova", "12.0.0"))
    newest = renderer.local(text, "d.wsd", "wsd-x", UPSTREAM.catalog.get("nova", "33.0.2"))
    assert "/blob/12.0.0/" in liberty["svg"] and "/blob/33.0.2/" in newest["svg"]


def test_renderer_refuses_a_release_directive_not_in_the_data(tmp_path):
    renderer = DiagramRenderer(DiagramCache(tmp_path), OnlineOptions("u", "s", 1.0, 0), "fp", UPSTREAM)
    with pytest.raises(wsd.WsdError) as caught:
        renderer.local(DIAGRAM.replace("nova 12.0.0", "../symbols/nova 12.0.0"), "d.wsd", "wsd-x")
    assert [(d.line, d.severity) for d in caught.value.diagnostics] == [(1, "error")]


def test_sources_name_the_diagram_file_or_the_page_line(tmp_path):
    (tmp_path / "diagrams/nova").mkdir(parents=True)
    (tmp_path / "diagrams/nova/pause.wsd").write_text(DIAGRAM + "\n\n")
    sources = DiagramSources(tmp_path)
    sources.scan()
    origin = sources.locate(DIAGRAM, "docs/zh/p.md", None)
    assert (origin.filename, origin.diagram, origin.diagnostic(2, 1, "error", "x")) == \
        ("diagrams/nova/pause.wsd", "nova/pause", "diagrams/nova/pause.wsd:2:1: error: x")
    page = "# P\n\n```sequence\na->b: x\n```\n"
    inline = sources.locate("a->b: x\n", "docs/zh/p.md", page)
    assert inline.diagnostic(1, 1, "error", "x") == "docs/zh/p.md:4:1: error: x"
    assert normalise("a\r\nb  \n\n") == "a\nb"


def test_src_links_are_rewritten_or_reported_with_their_line():
    html = '<p><a href="src:nova/compute/api.py#API.pause">a</a> <a href="src:nova/nope.py">b</a></p>'
    raw = "# P\n\n[a](src:nova/compute/api.py#API.pause)\n[b](src:nova/nope.py)\n"
    out, errors = rewrite_links(html, UPSTREAM, UPSTREAM.catalog.get("nova", "12.0.0"), raw, "docs/zh/p.md")
    assert 'href="https://github.com/openstack/nova/blob/12.0.0/nova/compute/api.py#L' in out
    assert 'class="src-link src-link--broken"' in out
    assert errors == ["docs/zh/p.md:4:5: error: unknown source link src:nova/nope.py: "
                      "nova/nope.py does not exist in nova 12.0.0"]


def test_each_broken_src_link_is_reported_at_its_own_line_and_column():
    html = '<p><a href="src:nova/nope.py">b</a></p><p><a href="src:nova/nope.py">c</a></p>'
    raw = "# P\n\nSee `src:nova/nope.py` below.\n\n- [b](src:nova/nope.py)\n- x [c]( src:nova/nope.py )\n"
    _, errors = rewrite_links(html, UPSTREAM, UPSTREAM.catalog.get("nova", "12.0.0"), raw, "docs/zh/p.md")
    assert [e.split(": error")[0] for e in errors] == ["docs/zh/p.md:5:7", "docs/zh/p.md:6:10"]


def test_the_root_404_of_the_default_language_is_restored(tmp_path):
    plugin, _, _ = configured(I18nFixesPlugin())
    i18n = SimpleNamespace(is_default_language_build=True)
    config = SimpleNamespace(site_dir=str(tmp_path), plugins={"i18n": i18n},
                             site_url="https://example.org/openstack-workflow/")
    (tmp_path / "en").mkdir()
    (tmp_path / "404.html").write_text("<head></head>zh")
    save, restore = sorted(plugin.on_post_build.methods, key=lambda m: -m.mkdocs_priority)
    save(config)
    (tmp_path / "404.html").write_text("<head></head>en")
    restore(config)
    root, english = (tmp_path / "404.html").read_text(), (tmp_path / "en" / "404.html").read_text()
    assert root.endswith("</head>zh") and english.endswith("</head>en")  # the English page kept beside
    assert "__owNotFound" in root and "__owNotFound" in english  # both made mount-independent


def test_site_assets_add_the_fonts_and_their_sheet(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - ow-site-assets\n")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    files = config.plugins.on_files(Files([]), config=config)
    names = sorted(f.src_uri for f in files)
    assert "assets/stylesheets/wsd-fonts.css" in names
    assert {Path(f).name for f in wsd.font_files()} <= {Path(n).name for n in names}
    css = font_face_css([Path("a.woff2"), Path("b.ttf"), Path("c.txt")], "'F'")
    assert 'url("../fonts/a.woff2") format("woff2"), url("../fonts/b.ttf") format("truetype")' in css


def test_the_fingerprint_covers_the_code_that_writes_entries():
    import owsite.diagrams.render as render
    from owsite.diagrams.render import renderer_fingerprint
    wsd_dir = Path(wsd.__file__).resolve().parent
    glue_dir = Path(render.__file__).resolve().parent
    assert renderer_fingerprint() == renderer_fingerprint(wsd_dir, glue_dir) != renderer_fingerprint(wsd_dir)


def test_no_exception_escapes_the_fence_formatter(tmp_path):
    plugin, _, _ = configured(DiagramsPlugin())
    plugin.renderer = DiagramRenderer(DiagramCache(tmp_path), OnlineOptions("u", "s", 1.0, 0), "fp", UPSTREAM)
    plugin.sources = DiagramSources(tmp_path)

    # An entry the rest of the fence cannot use fails after the guarded render call.
    plugin.renderer.local = lambda *args, **kwargs: {"warnings": 5}
    html = plugin._format(DIAGRAM, "sequence", "wsd", {}, None)
    assert 'class="admonition failure wsd-error"' in html
    assert any("error: diagram not rendered: TypeError" in m for m in plugin.reported)


def test_the_svg_map_is_emptied_after_each_build(tmp_path):
    plugin, _, _ = configured(DiagramsPlugin())
    plugin.renderer = DiagramRenderer(DiagramCache(tmp_path), OnlineOptions("u", "s", 1.0, 0), "fp", UPSTREAM)
    plugin.sources = DiagramSources(tmp_path)
    for n in range(3):
        plugin._format(DIAGRAM.replace("go", f"go {n}"), "sequence", "wsd", {}, None)
    assert len(plugin.svgs) == 3
    summarise = min(plugin.on_post_build.methods, key=lambda m: m.mkdocs_priority)
    summarise(SimpleNamespace(site_dir=str(tmp_path)))
    assert plugin.svgs == {}


def test_an_unwritable_cache_keeps_the_entry_in_memory(tmp_path):
    (tmp_path / "ro").write_text("a file, so nothing can be made under it (even by root)")
    cache = DiagramCache(tmp_path / "ro" / "wsd")
    cache.put("ab" * 32, {"svg": "<svg/>"})
    assert cache.get("ab" * 32) == {"svg": "<svg/>"} and cache.write_error
