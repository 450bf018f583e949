"""The state index in the PDF books: each book's appendix is the index of its release.

The appendix stands in for the index page the nav puts in the book
(``states/``, ``liberty/states/``), so the operation chapters' links to a value
land on its heading in the appendix. ``python -m pdfbook`` passes
``book_appendices(root)`` to ``pdfbook.build_books``; the ``ow-pdf`` plugin passes
``appendices_from(...)`` over the index the ``ow-states`` plugin read for the build.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pdfbook import Appendices, book, editions, outline

from ..releases import Catalog
from . import notes as notes_module
from .appendix import appendix_html
from .config import StatesConfig
from .extract import Entry, all_writes, entries
from .notes import Note
from .page import Titles, index_path


def book_appendices(root: Path, notes_dir: str | None = None) -> Appendices:
    """The appendix function of the site at ``root``, reading its diagrams and notes
    (``python -m pdfbook``). A note file that does not parse stops with ``file:line:column``."""
    catalog = Catalog.load(root / "data" / "releases.toml")
    folder = root / (notes_dir or StatesConfig.notes_dir.default)
    loaded = notes_module.load(folder, root) if folder.is_dir() else []
    return appendices_from(catalog, entries(all_writes(root, catalog)),
                           {(n.project, n.field, n.value): n for n in loaded}, Titles(root / "docs"))


def appendices_from(catalog: Catalog, model: dict[str, list[Entry]], notes: dict[tuple[str, str, str], Note],
                    titles: Callable[[str, str], str | None]) -> Appendices:
    """The appendix function over an index already read (the ``ow-states`` plugin's, in a build)."""

    def appendices(edition: editions.Edition, language: outline.Language,
                   chapters: dict[str, str]) -> list[book.Appendix]:
        series_entries = model.get(edition.series)
        if not series_entries:
            return []
        page = index_path(catalog, edition.series).url
        replaces = page if page in chapters else None
        prefix = f"{chapters[page]}--" if replaces else "states-"
        words = language.locale.split("-")[0]
        title, body = appendix_html(catalog, edition.series, series_entries, notes,
                                    words if words in ("zh", "en") else "en", titles,
                                    chapters.get, prefix)
        return [book.Appendix(title, body, replaces)]

    return appendices
