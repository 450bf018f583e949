"""Lay out a book's HTML with WeasyPrint and write the PDF atomically."""
from __future__ import annotations

import os
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

CSS_FILE = Path(__file__).with_name("print.css")


@dataclass
class Rendered:
    pages: int
    layout_seconds: float
    write_seconds: float


@cache
def _shared(font_css: str) -> tuple[Any, list[Any]]:
    """One font configuration and the parsed common stylesheets per process: a worker
    that writes two books loads the fonts and parses print.css once."""
    import weasyprint  # late: importing it costs a second and pulls in Pango
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    sheets = [weasyprint.CSS(filename=str(CSS_FILE), font_config=fonts)]
    if font_css:
        sheets.append(weasyprint.CSS(string=font_css, font_config=fonts))
    return fonts, sheets


def _html(tree: ET.Element, base_url: str) -> Any:
    """A WeasyPrint HTML document of a tree parsed already. WeasyPrint 70 can only parse
    (``HTML(string=...)``); this sets what its constructor sets after parsing."""
    import cssselect2  # type: ignore[import-untyped]
    import weasyprint
    from weasyprint.urls import URLFetcher

    doc = weasyprint.HTML.__new__(weasyprint.HTML)
    doc.base_url = base_url
    doc.url_fetcher = URLFetcher()
    doc.media_type = "print"
    doc.wrapper_element = cssselect2.ElementWrapper.from_html_root(tree, content_language=None)
    doc.etree_element = doc.wrapper_element.etree_element
    return doc


def write_pdf(source: ET.Element, out_file: Path, base_url: str, font_css: str, page_css: str,
              progress: Callable[[str], None]) -> Rendered:
    """Write ``out_file`` from the book's ``<html>`` tree ``source``."""
    import weasyprint

    fonts, sheets = _shared(font_css)
    stylesheets = list(sheets)
    if page_css:
        stylesheets.append(weasyprint.CSS(string=page_css, font_config=fonts))
    progress("laying out")
    started = time.perf_counter()
    document = _html(source, base_url).render(
        stylesheets=stylesheets, font_config=fonts)
    laid_out = time.perf_counter()
    progress(f"laid out {len(document.pages)} PDF pages in {laid_out - started:.1f} s; writing")
    out_file.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out_file.parent, prefix=out_file.name, suffix=".tmp")
    os.close(fd)
    try:
        document.write_pdf(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out_file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Rendered(len(document.pages), laid_out - started, time.perf_counter() - laid_out)
