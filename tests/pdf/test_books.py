"""The two books as a reader gets them: text, fonts, outline, type size."""
from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

pytestmark = pytest.mark.pdf

LOCALES = ("zh", "en")

SVG_TEXT = "{http://www.w3.org/2000/svg}text"
MIN_PT = 7.0


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def site_pages(site, locale):
    root = site if locale == "zh" else site / "en"
    for html in sorted(root.rglob("index.html")):
        rel = html.relative_to(root).as_posix()
        if locale == "zh" and rel.startswith("en/"):
            continue
        if rel.startswith(("search/", "assets/")) or rel == "404.html":
            continue
        yield html


def article_of(html_file):
    import tinyhtml5
    root = tinyhtml5.parse(html_file.read_bytes(), namespace_html_elements=False)
    for el in root.iter("article"):
        if "md-content__inner" in el.get("class", ""):
            return el
    raise AssertionError(f"{html_file}: no article")


def headings(article):
    for el in article.iter():
        if el.tag in ("h1", "h2"):
            text = "".join(el.itertext()).replace("¶", "").strip()
            if text:
                yield text


def diagram_labels(article):
    for svg_text in article.iter(SVG_TEXT):
        for line in svg_text:
            text = "".join(line.itertext()).strip()
            if text:
                yield text


@pytest.mark.parametrize("locale", LOCALES)
def test_book_exists_and_says_where(books, locale):
    pdf = books.pdf(locale)
    assert pdf.is_file() and pdf.stat().st_size > 100_000
    assert str(pdf) in books.log, "pdfbook should say where it wrote each book"
    assert PdfReader(str(pdf)).pages[0].extract_text().strip(), "the cover has text"


@pytest.mark.parametrize("locale", LOCALES)
def test_text_holds_every_heading_and_diagram_label(books, locale):
    text = squash(pdf_text(books.pdf(locale)))
    missing, checked_pages, checked_labels = [], 0, 0
    for html in site_pages(books.site, locale):
        article = article_of(html)
        checked_pages += 1
        for heading in headings(article):
            if squash(heading) not in text:
                missing.append(f"{html}: heading {heading!r}")
        for label in diagram_labels(article):
            checked_labels += 1
            if squash(label) not in text:
                missing.append(f"{html}: diagram label {label!r}")
    assert checked_pages >= 50 and checked_labels > 1000
    assert not missing, "\n".join(missing[:40])


def book_fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font the pages and their form XObjects use: base name -> whether its program is embedded."""
    fonts: dict[str, bool] = {}
    seen: set[int] = set()

    def embedded(font: DictionaryObject) -> bool:
        if font.get("/Subtype") == "/Type3":
            return True  # glyphs are drawn by content streams inside the PDF
        if font.get("/Subtype") == "/Type0":
            font = font["/DescendantFonts"][0].get_object()
        descriptor = font.get("/FontDescriptor")
        return descriptor is not None and any(
            key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))

    def walk(resources) -> None:
        if isinstance(resources, IndirectObject):
            if resources.idnum in seen:
                return
            seen.add(resources.idnum)
        resources = resources.get_object() if resources is not None else None
        if not resources:
            return
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            fonts[str(font.get("/BaseFont", "?"))] = embedded(font)
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.get_object().get("/Subtype") == "/Form":
                walk(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return fonts


@pytest.mark.parametrize("locale", LOCALES)
def test_every_font_is_embedded(books, locale):
    fonts = book_fonts(PdfReader(str(books.pdf(locale))))
    assert fonts, "the book uses fonts"
    assert [name for name, ok in fonts.items() if not ok] == []
    names = " ".join(fonts)
    assert "Noto-Sans-CJK-SC" in names or "NotoSansCJKsc" in names, names
    assert "JP" not in names, "the Japanese CJK variant must not be used"


def _outline_titles(reader):
    def walk(items):
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield item.title
    return list(walk(reader.outline))


@pytest.mark.parametrize("locale", LOCALES)
def test_outline_has_every_nav_page(books, locale):
    titles = [squash(t) for t in _outline_titles(PdfReader(str(books.pdf(locale))))]
    pages = list(site_pages(books.site, locale))
    missing = []
    for html in pages:
        h1 = next(headings(article_of(html)))
        if not any(t.endswith(squash(h1)) for t in titles):
            missing.append(h1)
    assert len(titles) > len(pages)
    assert not missing, missing


@pytest.mark.skipif(shutil.which("mutool") is None, reason="mupdf-tools is installed by make test")
@pytest.mark.parametrize("locale", LOCALES)
def test_no_text_smaller_than_7pt(books, locale, tmp_path):
    stext = tmp_path / "book.stext"
    subprocess.run(["mutool", "draw", "-q", "-F", "stext", "-o", str(stext), str(books.pdf(locale))],
                   check=True, capture_output=True)
    sizes = [float(font.get("size")) for font in ET.parse(stext).iter("font")]
    assert len(sizes) > 1000
    assert min(sizes) >= MIN_PT - 0.01, f"smallest text {min(sizes):.2f} pt"


@pytest.mark.parametrize("locale", LOCALES)
def test_links_between_pages_stay_inside_the_book(books, locale):
    reader = PdfReader(str(books.pdf(locale)))
    internal = external = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            action = a.get("/A")
            if a.get("/Dest") is not None or (action and action.get("/S") == "/GoTo"):
                internal += 1
            elif action and action.get("/S") == "/URI":
                uri = action["/URI"]
                assert uri.startswith(("http://", "https://", "mailto:")), uri
                assert "book.invalid" not in uri and not uri.startswith("file:"), uri
                external += 1
    assert internal > 100, "table of contents and cross references jump inside the PDF"
    assert external > 100, "links to upstream code stay clickable"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_page_links_the_book_of_its_language(books, locale):
    from urllib.parse import urljoin
    wrong = []
    for html in site_pages(books.site, locale):
        hrefs = re.findall(r'<a class="ow-pdf" href="([^"]+)"', html.read_text(encoding="utf-8"))
        page_url = "https://site.invalid/" + html.relative_to(books.site).as_posix()
        targets = {urljoin(page_url, h) for h in hrefs}
        if targets != {f"https://site.invalid/pdf/openstack-workflow-{locale}.pdf"}:
            wrong.append(f"{html.relative_to(books.site)}: {sorted(targets)}")
    assert not wrong, "\n".join(wrong[:20])
    assert books.pdf(locale).is_file()
