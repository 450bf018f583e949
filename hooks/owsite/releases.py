"""The upstream projects and releases the site documents, read from ``data/releases.toml``.

Everything that needs to know a release (the ``src:`` links, the diagram
steps, the check command, the PDF cover, the symbol-index builder) asks a
``Catalog``, so adding a release is an index file and an entry, not code.
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_FILE = ROOT / "data" / "releases.toml"

# The `# @release <project> <tag>` line of a diagram, as the renderer's parser reads it.
RELEASE_DIRECTIVE_RE = re.compile(r"^\s*#\s*@release(?:\s+(.*?))?\s*$")


class UnknownRelease(LookupError):
    pass


@dataclass(frozen=True)
class Release:
    """A project at a tag. Equal by (project, tag) alone, so ``Release("nova", tag)``
    finds the catalog's entry with its series, index and URL."""

    project: str
    tag: str
    series: str = field(default="", compare=False)
    url: str = field(default="", compare=False)
    index: Path | None = field(default=None, compare=False)
    sources: tuple[str, ...] = field(default=(), compare=False)
    pages: tuple[str, ...] = field(default=(), compare=False)
    folder: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"{self.project} {self.tag}"

    @property
    def version(self) -> tuple[int, ...]:
        """The tag as numbers, for "newest"; a tag that is not dotted numbers sorts first."""
        try:
            return tuple(int(part) for part in self.tag.split("."))
        except ValueError:
            return ()


class Catalog:
    def __init__(self, releases: list[Release], default_project: str, source: Path | None = None):
        self.releases = releases
        self.default_project = default_project
        self.source = source
        self._by_key = {(r.project, r.tag): r for r in releases}

    @classmethod
    def load(cls, path: Path = DEFAULT_FILE) -> Catalog:
        path = Path(path)
        with path.open("rb") as data:
            raw = tomllib.load(data)
        releases = [_release(entry, path) for entry in raw.get("release", [])]
        keys = [(r.project, r.tag) for r in releases]
        duplicates = sorted({f"{p} {t}" for p, t in keys if keys.count((p, t)) > 1})
        if duplicates:
            raise ValueError(f"{path}: listed twice: {', '.join(duplicates)}")
        default = str(raw.get("default_project", ""))
        if not any(r.project == default for r in releases):
            raise ValueError(f"{path}: default_project {default!r} has no release")
        return cls(releases, default, path)

    def _where(self) -> str:
        return self.source.name if self.source else "the release data"

    def get(self, project: str, tag: str) -> Release:
        found = self._by_key.get((project, tag))
        if found is None:
            known = ", ".join(str(r) for r in self.releases)
            raise UnknownRelease(f"{project} {tag} is not a release in {self._where()} (known: {known})")
        return found

    def parse(self, value: str) -> Release:
        """``"<project> <tag>"`` -> its entry; UnknownRelease for anything else."""
        parts = str(value).split()
        if len(parts) != 2:
            raise UnknownRelease(f"release must read '<project> <tag>', not {value!r}")
        return self.get(parts[0], parts[1])

    def newest(self, project: str) -> Release:
        candidates = [r for r in self.releases if r.project == project]
        if not candidates:
            raise UnknownRelease(f"no release of {project} in {self._where()}")
        return max(candidates, key=lambda r: r.version)

    def for_page(self, path: str) -> Release:
        """The release a page describes, by its path under the language folder
        (``liberty/nova/pause.md``): the longest ``pages`` prefix, else the default project's newest."""
        best: tuple[int, Release] | None = None
        for release in self.releases:
            for prefix in release.pages:
                if path.startswith(prefix) and (best is None or len(prefix) > best[0]):
                    best = (len(prefix), release)
        return best[1] if best else self.newest(self.default_project)

    def owner(self, path: str) -> str | None:
        """The project whose upstream tree ``path`` lies in, if any claims it."""
        for release in self.releases:
            if any(path.startswith(prefix) for prefix in release.sources):
                return release.project
        return None

    def in_series(self, project: str, series: str) -> Release | None:
        for release in self.releases:
            if release.project == project and release.series == series:
                return release
        return None

    def siblings(self, release: Release) -> list[Release]:
        """The project's other releases that have pages of their own, newest first."""
        others = [r for r in self.releases
                  if r.project == release.project and r.pages and r != release]
        return sorted(others, key=lambda r: r.version, reverse=True)

    def with_pages(self) -> list[Release]:
        """Releases that own pages, in the data's order."""
        return [r for r in self.releases if r.pages]

    def fingerprint(self) -> str:
        """Hash of the data and every index's content: equal files give equal fingerprints
        whatever their mtimes, so a fresh checkout reuses a cache built elsewhere."""
        digest = hashlib.sha256()
        files = ([self.source] if self.source else []) + [r.index for r in self.releases if r.index]
        for path in files:
            try:
                data = path.read_bytes()
            except OSError:
                data = b""  # a missing index is reported where it is used
            digest.update(f"{path.name}:{len(data)}:".encode())
            digest.update(data)
        return digest.hexdigest()


def _release(entry: dict[str, Any], path: Path) -> Release:
    try:
        project, tag = str(entry["project"]), str(entry["tag"])
        return Release(
            project=project, tag=tag, series=str(entry["series"]), url=str(entry["url"]),
            index=(path.parent / str(entry["index"])).resolve(),
            sources=tuple(entry.get("sources", ())), pages=tuple(entry.get("pages", ())),
            folder=str(entry.get("folder", "")),
        )
    except KeyError as exc:
        raise ValueError(f"{path}: a [[release]] entry has no {exc.args[0]}: {entry}") from None


def release_directive(text: str) -> tuple[int, str] | None:
    """(line, value) of a diagram's ``# @release`` line, if it has one (the last, as in the renderer)."""
    found = None
    for number, line in enumerate(text.splitlines(), start=1):
        match = RELEASE_DIRECTIVE_RE.match(line)
        if match:
            found = (number, match.group(1) or "")
    return found
