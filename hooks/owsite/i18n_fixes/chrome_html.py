"""Rewrites of each built page's HTML that make the site chrome work anywhere it is served.

mkdocs-static-i18n writes the language menu with root-absolute links on some
pages (the home pages, the 404 page) and adds ``<link rel="alternate">`` tags
that make Material fetch ``sitemap.xml`` beside every page (two 404s per page
view). The sitemap already carries the ``hreflang`` pairs for search engines,
so the tags are dropped and the menu links are made relative to the page.
"""
from __future__ import annotations

import html
import re

from mkdocs.utils import get_relative_url

ALTERNATE_LINK = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
LANGUAGE_LINK = re.compile(r'<a href="(?P<href>[^"]*)" hreflang="(?P<lang>[^"]*)" class="md-select__link">')
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
ARTICLE = '<article class="md-content__inner md-typeset">'

SEARCH_LABEL = {"zh": "搜索", "en": "Search"}
PRINT_LINE = {
    "zh": "本页在线阅读：{page}。离线阅读请下载 PDF 书：{book}",
    "en": "Read this page online: {page}. For offline reading, get the PDF book: {book}",
}


def drop_alternate_links(page_html: str) -> str:
    return ALTERNATE_LINK.sub("", page_html)


def fix_language_menu(page_html: str, *, page_url: str | None, site_path: str, language: str) -> str:
    """Language links relative to the page (unless ``page_url`` is None: the 404 page, served
    at any depth, keeps them for its own script) and the reader's language marked current."""
    def repl(match: re.Match[str]) -> str:
        href = html.unescape(match["href"])
        if href.startswith(site_path) and page_url is not None:
            target = href[len(site_path):]
            href = get_relative_url(target or ".", page_url or ".")
            if href.endswith("/.") or href == ".":
                href = href[:-1] or "./"
            if (not target or target.endswith("/")) and not href.endswith("/"):
                href += "/"
        current = ' aria-current="true"' if match["lang"] == language else ""
        return (f'<a href="{html.escape(href)}" hreflang="{match["lang"]}" '
                f'class="md-select__link"{current}>')
    return LANGUAGE_LINK.sub(repl, page_html)


def name_search_dialog(page_html: str, language: str) -> str:
    label = SEARCH_LABEL.get(language, SEARCH_LABEL["en"])
    return page_html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{label}">', 1)


def add_print_line(page_html: str, *, language: str, page_address: str, book_href: str,
                   book_address: str) -> str:
    """A line shown only in print (print.css) naming where the page lives and its PDF book."""
    text = PRINT_LINE.get(language, PRINT_LINE["en"])
    line = html.escape(text).format(
        page=f'<a href="{html.escape(page_address)}">{html.escape(page_address)}</a>',
        book=f'<a href="{html.escape(book_href)}">{html.escape(book_address)}</a>')
    return page_html.replace(ARTICLE, ARTICLE + f'<p class="ow-print-only ow-print-pdf">{line}</p>', 1)
