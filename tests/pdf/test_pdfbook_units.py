"""The book's pieces on controlled input: outline, links, HTML writer, diagram slicing."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import wsd
from owsite.releases import Catalog
from pdfbook import diagrams, editions, geometry, markup, outline, pages

ROOT = Path(__file__).resolve().parents[2]

SVG = "{http://www.w3.org/2000/svg}"
DIAGRAMS = sorted((ROOT / "diagrams").rglob("*.wsd"))


def test_outline_follows_nav_order_levels_and_translations():
    nav = [{"首页": "index.md"},
           {"指南": [{"项目由来": "guide/history.md"}, "guide/boot.md"]},
           {"外部": "https://example.org/"}]
    en = outline.Language("en", "English", "en/", "OpenStack Workflow", {"首页": "Home", "指南": "Guides"})
    entries = outline.entries(nav, en)
    assert [(e.level, e.title, e.src) for e in entries] == [
        (1, "Home", "index.md"),
        (1, "Guides", None),
        (2, "项目由来", "guide/history.md"),
        (2, None, "guide/boot.md"),
    ]
    assert [(e.url, e.key) for e in entries if e.src] == [
        ("", "p-index"), ("guide/history/", "p-guide-history"), ("guide/boot/", "p-guide-boot")]


@pytest.mark.parametrize("href, expected", [
    ("../boot/", "#p-guide-boot"),
    ("../boot/#s1", "#p-guide-boot--s1"),
    ("#states", "#p-guide-history--states"),
    ("../../nova/pause/index.html", "#p-nova-pause"),
    ("https://github.com/openstack/nova/blob/12.0.0/nova/compute/api.py#L1", ""),
    ("../../en/guide/boot/", None),          # the other language: not in this book
    ("../../assets/x.svg", None),            # a file the book does not hold
])
def test_links_become_book_links(href, expected):
    keys = {"guide/boot/": "p-guide-boot", "guide/history/": "p-guide-history",
            "nova/pause/": "p-nova-pause"}
    assert pages._book_target(href, "https://book.invalid/guide/history/", keys) == expected


def test_a_link_to_the_other_books_page_goes_to_the_website():
    keys = {"guide/boot/": "p-guide-boot"}
    web = {"liberty/nova/boot/": "https://example.org/site/liberty/nova/boot/"}
    base = "https://book.invalid/guide/history/"
    assert pages._book_target("../../liberty/nova/boot/#s2", base, keys, web) == \
        "https://example.org/site/liberty/nova/boot/#s2"
    assert pages._book_target("../../liberty/nova/boot/", base, keys, web) == \
        "https://example.org/site/liberty/nova/boot/"
    assert pages._book_target("../boot/", base, keys, web) == "#p-guide-boot"


def test_each_release_series_has_its_book_and_the_nav_is_split_by_release():
    catalog = Catalog.load()
    current, *others = editions.editions(catalog)
    assert current.current and current.series == catalog.newest(catalog.default_project).series
    liberty = next(e for e in others if e.series == "Liberty")
    assert current.file_name("zh") == "openstack-workflow-zh.pdf"
    assert liberty.file_name("en") == "openstack-workflow-liberty-en.pdf"
    nav = [{"首页": "index.md"},
           {"指南": [{"创建": "guide/boot.md"}]},
           {"Nova": [{"暂停": "nova/pause.md"}]},
           {"Liberty": [{"暂停": "liberty/nova/pause.md"}, {"Sahara": ["sahara/create-cluster.md"]}]},
           {"参考": ["reading-list.md"]}]
    titles = lambda items: [next(iter(i)) for i in items]  # noqa: E731
    assert titles(editions.nav_of(nav, current, catalog)) == ["首页", "指南", "Nova", "参考"]
    assert titles(editions.nav_of(nav, liberty, catalog)) == ["指南", "Liberty"]
    assert editions.edition_of_page(catalog, "sahara/create-cluster.md") == liberty
    assert editions.edition_of_page(catalog, "liberty/nova/boot.md") == liberty
    assert editions.edition_of_page(catalog, "cinder/create-volume.md") == current


def test_relink_prefixes_ids_and_unwraps_dead_links(tmp_path):
    html = tmp_path / "index.html"
    html.write_text('<html><body><article class="md-content__inner md-typeset">'
                    '<a class="md-content__button" href="edit">edit</a>'
                    '<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>'
                    '<h2 id="s">Sec</h2><p>see <a href="../other/">other</a> and '
                    '<a href="/en/x/">gone</a> now</p></article></body></html>', encoding="utf-8")
    chapter = pages.load(html, "p-a")
    pages.relink(chapter, "a/", tmp_path, {"a/": "p-a", "other/": "p-other"})
    out = markup.write(chapter.article)
    assert chapter.title == "Title"
    assert 'id="p-a"' in out and 'id="p-a--s"' in out
    assert 'href="#p-other"' in out
    assert "gone now" in out and "/en/x/" not in out
    assert "edit" not in out and "¶" not in out


def test_writer_keeps_html_void_elements_and_svg_style_intact():
    root = markup.parse('<div><p>a<br>b</p><div></div><svg viewBox="0 0 1 1"><style>.a>.b{fill:red}</style>'
                        '<text>x &amp; y</text></svg><style>p>q{}</style></div>')
    div = next(root.iter("div"))
    out = markup.write(div)
    assert "<br>" in out and "</br>" not in out
    assert "<div></div>" in out
    assert 'xmlns="http://www.w3.org/2000/svg"' in out
    assert "x &amp; y" in out
    assert ".a&gt;.b" in out        # foreign content: entities are decoded again by the parser
    assert "<style>p>q{}</style>" in out  # HTML raw text stays raw


def test_path_extent_reads_absolute_and_relative_commands():
    el = ET.Element("path", {"d": "M 10 20 L 30 40 v 10 h 5 C 1 2 3 4 5 60 Z"})
    assert geometry.extent(el) == (2.0, 60.0)


def _rendered(path: Path) -> ET.Element:
    return ET.fromstring(wsd.render(path.read_text(encoding="utf-8"), filename=str(path)).svg)


@pytest.mark.parametrize("path", DIAGRAMS, ids=[p.stem for p in DIAGRAMS])
def test_every_diagram_fits_a_page_at_7pt_and_is_cut_between_rows(path):
    svg = _rendered(path)
    width, height = diagrams._size(svg)
    fit = diagrams.fit(width, diagrams.smallest_font(svg), 0)
    assert diagrams.smallest_font(svg) * fit.scale * diagrams.PT_PER_PX >= 7.0
    budget = diagrams._body_height_mm(fit.css_class) * diagrams.PX_PER_MM / fit.scale
    _, head_top, head_bottom = diagrams._header(svg)
    cuts = diagrams.cuts(svg, budget, budget - (head_bottom - head_top))
    bounds = [0.0, *cuts, height]
    assert all(b - a <= budget + 0.01 for a, b in zip(bounds, bounds[1:]))
    for el, (top, bottom), can_cut in diagrams._parts(svg):
        if can_cut:
            continue
        for cut in cuts:
            assert not (top < cut < bottom), f"{path.name}: cut at {cut:.0f} runs through {el.get('class')}"


def test_a_tall_diagram_repeats_the_participants_on_every_continuation():
    svg = _rendered(ROOT / "diagrams" / "nova" / "liberty" / "boot.wsd")
    names = {"".join(t.itertext()) for t in svg.iter(SVG + "text")
             if "wsd-participant-label" in (t.get("class") or "")}
    pieces = diagrams.slices(svg, 0.8, 240)
    assert len(pieces) >= 3
    for piece in pieces[1:]:
        header = list(piece)[-2]
        shown = {"".join(t.itertext()) for t in header.iter(SVG + "text")}
        assert shown == names


def test_tabs_and_details_are_unfolded_for_paper(tmp_path):
    html = tmp_path / "index.html"
    html.write_text('<html><body><article class="md-content__inner">'
                    '<div class="tabbed-set"><input type="radio"><input type="radio">'
                    '<div class="tabbed-labels"><label>Result</label><label>Source</label></div>'
                    '<div class="tabbed-content"><div class="tabbed-block"><p>drawn</p></div>'
                    '<div class="tabbed-block"><pre>text</pre></div></div></div>'
                    '<details><summary>more</summary><p>hidden</p></details>'
                    '</article></body></html>', encoding="utf-8")
    out = markup.write(pages.load(html, "p-x").article)
    assert "<input" not in out and "tabbed-labels" not in out
    assert out.index(">Result<") < out.index("drawn") < out.index(">Source<") < out.index("text")
    assert '<details open="open">' in out


def test_an_appendix_follows_the_pages_in_the_contents_the_outline_and_the_text(tmp_path):
    from pdfbook import book, render
    from pypdf import PdfReader

    page = tmp_path / "guide" / "index.html"
    page.parent.mkdir()
    page.write_text('<html><body><nav>site nav</nav><article class="md-content__inner md-typeset">'
                    '<h1 id="t">Guide page</h1><p>Body of the guide.</p></article></body></html>',
                    encoding="utf-8")
    language = outline.Language("en", "English", "", "Book", {})
    entries = [outline.Entry(1, None, "guide/index.md")]
    extra = [book.Appendix("State index", "<p>Every state, <code>ACTIVE</code> first.</p>")]
    source = book.assemble(language, entries, tmp_path, "Nova 33.0.2 (2026.1)", "2026-12-05",
                           lambda _msg: None, "2026.1", {}, extra)
    sections = [s for s in source.tree.iter("section") if "chapter" in s.get("class", "")]
    assert [s.get("data-key") for s in sections] == ["p-guide", "appendix-1"]
    out = tmp_path / "book.pdf"
    done = render.write_pdf(source.tree, out, tmp_path.as_uri() + "/", "", source.page_css,
                            lambda _msg: None)
    reader = PdfReader(str(out))
    text = "".join(p.extract_text() for p in reader.pages)
    assert "site nav" not in text
    assert text.index("Body of the guide.") < text.index("Every state")
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[-1].endswith("State index"), titles
    assert done.pages == len(reader.pages) >= 4   # cover, contents, the page, the appendix


def test_an_appendix_that_replaces_a_nav_page_takes_its_place_and_its_links(tmp_path):
    from pdfbook import book

    page = tmp_path / "guide" / "index.html"
    page.parent.mkdir()
    page.write_text('<html><body><article class="md-content__inner md-typeset">'
                    '<h1 id="t">Guide page</h1><p><a href="../states/#task_state-migrating">migrating</a>'
                    '</p></article></body></html>', encoding="utf-8")
    language = outline.Language("en", "English", "", "Book", {})
    # The index page comes first in the nav and has no built file: it is not read at all.
    entries = [outline.Entry(1, None, "states/index.md"), outline.Entry(1, None, "guide/index.md")]
    extra = [book.Appendix("State index", '<h3 id="p-states--task_state-migrating">migrating</h3>',
                           replaces="states/")]
    source = book.assemble(language, entries, tmp_path, "Nova 33.0.2 (2026.1)", "2026-12-05",
                           lambda _msg: None, "2026.1", {}, extra)
    sections = [s for s in source.tree.iter("section") if "chapter" in s.get("class", "")]
    assert [s.get("data-key") for s in sections] == ["p-guide", "p-states"]
    assert source.pages == 1
    links = [a.get("href") for a in source.tree.iter("a")]
    assert "#p-states--task_state-migrating" in links
    ids = [el.get("id") for el in source.tree.iter() if el.get("id")]
    assert ids.count("p-states") == 1 and "p-states--task_state-migrating" in ids


def test_an_appendix_cannot_replace_a_page_the_book_does_not_have(tmp_path):
    from pdfbook import book

    language = outline.Language("en", "English", "", "Book", {})
    extra = [book.Appendix("State index", "<p>x</p>", replaces="liberty/states/")]
    with pytest.raises(ValueError, match="liberty/states/"):
        book.assemble(language, [], tmp_path, "r", "d", lambda _msg: None, "2026.1", {}, extra)
