"""Upstream code at a release: which files and names exist, on which line, at what URL.

The indexes (``data/symbols/<project>-<tag>.json``, listed in
``data/releases.toml``) are built by ``scripts/build_symbol_index.py`` from a
checkout of the upstream repository. ``src:`` links in prose and the
reference comments of diagrams are both resolved here, so the site build and
``python -m owsite check`` agree on what "exists" means. Nothing here knows
about MkDocs or the renderer.
"""
from __future__ import annotations

import json
from typing import Protocol

from .releases import Catalog, Release, UnknownRelease, release_directive

__all__ = ["Catalog", "Release", "SymbolIndex", "UnknownRelease", "Upstream"]


class Reference(Protocol):
    """What the renderer hands the resolver (``wsd.SourceRef``)."""

    @property
    def path(self) -> str: ...

    @property
    def name(self) -> str | None: ...


class SymbolIndex:
    """Lazily loads the JSON index of each release the catalog lists."""

    def __init__(self, catalog: Catalog | None = None):
        self.catalog = catalog or Catalog.load()
        self._files: dict[Release, dict[str, dict[str, int]]] = {}

    def files(self, release: Release) -> dict[str, dict[str, int]]:
        if release not in self._files:
            entry = self.catalog.get(release.project, release.tag)
            if entry.index is None or not entry.index.is_file():
                raise UnknownRelease(f"no symbol index for {entry} ({entry.index})")
            self._files[release] = json.loads(entry.index.read_text(encoding="utf-8"))["files"]
        return self._files[release]

    def line(self, release: Release, path: str, name: str | None) -> int | None:
        """Line of ``name`` in ``path``; 1 for a bare file; None when unknown."""
        symbols = self.files(release).get(path)
        if symbols is None:
            return None
        if not name:
            return 1
        return symbols.get(name.removesuffix("()"))

    def explain(self, release: Release, path: str, name: str | None) -> str:
        """Why a lookup failed, worded for a diagnostic."""
        if path not in self.files(release):
            return f"{path} does not exist in {release.project} {release.tag}"
        return f"{path} has no {name} in {release.project} {release.tag}"


class Upstream:
    """Resolves references of pages and diagrams to URLs; raises LookupError naming what is missing."""

    def __init__(self, catalog: Catalog | None = None):
        self.catalog = catalog or Catalog.load()
        self.index = SymbolIndex(self.catalog)
        self._fingerprint: str | None = None

    def page_release(self, front_matter: object, path: str) -> Release:
        """The release a page describes: its front matter's ``release: <project> <tag>``,
        else the one the data assigns to its path under the language folder."""
        if front_matter:
            return self.catalog.parse(str(front_matter))
        return self.catalog.for_page(path)

    def release_for_path(self, release: Release, path: str) -> Release:
        """``release`` itself, or the release of the same series of the project whose tree
        ``path`` is in: a step Nova performs inside a Cinder flow links to Nova's code."""
        owner = self.catalog.owner(path)
        if owner is None or owner == release.project:
            return release
        other = self.catalog.in_series(owner, release.series)
        if other is None:
            raise LookupError(f"{path} belongs to {owner}, which has no release in the series of "
                              f"{release.project} {release.tag}")
        return other

    def url(self, release: Release, path: str, name: str | None) -> str:
        entry = self.catalog.get(release.project, release.tag)
        line = self.index.line(entry, path, name or None)
        if line is None:
            raise LookupError(self.index.explain(entry, path, name))
        url = entry.url.format(project=entry.project, tag=entry.tag, path=path)
        return f"{url}#L{line}" if name else url

    def resolve_src(self, target: str, page_release: Release) -> str:
        """``nova/compute/api.py#API.pause`` or ``setup.cfg`` -> URL at the page's release;
        ``@TAG/nova/compute/api.py#API.pause`` -> URL at another tag of the same project
        (a page comparing two releases links each side at its own tag)."""
        tag = None
        if target.startswith("@"):
            tag, _, target = target[1:].partition("/")
            if not tag:
                raise LookupError(f"src:@{target} names no tag")
        path, _, name = target.partition("#")
        if not path:
            raise LookupError(f"src:{target} names no file")
        if tag is None:
            return self.url(self.release_for_path(page_release, path), path, name)
        # An explicit tag belongs to the project whose tree the path is in: a 2026.1
        # guide can link retired Sahara with src:@3.0.0/sahara/...
        owner = self.catalog.owner(path) or page_release.project
        return self.url(self.catalog.get(owner, tag), path, name)

    def diagram_release(self, directives: dict[str, str], path: str = "",
                        default: Release | None = None) -> Release:
        """The diagram's ``@release``; without one, ``default`` (the release of the page
        showing it), else the newest release of the project ``path`` belongs to."""
        value = directives.get("release")
        if value:
            return self.catalog.parse(value)
        if default is not None:
            return default
        return self.catalog.newest(self.catalog.owner(path) or self.catalog.default_project)

    def resolve_diagram_ref(self, ref: Reference, directives: dict[str, str],
                            default: Release | None = None) -> str:
        """The renderer's ``resolve`` callback: a ``wsd.SourceRef`` -> URL at the diagram's release."""
        release = self.diagram_release(directives, ref.path, default)
        return self.url(self.release_for_path(release, ref.path), ref.path, ref.name)

    def directive_error(self, text: str) -> tuple[int, str] | None:
        """(line, message) when the diagram's ``# @release`` names no release in the data."""
        found = release_directive(text)
        if found is None:
            return None
        line, value = found
        try:
            self.catalog.parse(value)
        except UnknownRelease as exc:
            return line, f"@release: {exc.args[0]}"
        return None

    def fingerprint(self) -> str:
        """Changes whenever the data or an index changes, so cached diagrams with stale links are not reused."""
        if self._fingerprint is None:
            self._fingerprint = self.catalog.fingerprint()
        return self._fingerprint
