"""In a real browser: language switch, search, diagrams, dark palette, full-screen view."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent.parent
DOCS = ROOT / "docs"
INCLUDE_RE = re.compile(r'--8<--\s+"(diagrams/[^"]+\.wsd)"')


def diagram_pages(language: str) -> list[str]:
    """Site paths (relative to the language root) of every page that shows a diagram."""
    found = []
    for md in sorted((DOCS / language).rglob("*.md")):
        if INCLUDE_RE.search(md.read_text(encoding="utf-8")) or "```sequence" in md.read_text(encoding="utf-8"):
            rel = md.relative_to(DOCS / language).with_suffix("")
            found.append("" if rel.as_posix() == "index" else
                         (rel.parent.as_posix() + "/" if rel.name == "index" else rel.as_posix() + "/"))
    return found


# Pages the build generates with no Markdown source: their text is read from the built HTML.
GENERATED_PAGES = ["states/", "liberty/states/"]
ARTICLE_RE = re.compile(r"<article\b.*?</article>", re.S)
TAG_RE = re.compile(r"<[^>]+>")


def pages_mentioning(language: str, word: str, built_site: Path | None = None) -> dict[str, int]:
    """Site path -> how often the page mentions ``word``.

    Written pages are counted in their Markdown; with ``built_site`` the generated
    pages are counted in the text of their built article."""
    prefix = "" if language == "zh" else "en/"
    hits = {}
    for generated in GENERATED_PAGES if built_site else []:
        html = (built_site / prefix / generated / "index.html").read_text(encoding="utf-8")
        article = ARTICLE_RE.search(html)
        assert article, f"no article in {prefix}{generated}"
        count = TAG_RE.sub(" ", article.group(0)).lower().count(word.lower())
        if count:
            hits[prefix + generated] = count
    for md in (DOCS / language).rglob("*.md"):
        count = md.read_text(encoding="utf-8").lower().count(word.lower())
        if count:
            rel = md.relative_to(DOCS / language).with_suffix("")
            path = "" if rel.name == "index" and rel.parent == Path(".") else (
                rel.parent.as_posix() + "/" if rel.name == "index" else rel.as_posix() + "/")
            hits[prefix + path] = count
    return hits


def site_path(url: str, site_url: str) -> str:
    return url.split("#")[0].split("?")[0][len(site_url):]


def open_page(new_page, site_url, path, **options):
    page = new_page(**options)
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("start, other", [("liberty/nova/pause/", "en/liberty/nova/pause/"),
                                          ("en/liberty/nova/pause/", "liberty/nova/pause/"),
                                          ("nova/live-migrate/", "en/nova/live-migrate/"),
                                          ("en/cinder/attach-volume/", "cinder/attach-volume/")])
def test_the_language_switch_keeps_the_page(new_page, site_url, start, other):
    page = open_page(new_page, site_url, start)
    target_lang = "en" if other.startswith("en/") else "zh"
    page.hover(".md-header__option .md-select")
    page.click(f'.md-select__link[hreflang="{target_lang}"]')
    page.wait_for_load_state("load")
    assert site_path(page.url, site_url) == other
    assert page.evaluate("document.documentElement.lang") == target_lang
    assert page.foreign_requests == []


@pytest.mark.parametrize("start, other", [("nova/live-migrate/", "liberty/nova/live-migrate/"),
                                          ("en/liberty/nova/boot/", "en/nova/boot/"),
                                          ("en/guide/boot/", "en/liberty/guide/boot/")])
def test_the_release_switch_lands_on_the_same_page_in_the_same_language(new_page, site_url, start, other):
    page = open_page(new_page, site_url, start)
    bar = page.locator(".ow-release")
    assert bar.is_visible()
    title_bottom = page.locator("h1").first.bounding_box()
    assert bar.bounding_box()["y"] >= title_bottom["y"]  # named near the title, under it
    bar.locator(".ow-release__switch").click()
    page.wait_for_load_state("load")
    assert site_path(page.url, site_url) == other
    assert page.locator(".ow-release").is_visible()
    assert page.foreign_requests == []


def search(page, query: str) -> list[str]:
    field = page.locator(".md-search__input")
    if not field.is_visible():  # narrow layouts hide the field behind the search icon
        page.click('label[for="__search"]')
    field.click()
    # Material searches on keyup, which fill() does not send: End sends one.
    field.fill("")
    field.press("End")
    page.wait_for_selector(".md-search-result__item", state="detached")
    field.fill(query)
    field.press("End")
    page.wait_for_selector(".md-search-result__item a", state="attached")
    page.wait_for_timeout(300)  # let the release-badge observer run on the rendered batch
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


@pytest.mark.parametrize("language, start, query", [
    # Issue 13: 调度 used to be cut to 调 and matched pages that only say 调整 or 调用.
    ("zh", "", "调度"),
    ("en", "en/", "scheduler"),
])
def test_search_finds_the_right_pages_in_the_readers_language_first(
        new_page, site_url, built_site, language, start, query):
    page = open_page(new_page, site_url, start)
    hits = [site_path(h, site_url) for h in search(page, query)]
    assert hits, f"no result for {query!r}"
    languages = ["en" if h.startswith("en/") else "zh" for h in hits]
    assert languages[0] == language
    # Every result in the reader's language comes before any in the other one.
    assert languages == sorted(languages, key=lambda l: l != language)
    expected = pages_mentioning(language, query, built_site)
    mine = [h.split("#")[0] for h, l in zip(hits, languages) if l == language]
    assert mine and set(mine) <= set(expected), (mine, expected)
    # The page that mentions it most is among the results shown.
    assert max(expected, key=expected.get) in mine, (mine, expected)


def test_search_hits_name_their_release(new_page, site_url):
    page = open_page(new_page, site_url, "en/")
    search(page, "pause")
    # The first link of each item is the page; its title carries the badge.
    rows = page.eval_on_selector_all(
        ".md-search-result__item > a:first-child",
        "els => els.map(e => [e.href, (e.querySelector('.ow-search-release') || {}).textContent || ''])")
    labelled = {site_path(href, site_url): badge for href, badge in rows}
    liberty = [b for h, b in labelled.items() if h.startswith("en/liberty/nova/")]
    current = [b for h, b in labelled.items() if h.startswith("en/nova/")]
    assert liberty and set(liberty) == {"Nova Liberty"}, labelled
    assert current and set(current) == {"Nova 2026.1"}, labelled


MEASURE_JS = """
(svg) => {
  const problems = [];
  const view = svg.viewBox.baseVal;
  const inside = (b, box, slack) => b.x >= box.x - slack && b.y >= box.y - slack &&
      b.x + b.width <= box.x + box.width + slack && b.y + b.height <= box.y + box.height + slack;
  const BOXES = ["wsd-note", "wsd-participant", "wsd-frame-tab"];
  for (const text of svg.querySelectorAll("text")) {
    const b = text.getBBox();
    const label = text.textContent.slice(0, 40);
    if (!inside(b, view, 0.5)) { problems.push(`outside the diagram: ${label}`); continue; }
    let node = text.parentNode.tagName === "a" ? text.parentNode : text;
    let prev = node.previousElementSibling;
    while (prev && prev.classList.contains("wsd-note-fold")) prev = prev.previousElementSibling;
    if (prev && prev.classList.contains("wsd-label-back")) {
      // A group label sits on a patch that hides the frame line behind it. The
      // patch must span the text's width; the text's whole box (the em box,
      // taller than the ink) must stay inside the group's frame.
      const patch = prev.getBBox();
      if (b.x < patch.x - 0.5 || b.x + b.width > patch.x + patch.width + 0.5)
        problems.push(`wider than its label patch: ${label}`);
      const frames = [...svg.querySelectorAll("rect.wsd-frame")].map(f => f.getBBox());
      if (!frames.some(f => inside(patch, f, 0.5) && inside(b, f, 0.5)))
        problems.push(`leaves its group frame: ${label}`);
    } else if (prev && BOXES.some(c => prev.classList.contains(c))) {
      if (!inside(b, prev.getBBox(), 0.5)) problems.push(`overflows its ${prev.getAttribute("class")}: ${label}`);
    } else if (text.classList.contains("wsd-label") && prev && prev.classList.contains("wsd-head")) {
      const line = prev.previousElementSibling;
      if (line && line.tagName === "line") {
        const x1 = Math.min(line.x1.baseVal.value, line.x2.baseVal.value);
        const x2 = Math.max(line.x1.baseVal.value, line.x2.baseVal.value);
        if (b.x < x1 - 0.5 || b.x + b.width > x2 + 0.5) problems.push(`wider than its arrow: ${label}`);
      }
    }
  }
  return problems;
}
"""


def test_every_diagram_is_visible_and_no_text_leaves_its_box(new_page, site_url):
    pages = diagram_pages("zh") + ["en/" + p for p in diagram_pages("en")[:3]]
    assert pages, "no page shows a diagram"
    page = new_page()
    problems = []
    for path in pages:
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        page.evaluate("document.fonts.ready.then(() => true)")
        svgs = page.locator(".wsd-figure svg.wsd")
        assert svgs.count() >= 1, f"{path}: no diagram"
        for i in range(svgs.count()):
            svg = svgs.nth(i)
            svg.scroll_into_view_if_needed()
            assert svg.is_visible(), f"{path}: diagram {i} is not visible"
            box = svg.bounding_box()
            assert box and box["width"] > 50 and box["height"] > 50, f"{path}: diagram {i} has no size"
            problems += [f"{path} #{i}: {p}" for p in svg.evaluate(MEASURE_JS)]
    # The diagram font comes from this site, not a font host.
    assert page.evaluate("""[...document.fonts].some(
        f => f.family.replace(/["']/g, "") === "Noto Sans" && f.status === "loaded")""")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:60])
    assert page.foreign_requests == []


