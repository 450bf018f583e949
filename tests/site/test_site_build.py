"""The real site, built once with ``mkdocs build --strict`` (fixture ``site_build``)."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from mkdocs_run import LANGUAGES, ROOT, log_records
from site_html import html_pages, scan

DOCS = ROOT / "docs"
SITE_PATH = urlsplit(yaml.safe_load(
    re.sub(r"!!python\S*|!ENV", "", (ROOT / "mkdocs.yml").read_text(encoding="utf-8")))["site_url"]).path
INCLUDE_RE = re.compile(r'^\s*--8<--\s+"(diagrams/[^"]+\.wsd)"\s*$', re.M)
FENCE_RE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*sequence\b.*?^\1\2\s*$", re.M | re.S)


def markdown_pages(language: str) -> set[str]:
    base = DOCS / language
    return {p.relative_to(base).as_posix() for p in base.rglob("*.md")}


def built_page(site: Path, language: str, md: str) -> Path:
    rel = Path(md).with_suffix("")
    out = rel.parent if rel.name == "index" else rel
    base = site if language == "zh" else site / language
    return base / out / "index.html"


def test_strict_build_passes_with_no_warning(site_build):
    assert site_build.returncode == 0, site_build.output[-4000:]
    problems = log_records(site_build.output, "WARNING") + log_records(site_build.output, "ERROR")
    assert problems == []


def test_both_languages_have_the_same_pages():
    zh, en = markdown_pages("zh"), markdown_pages("en")
    assert zh, "docs/zh has no pages"
    assert sorted(zh - en) == [], "pages only in docs/zh"
    assert sorted(en - zh) == [], "pages only in docs/en"


def test_every_page_is_built_in_both_languages(built_site):
    for md in markdown_pages("zh"):
        for language in LANGUAGES:
            assert built_page(built_site, language, md).is_file(), (language, md)


def test_both_languages_have_the_same_headings_and_ids(built_site):
    # Sections (h2 and below) must match in level, order and id, so a link to
    # `page.md#states` works in either language. The h1 is the page title.
    mismatched = []
    for md in sorted(markdown_pages("zh") & markdown_pages("en")):
        zh = [h for h in scan(built_page(built_site, "zh", md)).headings if h[0] != "h1"]
        en = [h for h in scan(built_page(built_site, "en", md)).headings if h[0] != "h1"]
        if zh != en:
            mismatched.append(f"{md}: zh {zh} != en {en}")
    assert not mismatched, "\n".join(mismatched)


def test_root_404_is_chinese_and_carries_english_for_english_addresses(built_site):
    page = built_site / "404.html"
    text = page.read_text(encoding="utf-8")
    assert scan(page).lang == "zh"
    # Chinese first; the English block is shown only for /en/ addresses (chrome.css, html[lang]).
    assert "页面不存在" in text and text.index("页面不存在") < text.index("Page not found")
    english = (built_site / "en" / "404.html").read_text(encoding="utf-8")
    assert scan(built_site / "en" / "404.html").lang == "en"
    assert "Page not found" in english and "页面不存在" not in english


def test_pages_declare_their_language(built_site):
    for md in sorted(markdown_pages("zh")):
        assert scan(built_page(built_site, "zh", md)).lang == "zh", md
        assert scan(built_page(built_site, "en", md)).lang == "en", md


def _local_target(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points at, or None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    page_url = "/" + page.relative_to(site).as_posix()
    if page.name == "404.html":
        # A 404 page's links are relative to the <base> its first script writes: the site's root.
        page_url = "/index.html"
    absolute = urljoin(page_url, parts.path) if parts.path else page_url
    if parts.path.startswith("/"):
        if not absolute.startswith(SITE_PATH):
            return (site / "__outside_site__", "")
        absolute = "/" + absolute[len(SITE_PATH):]
    target = site / unquote(absolute).lstrip("/")
    if absolute.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(built_site):
    broken = []
    ids_of: dict[Path, set[str]] = {}
    for page in html_pages(built_site):
        scanned = scan(page)
        for href in scanned.links + scanned.loads:
            found = _local_target(built_site, page, href)
            if found is None:
                continue
            target, fragment = found
            if target.parent == built_site / "pdf" and target.suffix == ".pdf":
                continue  # the books are written by `make pdf`; tests/pdf checks these links
            if not target.is_file():
                broken.append(f"{page.relative_to(built_site)}: {href} (no {target.relative_to(built_site)})")
                continue
            if fragment and target.suffix == ".html":
                if target not in ids_of:
                    ids_of[target] = set(scan(target).ids)
                if fragment not in ids_of[target]:
                    broken.append(f"{page.relative_to(built_site)}: {href} (no id {fragment!r})")
    assert broken == []


def test_no_page_loads_anything_from_another_host(built_site):
    foreign = []
    for page in html_pages(built_site):
        for url in scan(page).loads:
            for candidate in url.split(","):  # srcset lists
                candidate = candidate.strip().split(" ")[0]
                if urlsplit(candidate).netloc or candidate.startswith("//"):
                    foreign.append(f"{page.relative_to(built_site)}: {candidate}")
    for sheet in built_site.rglob("*.css"):
        for url in re.findall(r"""(?:url\(|@import\s+)['"]?((?:https?:)?//[^'")\s]+)""",
                              sheet.read_text(encoding="utf-8", errors="replace")):
            foreign.append(f"{sheet.relative_to(built_site)}: {url}")
    assert foreign == []


def test_no_id_appears_twice_in_a_page(built_site):
    repeated = {}
    for page in html_pages(built_site):
        twice = sorted(i for i, n in Counter(scan(page).ids).items() if n > 1)
        if twice:
            repeated[page.relative_to(built_site).as_posix()] = twice
    assert repeated == {}


def _included_diagrams(md: Path) -> list[str]:
    text = md.read_text(encoding="utf-8")
    return [inc for fence in FENCE_RE.finditer(text) for inc in INCLUDE_RE.findall(fence.group(0))]


def test_every_page_that_shows_a_diagram_contains_its_svg(built_site):
    checked = 0
    for language in LANGUAGES:
        for md in sorted(markdown_pages(language)):
            wanted = _included_diagrams(DOCS / language / md)
            figures = scan(built_page(built_site, language, md)).figures
            assert not [f for f in figures if f.get("error")], f"{language}/{md} shows a diagram error"
            shown = [f["file"] for f in figures if f["svg"]]
            for diagram in wanted:
                assert diagram in shown, f"{language}/{md} should show {diagram}"
                checked += 1
    assert checked > 0, "no page includes a diagram"


def test_every_operation_diagram_is_shown_in_both_languages():
    shown = {lang: {d for md in markdown_pages(lang) for d in _included_diagrams(DOCS / lang / md)}
             for lang in LANGUAGES}
    assert shown["zh"] == shown["en"]
    on_disk = {p.relative_to(ROOT).as_posix() for p in (ROOT / "diagrams").rglob("*.wsd")}
    assert sorted(on_disk - shown["zh"]) == [], "diagrams no page shows"


def test_diagram_downloads_and_font_are_in_the_site(built_site):
    page = built_page(built_site, "zh", "liberty/nova/pause.md")
    figure_links = [h for h in scan(page).links if h.endswith(".svg")]
    assert figure_links, "the pause page has no SVG download link"
    target, _ = _local_target(built_site, page, figure_links[0])
    svg = target.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and re.search(r'<svg\b[^>]*class="wsd"', svg)
    sheet = (built_site / "assets/stylesheets/wsd-fonts.css").read_text(encoding="utf-8")
    for font in re.findall(r'url\("\.\./fonts/([^"]+)"\)', sheet):
        assert (built_site / "assets/fonts" / font).stat().st_size > 1000


def test_each_language_has_its_own_search_index_without_zero_width_characters(built_site):
    # ow-search (issue 13): one index per language, plain text; Material's merged index is gone.
    assert not (built_site / "search/search_index.json").exists()
    for lang, prefix in (("zh", ""), ("en", "en/")):
        raw = (built_site / "search" / f"{lang}.json").read_text(encoding="utf-8")
        assert not re.search("[\u200b\u200c\u200d\u2060\ufeff]", raw), lang
        index = json.loads(raw)
        assert index["config"]["lang"] == [lang]
        urls = [url for url, _ in index["docs"]]
        assert urls and all(url.startswith("en/") == (lang == "en") for url in urls), lang
        assert f"{prefix}nova/pause/" in urls


def test_language_switch_links_point_at_the_same_page(built_site):
    page = built_page(built_site, "zh", "liberty/nova/pause.md")
    text = page.read_text(encoding="utf-8")
    assert re.search(r'href="[^"]*/en/liberty/nova/pause/"[^>]*hreflang="en"', text), "no switch to en"


def test_no_page_shows_an_empty_banner(built_site):
    # overrides/main.html leaves the announce block empty unless partials/downloads.html exists.
    banner = re.compile(r'<div class="md-banner__inner[^"]*">(.*?)</div>', re.S)
    for page in html_pages(built_site):
        for inner in banner.findall(page.read_text(encoding="utf-8")):
            assert re.sub(r"<[^>]+>|\s", "", inner), f"{page.relative_to(built_site)}: empty banner"


SWITCH_RE = re.compile(r'<p class="ow-release" data-release="([^"]+)">(.*?)</p>', re.S)
HREF_RE = re.compile(r'class="ow-release__switch" href="([^"]+)"')


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_nova_operation_page_switches_to_the_same_page_at_the_other_release(built_site, language):
    pairs = 0
    for md in sorted(markdown_pages("zh")):
        if not (md.startswith("nova/") or md.startswith("liberty/nova/")):
            continue
        page = built_page(built_site, language, md)
        found = SWITCH_RE.search(page.read_text(encoding="utf-8"))
        assert found, f"{language} {md}: no release bar"
        assert found.group(1) == ("nova 12.0.0" if md.startswith("liberty/") else "nova 33.0.2") \
            or md == "liberty/nova/trigger-crash-dump.md"
        hrefs = HREF_RE.findall(found.group(2))
        assert len(hrefs) == 1, (language, md, hrefs)
        target = (page.parent / hrefs[0]).resolve() / "index.html"
        other = md.removeprefix("liberty/") if md.startswith("liberty/") else f"liberty/{md}"
        if (DOCS / language / other).is_file():
            assert target == built_page(built_site, language, other).resolve(), (language, md, hrefs)
            pairs += 1
        else:
            assert target.is_file(), (language, md, hrefs)
    assert pairs >= 80  # 43 operations and the index at 2026.1, 44 and the index at Liberty


def test_pages_of_a_single_release_project_name_it_without_a_switch(built_site):
    text = built_page(built_site, "en", "cinder/create-volume.md").read_text(encoding="utf-8")
    found = SWITCH_RE.search(text)
    assert found and found.group(1) == "cinder 28.0.0"
    assert "Cinder 28.0.0 (2026.1)" in found.group(2)
    assert HREF_RE.findall(found.group(2)) == []


def test_pages_about_the_site_carry_no_release_bar(built_site):
    for md in ("index.md", "contributing.md", "reading-list.md"):
        assert 'class="ow-release"' not in built_page(built_site, "zh", md).read_text(encoding="utf-8"), md


def test_every_page_carries_the_release_labels_for_search_results(built_site):
    text = built_page(built_site, "zh", "nova/pause.md").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="ow-releases">(.*?)</script>', text)
    assert found
    labels = json.loads(found.group(1))
    assert labels["liberty/"] == "Nova Liberty" and labels["nova/"] == "Nova 2026.1"
