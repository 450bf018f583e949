"""Fix what mkdocs-static-i18n and Material get wrong for this site's chrome.

- The root ``404.html`` stays in the default language (Chinese), and the
  English build's one is kept as ``en/404.html``. mkdocs-static-i18n builds
  every extra language into the same site_dir after the default one, and each
  build writes ``404.html`` at the root, so the last language wins
  (static-i18n #284). Both 404 pages are made to work under any mount path.
- Every page: the language menu relative and marked, no ``<link rel="alternate">``
  (see chrome_html), the search dialog named, and a line for print.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from pdfbook.editions import edition_of_page

from ..pages import path_in_language
from ..releases import Catalog
from . import chrome_html, not_found
from .config import I18nFixesConfig


def is_default_language_build(config: MkDocsConfig) -> bool:
    i18n = config.plugins.get("i18n")
    return bool(i18n is not None and getattr(i18n, "is_default_language_build", False))


def site_path(config: MkDocsConfig) -> str:
    path = urlsplit(config.site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


class I18nFixesPlugin(BasePlugin[I18nFixesConfig]):
    def __init__(self) -> None:
        self.saved_404: dict[str, bytes] = {}  # site_dir -> the default language's 404.html
        self.catalog: Catalog | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.catalog = Catalog.load()
        return config

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        language = str(config.theme.get("language") or "en")
        language = "zh" if language.startswith("zh") else "en"
        is_404 = page.url in ("404.html", "en/404.html") or page.file.src_uri.endswith("404.md")
        output = chrome_html.drop_alternate_links(output)
        output = chrome_html.fix_language_menu(output, page_url=None if is_404 else page.url,
                                               site_path=site_path(config), language=language)
        output = chrome_html.name_search_dialog(output, language)
        if not is_404 and self.catalog is not None:
            edition = edition_of_page(self.catalog, path_in_language(page))
            book = "pdf/" + edition.file_name(language)
            site_url = config.site_url or ""
            output = chrome_html.add_print_line(
                output, language=language, page_address=site_url + page.url,
                book_href=get_relative_url(book, page.url), book_address=site_url + book)
        return output

    @event_priority(50)  # before i18n (-100) starts the other languages' builds
    def _save_404(self, config: MkDocsConfig) -> None:
        page = Path(config.site_dir) / "404.html"
        if self.config.enabled and is_default_language_build(config) and page.is_file():
            self.saved_404[config.site_dir] = page.read_bytes()

    @event_priority(-200)  # after i18n's nested builds
    def _restore_404(self, config: MkDocsConfig) -> None:
        # Popped: the nested English build may run this before the outer build does.
        data = self.saved_404.pop(config.site_dir, None)
        if data is None:
            return
        root = Path(config.site_dir)
        last = root / "404.html"  # the last language's (English) page
        if last.is_file() and last.read_bytes() != data and (root / "en").is_dir():
            (root / "en" / "404.html").write_bytes(last.read_bytes())
        last.write_bytes(data)
        tops = [p.name for p in root.iterdir() if p.is_dir()]
        for page, language in ((last, "zh"), (root / "en" / "404.html", "en")):
            if page.is_file():
                text = chrome_html.name_search_dialog(
                    chrome_html.drop_alternate_links(page.read_text(encoding="utf-8")), language)
                text = not_found.language_menu_to_homes(text, language=language, site_path=site_path(config))
                page.write_text(not_found.mount_independent(text, site_path=site_path(config), top_folders=tops),
                                encoding="utf-8")

    on_post_build = CombinedEvent(_save_404, _restore_404)