def _colours(page):
    return page.eval_on_selector(".wsd-figure svg.wsd", """svg => ({
        background: getComputedStyle(svg.querySelector('.wsd-background')).fill,
        participant: getComputedStyle(svg.querySelector('.wsd-participant')).fill,
        label: getComputedStyle(svg.querySelector('text')).fill,
        page: getComputedStyle(document.body).backgroundColor})""")


def _luminance(rgb: str) -> float:
    r, g, b = (int(v) for v in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_the_dark_palette_recolours_diagrams(new_page, site_url):
    light = _colours(open_page(new_page, site_url, "liberty/nova/pause/", color_scheme="light"))
    dark_page = open_page(new_page, site_url, "liberty/nova/pause/", color_scheme="dark")
    assert dark_page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    dark = _colours(dark_page)
    assert _luminance(light["background"]) > 200
    assert _luminance(dark["background"]) < 60, "a white box on a dark page"
    assert _luminance(dark["label"]) > 150, "dark text on a dark diagram"
    assert dark["participant"] != light["participant"]


def test_the_source_toggle_shows_the_wsd_text(new_page, site_url):
    page = open_page(new_page, site_url, "liberty/nova/pause/")
    source = page.locator(".wsd-figure .wsd-source").first
    code = source.locator("pre")
    assert not code.is_visible()
    source.locator("summary").click()
    assert code.is_visible()
    assert "title " in code.inner_text()


def test_the_overflow_check_catches_a_text_leaving_its_box(new_page, site_url):
    # Guard for the check above: shrink one note and one participant box and it must complain.
    page = open_page(new_page, site_url, "liberty/nova/pause/")
    svg = page.locator(".wsd-figure svg.wsd").first
    assert svg.evaluate(MEASURE_JS) == []
    svg.evaluate("""svg => {
        const note = svg.querySelector("polygon.wsd-note");
        note.setAttribute("points", "0,0 1,0 1,1 0,1");
        svg.querySelector("rect.wsd-participant").setAttribute("width", "3");
    }""")
    problems = svg.evaluate(MEASURE_JS)
    assert any("overflows its wsd-note" in p for p in problems), problems
    assert any("overflows its wsd-participant" in p for p in problems), problems
