"""Upstream code at a release: which files and names exist, on which line, at what URL.

The indexes under ``data/symbols/<project>-<tag>.json`` are built by
``scripts/build_symbol_index.py`` from a checkout of the upstream repository.
``src:`` links in prose and the reference comments of diagrams are both
resolved here, so the site build and ``python -m owsite check`` agree on what
"exists" means. Nothing here knows about MkDocs or the renderer.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data" / "symbols"
DEFAULT_RELEASE = ("nova", "12.0.0")
SAHARA_RELEASE = ("sahara", "3.0.0")
URL_TEMPLATE = "https://github.com/openstack/{project}/blob/{tag}/{path}"
SERIES = {
    ("nova", "12.0.0"): "liberty", ("nova", "13.0.0"): "mitaka",
    ("sahara", "3.0.0"): "liberty", ("nova", "33.0.2"): "2026.1",
    ("cinder", "28.0.0"): "2026.1", ("neutron", "28.0.1"): "2026.1",
    ("magnum", "22.0.0"): "2026.1",
}


@dataclass(frozen=True)
class Release:
    project: str
    tag: str


class UnknownRelease(LookupError):
    pass


class SymbolIndex:
    """Lazily loads one JSON index per release."""

    def __init__(self, data_dir: Path = DATA_DIR):
        self.data_dir = Path(data_dir)
        self._files: dict[Release, dict[str, dict[str, int]]] = {}

    def files(self, release: Release) -> dict[str, dict[str, int]]:
        if release not in self._files:
            path = self.data_dir / f"{release.project}-{release.tag}.json"
            if not path.is_file():
                raise UnknownRelease(f"no symbol index for {release.project} {release.tag} ({path})")
            self._files[release] = json.loads(path.read_text(encoding="utf-8"))["files"]
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

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for path in sorted(self.data_dir.glob("*.json")):
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        return digest.hexdigest()


class Upstream:
    """Resolves references of pages and diagrams to URLs; raises LookupError naming what is missing."""

    def __init__(self, index: SymbolIndex | None = None):
        self.index = index or SymbolIndex()
        self._fingerprint: str | None = None

    def release_of(self, value: str | None, path: str = "") -> Release:
        """``"nova 13.0.0"`` -> Release; paths under ``sahara/`` default to Sahara."""
        if value:
            parts = str(value).split()
            if len(parts) != 2:
                raise LookupError(f"release must read '<project> <tag>', not {value!r}")
            return Release(parts[0], parts[1])
        if path.startswith("sahara/"):
            return Release(*SAHARA_RELEASE)
        return Release(*DEFAULT_RELEASE)

    def release_for_path(self, release: Release, path: str) -> Release:
        """``release`` itself, or the release of the same series of the project whose tree
        ``path`` is in: a step Nova performs inside a Cinder flow links to Nova's code."""
        top = path.split("/", 1)[0]
        projects = {project for project, _ in SERIES}
        if top == release.project or top not in projects:
            return release
        series = SERIES.get((release.project, release.tag))
        for (project, tag), other_series in SERIES.items():
            if project == top and other_series == series:
                return Release(project, tag)
        raise LookupError(f"{path} belongs to {top}, which has no release in the series of "
                          f"{release.project} {release.tag}")

    def url(self, release: Release, path: str, name: str | None) -> str:
        line = self.index.line(release, path, name or None)
        if line is None:
            raise LookupError(self.index.explain(release, path, name))
        url = URL_TEMPLATE.format(project=release.project, tag=release.tag, path=path)
        return f"{url}#L{line}" if name else url

    def resolve_src(self, target: str, page_release: str | None) -> str:
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
        release = self.release_of(None if path.startswith("sahara/") else page_release, path)
        if tag is not None:
            release = Release(release.project, tag)
        return self.url(self.release_for_path(release, path), path, name)

    def resolve_diagram_ref(self, ref: Any, directives: dict[str, str]) -> str:
        """The renderer's ``resolve`` callback: a ``wsd.SourceRef`` -> URL at the diagram's release."""
        release = self.release_of(directives.get("release"), ref.path)
        return self.url(self.release_for_path(release, ref.path), ref.path, ref.name)

    def fingerprint(self) -> str:
        """Changes whenever an index changes, so cached diagrams with stale links are not reused."""
        if self._fingerprint is None:
            self._fingerprint = self.index.fingerprint()
        return self._fingerprint
