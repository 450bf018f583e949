"""The four books as a reader gets them: text, fonts, outline, type size, size on disk,
and which pages each holds (the current release's or Liberty's, guides in both)."""
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
# "zh" is the current release's Chinese book, "liberty-zh" Liberty's.
BOOKS = ("zh", "en", "liberty-zh", "liberty-en")
# Site folders whose pages are in the Liberty books; guide/ is in every book.
LIBERTY_FOLDERS = ("liberty/", "sahara/")
SHARED_FOLDERS = ("guide/",)
MAX_BYTES = 20_000_000
SITE_URL = "https://openstack-workflow.github.io/openstack-workflow/"  # mkdocs.yml's site_url


def locale_of(book: str) -> str:
    return book.rsplit("-", 1)[-1]


def in_book(rel: str, book: str) -> bool:
    """Whether the site page at ``rel`` (under its language root) belongs in ``book``."""
    if rel.startswith(SHARED_FOLDERS):
        return True
    return rel.startswith(LIBERTY_FOLDERS) == book.startswith("liberty-")

SVG_TEXT = "{http://www.w3.org/2000/svg}text"
MIN_PT = 7.0


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


# The state index pages: each book prints its release's index as an appendix in
# their place (test_the_state_index_is_the_books_appendix).
STATE_INDEX_PAGES = ("states/index.html", "liberty/states/index.html")


def site_pages(site, locale, book=None):
    """The built pages of ``locale``; with ``book``, only those printed as chapters of it."""
    root = site if locale == "zh" else site / "en"
    for html in sorted(root.rglob("index.html")):
        rel = html.relative_to(root).as_posix()
        if locale == "zh" and rel.startswith("en/"):
            continue
        if rel.startswith(("search/", "assets/", "pdf/")) or rel == "404.html":
            continue
        if book is not None and (not in_book(rel, book) or rel in STATE_INDEX_PAGES):
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


@pytest.mark.parametrize("book", BOOKS)
def test_book_exists_and_says_where(books, book):
    pdf = books.pdf(book)
    assert pdf.is_file() and 100_000 < pdf.stat().st_size < MAX_BYTES
    assert str(pdf) in books.log, "pdfbook should say where it wrote each book"
    assert PdfReader(str(pdf)).pages[0].extract_text().strip(), "the cover has text"


@pytest.mark.parametrize("book", BOOKS)
def test_text_holds_every_heading_and_diagram_label(books, book):
    text = squash(pdf_text(books.pdf(book)))
    missing, checked_pages, checked_labels = [], 0, 0
    for html in site_pages(books.site, locale_of(book), book):
        article = article_of(html)
        checked_pages += 1
        for heading in headings(article):
            if squash(heading) not in text:
                missing.append(f"{html}: heading {heading!r}")
        for label in diagram_labels(article):
            checked_labels += 1
            if squash(label) not in text:
                missing.append(f"{html}: diagram label {label!r}")
    assert checked_pages >= 40 and checked_labels > 1000
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


@pytest.mark.parametrize("book", BOOKS)
def test_every_font_is_embedded(books, book):
    fonts = book_fonts(PdfReader(str(books.pdf(book))))
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


@pytest.mark.parametrize("book", BOOKS)
def test_outline_has_every_nav_page(books, book):
    titles = [squash(t) for t in _outline_titles(PdfReader(str(books.pdf(book))))]
    pages = list(site_pages(books.site, locale_of(book), book))
    missing = []
    for html in pages:
        h1 = next(headings(article_of(html)))
        if not any(t.endswith(squash(h1)) for t in titles):
            missing.append(h1)
    assert len(titles) > len(pages)
    assert not missing, missing


