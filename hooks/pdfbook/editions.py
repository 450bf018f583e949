"""One book per release series and language: which nav pages go in which book.

The series come from data/releases.toml: the default project's newest series
is the current book (``openstack-workflow-<locale>.pdf``), every other series
that owns pages has its own (``openstack-workflow-<series>-<locale>.pdf``).
A top-level nav item goes to the book of the release its pages describe
(``Catalog.for_page``); a top-level section made only of ``guide/`` pages goes
to every book, as the guides explain both releases.
"""
from __future__ import annotations

from dataclasses import dataclass

from owsite.releases import Catalog

SHARED_PREFIXES = ("guide/",)


@dataclass(frozen=True)
class Edition:
    series: str             # "2026.1", "Liberty"
    current: bool

    @property
    def slug(self) -> str:
        """"" for the current release, else the series in lower case ("liberty")."""
        return "" if self.current else self.series.lower().replace(" ", "-")

    def file_name(self, locale: str) -> str:
        middle = f"{self.slug}-" if self.slug else ""
        return f"openstack-workflow-{middle}{locale}.pdf"


def editions(catalog: Catalog) -> list[Edition]:
    """The current series first, then the others owning pages, in the data's order."""
    current = catalog.newest(catalog.default_project).series
    out = [Edition(current, True)]
    for release in catalog.with_pages():
        if all(e.series != release.series for e in out):
            out.append(Edition(release.series, False))
    return out


def edition_of_page(catalog: Catalog, path: str) -> Edition:
    """The book a page (``liberty/nova/pause.md``, path under its language folder) is in."""
    series = catalog.for_page(path).series
    return next(e for e in editions(catalog) if e.series == series)


def _sources(item: object) -> list[str]:
    if isinstance(item, str):
        return [item]
    if not isinstance(item, dict):
        return []
    ((_title, value),) = item.items()
    if isinstance(value, list):
        return [src for child in value for src in _sources(child)]
    if isinstance(value, str) and "://" not in value:
        return [value]
    return []


def nav_of(nav: list, edition: Edition, catalog: Catalog) -> list:
    """The top-level nav items of ``edition``'s book, in the nav's order."""
    kept = []
    for item in nav:
        sources = _sources(item)
        if not sources:
            continue
        if all(src.startswith(SHARED_PREFIXES) for src in sources):
            kept.append(item)
            continue
        # A section goes where most of its pages' releases are (the first page on a tie).
        votes: dict[str, int] = {}
        for src in sources:
            series = catalog.for_page(src).series
            votes[series] = votes.get(series, 0) + 1
        winner = max(votes, key=lambda s: (votes[s], s == catalog.for_page(sources[0]).series))
        if winner == edition.series:
            kept.append(item)
    return kept
