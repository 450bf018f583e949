"""Tell each page its PDF book; write the books after the last language is built, when enabled.

Every page links the book of its own release series and language
(``partials/downloads.html`` reads ``pdf_book_slug`` and ``pdf_book_series``).
The books are made from the built site by ``pdfbook``, the same code that
``python -m pdfbook`` (``make pdf``) runs over an already built site.
"""
from __future__ import annotations

from pathlib import Path

import pdfbook
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext
from pdfbook import editions

from ..pages import path_in_language
from ..releases import Catalog
from ..states.book import appendices_from
from .config import PdfConfig


def is_nested_build(config: MkDocsConfig) -> bool:
    """True inside i18n's builds of the extra languages."""
    i18n = config.plugins.get("i18n")
    return bool(i18n is not None and getattr(i18n, "building", False))


class PdfPlugin(BasePlugin[PdfConfig]):
    def __init__(self) -> None:
        self.root_site_dir: str | None = None
        self.catalog: Catalog | None = None

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not is_nested_build(config):
            # i18n rewrites site_dir for the other languages' builds; keep the root.
            self.root_site_dir = config.site_dir
            self.catalog = Catalog.load()
        return config

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        catalog = self.catalog or Catalog.load()
        edition = editions.edition_of_page(catalog, path_in_language(page))
        context["pdf_book_slug"] = edition.slug  # type: ignore[typeddict-unknown-key]
        context["pdf_book_series"] = edition.series  # type: ignore[typeddict-unknown-key]
        return context

    @event_priority(-200)  # after i18n (-100) has built every other language
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or is_nested_build(config):
            return
        site_dir = Path(self.root_site_dir or config.site_dir)
        config_file = Path(config.config_file_path or "mkdocs.yml")
        # The books carry the state index as an appendix when the site has one.
        states = config.plugins.get("ow-states")
        appendices = None
        if states is not None and states.config.enabled and states.catalog is not None:
            # The diagrams and notes were read once for this build, by ow-states.
            appendices = appendices_from(states.catalog, states.model, states.notes, states.title)
        pdfbook.build_books(config_file, site_dir, site_dir / "pdf", jobs=self.config.jobs,
                            appendices=appendices)