@pytest.mark.skipif(shutil.which("mutool") is None, reason="mupdf-tools is installed by make test")
@pytest.mark.parametrize("book", BOOKS)
def test_no_text_smaller_than_7pt(books, book, tmp_path):
    stext = tmp_path / "book.stext"
    subprocess.run(["mutool", "draw", "-q", "-F", "stext", "-o", str(stext), str(books.pdf(book))],
                   check=True, capture_output=True)
    sizes = [float(font.get("size")) for font in ET.parse(stext).iter("font")]
    assert len(sizes) > 1000
    assert min(sizes) >= MIN_PT - 0.01, f"smallest text {min(sizes):.2f} pt"


@pytest.mark.parametrize("book", BOOKS)
def test_links_between_pages_stay_inside_the_book(books, book):
    reader = PdfReader(str(books.pdf(book)))
    internal = external = 0
    other_book = []
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
                if uri.startswith(SITE_URL):
                    other_book.append(uri[len(SITE_URL):])
    assert internal > 100, "table of contents and cross references jump inside the PDF"
    assert external > 100, "links to upstream code stay clickable"
    # A link to a page of the other release's book goes to that page on the website.
    prefix = "" if locale_of(book) == "zh" else "en/"
    wrong = [path for path in other_book
             if not path.startswith(prefix) or in_book(path[len(prefix):], book)]
    assert not wrong, wrong[:10]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_page_links_the_book_of_its_release_and_language(books, locale):
    from urllib.parse import urljoin
    wrong, liberty = [], 0
    root = books.site if locale == "zh" else books.site / "en"
    for html in site_pages(books.site, locale):
        rel = html.relative_to(root).as_posix()
        book = f"liberty-{locale}" if rel.startswith(LIBERTY_FOLDERS) else locale
        liberty += book != locale
        hrefs = re.findall(r'<a class="ow-pdf" href="([^"]+)"', html.read_text(encoding="utf-8"))
        page_url = "https://site.invalid/" + html.relative_to(books.site).as_posix()
        targets = {urljoin(page_url, h) for h in hrefs}
        if targets != {f"https://site.invalid/pdf/openstack-workflow-{book}.pdf"}:
            wrong.append(f"{html.relative_to(books.site)}: {sorted(targets)}")
        assert books.pdf(book).is_file()
    assert liberty >= 40, "the Liberty pages link the Liberty book"
    assert not wrong, "\n".join(wrong[:20])


APPENDIX = {"zh": "附录：状态索引（2026.1）", "en": "Appendix: state index (2026.1)",
            "liberty-zh": "附录：状态索引（Liberty）", "liberty-en": "Appendix: state index (Liberty)"}
PAGE_REF = {"zh": re.compile(r"（第 ?\d+ ?页）"), "en": re.compile(r"\(p\. ?\d+\)")}


@pytest.mark.parametrize("book", BOOKS)
def test_the_state_index_is_the_books_appendix(books, book):
    """Issue 15: each book ends with its release's state index, page numbers in place of links."""
    reader = PdfReader(str(books.pdf(book)))
    # Once, last among the chapters, and not also printed as the nav's index page;
    # its values are nested under it in the outline.
    chapters = [item for item in reader.outline if not isinstance(item, list)]
    assert squash(chapters[-1].title).endswith(squash(APPENDIX[book])), [c.title for c in chapters[-3:]]
    titles = [squash(t) for t in _outline_titles(reader)]
    assert sum("状态索引" in t or "stateindex" in t.lower() for t in titles) == 1, titles
    assert "task_state=migrating" in titles
    first = reader.get_destination_page_number(chapters[-1]) + 1
    appendix = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-f", str(first), str(books.pdf(book)), "-"],
                              capture_output=True, text=True, check=True).stdout
    assert squash(APPENDIX[book]) in squash(appendix[:200]), appendix[:200]
    assert "task_state=migrating" in squash(appendix) and "vm_state=active" in squash(appendix)
    assert len(PAGE_REF[locale_of(book)].findall(appendix)) > 50
    cinder = "status=error_deleting" in squash(appendix)
    assert cinder == (not book.startswith("liberty-")), "Cinder 2026.1 only in the current books"
